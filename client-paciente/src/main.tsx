/**
 * The patient portal at /: router over `routes.ts` (each screen lazily loaded), the portal
 * context and the toast region. Signed-in screens wait for the stored session to be checked and
 * send a visitor without one to /login, remembering where they were going.
 */
import "./app.css";
import { render } from "solid-js/web";
import { Navigate, Route, Router, useLocation } from "@solidjs/router";
import { type Component, createResource, For, Match, type ParentProps, Switch } from "solid-js";
import { createPortal, PortalProvider, usePortal } from "./app/context.tsx";
import { ROUTES } from "./routes.ts";
import { ToastRegion } from "../../client-shared/ui/toast.tsx";
import { Loading } from "../../client-shared/ui/fields.tsx";

const portal = createPortal();

function RequirePaciente(props: ParentProps) {
  const p = usePortal();
  const loc = useLocation();
  const [restored] = createResource(
    () => (p.session.token() && !p.session.me() ? p.session.token() : false),
    () => p.session.restore(),
  );
  return (
    <Switch>
      <Match when={p.session.me()}>{props.children}</Match>
      <Match when={restored.loading}>
        <Loading label="Verificando sua sessão…" />
      </Match>
      <Match when>
        <Navigate href={`/login?next=${encodeURIComponent(loc.pathname + loc.search)}`} />
      </Match>
    </Switch>
  );
}

const guarded = (Page: Component) => () => (
  <RequirePaciente>
    <Page />
  </RequirePaciente>
);

render(
  () => (
    <>
      <ToastRegion />
      <Router root={(props) => <PortalProvider portal={portal}>{props.children}</PortalProvider>}>
        <For each={ROUTES}>
          {(r) => <Route path={r.path} component={r.auth ? guarded(r.page) : r.page} />}
        </For>
        <Route path="*" component={() => <p class="p-4">Página não encontrada.</p>} />
      </Router>
    </>
  ),
  document.getElementById("root")!,
);
