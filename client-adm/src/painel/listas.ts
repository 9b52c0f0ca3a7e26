/**
 * Reference lists the panel's filters and forms choose from (unidades, especialidades, médicos),
 * read once per panel. Médicos cascade from the especialidade chosen.
 */
import { createResource } from "solid-js";
import type { PainelApi } from "./store/api.ts";

export interface Opcao {
  id: number;
  nome: string;
}

interface Lista<T> {
  items: T[];
}

// Unidades and especialidades are not paginated (an unknown query field is a 400).
const ATIVOS = "status=Ativo";

export function createListas(api: PainelApi) {
  const ler = <T>(path: string) =>
    api.request<Lista<T> | T[]>("GET", path).then((r) => Array.isArray(r) ? r : r.items);
  const [unidades] = createResource(() =>
    ler<{ unidadeid: number; nome: string }>(`/api/unidades?${ATIVOS}`).then((l) =>
      l.map((u) => ({ id: u.unidadeid, nome: u.nome }))
    ).catch(() => [] as Opcao[])
  );
  const [especialidades] = createResource(() =>
    ler<{ especialidadeid: number; nome: string }>(`/api/especialidades?${ATIVOS}`).then((l) =>
      l.map((e) => ({ id: e.especialidadeid, nome: e.nome }))
    ).catch(() => [] as Opcao[])
  );
  const [medicos] = createResource(() =>
    ler<{ medicoid: number; nomecompleto: string; especialidades?: { especialidadeid: number }[] }>(
      `/api/medicos?${ATIVOS}&limit=200`,
    ).then((l) =>
      l.map((m) => ({
        id: m.medicoid,
        nome: m.nomecompleto,
        especialidades: (m.especialidades ?? []).map((e) => e.especialidadeid),
      }))
    ).catch(() => [] as (Opcao & { especialidades: number[] })[])
  );
  /** Médicos of one especialidade (all when none is chosen). */
  const medicosDe = (especialidadeid?: number | null) =>
    (medicos() ?? []).filter((m) =>
      !especialidadeid || m.especialidades.length === 0 ||
      m.especialidades.includes(especialidadeid)
    );
  return { unidades, especialidades, medicos, medicosDe };
}
export type Listas = ReturnType<typeof createListas>;
