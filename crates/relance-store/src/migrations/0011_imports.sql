-- CSV import (issue 6). `import_choices`: the kind, preset and date order the
-- user imported a file with, keyed by the signature of its header line (its
-- cells folded: lower case, no accents nor spaces), so the next file with the
-- same header gets the same choices. `customer_codes`: a customer's own code
-- in the user's other software, the key a customers file is imported by.
CREATE TABLE import_choices (
    signature  TEXT PRIMARY KEY CHECK (length(signature) BETWEEN 1 AND 4000),
    kind       TEXT NOT NULL CHECK (kind IN ('invoices', 'customers', 'payments')),
    preset     TEXT NOT NULL CHECK (preset IN ('ibm', 'generic')),
    date_order TEXT CHECK (date_order IS NULL OR date_order IN ('day_first', 'month_first')),
    saved_at   TEXT NOT NULL CHECK (length(saved_at) BETWEEN 20 AND 40)
) STRICT;

CREATE TABLE customer_codes (
    code        TEXT PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 200),
    customer_id INTEGER NOT NULL UNIQUE REFERENCES customers (id)
) STRICT;
