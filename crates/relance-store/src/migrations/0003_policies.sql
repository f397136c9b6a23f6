-- Reminder policies (barèmes de relance) stored: named policies and their
-- ordered levels, the policy of each customer segment and the company's
-- default, and per customer its segment, its own policy and its contractual
-- late-payment rate. The dunning history keeps its own copy of each level
-- handled (dunning_events.level_*), so editing a policy never rewrites it.

CREATE TABLE policies (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE CHECK (length(trim(name)) BETWEEN 1 AND 80),
    -- The policy "Rétablir le barème standard" resets: at most one.
    standard   INTEGER NOT NULL DEFAULT 0 CHECK (standard IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE UNIQUE INDEX policies_one_standard ON policies (standard) WHERE standard = 1;

-- The levels of a policy in schedule order: the domain's Policy::new checks
-- them before they are written; the CHECKs refuse what must never be stored.
CREATE TABLE policy_levels (
    policy_id        INTEGER NOT NULL REFERENCES policies (id) ON DELETE CASCADE,
    position         INTEGER NOT NULL CHECK (position >= 0),
    key              TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 40 AND key NOT GLOB '*[^a-z0-9_]*'),
    offset_days      INTEGER NOT NULL CHECK (offset_days BETWEEN -90 AND 730),
    channel          TEXT NOT NULL CHECK (channel IN ('letter', 'email', 'phone_call', 'escalation')),
    template         TEXT NOT NULL CHECK (length(trim(template)) BETWEEN 1 AND 60),
    fee_cents        INTEGER CHECK (fee_cents IS NULL OR fee_cents >= 0),
    is_formal_notice INTEGER NOT NULL CHECK (is_formal_notice IN (0, 1)),
    PRIMARY KEY (policy_id, position),
    UNIQUE (policy_id, key),
    UNIQUE (policy_id, offset_days)
) STRICT, WITHOUT ROWID;

CREATE UNIQUE INDEX policy_levels_one_formal_notice ON policy_levels (policy_id) WHERE is_formal_notice = 1;

-- Which policy applies by default and to each segment. 'default' always
-- exists (seeded below); a segment without a row follows the default.
CREATE TABLE policy_assignments (
    scope     TEXT PRIMARY KEY CHECK (scope IN ('default', 'punctual', 'late', 'variable', 'at_risk')),
    policy_id INTEGER NOT NULL REFERENCES policies (id)
) STRICT, WITHOUT ROWID;

CREATE INDEX policy_assignments_by_policy ON policy_assignments (policy_id);

-- NULL segment: not classified. NULL policy: follow the segment, then the
-- default. NULL contractual rate: the legal default (ECB + 10 points); else
-- the decimal percent as typed, parsed by the domain's Percent.
ALTER TABLE customers ADD COLUMN segment TEXT
    CHECK (segment IS NULL OR segment IN ('punctual', 'late', 'variable', 'at_risk'));
ALTER TABLE customers ADD COLUMN policy_id INTEGER REFERENCES policies (id);
ALTER TABLE customers ADD COLUMN contractual_rate TEXT
    CHECK (contractual_rate IS NULL OR length(contractual_rate) BETWEEN 1 AND 16);

CREATE INDEX customers_by_policy ON customers (policy_id) WHERE policy_id IS NOT NULL;

-- The standard policy (relance_domain::dunning::Policy::standard), the
-- default of every existing and new file.
INSERT INTO policies (id, name, standard, created_at, updated_at)
    VALUES (1, 'Standard', 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
INSERT INTO policy_levels (policy_id, position, key, offset_days, channel, template, fee_cents, is_formal_notice) VALUES
    (1, 0, 'pre_due', -5, 'email', 'courteous_notice', NULL, 0),
    (1, 1, 'reminder_1', 7, 'email', 'friendly_reminder', NULL, 0),
    (1, 2, 'reminder_2', 15, 'letter', 'firm_reminder', NULL, 0),
    (1, 3, 'phone_call', 21, 'phone_call', 'phone_call', NULL, 0),
    (1, 4, 'formal_notice', 30, 'letter', 'formal_notice', NULL, 1),
    (1, 5, 'escalation', 45, 'escalation', 'ready_for_court_or_agency', NULL, 0);
INSERT INTO policy_assignments (scope, policy_id) VALUES ('default', 1);
