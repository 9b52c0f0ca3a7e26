import { strict as assert } from "node:assert";
import { DataNascimento, Id, IdParam } from "./schemas.ts";

Deno.test("[shared] Id: plain positive int4 only", async (t) => {
  await t.step("accepts digit strings and integer numbers", () => {
    assert.equal(Id.parse("1"), 1);
    assert.equal(Id.parse("0042"), 42);
    assert.equal(Id.parse("2147483647"), 2_147_483_647);
    assert.equal(Id.parse(7), 7);
    assert.deepEqual(IdParam.parse({ id: "15" }), { id: 15 });
  });

  await t.step("refuses what z.coerce let through", () => {
    for (
      const bad of [
        "1e3",
        "true",
        "false",
        "",
        " 7",
        "7 ",
        "+7",
        "-1",
        "0",
        "0x1F",
        "1.0",
        "1_000",
        "Infinity",
        "NaN",
        "2147483648",
        "99999999999999999999",
        true,
        false,
        null,
        0,
        -3,
        1.5,
        2_147_483_648,
        Number.NaN,
        [],
        {},
      ]
    ) {
      const r = Id.safeParse(bad);
      assert.equal(r.success, false, `${JSON.stringify(bad)} should be refused`);
      assert.equal(r.error!.issues[0].message, "Identificador inválido.");
    }
  });

  await t.step("optional ids stay optional", () => {
    assert.equal(Id.optional().parse(undefined), undefined);
    assert.equal(Id.nullish().parse(null), null);
  });
});

Deno.test("[shared] DataNascimento: a real past day since 1900", async (t) => {
  const today = Temporal.Now.plainDateISO("America/Noronha");

  await t.step("accepts today, 1900-01-01 and ordinary dates", () => {
    for (const ok of [today.toString(), "1900-01-01", "1985-07-23", "2000-02-29"]) {
      assert.equal(DataNascimento.parse(ok), ok);
    }
  });

  await t.step("refuses the future, before 1900 and impossible days with clear messages", () => {
    const cases: [string, RegExp][] = [
      [today.add({ days: 1 }).toString(), /no futuro/],
      ["2999-01-01", /no futuro/],
      ["1899-12-31", /anterior a 1900/],
      ["0001-01-01", /anterior a 1900/],
      ["2023-02-29", /inexistente/],
      ["1990-13-01", /inexistente/],
      ["01/02/1990", /AAAA-MM-DD/],
    ];
    for (const [value, msg] of cases) {
      const r = DataNascimento.safeParse(value);
      assert.equal(r.success, false, value);
      assert.match(r.error!.issues[0].message, msg, value);
    }
  });
});
