/**
 * Backlog items for the operator panel tests, on the clinic of `seedClinic` (console shell's
 * e2e seed): one patient per item, Cardiologia, and one patient eligible only for Prioritário.
 */
import { nextCpf } from "../../server/testing/harness.ts";
import type { Clinic } from "../seed.ts";
import { api } from "../seed.ts";

export interface Cartao {
  backlogid: number;
  pacienteid: number;
  nome: string;
}

export async function filaDoPainel(
  base: string,
  c: Clinic,
  nomes: string[],
  opts: { somentePrioritario?: string[] } = {},
): Promise<Record<string, Cartao>> {
  const out: Record<string, Cartao> = {};
  for (const [i, nome] of nomes.entries()) {
    const soPrio = opts.somentePrioritario?.includes(nome);
    const p = await api(base, "POST", "/api/pacientes", {
      token: c.master,
      body: {
        nomecompleto: nome,
        cpf: nextCpf(),
        telefone: "11987654321",
        tipo: "Comum",
        tipos_slot_elegiveis: soPrio ? [c.prioritario] : [c.normal, c.prioritario],
      },
    });
    const b = await api(base, "POST", "/api/backlog", {
      token: c.master,
      body: {
        pacienteid: p.pacienteid,
        especialidadeid: c.especialidadeid,
        prioridade: (["Alta", "Média", "Baixa"] as const)[i % 3],
        data_preferida: c.dia,
        periodo_preferido: "Manhã",
      },
    });
    out[nome] = { backlogid: b.backlogid, pacienteid: p.pacienteid, nome };
  }
  return out;
}

/** The day's slots of the clinic's Cardiologia grade, keyed "08:00 Normal". */
export async function slotsDoDia(base: string, c: Clinic) {
  const day = await api(base, "GET", `/api/slots?data=${c.dia}`, { token: c.master });
  const out: Record<string, { slotagendaid: number; vagas_ocupadas: number; limitevagas: number }> =
    {};
  for (const g of day.grupos) {
    for (const s of g.slots) out[`${s.hora.slice(0, 5)} ${s.tiposlot.nome}`] = s;
  }
  return out;
}
