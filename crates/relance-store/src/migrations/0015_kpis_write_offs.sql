-- The dashboard reads every write-off (relance_store::kpis::rows). Without
-- an index that is a scan of every dunning event: at 100,000 invoices with
-- four reminders each, 400,000 rows and about 21 ms for a few hundred
-- write-offs. This partial index holds only the write-offs, with every
-- column the query reads (kind and stage too, so that SQLite sees it covers
-- the query): 0.2 ms. Other events never enter it, so it costs writes nothing.
CREATE INDEX dunning_events_write_offs
    ON dunning_events (invoice_id, date, amount_cents, kind, stage)
    WHERE kind = 'escalated' AND stage = 'written_off' AND amount_cents > 0;
