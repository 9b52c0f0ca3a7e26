/**
 * Zod building blocks shared by every module's schemas (and by the clients).
 * Messages are Brazilian Portuguese.
 */
import { isValidCPF } from "@brazilian-utils/brazilian-utils";
import { STATUSES } from "./statuses.ts";
import { z } from "zod";
import { isCommonPassword, SENHA_COMUM } from "../auth/common_passwords.ts";

z.config(z.locales.pt());

const INT4_MAX = 2_147_483_647;

/**
 * Row id, in a path, a query or a body. A string must be plain decimal digits ("12"); "1e3",
 * "0x1F", " 7", "true" or "" are refused, as are booleans, fractions, 0 and anything past int4.
 * A malformed one is a 400 before any query runs.
 */
export const Id = z.preprocess(
  (v) => (typeof v === "string" && /^\d{1,10}$/.test(v) ? Number(v) : v),
  z.number({ error: "Identificador inválido." }).int("Identificador inválido.")
    .positive("Identificador inválido.").max(INT4_MAX, "Identificador inválido."),
);
export const IdParam = z.object({ id: Id });

const digits = (s: string) => s.replace(/\D/g, "");

/** CPF with or without punctuation; stored as 11 digits, check digits verified. */
export const Cpf = z.string({ error: "CPF é obrigatório." }).trim()
  .transform(digits)
  .refine((v) => v.length === 11 && isValidCPF(v), "CPF inválido.");

/** Brazilian phone with DDD: 10 (landline) or 11 (mobile, starting with 9) digits. */
export const Telefone = z.string().trim().transform(digits).refine(
  (v) => /^[1-9][1-9](?:9\d{8}|[2-5]\d{7})$/.test(v),
  "Telefone inválido: use DDD + número (10 ou 11 dígitos).",
);

export const Email = z.string().trim().toLowerCase().email("E-mail inválido.").max(200);

/** Calendar day as YYYY-MM-DD, checked to exist. */
export const DateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Data inválida: use AAAA-MM-DD.")
  .refine((v) => {
    try {
      return Temporal.PlainDate.from(v, { overflow: "reject" }).toString() === v;
    } catch {
      return false;
    }
  }, { message: "Data inexistente.", abort: true });

/**
 * Birth date: a real day, not before 1900 and not in the future. "Today" is taken in the
 * easternmost Brazilian zone (Noronha), so a baby born today anywhere in Brazil is accepted.
 */
export const DataNascimento = DateOnly
  .refine((v) => v >= "1900-01-01", "Data de nascimento anterior a 1900.")
  .refine(
    (v) => v <= Temporal.Now.plainDateISO("America/Noronha").toString(),
    "Data de nascimento no futuro.",
  );

/** A person's full name: at least two words; runs of spaces collapse to one. */
export const NomeCompleto = z.string({ error: "Nome completo é obrigatório." }).trim()
  .transform((v) => v.replace(/\s+/g, " "))
  .pipe(
    z.string().min(3, "Informe o nome completo.").max(200, "Nome muito longo (máx. 200).")
      .refine((v) => v.split(" ").length >= 2, "Informe nome e sobrenome."),
  );

/** Wall-clock time HH:MM. */
export const TimeOfDay = z.string().regex(
  /^([01]\d|2[0-3]):[0-5]\d$/,
  "Horário inválido: use HH:MM.",
);

export const Uf = z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, "UF inválida.").refine(
  (v) => UFS.has(v),
  "UF inválida.",
);
/** The 27 federative units (forms list them in a select). */
export const UF_SIGLAS =
  "AC AL AP AM BA CE DF ES GO MA MT MS MG PA PB PR PE PI RJ RN RS RO RR SC SP SE TO".split(" ");
const UFS = new Set(UF_SIGLAS);

export const Cep = z.string().trim().transform(digits).refine(
  (v) => v.length === 8,
  "CEP inválido.",
);

export const Status = z.enum(STATUSES);

/**
 * An optional form field: "" (or blanks) means "no value" and becomes null; absent stays
 * undefined (on a PUT: "leave as is").
 */
export const blankAsNull = <S extends z.ZodType>(schema: S) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), schema.nullish());

/** Optional text that turns "" into null. */
export const OptionalText = (max = 500) =>
  z.string().trim().max(max).nullish().transform((v) => (v ? v : null));

/** Page parameters for list endpoints. */
/**
 * A whole number from a query string: plain digits only ("1e1", "0x10", "2.0" and " 3" are
 * refused, like ids), between `min` and `max`, with one Portuguese message.
 */
export const QueryInt = (message: string, min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" && /^\d{1,9}$/.test(v) ? Number(v) : v),
    z.number({ error: message }).int(message).min(min, message).max(max, message),
  );

export const Pagination = z.object({
  page: QueryInt("Página inválida.", 1, 100_000).default(1),
  limit: QueryInt("Limite inválido: de 1 a 200.", 1, 200).default(50),
});

/** Query-string boolean: "true"/"false"/"1"/"0". */
export const QueryBool = z.enum(["true", "false", "1", "0"]).transform((v) =>
  v === "true" || v === "1"
);

/** Strong password policy for admin users (spec: ≥10 chars, upper, lower, digit, symbol). */
export const SenhaForte = z.string().min(10, "A senha deve ter ao menos 10 caracteres.").max(128)
  .refine((v) => /[A-Z]/.test(v), "A senha deve ter uma letra maiúscula.")
  .refine((v) => /[a-z]/.test(v), "A senha deve ter uma letra minúscula.")
  .refine((v) => /\d/.test(v), "A senha deve ter um número.")
  .refine((v) => /[^A-Za-z0-9]/.test(v), "A senha deve ter um símbolo.")
  .refine((v) => !isCommonPassword(v), SENHA_COMUM);

export const Roles = [
  "visualizador",
  "operador",
  "gerenciador",
  "administrador",
  "administrador_master",
] as const;
export const Role = z.enum(Roles);
export type Role = z.infer<typeof Role>;

/** Error body every 4xx/5xx answers with. */
export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

// ---------------------------------------------------------------- response building blocks

/** A timestamptz on the wire: ISO 8601 in UTC (`2026-03-02T12:00:00.000Z`). */
export const Timestamp = z.iso.datetime({ offset: true });

/** `{ ok: true }`: the answer of actions that have nothing else to say (logout). */
export const Ok = z.object({ ok: z.literal(true) });

/** A page of a list: `?page=&limit=` → `{ items, total, page, limit }`. */
export const PageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    limit: z.number().int(),
  });
