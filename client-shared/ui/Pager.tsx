/**
 * Pagination under a list: "1–50 de 312" and previous/next buttons. Two modes:
 * - numbered (`page`, `limit`, `total`: the API's `{ items, total, page, limit }`);
 * - keyset (`hasPrev`, `hasNext` only: cursor APIs such as `after`/`next`).
 *
 * @example
 * <Pager page={page()} limit={50} total={data().total} onPage={setPage} />
 * <Pager hasPrev={stack().length > 0} hasNext={!!data().next} onPrev={back} onNext={forward} />
 */
import { Show } from "solid-js";

export function Pager(props: {
  label?: string;
  page?: number;
  limit?: number;
  total?: number;
  onPage?: (page: number) => void;
  hasPrev?: boolean;
  hasNext?: boolean;
  onPrev?: () => void;
  onNext?: () => void;
}) {
  const numbered = () => props.total !== undefined && props.page !== undefined && !!props.limit;
  const pages = () => Math.max(1, Math.ceil((props.total ?? 0) / (props.limit ?? 1)));
  const prevOk = () => (numbered() ? props.page! > 1 : !!props.hasPrev);
  const nextOk = () => (numbered() ? props.page! < pages() : !!props.hasNext);
  const prev = () => (numbered() ? props.onPage?.(props.page! - 1) : props.onPrev?.());
  const next = () => (numbered() ? props.onPage?.(props.page! + 1) : props.onNext?.());
  const from = () => (props.page! - 1) * props.limit! + 1;
  const to = () => Math.min(props.total!, props.page! * props.limit!);
  return (
    <nav
      aria-label={props.label ?? "Paginação"}
      class="flex items-center justify-between gap-3 py-3 text-sm"
    >
      <span class="text-ink-muted" aria-live="polite">
        <Show when={numbered()}>
          {props.total === 0
            ? "Nenhum resultado"
            : `${from()}–${to()} de ${props.total} · página ${props.page} de ${pages()}`}
        </Show>
      </span>
      <div class="flex gap-2">
        <button type="button" class="btn btn-secondary btn-sm" disabled={!prevOk()} onClick={prev}>
          ‹ Anterior
        </button>
        <button type="button" class="btn btn-secondary btn-sm" disabled={!nextOk()} onClick={next}>
          Próxima ›
        </button>
      </div>
    </nav>
  );
}
