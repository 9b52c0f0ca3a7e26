/** The centred card of the login and first-access pages, with the clinic's branding. */
import type { JSX } from "solid-js";

export function AuthFrame(props: { title: string; children: JSX.Element }) {
  return (
    <div class="flex min-h-screen items-center justify-center bg-gradient-to-br from-brand-800 to-brand-600 p-4">
      <main class="card w-full max-w-md p-8">
        <div class="mb-6 text-center">
          <p class="text-xs font-semibold uppercase tracking-widest text-brand-700">
            Prefeitura de Barueri · NIB
          </p>
          <p class="mt-1 text-2xl font-bold text-ink">Command Agenda</p>
          <h1 class="mt-2 text-lg font-semibold text-ink-muted">{props.title}</h1>
        </div>
        {props.children}
      </main>
    </div>
  );
}
