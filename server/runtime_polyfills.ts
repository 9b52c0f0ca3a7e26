/**
 * Imported first by `server/main.ts`. `Temporal` is stable in Deno only from 2.7; Deno Deploy ran
 * 2.5 when this was written, where it needs `--unstable-temporal` (and Deploy takes no flags).
 * The polyfill installs itself only when the runtime has no `Temporal` of its own.
 */
import "temporal-polyfill/global";
