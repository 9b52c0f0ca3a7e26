/**
 * Local fakes of Whapi.cloud, Mailjet and Zenvia (SMS) for tests: real HTTP servers on a free port that check
 * the auth header and the request shape the way the providers document them, and answer their
 * documented responses. `failures` scripts the first answers (e.g. [500, 500] then success).
 */

export interface Recorded {
  path: string;
  authorization: string | null;
  /** Every request header (lower-case names). */
  headers: Record<string, string>;
  // deno-lint-ignore no-explicit-any
  body: any;
}

export interface FakeProvider {
  url: string;
  requests: Recorded[];
  /** Requests the fake accepted as sent. */
  sent(): Recorded[];
  close(): Promise<void>;
}

type Handler = (req: Recorded) => { status: number; body: unknown };

function serve(handler: Handler): FakeProvider {
  const requests: Recorded[] = [];
  const accepted: Recorded[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (r) => {
    let body: unknown = null;
    try {
      body = await r.json();
    } catch {
      body = null;
    }
    const rec = {
      path: new URL(r.url).pathname,
      authorization: r.headers.get("authorization"),
      headers: Object.fromEntries(r.headers),
      body,
    };
    requests.push(rec);
    const out = handler(rec);
    if (out.status === 200) accepted.push(rec);
    return Response.json(out.body, { status: out.status });
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    requests,
    sent: () => accepted,
    close: () => server.shutdown(),
  };
}

/** Pops the next scripted failure status, if any. */
function script(failures: number[]) {
  const queue = [...failures];
  return () => queue.shift();
}

export function fakeWhapi(opts: { token: string; failures?: number[] }): FakeProvider {
  const next = script(opts.failures ?? []);
  let id = 0;
  return serve((r) => {
    if (r.path !== "/messages/text") {
      return { status: 404, body: { error: { message: "Not found" } } };
    }
    if (r.authorization !== `Bearer ${opts.token}`) {
      return { status: 401, body: { error: { code: 401, message: "Unauthorized" } } };
    }
    const b = r.body;
    if (!b || typeof b.to !== "string" || !/^55\d{10,11}$/.test(b.to) || !b.body) {
      return { status: 400, body: { error: { code: 400, message: "Parameter 'to' is invalid" } } };
    }
    const fail = next();
    if (fail === 400) {
      return { status: 400, body: { error: { code: 400, message: "Recipient not on WhatsApp" } } };
    }
    if (fail) {
      return { status: fail, body: { error: { code: fail, message: "Service unavailable" } } };
    }
    return { status: 200, body: { sent: true, message: { id: `wamid.${++id}`, to: b.to } } };
  });
}

export function fakeMailjet(
  opts: { apiKey: string; apiSecret: string; failures?: number[] },
): FakeProvider {
  const next = script(opts.failures ?? []);
  let id = 1152921500000000;
  const expected = `Basic ${btoa(`${opts.apiKey}:${opts.apiSecret}`)}`;
  const error = (message: string) => ({
    status: 400,
    body: {
      Messages: [{
        Status: "error",
        Errors: [{ ErrorCode: "mj-0013", StatusCode: 400, ErrorMessage: message }],
      }],
    },
  });
  return serve((r) => {
    if (r.path !== "/v3.1/send") return { status: 404, body: { ErrorMessage: "Not found" } };
    if (r.authorization !== expected) {
      return {
        status: 401,
        body: { ErrorMessage: "API key authentication/authorization failure" },
      };
    }
    const m = r.body?.Messages?.[0];
    if (
      !m?.From?.Email || !m?.To?.[0]?.Email || typeof m.Subject !== "string" || !m.TextPart ||
      !m.CustomID
    ) {
      return error("Message is missing mandatory properties");
    }
    const fail = next();
    if (fail === 400) return error(`"${m.To[0].Email}" is an invalid email address.`);
    if (fail) return { status: fail, body: { ErrorMessage: "Internal server error" } };
    return {
      status: 200,
      body: {
        Messages: [{
          Status: "success",
          CustomID: m.CustomID,
          To: [{ Email: m.To[0].Email, MessageUUID: crypto.randomUUID(), MessageID: ++id }],
        }],
      },
    };
  });
}

/** Zenvia API v2, SMS channel: `X-API-TOKEN`, `{ from, to, contents: [{ type: "text", text }] }`. */
export function fakeZenvia(opts: { token: string; failures?: number[] }): FakeProvider {
  const next = script(opts.failures ?? []);
  const error = (status: number, code: string, message: string) => ({
    status,
    body: { code, message },
  });
  return serve((r) => {
    if (r.path !== "/v2/channels/sms/messages") return error(404, "NOT_FOUND", "Not found");
    if (r.headers["x-api-token"] !== opts.token) {
      return error(401, "UNAUTHORIZED", "Unauthorized");
    }
    const b = r.body;
    const c = b?.contents?.[0];
    if (
      !b || typeof b.from !== "string" || !b.from || typeof b.to !== "string" ||
      !/^55\d{10,11}$/.test(b.to) || c?.type !== "text" || typeof c.text !== "string" || !c.text
    ) {
      return error(400, "VALIDATION_ERROR", "Validation error");
    }
    const fail = next();
    if (fail === 400) return error(400, "VALIDATION_ERROR", "Invalid recipient");
    if (fail) return error(fail, "INTERNAL_ERROR", "Service unavailable");
    return {
      status: 200,
      body: {
        id: crypto.randomUUID(),
        from: b.from,
        to: b.to,
        direction: "OUT",
        channel: "sms",
        contents: b.contents,
        timestamp: new Date().toISOString(),
      },
    };
  });
}
