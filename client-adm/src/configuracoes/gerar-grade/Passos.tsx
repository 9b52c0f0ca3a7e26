/** Steps 1–4 of the grade wizard: base choice, period, hours per weekday, places per tipo. */
import { createMemo, For, type JSX, Show } from "solid-js";
import type { SetStoreFunction } from "solid-js/store";
import { SelectBox } from "../../../../client-shared/ui/Select.tsx";
import { TextField } from "../../../../client-shared/ui/fields.tsx";
import { CheckboxField } from "../../../../client-shared/ui/form.tsx";
import { formatDias } from "../../../../client-shared/format.ts";
import { useRefs } from "../../state/refs.tsx";
import { DIAS_SEMANA, type Erros, horariosDoDia, type Wizard } from "./model.ts";

export interface PassoProps {
  w: Wizard;
  set: SetStoreFunction<Wizard>;
  erros: Erros;
}

/** A message under a control that has no error slot of its own (the selects). */
export function ErroCampo(props: { msg?: string; id?: string }) {
  return (
    <Show when={props.msg}>
      <p id={props.id} class="mt-1 text-sm font-medium text-red-700" role="alert">{props.msg}</p>
    </Show>
  );
}

function Campo(props: { children: JSX.Element; erro?: string }) {
  return (
    <div class="mb-4">
      {props.children}
      <ErroCampo msg={props.erro} />
    </div>
  );
}

export function PassoBase(props: PassoProps) {
  const refs = useRefs();
  const w = props.w;
  const unidade = createMemo(() =>
    (refs.unidades() ?? []).find((u) => String(u.unidadeid) === w.unidadeid)
  );
  const medicos = createMemo(() =>
    (refs.medicos() ?? []).filter((m) =>
      m.status === "Ativo" &&
      (!w.especialidadeid ||
        m.especialidades.some((e) => String(e.especialidadeid) === w.especialidadeid)) &&
      (!w.unidadeid || m.unidadeid === null || String(m.unidadeid) === w.unidadeid)
    )
  );
  // A choice upstream that rules out the médico or the consultório clears it.
  const escolher = (campo: "unidadeid" | "especialidadeid", v: string) => {
    props.set(campo, v);
    if (campo === "unidadeid") props.set("consultorioid", "");
    if (w.medicoid && !medicos().some((m) => String(m.medicoid) === w.medicoid)) {
      props.set("medicoid", "");
    }
  };
  return (
    <div class="grid grid-cols-1 gap-x-4 sm:grid-cols-2">
      <Campo erro={props.erros.unidadeid}>
        <SelectBox
          label="Unidade"
          value={w.unidadeid}
          emptyLabel="Escolha a unidade"
          options={(refs.unidades() ?? []).filter((u) => u.status === "Ativo").map((u) => ({
            value: String(u.unidadeid),
            label: u.nome,
          }))}
          onChange={(v) => escolher("unidadeid", v)}
        />
      </Campo>
      <Campo erro={props.erros.especialidadeid}>
        <SelectBox
          label="Especialidade"
          value={w.especialidadeid}
          emptyLabel="Escolha a especialidade"
          options={(refs.especialidades() ?? []).filter((e) => e.status === "Ativo").map((e) => ({
            value: String(e.especialidadeid),
            label: e.nome,
          }))}
          onChange={(v) => escolher("especialidadeid", v)}
        />
      </Campo>
      <Campo erro={props.erros.medicoid}>
        <SelectBox
          label="Médico"
          value={w.medicoid}
          emptyLabel={medicos().length ? "Escolha o médico" : "Nenhum médico para esta escolha"}
          options={medicos().map((m) => ({ value: String(m.medicoid), label: m.nomecompleto }))}
          onChange={(v) => props.set("medicoid", v)}
        />
      </Campo>
      <Campo erro={props.erros.consultorioid}>
        <SelectBox
          label="Consultório"
          value={w.consultorioid}
          emptyLabel="Sem consultório"
          disabled={!unidade()}
          options={(unidade()?.consultorios ?? []).filter((c) => c.status === "Ativo").map((c) => ({
            value: String(c.consultorioid),
            label: c.nome,
          }))}
          onChange={(v) => props.set("consultorioid", v)}
        />
      </Campo>
    </div>
  );
}

export function PassoPeriodo(props: PassoProps) {
  const dias = () => {
    const { data_inicio: a, data_fim: b } = props.w;
    if (!a || !b || b < a) return null;
    return Math.round((Date.parse(`${b}T12:00:00Z`) - Date.parse(`${a}T12:00:00Z`)) / 864e5) + 1;
  };
  return (
    <div>
      <div class="grid grid-cols-1 gap-x-4 sm:grid-cols-2">
        <TextField
          label="Data inicial"
          type="date"
          value={props.w.data_inicio}
          onInput={(v) => props.set("data_inicio", v)}
          error={props.erros.data_inicio}
        />
        <TextField
          label="Data final"
          type="date"
          value={props.w.data_fim}
          min={props.w.data_inicio || undefined}
          onInput={(v) => props.set("data_fim", v)}
          error={props.erros.data_fim}
        />
      </div>
      <Show when={dias()}>
        {(n) => <p class="text-sm text-ink-muted">Período de {formatDias(n())}.</p>}
      </Show>
    </div>
  );
}

export function PassoHorarios(
  props: PassoProps & { duracao: number; funcionamento: (dia: string) => string },
) {
  const w = props.w;
  const copiarSegunda = () => {
    const seg = w.faixas["1"];
    for (const d of DIAS_SEMANA) {
      if (d.key !== "1" && d.key !== "6") props.set("faixas", d.key, { ...seg });
    }
  };
  return (
    <div>
      <p class="mb-3 text-sm text-ink-muted">
        Informe o início e o fim do atendimento em cada dia (deixe em branco os dias sem
        atendimento). Cada consulta dura {props.duracao}{" "}
        min; os horários começam a cada intervalo abaixo.
      </p>
      <div class="max-w-xs">
        <TextField
          label="Intervalo entre horários (min)"
          type="number"
          inputMode="numeric"
          min={5}
          max={720}
          value={w.intervalo}
          onInput={(v) => props.set("intervalo", v)}
          error={props.erros.intervalo}
        />
      </div>
      <table class="w-full text-sm">
        <caption class="sr-only">Horários por dia da semana</caption>
        <thead>
          <tr class="border-b border-border text-left text-ink-muted">
            <th scope="col" class="py-2 pr-3">Dia</th>
            <th scope="col" class="py-2 pr-3">Início</th>
            <th scope="col" class="py-2 pr-3">Fim</th>
            <th scope="col" class="py-2">Horários</th>
          </tr>
        </thead>
        <tbody>
          <For each={DIAS_SEMANA}>
            {(d) => {
              const f = () => w.faixas[d.key];
              const lista = () => horariosDoDia(f(), Number(w.intervalo), props.duracao);
              const eIni = () => props.erros[`faixas.${d.key}.inicio`];
              const eFim = () => props.erros[`faixas.${d.key}.fim`];
              return (
                <tr class="border-b border-slate-100 align-top" data-dia-semana={d.key}>
                  <th scope="row" class="py-2 pr-3 text-left">
                    {d.nome}
                    <span class="block text-xs font-normal text-ink-muted">
                      {props.funcionamento(d.key)}
                    </span>
                  </th>
                  <td class="py-2 pr-3">
                    <input
                      type="time"
                      class="input"
                      aria-label={`Início de ${d.nome}`}
                      value={f().inicio}
                      aria-invalid={eIni() ? "true" : undefined}
                      onInput={(e) => props.set("faixas", d.key, "inicio", e.currentTarget.value)}
                    />
                    <ErroCampo msg={eIni()} />
                  </td>
                  <td class="py-2 pr-3">
                    <input
                      type="time"
                      class="input"
                      aria-label={`Fim de ${d.nome}`}
                      value={f().fim}
                      aria-invalid={eFim() ? "true" : undefined}
                      onInput={(e) => props.set("faixas", d.key, "fim", e.currentTarget.value)}
                    />
                    <ErroCampo msg={eFim()} />
                  </td>
                  <td class="py-2 text-ink-muted" data-horarios>
                    <Show when={lista().length} fallback="Sem atendimento">
                      {lista().length} horário(s): {lista().slice(0, 4).join(", ")}
                      {lista().length > 4 ? "…" : ""}
                    </Show>
                  </td>
                </tr>
              );
            }}
          </For>
        </tbody>
      </table>
      <ErroCampo msg={props.erros.horarios} />
      <button type="button" class="btn btn-secondary btn-sm mt-3" onClick={copiarSegunda}>
        Copiar o horário de segunda para terça a sexta
      </button>
    </div>
  );
}

export function PassoDistribuicao(
  props: PassoProps & {
    tipos: { tiposlotid: number; nome: string; cor: string }[];
    limitevagas: number | null;
  },
) {
  const soma = () => Object.values(props.w.quantidades).reduce((s, v) => s + (Number(v) || 0), 0);
  return (
    <div>
      <p class="mb-3 text-sm text-ink-muted">
        Vagas por tipo de slot em cada horário, preenchidas com as cotas da especialidade.
      </p>
      <div class="grid grid-cols-1 gap-x-4 sm:grid-cols-3">
        <For each={props.tipos}>
          {(t) => (
            <TextField
              label={t.nome}
              type="number"
              inputMode="numeric"
              min={0}
              max={100}
              value={props.w.quantidades[String(t.tiposlotid)] ?? "0"}
              onInput={(v) => props.set("quantidades", String(t.tiposlotid), v)}
              error={props.erros[`quantidades.${t.tiposlotid}`]}
            />
          )}
        </For>
      </div>
      <p class="text-sm" data-testid="soma-vagas">
        Soma por horário: <strong>{soma()}</strong>
        <Show when={props.limitevagas !== null}>
          {` (limite de vagas da especialidade: ${props.limitevagas})`}
        </Show>
      </p>
      <ErroCampo msg={props.erros.distribuicao} />
      <div class="mt-4">
        <CheckboxField
          label="Permitir encaixes (overbooking)"
          checked={props.w.overbooking}
          onChange={(v) => props.set("overbooking", v)}
        />
        <Show when={props.w.overbooking}>
          <div class="max-w-xs">
            <TextField
              label="Encaixes por horário (além das vagas)"
              type="number"
              inputMode="numeric"
              min={0}
              max={20}
              value={props.w.limite_encaixe}
              onInput={(v) => props.set("limite_encaixe", v)}
              error={props.erros.limite_encaixe}
            />
          </div>
        </Show>
      </div>
    </div>
  );
}
