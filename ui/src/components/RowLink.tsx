import type { ReactNode } from "react";
import { useNav } from "../app/nav";
import type { Route } from "../app/routes";

/**
 * The link in a table row that opens `to` when clicked anywhere (class "row-link").
 * The row's click is for the mouse; this button gives the keyboard a way in, and
 * stops its click there so the route is not opened twice.
 */
export function RowLink({ to, children }: { to: Route; children: ReactNode }) {
  const nav = useNav();
  return (
    <button
      type="button"
      className="link"
      onClick={(e) => {
        e.stopPropagation();
        nav.go(to);
      }}
    >
      {children}
    </button>
  );
}
