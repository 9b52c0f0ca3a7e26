/**
 * What every screen of the patient portal reads through `usePortal()`: the patient's session
 * (token in sessionStorage, `me`), the HTTP client, the typed API and the live store (the
 * patient's own topic, loaded when first used: app/lazy_live.ts).
 */
import { createContext, type JSX, useContext } from "solid-js";
import { createSession, type Session } from "../../../client-shared/session.ts";
import type { LiveStore } from "../../../client-shared/live_store.ts";
import { createLazyLiveStore } from "./lazy_live.ts";
import type { Http } from "../../../client-shared/http.ts";
import { type ApiClient, createApiClient, type Result } from "../../../client-shared/api_client.ts";
import { trackedFetch } from "./net.ts";

export type PacienteMe = Result<"GET /api/auth/paciente/me">;

export const EXPIRED_MESSAGE = "Sua sessão expirou. Entre novamente.";

export interface Portal {
  session: Session<PacienteMe>;
  http: Http;
  api: ApiClient;
  live: LiveStore;
}

export function createPortal(): Portal {
  const session = createSession<PacienteMe>({
    storageKey: "ca.paciente.token",
    mePath: "/api/auth/paciente/me",
    logoutPath: "/api/auth/paciente/logout",
    // Network failures show the connection banner (app/net.ts); 503s are retried by http.ts.
    http: { fetch: trackedFetch },
  });
  const live = createLazyLiveStore({
    token: session.token,
    onAuthError: () => session.expire(EXPIRED_MESSAGE),
  });
  return { session, http: session.http, api: createApiClient(session.http), live };
}

const Ctx = createContext<Portal>();

export function PortalProvider(props: { portal: Portal; children: JSX.Element }) {
  return <Ctx.Provider value={props.portal}>{props.children}</Ctx.Provider>;
}

export function usePortal(): Portal {
  const p = useContext(Ctx);
  if (!p) throw new Error("usePortal outside PortalProvider");
  return p;
}
