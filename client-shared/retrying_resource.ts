/**
 * A Solid resource that comes back by itself after a lost connection: when the fetch fails for
 * want of a network (status 0) or a server away (503), it is tried again when the browser says it
 * is online and on a growing timer (2 s, 4 s … 30 s), so a screen shows a banner and recovers
 * instead of a blank page. Other errors (404, 422…) stay until the user retries.
 *
 * @example
 * const [consultas, { refetch }] = createRetryingResource(() =>
 *   api.call("GET /api/agendamentos/meus")
 * );
 * <LoadState resource={consultas} onRetry={refetch}>{(c) => <Lista itens={c.items} />}</LoadState>
 */
import {
  createEffect,
  createResource,
  onCleanup,
  type Resource,
  type ResourceActions,
} from "solid-js";
import { ApiError } from "./http.ts";

/** A failure that a later try may not have: no connection, or the server briefly away. */
export function isTransient(err: unknown): boolean {
  return err instanceof ApiError
    ? err.status === 0 || err.status === 503
    : err instanceof TypeError;
}

const MAX_DELAY_MS = 30_000;

export function createRetryingResource<T>(
  fetcher: () => Promise<T>,
): [Resource<T>, ResourceActions<T | undefined>];
/** With a source: fetched again whenever the source changes (and not while it is falsy). */
export function createRetryingResource<T, S>(
  source: () => S | false | null | undefined,
  fetcher: (source: S) => Promise<T>,
): [Resource<T>, ResourceActions<T | undefined>];
export function createRetryingResource<T, S>(
  a: (() => Promise<T>) | (() => S | false | null | undefined),
  b?: (source: S) => Promise<T>,
): [Resource<T>, ResourceActions<T | undefined>] {
  const [res, actions] = b
    ? createResource<T, S>(a as () => S | false | null | undefined, (s) => b(s))
    : createResource<T>(a as () => Promise<T>);
  let delay = 2000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const retry = () => {
    clearTimeout(timer);
    if (res.error && isTransient(res.error)) actions.refetch();
  };
  createEffect(() => {
    if (res.loading) return;
    if (res.error && isTransient(res.error)) {
      clearTimeout(timer);
      timer = setTimeout(retry, delay);
      delay = Math.min(delay * 2, MAX_DELAY_MS);
    } else if (!res.error) delay = 2000;
  });
  globalThis.addEventListener?.("online", retry);
  onCleanup(() => {
    clearTimeout(timer);
    globalThis.removeEventListener?.("online", retry);
  });
  return [res, actions];
}
