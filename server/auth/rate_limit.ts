/**
 * Fixed-window counters in Postgres, so every instance sees the same count.
 *
 * @example
 * await hitLimit(db.sql, `login-ip:${ip}`, { max: 30, windowSeconds: 300 });
 */
import type { Sql } from "../db/db.ts";
import { HttpError } from "../http/errors.ts";

export interface Limit {
  max: number;
  windowSeconds: number;
}

function tooMany(retryAfter: number, message: string) {
  return new HttpError(429, "muitas_tentativas", message, { retry_after: retryAfter }, {
    "Retry-After": String(retryAfter),
  });
}

const WINDOW = (w: number) => `to_timestamp(floor(extract(epoch from now()) / ${w}) * ${w})`;

/** Counts one hit and throws 429 once the window holds more than `max`. */
export async function hitLimit(
  sql: Sql,
  key: string,
  limit: Limit,
  message = "Muitas tentativas. Aguarde e tente novamente.",
) {
  const w = Math.trunc(limit.windowSeconds);
  const [row] = await sql<{ contagem: number; retry: number }>`
    insert into ca_rate_limit (chave, janela, contagem)
    values (${key}, ${sql.raw(WINDOW(w))}, 1)
    on conflict (chave, janela) do update set contagem = ca_rate_limit.contagem + 1
    returning contagem, ceil(extract(epoch from janela + make_interval(secs => ${w}) - now()))::int as retry`;
  if (row.contagem > limit.max) throw tooMany(Math.max(1, row.retry), message);
}

/** Throws 429 if the window already holds `max` hits, without counting one. */
export async function checkLimit(sql: Sql, key: string, limit: Limit, message?: string) {
  const w = Math.trunc(limit.windowSeconds);
  const [row] = await sql<{ contagem: number; retry: number }>`
    select contagem, ceil(extract(epoch from janela + make_interval(secs => ${w}) - now()))::int as retry
    from ca_rate_limit where chave = ${key} and janela = ${sql.raw(WINDOW(w))}`;
  if (row && row.contagem >= limit.max) {
    throw tooMany(
      Math.max(1, row.retry),
      message ?? "Muitas tentativas. Aguarde e tente novamente.",
    );
  }
}

/** Counts one hit without checking (e.g. a failed password). */
export async function countHit(sql: Sql, key: string, limit: Limit) {
  const w = Math.trunc(limit.windowSeconds);
  await sql`
    insert into ca_rate_limit (chave, janela, contagem)
    values (${key}, ${sql.raw(WINDOW(w))}, 1)
    on conflict (chave, janela) do update set contagem = ca_rate_limit.contagem + 1`;
}

/** Logins have their own policy in `login_guard.ts`; these are the other public routes. */
export const LIMITS = {
  /** First-access attempts per IP (the token is secret; this only bounds bcrypt work). */
  loginIp: { max: 30, windowSeconds: 300 },
  loginAccountFailures: { max: 5, windowSeconds: 900 },
  otpIp: { max: 20, windowSeconds: 3600 },
  registerIp: { max: 10, windowSeconds: 3600 },
  /** "Esqueci minha senha": requests per IP and per CPF (known or not), code checks per IP. */
  senhaResetIp: { max: 10, windowSeconds: 3600 },
  senhaResetCpf: { max: 5, windowSeconds: 3600 },
  senhaRedefinirIp: { max: 30, windowSeconds: 3600 },
} satisfies Record<string, Limit>;
