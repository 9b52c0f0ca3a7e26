/**
 * The grade wizard's state and rules, free of the DOM: the five steps' fields, the start times
 * each weekday's hours produce, each step's validation (Portuguese messages keyed by field, the
 * same keys the server's 400 answers use) and the request body.
 *
 * @example
 * const w = emptyWizard();
 * horariosDoDia({ inicio: "08:00", fim: "10:00" }, 30); // ["08:00", "08:30", "09:00", "09:30"]
 * validarPasso(2, w); // { data_inicio: "Informe a data inicial." , … }
 */
import type { CallArgs } from "../../../../client-shared/api_client.ts";

/** ISO weekdays offered by the wizard (segunda … sábado). */
export const DIAS_SEMANA = [
  { key: "1", nome: "Segunda" },
  { key: "2", nome: "Terça" },
  { key: "3", nome: "Quarta" },
  { key: "4", nome: "Quinta" },
  { key: "5", nome: "Sexta" },
  { key: "6", nome: "Sábado" },
] as const;
export type DiaKey = (typeof DIAS_SEMANA)[number]["key"];

export const PASSOS = [
  "Seleção base",
  "Período",
  "Horários por dia",
  "Distribuição de tipos",
  "Prévia e geração",
] as const;

export interface Faixa {
  inicio: string;
  fim: string;
}

export interface Wizard {
  unidadeid: string;
  especialidadeid: string;
  medicoid: string;
  /** "" = sem consultório. */
  consultorioid: string;
  data_inicio: string;
  data_fim: string;
  /** Hours per weekday; empty início and fim = does not attend that day. */
  faixas: Record<DiaKey, Faixa>;
  /** Minutes between two start times (consultation + pause by default). */
  intervalo: string;
  /** Places per tipo de slot at each start time, as typed. */
  quantidades: Record<string, string>;
  overbooking: boolean;
  /** Encaixes per slot beyond its places, when `overbooking`. */
  limite_encaixe: string;
  ignorar_conflitos: boolean;
}

export function emptyWizard(): Wizard {
  const faixas = Object.fromEntries(DIAS_SEMANA.map((d) => [d.key, { inicio: "", fim: "" }]));
  return {
    unidadeid: "",
    especialidadeid: "",
    medicoid: "",
    consultorioid: "",
    data_inicio: "",
    data_fim: "",
    faixas: faixas as Record<DiaKey, Faixa>,
    intervalo: "",
    quantidades: {},
    overbooking: false,
    limite_encaixe: "1",
    ignorar_conflitos: false,
  };
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;

/** Start times from `inicio` every `passo` minutes while a consultation of `duracao` fits. */
export function horariosDoDia(f: Faixa, passo: number, duracao = passo): string[] {
  if (!HHMM.test(f.inicio) || !HHMM.test(f.fim) || !(passo > 0)) return [];
  const out: string[] = [];
  for (let m = minutes(f.inicio); m + duracao <= minutes(f.fim) && out.length < 96; m += passo) {
    out.push(hhmm(m));
  }
  return out;
}

export type Erros = Record<string, string>;

const DATA = /^\d{4}-\d{2}-\d{2}$/;
const diasEntre = (a: string, b: string) =>
  Math.round((Date.parse(`${b}T12:00:00Z`) - Date.parse(`${a}T12:00:00Z`)) / 86_400_000) + 1;

/** The messages that keep the user on step `n` (1–5); empty when it may move on. */
export function validarPasso(n: number, w: Wizard, duracao: number): Erros {
  const e: Erros = {};
  if (n === 1) {
    if (!w.unidadeid) e.unidadeid = "Escolha a unidade.";
    if (!w.especialidadeid) e.especialidadeid = "Escolha a especialidade.";
    if (!w.medicoid) e.medicoid = "Escolha o médico.";
  } else if (n === 2) {
    if (!DATA.test(w.data_inicio)) e.data_inicio = "Informe a data inicial.";
    if (!DATA.test(w.data_fim)) e.data_fim = "Informe a data final.";
    else if (DATA.test(w.data_inicio)) {
      if (w.data_fim < w.data_inicio) {
        e.data_fim = "A data final deve ser igual ou posterior à inicial.";
      } else if (diasEntre(w.data_inicio, w.data_fim) > 366) {
        e.data_fim = "O período deve ter no máximo 366 dias.";
      }
    }
  } else if (n === 3) {
    const passo = Number(w.intervalo);
    if (!Number.isInteger(passo) || passo < 5 || passo > 720) {
      e.intervalo = "Informe o intervalo entre horários, de 5 a 720 minutos.";
    }
    let algum = false;
    for (const d of DIAS_SEMANA) {
      const f = w.faixas[d.key];
      if (!f.inicio && !f.fim) continue;
      if (!HHMM.test(f.inicio)) e[`faixas.${d.key}.inicio`] = `Informe o início de ${d.nome}.`;
      else if (!HHMM.test(f.fim)) e[`faixas.${d.key}.fim`] = `Informe o fim de ${d.nome}.`;
      else if (minutes(f.fim) <= minutes(f.inicio)) {
        e[`faixas.${d.key}.fim`] = "O fim deve ser depois do início.";
      } else if (horariosDoDia(f, passo, duracao).length === 0 && !e.intervalo) {
        e[`faixas.${d.key}.fim`] = "Nenhuma consulta cabe neste intervalo.";
      } else algum = true;
    }
    if (!algum && Object.keys(e).length === 0) {
      e.horarios = "Informe o horário de ao menos um dia da semana.";
    }
  } else if (n === 4) {
    let soma = 0;
    for (const [id, v] of Object.entries(w.quantidades)) {
      const q = Number(v);
      if (v === "" || !Number.isInteger(q) || q < 0 || q > 100) {
        e[`quantidades.${id}`] = "A quantidade deve ser um número inteiro de 0 a 100.";
      } else soma += q;
    }
    const lim = Number(w.limite_encaixe);
    if (
      w.overbooking && (w.limite_encaixe === "" || !Number.isInteger(lim) || lim < 0 || lim > 20)
    ) {
      e.limite_encaixe = "O limite de encaixes deve ser de 0 a 20.";
    }
    if (Object.keys(e).length === 0) {
      if (soma === 0) e.distribuicao = "Informe ao menos uma vaga por horário.";
      else if (soma > 100) {
        e.distribuicao = "A soma das quantidades por horário deve ser no máximo 100.";
      }
    }
  }
  return e;
}

/**
 * A refused request's field errors under the wizard's own keys: a tipo's quantity by its
 * tiposlotid, any other horarios/distribuicao detail on the list as a whole; a key no step shows
 * joins the form-wide message ("").
 */
export function errosDoServidor(fe: Erros, body: { distribuicao?: { tiposlotid: unknown }[] }) {
  const out: Erros = {};
  const add = (k: string, m: string) => {
    if (!(k in out)) out[k] = m;
  };
  for (const [k, m] of Object.entries(fe)) {
    const q = /^distribuicao\.(\d+)\.quantidade$/.exec(k);
    const id = q ? body.distribuicao?.[Number(q[1])]?.tiposlotid : undefined;
    if (id !== undefined) add(`quantidades.${id}`, m);
    else if (k.startsWith("distribuicao")) add("distribuicao", m);
    else if (k.startsWith("horarios")) add("horarios", m);
    else if (
      /^(unidadeid|especialidadeid|medicoid|consultorioid|data_inicio|data_fim|limite_encaixe)$/
        .test(k)
    ) {
      add(k, m);
    } else out[""] = out[""] ? `${out[""]} ${m}` : m;
  }
  return out;
}

/** The first step (1–4) whose fields hold an error key (a server answer mapped back). */
export function passoDoErro(erros: Erros): number | null {
  const keys = Object.keys(erros);
  const has = (re: RegExp) => keys.some((k) => re.test(k));
  if (has(/^(unidadeid|especialidadeid|medicoid|consultorioid)$/)) return 1;
  if (has(/^data_/)) return 2;
  if (has(/^(horarios|faixas|intervalo)/)) return 3;
  if (has(/^(distribuicao|quantidades|overbooking|limite_encaixe)/)) return 4;
  return null;
}

type GenerateBody = NonNullable<CallArgs<"POST /api/slots/generate-bulk">["body"]>;

export function corpo(w: Wizard, duracao: number, preview: boolean): GenerateBody {
  const horarios: Record<string, string[]> = {};
  for (const d of DIAS_SEMANA) {
    const h = horariosDoDia(w.faixas[d.key], Number(w.intervalo), duracao);
    if (h.length) horarios[d.key] = h;
  }
  return {
    unidadeid: Number(w.unidadeid),
    especialidadeid: Number(w.especialidadeid),
    medicoid: Number(w.medicoid),
    consultorioid: w.consultorioid ? Number(w.consultorioid) : null,
    data_inicio: w.data_inicio,
    data_fim: w.data_fim,
    horarios,
    distribuicao: Object.entries(w.quantidades).map(([id, q]) => ({
      tiposlotid: Number(id),
      quantidade: Number(q),
    })),
    overbooking: w.overbooking,
    ...(w.overbooking ? { limite_encaixe: Number(w.limite_encaixe) } : {}),
    preview,
    ignorar_conflitos: w.ignorar_conflitos,
  };
}
