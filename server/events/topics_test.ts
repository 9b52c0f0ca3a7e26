/**
 * One topic vocabulary for writers and the live parser: every builder's topic parses back as
 * what it names, a string outside the vocabulary does not compile, and no writer spells a topic
 * with a string template instead of the builders.
 */
import { strict as assert } from "node:assert";
import {
  agendaTopics,
  type EventTopic,
  parseTopic,
  TOPIC,
  topic,
  TOPIC_ENTITIES,
} from "./topics.ts";
import type { EventInput } from "./record.ts";

Deno.test("[events] the topic builders produce what the live parser accepts", () => {
  for (const entity of TOPIC_ENTITIES) {
    assert.deepEqual(parseTopic(topic[entity](42)), {
      kind: "id",
      key: `${entity}:42`,
      entity,
      id: 42,
    });
  }
  assert.deepEqual(parseTopic(topic.data("2026-11-30")), { kind: "day", key: "data:2026-11-30" });
  for (const word of Object.values(TOPIC)) {
    assert.deepEqual(parseTopic(word), { kind: "word", key: word });
  }
  assert.deepEqual(
    agendaTopics({ unidadeid: 1, especialidadeid: 2, medicoid: 3 }, "2026-11-30"),
    ["unidade:1", "especialidade:2", "medico:3", "data:2026-11-30"],
  );
});

Deno.test("[events] a topic outside the vocabulary does not compile", () => {
  // Checked by the type-check that runs before the tests: each line must be an error.
  // @ts-expect-error: not an entity of TOPIC_ENTITIES
  const a: EventTopic = "sala:1";
  // @ts-expect-error: an id topic takes a number
  const b: EventTopic = "unidade:abc";
  // @ts-expect-error: not a word of TOPIC
  const c: EventInput = { kind: "unidade.criada", entity: "unidade", entityId: 1, topics: ["x"] };
  assert.ok(a && b && c);
});

/** Files that write `<word>:${…}` for something that is not a topic. */
const NOT_TOPICS = new Set([
  // The request log's actor key (`admin:7`, `paciente:3`).
  "server/http/request_log.ts",
]);

Deno.test("[events] writers build topics only with the builders of topics.ts", async () => {
  const root = new URL("../../", import.meta.url);
  const templated = new RegExp(`\`(${[...TOPIC_ENTITIES, "data"].join("|")}):\\$\\{`);
  const offenders: string[] = [];
  const walk = async (dir: string) => {
    for await (const e of Deno.readDir(new URL(dir, root))) {
      const path = `${dir}/${e.name}`;
      if (e.isDirectory && !["testing", "vendor"].includes(e.name)) await walk(path);
      else if (
        e.isFile && /\.tsx?$/.test(e.name) && !e.name.endsWith("_test.ts") &&
        path !== "server/events/topics.ts" && !NOT_TOPICS.has(path)
      ) {
        const text = await Deno.readTextFile(new URL(path, root));
        text.split("\n").forEach((line, i) => {
          if (templated.test(line)) offenders.push(`${path}:${i + 1}: ${line.trim()}`);
        });
      }
    }
  };
  await walk("server");
  assert.deepEqual(offenders, [], "use topic.<entity>(id) / topic.data(day) instead");
});
