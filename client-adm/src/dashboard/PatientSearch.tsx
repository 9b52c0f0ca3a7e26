/**
 * Patient search by name or CPF (`/api/agendamentos/buscar-paciente`) on Kobalte's Combobox:
 * type at least 2 characters, pick with the keyboard or the mouse; the chosen patient's upcoming
 * appointments and open requests show below.
 */
import { Combobox } from "@kobalte/core/combobox";
import { createSignal, For, onCleanup, Show } from "solid-js";
import { formatDay } from "../../../client-shared/format.ts";
import { digits, looksLikeCpf, maskCpf } from "../../../client-shared/masks.ts";
import { useApp } from "../app/context.tsx";
import type { PacienteHit } from "./types.ts";

type Hit = PacienteHit;

export function PatientSearch() {
  const app = useApp();
  const [hits, setHits] = createSignal<Hit[]>([]);
  const [chosen, setChosen] = createSignal<Hit | null>(null);
  const [status, setStatus] = createSignal("");
  // Controlled: the results arrive after the typing, when Kobalte has already decided to stay
  // closed for lack of options.
  const [open, setOpen] = createSignal(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let ctrl: AbortController | undefined;
  onCleanup(() => clearTimeout(timer));

  const search = (text: string) => {
    clearTimeout(timer);
    const q = looksLikeCpf(text) ? digits(text) : text.trim();
    if (q.length < 2) {
      setHits([]);
      setOpen(false);
      setStatus(text ? "Digite ao menos 2 caracteres." : "");
      return;
    }
    timer = setTimeout(async () => {
      ctrl?.abort();
      ctrl = new AbortController();
      setStatus("Buscando…");
      try {
        const r = await app.api.call("GET /api/agendamentos/buscar-paciente", {
          query: { q },
          signal: ctrl.signal,
        });
        setHits(r.items);
        setOpen(r.items.length > 0);
        setStatus(
          r.items.length
            ? `${r.items.length} paciente(s) encontrado(s).`
            : "Nenhum paciente encontrado.",
        );
      } catch (e) {
        if ((e as Error).name !== "AbortError") setStatus((e as Error).message);
      }
    }, 250);
  };

  return (
    <section class="card p-4" aria-labelledby="busca-titulo">
      <h2 id="busca-titulo" class="mb-2 text-base font-bold">Buscar paciente</h2>
      <Combobox<Hit>
        options={hits()}
        optionValue="pacienteid"
        optionTextValue="nomecompleto"
        optionLabel="nomecompleto"
        value={chosen()}
        onChange={(h) => {
          setChosen(h);
          setOpen(false);
        }}
        open={open()}
        onOpenChange={(o) => setOpen(o && hits().length > 0)}
        onInputChange={search}
        defaultFilter={() => true}
        triggerMode="input"
        noResetInputOnBlur
        placeholder="Nome ou CPF"
        itemComponent={(p) => (
          <Combobox.Item
            item={p.item}
            class="cursor-pointer rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-brand-100"
          >
            <Combobox.ItemLabel>
              <span class="font-semibold">{p.item.rawValue.nomecompleto}</span>
              <span class="ml-2 text-ink-muted">CPF {maskCpf(p.item.rawValue.cpf)}</span>
            </Combobox.ItemLabel>
          </Combobox.Item>
        )}
      >
        <Combobox.Label class="label">Nome ou CPF do paciente</Combobox.Label>
        <Combobox.Control class="flex" aria-label="Busca de paciente">
          <Combobox.Input class="input" />
        </Combobox.Control>
        <Combobox.Portal>
          <Combobox.Content class="z-50 max-h-72 overflow-auto rounded-lg border border-border bg-white p-1 shadow-lg">
            <Combobox.Listbox aria-label="Pacientes encontrados" />
          </Combobox.Content>
        </Combobox.Portal>
      </Combobox>
      <p class="mt-1 min-h-5 text-sm text-ink-muted" role="status" aria-live="polite">{status()}</p>
      <Show when={chosen()}>
        {(p) => (
          <div
            class="mt-2 rounded-lg border border-slate-200 p-3 text-sm"
            data-testid="paciente-escolhido"
          >
            <p class="font-semibold">{p().nomecompleto}</p>
            <p class="text-ink-muted">
              CPF {maskCpf(p().cpf)} · {p().tipo}
              {p().telefone_validado ? " · telefone validado ✓" : ""}
            </p>
            <h3 class="mt-2 font-semibold">Próximos agendamentos</h3>
            <Show
              when={p().proximos_agendamentos.length}
              fallback={<p class="text-ink-muted">Nenhum agendamento futuro.</p>}
            >
              <ul class="space-y-1">
                <For each={p().proximos_agendamentos}>
                  {(a) => (
                    <li>
                      {formatDay(a.data)} {a.hora} · {a.especialidade_nome} · {a.medico_nome} ·{" "}
                      {a.unidade_nome} <span class="text-ink-muted">({a.status})</span>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
            <Show when={p().backlog_aberto.length}>
              <h3 class="mt-2 font-semibold">Na fila de espera</h3>
              <ul>
                <For each={p().backlog_aberto}>
                  {(b) => <li>{b.especialidade_nome} · {b.prioridade} · {b.status}</li>}
                </For>
              </ul>
            </Show>
          </div>
        )}
      </Show>
    </section>
  );
}
