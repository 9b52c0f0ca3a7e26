/**
 * Message texts (Brazilian Portuguese), one pure function per template. Callers render, then
 * `enqueue` the result; the same text goes to WhatsApp and, with `assunto`, to e-mail.
 * Instants are shown in the unidade's time zone.
 *
 * @example
 * const { assunto, corpo } = render("confirmacao", {
 *   paciente: "Maria da Silva", inicio: slot.datainicio, timezone: unidade.timezone,
 *   medico: "Dr. João", especialidade: "Pediatria", unidade, protocolo: "AG-2026-000123",
 * });
 * await enqueue(sql, { canal: "whatsapp", destino: telefone, template: "confirmacao", assunto,
 *   corpo, idempotencyKey: `confirmacao:${agendamentoid}:whatsapp`, pacienteid });
 */

/** Where the consultation happens: the unidade's name and address columns. */
export interface Local {
  nome: string;
  logradouro?: string | null;
  numero?: string | null;
  complemento?: string | null;
  bairro?: string | null;
  cidade?: string | null;
  uf?: string | null;
}

interface Consulta {
  /** Patient's full name; the greeting uses the first name. */
  paciente: string;
  /** Start of the slot (a Date or an ISO instant). */
  inicio: Date | string;
  /** The unidade's IANA time zone, e.g. `America/Sao_Paulo`. */
  timezone: string;
  medico: string;
  especialidade: string;
  unidade: Local;
}

export interface TemplateData {
  /** A place offered to a backlog item; the patient answers before `expiraEm`. */
  proposta: Consulta & { expiraEm: Date | string; link?: string };
  /** An agendamento confirmed. */
  confirmacao: Consulta & { protocolo: string };
  /** An agendamento cancelled, with the reason. */
  cancelamento: Consulta & { protocolo?: string | null; motivo: string };
  /** Sent `lembrete_horas_antes` hours before. */
  lembrete: Consulta & { protocolo: string };
  /** The insurance check failed for an upcoming agendamento. */
  seguro_invalido: Consulta & { operadora: string; numeroCarteirinha: string; motivo: string };
}

export type TemplateName = keyof TemplateData;
export const TEMPLATE_NAMES = [
  "proposta",
  "confirmacao",
  "cancelamento",
  "lembrete",
  "seguro_invalido",
] as const satisfies readonly TemplateName[];

export interface Rendered {
  /** E-mail subject; WhatsApp and SMS ignore it. */
  assunto: string;
  corpo: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("pt-BR", {
      timeZone,
      weekday: "long",
      day: "2-digit",
      month: "2-digit",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Parts of an instant in a time zone: weekday, dd, mm, yyyy, HH, MM. */
function partsOf(instant: Date | string, timeZone: string) {
  const parts = formatter(timeZone).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  return {
    weekday: get("weekday"),
    day: get("day"),
    month: get("month"),
    year: get("year"),
    hour: get("hour"),
    minute: get("minute"),
  };
}

/**
 * An instant as Brazilians read it, in the unidade's time zone.
 *
 * @example
 * formatDataHora("2026-01-15T13:00:00Z", "America/Sao_Paulo") // "quinta-feira, 15/01/2026 às 10:00"
 */
export function formatDataHora(instant: Date | string, timeZone: string): string {
  const p = partsOf(instant, timeZone);
  return `${p.weekday}, ${p.day}/${p.month}/${p.year} às ${p.hour}:${p.minute}`;
}

/** Short form for subjects: "15/01 às 10:00". */
export function formatDiaHora(instant: Date | string, timeZone: string): string {
  const p = partsOf(instant, timeZone);
  return `${p.day}/${p.month} às ${p.hour}:${p.minute}`;
}

/**
 * One line of address: "Rua Campos Sales, 100, sala 2 - Centro - Barueri/SP".
 * Missing parts are left out.
 */
export function formatEndereco(u: Local): string {
  const rua = [u.logradouro, u.numero, u.complemento].filter(Boolean).join(", ");
  const cidade = [u.cidade, u.uf].filter(Boolean).join("/");
  return [rua, u.bairro, cidade].filter(Boolean).join(" - ");
}

/** Only the last four characters of a card number. */
export function mascararCarteirinha(numero: string): string {
  return numero.length <= 4 ? numero : `•••• ${numero.slice(-4)}`;
}

const primeiroNome = (nome: string) => nome.trim().split(/\s+/)[0];

function local(u: Local): string {
  const endereco = formatEndereco(u);
  return endereco ? `${u.nome} — ${endereco}` : u.nome;
}

function detalhes(d: Consulta): string {
  return [
    `Especialidade: ${d.especialidade}`,
    `Médico(a): ${d.medico}`,
    `Data: ${formatDataHora(d.inicio, d.timezone)}`,
    `Local: ${local(d.unidade)}`,
  ].join("\n");
}

const ASSINATURA = "Command Agenda";

const TEMPLATES: { [K in TemplateName]: (d: TemplateData[K]) => Rendered } = {
  proposta: (d) => ({
    assunto: `Proposta de consulta: ${d.especialidade} em ${formatDiaHora(d.inicio, d.timezone)}`,
    corpo: [
      `Olá, ${primeiroNome(d.paciente)}!`,
      "",
      "Encontramos uma vaga de consulta para você:",
      "",
      detalhes(d),
      "",
      `Responda até ${formatDataHora(d.expiraEm, d.timezone)} pelo portal do paciente` +
      (d.link ? `: ${d.link}` : ".") +
      " Sem resposta até lá, a vaga será oferecida a outro paciente.",
      "",
      ASSINATURA,
    ].join("\n"),
  }),
  confirmacao: (d) => ({
    assunto: `Consulta confirmada: ${d.especialidade} em ${formatDiaHora(d.inicio, d.timezone)}`,
    corpo: [
      `Olá, ${primeiroNome(d.paciente)}!`,
      "",
      "Sua consulta está confirmada.",
      "",
      `Protocolo: ${d.protocolo}`,
      detalhes(d),
      "",
      "Chegue com 15 minutos de antecedência e leve um documento com foto e o cartão do SUS.",
      "",
      ASSINATURA,
    ].join("\n"),
  }),
  cancelamento: (d) => ({
    assunto: `Consulta cancelada: ${d.especialidade} em ${formatDiaHora(d.inicio, d.timezone)}`,
    corpo: [
      `Olá, ${primeiroNome(d.paciente)}.`,
      "",
      "Sua consulta foi cancelada.",
      "",
      ...(d.protocolo ? [`Protocolo: ${d.protocolo}`] : []),
      detalhes(d),
      `Motivo: ${d.motivo}`,
      "",
      "Para reagendar, acesse o portal do paciente ou procure a unidade de saúde.",
      "",
      ASSINATURA,
    ].join("\n"),
  }),
  lembrete: (d) => ({
    assunto: `Lembrete: consulta de ${d.especialidade} em ${formatDiaHora(d.inicio, d.timezone)}`,
    corpo: [
      `Olá, ${primeiroNome(d.paciente)}!`,
      "",
      "Lembrete da sua consulta:",
      "",
      `Protocolo: ${d.protocolo}`,
      detalhes(d),
      "",
      "Se não puder comparecer, cancele pelo portal do paciente para liberar a vaga a quem precisa.",
      "",
      ASSINATURA,
    ].join("\n"),
  }),
  seguro_invalido: (d) => ({
    assunto: `Convênio não validado para a consulta de ${formatDiaHora(d.inicio, d.timezone)}`,
    corpo: [
      `Olá, ${primeiroNome(d.paciente)}.`,
      "",
      `Não foi possível validar a carteirinha do convênio ${d.operadora} ` +
      `(nº ${mascararCarteirinha(d.numeroCarteirinha)}): ${d.motivo}.`,
      "",
      detalhes(d),
      "",
      "Atualize os dados do convênio no portal do paciente ou procure a unidade antes da consulta.",
      "",
      ASSINATURA,
    ].join("\n"),
  }),
};

/** Renders a template. Pure: same input, same text. */
export function render<K extends TemplateName>(template: K, data: TemplateData[K]): Rendered {
  return TEMPLATES[template](data);
}
