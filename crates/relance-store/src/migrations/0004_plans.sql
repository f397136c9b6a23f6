-- Installment plans (échéanciers). A plan covers open invoices of one
-- customer, optionally with the late-payment penalties owed so far; its
-- schedule is stored as agreed. How much of it is paid is derived (what its
-- invoices owed at the agreement minus what they owe now, then the
-- customer's credit since that day for the penalties part), never stored.

CREATE TABLE plan_settings (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    grace_days    INTEGER NOT NULL CHECK (grace_days BETWEEN 0 AND 90),
    notice_days   INTEGER NOT NULL CHECK (notice_days BETWEEN 0 AND 90),
    reminder_days INTEGER NOT NULL CHECK (reminder_days BETWEEN 0 AND 90)
) STRICT;

INSERT INTO plan_settings (id, grace_days, notice_days, reminder_days) VALUES (1, 15, 3, 3);

CREATE TABLE plans (
    id                  INTEGER PRIMARY KEY,
    customer_id         INTEGER NOT NULL REFERENCES customers (id),
    status              TEXT NOT NULL CHECK (status IN ('running', 'defaulted', 'replaced')),
    agreed_on           TEXT NOT NULL CHECK (date(agreed_on) IS agreed_on),
    invoices_owed_cents INTEGER NOT NULL CHECK (invoices_owed_cents > 0),
    penalties           TEXT NOT NULL CHECK (penalties IN ('included', 'waived')),
    penalties_cents     INTEGER NOT NULL CHECK (penalties_cents >= 0),
    total_cents         INTEGER NOT NULL,
    split               TEXT NOT NULL CHECK (split IN ('count', 'amount')),
    split_value         INTEGER NOT NULL CHECK (split_value > 0),
    first_date          TEXT NOT NULL CHECK (date(first_date) IS first_date),
    frequency           TEXT NOT NULL CHECK (frequency IN ('week', 'two_weeks', 'month', 'day_of_month')),
    day_of_month        INTEGER CHECK (day_of_month BETWEEN 1 AND 31),
    down_payment_cents  INTEGER NOT NULL CHECK (down_payment_cents >= 0),
    remainder           TEXT NOT NULL CHECK (remainder IN ('first', 'last')),
    business_days       INTEGER NOT NULL CHECK (business_days IN (0, 1)),
    defaulted_on        TEXT CHECK (defaulted_on IS NULL OR date(defaulted_on) IS defaulted_on),
    -- the reminder level the collections resumed at after the default
    resumed_level       TEXT,
    replaced_on         TEXT CHECK (replaced_on IS NULL OR date(replaced_on) IS replaced_on),
    replaced_by         INTEGER REFERENCES plans (id),
    created_at          TEXT NOT NULL,
    CHECK (total_cents = invoices_owed_cents + penalties_cents),
    CHECK (penalties = 'included' OR penalties_cents = 0),
    CHECK (down_payment_cents < total_cents),
    CHECK ((frequency = 'day_of_month') = (day_of_month IS NOT NULL)),
    CHECK (status != 'defaulted' OR defaulted_on IS NOT NULL),
    CHECK ((status = 'replaced') = (replaced_by IS NOT NULL AND replaced_on IS NOT NULL)),
    CHECK (replaced_by IS NULL OR replaced_by != id)
) STRICT;

CREATE INDEX plans_by_customer ON plans (customer_id, status);

CREATE TABLE plan_invoices (
    plan_id    INTEGER NOT NULL REFERENCES plans (id),
    invoice_id INTEGER NOT NULL REFERENCES invoices (id),
    -- what the invoice still owed the day the plan was agreed
    owed_cents INTEGER NOT NULL CHECK (owed_cents > 0),
    PRIMARY KEY (plan_id, invoice_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX plan_invoices_by_invoice ON plan_invoices (invoice_id);

CREATE TABLE plan_installments (
    plan_id      INTEGER NOT NULL REFERENCES plans (id),
    number       INTEGER NOT NULL CHECK (number BETWEEN 0 AND 60),
    due_date     TEXT NOT NULL CHECK (date(due_date) IS due_date),
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    PRIMARY KEY (plan_id, number)
) STRICT, WITHOUT ROWID;
