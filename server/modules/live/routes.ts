/**
 * Live endpoints: `GET /api/live/ws` (events, leases; protocol in `server/live/protocol.ts`) and
 * `GET /api/live/yjs/:room` (y-websocket rooms, staff only). Both take the JWT from
 * `Sec-WebSocket-Protocol` (`bearer.<jwt>`); `/ws` also accepts it in the first message.
 */
import { type Context, Hono, type MiddlewareHandler } from "hono";
import { z } from "zod";
import type { AppEnv, Auth } from "../../app_env.ts";
import { HttpError } from "../../http/errors.ts";
import { validate } from "../../http/validate.ts";
import { authenticateToken } from "../../live/connection.ts";
import type { LiveHub } from "../../live/hub.ts";
import { YjsRoom } from "../../live/protocol.ts";
import { bearerFromProtocol, upgradeWebSocket } from "../../live/upgrade.ts";
import { type YjsConn, YjsRelay } from "../../live/yjs_relay.ts";
import { logError } from "../../ops/log.ts";

export const liveRoutes = new Hono<AppEnv>();

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
    // The session could not be checked (database unreachable): close 4503, the client retries.
    let unavailable = false;
    if (token) {
      auth = await authenticateToken(c.var.deps, token).catch((err) => {
        if (!(err instanceof HttpError && err.status === 401)) {
          logError("live: autenticação Yjs adiada", err);
          unavailable = true;
        }
        return undefined;
      });
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
        if (unavailable) return YjsRelay.unavailable(raw);
        if (!auth) return YjsRelay.deny(raw, denial);
        conn = relay.join(room, auth, raw);
      },
      onMessage: (evt) => conn && relay.onMessage(conn, evt.data),
      onClose: () => conn && relay.close(conn),
      onError: () => conn && relay.close(conn),
    };
  }, { idleTimeout: 30 }),
);
