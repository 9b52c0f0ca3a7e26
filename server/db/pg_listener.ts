/**
 * LISTEN on a dedicated connection that survives database outages.
 *
 * postgres.js's own `listen` re-issues LISTEN once when its connection closes and swallows the
 * failure: a connection lost while the database refuses new ones leaves the channel silently
 * dead for good. Here every close schedules a restore that retries (with backoff) until every
 * channel listens again, then tells each listener so it can catch up on what it missed.
 */
import postgres from "./pg_client.ts";
import { logError } from "../ops/log.ts";

export type ListenFn = (payload: string) => void;

interface Entry {
  fn: ListenFn;
  onReconnect?: () => void;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

export class PgListener {
  #url: string;
  #sql?: postgres.Sql<Record<string, never>>;
  #channels = new Map<string, Set<Entry>>();
  #restoring?: ReturnType<typeof setTimeout>;
  #lost = false;
  #closed = false;
  #delay = 250;
  /** Bumped by every close, so a restore that raced with a new loss does not report success. */
  #losses = 0;

  constructor(url: string) {
    this.#url = url;
  }

  #conn() {
    this.#sql ??= postgres(this.#url, {
      max: 1,
      idle_timeout: undefined,
      max_lifetime: null,
      fetch_types: false,
      connect_timeout: 5,
      onnotice: () => {},
      onnotify: (channel: string, payload: string) => {
        for (const e of this.#channels.get(channel) ?? []) {
          try {
            e.fn(payload);
          } catch (err) {
            logError("db: falha ao tratar NOTIFY", err, { channel });
          }
        }
      },
      onclose: () => this.#onClose(),
    } as postgres.Options<Record<string, never>>) as unknown as postgres.Sql<
      Record<string, never>
    >;
    return this.#sql;
  }

  async listen(channel: string, fn: ListenFn, onReconnect?: () => void) {
    const entry: Entry = { fn, onReconnect };
    let set = this.#channels.get(channel);
    if (!set) {
      this.#channels.set(channel, set = new Set());
      try {
        await this.#conn().unsafe(`listen ${quote(channel)}`);
      } catch (err) {
        this.#channels.delete(channel);
        throw err;
      }
    }
    set.add(entry);
    return {
      unlisten: async () => {
        set.delete(entry);
        if (set.size || this.#channels.get(channel) !== set) return;
        this.#channels.delete(channel);
        if (!this.#closed && !this.#lost) {
          await this.#sql?.unsafe(`unlisten ${quote(channel)}`).catch(() => {});
        }
      },
    };
  }

  #onClose() {
    if (this.#closed || !this.#channels.size) return;
    this.#lost = true;
    this.#losses++;
    this.#schedule();
  }

  #schedule() {
    if (this.#restoring !== undefined || this.#closed) return;
    this.#restoring = setTimeout(() => {
      this.#restoring = undefined;
      this.#restore();
    }, this.#delay);
  }

  async #restore() {
    if (this.#closed || !this.#lost) return;
    const losses = this.#losses;
    try {
      for (const channel of [...this.#channels.keys()]) {
        await this.#conn().unsafe(`listen ${quote(channel)}`);
      }
    } catch (err) {
      this.#delay = Math.min(this.#delay * 2, 5000);
      logError("db: LISTEN indisponível; nova tentativa", err);
      this.#schedule();
      return;
    }
    if (losses !== this.#losses) return this.#schedule();
    this.#lost = false;
    this.#delay = 250;
    console.info("db: LISTEN restabelecido");
    for (const set of this.#channels.values()) {
      for (const e of set) {
        try {
          e.onReconnect?.();
        } catch (err) {
          logError("db: falha ao retomar LISTEN", err);
        }
      }
    }
  }

  async close() {
    this.#closed = true;
    clearTimeout(this.#restoring);
    await this.#sql?.end({ timeout: 2 }).catch(() => {});
  }
}
