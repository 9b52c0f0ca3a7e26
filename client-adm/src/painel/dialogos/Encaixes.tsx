/**
 * A slot's encaixes with each reason (staff only): opened from the "+N encaixe" badge of a slot,
 * read from `GET /api/agendamentos?slotagendaid=&encaixe=true`.
 */
import { createResource, For, Show } from "solid-js";
import { usePainel } from "../contexto.tsx";
import { erroDe } from "../store/api.ts";
import { Modal } from "./Modal.tsx";

interface EncaixeRow {
  agendamentoid: number;
  paciente_nome: string;
  status: string;
  motivo_encaixe: string | null;
}

export function Encaixes(props: { slotagendaid: number | null; fechar: () => void }) {
  const { p } = usePainel();
  const slot = () => (props.slotagendaid ? p.agenda.state.slots[props.slotagendaid] : undefined);
  const [lista] = createResource(
    () => slot() && { id: slot()!.slotagendaid, data: slot()!.data },
    ({ id, data }) =>
      p.api.request<{ items: EncaixeRow[] }>(
        "GET",
        `/api/agendamentos?data=${data}&slotagendaid=${id}&encaixe=true&limit=50`,
      ).then((r) => r.items),
  );
  return (
    <Modal
      aberto={props.slotagendaid !== null}
      fechar={props.fechar}
      titulo="Encaixes do horário"
      descricao={slot() ? `${slot()!.hora.slice(0, 5)} · ${slot()!.medico.nome}` : ""}
    >
      <Show when={!lista.error} fallback={<p role="alert">{erroDe(lista.error).message}</p>}>
        <Show when={lista()} fallback={<p class="text-sm text-ink-muted">Carregando…</p>}>
          <Show
            when={lista()!.length}
            fallback={<p class="text-sm text-ink-muted">Nenhum encaixe neste horário.</p>}
          >
            <ul class="flex flex-col gap-2" data-encaixes-lista>
              <For each={lista()}>
                {(a) => (
                  <li class="rounded border border-red-200 bg-red-50 p-2 text-sm">
                    <p class="font-semibold">
                      {a.paciente_nome} <span class="font-normal text-ink-muted">· {a.status}</span>
                    </p>
                    <p class="text-red-900">Motivo: {a.motivo_encaixe}</p>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </Show>
      </Show>
    </Modal>
  );
}
