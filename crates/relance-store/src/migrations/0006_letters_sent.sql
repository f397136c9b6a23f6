-- A copy of every letter printed from the day's agenda, kept with the
-- customer so the user can prove what was sent and when: the PDF itself and
-- its SHA-256, the letter's kind (reminder at its level, or mise en
-- demeure), the invoices it claimed and the total it asked for. Append-only:
-- a sent letter is never changed nor removed (triggers below).

CREATE TABLE letters_sent (
    id              INTEGER PRIMARY KEY,
    customer_id     INTEGER NOT NULL REFERENCES customers (id),
    on_date         TEXT NOT NULL CHECK (date(on_date) IS on_date),
    kind            TEXT NOT NULL CHECK (kind IN ('reminder', 'notice')),
    level           TEXT CHECK (level IN ('pre_due', 'friendly', 'firm')),
    -- JSON array of the claimed invoices' numbers.
    invoice_numbers TEXT NOT NULL CHECK (json_valid(invoice_numbers) AND json_type(invoice_numbers) = 'array'),
    total_cents     INTEGER NOT NULL CHECK (total_cents >= 0),
    pages           INTEGER NOT NULL CHECK (pages > 0),
    pdf             BLOB NOT NULL CHECK (length(pdf) > 0),
    sha256          TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
    created_at      TEXT NOT NULL,
    CHECK ((kind = 'reminder') = (level IS NOT NULL))
) STRICT;

CREATE INDEX letters_sent_by_customer ON letters_sent (customer_id, on_date);

CREATE TRIGGER letters_sent_no_update BEFORE UPDATE ON letters_sent
BEGIN
    SELECT RAISE(ABORT, 'letters_sent is append-only');
END;

CREATE TRIGGER letters_sent_no_delete BEFORE DELETE ON letters_sent
BEGIN
    SELECT RAISE(ABORT, 'letters_sent is append-only');
END;
