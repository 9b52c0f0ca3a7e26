/**
 * Insurance check, 24 h before (seed 000, item 12): for each live agendamento starting within
 * the next 24 hours whose patient has a `ca_seguro_credencial`, verify the credentials against
 * the day of the consultation (a card whose `validade` is before that day is `Inválida`), set
 * each credential's status and `ca_agendamento.seguro_status` (`Válido` when at least one card
 * is valid, else `Inválido`), write `agendamento.seguro_validado` / `agendamento.seguro_invalidado`
 * and, when invalid, enqueue `seguro_invalido` to the patient. Idempotent per agendamento and
 * slot through `ca_job_execucao` (job `seguro`).
 */
import { recordEvent, SYSTEM } from "../events/record.ts";
import { notifyPaciente } from "../notify/paciente.ts";
import { candidates, consultaOf, lockAgendamento, markDone } from "./agenda.ts";
import type { JobDeps } from "./scheduler.ts";
import { topic } from "../events/topics.ts";
import { CREDENCIAL, SEGURO } from "../shared/statuses.ts";

export const JOB_SEGURO = "seguro";
export const SEGURO_HORAS_ANTES = 24;

interface Credencial {
  credencialid: number;
  operadora: string;
  numero_carteirinha: string;
  validade: string;
  status: string;
}

const dataBr = (iso: string) => iso.split("-").reverse().join("/");

export async function runVerificacaoSeguros({ db }: JobDeps) {
  const ids = await candidates(
    db.sql,
    JOB_SEGURO,
    SEGURO_HORAS_ANTES,
    db.sql`and exists (select 1 from ca_seguro_credencial c where c.pacienteid = a.pacienteid)`,
  );
  const out = { validos: 0, invalidos: 0 };
  for (const agendamentoid of ids) {
    const result = await db.begin(async (sql) => {
      const a = await lockAgendamento(sql, agendamentoid, SEGURO_HORAS_ANTES);
      if (!a || !(await markDone(sql, JOB_SEGURO, a))) return null;
      const creds = await sql<Credencial>`
        select credencialid, operadora, numero_carteirinha, validade, status
        from ca_seguro_credencial where pacienteid = ${a.pacienteid}
        order by validade desc, credencialid
        for update`;
      if (creds.length === 0) return null;
      const checked = creds.map((c) => ({
        ...c,
        status: c.validade >= a.data ? CREDENCIAL.valida : CREDENCIAL.invalida,
      }));
      for (const c of checked) {
        await sql`update ca_seguro_credencial
                  set status = ${c.status}, verificado_em = now(), updated_at = now()
                  where credencialid = ${c.credencialid}`;
      }
      const valido = checked.some((c) => c.status === CREDENCIAL.valida);
      const seguroStatus = valido ? SEGURO.valido : SEGURO.invalido;
      await sql`update ca_agendamento set seguro_status = ${seguroStatus}, updated_at = now()
                where agendamentoid = ${a.agendamentoid}`;
      const resumo = (list: Credencial[]) =>
        list.map(({ credencialid, operadora, validade, status }) => ({
          credencialid,
          operadora,
          validade,
          status,
        }));
      await recordEvent(sql, SYSTEM, {
        kind: valido ? "agendamento.seguro_validado" : "agendamento.seguro_invalidado",
        entity: "agendamento",
        entityId: a.agendamentoid,
        topics: [topic.paciente(a.pacienteid), topic.unidade(a.unidadeid), topic.data(a.data)],
        before: { seguro_status: a.seguro_status, credenciais: resumo(creds) },
        after: { seguro_status: seguroStatus, credenciais: resumo(checked) },
      });
      if (!valido) {
        // The most recent card is the one the patient most likely means to use.
        const c = checked[0];
        await notifyPaciente(sql, a.pacienteid, "seguro_invalido", {
          ...consultaOf(a),
          operadora: c.operadora,
          numeroCarteirinha: c.numero_carteirinha,
          motivo: `carteirinha vencida em ${dataBr(c.validade)}`,
        }, {
          chave: `${a.agendamentoid}:${a.slotagendaid}`,
          payload: { agendamentoid: a.agendamentoid, credencialid: c.credencialid },
        });
      }
      return valido;
    });
    if (result === true) out.validos++;
    else if (result === false) out.invalidos++;
  }
  return out;
}
