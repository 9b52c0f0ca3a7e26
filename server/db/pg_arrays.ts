/**
 * Array types for postgres.js without its `fetch_types` start-up query.
 *
 * postgres.js normally reads `pg_type` as the first statement of every new connection to learn
 * the array types. That query's promise is dropped (porsager/postgres#1192, #1205): when the
 * connection is terminated or the query cancelled at that moment, the error escapes as an
 * unhandled rejection (which ends a Deno process), and the old backend's error is replayed onto
 * the first real query after the reconnect (#1223). We turn `fetch_types` off and register the
 * built-in array types ourselves: their oids are fixed by Postgres, and the schema defines no
 * types of its own.
 */

/** Element oid → array oid, from `pg_type` (stable across Postgres versions). */
export const BUILTIN_ARRAYS: ReadonlyArray<readonly [number, number]> = [
  [16, 1000], // bool
  [17, 1001], // bytea
  [18, 1002], // char
  [19, 1003], // name
  [20, 1016], // int8
  [21, 1005], // int2
  [23, 1007], // int4
  [25, 1009], // text
  [26, 1028], // oid
  [114, 199], // json
  [700, 1021], // float4
  [701, 1022], // float8
  [869, 1041], // inet
  [1042, 1014], // bpchar
  [1043, 1015], // varchar
  [1082, 1182], // date
  [1083, 1183], // time
  [1114, 1115], // timestamp
  [1184, 1185], // timestamptz
  [1186, 1187], // interval
  [1700, 1231], // numeric
  [2950, 2951], // uuid
  [3802, 3807], // jsonb
];

type Parser = (text: string) => unknown;
type Serializer = (value: unknown) => string;

/** Parses an array literal (`{a,"b c",NULL,{1,2}}`, optionally `[1:2]={…}`). */
export function parseArrayLiteral(text: string, elem: Parser = (s) => s): unknown[] {
  let i = text.startsWith("[") ? text.indexOf("{") : 0;
  const level = (): unknown[] => {
    const out: unknown[] = [];
    i++; // '{'
    if (text[i] === "}") {
      i++;
      return out;
    }
    while (i < text.length) {
      if (text[i] === "{") out.push(level());
      else if (text[i] === '"') {
        let s = "";
        i++;
        while (i < text.length && text[i] !== '"') {
          if (text[i] === "\\") i++;
          s += text[i++];
        }
        i++;
        out.push(elem(s));
      } else {
        const start = i;
        while (i < text.length && text[i] !== "," && text[i] !== "}") i++;
        const raw = text.slice(start, i);
        out.push(raw === "NULL" ? null : elem(raw));
      }
      if (text[i] === ",") {
        i++;
        continue;
      }
      i++; // '}'
      break;
    }
    return out;
  };
  return level();
}

/** Serializes a JS array as an array literal; every element quoted and escaped. */
export function serializeArrayLiteral(value: unknown, elem?: Serializer): string {
  if (!Array.isArray(value)) return String(value);
  const item = (x: unknown): string => {
    if (x === null || x === undefined) return "NULL";
    if (Array.isArray(x)) return serializeArrayLiteral(x, elem);
    const s = elem ? elem(x) : String(x);
    return `"${s.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
  };
  return `{${value.map(item).join(",")}}`;
}

interface PgOptions {
  parsers: Record<number, Parser | undefined>;
  serializers: Record<number, Serializer | undefined>;
  shared: { typeArrayMap: Record<number, number> };
}

/** Installs parsers and serializers for the built-in array types on a postgres.js instance. */
export function installArrayTypes(options: unknown): void {
  const o = options as PgOptions;
  for (const [elem, arr] of BUILTIN_ARRAYS) {
    const parse = o.parsers[elem];
    const serialize = o.serializers[elem];
    o.parsers[arr] = (text) => parseArrayLiteral(text, parse);
    o.serializers[arr] = (xs) => serializeArrayLiteral(xs, serialize);
    o.shared.typeArrayMap[elem] = arr;
  }
}
