/**
 * Route guards: a signed-in user (the stored token is checked against /api/auth/me after a page
 * reload), and a permission for the screen. Without a session: to the login, remembering where
 * the user was going.
 */
import { Navigate, useLocation } from "@solidjs/router";
import { createResource, type JSX, Match, Show, Switch } from "solid-js";
import { useApp } from "./context.tsx";
import type { Permissao } from "./types.ts";
import { Loading } from "../../../client-shared/ui/fields.tsx";

export function RequireAuth(props: { children?: JSX.Element }) {
  const app = useApp();
  const loc = useLocation();
  // After a reload the token is there but `me` is not yet: load it once.
  const [restored] = createResource(
    () => (app.session.token() && !app.session.me() ? app.session.token() : false),
    () => app.session.restore(),
  );
  // The location includes the router's base (/adm); navigate() adds it again.
  const next = () =>
    encodeURIComponent((loc.pathname.replace(/^\/adm(?=\/|$)/, "") || "/") + loc.search);
  return (
    <Switch>
      <Match when={app.session.me()}>{props.children}</Match>
      <Match when={restored.loading}>
        <Loading label="Verificando sua sessão…" />
      </Match>
      <Match when>
        <Navigate href={`/login?next=${next()}`} />
      </Match>
    </Switch>
  );
}

export function RequirePerm(props: { perm: Permissao; children?: JSX.Element }) {
  const app = useApp();
  return (
    <Show
      when={app.can(props.perm)}
      fallback={
        <div class="card p-6" role="alert">
          <h1 class="text-lg font-bold">Acesso restrito</h1>
          <p class="text-ink-muted">Seu perfil não tem permissão para esta tela.</p>
        </div>
      }
    >
      {props.children}
    </Show>
  );
}
