/**
 * The portal's shell. `AppLayout` wraps every signed-in screen: header (brand, the patient's
 * first name), the connection banner, the screen, and the bottom navigation built from the `nav`
 * entries of routes.ts (large touch targets, the current one marked with aria-current).
 * `PublicLayout` wraps login, cadastro and esqueci-senha: the brand and the banner only.
 *
 * The live connection runs while a patient is signed in (its code loads after the first paint,
 * app/lazy_live.ts); when the connection comes back
 * (app/net.ts) every screen on display reloads its data.
 */
import { A, useLocation } from "@solidjs/router";
import { createEffect, For, type JSX, onCleanup, Show } from "solid-js";
import { usePortal } from "./context.tsx";
import { Icon } from "./icons.tsx";
import { offline, onBack, probe, retryIn } from "./net.ts";
import { ROUTES } from "../routes.ts";

/** "Sem conexão" with the countdown to the next try and a button to try at once. */
export function ConnectionBanner() {
  return (
    <Show when={offline()}>
      <div
        class="flex items-center gap-3 bg-amber-100 px-4 py-2 text-sm text-amber-950"
        role="status"
        aria-live="polite"
        data-testid="banner-conexao"
      >
        <p class="flex-1">
          Sem conexão com o servidor.{" "}
          {retryIn() > 0 ? `Tentando de novo em ${retryIn()} s.` : "Tentando de novo…"}
        </p>
        <button type="button" class="btn btn-secondary btn-sm min-h-10" onClick={() => probe()}>
          Tentar agora
        </button>
      </div>
    </Show>
  );
}

function Brand() {
  return (
    <span class="flex items-center gap-2 font-bold tracking-tight">
      <span aria-hidden="true" class="rounded bg-white px-1.5 py-0.5 text-brand-800">CA</span>
      <span>Portal do Paciente</span>
    </span>
  );
}

function SkipLink() {
  return (
    <a
      href="#conteudo"
      class="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2"
    >
      Pular para o conteúdo
    </a>
  );
}

const NAV = ROUTES.filter((r) => r.nav && r.auth).slice(0, 5);

export function AppLayout(props: { children?: JSX.Element }) {
  const p = usePortal();
  const loc = useLocation();
  const firstName = () => p.session.me()?.nomecompleto.split(" ")[0] ?? "";

  createEffect(() => {
    if (p.session.token() && p.session.me()) p.live.start();
    else p.live.stop();
  });
  onCleanup(onBack(() => p.live.reloadAll("conexao")));
  onCleanup(() => p.live.stop());

  const current = (path: string) =>
    path === "/" ? loc.pathname === "/" : loc.pathname.startsWith(path);

  return (
    <div class="flex min-h-dvh flex-col">
      <SkipLink />
      <header class="sticky top-0 z-20 bg-brand-800 text-white">
        <div class="mx-auto flex h-header max-w-xl items-center gap-3 px-4">
          <A href="/" class="min-h-10 content-center">
            <Brand />
          </A>
          {/* Filled once the stored session is checked (the shell paints before that). */}
          <span class="ml-auto truncate text-sm" data-testid="paciente-nome">
            <Show when={firstName()}>Olá, {firstName()}</Show>
          </span>
        </div>
        <ConnectionBanner />
      </header>
      <main id="conteudo" tabindex="-1" class="mx-auto w-full max-w-xl flex-1 p-4 pb-24">
        {props.children}
      </main>
      <nav
        aria-label="Principal"
        class="fixed inset-x-0 bottom-0 z-20 border-t border-border bg-white pb-[env(safe-area-inset-bottom)]"
      >
        <ul class="mx-auto flex max-w-xl">
          <For each={NAV}>
            {(r) => (
              <li class="flex-1">
                <A
                  href={r.path}
                  aria-current={current(r.path) ? "page" : undefined}
                  class={`flex min-h-14 flex-col items-center justify-center gap-0.5 px-1 text-xs font-semibold ${
                    current(r.path) ? "text-brand-700" : "text-ink-muted"
                  }`}
                >
                  <Icon name={r.icon} />
                  <span class="text-center leading-tight">{r.nav}</span>
                </A>
              </li>
            )}
          </For>
        </ul>
      </nav>
    </div>
  );
}

export function PublicLayout(props: { children?: JSX.Element }) {
  return (
    <div class="flex min-h-dvh flex-col">
      <SkipLink />
      <header class="bg-brand-800 text-white">
        <div class="mx-auto flex h-header max-w-xl items-center px-4">
          <Brand />
        </div>
        <ConnectionBanner />
      </header>
      <main id="conteudo" tabindex="-1" class="mx-auto w-full max-w-md flex-1 p-4">
        {props.children}
      </main>
    </div>
  );
}
