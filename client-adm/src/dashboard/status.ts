/** The agendamento statuses, as the server names them (imported, not copied). */
export { AGENDAMENTO_STATUSES as AGENDAMENTO_STATUS_LIST } from "../../../server/modules/agendamentos/schemas.ts";
