/**
 * The portal's screens: one entry each. `auth: true` screens need a signed-in patient (others are
 * public: login, cadastro, esqueci a senha). `nav` puts the screen in the bottom navigation (in
 * the order of this list, at most 5), with `icon` (see app/icons.tsx) above its label.
 * Each screen lives in its own folder `client-paciente/src/<folder>/` with a default export and
 * is lazily loaded, so the first load carries only the shell and the screen in front of the user.
 */
import { type Component, lazy } from "solid-js";
import type { NavIcon } from "./app/icons.tsx";
import type { ApiClient } from "../../client-shared/api_client.ts";
import { minhasConsultas, minhasSolicitacoes } from "./app/screen_data.ts";

export interface PortalRoute {
  path: string;
  auth: boolean;
  page: Component;
  /** Label in the bottom navigation (signed-in screens only). */
  nav?: string;
  icon?: NavIcon;
  /**
   * The screen's first request, started at load beside the session check (app/first_data.ts;
   * the screen reads it with `firstData(path, …)`).
   */
  data?: (api: ApiClient) => Promise<unknown>;
  /**
   * The screen does not read `session.me()`: with a stored token it opens while the session is
   * being checked (a 401 from either request ends the session and goes to the login).
   */
  beforeMe?: boolean;
}

export const ROUTES: PortalRoute[] = [
  {
    path: "/",
    auth: true,
    page: lazy(() => import("./inicio/InicioPage.tsx")),
    nav: "Início",
    icon: "inicio",
  },
  {
    path: "/solicitar",
    auth: true,
    page: lazy(() => import("./solicitar/SolicitarPage.tsx")),
    beforeMe: true,
    nav: "Solicitar",
    icon: "solicitar",
  },
  {
    path: "/solicitacoes",
    auth: true,
    page: lazy(() => import("./solicitacoes/SolicitacoesPage.tsx")),
    data: minhasSolicitacoes,
    beforeMe: true,
    nav: "Solicitações",
    icon: "solicitacoes",
  },
  {
    path: "/consultas",
    auth: true,
    page: lazy(() => import("./consultas/ConsultasPage.tsx")),
    data: minhasConsultas,
    beforeMe: true,
    nav: "Consultas",
    icon: "consultas",
  },
  { path: "/login", auth: false, page: lazy(() => import("./login/LoginPage.tsx")) },
  { path: "/cadastro", auth: false, page: lazy(() => import("./cadastro/CadastroPage.tsx")) },
  {
    path: "/esqueci-senha",
    auth: false,
    page: lazy(() => import("./esqueci-senha/EsqueciSenhaPage.tsx")),
  },
  {
    path: "/conta",
    auth: true,
    page: lazy(() => import("./conta/ContaPage.tsx")),
    nav: "Minha conta",
    icon: "conta",
  },
];
