/**
 * The session ended while a screen was open (401): sign in again on top of the screen, which
 * stays mounted, so nothing typed there is lost. Another user signing in starts the console anew.
 */
import { Dialog } from "@kobalte/core/dialog";
import { useNavigate } from "@solidjs/router";
import { createEffect, untrack } from "solid-js";
import { useApp } from "../app/context.tsx";
import { LoginForm } from "./LoginForm.tsx";

export function ReloginDialog() {
  const app = useApp();
  const navigate = useNavigate();
  const open = () => Boolean(app.session.expired() && app.session.me());
  // Who was signed in when the session ended: the same user goes on where they were.
  let who: number | undefined;
  createEffect(() => {
    if (open()) who = untrack(() => app.session.me()?.usuarioid);
  });
  return (
    <Dialog open={open()} modal>
      <Dialog.Portal>
        <Dialog.Overlay class="fixed inset-0 z-40 bg-slate-900/60" />
        <div class="fixed inset-0 z-50 flex items-center justify-center p-4">
          <Dialog.Content class="card w-full max-w-md p-6">
            <Dialog.Title class="text-lg font-bold">Sessão expirada</Dialog.Title>
            <Dialog.Description class="mb-4 text-sm text-ink-muted">
              {app.session.expired()} O que você digitou nesta tela foi mantido.
            </Dialog.Description>
            <LoginForm
              email={app.session.me()?.email}
              submitLabel="Entrar novamente"
              onDone={() => {
                if (app.session.me()?.usuarioid !== who) navigate("/", { replace: true });
                app.live.stop();
                app.live.start();
                // What failed with the 401 is read again.
                app.live.reloadAll("sessao");
              }}
            />
          </Dialog.Content>
        </div>
      </Dialog.Portal>
    </Dialog>
  );
}
