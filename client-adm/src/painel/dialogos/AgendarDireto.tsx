/**
 * Direct booking from the day's agenda: search a patient and book the slot
 * (`POST /api/agendamentos`). As an encaixe (a full slot where the grade allows overbooking,
 * gerenciador and above), the reason is required and recorded in the audit trail.
 */
import { createSignal, Show } from "solid-js";
import { usePainel } from "../contexto.tsx";
import { erroDe } from "../store/api.ts";
import { BuscaPaciente, type Sugestao } from "./BuscaPaciente.tsx";
import { Modal } from "./Modal.tsx";

export function AgendarDireto(props: {
  alvo: { slotagendaid: number; encaixe: boolean } | null;
  fechar: () => void;
  feito: (msg: string) => void;
}) {
  const { p } = usePainel();
  const [pac, setPac] = createSignal<Sugestao | null>(null);
  const [motivo, setMotivo] = createSignal("");
  const [erro, setErro] = createSignal<string | null>(null);
  const [enviando, setEnviando] = createSignal(false);
  const slot = () => (props.alvo ? p.agenda.state.slots[props.alvo.slotagendaid] : undefined);
  const fechar = () => {
    setPac(null);
    setMotivo("");
    setErro(null);
    props.fechar();
  };
  const enviar = async (e: Event) => {
    e.preventDefault();
    const alvo = props.alvo!;
    if (!pac()) return setErro("Escolha o paciente.");
    if (alvo.encaixe && motivo().trim().length < 3) {
      return setErro("Informe o motivo do encaixe (ao menos 3 caracteres).");
    }
    setEnviando(true);
    try {
      await p.agendar(
        alvo.slotagendaid,
        pac()!.pacienteid,
        alvo.encaixe ? { motivo: motivo().trim() } : undefined,
      );
      props.feito(`${pac()!.nomecompleto} agendado(a)${alvo.encaixe ? " como encaixe" : ""}.`);
      fechar();
    } catch (err) {
      setErro(erroDe(err).message);
    } finally {
      setEnviando(false);
    }
  };
  return (
    <Modal
      aberto={props.alvo !== null}
      fechar={fechar}
      titulo={props.alvo?.encaixe ? "Encaixe" : "Agendar paciente"}
      descricao={slot()
        ? `${slot()!.hora.slice(0, 5)} · ${slot()!.medico.nome} · ${slot()!.especialidade.nome} · ${
          slot()!.tiposlot.nome
        }`
        : ""}
    >
      <form onSubmit={enviar} noValidate>
        <BuscaPaciente api={p.api} escolher={setPac} autofocus />
        <Show when={pac()}>
          <p class="-mt-2 mb-3 text-sm text-green-800">Paciente: {pac()!.nomecompleto}</p>
        </Show>
        <Show when={props.alvo?.encaixe}>
          <p class="mb-2 text-sm text-amber-900">
            O horário está lotado: o encaixe ocupa uma vaga além do limite, dentro do limite de
            encaixes da grade.
          </p>
          <label class="label" for="encaixe-motivo">Motivo do encaixe (obrigatório)</label>
          <textarea
            id="encaixe-motivo"
            class="input"
            rows={2}
            required
            value={motivo()}
            onInput={(e) => setMotivo(e.currentTarget.value)}
          />
        </Show>
        <Show when={erro()}>
          <p role="alert" class="mt-2 text-sm font-medium text-red-700">{erro()}</p>
        </Show>
        <div class="mt-4 flex justify-end gap-2">
          <button type="button" class="btn btn-secondary" onClick={fechar}>Cancelar</button>
          <button type="submit" class="btn btn-primary" disabled={enviando()}>
            {enviando() ? "Agendando…" : props.alvo?.encaixe ? "Confirmar encaixe" : "Agendar"}
          </button>
        </div>
      </form>
    </Modal>
  );
}
