/**
 * Around a console's routed screen: a screen that cannot open (its code did not download because
 * the connection dropped, or an unexpected error) shows why and a way back instead of a blank
 * area. A code download that failed is not retried by the module loader, so "Tentar de novo"
 * reloads the page (the service worker serves the shell offline), and it does so by itself when
 * the browser is online again.
 *
 * @example
 * <AppLayout><ScreenBoundary onBack={onBack}>{props.children}</ScreenBoundary></AppLayout>
 */
import { ErrorBoundary, type JSX, onCleanup } from "solid-js";

const isLoadFailure = (e: unknown) =>
  e instanceof TypeError &&
  /dynamically imported module|Importing a module script/i.test(e.message);

type OnBack = (fn: () => void) => () => void;

function Fallback(props: { error: unknown; onBack?: OnBack }) {
  const reload = () => location.reload();
  const offline = () => isLoadFailure(props.error) || navigator.onLine === false;
  if (offline()) {
    addEventListener("online", reload);
    onCleanup(() => removeEventListener("online", reload));
    if (props.onBack) onCleanup(props.onBack(reload));
  }
  return (
    <div class="m-4 rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-950" role="alert">
      <p class="font-semibold">Não foi possível abrir esta tela.</p>
      <p class="mt-1 text-sm">
        {offline()
          ? "Verifique sua conexão. Ela abre sozinha quando a conexão voltar."
          : "Ocorreu um erro inesperado."}
      </p>
      <button type="button" class="btn btn-secondary mt-3 min-h-11" onClick={reload}>
        Tentar de novo
      </button>
    </div>
  );
}

export function ScreenBoundary(props: {
  children: JSX.Element;
  /** The console's "server reachable again" hook (the browser may have stayed online). */
  onBack?: OnBack;
}) {
  return (
    <ErrorBoundary
      fallback={(error) => {
        console.error(error);
        return <Fallback error={error} onBack={props.onBack} />;
      }}
    >
      {props.children}
    </ErrorBoundary>
  );
}
