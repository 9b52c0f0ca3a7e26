/**
 * Live endpoints: `GET /api/live/ws` (events, leases; protocol in `server/live/protocol.ts`) and
 * `GET /api/live/yjs/:room` (y-websocket rooms, staff only). Both take the JWT from
 * `Sec-WebSocket-Protocol` (`bearer.<jwt>`); `/ws` also accepts it in the first message.
 */
import { type Context, Hono, type MiddlewareHandler } from "hono";
import { upgradeWebSocket } from "hono/deno";
import { z } from "zod";
import type { AppEnv, Auth } from "../../app_env.ts";
import { HttpError } from "../../http/errors.ts";
import { validate } from "../../http/validate.ts";
import { authenticateToken } from "../../live/connection.ts";
import type { LiveHub } from "../../live/hub.ts";
import { BEARER_PREFIX, YjsRoom } from "../../live/protocol.ts";
import { type YjsConn, YjsRelay } from "../../live/yjs_relay.ts";

export const liveRoutes = new Hono<AppEnv>();

/** The token a client put in `Sec-WebSocket-Protocol` as `bearer.<jwt>`, if any. */
export function bearerFromProtocol(header: string | undefined): string | undefined {
  const entry = header?.split(",").map((s) => s.trim()).find((s) => s.startsWith(BEARER_PREFIX));
  return entry?.slice(BEARER_PREFIX.length) || undefined;
}

function hubOf(c: { var: AppEnv["Variables"] }): LiveHub {
  const live = c.var.deps.live;
  if (!live) {
    throw new HttpError(503, "live_indisponivel", "Atualizações em tempo real desligadas.");
  }
  return live;
}

const requireUpgrade: MiddlewareHandler<AppEnv> = async (c, next) => {
  hubOf(c);
  if (c.req.header("upgrade")?.toLowerCase() !== "websocket") {
    throw new HttpError(426, "upgrade_necessario", "Conecte-se por WebSocket.");
  }
  await next();
};

liveRoutes.get(
  "/ws",
  requireUpgrade,
  upgradeWebSocket((c: Context<AppEnv>) => {
    const conn = hubOf(c).open(bearerFromProtocol(c.req.header("sec-websocket-protocol")));
    return {
      onOpen: (_evt, ws) => conn.attach(ws.raw as WebSocket),
      onMessage: (evt) => conn.onMessage(evt.data),
      onClose: () => conn.onClose(),
      onError: () => conn.onClose(),
    };
  }),
);

liveRoutes.get(
  "/yjs/:room",
  validate("param", z.object({ room: YjsRoom })),
  requireUpgrade,
  upgradeWebSocket(async (c: Context<AppEnv>) => {
    const relay = hubOf(c).yjs;
    const room = c.req.param("room")!;
    const token = bearerFromProtocol(c.req.header("sec-websocket-protocol"));
    let auth: Auth | undefined;
    let denial = "Sessão inválida ou ausente.";
    if (token) {
      auth = await authenticateToken(c.var.deps, token).catch(() => undefined);
      if (auth?.kind !== "admin") {
        if (auth) denial = "Presença é exclusiva da equipe.";
        auth = undefined;
      }
    }
    let conn: YjsConn | undefined;
    return {
      onOpen: (_evt, ws) => {
        const raw = ws.raw as WebSocket;
        raw.binaryType = "arraybuffer";
        if (!auth) return YjsRelay.deny(raw, denial);
        conn = relay.join(room, auth, raw);
      },
      onMessage: (evt) => conn && relay.onMessage(conn, evt.data),
      onClose: () => conn && relay.close(conn),
      onError: () => conn && relay.close(conn),
    };
  }, { idleTimeout: 30 }),
);
