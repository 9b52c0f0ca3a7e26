/**
 * Answers a route with the body its contract declares (`server/contract/routes.ts`): the body's
 * type is checked against the route's response schema at compile time (a `Date` may stand where
 * the wire has an ISO string), and the status is the contract's.
 *
 * @example
 * especialidadesRoutes.get("/:id", ler, id, async (c) =>
 *   reply(c, "GET /api/especialidades/:id", await getEspecialidade(sql, c.req.valid("param").id)));
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "zod";
import type { RawBody, Sent } from "../contract/define.ts";
import { API, type Api, type RouteKey } from "../contract/routes.ts";

/** Routes that answer JSON. */
type JsonKey = { [K in RouteKey]: Api[K]["response"] extends RawBody ? never : K }[RouteKey];

/** What a handler of route `K` may pass as the body. */
export type ReplyBody<K extends JsonKey> = Api[K]["response"] extends z.ZodType
  ? Sent<z.output<Api[K]["response"]>>
  : never;

type StatusOf<K extends RouteKey> = Api[K]["status"] extends readonly (infer S)[] ? S
  : Api[K]["status"];

export function reply<K extends JsonKey>(
  c: Context,
  key: K,
  body: ReplyBody<K>,
  status?: StatusOf<K>,
): Response {
  const declared = API[key].status as number | readonly number[];
  const code = status ?? (typeof declared === "number" ? declared : declared[0]);
  return c.json(body as object, code as ContentfulStatusCode);
}
