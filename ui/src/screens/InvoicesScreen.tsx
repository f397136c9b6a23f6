import { useState } from "react";
import { useI18n } from "../i18n";
import { invoicesList, type InvoicePageView } from "../platform";
import { useNav } from "../app/nav";
import { useDebounced } from "../components/hooks";
import { EmptyState, LoadError, Spinner, StatusBadge } from "../components/Bits";
import { CustomerPicker, type PickedCustomer } from "../components/CustomerPicker";
import { InvoiceCells } from "../components/InvoiceCells";
import { SortHeader } from "../components/Pager";
import { PagedTable, SearchInput, usePagedList } from "../components/PagedList";
import { RowLink } from "../components/RowLink";
import { ScreenHeader } from "../components/ScreenHeader";
import { ExportButton } from "../components/ExportButton";
import { filterLabel, INVOICE_FILTERS, type InvoiceFilter } from "../model/labels";

type Sort = "number" | "issue_date" | "due_date" | "customer" | "total" | "remaining";

/** The invoice list; a route may open it filtered on a customer and a status. */
export function InvoicesScreen({
  customer: initialCustomer,
  status: initialStatus,
}: {
  customer: PickedCustomer | null;
  status: InvoiceFilter;
}) {
  const { t } = useI18n();
  const nav = useNav();
  const [status, setStatus] = useState<InvoiceFilter>(initialStatus);
  const [customer, setCustomer] = useState<PickedCustomer | null>(initialCustomer);
  const [search, setSearch] = useState("");
  const [dueFrom, setDueFrom] = useState("");
  const [dueTo, setDueTo] = useState("");
  const filters = {
    search: useDebounced(search.trim(), 300),
    dueFrom: useDebounced(dueFrom.trim(), 300),
    dueTo: useDebounced(dueTo.trim(), 300),
  };
  const { state, reload, data, busy, page, setPage, sort, descending, onSort } = usePagedList<Sort, InvoicePageView>(
    "due_date",
    [status, customer?.id ?? null, filters.search, filters.dueFrom, filters.dueTo],
    (order) =>
      invoicesList({
        status,
        customer_id: customer?.id ?? null,
        due_from: filters.dueFrom,
        due_to: filters.dueTo,
        search: filters.search,
        ...order,
      }),
  );
  const filterError = state.kind === "failed" && state.error.code === "invalid" ? state.error : null;
  // The back end names one field for both bounds ("due_date"): mark them both.
  const dueDateInvalid = Boolean(filterError?.fields.due_date);
  const filtered = customer !== null || filters.search !== "" || filters.dueFrom !== "" || filters.dueTo !== "";

  return (
    <div className="stack" data-testid="invoices-screen">
      <ScreenHeader
        title={t("nav.invoices")}
        actions={
          <>
            <ExportButton kinds={["invoices", "payments"]} testid="invoices-export" />
            <button
              type="button"
              className="button button-primary"
              onClick={() => nav.go({ name: "invoice-new", customerId: null })}
              data-testid="invoice-new"
              aria-keyshortcuts="F"
            >
              {t("invoices.new")} <kbd className="key-hint">F</kbd>
            </button>
          </>
        }
      />
      <div className="toolbar toolbar-wrap">
        <label className="toolbar-field">
          <span className="toolbar-label">{t("invoices.filter.label")}</span>
          <select
            className="input select"
            value={status}
            onChange={(e) => setStatus(e.target.value as InvoiceFilter)}
            data-testid="invoice-status-filter"
          >
            {INVOICE_FILTERS.map((f) => (
              <option key={f} value={f}>
                {t(filterLabel(f))}
              </option>
            ))}
          </select>
        </label>
        <CustomerPicker
          label={t("invoices.customer")}
          value={customer}
          onChange={setCustomer}
          testid="invoice-customer-filter"
          field="customer_id"
          clearLabel={t("invoices.customer_all")}
        />
        <DueDateFilter
          label={t("invoices.due_from")}
          value={dueFrom}
          onChange={setDueFrom}
          invalid={dueDateInvalid}
          testid="invoice-due-from"
        />
        <DueDateFilter
          label={t("invoices.due_to")}
          value={dueTo}
          onChange={setDueTo}
          invalid={dueDateInvalid}
          testid="invoice-due-to"
        />
        <label className="toolbar-field toolbar-grow">
          <span className="toolbar-label">{t("invoices.search")}</span>
          <SearchInput
            value={search}
            onChange={setSearch}
            placeholder={t("invoices.search_placeholder")}
            testid="invoice-search"
          />
        </label>
        {busy && data && <Spinner />}
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
            <button
              type="button"
              className="button"
              onClick={() => nav.go({ name: "settings", then: null, section: "import-title" })}
              data-testid="invoices-empty-import"
            >
              {t("import.empty_link")}
            </button>
          </EmptyState>
        )
      ) : (
        <PagedTable testid="invoice-table" page={page} total={data.total_rows} onPage={setPage} busy={busy}>
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
                  <RowLink to={{ name: "invoice", id: inv.id }}>{inv.number}</RowLink>
                </td>
                <td>{inv.customer_name}</td>
                <InvoiceCells invoice={inv} last={<StatusBadge status={inv.status} daysLate={inv.days_late} />} />
              </tr>
            ))}
          </tbody>
        </PagedTable>
      )}
    </div>
  );
}

/** A bound of the due-date filter, typed as a date ("jj/mm/aaaa"). */
function DueDateFilter({
  label,
  value,
  onChange,
  invalid,
  testid,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  invalid: boolean;
  testid: string;
}) {
  const { t } = useI18n();
  return (
    <label className="toolbar-field">
      <span className="toolbar-label">{label}</span>
      <input
        className={`input input-date${invalid ? " input-invalid" : ""}`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={t("date.placeholder")}
        data-testid={testid}
        autoComplete="off"
      />
    </label>
  );
}
