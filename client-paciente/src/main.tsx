import { render } from "solid-js/web";
import { createResource, Show } from "solid-js";

/** Placeholder until the console's own issue: shows that the API answers. */
function App() {
  const [health] = createResource(() => fetch("/api/health").then((r) => r.json()));
  return (
    <main
      style={{ "font-family": "system-ui, sans-serif", margin: "3rem auto", "max-width": "40rem" }}
    >
      <h1>Command Agenda — Portal do Paciente</h1>
      <p>O portal do paciente está em construção. A API já está disponível em /api.</p>
      <Show when={health()} fallback={<p>Verificando o servidor…</p>}>
        <p>Servidor: {health()?.status} (banco: {health()?.driver})</p>
      </Show>
    </main>
  );
}

render(() => <App />, document.getElementById("root")!);
