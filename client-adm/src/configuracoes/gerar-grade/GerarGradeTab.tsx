/**
 * "Gerar grade": the 5-step wizard of the spec's "Gerador de Grade de Horários" (base choice,
 * period, hours per weekday, places per tipo from the cotas, preview with every conflict), then
 * the generation with its progress bar and summary. A generation still running when the page is
 * reloaded is picked up again (`GET /api/slots/geracoes`).
 */
import {
  createEffect,
  createMemo,
  createResource,
  createSignal,
  For,
  Match,
  on,
  onCleanup,
  onMount,
  Show,
  Switch,
} from "solid-js";
import { createStore, reconcile } from "solid-js/store";
import { ApiError } from "../../../../client-shared/http.ts";
import { errorsOf } from "../../../../client-shared/forms.ts";
import { FormError, Loading } from "../../../../client-shared/ui/fields.tsx";
import { PageHeader } from "../../../../client-shared/ui/form.tsx";
import { formatDay } from "../../../../client-shared/format.ts";
import { useApp } from "../../app/context.tsx";
import { useRefs } from "../../state/refs.tsx";
import { createAcompanhamento } from "./acompanhamento.ts";
import {
  corpo,
  emptyWizard,
  type Erros,
  errosDoServidor,
  passoDoErro,
  PASSOS,
  validarPasso,
} from "./model.ts";
import { PassoBase, PassoDistribuicao, PassoHorarios, PassoPeriodo } from "./Passos.tsx";
import { Previa, type PreviaRes } from "./Previa.tsx";
import { Progresso } from "./Progresso.tsx";

export default function GerarGradeTab() {
  const app = useApp();
  const refs = useRefs();
  const [w, set] = createStore(emptyWizard());
  const [passo, setPasso] = createSignal(1);
  const [erros, setErros] = createSignal<Erros>({});
  const [erroGeral, setErroGeral] = createSignal<string | null>(null);
  const acomp = createAcompanhamento();
  onMount(() => void acomp.retomar().catch(() => {}));

  const unidade = createMemo(() =>
    (refs.unidades() ?? []).find((u) => String(u.unidadeid) === w.unidadeid)
  );
  const nomeDe = <T,>(l: T[] | undefined, f: (x: T) => boolean, n: (x: T) => string) => {
    const x = (l ?? []).find(f);
    return x ? n(x) : "";
  };
  const titulo = () =>
    [
      nomeDe(refs.medicos(), (m) => String(m.medicoid) === w.medicoid, (m) => m.nomecompleto),
      nomeDe(
        refs.especialidades(),
        (e) => String(e.especialidadeid) === w.especialidadeid,
        (e) => e.nome,
      ),
      unidade()?.nome ?? "",
    ].filter(Boolean).join(" · ");

  const [padrao] = createResource(
    () => w.especialidadeid || false,
    (id) =>
      app.api.call("GET /api/slots/distribuicao-padrao", {
        query: { especialidadeid: Number(id) },
      }),
  );
  const [tiposSlot] = createResource(() => app.api.call("GET /api/tipos-slot"));
  const duracao = () => padrao()?.duracao_minutos ?? 30;
  /** Active tipos, those with a cota first. */
  const tipos = createMemo(() => {
    const cotas = padrao()?.distribuicao ?? [];
    const outros = (tiposSlot() ?? []).filter((t) =>
      t.status === "Ativo" && !cotas.some((c) => c.tiposlotid === t.tiposlotid)
    );
    return [...cotas, ...outros];
  });
  const funcionamento = (dia: string) => {
    const h = unidade()?.horarios?.[dia as "1"];
    return h ? `Funcionamento ${h.abertura}–${h.fechamento}` : "Unidade fechada";
  };

  // Steps 3 and 4 start filled (once per choice, as soon as the especialidade is loaded): the
  // interval (consultation + the unidade's pause) and the cotas.
  let intervaloDe = "";
  let quantidadesDe = "";
  createEffect(() => {
    const chave = `${w.especialidadeid}/${w.unidadeid}`;
    if (passo() === 3 && padrao() && intervaloDe !== chave) {
      intervaloDe = chave;
      set("intervalo", String(duracao() + (unidade()?.buffer_minutes_efetivo ?? 0)));
    }
    if (passo() === 4 && padrao() && tiposSlot() && quantidadesDe !== w.especialidadeid) {
      quantidadesDe = w.especialidadeid;
      set(
        "quantidades",
        reconcile(Object.fromEntries(
          tipos().map((t) => [String(t.tiposlotid), String("quantidade" in t ? t.quantidade : 0)]),
        )),
      );
    }
  });
  const preparar = (n: number) => {
    if (n === 5) void calcularPrevia();
  };

  let corpoPasso: HTMLDivElement | undefined;
  let tituloPasso: HTMLHeadingElement | undefined;
  createEffect(on(passo, () => tituloPasso?.focus(), { defer: true }));

  // After a refused "Próximo", the messages follow what the user fixes (none stays stale).
  const [tentou, setTentou] = createSignal(false);
  createEffect(() => {
    if (tentou() && passo() < 5) setErros(validarPasso(passo(), w, duracao()));
  });

  const irPara = (n: number) => {
    setTentou(false);
    setErros({});
    setErroGeral(null);
    preparar(n);
    setPasso(n);
  };
  const avancar = (e: Event) => {
    e.preventDefault();
    const errs = validarPasso(passo(), w, duracao());
    setErros(errs);
    setTentou(true);
    if (Object.keys(errs).length) {
      // The first field in error takes the focus (its message is read with it).
      queueMicrotask(() =>
        corpoPasso?.querySelector<HTMLElement>('[aria-invalid="true"], [role="alert"]')?.focus()
      );
      return;
    }
    irPara(passo() + 1);
  };

  // ------------------------------------------------------------------ preview and generation
  const [previa, setPrevia] = createSignal<PreviaRes>();
  const [previaLoading, setPreviaLoading] = createSignal(false);
  const [previaErro, setPreviaErro] = createSignal<unknown>(null);
  let seq = 0;
  async function calcularPrevia() {
    const my = ++seq;
    setPreviaLoading(true);
    setPreviaErro(null);
    const body = corpo(w, duracao(), true);
    try {
      const r = await app.api.call("POST /api/slots/generate-bulk", { body });
      if (my === seq) setPrevia(r);
    } catch (e) {
      if (my !== seq) return;
      const fe = errosDoServidor(errorsOf(e), body);
      const p = passoDoErro(fe);
      if (p) {
        setErros(fe);
        setPasso(p);
      } else setPreviaErro(e);
    } finally {
      if (my === seq) setPreviaLoading(false);
    }
  }
  // Someone else changing this médico's agenda changes the conflicts: recompute the preview.
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  app.live.watch(() => (passo() === 5 && w.medicoid ? [`medico:${w.medicoid}`] : []), {
    onEvent: (ev) => {
      if (acomp.atual() || ev.kind === "grade.geracao_avancada") return;
      clearTimeout(timer);
      timer = setTimeout(() => void calcularPrevia(), 400);
    },
    onReload: () => {
      if (!acomp.atual()) void calcularPrevia();
    },
  });

  const [gerando, setGerando] = createSignal(false);
  const bloqueado = () => {
    const p = previa();
    return !p || previaLoading() || p.criados === 0 ||
      (p.conflitos_total > 0 && !w.ignorar_conflitos);
  };
  async function gerar() {
    const p = previa();
    if (!p || bloqueado()) return;
    setGerando(true);
    setErroGeral(null);
    acomp.setAtual({
      geracao: null,
      medicoid: Number(w.medicoid),
      titulo: titulo(),
      usuarioid: app.session.me()?.usuarioid ?? null,
      usuario: app.session.me()?.nome ?? null,
      dias_processados: 0,
      dias_total: p.periodo.dias,
      criados: 0,
      status: "em_andamento",
      resumo: null,
      mensagem: null,
    });
    try {
      const r = await app.api.call("POST /api/slots/generate-bulk", {
        body: corpo(w, duracao(), false),
      });
      acomp.setAtual((a) =>
        a && {
          ...a,
          status: "concluida",
          dias_processados: a.dias_total,
          resumo: {
            data_inicio: r.periodo.data_inicio,
            data_fim: r.periodo.data_fim,
            criados: r.criados,
            existentes: r.existentes,
            ignorados: r.ignorados,
            conflitos_ignorados: r.conflitos_total,
          },
        }
      );
      queueMicrotask(() => document.getElementById("geracao-titulo")?.focus());
    } catch (e) {
      // Refused (conflicts that appeared meanwhile, validation): back to the preview.
      acomp.setAtual(null);
      setErroGeral(e instanceof ApiError ? e.message : "Não foi possível gerar a grade.");
      void calcularPrevia();
    } finally {
      setGerando(false);
    }
  }

  const novaGrade = () => {
    acomp.setAtual(null);
    set(reconcile(emptyWizard()));
    quantidadesDe = "";
    intervaloDe = "";
    setPrevia(undefined);
    irPara(1);
  };

  return (
    <div>
      <PageHeader
        title="Gerar grade"
        description="Cria ou estende a grade de um médico e gera os horários do período."
      />
      <Show
        when={acomp.atual()}
        fallback={
          <div class="card p-5">
            <nav aria-label="Etapas do assistente">
              <ol class="mb-5 flex flex-wrap gap-2">
                <For each={PASSOS}>
                  {(nome, i) => (
                    <li
                      class={`flex items-center gap-2 rounded-full px-3 py-1 text-sm ${
                        passo() === i() + 1
                          ? "bg-brand-600 font-semibold text-white"
                          : passo() > i() + 1
                          ? "bg-brand-100 text-brand-800"
                          : "bg-slate-100 text-ink-muted"
                      }`}
                      aria-current={passo() === i() + 1 ? "step" : undefined}
                    >
                      <span aria-hidden="true">{i() + 1}</span>
                      {nome}
                      <Show when={passo() > i() + 1}>
                        <span class="sr-only">(concluída)</span>
                      </Show>
                    </li>
                  )}
                </For>
              </ol>
            </nav>
            <form onSubmit={avancar} noValidate aria-labelledby="passo-titulo">
              <h3
                id="passo-titulo"
                ref={tituloPasso}
                tabIndex={-1}
                class="mb-4 text-lg font-bold outline-none"
              >
                Etapa {passo()} de 5: {PASSOS[passo() - 1]}
              </h3>
              <FormError message={erroGeral() ?? erros()[""] ?? null} />
              <div ref={corpoPasso} data-passo={passo()}>
                <Switch>
                  <Match when={passo() === 1}>
                    <PassoBase w={w} set={set} erros={erros()} />
                  </Match>
                  <Match when={passo() === 2}>
                    <PassoPeriodo w={w} set={set} erros={erros()} />
                  </Match>
                  <Match when={passo() === 3}>
                    <PassoHorarios
                      w={w}
                      set={set}
                      erros={erros()}
                      duracao={duracao()}
                      funcionamento={funcionamento}
                    />
                  </Match>
                  <Match when={passo() === 4 && (padrao.loading || tiposSlot.loading)}>
                    <Loading label="Carregando as cotas da especialidade…" />
                  </Match>
                  <Match when={passo() === 4}>
                    <PassoDistribuicao
                      w={w}
                      set={set}
                      erros={erros()}
                      tipos={tipos()}
                      limitevagas={padrao()?.limitevagas ?? null}
                    />
                  </Match>
                  <Match when={passo() === 5}>
                    <Previa
                      previa={previa()}
                      loading={previaLoading()}
                      error={previaErro()}
                      onRetry={() => void calcularPrevia()}
                      ignorar={w.ignorar_conflitos}
                      setIgnorar={(v) => set("ignorar_conflitos", v)}
                      titulo={`${titulo()} — ${formatDay(w.data_inicio)} a ${
                        formatDay(w.data_fim)
                      }`}
                    />
                  </Match>
                </Switch>
              </div>
              <div class="mt-5 flex justify-between gap-2 border-t border-slate-200 pt-4">
                <button
                  type="button"
                  class="btn btn-secondary"
                  disabled={passo() === 1 || gerando()}
                  onClick={() => irPara(passo() - 1)}
                >
                  Voltar
                </button>
                <Show
                  when={passo() === 5}
                  fallback={<button type="submit" class="btn btn-primary">Próximo</button>}
                >
                  <button
                    type="button"
                    class="btn btn-primary"
                    disabled={bloqueado() || gerando()}
                    onClick={() => void gerar()}
                  >
                    Gerar {previa()?.criados ?? ""} horários
                  </button>
                </Show>
              </div>
            </form>
          </div>
        }
      >
        {(a) => (
          <Progresso
            a={a()}
            fechar={a().status !== "em_andamento"
              ? { label: "Gerar outra grade", run: novaGrade }
              // someone else's generation does not hold this user's wizard
              : a().usuarioid !== (app.session.me()?.usuarioid ?? null)
              ? { label: "Voltar ao assistente", run: acomp.dispensar }
              : undefined}
          />
        )}
      </Show>
    </div>
  );
}
