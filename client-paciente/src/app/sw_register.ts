/**
 * Registers the service worker (`/sw.js`, built from client-paciente/public/) from this module:
 * the CSP allows no inline script, and the worker is a same-origin file (`worker-src 'self'`).
 * Browsers allow service workers on HTTPS and on localhost only; elsewhere this does nothing.
 */
export function registerServiceWorker() {
  if (!("serviceWorker" in navigator) || !globalThis.isSecureContext) return;
  addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {
      // Without the worker the portal still works online; nothing to tell the patient.
    });
  });
}
