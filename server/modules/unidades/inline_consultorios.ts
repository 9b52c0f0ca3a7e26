/**
 * Inline consultório management of POST/PUT /api/unidades: each line creates, renames,
 * inactivates or reactivates one consultório, with the same rules (and events) as the
 * /api/consultorios endpoints, inside the unidade's transaction. Consultórios not listed are
 * left as they are.
 */
import type { Sql } from "../../db/db.ts";
import type { Actor } from "../../events/record.ts";
import { unprocessable } from "../../http/errors.ts";
import {
  changeConsultorio,
  inactivateConsultorio,
  insertConsultorio,
  reactivateConsultorio,
} from "../consultorios/service.ts";
import type { ConsultorioInline } from "./schemas.ts";
import { STATUS } from "../../shared/statuses.ts";

export async function applyInlineConsultorios(
  sql: Sql,
  actor: Actor,
  unidadeid: number,
  lines: ConsultorioInline[],
): Promise<void> {
  for (const line of lines) {
    if (line.consultorioid === undefined) {
      await insertConsultorio(sql, actor, { unidadeid, nome: line.nome, status: line.status });
      continue;
    }
    const [current] = await sql<{ unidadeid: number; nome: string; status: string }>`
      select unidadeid, nome, status from ca_consultorio where consultorioid = ${line.consultorioid}
      for update`;
    if (!current || current.unidadeid !== unidadeid) {
      throw unprocessable(
        "consultorio_de_outra_unidade",
        `O consultório ${line.consultorioid} não pertence a esta unidade.`,
        { consultorioid: line.consultorioid },
      );
    }
    if (line.nome !== current.nome) {
      await changeConsultorio(sql, actor, line.consultorioid, { nome: line.nome });
    }
    if (line.status && line.status !== current.status) {
      await (line.status === STATUS.inativo ? inactivateConsultorio : reactivateConsultorio)(
        sql,
        actor,
        line.consultorioid,
      );
    }
  }
}
