/**
 * Reminder job: every live agendamento (Ativo or Confirmado) whose slot starts within the next
 * `ca_clinica_configuracao.lembrete_horas_antes` hours (default 24) gets one `lembrete`, by
 * WhatsApp to the patient's phone and by e-mail when they have one. Idempotent per agendamento
 * and slot through `ca_job_execucao` (job `lembrete`).
 */
import { enqueue } from "../notify/outbox.ts";
import { render } from "../notify/templates.ts";
import { candidates, consultaOf, destinosOf, lockAgendamento, markDone } from "./agenda.ts";
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
      const { assunto, corpo } = render("lembrete", { ...consultaOf(a), protocolo: a.protocolo });
      let n = 0;
      for (const { canal, destino } of destinosOf(a)) {
        const id = await enqueue(sql, {
          canal,
          destino,
          template: "lembrete",
          assunto,
          corpo,
          payload: { agendamentoid: a.agendamentoid, protocolo: a.protocolo },
          idempotencyKey: `lembrete:${a.agendamentoid}:${a.slotagendaid}:${canal}`,
          pacienteid: a.pacienteid,
        });
        if (id) n++;
      }
      return n;
    });
  }
  return { mensagens: enviados };
}
