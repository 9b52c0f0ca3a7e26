/**
 * WebSocket upgrade for the live routes (a drop-in for `hono/deno`'s `upgradeWebSocket`).
 *
 * `Sec-WebSocket-Protocol` is a comma-separated list with optional whitespace (RFC 7230 §7), so
 * `ca-yjs.v1,bearer.<jwt>` (as Node's `ws` sends it) is as valid as `ca-yjs.v1, bearer.<jwt>`.
 * Hono's adapter picks the first entry by splitting on `,` while `Deno.upgradeWebSocket` checks
 * the chosen protocol against a split on `", "` and throws (HTTP 500) on the first form. Here the
 * header is parsed once, the upgrade runs without Deno's check, and the response names the
 * protocol we chose: the first offered one that is not a `bearer.` token (never echo a token).
 */
import type { Context } from "hono";
import { defineWebSocketHelper, WSContext } from "hono/ws";
import { BEARER_PREFIX } from "./protocol.ts";

/** The entries of a `Sec-WebSocket-Protocol` header, with or without spaces after commas. */
export function offeredProtocols(header: string | null | undefined): string[] {
  return (header ?? "").split(",").map((s) => s.trim()).filter(Boolean);
}

/** The token a client put in `Sec-WebSocket-Protocol` as `bearer.<jwt>`, if any. */
export function bearerFromProtocol(header: string | null | undefined): string | undefined {
  const entry = offeredProtocols(header).find((s) => s.startsWith(BEARER_PREFIX));
  return entry?.slice(BEARER_PREFIX.length) || undefined;
}

export const upgradeWebSocket = defineWebSocketHelper<WebSocket, Deno.UpgradeWebSocketOptions>(
  (c: Context, events, options) => {
    if (c.req.header("upgrade")?.toLowerCase() !== "websocket") return;
    const chosen = offeredProtocols(c.req.header("sec-websocket-protocol"))
      .find((p) => !p.startsWith(BEARER_PREFIX));
    const { protocol: _ignored, ...rest } = options ?? {};
    const { response, socket } = Deno.upgradeWebSocket(c.req.raw, rest);
    if (chosen) response.headers.set("sec-websocket-protocol", chosen);
    const ctx = new WSContext<WebSocket>({
      close: (code, reason) => socket.close(code, reason),
      get protocol() {
        return chosen ?? null;
      },
      raw: socket,
      get readyState() {
        return socket.readyState as 0 | 1 | 2 | 3;
      },
      url: null,
      send: (source) => socket.send(source),
    });
    socket.onopen = (evt) => events.onOpen?.(evt, ctx);
    socket.onmessage = (evt) => events.onMessage?.(evt, ctx);
    socket.onclose = (evt) => events.onClose?.(evt, ctx);
    socket.onerror = (evt) => events.onError?.(evt, ctx);
    return response;
  },
);
