/**
 * Resolves after the page's load event and then an idle moment (at most 2 s later): what the
 * first screen does not need to paint (the live socket's code, the toast region) waits for it, so
 * it never competes with the screen's own code and data on a slow phone.
 *
 * @example
 * void afterFirstPaint().then(() => import("./heavy.ts"));
 */
let done: Promise<void> | undefined;

export function afterFirstPaint(): Promise<void> {
  return done ??= new Promise((resolve) => {
    const idle = () =>
      "requestIdleCallback" in globalThis
        ? requestIdleCallback(() => resolve(), { timeout: 2000 })
        : setTimeout(resolve, 50);
    if (document.readyState === "complete") idle();
    else addEventListener("load", idle, { once: true });
  });
}
