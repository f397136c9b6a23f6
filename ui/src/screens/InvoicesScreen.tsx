import { useState } from "react";
import { useI18n, type MessageKey } from "../i18n";
import { invoicesList } from "../platform";
import { formatDate } from "../format";
import { useNav } from "../app/nav";
import { current, useDebounced, useLoad, usePage } from "../components/hooks";
import { EmptyState, LoadError, Money, Spinner, StatusBadge } from "../components/Bits";
import { Pager, PAGE_SIZE, SortHeader } from "../components/Pager";
import { ScreenHeader } from "../components/ScreenHeader";

type Sort = "number" | "issue_date" | "due_date" | "customer" | "total" | "remaining";

const FILTERS: ReadonlyArray<{ value: string; label: MessageKey }> = [
  { value: "unpaid", label: "invoices.filter.unpaid" },
  { value: "overdue", label: "invoices.filter.overdue" },
  { value: "open", label: "invoices.filter.open" },
  { value: "partially_paid", label: "invoices.filter.partially_paid" },
  { value: "paid", label: "invoices.filter.paid" },
  { value: "cancelled", label: "invoices.filter.cancelled" },
  { value: "all", label: "invoices.filter.all" },
];

export function InvoicesScreen() {
  const { t } = useI18n();
  const nav = useNav();
  const [status, setStatus] = useState("unpaid");
  const [search, setSearch] = useState("");
  const [dueFrom, setDueFrom] = useState("");
  const [dueTo, setDueTo] = useState("");
  const [sort, setSort] = useState<Sort>("due_date");
  const [descending, setDescending] = useState(false);
  const filters = {
    search: useDebounced(search.trim(), 300),
    dueFrom: useDebounced(dueFrom.trim(), 300),
    dueTo: useDebounced(dueTo.trim(), 300),
  };
  const [page, setPage] = usePage([filters, status, sort, descending]);

  const { state, reload } = useLoad(
    () =>
      invoicesList({
        status,
        customer_id: null,
        due_from: filters.dueFrom,
        due_to: filters.dueTo,
        search: filters.search,
        sort,
        descending,
        page,
        page_size: PAGE_SIZE,
      }),
    [status, filters.search, filters.dueFrom, filters.dueTo, sort, descending, page],
  );
  const data = current(state);
  const onSort = (column: Sort, desc: boolean) => {
    setSort(column);
    setDescending(desc);
  };
  const filterError = state.kind === "failed" && state.error.code === "invalid" ? state.error : null;
  const filtered = filters.search !== "" || filters.dueFrom !== "" || filters.dueTo !== "";

  return (
    <div className="stack" data-testid="invoices-screen">
      <ScreenHeader
        title={t("nav.invoices")}
        actions={
          <button
            type="button"
            className="button button-primary"
            onClick={() => nav.go({ name: "invoice-new", customerId: null })}
            data-testid="invoice-new"
            aria-keyshortcuts="F"
          >
            {t("invoices.new")} <kbd className="key-hint">F</kbd>
          </button>
        }
      />
      <div className="toolbar toolbar-wrap">
        <label className="toolbar-field">
          <span className="toolbar-label">{t("invoices.filter.label")}</span>
          <select
            className="input select"
            value={status}
            onChange={(e) => setStatus(e.target.value)}
            data-testid="invoice-status-filter"
          >
            {FILTERS.map((f) => (
              <option key={f.value} value={f.value}>
                {t(f.label)}
              </option>
            ))}
          </select>
        </label>
        <label className="toolbar-field">
          <span className="toolbar-label">{t("invoices.due_from")}</span>
          <input
            className={`input input-date${filterError?.fields.due_date ? " input-invalid" : ""}`}
            value={dueFrom}
            onChange={(e) => setDueFrom(e.target.value)}
            placeholder={t("date.placeholder")}
            data-testid="invoice-due-from"
            autoComplete="off"
          />
        </label>
        <label className="toolbar-field">
          <span className="toolbar-label">{t("invoices.due_to")}</span>
          <input
            className={`input input-date${filterError?.fields.due_date ? " input-invalid" : ""}`}
            value={dueTo}
            onChange={(e) => setDueTo(e.target.value)}
            placeholder={t("date.placeholder")}
            data-testid="invoice-due-to"
            autoComplete="off"
          />
        </label>
        <label className="toolbar-field toolbar-grow">
          <span className="toolbar-label">{t("invoices.search")}</span>
          <input
            className="input"
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder={t("invoices.search_placeholder")}
            data-testid="invoice-search"
            autoComplete="off"
            spellCheck={false}
          />
        </label>
        {state.kind === "loading" && data && <Spinner />}
      </div>

      {filterError ? (
        <p className="field-error" role="alert" data-testid="error-due_date">
          {filterError.fields.due_date ?? filterError.message}
        </p>
      ) : state.kind === "failed" ? (
        <LoadError message={state.error.message} onRetry={reload} />
      ) : !data ? (
        <Spinner />
      ) : data.total_rows === 0 ? (
        filtered || status !== "unpaid" ? (
          <EmptyState testid="invoices-empty" title={t("invoices.none_found.title")} body={t("invoices.none_found.body")} />
        ) : (
          <EmptyState testid="invoices-empty" title={t("invoices.empty.title")} body={t("invoices.empty.body")}>
            <button
              type="button"
              className="button button-primary"
              onClick={() => nav.go({ name: "invoice-new", customerId: null })}
            >
              {t("invoices.new")}
            </button>
          </EmptyState>
        )
      ) : (
        <>
          <div className="table-wrap">
            <table className="table" data-testid="invoice-table">
              <thead>
                <tr>
                  <SortHeader label={t("invoice.number")} column="number" sort={sort} descending={descending} onSort={onSort} />
                  <SortHeader label={t("invoice.customer")} column="customer" sort={sort} descending={descending} onSort={onSort} />
                  <SortHeader
                    label={t("invoice.issue_date")}
                    column="issue_date"
                    sort={sort}
                    descending={descending}
                    onSort={onSort}
                  />
                  <SortHeader label={t("invoice.due_date")} column="due_date" sort={sort} descending={descending} onSort={onSort} />
                  <SortHeader label={t("invoice.total")} column="total" sort={sort} descending={descending} onSort={onSort} numeric />
                  <SortHeader
                    label={t("invoice.remaining")}
                    column="remaining"
                    sort={sort}
                    descending={descending}
                    onSort={onSort}
                    numeric
                  />
                  <th scope="col">{t("invoice.status")}</th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((inv) => (
                  <tr
                    key={inv.id}
                    className="row-link"
                    data-testid="invoice-row"
                    data-number={inv.number}
                    data-id={inv.id}
                    onClick={() => nav.go({ name: "invoice", id: inv.id })}
                  >
                    <td>
                      <button
                        type="button"
                        className="link"
                        onClick={(e) => {
                          e.stopPropagation();
                          nav.go({ name: "invoice", id: inv.id });
                        }}
                      >
                        {inv.number}
                      </button>
                    </td>
                    <td>{inv.customer_name}</td>
                    <td>{formatDate(inv.issue_date)}</td>
                    <td>{formatDate(inv.due_date)}</td>
                    <td className="num">
                      <Money value={inv.total} />
                    </td>
                    <td className="num">
                      <Money value={inv.remaining} />
                    </td>
                    <td>
                      <StatusBadge status={inv.status} daysLate={inv.days_late} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={page} total={data.total_rows} onPage={setPage} busy={state.kind === "loading"} />
        </>
      )}
    </div>
  );
}
