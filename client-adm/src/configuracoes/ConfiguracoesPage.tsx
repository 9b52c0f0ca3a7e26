/**
 * `/adm/configuracoes/:aba`: the configuration console. A vertical list of the tabs the user may
 * see (filtered by permission) and the chosen tab's screen; `/adm/configuracoes` opens the first
 * tab the user may see.
 */
import { A, Navigate, useParams } from "@solidjs/router";
import { For, Show, Suspense } from "solid-js";
import { Dynamic } from "solid-js/web";
import { useApp } from "../app/context.tsx";
import { Loading } from "../../../client-shared/ui/fields.tsx";
import { TABS } from "./tabs.ts";

export default function ConfiguracoesPage() {
  const app = useApp();
  const params = useParams<{ aba?: string }>();
  const visible = () => TABS.filter((t) => app.can(t.see));
  const current = () => visible().find((t) => t.slug === params.aba);

  return (
    <div class="mx-auto flex max-w-screen-2xl gap-6 p-4">
      <nav aria-label="Configurações" class="w-56 shrink-0">
        <h1 class="mb-3 text-lg font-bold">Configurações</h1>
        <ul class="flex flex-col gap-0.5">
          <For each={visible()}>
            {(t) => (
              <li>
                <A
                  href={`/configuracoes/${t.slug}`}
                  class="block rounded-md px-3 py-2 text-sm font-medium text-ink hover:bg-brand-50"
                  activeClass="bg-brand-100 text-brand-800"
                >
                  {t.label}
                </A>
              </li>
            )}
          </For>
        </ul>
      </nav>
      <section id="config-aba" class="min-w-0 flex-1">
        <Show
          when={params.aba}
          fallback={
            <Show when={visible()[0]} fallback={<p>Nenhuma configuração disponível.</p>}>
              {(t) => <Navigate href={`/configuracoes/${t().slug}`} />}
            </Show>
          }
        >
          <Show
            when={current()}
            fallback={
              <div class="card p-6" role="alert">
                <h2 class="text-lg font-bold">Aba indisponível</h2>
                <p class="text-ink-muted">
                  Esta aba não existe ou seu perfil não tem acesso a ela.
                </p>
              </div>
            }
          >
            {(t) => (
              <Suspense fallback={<Loading label={`Carregando ${t().label.toLowerCase()}…`} />}>
                <Dynamic component={t().page} />
              </Suspense>
            )}
          </Show>
        </Show>
      </section>
    </div>
  );
}
