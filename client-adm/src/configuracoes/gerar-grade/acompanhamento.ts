/**
 * Following one grade generation: its progress (`grade.geracao_avancada` events on the médico's
 * topic, one per chunk of days, about 15 per generation), its end (`grade.gerada` with the summary,
 * or `grade.geracao_interrompida`), and, after a page reload, the generations still running (`GET
 * /api/slots/geracoes`). A generation started on this screen is followed before its id is known:
 * the first progress event of that médico with the same number of days gives it.
 */
import { createSignal, onCleanup } from "solid-js";
import type { Result } from "../../../../client-shared/api_client.ts";
import type { EventMsg } from "../../../../client-shared/live_store.ts";
import { useApp } from "../../app/context.tsx";

export type GeracaoApi = Result<"GET /api/slots/geracoes">["items"][number];
export type Resumo = NonNullable<GeracaoApi["resumo"]>;

export interface Acompanhamento {
  geracao: string | null;
  medicoid: number;
  titulo: string;
  /** Who started it (null: the system). */
  usuarioid: number | null;
  usuario: string | null;
  dias_processados: number;
  dias_total: number;
  criados: number;
  status: "em_andamento" | "concluida" | "interrompida";
  resumo: Resumo | null;
  /** Why it stopped (interrupted) or the server's refusal. */
  mensagem: string | null;
}

export const tituloGeracao = (g: Pick<GeracaoApi, "medico" | "especialidade" | "unidade">) =>
  `${g.medico.nome} · ${g.especialidade.nome} · ${g.unidade.nome}`;

export function deApi(g: GeracaoApi): Acompanhamento {
  return {
    geracao: g.geracao,
    medicoid: g.medico.medicoid,
    titulo: tituloGeracao(g),
    usuarioid: g.usuarioid,
    usuario: g.usuario_nome,
    dias_processados: g.dias_processados,
    dias_total: g.dias_total,
    criados: g.criados,
    status: g.status,
    resumo: g.resumo,
    mensagem: g.codigo ? mensagemInterrupcao(g.codigo) : null,
  };
}

export function mensagemInterrupcao(codigo: string): string {
  if (codigo === "conflitos_na_grade") {
    return "A geração foi interrompida por conflitos; nenhum horário foi gravado.";
  }
  if (codigo === "sem_progresso") {
    return "A geração parou de informar o progresso (o servidor pode ter sido reiniciado); " +
      "nenhum horário foi gravado. Gere a grade de novo.";
  }
  return "A geração foi interrompida; nenhum horário foi gravado.";
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === "object" ? v as Obj : {});

/** The next state of `a` after a live event, or null when the event is not about it. */
export function aplicarEvento(a: Acompanhamento, ev: EventMsg): Acompanhamento | null {
  const after = obj(ev.after);
  if (ev.kind === "grade.geracao_avancada") {
    const id = String(after.geracao ?? "");
    if (a.geracao ? id !== a.geracao : Number(after.dias_total) !== a.dias_total) return null;
    if (a.status !== "em_andamento") return null;
    return {
      ...a,
      geracao: id,
      dias_processados: Math.max(a.dias_processados, Number(after.dias_processados) || 0),
      criados: Number(after.criados) || a.criados,
    };
  }
  if (ev.kind === "grade.gerada") {
    const g = obj(after.geracao);
    if (!a.geracao || g.id !== a.geracao) return null;
    return {
      ...a,
      status: "concluida",
      dias_processados: a.dias_total,
      resumo: {
        data_inicio: String(g.data_inicio),
        data_fim: String(g.data_fim),
        criados: Number(g.criados),
        existentes: Number(g.existentes),
        ignorados: Number(g.ignorados),
        conflitos_ignorados: Number(g.conflitos_ignorados),
      },
    };
  }
  if (ev.kind === "grade.geracao_interrompida") {
    if (!a.geracao || after.geracao !== a.geracao) return null;
    return { ...a, status: "interrompida", mensagem: mensagemInterrupcao(String(after.codigo)) };
  }
  return null;
}

/**
 * The generation on screen (`atual`) kept up to date by the live feed; `retomar()` picks up a
 * running one after a reload. While one runs it also re-reads the list now and then, so an end
 * missed between the read and the subscription still shows.
 */
export function createAcompanhamento() {
  const app = useApp();
  const [atual, setAtual] = createSignal<Acompanhamento | null>(null);

  /** Generations the user put aside ("Voltar ao assistente"): not picked up again. */
  const dispensadas = new Set<string>();

  async function reler() {
    const a = atual();
    const { items } = await app.api.call("GET /api/slots/geracoes");
    if (!a) {
      const rodando = items.find((g) => g.status === "em_andamento" && !dispensadas.has(g.geracao));
      if (rodando) setAtual(deApi(rodando));
      return;
    }
    const g = a.geracao ? items.find((x) => x.geracao === a.geracao) : undefined;
    if (g && a.status === "em_andamento") setAtual({ ...deApi(g), titulo: a.titulo });
  }

  const timer = setInterval(() => {
    if (atual()?.status === "em_andamento" && atual()?.geracao) void reler().catch(() => {});
  }, 5000);
  onCleanup(() => clearInterval(timer));

  app.live.watch(() => {
    const a = atual();
    return a ? [`medico:${a.medicoid}`] : [];
  }, {
    onEvent: (ev) => {
      const a = atual();
      const next = a && aplicarEvento(a, ev);
      if (next) setAtual(next);
    },
    onReload: () => void reler().catch(() => {}),
  });

  return {
    atual,
    setAtual,
    retomar: reler,
    dispensar() {
      const g = atual()?.geracao;
      if (g) dispensadas.add(g);
      setAtual(null);
    },
  };
}
