/**
 * The portal's screens: one entry each. `auth: true` screens need a signed-in patient (others are
 * public: login, cadastro, esqueci a senha). `nav` puts the screen in the bottom navigation.
 * Each screen lives in its own folder `client-paciente/src/<folder>/` with a default export and
 * is lazily loaded, so the first load carries only the shell and the screen in front of the user.
 */
import { type Component, lazy } from "solid-js";

export interface PortalRoute {
  path: string;
  auth: boolean;
  page: Component;
  /** Label in the bottom navigation (signed-in screens only). */
  nav?: string;
}

export const ROUTES: PortalRoute[] = [
  { path: "/", auth: true, page: lazy(() => import("./inicio/InicioPage.tsx")), nav: "Início" },
];
