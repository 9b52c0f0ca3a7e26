/**
 * Consultórios of a unidade, inline. For a unidade being created: a list of names sent with it.
 * For an existing one: create, rename, inativar (confirmed; refused with its reason while active
 * grades use the room) and reativar, each saved at once through /api/consultorios.
 */
import { createSignal, For, Show } from "solid-js";
import type { Unidade } from "../../../../server/modules/unidades/schemas.ts";
import { ConfirmDialog } from "../../../../client-shared/ui/ConfirmDialog.tsx";
import { StatusBadge } from "../../../../client-shared/ui/status.tsx";
import { notify } from "../../../../client-shared/ui/toast.tsx";
import { useApp } from "../../app/context.tsx";
import { listingGrades } from "./grades_em_uso.ts";

type Consultorio = Unidade["consultorios"][number];

/** Names of the consultórios of a unidade not yet created. */
export function NovosConsultorios(props: { value: string[]; onChange: (v: string[]) => void }) {
  const [nome, setNome] = createSignal("");
  const add = () => {
    const n = nome().trim();
    if (!n) return;
    props.onChange([...props.value, n]);
    setNome("");
  };
  return (
    <fieldset class="mb-4 rounded-lg border border-slate-200 p-4">
      <legend class="px-1 text-sm font-bold">Consultórios</legend>
      <ul class="mb-2 flex flex-wrap gap-2">
        <For each={props.value}>
          {(n, i) => (
            <li class="flex items-center gap-1 rounded bg-slate-100 px-2 py-1 text-sm">
              {n}
              <button
                type="button"
                class="btn btn-secondary btn-sm"
                aria-label={`Remover ${n}`}
                onClick={() => props.onChange(props.value.filter((_, j) => j !== i()))}
              >
                ✕
              </button>
            </li>
          )}
        </For>
      </ul>
      <NomeEAdicionar nome={nome()} setNome={setNome} onAdd={add} />
    </fieldset>
  );
}

function NomeEAdicionar(props: {
  nome: string;
  setNome: (v: string) => void;
  onAdd: () => void;
  error?: string | null;
}) {
  return (
    <div>
      <div class="flex gap-2">
        <input
          class="input max-w-xs"
          aria-label="Nome do novo consultório"
          placeholder="Ex.: Sala 2"
          value={props.nome}
          maxLength={120}
          onInput={(e) => props.setNome(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              props.onAdd();
            }
          }}
        />
        <button type="button" class="btn btn-secondary" onClick={props.onAdd}>
          Adicionar consultório
        </button>
      </div>
      <Show when={props.error}>
        <p class="mt-1 text-sm font-medium text-red-700" role="alert">{props.error}</p>
      </Show>
    </div>
  );
}

/** The consultórios of an existing unidade, each change saved at once. */
export function ConsultoriosEditor(props: {
  unidadeid: number;
  consultorios: Consultorio[];
  canWrite: boolean;
}) {
  const app = useApp();
  const [nome, setNome] = createSignal("");
  const [error, setError] = createSignal<string | null>(null);
  const add = async () => {
    setError(null);
    try {
      await app.api.call("POST /api/consultorios", {
        body: { unidadeid: props.unidadeid, nome: nome().trim() },
      });
      setNome("");
      notify.ok("Consultório criado.");
    } catch (e) {
      setError(e instanceof Error ? e.message : "Não foi possível criar o consultório.");
    }
  };
  return (
    <fieldset class="mb-4 rounded-lg border border-slate-200 p-4" data-testid="consultorios">
      <legend class="px-1 text-sm font-bold">Consultórios</legend>
      <Show
        when={props.consultorios.length > 0}
        fallback={<p class="mb-2 text-sm text-ink-muted">Nenhum consultório cadastrado.</p>}
      >
        <ul class="mb-3 divide-y divide-slate-100">
          {/* Keyed by id: a reload (another user's change) keeps each line and its dialog. */}
          <For each={props.consultorios.map((c) => c.consultorioid)}>
            {(id) => (
              <Show when={props.consultorios.find((c) => c.consultorioid === id)}>
                {(c) => <ConsultorioLinha c={c()} canWrite={props.canWrite} />}
              </Show>
            )}
          </For>
        </ul>
      </Show>
      <Show when={props.canWrite}>
        <NomeEAdicionar nome={nome()} setNome={setNome} onAdd={add} error={error()} />
      </Show>
    </fieldset>
  );
}

function ConsultorioLinha(props: { c: Consultorio; canWrite: boolean }) {
  const app = useApp();
  const [nome, setNome] = createSignal(props.c.nome);
  const [error, setError] = createSignal<string | null>(null);
  const [ask, setAsk] = createSignal(false);
  const ativo = () => props.c.status === "Ativo";
  const id = () => ({ params: { id: props.c.consultorioid } });
  const rename = async () => {
    setError(null);
    try {
      await app.api.call("PUT /api/consultorios/:id", { ...id(), body: { nome: nome().trim() } });
      notify.ok("Consultório renomeado.");
    } catch (e) {
      setError(e instanceof Error ? e.message : "Não foi possível renomear.");
    }
  };
  return (
    <li class="flex flex-wrap items-center gap-2 py-2" data-consultorio={props.c.nome}>
      <Show when={props.canWrite} fallback={<span class="flex-1">{props.c.nome}</span>}>
        <input
          class="input max-w-xs flex-1"
          aria-label={`Nome do consultório ${props.c.nome}`}
          value={nome()}
          maxLength={120}
          onInput={(e) => setNome(e.currentTarget.value)}
        />
        <button
          type="button"
          class="btn btn-secondary btn-sm"
          disabled={nome().trim() === props.c.nome || !nome().trim()}
          onClick={rename}
        >
          Renomear
        </button>
      </Show>
      <StatusBadge status={props.c.status} />
      <Show when={props.canWrite}>
        <button
          type="button"
          class="btn btn-secondary btn-sm"
          aria-label={`${ativo() ? "Inativar" : "Reativar"} consultório ${props.c.nome}`}
          onClick={() => setAsk(true)}
        >
          {ativo() ? "Inativar" : "Reativar"}
        </button>
        <ConfirmDialog
          open={ask()}
          onOpenChange={setAsk}
          title={`${ativo() ? "Inativar" : "Reativar"} consultório ${props.c.nome}?`}
          confirmLabel={ativo() ? "Inativar" : "Reativar"}
          danger={ativo()}
          onConfirm={async () => {
            const was = ativo();
            await listingGrades(() =>
              was
                ? app.api.call("DELETE /api/consultorios/:id", id())
                : app.api.call("PATCH /api/consultorios/:id/reativar", id())
            );
            notify.ok(`Consultório ${was ? "inativado" : "reativado"}.`);
          }}
        >
          {ativo()
            ? "O consultório deixa de ser oferecido para novas grades. Não é possível inativá-lo enquanto grades ativas o utilizam."
            : "O consultório volta a poder receber grades."}
        </ConfirmDialog>
      </Show>
      <Show when={error()}>
        <p class="w-full text-sm font-medium text-red-700" role="alert">{error()}</p>
      </Show>
    </li>
  );
}
