import { strict as assert } from "node:assert";
import { dbTest } from "../../testing/harness.ts";
import { slot, TZ, world } from "../../testing/fixtures/agendamentos.ts";

dbTest("[agendamentos] GET /api/agendamentos/:id/ics and /google-calendar", async (t, ctx) => {
  const w = await world(ctx.db);
  const op = await ctx.login("operador");
  const me = await ctx.paciente();
  const other = await ctx.paciente();
  // 09:00 in São Paulo 30 days ahead; São Paulo is UTC−3 all year (no DST since 2019), so
  // the calendar must say 12:00 UTC.
  const dia = Temporal.Now.plainDateISO(TZ).add({ days: 30 });
  const inicio = dia.toZonedDateTime({ timeZone: TZ, plainTime: "09:00" });
  const ymd = dia.toString().replaceAll("-", "");
  const s = await slot(ctx.db, w, { inicio: new Date(inicio.epochMilliseconds), duracao: 40 });
  const res = await ctx.req("POST", "/api/agendamentos", {
    token: op,
    body: { slotagendaid: s, pacienteid: me.pacienteid },
  });
  assert.equal(res.status, 201);
  const id = res.body.agendamentoid;
  const protocolo = res.body.protocolo;

  await t.step("the patient downloads an .ics with the exact instant and two alarms", async () => {
    const ics = await ctx.req("GET", `/api/agendamentos/${id}/ics`, { token: me.token });
    assert.equal(ics.status, 200);
    assert.match(ics.contentType!, /text\/calendar/);
    assert.match(ics.headers.get("content-disposition")!, /attachment; filename="consulta-AG-/);
    const text = ics.body as string;
    const unfolded = text.replace(/\r\n[ \t]/g, "");
    assert.ok(unfolded.includes(`DTSTART:${ymd}T120000Z`));
    // the slot's own duration (40 min), not a fixed 30
    assert.ok(unfolded.includes(`DTEND:${ymd}T124000Z`));
    assert.match(unfolded, /SUMMARY:Consulta: Cardiologia - Dra\. Ana Souza/);
    assert.ok(unfolded.includes(`Protocolo: ${protocolo}`));
    assert.match(unfolded, /LOCATION:UBS Centro - Rua das Flores\\, 100 - Centro - Barueri\/SP/);
    assert.match(unfolded, /TRIGGER:-PT1H/);
    assert.match(unfolded, /TRIGGER:-P1D/);
    assert.equal(unfolded.match(/BEGIN:VALARM/g)?.length, 2);
  });

  await t.step("the Google Calendar link carries title, UTC dates, details and place", async () => {
    const g = await ctx.req("GET", `/api/agendamentos/${id}/google-calendar`, { token: me.token });
    assert.equal(g.status, 200);
    const url = new URL(g.body.url);
    assert.equal(url.origin + url.pathname, "https://calendar.google.com/calendar/render");
    assert.equal(url.searchParams.get("action"), "TEMPLATE");
    assert.equal(url.searchParams.get("dates"), `${ymd}T120000Z/${ymd}T124000Z`);
    assert.equal(url.searchParams.get("text"), "Consulta: Cardiologia - Dra. Ana Souza");
    assert.match(url.searchParams.get("details")!, new RegExp(`Protocolo: ${protocolo}`));
    assert.match(url.searchParams.get("location")!, /Rua das Flores, 100/);
    assert.equal(url.searchParams.get("ctz"), TZ);
  });

  await t.step("another patient gets 404; staff may export", async () => {
    const r = await ctx.req("GET", `/api/agendamentos/${id}/ics`, { token: other.token });
    assert.equal(r.status, 404);
    const g = await ctx.req("GET", `/api/agendamentos/${id}/google-calendar`, {
      token: other.token,
    });
    assert.equal(g.status, 404);
    const staff = await ctx.req("GET", `/api/agendamentos/${id}/ics`, { token: op });
    assert.equal(staff.status, 200);
  });

  await t.step("a cancelled agendamento is not exportable (422)", async () => {
    await ctx.req("PUT", `/api/agendamentos/${id}/cancelar`, {
      token: me.token,
      body: { motivo: "Desisti" },
    });
    const r = await ctx.req("GET", `/api/agendamentos/${id}/ics`, { token: me.token });
    assert.equal(r.status, 422);
    assert.equal(r.body.error.code, "nao_exportavel");
  });
});
