/** Response types of the dashboard's routes, from the server's zod schemas (types only). */
import type { z } from "zod";
import type {
  DayTotals,
  SlotDay,
  SlotRange,
  SlotView,
} from "../../../server/modules/slots/schemas.ts";
import type { DayStats } from "../../../server/modules/grade_stats/schemas.ts";
import type {
  AgendamentoDetail,
  AgendamentoList,
  AgendamentoStatus,
} from "../../../server/modules/agendamentos/schemas.ts";

export type SlotRangeRes = z.infer<typeof SlotRange>;
export type DayTotalsRow = z.infer<typeof DayTotals>;
export type SlotDayRes = z.infer<typeof SlotDay>;
export type SlotRow = z.infer<typeof SlotView>;
export type DayStatsRes = z.infer<typeof DayStats>;
export type AgendamentoListRes = z.infer<typeof AgendamentoList>;
/** As JSON carries it: instants are ISO strings, not Dates. */
export type AgendamentoRow =
  & Omit<z.infer<typeof AgendamentoDetail>, "datainicio" | "datafim" | "expira_em">
  & { datainicio: string; datafim: string; expira_em: string | null };
export type AgendamentoStatusT = z.infer<typeof AgendamentoStatus>;

export type CalendarView = "mes" | "semana" | "dia";
