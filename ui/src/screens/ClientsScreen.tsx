import { useState } from "react";
import { useI18n } from "../i18n";
import { customersList, type CustomerPageView } from "../platform";
import { useNav } from "../app/nav";
import { useDebounced } from "../components/hooks";
import { EmptyState, LoadError, Money, Spinner } from "../components/Bits";
import { SortHeader } from "../components/Pager";
import { PagedTable, SearchInput, usePagedList } from "../components/PagedList";
import { RowLink } from "../components/RowLink";
import { ScreenHeader } from "../components/ScreenHeader";
import { ExportButton } from "../components/ExportButton";
import { kindLabel } from "../model/labels";
import { isZero } from "../format";

type Sort = "name" | "outstanding" | "overdue";

export function ClientsScreen() {
  const { t } = useI18n();
  const nav = useNav();
  const [search, setSearch] = useState("");
  const [archived, setArchived] = useState(false);
  const query = useDebounced(search.trim(), 250);
  const { state, reload, data, busy, page, setPage, sort, descending, onSort } = usePagedList<Sort, CustomerPageView>(
    "name",
    [query, archived],
    (order) => customersList({ search: query, include_archived: archived, ...order }),
  );

  return (
    <div className="stack" data-testid="clients-screen">
      <ScreenHeader
        title={t("nav.clients")}
        actions={
          <>
            <ExportButton kinds={["customers"]} testid="customers-export" />
            <button
              type="button"
              className="button button-primary"
              onClick={() => nav.go({ name: "customer-new" })}
              data-testid="customer-new"
              aria-keyshortcuts="N"
            >
              {t("customers.new")} <kbd className="key-hint">N</kbd>
            </button>
          </>
        }
      />
      <div className="toolbar">
        <label className="search">
          <span className="visually-hidden">{t("customers.search")}</span>
          <SearchInput
            value={search}
            onChange={setSearch}
            placeholder={t("customers.search")}
            testid="customer-search"
          />
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={archived}
            onChange={(e) => setArchived(e.target.checked)}
            data-testid="customer-archived-toggle"
          />
          {t("customers.show_archived")}
        </label>
        {busy && data && <Spinner />}
      </div>

      {state.kind === "failed" ? (
        <LoadError message={state.error.message} onRetry={reload} />
      ) : !data ? (
        <Spinner />
      ) : data.total_rows === 0 ? (
        query || archived ? (
          <EmptyState
            testid="customers-empty"
            title={t("customers.none_found.title")}
            body={t("customers.none_found.body", { search: query })}
          />
        ) : (
          <EmptyState testid="customers-empty" title={t("customers.empty.title")} body={t("customers.empty.body")}>
            <button type="button" className="button button-primary" onClick={() => nav.go({ name: "customer-new" })}>
              {t("customers.new")}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => nav.go({ name: "settings", then: null, section: "import-title" })}
              data-testid="customers-empty-import"
            >
              {t("import.empty_link")}
            </button>
          </EmptyState>
        )
      ) : (
        <PagedTable testid="customer-table" page={page} total={data.total_rows} onPage={setPage} busy={busy}>
          <thead>
            <tr>
              <SortHeader label={t("customers.col.name")} column="name" sort={sort} descending={descending} onSort={onSort} />
              <th scope="col">{t("customers.col.kind")}</th>
              <th scope="col" className="num">
                {t("customers.col.open_invoices")}
              </th>
              <SortHeader
                label={t("customers.col.outstanding")}
                column="outstanding"
                sort={sort}
                descending={descending}
                onSort={onSort}
                numeric
              />
              <SortHeader
                label={t("customers.col.overdue")}
                column="overdue"
                sort={sort}
                descending={descending}
                onSort={onSort}
                numeric
              />
            </tr>
          </thead>
          <tbody>
            {data.rows.map((row) => (
              <tr
                key={row.id}
                className={`row-link${row.archived ? " row-archived" : ""}`}
                data-testid="customer-row"
                data-id={row.id}
                onClick={() => nav.go({ name: "customer", id: row.id })}
              >
                <td className="cell-name">
                  <RowLink to={{ name: "customer", id: row.id }}>{row.name}</RowLink>
                  {row.archived && <span className="badge badge-cancelled badge-inline">{t("customers.archived")}</span>}
                  {(row.city || row.phone || row.email) && (
                    <span className="cell-sub">{[row.city, row.phone || row.email].filter(Boolean).join(" · ")}</span>
                  )}
                </td>
                <td>{t(kindLabel(row.kind))}</td>
                <td className="num">{row.open_invoices}</td>
                <td className="num">
                  <Money value={row.outstanding} />
                </td>
                <td className={`num${isZero(row.overdue) ? " muted" : " text-danger"}`}>
                  <Money value={row.overdue} />
                </td>
              </tr>
            ))}
          </tbody>
        </PagedTable>
      )}
    </div>
  );
}
