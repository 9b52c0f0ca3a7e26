/**
 * The shell of every signed-in screen: header (brand, navigation filtered by permission,
 * connection state, user and role, logout), the screen, and the sign-in dialog shown on top when
 * the session expires (so what was typed on the screen stays there).
 */
import { A, useNavigate } from "@solidjs/router";
import { createEffect, For, type JSX, on, onCleanup, Show } from "solid-js";
import { setClinicTimeZone } from "../../../client-shared/format.ts";
import { useApp } from "./context.tsx";
import { ConnectionBadge } from "./ConnectionBadge.tsx";
import { NAV } from "./nav.ts";
import { ROLE_LABEL } from "./types.ts";
import { ReloginDialog } from "../login/ReloginDialog.tsx";
import { RefsProvider } from "../state/refs.tsx";

export function Layout(props: { children?: JSX.Element }) {
  const app = useApp();
  const navigate = useNavigate();
  const me = () => app.session.me();

  createEffect(() => {
    if (app.session.token() && me()) app.live.start();
  });
  // Times show in the clinic's zone (its configuration), whatever the browser's zone.
  createEffect(on(() => me()?.usuarioid, (id) => {
    if (!id) return;
    app.api.call("GET /api/clinica/configuracao")
      .then((c) => setClinicTimeZone(c.timezone))
      .catch(() => {/* keep the default zone */});
  }));
  onCleanup(() => app.live.stop());

  const logout = async () => {
    app.live.stop();
    await app.session.signOut();
    navigate("/login", { replace: true, state: { msg: "Você saiu do sistema." } });
  };

  return (
    <div class="min-h-screen">
      <a
        href="#conteudo"
        class="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2"
      >
        Pular para o conteúdo
      </a>
      <header class="bg-brand-800 text-white">
        <div class="mx-auto flex h-header max-w-screen-2xl items-center gap-4 px-4">
          <A href="/" class="flex items-center gap-2 font-bold tracking-tight" end>
            <span aria-hidden="true" class="rounded bg-white px-1.5 py-0.5 text-brand-800">CA</span>
            <span>Command Agenda</span>
          </A>
          <nav aria-label="Principal" class="flex gap-1">
            <For each={NAV.filter((n) => app.can(n.perm))}>
              {(n) => (
                <A
                  href={n.href}
                  end={n.href === "/"}
                  class="rounded-md px-3 py-1.5 text-sm font-medium text-brand-100 hover:bg-white/10"
                  activeClass="bg-white/15 !text-white"
                >
                  {n.label}
                </A>
              )}
            </For>
          </nav>
          <div class="ml-auto flex items-center gap-3">
            <ConnectionBadge state={app.live.state()} />
            <Show when={me()}>
              {(u) => (
                <div class="text-right text-sm leading-tight" data-testid="usuario">
                  <div class="font-semibold">{u().nome}</div>
                  <div class="text-xs text-brand-100">{ROLE_LABEL[u().role]}</div>
                </div>
              )}
            </Show>
            <button
              type="button"
              class="btn btn-sm border-white/40 text-white hover:bg-white/10"
              onClick={logout}
            >
              Sair
            </button>
          </div>
        </div>
      </header>
      <main id="conteudo" tabindex="-1" class="mx-auto max-w-screen-2xl p-4">
        <RefsProvider http={app.http} live={app.live}>{props.children}</RefsProvider>
      </main>
      <ReloginDialog />
    </div>
  );
}
