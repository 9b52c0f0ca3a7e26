import { strict as assert } from "node:assert";
import { diffLinhas, texto } from "./audit_diff.ts";

Deno.test("[auditoria] diffLinhas: one line per field, changed ones marked", () => {
  assert.deepEqual(diffLinhas({ status: "Ativo", nome: "A" }, { status: "Inativo", nome: "A" }), [
    { campo: "status", antes: "Ativo", depois: "Inativo", mudou: true },
    { campo: "nome", antes: "A", depois: "A", mudou: false },
  ]);
  // Created (no before) and removed fields.
  assert.deepEqual(diffLinhas(null, { id: 3, ok: true }), [
    { campo: "id", antes: "—", depois: "3", mudou: true },
    { campo: "ok", antes: "—", depois: "sim", mudou: true },
  ]);
  assert.deepEqual(diffLinhas({ x: [1, 2] }, {}), [
    { campo: "x", antes: "[1,2]", depois: "—", mudou: true },
  ]);
  assert.deepEqual(diffLinhas("a", "b"), [{
    campo: "valor",
    antes: "a",
    depois: "b",
    mudou: true,
  }]);
  assert.deepEqual(diffLinhas(null, null), []);
  assert.equal(texto({ a: 1 }), '{"a":1}');
});
