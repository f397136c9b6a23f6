-- Credit insurance (relance_domain::insurance): per customer, the insurer,
-- the covered amount (« montant garanti », integer cents, unknown = NULL) and
-- the contract's delay to declare an unpaid invoice, in days after its due
-- date. No row: not insured. The ranges are the domain's.
CREATE TABLE customer_insurance (
    customer_id   INTEGER PRIMARY KEY REFERENCES customers (id),
    insurer       TEXT NOT NULL CHECK (length(trim(insurer)) BETWEEN 1 AND 100),
    covered_cents INTEGER CHECK (covered_cents IS NULL OR covered_cents >= 0),
    deadline_days INTEGER NOT NULL CHECK (deadline_days BETWEEN 1 AND 365),
    updated_at    TEXT NOT NULL
) STRICT;

-- An invoice declared to the insurer (« déclaration de menace de sinistre »):
-- once, on a date, to the insurer of the day. Kept: the agenda stops asking.
CREATE TABLE insurance_declarations (
    invoice_id  INTEGER PRIMARY KEY REFERENCES invoices (id),
    insurer     TEXT NOT NULL CHECK (length(trim(insurer)) BETWEEN 1 AND 100),
    declared_on TEXT NOT NULL CHECK (date(declared_on) IS declared_on),
    created_at  TEXT NOT NULL
) STRICT;

CREATE TRIGGER insurance_declarations_no_update BEFORE UPDATE ON insurance_declarations
BEGIN
    SELECT RAISE(ABORT, 'insurance declarations are kept as recorded');
END;
