-- The thresholds that turn a customer's payment history into a profile
-- (relance_domain::risk::Thresholds): one row, the recommended values by
-- default; the ranges are the domain's THRESHOLD_LIMITS.
CREATE TABLE risk_settings (
    id                      INTEGER PRIMARY KEY CHECK (id = 1),
    grace_days              INTEGER NOT NULL DEFAULT 2 CHECK (grace_days BETWEEN 0 AND 15),
    min_history             INTEGER NOT NULL DEFAULT 3 CHECK (min_history BETWEEN 1 AND 10),
    punctual_max_days       INTEGER NOT NULL DEFAULT 5 CHECK (punctual_max_days BETWEEN 0 AND 30),
    late_min_share_late     INTEGER NOT NULL DEFAULT 50 CHECK (late_min_share_late BETWEEN 10 AND 100),
    regular_spread_days     INTEGER NOT NULL DEFAULT 15 CHECK (regular_spread_days BETWEEN 1 AND 60),
    at_risk_broken_promises INTEGER NOT NULL DEFAULT 2 CHECK (at_risk_broken_promises BETWEEN 1 AND 10),
    at_risk_overdue_days    INTEGER NOT NULL DEFAULT 90 CHECK (at_risk_overdue_days BETWEEN 30 AND 365),
    at_risk_score           INTEGER NOT NULL DEFAULT 40 CHECK (at_risk_score BETWEEN 0 AND 100)
) STRICT;

INSERT INTO risk_settings (id) VALUES (1);
