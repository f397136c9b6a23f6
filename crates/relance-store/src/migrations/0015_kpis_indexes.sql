-- Three covering indexes for the dashboard's read (relance_store::kpis),
-- measured at 100,000 invoices.
--
-- Every write-off: without an index that is a scan of every dunning event
-- (at four reminders an invoice, 400,000 rows and about 21 ms for a few
-- hundred write-offs). This partial index holds only the write-offs, with
-- every column the query reads (kind and stage too, so that SQLite sees it
-- covers the query): 0.2 ms. Other events never enter it.
CREATE INDEX dunning_events_write_offs
    ON dunning_events (invoice_id, date, amount_cents, kind, stage)
    WHERE kind = 'escalated' AND stage = 'written_off' AND amount_cents > 0;

-- Every invoice not cancelled: the five columns read (cancelled_at for the
-- same reason), about a third of the table's bytes, so the scan takes about
-- 7 ms less CPU (54 to 47 ms for the whole read); issue date first, so the
-- rows come sorted for the sales index.
CREATE INDEX invoices_for_kpis
    ON invoices (issue_date, due_date, customer_id, total_cents, cancelled_at)
    WHERE cancelled_at IS NULL;

-- Every dispute event, in the order they are replayed (by invoice, then as
-- recorded): the share disputed reads them on every load; like the
-- write-offs, the other events never enter it.
CREATE INDEX dunning_events_disputes
    ON dunning_events (invoice_id, id, kind, date, reason)
    WHERE kind IN ('dispute_opened', 'dispute_resolved');
