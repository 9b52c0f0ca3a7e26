/**
 * Reference lists the filters need (unidades, especialidades, médicos), loaded once per session
 * and reloaded when a configuration event arrives (topic `config`).
 */
import { createContext, createResource, type JSX, useContext } from "solid-js";
import type { z } from "zod";
import type { Especialidade } from "../../../server/modules/especialidades/schemas.ts";
import type { Medico } from "../../../server/modules/medicos/schemas.ts";
import type { Unidade } from "../../../server/modules/unidades/schemas.ts";
import type { Http } from "../../../client-shared/http.ts";
import type { LiveStore } from "../../../client-shared/live_store.ts";

export type UnidadeRow = z.infer<typeof Unidade>;
export type EspecialidadeRow = z.infer<typeof Especialidade>;
export type MedicoRow = z.infer<typeof Medico>;

/**
 * A reference list that keeps its last value when a reload fails (a lost connection, or a 401
 * while the session is being renewed over the screen): the filters go on showing it, and a
 * resource never turns into an error that a select reading it would throw.
 */
function refList<T>(load: () => Promise<T[]>) {
  return createResource<T[]>((_, info) =>
    load().catch(() => (info.value as T[] | undefined) ?? [])
  );
}

export function createRefs(http: Http, live: LiveStore) {
  const [unidades, u] = refList(() => http.get<UnidadeRow[]>("/api/unidades"));
  const [especialidades, e] = refList(() => http.get<EspecialidadeRow[]>("/api/especialidades"));
  const [medicos, m] = refList(() =>
    http.get<{ items: MedicoRow[] }>("/api/medicos", { limit: 200 }).then((r) => r.items)
  );
  live.watch(() => ["config"], {
    onEvent: (ev) => {
      if (ev.entity === "unidade") u.refetch();
      else if (ev.entity === "especialidade") e.refetch();
      else if (ev.entity === "medico") m.refetch();
    },
    onReload: () => {
      u.refetch();
      e.refetch();
      m.refetch();
    },
  });
  return { unidades, especialidades, medicos };
}
export type Refs = ReturnType<typeof createRefs>;

const RefsCtx = createContext<Refs>();

/** Loads the lists once for every screen under it (put in the signed-in shell). */
export function RefsProvider(props: { http: Http; live: LiveStore; children: JSX.Element }) {
  return (
    <RefsCtx.Provider value={createRefs(props.http, props.live)}>{props.children}</RefsCtx.Provider>
  );
}

export function useRefs(): Refs {
  const r = useContext(RefsCtx);
  if (!r) throw new Error("useRefs outside RefsProvider");
  return r;
}
