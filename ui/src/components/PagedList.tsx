import { useState, type ReactNode } from "react";
import { current, useLoad, usePage } from "./hooks";
import { Pager, PAGE_SIZE } from "./Pager";

/** The part of a list query that the list itself sets (the rest are the screen's filters). */
export interface PageOrder<S extends string> {
  sort: S;
  descending: boolean;
  page: number;
  page_size: number;
}

/**
 * A list the back end sorts and pages: the order chosen with the column
 * headers, the page (back to the first one when the filters or the order
 * change), and the page loaded for them. `filters` are the screen's own
 * filter values: the list loads again when one of them changes.
 */
export function usePagedList<S extends string, P>(
  initialSort: S,
  filters: readonly unknown[],
  load: (order: PageOrder<S>) => Promise<P>,
) {
  const [sort, setSort] = useState<S>(initialSort);
  const [descending, setDescending] = useState(false);
  const [page, setPage] = usePage([...filters, sort, descending]);
  const { state, reload } = useLoad(
    () => load({ sort, descending, page, page_size: PAGE_SIZE }),
    [...filters, sort, descending, page],
  );
  const onSort = (column: S, desc: boolean) => {
    setSort(column);
    setDescending(desc);
  };
  // While the next page loads, `data` is still the previous one and `busy` is true.
  const busy = state.kind === "loading";
  return { state, reload, data: current(state), busy, page, setPage, sort, descending, onSort };
}

/** A page of such a list as a table, with the pager under it. */
export function PagedTable({
  testid,
  page,
  total,
  onPage,
  busy,
  children,
}: {
  testid: string;
  page: number;
  total: number;
  onPage: (page: number) => void;
  busy: boolean;
  children: ReactNode;
}) {
  return (
    <>
      <div className="table-wrap">
        <table className="table" data-testid={testid}>
          {children}
        </table>
      </div>
      <Pager page={page} total={total} onPage={onPage} busy={busy} />
    </>
  );
}

/** The search box of a list's toolbar; its label is the caller's. */
export function SearchInput({
  value,
  onChange,
  placeholder,
  testid,
}: {
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
  testid: string;
}) {
  return (
    <input
      className="input"
      type="search"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      placeholder={placeholder}
      data-testid={testid}
      autoComplete="off"
      spellCheck={false}
    />
  );
}
