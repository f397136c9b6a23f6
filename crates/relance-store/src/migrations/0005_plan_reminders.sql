-- What the user did about an installment's notice (before its date) or
-- reminder (after it): done on a date by a channel, skipped with a reason,
-- or postponed to a later day. Append-only: a done or skipped row is the
-- last word for that installment and kind (the agenda never proposes it
-- again); postponements pile up, the latest one counts.

CREATE TABLE plan_reminders (
    id         INTEGER PRIMARY KEY,
    plan_id    INTEGER NOT NULL,
    number     INTEGER NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('notice', 'reminder')),
    outcome    TEXT NOT NULL CHECK (outcome IN ('done', 'skipped', 'postponed')),
    on_date    TEXT NOT NULL CHECK (date(on_date) IS on_date),
    channel    TEXT CHECK (channel IN ('letter', 'email', 'phone_call')),
    until      TEXT CHECK (until IS NULL OR date(until) IS until),
    reason     TEXT,
    created_at TEXT NOT NULL,
    FOREIGN KEY (plan_id, number) REFERENCES plan_installments (plan_id, number),
    CHECK ((outcome = 'done') = (channel IS NOT NULL)),
    CHECK ((outcome = 'postponed') = (until IS NOT NULL)),
    CHECK (until IS NULL OR until > on_date),
    CHECK (outcome = 'skipped' OR reason IS NULL)
) STRICT;

-- Done or skipped once per installment and kind.
CREATE UNIQUE INDEX plan_reminders_handled ON plan_reminders (plan_id, number, kind)
    WHERE outcome IN ('done', 'skipped');
CREATE INDEX plan_reminders_by_plan ON plan_reminders (plan_id);
