/**
 * A driver-neutral SQL tagged template.
 *
 * `sql\`select * from ca_paciente where cpf = ${cpf}\`` builds a query that compiles to
 * `text` + `params` ($1, $2 ...). Queries nest as fragments, so optional filters compose:
 *
 * @example
 * const where = nome ? sql`and nomecompleto ilike ${"%" + nome + "%"}` : sql``;
 * const rows = await sql`select * from ca_medico where true ${where} order by nomecompleto`;
 *
 * The same object runs on postgres.js and on PGlite; see `db.ts`.
 */
export type Row = Record<string, unknown>;
export type Rows<T = Row> = T[] & { count: number };
export type Executor = (text: string, params: unknown[]) => Promise<Rows>;

/** An identifier (table or column name) quoted, never a parameter. Only for names we choose. */
export class Identifier {
  constructor(readonly name: string) {}
}

/** Raw SQL text inserted as-is. Only for constant text written in our code. */
export class Raw {
  constructor(readonly text: string) {}
}

/**
 * A constant of the code (a status of `server/shared/statuses.ts`) as an SQL string literal in the
 * text, not a parameter: the planner sees the value, so partial indexes on it still apply. One
 * value or a list (`status in (${lit(AGENDAMENTO_VIVOS)})`). Never user input.
 */
export function lit(value: string | readonly string[]): Raw {
  const quote = (v: string) => `'${v.replaceAll("'", "''")}'`;
  return new Raw(typeof value === "string" ? quote(value) : value.map(quote).join(", "));
}

export class Fragment {
  constructor(readonly strings: readonly string[], readonly values: readonly unknown[]) {}

  compile(): { text: string; params: unknown[] } {
    const params: unknown[] = [];
    const text = this.#append(params);
    return { text, params };
  }

  #append(params: unknown[]): string {
    let out = this.strings[0];
    for (let i = 0; i < this.values.length; i++) {
      out += render(this.values[i], params) + this.strings[i + 1];
    }
    return out;
  }

  /** @internal used by render for nested fragments */
  appendTo(params: unknown[]): string {
    return this.#append(params);
  }
}

function render(value: unknown, params: unknown[]): string {
  if (value instanceof Fragment) return value.appendTo(params);
  if (value instanceof Identifier) return `"${value.name.replaceAll('"', '""')}"`;
  if (value instanceof Raw) return value.text;
  params.push(value === undefined ? null : value);
  return `$${params.length}`;
}

/** A query: a fragment bound to an executor, run when awaited. */
export class Query<T = Row> extends Fragment implements PromiseLike<Rows<T>> {
  #exec: Executor;
  #promise?: Promise<Rows<T>>;

  constructor(strings: readonly string[], values: readonly unknown[], exec: Executor) {
    super(strings, values);
    this.#exec = exec;
  }

  #run(): Promise<Rows<T>> {
    if (!this.#promise) {
      const { text, params } = this.compile();
      this.#promise = this.#exec(text, params) as Promise<Rows<T>>;
    }
    return this.#promise;
  }

  then<A = Rows<T>, B = never>(
    ok?: ((v: Rows<T>) => A | PromiseLike<A>) | null,
    fail?: ((e: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#run().then(ok, fail);
  }

  catch<B = never>(fail?: ((e: unknown) => B | PromiseLike<B>) | null): Promise<Rows<T> | B> {
    return this.#run().catch(fail);
  }
}

export interface Sql {
  <T = Row>(strings: TemplateStringsArray, ...values: unknown[]): Query<T>;
  /** Quoted identifier for a name chosen in code (never user input). */
  ident(name: string): Identifier;
  /** Constant SQL text written in code (never user input). */
  raw(text: string): Raw;
  /** Joins fragments with a separator, e.g. `sql.join(conds, sql\` and \`)`. */
  join(parts: Fragment[], separator: Fragment): Fragment;
  /** An empty fragment. */
  readonly empty: Fragment;
}

export function makeSql(exec: Executor): Sql {
  const sql =
    (<T>(strings: TemplateStringsArray, ...values: unknown[]) =>
      new Query<T>(strings, values, exec)) as Sql;
  sql.ident = (name) => new Identifier(name);
  sql.raw = (text) => new Raw(text);
  sql.join = (parts, separator) => {
    if (parts.length === 0) return new Fragment([""], []);
    const strings = [""];
    const values: unknown[] = [];
    parts.forEach((p, i) => {
      if (i > 0) {
        values.push(separator);
        strings.push("");
      }
      values.push(p);
      strings.push("");
    });
    return new Fragment(strings, values);
  };
  Object.defineProperty(sql, "empty", { value: new Fragment([""], []) });
  return sql;
}
