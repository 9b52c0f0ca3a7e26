/**
 * Seeds a clinic for the browser tests through the real API (as an administrador_master would),
 * and reads what the outbox sent (first-access e-mails, WhatsApp codes) from the database or, on
 * the embedded PGlite, from the server's console.
 *
 * @example
 * const clinic = await seedClinic(server.url, db);
 * const op = await staffUser(server.url, db, clinic.master, "operador"); // { email, senha, token }
 */
import type { Db } from "../server/db/db.ts";
import type { Role } from "../server/shared/schemas.ts";
import { nextCpf } from "../server/testing/harness.ts";
import { E2E_ADMIN } from "./server.ts";

export const STAFF_PASSWORD = "Equipe@E2e2026";

/** Status and body of a call that may be refused (for RBAC assertions). */
export async function apiRaw(
  base: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown } = {},
) {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch { /* not JSON */ }
  return { status: res.status, body };
}

/** One API call; throws with the error body when the status is not 2xx. */
// deno-lint-ignore no-explicit-any
export async function api<T = any>(
  base: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown } = {},
): Promise<T> {
  const res = await apiRaw(base, method, path, opts);
  if (res.status >= 300) {
    throw new Error(`${method} ${path} → ${res.status}: ${JSON.stringify(res.body)}`);
  }
  return res.body as T;
}

export async function login(base: string, email: string, senha: string): Promise<string> {
  return (await api(base, "POST", "/api/auth/login", { body: { email, senha } })).token;
}

export interface FirstAccessMail {
  link: string;
  token: string;
  senha_temporaria: string;
}

/**
 * Where a test reads what the outbox sent, secrets included: the secret table
 * `ca_notificacao_segredo` (a `Db`: the Postgres stacks), or the server's console (a server
 * instance: on the embedded PGlite the test has no database handle, and the `outbox` driver
 * prints every secret-bearing message there, as an embedded demo reads it).
 */
export type Outbox = Db | { log(): Promise<string> };

interface Sent {
  payload: Record<string, string>;
  corpo: string;
}

/** The last secret-bearing message of `canal` to `destino` whose text matches `match`. */
async function lastSent(
  src: Outbox,
  canal: string,
  destino: string,
  match: RegExp,
): Promise<Sent | undefined> {
  if ("sql" in src) {
    const rows = await src.sql<{ payload: Record<string, string>; corpo: string }>`
      select s.valores as payload, s.corpo
      from ca_notificacao n join ca_notificacao_segredo s using (notificacaoid)
      where n.destino = ${destino} and n.canal = ${canal}
      order by n.notificacaoid desc limit 20`;
    return rows.find((r) => match.test(r.corpo));
  }
  // "[notify:outbox] <canal> para <destino>:\n<corpo>", up to the next log line.
  const head = `${canal} para ${destino}:\n`;
  const corpos = (await src.log()).split("[notify:outbox] ").slice(1)
    .filter((b) => b.startsWith(head))
    .map((b) => b.slice(head.length).split(/^[{[]/m)[0])
    .filter((c) => match.test(c));
  return corpos.length ? { payload: {}, corpo: corpos[corpos.length - 1] } : undefined;
}

/** `lastSent`, waiting for the delivery worker when the console is the source (20 s at most). */
async function waitSent(src: Outbox, canal: string, destino: string, match: RegExp) {
  const deadline = Date.now() + 20_000;
  while (true) {
    const sent = await lastSent(src, canal, destino, match);
    if (sent || "sql" in src || Date.now() > deadline) return sent;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The last first-access e-mail sent to `email`. The payload holds the link and the temporary
 * password while the `outbox` driver is the delivery; if a later change scrubs the payload, the
 * text of the message is read instead.
 */
export async function firstAccessMail(src: Outbox, email: string): Promise<FirstAccessMail> {
  const row = await waitSent(src, "email", email, /primeiro-acesso\?token=/);
  if (!row) throw new Error(`no first-access e-mail to ${email}`);
  const link = row.payload?.link?.startsWith("http")
    ? row.payload.link
    : /https?:\/\/\S+primeiro-acesso\?token=\S+/.exec(row.corpo)?.[0];
  const temp = row.payload?.senha_temporaria && row.payload.senha_temporaria !== "[omitido]"
    ? row.payload.senha_temporaria
    : /Senha temporária: (\S+)/.exec(row.corpo)?.[1];
  if (!link || !temp) throw new Error(`first-access e-mail to ${email} is unreadable`);
  const token = decodeURIComponent(new URL(link).searchParams.get("token") ?? "");
  return { link, token, senha_temporaria: temp };
}

/** The code of the last WhatsApp message to `telefone`. */
export async function lastCode(src: Outbox, telefone: string): Promise<string> {
  const row = await waitSent(src, "whatsapp", telefone, /\b\d{4}\b/);
  const code = /\b(\d{4})\b/.exec(row?.corpo ?? "")?.[1];
  if (!code) throw new Error(`no WhatsApp code to ${telefone}`);
  return code;
}

/** Creates a staff user as the master; `activate` completes the first access through the API. */
export async function staffUser(
  base: string,
  outbox: Outbox,
  masterToken: string,
  role: Role,
  opts: { activate?: boolean; nome?: string; email?: string } = {},
): Promise<{ usuarioid: number; email: string; nome: string; senha: string; token?: string }> {
  const email = opts.email ?? `${role}.${crypto.randomUUID().slice(0, 8)}@e2e.local`;
  const nome = opts.nome ?? `Pessoa ${role}`;
  const u = await api(base, "POST", "/api/usuarios", {
    token: masterToken,
    body: { nome, email, role },
  });
  if (opts.activate === false) {
    return { usuarioid: u.usuarioid, email, nome, senha: "" };
  }
  const mail = await firstAccessMail(outbox, email);
  const done = await api(base, "POST", "/api/auth/first-access", {
    body: {
      token: mail.token,
      email,
      senha_temporaria: mail.senha_temporaria,
      nova_senha: STAFF_PASSWORD,
    },
  });
  return { usuarioid: u.usuarioid, email, nome, senha: STAFF_PASSWORD, token: done.token };
}

export interface Clinic {
  master: string;
  unidadeid: number;
  unidade2id: number;
  especialidadeid: number;
  especialidade2id: number;
  medicoid: number;
  medico2id: number;
  normal: number;
  prioritario: number;
  /** The day with slots and agendamentos (a weekday in the future). */
  dia: string;
  pacientes: { pacienteid: number; nome: string; cpf: string }[];
  agendamentos: number[];
}

/** A future Monday–Friday at least `ahead` days from now (UTC date). */
export function futureWeekday(ahead = 7): string {
  const d = new Date(Date.now() + ahead * 86_400_000);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * A small clinic: two unidades, two especialidades, two médicos, tipos Normal/Prioritário, a
 * grade on `dia` (08:00–10:30 every 30 min, cotas 2 Normal + 1 Prioritário), three patients
 * and three agendamentos on that day.
 */
export async function seedClinic(base: string, opts: { dia?: string } = {}): Promise<Clinic> {
  const master = await login(base, E2E_ADMIN.email, E2E_ADMIN.senha);
  const post = (path: string, body: unknown) => api(base, "POST", path, { token: master, body });
  const dia = opts.dia ?? futureWeekday();

  const normal = (await post("/api/tipos-slot", { nome: "Normal", cor: "#3B82F6" })).tiposlotid;
  const prioritario =
    (await post("/api/tipos-slot", { nome: "Prioritário", cor: "#F59E0B" })).tiposlotid;
  const esp = async (nome: string) =>
    (await post("/api/especialidades", {
      nome,
      limitevagas: 3,
      duracao_minutos: 30,
      cotas: [{ tiposlotid: normal, vagas: 2 }, { tiposlotid: prioritario, vagas: 1 }],
    })).especialidadeid as number;
  const especialidadeid = await esp("Cardiologia");
  const especialidade2id = await esp("Pediatria");
  const unidade = async (nome: string) =>
    (await post("/api/unidades", {
      nome,
      tipo: "Clínica",
      cidade: "Barueri",
      uf: "SP",
      horario_abertura: "07:00",
      horario_fechamento: "19:00",
      dias_funcionamento: [1, 2, 3, 4, 5, 6, 7],
      timezone: "America/Sao_Paulo",
      consultorios: [{ nome: "Sala 1" }],
    })).unidadeid as number;
  const unidadeid = await unidade("UBS Centro");
  const unidade2id = await unidade("UBS Jardim");
  let crm = 100000 + Math.floor(Math.random() * 800000);
  const medico = async (nome: string, esps: number[], u: number) =>
    (await post("/api/medicos", {
      nomecompleto: nome,
      crm: String(crm++),
      crm_uf: "SP",
      unidadeid: u,
      especialidades: esps,
    })).medicoid as number;
  const medicoid = await medico("Dra. Helena Duarte", [especialidadeid], unidadeid);
  const medico2id = await medico("Dr. Rafael Moreira", [especialidade2id], unidade2id);

  const weekday = String(((new Date(`${dia}T12:00:00Z`).getUTCDay() + 6) % 7) + 1);
  const grade = (m: number, e: number, u: number, horas: string[]) =>
    post("/api/slots/generate-bulk", {
      unidadeid: u,
      especialidadeid: e,
      medicoid: m,
      data_inicio: dia,
      data_fim: dia,
      horarios: { [weekday]: horas },
    });
  await grade(medicoid, especialidadeid, unidadeid, ["08:00", "08:30", "09:00", "09:30"]);
  await grade(medico2id, especialidade2id, unidade2id, ["14:00", "14:30"]);

  const nomes = ["Maria da Silva Santos", "José Pereira de Souza", "Fernanda Alves Costa"];
  const pacientes = [];
  for (const nome of nomes) {
    const cpf = nextCpf();
    const p = await post("/api/pacientes", {
      nomecompleto: nome,
      cpf,
      telefone: "11987654321",
      tipo: "Comum",
      tipos_slot_elegiveis: [normal, prioritario],
    });
    pacientes.push({ pacienteid: p.pacienteid as number, nome, cpf });
  }
  const day = await api(base, "GET", `/api/slots?data=${dia}`, { token: master });
  // deno-lint-ignore no-explicit-any
  const slots = day.grupos.flatMap((g: any) => g.slots).filter((s: any) =>
    s.tiposlot.tiposlotid === normal
  );
  const agendamentos: number[] = [];
  for (const [i, p] of pacientes.entries()) {
    const a = await post("/api/agendamentos", {
      slotagendaid: slots[i === 2 ? slots.length - 1 : i].slotagendaid,
      pacienteid: p.pacienteid,
    });
    agendamentos.push(a.agendamentoid);
  }
  return {
    master,
    unidadeid,
    unidade2id,
    especialidadeid,
    especialidade2id,
    medicoid,
    medico2id,
    normal,
    prioritario,
    dia,
    pacientes,
    agendamentos,
  };
}
