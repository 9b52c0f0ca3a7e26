/**
 * Tokens: HS256 JWTs signed with `jose`, two audiences. The `jti` is the id of a session row,
 * so revoking the row (logout, deactivation) invalidates the token at once.
 */
import { jwtVerify, SignJWT } from "jose";
import type { Db } from "../db/db.ts";

export type Audience = "admin" | "paciente";
export const TOKEN_HOURS: Record<Audience, number> = { admin: 8, paciente: 24 };
const ISSUER = "command-agenda";

export async function signToken(key: Uint8Array, aud: Audience, sub: number, jti: string) {
  return await new SignJWT({})
    .setProtectedHeader({ alg: "HS256" })
    .setIssuer(ISSUER)
    .setAudience(aud)
    .setSubject(String(sub))
    .setJti(jti)
    .setIssuedAt()
    .setExpirationTime(`${TOKEN_HOURS[aud]}h`)
    .sign(key);
}

export async function verifyToken(key: Uint8Array, token: string) {
  const { payload } = await jwtVerify(token, key, {
    issuer: ISSUER,
    audience: ["admin", "paciente"],
    algorithms: ["HS256"],
  });
  const aud = (Array.isArray(payload.aud) ? payload.aud[0] : payload.aud) as Audience;
  return { aud, sub: Number(payload.sub), jti: String(payload.jti) };
}

/** The signing key: JWT_SECRET when given, else one generated once and kept in the database. */
export async function loadJwtKey(db: Db, secret?: string): Promise<Uint8Array> {
  if (secret) return new TextEncoder().encode(secret);
  const fresh = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(48))));
  await db
    .sql`insert into ca_segredo (nome, valor) values ('jwt', ${fresh}) on conflict do nothing`;
  const [row] = await db.sql<{ valor: string }>`select valor from ca_segredo where nome = 'jwt'`;
  return new TextEncoder().encode(row.valor);
}
