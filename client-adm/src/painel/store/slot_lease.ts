/**
 * The slot lease of this console: at most one slot at a time, the one the operator is booking or
 * about to drop onto. Aiming (a card in hand with the focus or the pointer on a slot) takes it
 * after a short dwell, so sweeping across the agenda does not lease every slot passed over; the
 * direct booking dialog takes it at once and keeps it until closed. Others see "Em uso por …" on
 * the slot and the server refuses their drops and bookings on it (423) meanwhile.
 */
import type { Leases, Pegada } from "./leases.ts";

const recurso = (id: number) => `slot:${id}`;

export function createSlotLease(leases: Leases, esperaMs = 150) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** The slot whose lease this console holds or is taking. */
  let meu: number | null = null;
  /** Held for a dialog or a drop in flight: aiming elsewhere does not release it. */
  let fixo = false;

  function soltarMeu() {
    if (meu === null) return;
    const r = recurso(meu);
    meu = null;
    fixo = false;
    void leases.soltar(r);
  }

  /** The aim moved to `id` (null: off the agenda). */
  function mirar(id: number | null) {
    clearTimeout(timer);
    if (fixo || id === meu) return;
    soltarMeu();
    // A slot another operator holds is not tried: the drop on it is refused with their name.
    if (id === null || leases.deQuem(recurso(id))) return;
    timer = setTimeout(() => {
      meu = id;
      void leases.pegar(recurso(id)).then((r) => {
        if (!r.ok && meu === id) meu = null;
      });
    }, esperaMs);
  }

  /** Takes the lease now and keeps it until `liberar` (the booking dialog). */
  async function fixar(id: number): Promise<Pegada> {
    clearTimeout(timer);
    if (meu !== id) soltarMeu();
    meu = id;
    fixo = true;
    const r = await leases.pegar(recurso(id));
    if (!r.ok && meu === id) {
      meu = null;
      fixo = false;
    }
    return r;
  }

  /** A drop on `id`: keeps the lease if this console already took it, takes none otherwise. */
  function manter(id: number) {
    clearTimeout(timer);
    if (meu === id) fixo = true;
    else soltarMeu();
  }

  function liberar(id: number) {
    if (meu === id) soltarMeu();
  }

  return { mirar, fixar, manter, liberar, parar: () => clearTimeout(timer) };
}
export type SlotLease = ReturnType<typeof createSlotLease>;
