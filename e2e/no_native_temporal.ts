/**
 * Preloaded by the deploy test (`deno run --preload`): removes the runtime's own `Temporal`, as
 * on a Deno older than 2.7 (Deno Deploy's runtime), so the server must bring its polyfill.
 */
delete (globalThis as { Temporal?: unknown }).Temporal;
