/**
 * Finds which route pattern (`/api/x/:id`, `/api/arquivos/:key{.+}`) a concrete request path
 * belongs to, the way the router chose it: among the patterns that match, the one with the most
 * literal segments wins (`/api/pacientes/search` before `/api/pacientes/:id`).
 */
interface Compiled<T> {
  method: string;
  regex: RegExp;
  literals: number;
  value: T;
}

function compile(path: string): { regex: RegExp; literals: number } {
  let literals = 0;
  const parts = path.split("/").map((seg) => {
    const param = /^:[A-Za-z_][A-Za-z0-9_]*(\{(.+)\})?$/.exec(seg);
    if (!param) {
      literals++;
      return seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }
    return param[2] ? `(?:${param[2]})` : "[^/]+";
  });
  return { regex: new RegExp(`^${parts.join("/")}/?$`), literals };
}

export function routeMatcher<T>(routes: { method: string; path: string; value: T }[]) {
  const compiled: Compiled<T>[] = routes.map((r) => ({
    method: r.method,
    ...compile(r.path),
    value: r.value,
  }));
  return (method: string, url: string): T | undefined => {
    const path = url.split("?")[0];
    let best: Compiled<T> | undefined;
    for (const c of compiled) {
      if (c.method !== method || !c.regex.test(path)) continue;
      if (!best || c.literals > best.literals) best = c;
    }
    return best?.value;
  };
}
