/**
 * The request being built by the wizard, the lists it picks from, and the checks of each step
 * (the server checks again: the date window and the especialidade are its rules too).
 */
import type { Result } from "../../../client-shared/api_client.ts";
import type { FieldErrors } from "../../../client-shared/forms.ts";
import { diasEntre, JANELA_PACIENTE } from "../../../server/modules/backlog/priority_rule.ts";

type Portal<T> = Extract<T, unknown[]>[number];
export type Especialidade = Portal<Result<"GET /api/especialidades">>;
export type Unidade = Portal<Result<"GET /api/unidades">>;
export type Medico = Result<"GET /api/medicos">["items"][number];

export interface Catalogo {
  especialidades: Especialidade[];
  unidades: Unidade[];
  medicos: Medico[];
}

export type Periodo = "Manhã" | "Tarde" | "Noite" | "Qualquer";

export interface Pedido {
  especialidadeid: number | null;
  unidadeid: number | null;
  medicoid: number | null;
  /** "YYYY-MM-DD" or "" (no preferred date). */
  data: string;
  periodo: Periodo;
  urgente: boolean;
  observacoes: string;
}

export const PEDIDO_VAZIO: Pedido = {
  especialidadeid: null,
  unidadeid: null,
  medicoid: null,
  data: "",
  periodo: "Qualquer",
  urgente: false,
  observacoes: "",
};

/** Médicos of the especialidade (and of the unidade, when one is chosen). */
export function medicosDe(c: Catalogo, p: Pedido): Medico[] {
  return c.medicos.filter((m) =>
    m.especialidades.some((e) => e.especialidadeid === p.especialidadeid) &&
    (!p.unidadeid || m.unidadeid === p.unidadeid)
  );
}

/** Unidades where a médico of the especialidade works; every unidade when none says where. */
export function unidadesDe(c: Catalogo, p: Pedido): Unidade[] {
  const ids = new Set(
    c.medicos.filter((m) => m.especialidades.some((e) => e.especialidadeid === p.especialidadeid))
      .map((m) => m.unidadeid).filter((id) => id !== null),
  );
  return ids.size ? c.unidades.filter((u) => ids.has(u.unidadeid)) : c.unidades;
}

export function validarEtapa(etapa: number, p: Pedido, hoje: string): FieldErrors {
  const e: FieldErrors = {};
  if (etapa === 0 && !p.especialidadeid) e.especialidadeid = "Escolha a especialidade.";
  if (etapa === 1 && p.data) {
    const dias = diasEntre(hoje, p.data);
    if (Number.isNaN(dias) || dias < JANELA_PACIENTE.min || dias > JANELA_PACIENTE.max) {
      e.data = "Escolha uma data entre amanhã e os próximos 60 dias.";
    }
  }
  if (etapa === 1 && p.observacoes.length > 1000) {
    e.observacoes = "Use no máximo 1000 caracteres.";
  }
  return e;
}
