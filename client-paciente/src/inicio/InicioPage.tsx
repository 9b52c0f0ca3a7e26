/**
 * Home of a signed-in patient: a greeting, a notice while the phone is not validated (the codes
 * of "esqueci minha senha" and the notices go to it), and a large button for each screen of the
 * bottom navigation.
 */
import { A } from "@solidjs/router";
import { For, Show } from "solid-js";
import { usePortal } from "../app/context.tsx";
import { Icon } from "../app/icons.tsx";
import { ROUTES } from "../routes.ts";

/** What each screen is for, in a line (screens without one show their name only). */
const DESCRICAO: Record<string, string> = {
  "/solicitar": "Peça uma consulta: escolha a especialidade e suas preferências.",
  "/solicitacoes": "Acompanhe seus pedidos e responda às propostas de horário.",
  "/consultas": "Veja, cancele ou adicione à agenda suas consultas marcadas.",
  "/conta": "Seus dados, telefone, contatos, senha e convênio.",
};

export default function InicioPage() {
  const p = usePortal();
  const me = () => p.session.me()!;
  const atalhos = ROUTES.filter((r) => r.auth && r.nav && r.path !== "/");
  return (
    <section aria-labelledby="titulo-inicio">
      <h1 id="titulo-inicio" class="mb-4 text-2xl font-bold">
        Olá, {me().nomecompleto.split(" ")[0]}!
      </h1>
      <Show when={!me().telefone_validado}>
        <div
          class="mb-4 rounded-lg border border-amber-300 bg-amber-50 p-3 text-amber-950"
          data-testid="aviso-telefone"
        >
          <p class="mb-2">
            Seu telefone ainda não foi validado. Valide-o para receber os avisos das consultas e
            poder recuperar a senha.
          </p>
          <A href="/conta" class="link">Validar meu telefone</A>
        </div>
      </Show>
      <ul class="space-y-3">
        <For each={atalhos}>
          {(r) => (
            <li>
              <A
                href={r.path}
                class="card flex min-h-16 items-center gap-4 p-4 hover:bg-brand-50"
              >
                <span class="rounded-full bg-brand-50 p-2 text-brand-700">
                  <Icon name={r.icon} />
                </span>
                <span>
                  <span class="block text-lg font-semibold">{r.nav}</span>
                  <Show when={DESCRICAO[r.path]}>
                    <span class="block text-sm text-ink-muted">{DESCRICAO[r.path]}</span>
                  </Show>
                </span>
              </A>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}
