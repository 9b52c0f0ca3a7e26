import bcryptjs from "bcryptjs";

/**
 * The native bcrypt when it loads (fast); the pure-JS one where native addons cannot load, as
 * on Deno Deploy or under `--deny-ffi`. Both read and write the same `$2b$` hashes.
 */
export const bcryptImpl = await (async () => {
  try {
    const native = await import("@node-rs/bcrypt");
    return { name: "native", hash: native.hash, verify: native.verify };
  } catch {
    return { name: "bcryptjs", hash: bcryptjs.hash, verify: bcryptjs.compare };
  }
})();
const { hash, verify } = bcryptImpl;

export function hashPassword(plain: string, cost: number): Promise<string> {
  return hash(plain, cost);
}

/** Constant-time verify; a missing hash still costs one bcrypt round so timing tells nothing. */
export async function verifyPassword(plain: string, hashed: string | null | undefined) {
  if (!hashed) {
    await verify(plain, DUMMY_HASH);
    return false;
  }
  return verify(plain, hashed);
}

const DUMMY_HASH = "$2b$10$CwTycUXWue0Thq9StjUM0uJ8e4pXUyVbQZ5iW9aU3WMyHuq.hJz4a";

/** Random temporary password that already satisfies the strong policy. */
export function temporaryPassword(): string {
  const pick = (set: string, n: number) =>
    Array.from(crypto.getRandomValues(new Uint32Array(n)), (x) => set[x % set.length]).join("");
  const chars = pick("ABCDEFGHJKLMNPQRSTUVWXYZ", 3) + pick("abcdefghijkmnpqrstuvwxyz", 4) +
    pick("23456789", 3) + pick("!@#$%&*?", 2);
  return [...chars].sort(() => crypto.getRandomValues(new Uint8Array(1))[0] - 128).join("");
}

/** Random url-safe token and its sha-256 (only the hash is stored). */
export async function randomToken(): Promise<{ token: string; hash: string }> {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const token = btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_")
    .replace(/=+$/, "");
  return { token, hash: await sha256(token) };
}

export async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Numeric one-time code of `length` digits. */
export function numericCode(length: number): string {
  const n = crypto.getRandomValues(new Uint32Array(1))[0] % 10 ** length;
  return String(n).padStart(length, "0");
}
