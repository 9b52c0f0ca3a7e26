/** Shared set-up for the médicos tests: reference rows, a valid body and real image bytes. */
import { nextCpf, type TestCtx } from "../../testing/harness.ts";

const b64 = (s: string) => Uint8Array.from(atob(s), (ch) => ch.charCodeAt(0));

/** A real 2×2 PNG. */
export const PNG = b64(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGM4IScHRAwQCgAfJgQRoo8irwAAAABJRU5ErkJggg==",
);
/** A real 16×16 baseline JPEG (JFIF). */
export const JPEG = b64(
  "/9j/4AAQSkZJRgABAQEAAQABAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/2wBDAQMDAwQDBAgEBAgQCwkLEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBD/wAARCAAQABADASIAAhEBAxEB/8QAFgABAQEAAAAAAAAAAAAAAAAABwQF/8QAJBAAAQQBBAICAwAAAAAAAAAAAQIDBAYFBwgSExEiABQJMTL/xAAVAQEBAAAAAAAAAAAAAAAAAAAABv/EACMRAAECBQMFAAAAAAAAAAAAAAECEQMEBQYhABIxFRZhgeH/2gAMAwEAAhEDEQA/ABSm0mobc8HmExLUlRzzEWPkJWW+ulrsaUVAseUgslSlH9LKuPryIKuWPZdskzXmm3fX5m2nF4GlVxx/HOpx4ks51+MiU/Iaad7UcUo4tILoS4kqcWkezS0hO/HvuRp0rO6hWnWO1UisZVuFi4GFeyEpmGepa5S5SWVPuciFKRFLgSrwetnyPIB+Vb4N9mKhQMzo5po9XLdDs9d6ZVix2VEhiL9kuNPxw2gEKcDQ/rs8AuA8VAe0vdl7VOYn+27flGAUgmITjbhSmCg3BYlyeWDkMolvw4KOp1KM6iCNvngZHwetf//Z",
);
/** A real 16×16 WebP (VP8X with alpha). */
export const WEBP = b64(
  "UklGRqgBAABXRUJQVlA4WAoAAAAQAAAADwAADwAAQUxQSMMAAAABJ6KokSTleucYX+ffKpmImP90cY3gJjDi4Yt3MsjBEVyDKzDosHgVjnhRNcEIDAJPkqBqsFUZHNa2bUYvTsZ2PLbtd/uvKa4hov9J0f2PkPe6REkkGzolkTTzFG0Ox9PlFiD0CxS+kOGDtxoynjaCfx0pfk52CPuInrOR75lzRugygtv4zEiy90UwfSD9NheMITJWLaXWayO8XeOlWRXVnIGk2W6WdYoYMQ+KqixQNPowgt+6a1BSKbUtz+lUFAoBAAAAVlA4IL4AAACQAgCdASoQABAAAwA0JbACdDBPCIUMfAMdCCz96AD+/XSg/QKbH4r3Q3ycN/bSDK/T/zVo4u6nvclvG/SqxWOuup+XhN9BojvaW+Tv+MvxvX/hr/o/5Qns9LtmX/+qKdl/yWznhuasl7nkxvSTI4xf3Y85VSB/lU/8Ofj/b9JrA+ifvIOYZm2x1RP/dhfmsf5diuSfR7+z+r/+HR3zEo/+XM/B+vkYw73Pzx+ROaAB/ZoBSzEs3rzZe6qsAAAA",
);

export interface Refs {
  cardio: number;
  pediatria: number;
  /** An especialidade with status Inativo. */
  inativa: number;
  unidade: number;
  unidadeInativa: number;
}

/** Inserts the especialidades and unidades the médicos point at (other modules' tables). */
export async function seedRefs(ctx: TestCtx): Promise<Refs> {
  const esp = async (nome: string, status = "Ativo") => {
    const [r] = await ctx.db.sql<{ id: number }>`
      insert into ca_especialidade (nome, status) values (${nome}, ${status})
      returning especialidadeid as id`;
    return r.id;
  };
  const uni = async (nome: string, status = "Ativo") => {
    const [r] = await ctx.db.sql<{ id: number }>`
      insert into ca_unidade (nome, status) values (${nome}, ${status}) returning unidadeid as id`;
    return r.id;
  };
  return {
    cardio: await esp("Cardiologia"),
    pediatria: await esp("Pediatria"),
    inativa: await esp("Homeopatia", "Inativo"),
    unidade: await uni("UBS Centro"),
    unidadeInativa: await uni("UBS Fechada", "Inativo"),
  };
}

let crmSeq = 100000 + Math.floor(Math.random() * 800000);

/** A valid POST body; every call gets a new CRM and CPF. */
export function medicoBody(refs: Refs, over: Record<string, unknown> = {}) {
  return {
    nomecompleto: "Ana Lúcia Conceição",
    crm: String(crmSeq++),
    crm_uf: "SP",
    cpf: nextCpf(),
    telefone: "(11) 98765-4321",
    email: "Ana@Clinica.com.br",
    unidadeid: refs.unidade,
    especialidades: [refs.cardio],
    ...over,
  };
}

export const BANCO = {
  banco: "Banco do Brasil",
  agencia: "1234-5",
  conta: "31415-9",
  tipo: "Corrente",
  pix: "ana@clinica.com.br",
};

/** Creates a médico through the API as gerenciador and answers its id. */
export async function createMedico(ctx: TestCtx, refs: Refs, over: Record<string, unknown> = {}) {
  const token = await ctx.login("gerenciador");
  const res = await ctx.req("POST", "/api/medicos", { token, body: medicoBody(refs, over) });
  if (res.status !== 201) throw new Error(`create failed: ${JSON.stringify(res.body)}`);
  return res.body.medicoid as number;
}

/** Snapshot of everything a médico write could touch, to prove a refused write changed nothing. */
export async function snapshot(ctx: TestCtx) {
  const medicos = await ctx.db.sql`select * from ca_medico order by medicoid`;
  const links = await ctx.db.sql`
    select * from ca_medico_especialidade order by medicoid, especialidadeid`;
  const arquivos = await ctx.db.sql`select chave from ca_arquivo order by chave`;
  const eventos = await ctx.events();
  return JSON.stringify({ medicos, links, arquivos, eventos });
}
