-- Relance schema, version 1. Released migrations are never edited: add a new file.
-- Money: INTEGER minor units (cents). Business dates: ISO 'YYYY-MM-DD'. Timestamps: UTC ISO 8601.

CREATE TABLE company (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
    name              TEXT NOT NULL,
    legal_form        TEXT,
    siren             TEXT CHECK (siren IS NULL OR length(siren) = 9),
    siret             TEXT CHECK (siret IS NULL OR length(siret) = 14),
    vat_number        TEXT,
    address_line1     TEXT,
    address_line2     TEXT,
    postal_code       TEXT,
    city              TEXT,
    country           TEXT,
    email             TEXT,
    phone             TEXT,
    iban              TEXT,
    bic               TEXT,
    currency          TEXT NOT NULL CHECK (length(currency) = 3),
    default_terms     TEXT NOT NULL,
    language          TEXT NOT NULL CHECK (language IN ('fr', 'en')),
    updated_at        TEXT NOT NULL
) STRICT;

CREATE TABLE customers (
    id                 INTEGER PRIMARY KEY,
    kind               TEXT NOT NULL CHECK (kind IN ('business', 'consumer')),
    name               TEXT NOT NULL CHECK (length(trim(name)) > 0),
    -- lower-cased, accent-folded name for search; written by the store only
    search_key         TEXT NOT NULL,
    siren              TEXT CHECK (siren IS NULL OR length(siren) = 9),
    siret              TEXT CHECK (siret IS NULL OR length(siret) = 14),
    vat_number         TEXT,
    contact_name       TEXT,
    email              TEXT,
    phone              TEXT,
    address_line1      TEXT,
    address_line2      TEXT,
    postal_code        TEXT,
    city               TEXT,
    country            TEXT,
    terms              TEXT,
    credit_limit_cents INTEGER CHECK (credit_limit_cents IS NULL OR credit_limit_cents >= 0),
    notes              TEXT,
    archived           INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
) STRICT;
CREATE INDEX customers_by_search_key ON customers (archived, search_key);

CREATE TABLE invoices (
    id                    INTEGER PRIMARY KEY,
    customer_id           INTEGER NOT NULL REFERENCES customers (id),
    number                TEXT NOT NULL UNIQUE CHECK (length(trim(number)) > 0),
    issue_date            TEXT NOT NULL CHECK (date(issue_date) IS issue_date),
    due_date              TEXT NOT NULL CHECK (date(due_date) IS due_date AND due_date >= issue_date),
    due_date_set_by_hand  INTEGER NOT NULL CHECK (due_date_set_by_hand IN (0, 1)),
    currency              TEXT NOT NULL CHECK (length(currency) = 3),
    amount_excl_tax_cents INTEGER NOT NULL CHECK (amount_excl_tax_cents >= 0),
    tax_cents             INTEGER NOT NULL CHECK (tax_cents >= 0),
    total_cents           INTEGER NOT NULL CHECK (total_cents > 0 AND total_cents = amount_excl_tax_cents + tax_cents),
    -- Cache of SUM(allocations.amount_cents), kept by the triggers below;
    -- the CHECK makes "an allocation never exceeds what is due" hold in the file itself.
    settled_cents         INTEGER NOT NULL DEFAULT 0 CHECK (settled_cents >= 0 AND settled_cents <= total_cents),
    cancelled_at          TEXT,
    cancel_reason         TEXT,
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL,
    CHECK (cancelled_at IS NULL OR settled_cents = 0)
) STRICT;
CREATE INDEX invoices_by_customer ON invoices (customer_id, due_date);
CREATE INDEX invoices_by_due_date ON invoices (due_date);
CREATE INDEX invoices_by_issue_date ON invoices (issue_date);
-- Unpaid invoices only: these partial indexes stay small as invoices get paid.
-- They carry the amounts (and cancelled_at, always NULL in them) so that Today,
-- balances and the customer list read the index alone, never the table.
CREATE INDEX invoices_unpaid_by_due_date ON invoices (due_date, customer_id, total_cents, settled_cents, cancelled_at)
    WHERE cancelled_at IS NULL AND settled_cents < total_cents;
CREATE INDEX invoices_unpaid_by_customer ON invoices (customer_id, due_date, total_cents, settled_cents, cancelled_at)
    WHERE cancelled_at IS NULL AND settled_cents < total_cents;

-- Money received (kind 'payment') and credit notes ('credit_note'): both
-- credit the customer's account and are allocated to invoices.
CREATE TABLE payments (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers (id),
    kind         TEXT NOT NULL CHECK (kind IN ('payment', 'credit_note')),
    date         TEXT NOT NULL CHECK (date(date) IS date),
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    currency     TEXT NOT NULL CHECK (length(currency) = 3),
    method       TEXT CHECK (
        (kind = 'payment' AND method IN ('cash', 'cheque', 'card', 'transfer', 'direct_debit', 'other'))
        OR (kind = 'credit_note' AND method IS NULL)),
    -- the bank reference of a payment, or the number of a credit note
    reference    TEXT,
    note         TEXT,
    created_at   TEXT NOT NULL,
    CHECK (kind = 'payment' OR reference IS NOT NULL)
) STRICT;
CREATE INDEX payments_by_customer ON payments (customer_id, date);
-- For "what was paid after this date" (the overdue report at a past date) and cash-in reports.
CREATE INDEX payments_by_date ON payments (date);
CREATE UNIQUE INDEX credit_notes_by_number ON payments (reference) WHERE kind = 'credit_note';

CREATE TABLE allocations (
    id           INTEGER PRIMARY KEY,
    payment_id   INTEGER NOT NULL REFERENCES payments (id),
    invoice_id   INTEGER NOT NULL REFERENCES invoices (id),
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0)
) STRICT;
CREATE INDEX allocations_by_invoice ON allocations (invoice_id);
CREATE INDEX allocations_by_payment ON allocations (payment_id);

CREATE TRIGGER allocations_settle AFTER INSERT ON allocations BEGIN
    UPDATE invoices SET settled_cents = settled_cents + NEW.amount_cents WHERE id = NEW.invoice_id;
END;
CREATE TRIGGER allocations_unsettle AFTER DELETE ON allocations BEGIN
    UPDATE invoices SET settled_cents = settled_cents - OLD.amount_cents WHERE id = OLD.invoice_id;
END;
CREATE TRIGGER allocations_are_append_only BEFORE UPDATE ON allocations BEGIN
    SELECT RAISE(ABORT, 'allocations are never updated: delete and insert');
END;

-- Every change, for the customer's timeline. `kind` names the event and
-- `details` holds its parameters as a JSON object, rendered by the UI's catalogue.
CREATE TABLE activity (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    customer_id INTEGER REFERENCES customers (id),
    invoice_id  INTEGER REFERENCES invoices (id),
    payment_id  INTEGER REFERENCES payments (id),
    kind        TEXT NOT NULL,
    details     TEXT NOT NULL CHECK (json_valid(details))
) STRICT;
CREATE INDEX activity_by_customer ON activity (customer_id, id);
