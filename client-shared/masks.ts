/**
 * Input masks of Brazilian documents and phones: what the user sees while typing, and the
 * digits the API takes.
 *
 * @example
 * maskCpf("12345678909"); // "123.456.789-09"
 * maskTelefone("11987654321"); // "(11) 98765-4321"
 * digits("(11) 98765-4321"); // "11987654321"
 */
export const digits = (s: string) => s.replace(/\D/g, "");

export function maskCpf(v: string): string {
  const d = digits(v).slice(0, 11);
  if (d.length <= 3) return d;
  if (d.length <= 6) return `${d.slice(0, 3)}.${d.slice(3)}`;
  if (d.length <= 9) return `${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6)}`;
  return `${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6, 9)}-${d.slice(9)}`;
}

/** CEP: "06401000" → "06401-000". */
export function maskCep(v: string): string {
  const d = digits(v).slice(0, 8);
  return d.length <= 5 ? d : `${d.slice(0, 5)}-${d.slice(5)}`;
}

/** Landlines (10 digits) and mobiles (11 digits). */
export function maskTelefone(v: string): string {
  const d = digits(v).slice(0, 11);
  if (d.length <= 2) return d.length ? `(${d}` : "";
  const ddd = `(${d.slice(0, 2)}) `;
  const rest = d.slice(2);
  if (rest.length <= 4) return ddd + rest;
  if (d.length <= 10) return `${ddd}${rest.slice(0, 4)}-${rest.slice(4)}`;
  return `${ddd}${rest.slice(0, 5)}-${rest.slice(5)}`;
}

/** Whether a text looks like a CPF being typed (digits and CPF punctuation only). */
export const looksLikeCpf = (s: string) => /^[\d.\-\s]+$/.test(s.trim()) && digits(s).length >= 3;

/** CPF check digits (the server checks again). */
export function validCpf(v: string): boolean {
  const d = digits(v);
  if (d.length !== 11 || /^(\d)\1{10}$/.test(d)) return false;
  const dv = (n: number) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += Number(d[i]) * (n + 1 - i);
    const r = (s * 10) % 11;
    return r === 10 ? 0 : r;
  };
  return dv(9) === Number(d[9]) && dv(10) === Number(d[10]);
}
