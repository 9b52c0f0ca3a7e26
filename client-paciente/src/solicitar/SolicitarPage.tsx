/**
 * "Solicitar agendamento" (spec: wizard in 3 steps): (1) especialidade (required), unidade and
 * médico (optional, narrowed to the chosen especialidade); (2) preferences: date from tomorrow to
 * +60 days, período, urgência, observações; (3) the summary with the priority the request will
 * get (the server's own rule, `priority_rule.ts`) and "Enviar" (`POST /api/backlog`).
 * Each step's heading takes the focus; a step is checked before the next one opens.
 */
import { useNavigate } from "@solidjs/router";
import { createEffect, createMemo, createSignal, For, on, Show } from "solid-js";
import { usePortal } from "../app/context.tsx";
import { PageTitle } from "../agenda/ui.tsx";
import { LoadState } from "../../../client-shared/ui/LoadState.tsx";
import { createRetryingResource } from "../../../client-shared/retrying_resource.ts";
import { addDays, today } from "../../../client-shared/format.ts";
import { errorsOf, type FieldErrors } from "../../../client-shared/forms.ts";
import { notify } from "../app/notify.ts";
import { FormError } from "../../../client-shared/ui/fields.tsx";
import { JANELA_PACIENTE } from "../../../server/modules/backlog/priority_rule.ts";
import { EtapaEspecialidade } from "./EtapaEspecialidade.tsx";
import { EtapaPreferencias } from "./EtapaPreferencias.tsx";
import { EtapaResumo } from "./EtapaResumo.tsx";
import { type Catalogo, type Pedido, PEDIDO_VAZIO, validarEtapa } from "./pedido.ts";

const ETAPAS = ["Especialidade", "Preferências", "Confirmação"];

export default function SolicitarPage() {
  const portal = usePortal();
  const navigate = useNavigate();
  const [catalogo, { refetch }] = createRetryingResource<Catalogo>(async () => {
    const [esp, uni, med] = await Promise.all([
      portal.api.call("GET /api/especialidades"),
      portal.api.call("GET /api/unidades"),
      portal.api.call("GET /api/medicos", { query: { limit: 100 } }),
    ]);
    // A paciente token gets the portal's short shapes (active rows only).
    return { especialidades: esp, unidades: uni, medicos: med.items };
  });
  const [etapa, setEtapa] = createSignal(0);
  const [pedido, setPedido] = createSignal<Pedido>({ ...PEDIDO_VAZIO });
  const [erros, setErros] = createSignal<FieldErrors>({});
  const [enviando, setEnviando] = createSignal(false);
  const hoje = createMemo(() => today());
  const janela = () => ({
    min: addDays(hoje(), JANELA_PACIENTE.min),
    max: addDays(hoje(), JANELA_PACIENTE.max),
  });

  let titulo: HTMLHeadingElement | undefined;
  createEffect(on(etapa, () => titulo?.focus(), { defer: true }));

  const mudar = (patch: Partial<Pedido>) => {
    setPedido((p) => ({ ...p, ...patch }));
    const limpar = Object.keys(patch);
    setErros((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !limpar.includes(k))));
  };

  const avancar = () => {
    const e = validarEtapa(etapa(), pedido(), hoje());
    setErros(e);
    if (Object.keys(e).length) {
      // The first field in error takes the focus (its message is tied to it).
      queueMicrotask(() =>
        (document.querySelector('[aria-invalid="true"]') as HTMLElement | null)?.focus()
      );
      return;
    }
    setEtapa((n) => n + 1);
  };

  const enviar = async () => {
    const p = pedido();
    setEnviando(true);
    setErros({});
    try {
      await portal.api.call("POST /api/backlog", {
        body: {
          especialidadeid: p.especialidadeid!,
          unidadeid: p.unidadeid,
          medicoid: p.medicoid,
          data_preferida: p.data || null,
          periodo_preferido: p.periodo,
          urgente: p.urgente,
          observacoes: p.observacoes.trim() || null,
        },
      });
      notify.ok("Solicitação enviada. Avisaremos quando houver uma proposta de horário.");
      navigate("/solicitacoes");
    } catch (e) {
      setErros(errorsOf(e));
    } finally {
      setEnviando(false);
    }
  };

  return (
    <section class="mx-auto max-w-xl p-4">
      <PageTitle sub="Escolha a especialidade e suas preferências. Nós procuramos o horário.">
        Solicitar agendamento
      </PageTitle>
      <ol class="mb-4 grid grid-cols-3 gap-1 text-xs leading-tight" aria-label="Etapas">
        <For each={ETAPAS}>
          {(nome, i) => (
            <li
              class={`min-w-0 rounded-full px-0.5 py-1.5 text-center text-[0.6875rem] ${
                i() === etapa()
                  ? "bg-brand-600 font-semibold text-white"
                  : i() < etapa()
                  ? "bg-brand-100 text-brand-900"
                  : "bg-slate-100 text-ink-muted"
              }`}
              aria-current={i() === etapa() ? "step" : undefined}
            >
              {i() + 1}. {nome}
            </li>
          )}
        </For>
      </ol>
      <LoadState resource={catalogo} onRetry={refetch} label="Carregando especialidades…">
        {(cat) => (
          <form
            class="card p-4"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              if (etapa() < 2) avancar();
              else void enviar();
            }}
          >
            <h2
              ref={(el) => (titulo = el)}
              tabindex="-1"
              class="mb-3 text-lg font-bold outline-none"
            >
              Etapa {etapa() + 1} de 3: {ETAPAS[etapa()]}
            </h2>
            <Show when={etapa() === 0}>
              <EtapaEspecialidade
                catalogo={cat()}
                pedido={pedido()}
                erros={erros()}
                mudar={mudar}
              />
            </Show>
            <Show when={etapa() === 1}>
              <EtapaPreferencias
                pedido={pedido()}
                erros={erros()}
                mudar={mudar}
                janela={janela()}
              />
            </Show>
            <Show when={etapa() === 2}>
              <EtapaResumo catalogo={cat()} pedido={pedido()} hoje={hoje()} />
              <FormError message={erros()[""] ?? Object.values(erros())[0] ?? null} />
            </Show>
            <div class="mt-4 flex gap-2">
              <Show when={etapa() > 0}>
                <button
                  type="button"
                  class="btn btn-secondary min-h-12 flex-1 text-base"
                  onClick={() => {
                    setErros({});
                    setEtapa((n) => n - 1);
                  }}
                  disabled={enviando()}
                >
                  Voltar
                </button>
              </Show>
              <button
                type="submit"
                class="btn btn-primary min-h-12 flex-1 text-base"
                disabled={enviando()}
                aria-busy={enviando() ? "true" : undefined}
              >
                {etapa() < 2 ? "Continuar" : enviando() ? "Enviando…" : "Enviar"}
              </button>
            </div>
          </form>
        )}
      </LoadState>
    </section>
  );
}
