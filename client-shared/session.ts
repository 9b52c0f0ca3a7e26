/**
 * The session of a console: the token in `sessionStorage` (one tab, gone when the tab closes),
 * the signed-in user (`me`), role helpers and the "session expired" state. Generic over the
 * shape of `me`, so the staff console and the patient portal each keep their own.
 *
 * A 401 from any authenticated call ends the session with a message (`expire`); the console shows
 * its login on top of the screen in front of the user, so what was typed there is still there
 * after signing in again.
 *
 * @example
 * const session = createSession<Me>({ storageKey: "ca.adm", mePath: "/api/auth/me" });
 * const http = session.http; // sends the token, expires the session on 401
 * await session.signIn(token); // stores it and loads me
 */
import { createSignal } from "solid-js";
import { type ApiError, createHttp, type Http, type HttpOptions } from "./http.ts";

export interface SessionOptions {
  /** sessionStorage key of the token. */
  storageKey: string;
  /** GET path answering the signed-in user. */
  mePath: string;
  logoutPath?: string;
  http?: Omit<HttpOptions, "token" | "onUnauthorized">;
}

export interface Session<Me> {
  http: Http;
  token(): string | null;
  me(): Me | null;
  /** Loading `me` after a reload of the page with a stored token. */
  loading(): boolean;
  /** Set when the server ended the session (401); cleared by the next sign in. */
  expired(): string | null;
  signIn(token: string): Promise<Me>;
  /** Loads `me` for a stored token (at start); false when there is none or it is refused. */
  restore(): Promise<boolean>;
  signOut(): Promise<void>;
  expire(message: string): void;
}

function storage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

export function createSession<Me>(opts: SessionOptions): Session<Me> {
  const store = storage();
  const [token, setToken] = createSignal<string | null>(store?.getItem(opts.storageKey) ?? null);
  const [me, setMe] = createSignal<Me | null>(null);
  const [loading, setLoading] = createSignal(false);
  const [expired, setExpired] = createSignal<string | null>(null);

  const keep = (t: string | null) => {
    if (t) store?.setItem(opts.storageKey, t);
    else store?.removeItem(opts.storageKey);
    setToken(t);
  };

  const expire = (message: string) => {
    if (!token()) return;
    keep(null);
    setExpired(message);
  };

  const http = createHttp({
    ...opts.http,
    token,
    onUnauthorized: (err: ApiError) => expire(err.message),
  });

  const loadMe = async () => {
    const m = await http.get<Me>(opts.mePath);
    setMe(() => m);
    return m;
  };

  return {
    http,
    token,
    me,
    loading,
    expired,
    expire,
    async signIn(t) {
      keep(t);
      setExpired(null);
      return await loadMe();
    },
    async restore() {
      if (!token()) return false;
      setLoading(true);
      try {
        await loadMe();
        return true;
      } catch {
        return false;
      } finally {
        setLoading(false);
      }
    },
    async signOut() {
      const had = token();
      if (had && opts.logoutPath) await http.post(opts.logoutPath).catch(() => {});
      keep(null);
      setMe(null);
      setExpired(null);
    },
  };
}
