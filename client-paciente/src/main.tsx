/**
 * The patient portal at /: router over `routes.ts` (each screen lazily loaded), the portal
 * context and the toast region. The router's root picks the shell: public screens (login,
 * cadastro, esqueci-senha) get `PublicLayout`; every other screen waits for the stored session to
 * be checked, sends a visitor without one to /login (remembering where they were going, and
 * saying why when the session expired) and gets `AppLayout`. A screen that cannot open (its code
 * not downloaded offline) says so inside the layout and reopens when the connection is back.
 */
import "./app.css";
import { render } from "solid-js/web";
import { Navigate, Route, Router, useLocation } from "@solidjs/router";
import { createResource, For, lazy, Match, type ParentProps, Show, Switch } from "solid-js";
import { createPortal, PortalProvider, usePortal } from "./app/context.tsx";
import { AppLayout, PublicLayout } from "./app/Layout.tsx";
import { ROUTES } from "./routes.ts";
import { ScreenBoundary } from "../../client-shared/ui/ScreenBoundary.tsx";
import { onBack } from "./app/net.ts";
import { Loading } from "../../client-shared/ui/fields.tsx";
import { registerServiceWorker } from "./app/sw_register.ts";

const portal = createPortal();
/**
 * The toast region (Kobalte) loads once a patient is signed in: the login's first load stays
 * small, and every toast of the portal comes after signing in (toasts shown while it loads
 * appear when it mounts).
 */
const ToastRegion = lazy(() =>
  import("../../client-shared/ui/toast.tsx").then((m) => ({ default: m.ToastRegion }))
);
// The first screen's code downloads while the stored session is checked, not after it (a
// signed-in screen only when there is a session to check: a visitor goes to the login).
const first = ROUTES.find((r) => r.path === location.pathname);
if (first && (!first.auth || portal.session.token())) {
  (first.page as { preload?: () => unknown }).preload?.();
}
const PUBLIC = new Set(ROUTES.filter((r) => !r.auth).map((r) => r.path));

function RequirePaciente(props: ParentProps) {
  const p = usePortal();
  const loc = useLocation();
  const [restored] = createResource(
    () => (p.session.token() && !p.session.me() ? p.session.token() : false),
    () => p.session.restore(),
  );
  const next = () =>
    loc.pathname === "/" ? "" : `?next=${encodeURIComponent(loc.pathname + loc.search)}`;
  return (
    <Switch>
      <Match when={p.session.token() && p.session.me()}>{props.children}</Match>
      <Match when={p.session.token() && restored.loading}>
        <Loading label="Verificando sua sessão…" />
      </Match>
      <Match when>
        <Navigate href={`/login${next()}`} />
      </Match>
    </Switch>
  );
}

function Root(props: ParentProps) {
  const loc = useLocation();
  return (
    <PortalProvider portal={portal}>
      <Switch>
        <Match when={PUBLIC.has(loc.pathname)}>
          <PublicLayout>
            <ScreenBoundary onBack={onBack}>{props.children}</ScreenBoundary>
          </PublicLayout>
        </Match>
        <Match when>
          <RequirePaciente>
            <AppLayout>
              <ScreenBoundary onBack={onBack}>{props.children}</ScreenBoundary>
            </AppLayout>
          </RequirePaciente>
        </Match>
      </Switch>
    </PortalProvider>
  );
}

render(
  () => (
    <>
      <Show when={portal.session.me()}>
        <ToastRegion class="inset-x-0 bottom-20 items-center px-2" />
      </Show>
      <Router root={Root}>
        <For each={ROUTES}>{(r) => <Route path={r.path} component={r.page} />}</For>
        <Route
          path="*"
          component={() => <p class="p-4">Página não encontrada.</p>}
        />
      </Router>
    </>
  ),
  document.getElementById("root")!,
);

registerServiceWorker();
