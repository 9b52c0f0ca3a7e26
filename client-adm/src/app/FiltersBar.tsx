/**
 * Unidade / especialidade / médico selects. `FiltersBar` binds them to the shared store: the
 * dashboard and the operator panel's backlog both render it (or read the store), so a choice made
 * on one shows on the other. `RefSelects` binds them to any other filter object (the day modal's
 * own). The médicos offered follow the especialidade and unidade chosen.
 */
import { createMemo } from "solid-js";
import { SelectBox } from "../../../client-shared/ui/Select.tsx";
import { useApp } from "./context.tsx";
import { useRefs } from "../state/refs.tsx";
import type { AgendaFilters } from "../state/filters.ts";

const str = (n: number | null) => (n === null ? "" : String(n));
const num = (v: string) => (v ? Number(v) : null);

export function RefSelects(props: {
  value: AgendaFilters;
  set: (key: keyof AgendaFilters, value: number | null) => void;
  /** "Todas"/"Todos" instead of "Todas as unidades"… */
  short?: boolean;
}) {
  const refs = useRefs();
  const medicos = createMemo(() =>
    (refs.medicos() ?? []).filter((m) =>
      (!props.value.especialidadeid ||
        m.especialidades.some((e) => e.especialidadeid === props.value.especialidadeid)) &&
      (!props.value.unidadeid || m.unidadeid === null || m.unidadeid === props.value.unidadeid)
    )
  );
  const all = (long: string, short: string) => (props.short ? short : long);
  return (
    <>
      <SelectBox
        label="Unidade"
        emptyLabel={all("Todas as unidades", "Todas")}
        value={str(props.value.unidadeid)}
        options={(refs.unidades() ?? []).map((u) => ({
          value: String(u.unidadeid),
          label: u.nome,
        }))}
        onChange={(v) => props.set("unidadeid", num(v))}
      />
      <SelectBox
        label="Especialidade"
        emptyLabel={all("Todas as especialidades", "Todas")}
        value={str(props.value.especialidadeid)}
        options={(refs.especialidades() ?? []).map((e) => ({
          value: String(e.especialidadeid),
          label: e.nome,
        }))}
        onChange={(v) => props.set("especialidadeid", num(v))}
      />
      <SelectBox
        label="Médico"
        emptyLabel={all("Todos os médicos", "Todos")}
        value={str(props.value.medicoid)}
        options={medicos().map((m) => ({ value: String(m.medicoid), label: m.nomecompleto }))}
        onChange={(v) => props.set("medicoid", num(v))}
      />
    </>
  );
}

export function FiltersBar(props: { class?: string }) {
  const { filters: f } = useApp();
  return (
    <div
      class={`flex flex-wrap items-end gap-3 ${props.class ?? ""}`}
      role="group"
      aria-label="Filtros da agenda"
    >
      <RefSelects value={f.filters} set={f.setFilter} />
    </div>
  );
}
