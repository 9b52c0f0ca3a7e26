/**
 * Leases of the panel: which cards and slots another operator holds (loaded once, then kept by
 * `lock.*` events) and the ones this console holds (taken on pick-up, released on drop, cancel,
 * navigation; the server releases them when the socket closes).
 */
import { createStore, produce } from "solid-js/store";
import type { LiveClient } from "../../../../client-shared/live_client.ts";
import type { PainelApi } from "./api.ts";

export interface Holder {
  holder_nome: string;
  holder_sessao?: string;
}

export type Pegada =
  | { ok: true }
  | { ok: false; holder_nome?: string; message: string };

export function createLeases(api: PainelApi, live: () => LiveClient | undefined) {
  const [outros, setOutros] = createStore<Record<string, Holder>>({});
  const [meus, setMeus] = createStore<Record<string, boolean>>({});

  async function carregar() {
    const [b, s] = await Promise.all(
      ["backlog:", "slot:"].map((prefix) =>
        api.request<{ items: (Holder & { resource: string })[] }>(
          "GET",
          `/api/locks?prefix=${encodeURIComponent(prefix)}`,
        ).catch(() => ({ items: [] }))
      ),
    );
    setOutros(produce((o) => {
      for (const k of Object.keys(o)) delete o[k];
      for (const l of [...b.items, ...s.items]) {
        if (!meus[l.resource]) {
          o[l.resource] = { holder_nome: l.holder_nome, holder_sessao: l.holder_sessao };
        }
      }
    }));
  }

  /** A `lock.*` event: `holder_nome` null means released or expired. */
  function aplicar(resource: string, holder: Holder | null) {
    setOutros(produce((o) => {
      if (!holder || meus[resource]) delete o[resource];
      else o[resource] = holder;
    }));
  }

  /** Acquires in flight: a release waits for its acquire, or the server could see them swapped. */
  const emCurso = new Map<string, Promise<unknown>>();

  async function pegar(resource: string): Promise<Pegada> {
    const client = live();
    if (!client) return { ok: false, message: "Sem conexão com o servidor." };
    setMeus(resource, true);
    try {
      const pedido = client.acquire(resource);
      emCurso.set(resource, pedido.catch(() => {}));
      const r = await pedido;
      if (r.ok) {
        aplicar(resource, null);
        return { ok: true };
      }
      setMeus(resource, false);
      if (r.holder_nome) aplicar(resource, { holder_nome: r.holder_nome });
      return { ok: false, holder_nome: r.holder_nome, message: r.message };
    } catch {
      setMeus(resource, false);
      return { ok: false, message: "Sem conexão com o servidor." };
    }
  }

  async function soltar(resource: string) {
    if (!meus[resource]) return;
    setMeus(resource, false);
    const antes = emCurso.get(resource);
    if (antes) {
      emCurso.delete(resource);
      await antes;
    }
    await live()?.release(resource).catch(() => false);
  }

  async function soltarTodos() {
    await Promise.all(Object.keys(meus).filter((r) => meus[r]).map(soltar));
  }

  /** Who else holds `resource`, or null when it is free (or ours). */
  const deQuem = (resource: string): string | null =>
    meus[resource] ? null : outros[resource]?.holder_nome ?? null;

  return { outros, meus, carregar, aplicar, pegar, soltar, soltarTodos, deQuem };
}
export type Leases = ReturnType<typeof createLeases>;
