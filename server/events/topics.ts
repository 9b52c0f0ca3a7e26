/**
 * Live-update topics: the routing keys every event is recorded with and that sockets subscribe
 * to (`server/live/protocol.ts` parses subscriptions with these lists). Dependency-free, so the
 * protocol bundles into the clients.
 *
 * @example
 * topics: [TOPIC.config, topic.unidade(id)]
 */

/** Topics without an id. All of them are staff-only. */
export const TOPIC = {
  admin: "admin",
  backlog: "backlog",
  config: "config",
  locks: "locks",
  pacientes: "pacientes",
} as const;
export const TOPIC_WORDS: readonly string[] = Object.values(TOPIC);

/** Entities with a topic per row; a paciente may subscribe to its own `paciente:<id>` only. */
export const TOPIC_ENTITIES = ["unidade", "especialidade", "medico", "paciente"] as const;
export type TopicEntity = typeof TOPIC_ENTITIES[number];

export type EventTopic =
  | typeof TOPIC[keyof typeof TOPIC]
  | `${TopicEntity}:${number}`
  | `data:${string}`;

/** Builders of the topics with an id or a day: the only way writers spell such a topic. */
export const topic: { [E in TopicEntity]: (id: number) => `${E}:${number}` } & {
  data: (day: string) => `data:${string}`;
} = {
  ...Object.fromEntries(TOPIC_ENTITIES.map((e) => [e, (id: number) => `${e}:${id}`])) as {
    [E in TopicEntity]: (id: number) => `${E}:${number}`;
  },
  /** A day, `YYYY-MM-DD`. */
  data: (day: string) => `data:${day}`,
};

/**
 * The topics of a médico's agenda at a unidade in an especialidade (a grade, a slot), and of the
 * day when given: what every screen showing it subscribes to.
 */
export function agendaTopics(
  a: { unidadeid: number; especialidadeid: number; medicoid: number },
  data?: string,
): EventTopic[] {
  const t: EventTopic[] = [
    topic.unidade(a.unidadeid),
    topic.especialidade(a.especialidadeid),
    topic.medico(a.medicoid),
  ];
  if (data !== undefined) t.push(topic.data(data));
  return t;
}

const WORDS = new Set<string>(TOPIC_WORDS);
const ENTITIES = new Set<string>(TOPIC_ENTITIES);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A parsed topic: what a socket subscribes to (`range` only there) and what an event carries. */
export type Topic =
  | { kind: "word"; key: string }
  | { kind: "id"; key: string; entity: TopicEntity; id: number }
  | { kind: "day"; key: string }
  | { kind: "range"; key: string; from: string; to: string };

function validDay(s: string): boolean {
  if (!DAY.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Parses one topic, or answers why it is not one. */
export function parseTopic(raw: string): Topic | string {
  if (WORDS.has(raw)) return { kind: "word", key: raw };
  const [head, rest, extra] = raw.split(":");
  if (extra !== undefined || rest === undefined) return `Tópico desconhecido: ${raw}`;
  if (ENTITIES.has(head)) {
    if (!/^[1-9]\d{0,9}$/.test(rest) || Number(rest) > 2_147_483_647) {
      return `Identificador inválido no tópico ${raw}`;
    }
    return { kind: "id", key: raw, entity: head as TopicEntity, id: Number(rest) };
  }
  if (head === "data") {
    const [from, to, more] = rest.split("..");
    if (more !== undefined || !validDay(from) || (to !== undefined && !validDay(to))) {
      return `Data inválida no tópico ${raw}`;
    }
    if (to === undefined) return { kind: "day", key: raw };
    const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
    if (days < 0 || days > 366) return `Intervalo inválido no tópico ${raw} (máx. 366 dias)`;
    return { kind: "range", key: raw, from, to };
  }
  return `Tópico desconhecido: ${raw}`;
}

/**
 * The topics an event may carry: anything `parseTopic` accepts except a range. A writer that
 * invents a topic no socket could subscribe to fails here, in its tests, not silently in prod.
 */
export function assertEventTopics(topics: readonly string[]): void {
  for (const raw of topics) {
    const t = parseTopic(raw);
    if (typeof t === "string" || t.kind === "range") {
      throw new Error(`Unknown event topic "${raw}" (see server/events/topics.ts)`);
    }
  }
}
