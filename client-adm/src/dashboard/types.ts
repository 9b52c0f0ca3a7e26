/** Response types of the dashboard's routes, from the route contract (types only). */
import type { Result } from "../../../client-shared/api_client.ts";

export type SlotRangeRes = Result<"GET /api/slots/mes">;
export type DayTotalsRow = SlotRangeRes["dias"][number];
export type SlotDayRes = Result<"GET /api/slots">;
export type SlotRow = SlotDayRes["grupos"][number]["slots"][number];
export type DayStatsRes = Result<"GET /api/grade-stats/day/:date">;
export type AgendamentoListRes = Result<"GET /api/agendamentos">;
export type AgendamentoRow = AgendamentoListRes["items"][number];
export type AgendamentoStatusT = AgendamentoRow["status"];
export type PacienteHit = Result<"GET /api/agendamentos/buscar-paciente">["items"][number];

export type CalendarView = "mes" | "semana" | "dia";
