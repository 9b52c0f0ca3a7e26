/**
 * The patient's own live topic (`paciente:<id>`): proposals made by an operator, expiries and
 * cancellations arrive here. Starts the portal's socket if the shell has not yet.
 *
 * Answers the state for the screen's root (`data-conn`): "pronto" once the server has confirmed
 * the subscription to the patient's topic (what arrives from then on reaches the screen; the
 * screen reloads once then), else the connection state.
 */
import { createEffect, createSignal, onCleanup } from "solid-js";
import { usePortal } from "../app/context.tsx";

export function usePacienteLive(onChange: () => void) {
  const portal = usePortal();
  const topic = () => {
    const id = portal.session.me()?.pacienteid;
    return id ? `paciente:${id}` : null;
  };
  // Topics first, then the socket: a socket opened here starts already subscribed.
  portal.live.watch(() => (topic() ? [topic()!] : []), { onEvent: onChange, onReload: onChange });
  portal.live.start();

  const [pronto, setPronto] = createSignal(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  createEffect(() => {
    clearTimeout(timer);
    setPronto(false);
    const t = topic();
    if (portal.live.state() !== "connected" || !t) return;
    // The union of the screens' topics is sent a tick after they change: wait until it holds ours.
    const check = () => {
      const c = portal.live.client();
      if (c?.topics.includes(t)) {
        void c.ready().then(() => {
          setPronto(true);
          // The list may have loaded before the subscription (the socket opens after the first
          // paint): read it again, so nothing that happened in between is missed.
          onChange();
        });
      } else timer = setTimeout(check, 50);
    };
    check();
  });
  onCleanup(() => clearTimeout(timer));
  return () => (pronto() ? "pronto" : portal.live.state());
}
