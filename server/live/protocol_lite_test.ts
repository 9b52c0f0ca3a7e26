// readServerMsg (the browser's zod-free frame check) accepts exactly what the ServerMsg schema does.
import { deepStrictEqual as assertEquals } from "node:assert";
import { readServerMsg, ServerMsg } from "./protocol.ts";
import { KIND } from "../events/kinds.ts";

const VALID: unknown[] = [
  {
    type: "event",
    id: 7,
    kind: KIND.backlog.alocado,
    entity: "backlog",
    entity_id: "12",
    topics: ["paciente:3"],
    at: "2026-11-30T06:00:00Z",
  },
  {
    type: "event",
    id: 8,
    kind: KIND.agendamento.criado,
    entity: "agendamento",
    entity_id: "1",
    topics: [],
    at: "x",
    after: { a: 1 },
  },
  { type: "ready", actor: { kind: "paciente", nome: "Ana" }, head: 0 },
  { type: "ready", re: 1, actor: { kind: "admin", nome: "Op" }, head: 41 },
  { type: "subscribed", re: 2, topics: ["paciente:3"], head: 41 },
  { type: "reload", reason: "atrasado" },
  { type: "ping", t: 123 },
  { type: "pong" },
  { type: "pong", re: 0 },
  { type: "renewed", re: 3, held: ["backlog:1"], lost: [{ resource: "b:2", holder_nome: null }] },
  { type: "renewed", held: [], lost: [{ resource: "b:2", holder_nome: "Op" }] },
  { type: "error", code: "topico", message: "Tópico inválido." },
  { type: "error", re: 4, code: "x", message: "y" },
];

const INVALID: unknown[] = [
  null,
  42,
  "event",
  [],
  {},
  { type: "nada" },
  { type: "toString" },
  { type: "event", id: "7", kind: "backlog.x", entity: "b", entity_id: "1", topics: [], at: "" },
  { ...(VALID[0] as object), kind: "inventado.criado" },
  { ...(VALID[0] as object), topics: [1] },
  { ...(VALID[0] as object), entity_id: 12 },
  { ...(VALID[0] as object), at: undefined },
  { type: "ready", actor: { kind: "medico", nome: "A" }, head: 0 },
  { type: "ready", actor: null, head: 0 },
  { type: "ready", actor: { kind: "admin" }, head: 0 },
  { type: "ready", re: -1, actor: { kind: "admin", nome: "A" }, head: 0 },
  { type: "subscribed", re: 1.5, topics: [], head: 1 },
  { type: "subscribed", topics: "paciente:3", head: 1 },
  { type: "reload" },
  { type: "ping" },
  { type: "pong", re: "1" },
  { type: "renewed", held: [], lost: [{ resource: "b:2" }] },
  { type: "renewed", held: [1], lost: [] },
  { type: "error", code: "x" },
];

Deno.test("readServerMsg agrees with the ServerMsg schema on valid and broken frames", () => {
  for (const f of VALID) {
    assertEquals(ServerMsg.safeParse(f).success, true, `zod refuses ${JSON.stringify(f)}`);
    assertEquals(readServerMsg(f) !== null, true, `lite refuses ${JSON.stringify(f)}`);
  }
  for (const f of INVALID) {
    assertEquals(ServerMsg.safeParse(f).success, false, `zod accepts ${JSON.stringify(f)}`);
    assertEquals(readServerMsg(f), null, `lite accepts ${JSON.stringify(f)}`);
  }
});
