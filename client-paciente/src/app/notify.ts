/**
 * `notify` of client-shared/ui/toast.tsx for the signed-in screens, with the toast code (Kobalte,
 * ≈ 10 KB gzip) loaded when the first toast is shown instead of with the screen: toasts come
 * after an action, never on the first paint. The region (main.tsx) shows queued toasts when it
 * mounts.
 *
 * @example
 * notify.ok("Consulta cancelada.");
 */
type Toast = typeof import("../../../client-shared/ui/toast.tsx");
type Notify = Toast["notify"];

const load = () => import("../../../client-shared/ui/toast.tsx");

export const notify = {
  ok: (...a: Parameters<Notify["ok"]>) => void load().then((t) => t.notify.ok(...a)),
  info: (...a: Parameters<Notify["info"]>) => void load().then((t) => t.notify.info(...a)),
  erro: (...a: Parameters<Notify["erro"]>) => void load().then((t) => t.notify.erro(...a)),
};
