/**
 * The first screen's data, asked for at start in parallel with the session check and the
 * screen's code (main.tsx), instead of after both: on a slow phone connection that is one round
 * trip less before the list appears. Each screen that declares `data` in routes.ts reads it
 * through `firstData`: the request already under way the first time (at most once, and only
 * within a few seconds of start), a new one on every other load and refetch.
 *
 * @example
 * // routes.ts: { path: "/consultas", data: minhasConsultas, … }
 * createRetryingResource(() => firstData("/consultas", () => minhasConsultas(portal.api)));
 */
import type { ApiClient } from "../../../client-shared/api_client.ts";

const early = new Map<string, Promise<unknown>>();
const FRESH_MS = 10_000;

/** Starts the first screen's request now (main.tsx). A failure is seen by the screen. */
export function startFirstData(
  key: string,
  load: (api: ApiClient) => Promise<unknown>,
  api: ApiClient,
) {
  const p = load(api);
  p.catch(() => {}); // read (and shown) by the screen; not an unhandled rejection meanwhile
  early.set(key, p);
  setTimeout(() => early.delete(key), FRESH_MS);
}

/** The request started at start for `key` (once), else a new one. */
export function firstData<T>(key: string, load: () => Promise<T>): Promise<T> {
  const p = early.get(key);
  early.delete(key);
  return (p as Promise<T> | undefined) ?? load();
}
