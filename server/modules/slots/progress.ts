/**
 * Progress of a grade generation (`grade.geracao_avancada` events, one per chunk of days).
 *
 * The generation is one transaction, so an event written inside it would reach the live feed
 * only at commit, all at once, when there is nothing left to report. On Postgres the progress
 * events are therefore written on another pooled connection, in autocommit: each one is visible
 * as soon as its chunk is done, while the slots stay invisible until the generation commits.
 * That write is not awaited: it overlaps with the next chunk (one write in flight at a time).
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
  /** Some progress is already visible outside the transaction (or will be, once it lands). */
  #visible = false;
  /** The last out-of-band write, still running while the next chunk is generated. */
  #inFlight: Promise<"ok" | "falhou"> | null = null;

  constructor(private db: Db, private actor: Actor) {
    this.#outOfBand = db.driver === "postgres";
    this.aoVivo = this.#outOfBand;
  }

  /**
   * The progress is seen while the generation runs (Postgres). On PGlite it is delivered with
   * the commit, all at once, so the generation keeps its largest chunks there.
   */
  readonly aoVivo: boolean;

  /**
   * Records one chunk's progress; `sql` is the generation's transaction (the fallback). Out of
   * band the write is not awaited: it runs on its own connection while the next chunk is
   * generated, and the next report (or `settle`) waits for it, so the events land in order, one
   * at a time, and the generation hardly waits for them.
   */
  async report(sql: Sql, grade: GradeRef, after: Record<string, unknown>) {
    const ev = {
      kind: KIND.grade.geracao_avancada,
      entity: "gradeagenda",
      entityId: grade.gradeagendaid,
      topics: gradeTopics(grade),
      after: { geracao: this.geracao, ...after },
    };
    if (this.#outOfBand && (await this.settle()) === "ok") {
      this.#inFlight = recordEvent(this.db.sql, this.actor, ev).then(
        () => "ok" as const,
        () => "falhou" as const,
      );
      this.#visible = true;
      return;
    }
    await recordEvent(sql, this.actor, ev);
  }

  /**
   * Waits (at most `PROGRESSO_ESPERA_MS`) for the write in flight. A write that failed, or is
   * still waiting for a connection, turns reporting to the transaction from then on ("espera": it
   * may still land later).
   */
  async settle(): Promise<"ok" | "falhou" | "espera"> {
    if (!this.#inFlight) return "ok";
    const r = await within(this.#inFlight, PROGRESSO_ESPERA_MS);
    this.#inFlight = null;
    if (r !== "ok") this.#outOfBand = false;
    return r;
  }

  /** After a rollback: tells those who saw the progress that the generation did not happen. */
  async interrupted(grade: GradeRef | null, codigo: string) {
    await this.settle();
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
