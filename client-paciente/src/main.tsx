/**
 * The patient portal at /: router over `routes.ts` (each screen lazily loaded), the portal
 * context and the toast region. The router's root picks the shell: public screens (login,
 * cadastro, esqueci-senha) get `PublicLayout`; every other screen gets `AppLayout` at once when a
 * token is stored (the screen itself waits for the session check unless it does not read `me`),
 * and sends a visitor without one to /login (remembering where they were going, and saying why
 * when the session expired). A screen that cannot open (its code
 * not downloaded offline) says so inside the layout and reopens when the connection is back.
 */
import "./app.css";
import { render } from "solid-js/web";
import { Navigate, Route, Router, useLocation } from "@solidjs/router";
import {
  createResource,
  createSignal,
  For,
  lazy,
  Match,
  type ParentProps,
  Show,
  Switch,
} from "solid-js";
import { createPortal, PortalProvider, usePortal } from "./app/context.tsx";
import { AppLayout, PublicLayout } from "./app/Layout.tsx";
import { ROUTES } from "./routes.ts";
import { ScreenBoundary } from "../../client-shared/ui/ScreenBoundary.tsx";
import { onBack } from "./app/net.ts";
import { Loading } from "../../client-shared/ui/fields.tsx";
import { registerServiceWorker } from "./app/sw_register.ts";
import { startFirstData } from "./app/first_data.ts";
import { afterFirstPaint } from "./app/idle.ts";

const portal = createPortal();
/**
 * The toast region (Kobalte) loads once a patient is signed in and the first screen has painted:
 * the first load stays small, and every toast of the portal comes after signing in (toasts shown
 * while it loads appear when it mounts).
 */
const ToastRegion = lazy(() =>
  import("../../client-shared/ui/toast.tsx").then((m) => ({ default: m.ToastRegion }))
);
// The first screen's code downloads while the stored session is checked, not after it (a
// signed-in screen only when there is a session to check: a visitor goes to the login), and its
// first request goes out at the same time (app/first_data.ts).
const first = ROUTES.find((r) => r.path === location.pathname);
if (first && (!first.auth || portal.session.token())) {
  (first.page as { preload?: () => unknown }).preload?.();
  if (first.data) startFirstData(first.path, first.data, portal.api);
}
// The toast region waits for the first paint too (app/idle.ts; app/notify.ts loads it on use).
const [idle, setIdle] = createSignal(false);
void afterFirstPaint().then(() => setIdle(true));
const PUBLIC = new Set(ROUTES.filter((r) => !r.auth).map((r) => r.path));
const BEFORE_ME = new Set(ROUTES.filter((r) => r.beforeMe).map((r) => r.path));

/**
 * A stored token is trusted for the first paint: the shell shows at once, and a screen that does
 * not read `me` (`beforeMe` in routes.ts) opens while the session is checked; the others show
 * "Verificando sua sessão…" inside the shell. A refused token (401 on any request) or a failed
 * check ends at the login, as before.
 */
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
      <Match when={p.session.token() && (p.session.me() || restored.loading)}>
        <AppLayout>
          <Show
            when={!!p.session.me() || BEFORE_ME.has(loc.pathname)}
            fallback={<Loading label="Verificando sua sessão…" />}
          >
            {props.children}
          </Show>
        </AppLayout>
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
            <ScreenBoundary onBack={onBack}>{props.children}</ScreenBoundary>
          </RequirePaciente>
        </Match>
      </Switch>
    </PortalProvider>
  );
}

render(
  () => (
    <>
      <Show when={portal.session.me() && idle()}>
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
