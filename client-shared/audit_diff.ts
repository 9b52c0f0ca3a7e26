/**
 * A readable diff of an audit event's `before` and `after`: one line per field (top-level keys of
 * the two objects, in the order they appear), each with both values as short text and whether
 * it changed. Values that are not objects compare as a single "valor" line.
 *
 * @example
 * diffLinhas({ status: "Ativo", nome: "A" }, { status: "Inativo", nome: "A" })
 * // [{ campo: "status", antes: "Ativo", depois: "Inativo", mudou: true },
 * //  { campo: "nome", antes: "A", depois: "A", mudou: false }]
 */
export interface LinhaDiff {
  campo: string;
  antes: string;
  depois: string;
  mudou: boolean;
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Short text of any JSON value ("—" for absent). */
export function texto(v: unknown): string {
  if (v === undefined || v === null) return "—";
  if (typeof v === "string") return v === "" ? '""' : v;
  if (typeof v === "boolean") return v ? "sim" : "não";
  return JSON.stringify(v);
}

export function diffLinhas(before: unknown, after: unknown): LinhaDiff[] {
  if (!isObj(before) && !isObj(after)) {
    if (before == null && after == null) return [];
    const a = texto(before), d = texto(after);
    return [{ campo: "valor", antes: a, depois: d, mudou: a !== d }];
  }
  const b = isObj(before) ? before : {};
  const d = isObj(after) ? after : {};
  const campos = [...new Set([...Object.keys(b), ...Object.keys(d)])];
  return campos.map((campo) => {
    const antes = campo in b ? texto(b[campo]) : "—";
    const depois = campo in d ? texto(d[campo]) : "—";
    return { campo, antes, depois, mudou: antes !== depois };
  });
}
