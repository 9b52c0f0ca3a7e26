/**
 * Login throttling that stops password guessing without locking out the people it protects.
 *
 * - Failures are counted per (account, IP): 5 wrong passwords lock only that pair for 15 min.
 *   A stranger who knows a staff e-mail (or a patient's CPF) locks out themselves, not the
 *   owner, who logs in from another network (or from the same clinic if the stranger is not
 *   there). The locked pair is refused even with the right password, or guessing would go on.
 * - Failures per account over all IPs catch a guesser with many addresses: past `slowAfter`
 *   each attempt on that account waits a little longer (at most `maxDelayMs`), which slows a
 *   botnet and only costs the owner a few seconds; past `hardCeiling` the account answers 429
 *   except from an IP where it logged in successfully in the last 30 days, so the owner keeps
 *   working from the usual clinic or home while the attack goes on.
 * - Per IP, only failures count toward the guessing limit (many accounts from one address);
 *   all attempts count toward a ceiling far above what a clinic behind one NAT produces (200
 *   staff at 7:00), which only bounds the bcrypt work one address can cause.
 * - A successful login counts nothing and clears nothing: the limits stay honest for the pair.
 *
 * Counters live in `ca_rate_limit` (fixed windows, shared by every instance).
 *
 * @example
 * const guard = await guardLogin(db.sql, `email:${email}`, ip);
 * if (!ok) { await guard.failed(); throw unauthorized(...); }
 * await guard.succeeded();
 */
import type { Sql } from "../db/db.ts";
import { HttpError } from "../http/errors.ts";
import { checkLimit, countHit, hitLimit, type Limit } from "./rate_limit.ts";

export const LOGIN_POLICY = {
  /** Every attempt from one IP (bounds bcrypt work); a busy clinic stays far below. */
  ipAttempts: { max: 1000, windowSeconds: 300 },
  /** Wrong passwords from one IP, any accounts (credential stuffing from one address). */
  ipFailures: { max: 100, windowSeconds: 900 },
  /** Wrong passwords for one account from one IP. */
  pairFailures: { max: 5, windowSeconds: 900 },
  /** Wrong passwords for one account from anywhere. */
  accountFailures: { windowSeconds: 900 },
  slowAfter: 20,
  stepMs: 250,
  maxDelayMs: 5000,
  hardCeiling: 200,
  /** How long a successful (account, IP) pair stays trusted past the hard ceiling. */
  trustedSeconds: 30 * 24 * 3600,
} as const;

/** Milliseconds an attempt waits when the account already has `failures` in the window. */
export function progressiveDelay(failures: number): number {
  const over = failures - LOGIN_POLICY.slowAfter;
  if (over < 0) return 0;
  return Math.min(LOGIN_POLICY.maxDelayMs, (over + 1) * LOGIN_POLICY.stepMs);
}

const WINDOW = (w: number) => `to_timestamp(floor(extract(epoch from now()) / ${w}) * ${w})`;

async function current(sql: Sql, key: string, limit: Pick<Limit, "windowSeconds">) {
  const w = Math.trunc(limit.windowSeconds);
  const [row] = await sql<{ contagem: number; retry: number }>`
    select contagem,
           ceil(extract(epoch from janela + make_interval(secs => ${w}) - now()))::int as retry
    from ca_rate_limit where chave = ${key} and janela = ${sql.raw(WINDOW(w))}`;
  return { count: row?.contagem ?? 0, retry: Math.max(1, row?.retry ?? w) };
}

export interface LoginGuard {
  /** Counts a wrong password for the pair, the account and the IP. */
  failed(): Promise<void>;
  /** Marks the pair as trusted (it may log in past the hard ceiling). */
  succeeded(): Promise<void>;
}

/**
 * Checks the limits before the password is verified; throws 429 with `Retry-After` when this
 * attempt may not proceed. `account` is a stable key such as `email:a@b.c` or `cpf:…`.
 */
export async function guardLogin(
  sql: Sql,
  account: string,
  ip: string,
  what = "esta conta",
): Promise<LoginGuard> {
  const P = LOGIN_POLICY;
  const pairKey = `login-fail:${account}:${ip}`;
  const accountKey = `login-fail:${account}`;
  const ipKey = `login-fail-ip:${ip}`;
  const trustKey = `login-ok:${account}:${ip}`;

  await hitLimit(sql, `login-ip:${ip}`, P.ipAttempts);
  await checkLimit(sql, ipKey, P.ipFailures);
  await checkLimit(
    sql,
    pairKey,
    P.pairFailures,
    `Muitas tentativas incorretas para ${what} a partir desta rede. Aguarde 15 minutos.`,
  );
  const account_ = await current(sql, accountKey, P.accountFailures);
  if (account_.count >= P.hardCeiling) {
    const [trusted] = await sql`
      select 1 from ca_rate_limit
      where chave = ${trustKey} and janela > now() - make_interval(secs => ${P.trustedSeconds})`;
    if (!trusted) {
      throw new HttpError(
        429,
        "muitas_tentativas",
        `Muitas tentativas incorretas para ${what}. Entre pela rede onde costuma acessar ou aguarde.`,
        { retry_after: account_.retry },
        { "Retry-After": String(account_.retry) },
      );
    }
  }
  const delay = progressiveDelay(account_.count);
  if (delay > 0) await new Promise((r) => setTimeout(r, delay));

  return {
    failed: async () => {
      await countHit(sql, pairKey, P.pairFailures);
      await countHit(sql, accountKey, { max: P.hardCeiling, ...P.accountFailures });
      await countHit(sql, ipKey, P.ipFailures);
    },
    succeeded: async () => {
      // One row per pair whose window is the time of the last success.
      await sql`delete from ca_rate_limit where chave = ${trustKey}`;
      await sql`insert into ca_rate_limit (chave, janela, contagem) values (${trustKey}, now(), 1)
                on conflict (chave, janela) do nothing`;
    },
  };
}
