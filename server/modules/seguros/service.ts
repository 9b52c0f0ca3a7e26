/** Insurance credentials (seed 000, item 12): register or update, list per patient. */
import type { Deps } from "../../app_env.ts";
import type { Sql } from "../../db/db.ts";
import { type Actor, recordEvent } from "../../events/record.ts";
import { conflict, notFound, unprocessable } from "../../http/errors.ts";
import { pacienteTopics } from "../../shared/paciente_shape.ts";
import type { RowOf } from "../../contract/define.ts";
import type { Credencial, CredencialInput } from "./schemas.ts";
import { topic } from "../../events/topics.ts";
import { lit } from "../../db/sql.ts";
import { AGENDAMENTO_MARCADOS, CREDENCIAL, SEGURO, SLOT, STATUS } from "../../shared/statuses.ts";

const COLUMNS = (sql: Sql) =>
  sql`credencialid, pacienteid, operadora, numero_carteirinha, validade, status, verificado_em,
      created_at, updated_at`;

export type CredencialRow = RowOf<typeof Credencial, "verificado_em">;

const dataBr = (iso: string) => iso.split("-").reverse().join("/");

async function requirePaciente(sql: Sql, pacienteid: number) {
  const [p] = await sql<{ status: string }>`
    select status from ca_paciente where pacienteid = ${pacienteid}`;
  if (!p) throw notFound("Paciente");
  return p;
}

/**
 * Registers a card, or updates the one with the same operadora and number. The card goes back
 * to `Pendente` until the check before the next consultation. Answers the row and whether it
 * was created.
 */
export function registrarCredencial(
  deps: Deps,
  actor: Actor,
  pacienteid: number,
  input: Omit<CredencialInput, "pacienteid">,
) {
  return deps.db.begin(async (sql) => {
    const paciente = await requirePaciente(sql, pacienteid);
    if (paciente.status !== STATUS.ativo) {
      throw unprocessable(
        "paciente_inativo",
        "Paciente inativo: reative o cadastro antes de registrar o convênio.",
      );
    }
    // "Today" is the clinic's calendar day, not the server's.
    const [{ hoje }] = await sql<{ hoje: string }>`
      select (now() at time zone (select timezone from ca_clinica_configuracao where id = 1))
             ::date::text as hoje`;
    if (input.validade < hoje) {
      throw unprocessable(
        "carteirinha_vencida",
        `A carteirinha venceu em ${dataBr(input.validade)}. Informe uma carteirinha válida.`,
        { validade: input.validade, hoje },
      );
    }
    const [before] = await sql<CredencialRow>`
      select ${COLUMNS(sql)} from ca_seguro_credencial
      where lower(ca_unaccent(operadora)) = lower(ca_unaccent(${input.operadora}::text))
        and numero_carteirinha = ${input.numero_carteirinha}
      for update`;
    const emUso = () =>
      conflict("carteirinha_em_uso", "Esta carteirinha já está cadastrada para outro paciente.");
    if (before && before.pacienteid !== pacienteid) throw emUso();
    const [after] = await sql<CredencialRow>`
      insert into ca_seguro_credencial (pacienteid, operadora, numero_carteirinha, validade)
      values (${pacienteid}, ${input.operadora}, ${input.numero_carteirinha}, ${input.validade})
      on conflict (lower(ca_unaccent(operadora)), numero_carteirinha) do update
        set operadora = excluded.operadora, validade = excluded.validade, status = ${
      lit(CREDENCIAL.pendente)
    },
            verificado_em = null, updated_at = now()
        where ca_seguro_credencial.pacienteid = excluded.pacienteid
      returning ${COLUMNS(sql)}`;
    // Another patient's card committed between our read and our write.
    if (!after) throw emUso();
    const revalidados = await revalidarAgendamentos(sql, actor, pacienteid, after.validade);
    const credencial = revalidados > 0
      ? (await sql<CredencialRow>`
          update ca_seguro_credencial set status = ${lit(CREDENCIAL.valida)}, verificado_em = now()
          where credencialid = ${after.credencialid}
          returning ${COLUMNS(sql)}`)[0]
      : after;
    await recordEvent(sql, actor, {
      kind: before ? "seguro.credencial_atualizada" : "seguro.credencial_registrada",
      entity: "seguro_credencial",
      entityId: after.credencialid,
      topics: pacienteTopics(pacienteid),
      before,
      after: credencial,
    });
    return { credencial, criada: !before };
  });
}

/**
 * The check before a consultation found the patient's card invalid and told them to update it:
 * a new card valid through the consultation day makes those agendamentos `Válido` at once,
 * each with its `agendamento.seguro_validado` event. Answers how many changed.
 */
async function revalidarAgendamentos(sql: Sql, actor: Actor, pacienteid: number, validade: string) {
  const rows = await sql<{ agendamentoid: number; unidadeid: number; data: string }>`
    update ca_agendamento a set seguro_status = ${lit(SEGURO.valido)}, updated_at = now()
    from ca_slotagenda s
    where s.slotagendaid = a.slotagendaid and a.pacienteid = ${pacienteid}
      and a.seguro_status = ${lit(SEGURO.invalido)} and a.status in (${lit(AGENDAMENTO_MARCADOS)})
      and s.status <> ${lit(SLOT.cancelado)} and s.datainicio > now() and s.data <= ${validade}
    returning a.agendamentoid, s.unidadeid, s.data`;
  for (const r of rows) {
    await recordEvent(sql, actor, {
      kind: "agendamento.seguro_validado",
      entity: "agendamento",
      entityId: r.agendamentoid,
      topics: [topic.paciente(pacienteid), topic.unidade(r.unidadeid), topic.data(r.data)],
      before: { seguro_status: SEGURO.invalido },
      after: { seguro_status: SEGURO.valido },
    });
  }
  return rows.length;
}

export async function listarCredenciais(deps: Deps, pacienteid: number) {
  const { sql } = deps.db;
  await requirePaciente(sql, pacienteid);
  const items = await sql<CredencialRow>`
    select ${COLUMNS(sql)} from ca_seguro_credencial where pacienteid = ${pacienteid}
    order by validade desc, credencialid desc`;
  return { items };
}
