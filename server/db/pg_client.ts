/**
 * postgres.js 3.4.9, vendored with five small fixes (marked "Command Agenda patch" in
 * `vendor/postgres/connection.js`; the package is Unlicense). Under killed connections the
 * published package
 * - threw `Cannot read properties of null (reading 'write')` from a `setImmediate` callback
 *   (an uncaught exception: the process ended) when a transaction's ROLLBACK was written to a
 *   connection that had just closed;
 * - kept a stale write-timer id after a close, so the next connection's start-up message was
 *   never flushed (and carried stale bytes): that pool slot hung until `connect_timeout`, over
 *   and over, long after the database was back;
 * - left a statement issued between a socket's error and close events pending forever;
 * - dropped the promise of its start-up type query (porsager/postgres#1192, #1205, #1223);
 *   we also run with `fetch_types: false` (see pg_arrays.ts).
 * Types come from the npm package of the same version. Drop this file and import "postgres"
 * again once upstream fixes them.
 */
// @ts-types="postgres"
import postgres from "./vendor/postgres/index.js";

export default postgres;
