/**
 * The staff console at /adm/: router with lazily loaded screens (only the shell and the screen in
 * front of the user are in the first load), the app context, and the toast region.
 */
// zod's eval probe off before any screen builds a schema (dashboard, first access, the
// configuration tabs import server schemas): under the CSP it would be reported as a violation.
// The live client used to do this for the whole console; it no longer loads zod.
import "../../client-shared/zod_csp.ts";
import "./app.css";
import { render } from "solid-js/web";
import { Route, Router } from "@solidjs/router";
import { type Component, lazy, type ParentProps } from "solid-js";
import type { Permissao } from "./app/types.ts";
import { AppProvider, createAdmApp } from "./app/context.tsx";
import { Layout } from "./app/Layout.tsx";
import { RequireAuth, RequirePerm } from "./app/guard.tsx";
import { ToastRegion } from "../../client-shared/ui/toast.tsx";

const LoginPage = lazy(() => import("./login/LoginPage.tsx"));
const FirstAccessPage = lazy(() => import("./login/FirstAccessPage.tsx"));
const DashboardPage = lazy(() => import("./dashboard/DashboardPage.tsx"));
const PainelPage = lazy(() => import("./painel/PainelPage.tsx"));
const ConfiguracoesPage = lazy(() => import("./configuracoes/ConfiguracoesPage.tsx"));

const app = createAdmApp();

function Root(props: ParentProps) {
  return (
    <AppProvider app={app}>
      {props.children}
    </AppProvider>
  );
}

/** A screen behind its permission. */
const guarded = (perm: Permissao, Page: Component) => () => (
  <RequirePerm perm={perm}>
    <Page />
  </RequirePerm>
);

function Shell(props: ParentProps) {
  return (
    <RequireAuth>
      <Layout>{props.children}</Layout>
    </RequireAuth>
  );
}

render(
  () => (
    <>
      <ToastRegion />
      <Router base="/adm" root={Root}>
        <Route path="/login" component={LoginPage} />
        <Route path="/primeiro-acesso" component={FirstAccessPage} />
        <Route path="/" component={Shell}>
          <Route path="/" component={guarded("ler", DashboardPage)} />
          <Route path="/painel" component={guarded("ler", PainelPage)} />
          <Route path="/configuracoes/:aba?" component={guarded("ler", ConfiguracoesPage)} />
          <Route path="*" component={() => <p class="p-4">Página não encontrada.</p>} />
        </Route>
      </Router>
    </>
  ),
  document.getElementById("root")!,
);
