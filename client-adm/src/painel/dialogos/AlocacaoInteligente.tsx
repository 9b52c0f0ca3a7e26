/**
 * "Alocação inteligente": asks the server for the best slot (preview), shows it with the
 * reasons, and proposes it on confirmation (`POST /api/backlog/:id/alocar-inteligente`).
 */
import { createResource, For, Show } from "solid-js";
import { usePainel } from "../contexto.tsx";
import type { BacklogItem } from "../model/types.ts";
import { erroDe } from "../store/api.ts";
import { Modal } from "./Modal.tsx";

interface Sugestao {
  slotagendaid: number;
  data: string;
  hora: string;
  medico_nome: string;
  unidade_nome: string;
  tiposlot_nome: string;
}

export function AlocacaoInteligente(props: {
  item: BacklogItem | null;
  fechar: () => void;
  feito: (msg: string) => void;
  erro: (msg: string) => void;
}) {
  const { p } = usePainel();
  const [previa] = createResource(
    () => props.item,
    async (it) => {
      try {
        const r = await p.inteligente(it, true);
        return { ok: true as const, slot: r.slot as unknown as Sugestao, motivos: r.motivos };
      } catch (e) {
        return { ok: false as const, msg: erroDe(e).message };
      }
    },
  );
  const propor = async () => {
    const it = props.item!;
    try {
      const r = await p.inteligente(it, false);
      const s = r.slot as unknown as Sugestao;
      props.feito(
        `Proposta enviada para ${it.paciente_nome}: ${s.data.split("-").reverse().join("/")} ${
          s.hora.slice(0, 5)
        }.`,
      );
    } catch (e) {
      props.erro(erroDe(e).message);
    }
    props.fechar();
  };
  return (
    <Modal
      aberto={props.item !== null}
      fechar={props.fechar}
      titulo="Alocação inteligente"
      descricao={props.item
        ? `Melhor horário para ${props.item.paciente_nome}, pelas preferências.`
        : ""}
    >
      <Show when={previa()} fallback={<p class="text-sm">Procurando o melhor horário…</p>}>
        {(r) => (
          <Show
            when={r().ok && r()}
            fallback={
              <p role="alert" class="text-sm text-red-700">{(r() as { msg: string }).msg}</p>
            }
          >
            {(ok) => {
              const s = () => (ok() as { slot: Sugestao }).slot;
              return (
                <div data-sugestao>
                  <p class="mb-2 font-semibold">
                    {s().data.split("-").reverse().join("/")} às {s().hora.slice(0, 5)} —{" "}
                    {s().medico_nome}, {s().unidade_nome} ({s().tiposlot_nome})
                  </p>
                  <h3 class="text-sm font-bold">Motivos</h3>
                  <ul class="mb-4 list-disc pl-5 text-sm">
                    <For each={(ok() as { motivos: string[] }).motivos}>{(m) => <li>{m}</li>}</For>
                  </ul>
                  <div class="flex justify-end gap-2">
                    <button type="button" class="btn btn-secondary" onClick={props.fechar}>
                      Cancelar
                    </button>
                    <button type="button" class="btn btn-primary" onClick={propor}>
                      Propor este horário
                    </button>
                  </div>
                </div>
              );
            }}
          </Show>
        )}
      </Show>
    </Modal>
  );
}
