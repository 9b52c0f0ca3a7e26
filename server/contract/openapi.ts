/**
 * The OpenAPI 3.1 document of the API, generated from the route contract (`routes.ts`) with
 * zod 4's own JSON Schema output: requests in zod's input form (what a client may send), answers
 * in its output form. Each operation names its minimum role in `x-access` (and in its
 * description), the same value the README index shows and the access test probes.
 */
import { z } from "zod";
import { accessLabel, type RouteDef, statusesOf } from "./define.ts";
import { ROUTES } from "./routes.ts";
import { ErrorBody } from "../shared/schemas.ts";

type Json = Record<string, unknown>;

function schemaOf(schema: z.ZodType, io: "input" | "output"): Json {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, {
    io,
    target: "draft-2020-12",
    unrepresentable: "any",
  }) as Json;
  return rest;
}

/** `/api/x/:id/y` → `/api/x/{id}/y` (and `:key{.+}` → `{key}`). */
export function openapiPath(path: string): string {
  return path.replace(/:([A-Za-z_][A-Za-z0-9_]*)(\{[^}]*\})?/g, "{$1}");
}

function parameters(def: RouteDef): Json[] {
  const out: Json[] = [];
  for (const [where, schema] of [["path", def.params], ["query", def.query]] as const) {
    if (!schema) continue;
    const json = schemaOf(schema, "input") as { properties?: Json; required?: string[] };
    for (const [name, s] of Object.entries(json.properties ?? {})) {
      out.push({
        name,
        in: where,
        required: where === "path" || (json.required ?? []).includes(name),
        schema: s,
      });
    }
  }
  // Path parameters the route declares without a schema still need their entry.
  for (const m of def.path.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)) {
    if (!out.some((p) => p.in === "path" && p.name === m[1])) {
      out.push({ name: m[1], in: "path", required: true, schema: { type: "string" } });
    }
  }
  return out;
}

function requestBody(def: RouteDef): Json | undefined {
  if (!def.body) return undefined;
  if (def.body === "multipart") {
    return {
      required: true,
      content: {
        "multipart/form-data": {
          schema: {
            type: "object",
            properties: { foto: { type: "string", format: "binary" } },
            required: ["foto"],
          },
        },
      },
    };
  }
  return {
    required: true,
    content: { "application/json": { schema: schemaOf(def.body, "input") } },
  };
}

function responses(def: RouteDef): Json {
  const out: Json = {};
  for (const status of statusesOf(def)) {
    const content = "mediaType" in def.response
      ? { [def.response.mediaType]: {} }
      : { "application/json": { schema: schemaOf(def.response as z.ZodType, "output") } };
    out[String(status)] = { description: def.summary, content };
  }
  out.default = {
    description: "Erro: 400 entrada inválida, 401, 403, 404, 409, 422, 423, 429",
    content: { "application/json": { schema: { $ref: "#/components/schemas/Erro" } } },
  };
  return out;
}

function security(def: RouteDef): Json[] | undefined {
  if (def.access === "público" || def.access === "websocket") return [];
  return [{ bearer: [] }];
}

let cached: Json | undefined;

/** The whole document (built once; the contract does not change while the server runs). */
export function openapiDocument(): Json {
  if (cached) return cached;
  const paths: Record<string, Json> = {};
  const tags: string[] = [];
  for (const def of ROUTES as readonly RouteDef[]) {
    if (!tags.includes(def.tag)) tags.push(def.tag);
    const op: Json = {
      operationId: `${def.method} ${def.path}`,
      summary: def.summary,
      description: `Quem: ${accessLabel(def.access)}`,
      tags: [def.tag],
      "x-access": accessLabel(def.access),
      parameters: parameters(def),
      responses: responses(def),
      security: security(def),
    };
    const body = requestBody(def);
    if (body) op.requestBody = body;
    (paths[openapiPath(def.path)] ??= {})[def.method.toLowerCase()] = op;
  }
  cached = {
    openapi: "3.1.0",
    info: {
      title: "Command Agenda API",
      version: "1",
      description: "Agenda das unidades de saúde e portal do paciente. Erros: " +
        "`{ error: { code, message, details? } }`. Perfis, do menor ao maior: visualizador, " +
        "operador, gerenciador, administrador, administrador_master.",
    },
    tags: tags.map((name) => ({ name })),
    paths,
    components: {
      schemas: { Erro: schemaOf(ErrorBody, "output") },
      securitySchemes: { bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" } },
    },
  };
  return cached;
}
