-- The user's own wording of the letters: one row per edited part of a letter
-- in one language. Only what differs from the default is stored; a missing
-- row means the default text, which lives in the code (relance-letters,
-- text.rs). The legal mentions of the mise en demeure are not templates and
-- have no row here.

CREATE TABLE letter_templates (
    kind       TEXT NOT NULL CHECK (kind IN ('pre_due', 'friendly', 'firm', 'notice')),
    lang       TEXT NOT NULL CHECK (lang IN ('fr', 'en')),
    part       TEXT NOT NULL CHECK (part IN ('title', 'before', 'before_one', 'after', 'closing')),
    body       TEXT NOT NULL CHECK (length(body) <= 1500),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (kind, lang, part),
    -- The mise en demeure has no paragraph after the table.
    CHECK (NOT (kind = 'notice' AND part = 'after')),
    -- A title is never empty.
    CHECK (part <> 'title' OR length(trim(body)) > 0)
) STRICT;
