/**
 * Calendar export of a consultation (spec "Exportar para Calendário"): an .ics file with two
 * reminders (1 h and 1 day before) built by `ical-generator`, and a Google Calendar link.
 * Times are written in UTC (`...Z`), which every calendar converts to the reader's zone, so the
 * instant is exact whatever the unidade's time zone; the zone is still named for display.
 */
import ical, { ICalAlarmType } from "ical-generator";
import { unprocessable } from "../../http/errors.ts";
import type { AgendamentoDetail } from "../../booking/details.ts";
import { AGENDAMENTO } from "../../shared/statuses.ts";

type Consulta = AgendamentoDetail & { endereco: string };

function assertExportable(a: Consulta) {
  if (a.status !== AGENDAMENTO.ativo && a.status !== AGENDAMENTO.confirmado) {
    throw unprocessable(
      "nao_exportavel",
      "Só consultas agendadas ou confirmadas podem ser exportadas para o calendário.",
      { status: a.status },
    );
  }
}

const titulo = (a: Consulta) => `Consulta: ${a.especialidade_nome} - ${a.medico_nome}`;
const descricao = (a: Consulta) =>
  [
    `Médico: ${a.medico_nome}`,
    `Especialidade: ${a.especialidade_nome}`,
    `Protocolo: ${a.protocolo}`,
    `Unidade: ${a.unidade_nome}`,
  ].join("\n");
const local = (a: Consulta) => [a.unidade_nome, a.endereco].filter(Boolean).join(" - ");

export function icsOf(a: Consulta, host = "commandagenda"): string {
  assertExportable(a);
  const cal = ical({ name: "Command Agenda", prodId: "//Command Agenda//Agendamentos//PT-BR" });
  const event = cal.createEvent({
    id: `agendamento-${a.agendamentoid}@${host}`,
    start: a.datainicio,
    end: a.datafim,
    summary: titulo(a),
    description: descricao(a),
    location: local(a),
  });
  event.createAlarm({
    type: ICalAlarmType.display,
    trigger: 3600,
    description: "Consulta em 1 hora",
  });
  event.createAlarm({
    type: ICalAlarmType.display,
    trigger: 86400,
    description: "Consulta amanhã",
  });
  return cal.toString();
}

/** `YYYYMMDDTHHMMSSZ` as Google Calendar expects. */
const utcStamp = (d: Date) => d.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");

export function googleCalendarUrl(a: Consulta): string {
  assertExportable(a);
  const params = new URLSearchParams({
    action: "TEMPLATE",
    text: titulo(a),
    dates: `${utcStamp(a.datainicio)}/${utcStamp(a.datafim)}`,
    details: descricao(a),
    location: local(a),
    ctz: a.timezone,
  });
  return `https://calendar.google.com/calendar/render?${params}`;
}
