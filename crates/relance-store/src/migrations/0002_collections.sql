-- Collections: each invoice's reminder history, promises to pay, and the
-- rates the user adds after the shipped tables end.

-- Append-only: an invoice's reminder state is the replay of its rows in id
-- order (relance_domain::dunning::InvoiceDunning::replay). Never updated.
CREATE TABLE dunning_events (
    id           INTEGER PRIMARY KEY,
    invoice_id   INTEGER NOT NULL REFERENCES invoices (id),
    kind         TEXT NOT NULL CHECK (kind IN
                     ('done', 'skipped', 'postponed', 'dispute_opened', 'dispute_resolved', 'escalated')),
    date         TEXT NOT NULL CHECK (date(date) IS date),
    -- The level as it was in the policy when handled: a later edit of the
    -- policy does not rewrite history.
    level_key    TEXT CHECK (level_key IS NULL OR length(level_key) BETWEEN 1 AND 64),
    level_offset INTEGER,
    level_notice INTEGER CHECK (level_notice IS NULL OR level_notice IN (0, 1)),
    channel      TEXT CHECK (channel IS NULL OR channel IN ('letter', 'email', 'phone_call', 'escalation')),
    until_date   TEXT CHECK (until_date IS NULL OR (date(until_date) IS until_date AND until_date > date)),
    reason       TEXT CHECK (reason IS NULL OR length(reason) <= 2000),
    stage        TEXT CHECK (stage IS NULL OR stage IN
                     ('reminders', 'injunction_prepared', 'handed_to_agency', 'written_off')),
    -- Written-off amount only.
    amount_cents INTEGER CHECK (amount_cents IS NULL OR amount_cents >= 0),
    created_at   TEXT NOT NULL,
    CHECK ((kind IN ('done', 'skipped')) =
           (level_key IS NOT NULL AND level_offset IS NOT NULL AND level_notice IS NOT NULL)),
    CHECK ((kind = 'done') = (channel IS NOT NULL)),
    CHECK ((kind = 'postponed') = (until_date IS NOT NULL)),
    CHECK ((kind = 'escalated') = (stage IS NOT NULL)),
    CHECK (kind NOT IN ('skipped', 'dispute_opened') OR reason IS NOT NULL),
    CHECK ((stage IS 'written_off') = (amount_cents IS NOT NULL)),
    CHECK (stage IS NOT 'written_off' OR reason IS NOT NULL)
) STRICT;

CREATE INDEX dunning_events_by_invoice ON dunning_events (invoice_id, id);

-- "Will pay AMOUNT by DATE" for some of a customer's invoices.
CREATE TABLE promises (
    id                   INTEGER PRIMARY KEY,
    customer_id          INTEGER NOT NULL REFERENCES customers (id),
    amount_cents         INTEGER NOT NULL CHECK (amount_cents > 0),
    -- What the covered invoices owed when the promise was made: what was
    -- paid since is this minus what they owe now.
    owed_when_made_cents INTEGER NOT NULL CHECK (owed_when_made_cents >= amount_cents),
    made_on              TEXT NOT NULL CHECK (date(made_on) IS made_on),
    promised_by          TEXT NOT NULL CHECK (date(promised_by) IS promised_by AND promised_by >= made_on),
    status               TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'kept', 'broken', 'cancelled')),
    closed_on            TEXT CHECK (closed_on IS NULL OR date(closed_on) IS closed_on),
    created_at           TEXT NOT NULL,
    CHECK ((status = 'open') = (closed_on IS NULL))
) STRICT;

CREATE INDEX promises_by_customer ON promises (customer_id, status);

CREATE TABLE promise_invoices (
    promise_id INTEGER NOT NULL REFERENCES promises (id),
    invoice_id INTEGER NOT NULL REFERENCES invoices (id),
    PRIMARY KEY (promise_id, invoice_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX promise_invoices_by_invoice ON promise_invoices (invoice_id);

-- Rates the user enters from the official text once the shipped tables
-- end. Each is the rate of a half-year, so the date is 1 January or 1 July:
-- for 'ecb' the MRO rate in force that day (the L441-10 reference), for the
-- legal rate the arrêté's column. The rate is the decimal percent as typed
-- ("2.15"), parsed by the domain's Percent.
CREATE TABLE rate_entries (
    id             INTEGER PRIMARY KEY,
    kind           TEXT NOT NULL CHECK (kind IN ('ecb', 'legal_other', 'legal_private')),
    half_year_start TEXT NOT NULL CHECK (date(half_year_start) IS half_year_start
                                         AND substr(half_year_start, 6) IN ('01-01', '07-01')),
    rate           TEXT NOT NULL CHECK (length(rate) BETWEEN 1 AND 16),
    source         TEXT NOT NULL CHECK (length(trim(source)) BETWEEN 1 AND 500),
    created_at     TEXT NOT NULL,
    UNIQUE (kind, half_year_start)
) STRICT;
