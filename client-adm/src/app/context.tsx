/**
 * What every screen of the staff console reads through `useApp()`: the session (token, me,
 * permissions), the HTTP client, the live store and the shared agenda filters.
 */
import { createContext, type JSX, useContext } from "solid-js";
import { createSession, type Session } from "../../../client-shared/session.ts";
import { createLiveStore, type LiveStore } from "../../../client-shared/live_store.ts";
import type { Http } from "../../../client-shared/http.ts";
import { type ApiClient, createApiClient } from "../../../client-shared/api_client.ts";
import { createFilters, type Filters } from "../state/filters.ts";
import type { Me, Permissao } from "./types.ts";

export interface AdmApp {
  session: Session<Me>;
  http: Http;
  /** Typed calls by route key, on `http`. */
  api: ApiClient;
  live: LiveStore;
  filters: Filters;
  /** Whether the signed-in user has a permission (from `permissoes` in /api/auth/me). */
  can(p: Permissao): boolean;
}

export function createAdmApp(): AdmApp {
  const session = createSession<Me>({
    storageKey: "ca.adm.token",
    mePath: "/api/auth/me",
    logoutPath: "/api/auth/logout",
  });
  const live = createLiveStore({
    token: session.token,
    onAuthError: () => session.expire("Sua sessão expirou. Entre novamente."),
  });
  return {
    session,
    http: session.http,
    api: createApiClient(session.http),
    live,
    filters: createFilters(),
    can: (p) => Boolean(session.me()?.permissoes[p]),
  };
}

const Ctx = createContext<AdmApp>();

export function AppProvider(props: { app: AdmApp; children: JSX.Element }) {
  return <Ctx.Provider value={props.app}>{props.children}</Ctx.Provider>;
}

export function useApp(): AdmApp {
  const app = useContext(Ctx);
  if (!app) throw new Error("useApp outside AppProvider");
  return app;
}
