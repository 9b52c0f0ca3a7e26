/**
 * A failover TCP proxy in front of server instances, as a load balancer would be: each new
 * connection goes to the first upstream that accepts it. When an instance dies its connections
 * drop, and the browser's reconnections land on the next one, through the same origin.
 *
 * @example
 * const lb = startProxy([b.url, a.url]);
 * await page.goto(`${lb.url}/adm/painel`); // served by b; after b.kill(), by a
 */
export interface Proxy {
  url: string;
  close(): void;
}

export function startProxy(upstreams: string[]): Proxy {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  const targets = upstreams.map((u) => new URL(u));
  const open = new Set<Deno.Conn>();
  let closed = false;
  // accept() in a loop, not `for await`: leaving a for-await on an error would close the
  // listener, and one failed accept must not take the balancer down.
  (async () => {
    while (!closed) {
      try {
        void serve(await listener.accept());
      } catch (err) {
        if (closed || err instanceof Deno.errors.BadResource) return;
        console.error("proxy accept:", err);
      }
    }
  })();

  async function serve(client: Deno.Conn) {
    let upstream: Deno.Conn | undefined;
    for (const t of targets) {
      try {
        upstream = await Deno.connect({ hostname: t.hostname, port: Number(t.port) });
        break;
      } catch { /* down: try the next one */ }
    }
    if (!upstream) return client.close();
    open.add(client).add(upstream);
    const done = () => {
      for (const c of [client, upstream!]) {
        open.delete(c);
        try {
          c.close();
        } catch { /* closed */ }
      }
    };
    // Each direction ends with a half-close of the other side; both done, both closed.
    await Promise.all([pump(client, upstream), pump(upstream, client)]);
    done();
  }

  async function pump(src: Deno.Conn, dst: Deno.Conn) {
    const buf = new Uint8Array(64 * 1024);
    try {
      while (true) {
        const n = await src.read(buf);
        if (n === null) break;
        let off = 0;
        while (off < n) off += await dst.write(buf.subarray(off, n));
      }
    } catch { /* reset: the connection is over */ }
    try {
      await dst.closeWrite();
    } catch { /* already closed */ }
  }

  return {
    url: `http://127.0.0.1:${port}`,
    close() {
      closed = true;
      listener.close();
      for (const c of open) {
        try {
          c.close();
        } catch { /* closed */ }
      }
    },
  };
}
