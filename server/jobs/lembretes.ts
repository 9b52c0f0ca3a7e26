/**
 * Reminder job: every live agendamento (Ativo or Confirmado) whose slot starts within the next
 * `ca_clinica_configuracao.lembrete_horas_antes` hours (default 24) gets one `lembrete`, by
 * WhatsApp to the patient's phone and by e-mail when they have one. Idempotent per agendamento
 * and slot through `ca_job_execucao` (job `lembrete`).
 */
import { notifyPaciente } from "../notify/paciente.ts";
import { candidates, consultaOf, lockAgendamento, markDone } from "./agenda.ts";
import type { JobDeps } from "./scheduler.ts";

export const JOB_LEMBRETE = "lembrete";

export async function runLembretes({ db }: JobDeps) {
  const [cfg] = await db.sql<{ lembrete_horas_antes: number }>`
    select lembrete_horas_antes from ca_clinica_configuracao where id = 1`;
  const horas = cfg?.lembrete_horas_antes ?? 24;
  let enviados = 0;
  for (const agendamentoid of await candidates(db.sql, JOB_LEMBRETE, horas)) {
    // One transaction per agendamento: the mark and the messages commit together.
    enviados += await db.begin(async (sql) => {
      const a = await lockAgendamento(sql, agendamentoid, horas);
      if (!a || !(await markDone(sql, JOB_LEMBRETE, a))) return 0;
      const ids = await notifyPaciente(sql, a.pacienteid, "lembrete", {
        ...consultaOf(a),
        protocolo: a.protocolo,
      }, {
        chave: `${a.agendamentoid}:${a.slotagendaid}`,
        payload: { agendamentoid: a.agendamentoid, protocolo: a.protocolo },
      });
      return ids.length;
    });
  }
  return { mensagens: enviados };
}
