/**
 * Progress of a long grade generation (`grade.geracao_avancada` events, one per chunk of days).
 *
 * The generation is one transaction, so an event written inside it would reach the live feed
 * only at commit, all at once, when there is nothing left to report. On Postgres the progress
 * events are therefore written on another pooled connection, in autocommit: each one is visible
 * as soon as its chunk is done, while the slots stay invisible until the generation commits.
 * They all carry the generation's `geracao` id, as does the final `grade.gerada`; a generation
 * that fails after reporting progress ends with `grade.geracao_interrompida`, so that a progress
 * bar never hangs.
 *
 * PGlite has a single connection, held by the transaction: there the events are written inside
 * it (delivered at commit, or rolled back with it). The same falls back on Postgres when no
 * connection frees within `PROGRESSO_ESPERA_MS`, so progress never holds the generation back.
 */
import type { Db, Sql } from "../../db/db.ts";
import { KIND } from "../../events/kinds.ts";
import { type Actor, recordEvent } from "../../events/record.ts";
import { agendaTopics } from "../../events/topics.ts";

/** Longest wait for a free connection to report progress out of band. */
export const PROGRESSO_ESPERA_MS = 1000;

export interface GradeRef {
  gradeagendaid: number;
  unidadeid: number;
  especialidadeid: number;
  medicoid: number;
}

export const gradeTopics = (
  g: { unidadeid: number; especialidadeid: number; medicoid: number },
) => agendaTopics(g);

/** `p`'s value, or "espera" after `ms` (the write may still land later). */
async function within<T>(p: Promise<T>, ms: number): Promise<T | "espera"> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<"espera">((r) => (timer = setTimeout(() => r("espera"), ms)));
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export class Progress {
  readonly geracao = crypto.randomUUID();
  #outOfBand: boolean;
  /** Some progress is already visible outside the transaction. */
  #visible = false;

  constructor(private db: Db, private actor: Actor) {
    this.#outOfBand = db.driver === "postgres";
  }

  /** Records one chunk's progress; `sql` is the generation's transaction (the fallback). */
  async report(sql: Sql, grade: GradeRef, after: Record<string, unknown>) {
    const ev = {
      kind: KIND.grade.geracao_avancada,
      entity: "gradeagenda",
      entityId: grade.gradeagendaid,
      topics: gradeTopics(grade),
      after: { geracao: this.geracao, ...after },
    };
    if (this.#outOfBand) {
      const write = recordEvent(this.db.sql, this.actor, ev).then(
        () => "ok" as const,
        () => "falhou" as const,
      );
      const r = await within(write, PROGRESSO_ESPERA_MS);
      if (r === "ok") {
        this.#visible = true;
        return;
      }
      // From now on inside the transaction; a write still waiting lands when a connection frees.
      this.#outOfBand = false;
      if (r === "espera") {
        this.#visible = true;
        return;
      }
    }
    await recordEvent(sql, this.actor, ev);
  }

  /** After a rollback: tells those who saw the progress that the generation did not happen. */
  async interrupted(grade: GradeRef | null, codigo: string) {
    if (!this.#visible || !grade) return;
    await recordEvent(this.db.sql, this.actor, {
      kind: "grade.geracao_interrompida",
      entity: "gradeagenda",
      entityId: grade.gradeagendaid,
      topics: gradeTopics(grade),
      after: { geracao: this.geracao, codigo },
    }).catch(() => {});
  }
}
