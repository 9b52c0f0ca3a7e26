/**
 * Whether the portal reaches its server. Every API call goes through `trackedFetch`: a network
 * failure marks the portal offline, any answer marks it online again. While offline a probe of
 * `/api/health` runs with a growing delay (2 s … 30 s) and the banner offers "Tentar agora";
 * when the server answers again the screens reload their data (`onBack`).
 */
import { createSignal } from "solid-js";

const [offline, setOffline] = createSignal(
  typeof navigator !== "undefined" && navigator.onLine === false,
);
const [retryIn, setRetryIn] = createSignal(0);
export { offline, retryIn };

let backListeners: (() => void)[] = [];
let timer: ReturnType<typeof setTimeout> | undefined;
let tick: ReturnType<typeof setInterval> | undefined;
let attempt = 0;

/** Registers what runs when the connection is back (e.g. reload every screen). */
export function onBack(fn: () => void) {
  backListeners.push(fn);
  return () => (backListeners = backListeners.filter((f) => f !== fn));
}

function markOnline() {
  if (!offline()) return;
  setOffline(false);
  attempt = 0;
  clearTimeout(timer);
  clearInterval(tick);
  setRetryIn(0);
  for (const f of backListeners) f();
}

function markOffline() {
  if (offline()) return;
  setOffline(true);
  schedule();
}

function schedule() {
  clearTimeout(timer);
  clearInterval(tick);
  const wait = Math.min(2 ** attempt * 2, 30);
  attempt++;
  setRetryIn(wait);
  tick = setInterval(() => setRetryIn((s) => Math.max(0, s - 1)), 1000);
  timer = setTimeout(probe, wait * 1000);
}

/** Asks the server once; schedules the next try if it still does not answer. */
export async function probe() {
  clearTimeout(timer);
  clearInterval(tick);
  try {
    await fetch("/api/health", { cache: "no-store" });
    markOnline();
  } catch {
    setOffline(true);
    schedule();
  }
}

export const trackedFetch: typeof fetch = async (input, init) => {
  try {
    const res = await fetch(input, init);
    markOnline();
    return res;
  } catch (err) {
    if (!(init?.signal?.aborted)) markOffline();
    throw err;
  }
};

if (typeof addEventListener === "function") {
  addEventListener("offline", markOffline);
  addEventListener("online", () => void probe());
}
