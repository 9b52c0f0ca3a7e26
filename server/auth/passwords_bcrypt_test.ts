import { strict as assert } from "node:assert";
import * as native from "@node-rs/bcrypt";
import bcryptjs from "bcryptjs";
import { bcryptImpl, hashPassword, verifyPassword } from "./passwords.ts";

Deno.test("[auth] bcrypt: the pure-JS fallback and the native addon share hashes", async (t) => {
  const senha = "Senha@Teste123 ção";
  await t.step("a native hash verifies with bcryptjs", async () => {
    const h = await native.hash(senha, 4);
    assert.equal(await bcryptjs.compare(senha, h), true);
    assert.equal(await bcryptjs.compare("outra", h), false);
  });
  await t.step("a bcryptjs hash verifies with the native addon", async () => {
    const h = await bcryptjs.hash(senha, 4);
    assert.match(h, /^\$2b\$04\$/);
    assert.equal(await native.verify(senha, h), true);
    assert.equal(await native.verify("outra", h), false);
  });
  await t.step("the app's functions round-trip with whichever loaded", async () => {
    assert.ok(["native", "bcryptjs"].includes(bcryptImpl.name));
    const h = await hashPassword(senha, 4);
    assert.equal(await verifyPassword(senha, h), true);
    assert.equal(await verifyPassword("outra", h), false);
    assert.equal(await verifyPassword(senha, null), false);
  });
});
