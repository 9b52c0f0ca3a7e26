/**
 * A refusal because active grades use a unidade or consultório (409 with `details.grades`): its
 * message followed by those grades (médico, especialidade, vigência), so the user sees which
 * grades to change first.
 */
import type { GradeEmUso } from "../../../../server/modules/consultorios/schemas.ts";
import { ApiError } from "../../../../client-shared/http.ts";
import { formatDay } from "../../../../client-shared/format.ts";

export function withGrades(e: unknown): unknown {
  const grades = e instanceof ApiError
    ? (e.details as { grades?: GradeEmUso[] } | undefined)?.grades
    : undefined;
  if (!(e instanceof ApiError) || !Array.isArray(grades) || grades.length === 0) return e;
  const list = grades.map((g) =>
    `${g.medico} (${g.especialidade}, ${formatDay(g.vigencia_inicio)} a ${
      formatDay(g.vigencia_fim)
    })`
  );
  return new Error(`${e.message} Grades: ${list.join("; ")}.`);
}

/** Runs `request`, rethrowing a refusal with its grades listed. */
export async function listingGrades<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (e) {
    throw withGrades(e);
  }
}
