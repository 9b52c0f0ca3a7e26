// deno-lint-ignore-file no-explicit-any -- untyped API answers read by name in a test seeder
/**
 * Seeds a day for the operator panel through the API (demo clinic assumed: SEED_DEMO=true):
 * one grade of Clínica Geral at UBS Centro on `dia` with overbooking allowed, extra patients and
 * backlog items. Plain fetch: used by the e2e tests and the `console` bench topic.
 */
export interface Seed {
  dia: string;
  unidadeid: number;
  especialidadeid: number;
  outraEspecialidadeid: number;
  medicoid: number;
  tipos: Record<string, number>;
  pacientes: number[];
  backlog: number[];
  tokens: Record<string, string>;
}

export const SENHA_DEMO = "Demo@Agenda2026";
export const LOGINS = {
  master: "admin@demo.commandagenda.local",
  operador: "operador@demo.commandagenda.local",
  gerenciador: "gerenciador@demo.commandagenda.local",
  visualizador: "visualizador@demo.commandagenda.local",
};

export async function api<T = any>(
  base: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(base + path, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : undefined;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return json as T;
}

export async function login(base: string, email: string, senha = SENHA_DEMO): Promise<string> {
  const r = await api<{ token: string }>(base, "POST", "/api/auth/login", undefined, {
    email,
    senha,
  });
  return r.token;
}

/** A valid CPF from a number (check digits computed). */
export function cpfDe(n: number): string {
  const base = String(100_000_000 + n).slice(-9);
  const d = (s: string) => {
    let sum = 0;
    for (let i = 0; i < s.length; i++) sum += Number(s[i]) * (s.length + 1 - i);
    const r = (sum * 10) % 11;
    return String(r === 10 ? 0 : r);
  };
  const d1 = d(base);
  return base + d1 + d(base + d1);
}

/** The next weekday (Mon–Fri) at least `min` days ahead, as YYYY-MM-DD. */
export function proximoDiaUtil(min = 7): string {
  const d = new Date(Date.now() + min * 86_400_000);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export async function seedPainel(
  base: string,
  o: { dia?: string; horarios?: string[]; backlog?: number; prefixo?: string } = {},
): Promise<Seed> {
  const dia = o.dia ?? proximoDiaUtil();
  const tokens: Record<string, string> = {};
  for (const [k, email] of Object.entries(LOGINS)) tokens[k] = await login(base, email);
  const t = tokens.master;
  const unidades = await api(base, "GET", "/api/unidades", t);
  const esps = await api(base, "GET", "/api/especialidades", t);
  const meds = await api(base, "GET", "/api/medicos?limit=200", t);
  const tiposList = await api(base, "GET", "/api/tipos-slot", t);
  const items = (x: any) => (Array.isArray(x) ? x : x.items);
  const unidadeid = items(unidades).find((u: any) => u.nome === "UBS Centro").unidadeid;
  const especialidadeid = items(esps).find((e: any) => e.nome === "Clínica Geral").especialidadeid;
  const outraEspecialidadeid = items(esps).find((e: any) => e.nome === "Pediatria").especialidadeid;
  const medicoid = items(meds).find((m: any) => m.nomecompleto === "Dra. Helena Duarte").medicoid;
  const tipos: Record<string, number> = {};
  for (const x of items(tiposList)) tipos[x.nome] = x.tiposlotid;
  const weekday = String(((new Date(`${dia}T12:00:00Z`).getUTCDay() + 6) % 7) + 1);
  await api(base, "POST", "/api/slots/generate-bulk", t, {
    unidadeid,
    especialidadeid,
    medicoid,
    data_inicio: dia,
    data_fim: dia,
    horarios: { [weekday]: o.horarios ?? ["08:00", "08:30", "09:00", "10:00"] },
    distribuicao: [
      { tiposlotid: tipos.Normal, quantidade: 2 },
      { tiposlotid: tipos["Prioritário"], quantidade: 1 },
    ],
    overbooking: true,
  });
  const pacientes: number[] = [];
  const backlog: number[] = [];
  const nomes = [
    "Ana Beatriz Rocha",
    "Bruno Tavares",
    "Clara Mendes",
    "Diego Farias",
    "Elisa Prado",
    "Fábio Nunes",
    "Gabriela Lopes",
    "Heitor Campos",
  ];
  const n = o.backlog ?? 6;
  const salt = Math.floor(Math.random() * 1_000_000);
  for (let i = 0; i < n; i++) {
    const p = await api(base, "POST", "/api/pacientes", t, {
      nomecompleto: `${nomes[i % nomes.length]}${i >= nomes.length ? ` ${i}` : ""}${
        o.prefixo ?? ""
      }`,
      cpf: cpfDe(salt * 100 + i),
      telefone: "119" + String(80000000 + i).padStart(8, "0"),
      tipo: "Comum",
    });
    pacientes.push(p.pacienteid);
    const b = await api(base, "POST", "/api/backlog", t, {
      pacienteid: p.pacienteid,
      especialidadeid: i === 2 ? outraEspecialidadeid : especialidadeid,
      prioridade: (["Alta", "Média", "Baixa"] as const)[i % 3],
      // Patient 1 may only take Prioritário slots (the ineligible-drop case).
      tipos_slot_elegiveis: i === 1 ? [tipos["Prioritário"]] : undefined,
      data_preferida: dia,
      periodo_preferido: "Manhã",
    });
    backlog.push(b.backlogid);
  }
  return {
    dia,
    unidadeid,
    especialidadeid,
    outraEspecialidadeid,
    medicoid,
    tipos,
    pacientes,
    backlog,
    tokens,
  };
}
