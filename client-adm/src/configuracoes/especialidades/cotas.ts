/** The cotas editor's draft (vagas per tipo de slot, as typed) and what the API receives. */
export type CotasDraft = Record<number, string>;

export const sumCotas = (d: CotasDraft) =>
  Object.values(d).reduce((s, v) => s + (Number(v) || 0), 0);

/** The draft as the API's list: tipos with vagas only (an empty list removes the cotas). */
export const cotasList = (d: CotasDraft) =>
  Object.entries(d).map(([id, v]) => ({ tiposlotid: Number(id), vagas: Number(v) || 0 }))
    .filter((c) => c.vagas > 0);
