import type { ReactNode } from "react";
import { useI18n } from "../i18n";
import type { InvoiceView } from "../platform";
import { formatDate } from "../format";
import { Money } from "./Bits";

type Dated = Pick<InvoiceView, "issue_date" | "due_date" | "total" | "remaining">;

/**
 * The cells every invoice table shows after the number (and the customer, if
 * any): issued, due, total, remaining, then `last` (the status, or the situation).
 */
export function InvoiceCells({
  invoice,
  last,
  remainingTestid,
}: {
  invoice: Dated;
  last: ReactNode;
  remainingTestid?: string | undefined;
}) {
  return (
    <>
      <td className="date">{formatDate(invoice.issue_date)}</td>
      <td className="date">{formatDate(invoice.due_date)}</td>
      <td className="num">
        <Money value={invoice.total} />
      </td>
      <td className="num">
        <Money value={invoice.remaining} testid={remainingTestid} />
      </td>
      <td>{last}</td>
    </>
  );
}

/** The header row of a short invoice table (not sorted by its columns): number, InvoiceCells, then `last`. */
export function InvoiceHeadings({ last }: { last: string }) {
  const { t } = useI18n();
  return (
    <tr>
      <th scope="col">{t("invoice.number")}</th>
      <th scope="col">{t("invoice.issue_date")}</th>
      <th scope="col">{t("invoice.due_date")}</th>
      <th scope="col" className="num">
        {t("invoice.total")}
      </th>
      <th scope="col" className="num">
        {t("invoice.remaining")}
      </th>
      <th scope="col">{last}</th>
    </tr>
  );
}
