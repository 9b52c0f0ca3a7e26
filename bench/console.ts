/**
 * The operator panel, in real headless Chromium against real server instances on one fresh
 * Postgres database (`deno task bench console`):
 * - drop → visible: operator 1 (instance A) drops a card on a slot with the keyboard; operator 2
 *   (instance B) sees the card leave the queue. p50/p99 over `BENCH_DROPS` (50) drops, from the
 *   key press to the DOM change on the other page (both clocks are the machine's epoch clock).
 *   Compared with raw NOTIFY→LISTEN on one postgres.js connection (the floor of any cross-instance
 *   update).
 * - big day: a day of 2,000 slots and a queue of 10,000 items (written with SQL): time to
 *   interactive of `/adm/painel` (navigation start → every slot and the first page of cards
 *   rendered), and the time to apply one live row to the cached day / queue (store patch plus
 *   Solid's DOM update, synchronous), p50/p99 over 100 rows each. Target: under one frame (16 ms).
 */
import { openPostgres } from "../server/db/postgres_driver.ts";
import { freshPostgres } from "../server/testing/harness.ts";
import { launch, newPage, type Page } from "../e2e/browser.ts";
import { ensureDist } from "../e2e/build.ts";
import { seedClinic, staffUser } from "../e2e/seed.ts";
import { startServer } from "../e2e/server.ts";
import { filaDoPainel, slotsDoDia } from "../e2e/painel/fila.ts";

const DROPS = Number(Deno.env.get("BENCH_DROPS") ?? 50);
const SLOTS = 2000;
const ITEMS = 10_000;

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}
const ms = (x: number) => x.toFixed(1);

async function abrir(
  browser: Awaited<ReturnType<typeof launch>>,
  base: string,
  token: string,
  dia: string,
  extra = "",
  init?: () => void,
): Promise<Page> {
  const page = await newPage(browser, { viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(120_000);
  await page.addInitScript((t) => sessionStorage.setItem("ca.adm.token", t), token);
  if (init) await page.addInitScript(init);
  await page.goto(`${base}/adm/painel?dia=${dia}${extra}`);
  await page.locator("[data-cartao]").first().waitFor();
  return page;
}

async function rawNotify(url: string): Promise<number[]> {
  const db = openPostgres(url, { max: 2 });
  const seen = new Map<string, (t: number) => void>();
  const out: number[] = [];
  const sub = await db.listen("bench_console", (payload) => seen.get(payload)?.(performance.now()));
  for (let i = 0; i < DROPS; i++) {
    const key = String(i);
    const got = new Promise<number>((r) => seen.set(key, r));
    const t0 = performance.now();
    await db.begin(async (sql) => {
      await sql`select pg_notify('bench_console', ${key})`;
    });
    out.push((await got) - t0);
  }
  await sub.unlisten();
  await db.close();
  return out;
}

async function dropToVisible(browser: Awaited<ReturnType<typeof launch>>) {
  const pg = await freshPostgres(4);
  const a = await startServer({ databaseUrl: pg.url });
  const b = await startServer({ databaseUrl: pg.url });
  try {
    const c = await seedClinic(a.url);
    // One slot with room for every drop: 50 places of Normal at 11:00.
    const weekday = String(((new Date(`${c.dia}T12:00:00Z`).getUTCDay() + 6) % 7) + 1);
    await fetch(`${a.url}/api/slots/generate-bulk`, {
      method: "POST",
      headers: { authorization: `Bearer ${c.master}`, "content-type": "application/json" },
      body: JSON.stringify({
        unidadeid: c.unidadeid,
        especialidadeid: c.especialidadeid,
        medicoid: c.medicoid,
        data_inicio: c.dia,
        data_fim: c.dia,
        horarios: { [weekday]: ["11:00"] },
        distribuicao: [{ tiposlotid: c.normal, quantidade: DROPS }],
      }),
    }).then((r) => r.body?.cancel());
    const nomes = Array.from({ length: DROPS }, (_, i) => `Paciente Bench ${i + 1}`);
    await filaDoPainel(a.url, c, nomes);
    const alvo = (await slotsDoDia(a.url, c))["11:00 Normal"].slotagendaid;
    const op1 = await staffUser(a.url, pg.db, c.master, "operador", { nome: "Bench Um" });
    const op2 = await staffUser(a.url, pg.db, c.master, "operador", { nome: "Bench Dois" });
    const p1 = await abrir(browser, a.url, op1.token!, c.dia);
    // op2 notes when each backlog event reaches its socket (and the server's `at` of the event).
    const p2 = await abrir(browser, b.url, op2.token!, c.dia, "", () => {
      const w = globalThis as unknown as {
        __chegou: Record<string, { t: number; at: number }>;
        WebSocket: typeof WebSocket;
      };
      w.__chegou = {};
      const Nativo = w.WebSocket;
      w.WebSocket = class extends Nativo {
        constructor(url: string | URL, protocols?: string | string[]) {
          super(url, protocols);
          this.addEventListener("message", (e) => {
            const t = performance.timeOrigin + performance.now();
            if (typeof e.data !== "string" || !e.data.includes('"backlog"')) return;
            try {
              const m = JSON.parse(e.data);
              if (m.type === "event" && m.entity === "backlog") {
                w.__chegou[m.entity_id] ??= { t, at: Date.parse(m.at) };
              }
            } catch { /* not ours */ }
          });
        }
      };
    });
    // op2 records when each card leaves its queue.
    await p2.evaluate(() => {
      const w = globalThis as unknown as { __gone: Record<string, number> };
      w.__gone = {};
      new MutationObserver((muts) => {
        const t = performance.timeOrigin + performance.now();
        for (const m of muts) {
          for (const n of m.removedNodes) {
            if (!(n instanceof HTMLElement)) continue;
            // The last card leaves with its whole list (the empty-queue message replaces it).
            for (const el of [n, ...n.querySelectorAll("[data-cartao]")]) {
              const id = el.getAttribute("data-cartao");
              if (id) w.__gone[id] ??= t;
            }
          }
        }
      }).observe(document.body, { childList: true, subtree: true });
    });
    const slotIds = await p1.locator("[data-slot]").evaluateAll((els) =>
      els.map((e) => Number(e.getAttribute("data-slot")))
    );
    const idx = slotIds.indexOf(alvo);
    const lat: number[] = [];
    const etapas = {
      antesDoPatch: [] as number[],
      patch: [] as number[],
      ateSocket: [] as number[],
      commitSocket: [] as number[],
      socketDom: [] as number[],
    };
    if (idx < 0) throw new Error(`slot ${alvo} not on screen`);
    for (let i = 0; i < DROPS; i++) {
      const card = p1.locator("[data-cartao]").first();
      const id = await card.getAttribute("data-cartao");
      await card.focus();
      await p1.keyboard.press("Enter");
      await p1.keyboard.press("Home");
      for (let k = 0; k < idx; k++) await p1.keyboard.press("ArrowDown");
      const t0 = await p1.evaluate(() => performance.timeOrigin + performance.now());
      await p1.keyboard.press("Enter");
      await p2.waitForFunction(
        (id) => {
          const w = globalThis as unknown as { __gone: Record<string, number> };
          return w.__gone[id!] !== undefined;
        },
        id,
        { timeout: 30_000 },
      ).catch(async (err) => {
        await p1.screenshot({ path: "/tmp/bench-console-op1.png" });
        await p2.screenshot({ path: "/tmp/bench-console-op2.png" });
        throw err;
      });
      const t1 = await p2.evaluate(
        (id) => (globalThis as unknown as { __gone: Record<string, number> }).__gone[id!],
        id,
      );
      lat.push(t1 - t0);
      const chegou = await p2.evaluate(
        (id) =>
          (globalThis as unknown as { __chegou: Record<string, { t: number; at: number }> })
            .__chegou[id!],
        id,
      );
      const patch = await p1.evaluate((id) => {
        const e = performance.getEntriesByType("resource").filter((r) =>
          r.name.includes(`/api/backlog/${id}/alocar`)
        ).pop() as PerformanceResourceTiming | undefined;
        return e
          ? {
            ini: performance.timeOrigin + e.startTime,
            fim: performance.timeOrigin + e.responseEnd,
          }
          : null;
      }, id);
      if (chegou && patch) {
        etapas.antesDoPatch.push(patch.ini - t0);
        etapas.patch.push(patch.fim - patch.ini);
        etapas.ateSocket.push(chegou.t - patch.ini);
        etapas.commitSocket.push(chegou.t - chegou.at);
        etapas.socketDom.push(t1 - chegou.t);
      }
      // The next card is picked once this one has left op1's queue too.
      await p1.locator(`[data-cartao="${id}"]`).waitFor({ state: "detached" });
    }
    const raw = await rawNotify(pg.url);
    console.log(
      `console: drop→visible (A→B, ${DROPS} drops) p50=${ms(pct(lat, 50))} ms ` +
        `p99=${ms(pct(lat, 99))} ms max=${ms(Math.max(...lat))} ms (target p99 ≤ 250 ms)`,
    );
    const e = (xs: number[]) => `p50=${ms(pct(xs, 50))} p99=${ms(pct(xs, 99))}`;
    if (etapas.patch.length) {
      console.log(
        `console: drop stages (ms): op1 key→PATCH sent ${e(etapas.antesDoPatch)}; ` +
          `PATCH round trip on A ${e(etapas.patch)}; PATCH sent→event on B's socket ` +
          `${e(etapas.ateSocket)} (event's transaction start→socket ${e(etapas.commitSocket)}); ` +
          `socket→card gone on op2 ${e(etapas.socketDom)}`,
      );
    }
    if (raw.length) {
      console.log(
        `console: raw NOTIFY→LISTEN (same run) p50=${ms(pct(raw, 50))} ms p99=${
          ms(pct(raw, 99))
        } ms`,
      );
    }
    await p1.context().close();
    await p2.context().close();
  } finally {
    await a.stop();
    await b.stop();
    await pg.drop();
  }
}

async function bigDay(browser: Awaited<ReturnType<typeof launch>>) {
  const pg = await freshPostgres(4);
  const a = await startServer({ databaseUrl: pg.url });
  try {
    const c = await seedClinic(a.url);
    const { sql } = pg.db;
    // 2,000 slots: 21 grades × up to 96 five-minute starts from 06:00 (local time).
    await sql`
      with m as (
        insert into ca_medico (nomecompleto, crm, crm_uf, unidadeid)
        select 'Médico Bench ' || g, (900000 + g)::text, 'SP', ${c.unidadeid}
        from generate_series(1, 21) g returning medicoid
      ), me as (
        insert into ca_medico_especialidade (medicoid, especialidadeid)
        select medicoid, ${c.especialidadeid} from m returning medicoid
      ), gr as (
        insert into ca_gradeagenda (medicoid, especialidadeid, unidadeid, vigencia_inicio,
                                    vigencia_fim)
        select medicoid, ${c.especialidadeid}, ${c.unidadeid}, ${c.dia}::date, ${c.dia}::date
        from me returning gradeagendaid, medicoid
      )
      insert into ca_slotagenda (gradeagendaid, medicoid, tiposlotid, unidadeid, especialidadeid,
        datainicio, datafim, data, periodo, limitevagas)
      select gradeagendaid, medicoid, ${c.normal}, ${c.unidadeid}, ${c.especialidadeid},
        t, t + interval '5 minutes', ${c.dia}::date,
        case when extract(hour from t at time zone 'America/Sao_Paulo') < 12 then 'Manhã'
             when extract(hour from t at time zone 'America/Sao_Paulo') < 18 then 'Tarde'
             else 'Noite' end, 2
      from (select gr.*, row_number() over () as r from gr) gr,
        generate_series(0, 95) k,
        lateral (select ((${c.dia}::date + time '06:00') at time zone 'America/Sao_Paulo')
                        + k * interval '5 minutes' as t) tt
      limit ${SLOTS}`;
    await sql`
      with p as (
        insert into ca_paciente (nomecompleto, cpf, telefone)
        select 'Paciente Fila ' || g, lpad((70000000000 + g)::text, 11, '0'), '11987654321'
        from generate_series(1, ${ITEMS}) g returning pacienteid
      )
      insert into ca_backlog (pacienteid, especialidadeid, prioridade, cpf)
      select pacienteid, ${c.especialidadeid},
        (array['Alta', 'Média', 'Baixa'])[1 + pacienteid % 3], lpad((70000000000 + pacienteid)::text, 11, '0')
      from p`;
    const op = await staffUser(a.url, pg.db, c.master, "operador", { nome: "Bench Grande" });
    const t0 = performance.now();
    const page = await abrir(browser, a.url, op.token!, c.dia, "&bench");
    // Interactive: the whole day is loaded (the windowed list knows all its slots), the slots in
    // view and the first page of cards are rendered, and the main thread answers a frame.
    await page.waitForFunction(
      (n) =>
        Number(document.querySelector("[data-agenda]")?.getAttribute("data-agenda-slots")) >= n &&
        document.querySelector("[data-slot]") !== null,
      SLOTS,
    ).catch(async (err) => {
      await page.screenshot({ path: "/tmp/bench-console-big.png" });
      const n = await page.locator("[data-agenda]").getAttribute("data-agenda-slots")
        .catch(() => null);
      throw new Error(`panel not interactive (data-agenda-slots=${n}): ${err}`);
    });
    const tti = await page.evaluate(() =>
      new Promise<number>((r) => requestAnimationFrame(() => r(performance.now())))
    );
    const wall = performance.now() - t0;
    const rendered = await page.locator("[data-slot]").count();
    const total = await page.locator("[data-total-fila]").textContent();
    const apply = (kind: "slot" | "visivel" | "cartao") =>
      page.evaluate(([kind, n]) => {
        // deno-lint-ignore no-explicit-any
        const p = (globalThis as any).__painel;
        const times: number[] = [];
        // A slot anywhere in the day, or one of the rows in view (its DOM is updated too).
        const ids = kind === "visivel"
          ? [...document.querySelectorAll("[data-slot]")].map((e) => e.getAttribute("data-slot"))
          : Object.keys(p.agenda.state.slots);
        for (let i = 0; i < n; i++) {
          if (kind !== "cartao") {
            const id = Number(ids[(i * 37) % ids.length]);
            const row = { ...p.agenda.state.slots[id] };
            row.vagas_ocupadas = (row.vagas_ocupadas + 1) % (row.limitevagas + 1);
            row.livres = row.limitevagas - row.vagas_ocupadas;
            const t = performance.now();
            p.agenda.aplicar([[id, row]]);
            times.push(performance.now() - t);
          } else {
            const id = p.fila.state.ids[0];
            const row = { ...p.fila.state.items[id], status: "Aguardando Confirmação" };
            const t = performance.now();
            p.fila.aplicar([[id, row]]);
            times.push(performance.now() - t);
          }
        }
        return times;
      }, [kind, 100] as const);
    const slotTimes = await apply("slot");
    const inViewTimes = await apply("visivel");
    const cardTimes = await apply("cartao");
    console.log(
      `console: panel with ${SLOTS} slots and ${ITEMS} queue items (${total?.trim()}): ` +
        `time to interactive ${ms(tti)} ms after navigation start (${ms(wall)} ms wall; ` +
        `${rendered} slot rows in the DOM)`,
    );
    console.log(
      `console: apply one live slot row p50=${ms(pct(slotTimes, 50))} ms ` +
        `p99=${ms(pct(slotTimes, 99))} ms; a slot row in view p50=${ms(pct(inViewTimes, 50))} ` +
        `ms p99=${ms(pct(inViewTimes, 99))} ms; one queue row (card leaves) ` +
        `p50=${ms(pct(cardTimes, 50))} ms p99=${ms(pct(cardTimes, 99))} ms (target < 16 ms)`,
    );
    await page.context().close();
  } finally {
    await a.stop();
    await pg.drop();
  }
}

export async function run() {
  await ensureDist();
  const browser = await launch();
  try {
    const part = Deno.env.get("BENCH_CONSOLE_PART");
    if (part !== "big") await dropToVisible(browser);
    if (part !== "drop") await bigDay(browser);
  } finally {
    await browser.close();
  }
}
