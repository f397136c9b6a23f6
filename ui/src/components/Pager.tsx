import { useI18n } from "../i18n";

export const PAGE_SIZE = 50;

/** "1–50 sur 10 000" with previous / next; pages are 0-based. */
export function Pager({
  page,
  total,
  pageSize = PAGE_SIZE,
  onPage,
  busy,
}: {
  page: number;
  total: number;
  pageSize?: number;
  onPage: (page: number) => void;
  busy?: boolean;
}) {
  const { t, locale } = useI18n();
  if (total === 0) return null;
  const count = new Intl.NumberFormat(locale === "fr" ? "fr-FR" : "en-GB");
  const from = page * pageSize + 1;
  const to = Math.min(total, (page + 1) * pageSize);
  const last = Math.max(0, Math.ceil(total / pageSize) - 1);
  return (
    <nav className="pager" aria-label={t("pager.label")} data-testid="pager">
      <span className="pager-range" data-testid="pager-range">
        {t("pager.range", { from: count.format(from), to: count.format(to), total: count.format(total) })}
      </span>
      <button
        type="button"
        className="button button-small"
        onClick={() => onPage(page - 1)}
        disabled={page <= 0 || busy}
        data-testid="pager-prev"
      >
        {t("pager.previous")}
      </button>
      <button
        type="button"
        className="button button-small"
        onClick={() => onPage(page + 1)}
        disabled={page >= last || busy}
        data-testid="pager-next"
      >
        {t("pager.next")}
      </button>
    </nav>
  );
}

/** A column header that sorts the list when clicked (the list is sorted by the back end). */
export function SortHeader<S extends string>({
  label,
  column,
  sort,
  descending,
  onSort,
  numeric,
}: {
  label: string;
  column: S;
  sort: S;
  descending: boolean;
  onSort: (column: S, descending: boolean) => void;
  numeric?: boolean;
}) {
  const active = sort === column;
  return (
    <th
      scope="col"
      className={numeric ? "num" : undefined}
      aria-sort={active ? (descending ? "descending" : "ascending") : "none"}
    >
      <button
        type="button"
        className={`sort${active ? " sort-active" : ""}`}
        onClick={() => onSort(column, active ? !descending : numeric === true)}
        data-testid={`sort-${column}`}
      >
        {label}
        <span className="sort-arrow" aria-hidden="true">
          {active ? (descending ? "▼" : "▲") : "↕"}
        </span>
      </button>
    </th>
  );
}
