/**
 * "Adicionar à fila": patient autocomplete, cascading filters (especialidade → médicos that
 * attend it), preferences, priority and origin (`POST /api/backlog`).
 */
import { createSignal, Show } from "solid-js";
import { SelectField } from "../../../../client-shared/ui/fields.tsx";
import { usePainel } from "../contexto.tsx";
import { erroDe } from "../store/api.ts";
import { BuscaPaciente, type Sugestao } from "./BuscaPaciente.tsx";
import { Modal } from "./Modal.tsx";

export function AdicionarFila(
  props: { aberto: boolean; fechar: () => void; feito: (msg: string) => void },
) {
  const { p, listas } = usePainel();
  const [pac, setPac] = createSignal<Sugestao | null>(null);
  const [esp, setEsp] = createSignal("");
  const [uni, setUni] = createSignal("");
  const [med, setMed] = createSignal("");
  const [data, setData] = createSignal("");
  const [periodo, setPeriodo] = createSignal("");
  const [prioridade, setPrioridade] = createSignal("");
  const [origem, setOrigem] = createSignal("ADM");
  const [urgente, setUrgente] = createSignal(false);
  const [obs, setObs] = createSignal("");
  const [erro, setErro] = createSignal<string | null>(null);
  const [enviando, setEnviando] = createSignal(false);

  const limpar = () => {
    setPac(null);
    setEsp("");
    setUni("");
    setMed("");
    setData("");
    setPeriodo("");
    setPrioridade("");
    setUrgente(false);
    setObs("");
    setErro(null);
  };

  const enviar = async (e: Event) => {
    e.preventDefault();
    if (!pac()) return setErro("Escolha o paciente.");
    if (!esp()) return setErro("Escolha a especialidade.");
    setEnviando(true);
    try {
      const body: Record<string, unknown> = {
        pacienteid: pac()!.pacienteid,
        especialidadeid: Number(esp()),
        origem: origem(),
        urgente: urgente(),
      };
      if (uni()) body.unidadeid = Number(uni());
      if (med()) body.medicoid = Number(med());
      if (data()) body.data_preferida = data();
      if (periodo()) body.periodo_preferido = periodo();
      if (prioridade()) body.prioridade = prioridade();
      if (obs().trim()) body.observacoes = obs().trim();
      await p.api.request("POST", "/api/backlog", body);
      props.feito(`${pac()!.nomecompleto} entrou na fila.`);
      limpar();
      props.fechar();
    } catch (err) {
      setErro(erroDe(err).message);
    } finally {
      setEnviando(false);
    }
  };

  const op = (l: { id: number; nome: string }[] | undefined, vazio: string) => [
    { value: "", label: vazio },
    ...(l ?? []).map((o) => ({ value: String(o.id), label: o.nome })),
  ];

  return (
    <Modal aberto={props.aberto} fechar={props.fechar} titulo="Adicionar à fila" largura="max-w-xl">
      <form onSubmit={enviar} noValidate>
        <BuscaPaciente api={p.api} escolher={setPac} autofocus />
        <Show when={pac()}>
          <p class="-mt-2 mb-3 text-sm text-green-800">Paciente: {pac()!.nomecompleto}</p>
        </Show>
        <div class="grid grid-cols-2 gap-3">
          <SelectField
            label="Especialidade"
            value={esp()}
            onChange={(v) => {
              setEsp(v);
              setMed("");
            }}
            options={op(listas.especialidades(), "Escolha…")}
          />
          <SelectField
            label="Unidade preferida"
            value={uni()}
            onChange={setUni}
            options={op(listas.unidades(), "Qualquer")}
          />
          <SelectField
            label="Médico preferido"
            value={med()}
            onChange={setMed}
            disabled={!esp()}
            options={op(listas.medicosDe(esp() ? Number(esp()) : null), "Qualquer")}
          />
          <div>
            <label class="label" for="fila-data">Data preferida</label>
            <input
              id="fila-data"
              type="date"
              class="input"
              value={data()}
              onChange={(e) =>
                setData(e.currentTarget.value)}
            />
          </div>
          <SelectField
            label="Período"
            value={periodo()}
            onChange={setPeriodo}
            options={[
              { value: "", label: "Qualquer" },
              { value: "Manhã", label: "Manhã" },
              { value: "Tarde", label: "Tarde" },
              { value: "Noite", label: "Noite" },
            ]}
          />
          <SelectField
            label="Prioridade"
            value={prioridade()}
            onChange={setPrioridade}
            options={[
              { value: "", label: "Automática" },
              { value: "Alta", label: "Alta" },
              { value: "Média", label: "Média" },
              { value: "Baixa", label: "Baixa" },
            ]}
          />
          <SelectField
            label="Origem"
            value={origem()}
            onChange={setOrigem}
            options={[
              { value: "ADM", label: "ADM" },
              { value: "Programa Municipal", label: "Programa Municipal" },
              { value: "Realocação", label: "Realocação" },
            ]}
          />
          <label class="mt-6 flex items-center gap-2 text-sm font-semibold">
            <input
              type="checkbox"
              checked={urgente()}
              onChange={(e) =>
                setUrgente(e.currentTarget.checked)}
            />
            Urgente
          </label>
        </div>
        <label class="label mt-3" for="fila-obs">Observações</label>
        <textarea
          id="fila-obs"
          class="input"
          rows={2}
          value={obs()}
          onInput={(e) =>
            setObs(e.currentTarget.value)}
        />
        <Show when={erro()}>
          <p role="alert" class="mt-2 text-sm font-medium text-red-700">{erro()}</p>
        </Show>
        <div class="mt-4 flex justify-end gap-2">
          <button type="button" class="btn btn-secondary" onClick={props.fechar}>Cancelar</button>
          <button type="submit" class="btn btn-primary" disabled={enviando()}>
            {enviando() ? "Adicionando…" : "Adicionar"}
          </button>
        </div>
      </form>
    </Modal>
  );
}
