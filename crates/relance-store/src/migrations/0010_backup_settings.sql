-- Backups to a chosen folder (a USB drive): the settings (one row) and the
-- backups made from this computer, good or failed, for the reminder on Today
-- and the Settings section. Backup files themselves live in the folder with
-- their manifest; these rows only say where and when (a few rows a month: no index).
CREATE TABLE backup_settings (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
    folder            TEXT CHECK (folder IS NULL OR length(folder) BETWEEN 1 AND 1024),
    keep              INTEGER NOT NULL DEFAULT 10 CHECK (keep BETWEEN 1 AND 100),
    remind_after_days INTEGER NOT NULL DEFAULT 7 CHECK (remind_after_days BETWEEN 1 AND 365)
) STRICT;

INSERT INTO backup_settings (id) VALUES (1);

CREATE TABLE backups_made (
    id         INTEGER PRIMARY KEY,
    made_at    TEXT NOT NULL CHECK (length(made_at) BETWEEN 20 AND 40),
    folder     TEXT NOT NULL CHECK (length(folder) BETWEEN 1 AND 1024),
    file_name  TEXT NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
    size_bytes INTEGER NOT NULL CHECK (size_bytes >= 0),
    sha256     TEXT CHECK (sha256 IS NULL OR length(sha256) = 64),
    ok         INTEGER NOT NULL CHECK (ok IN (0, 1)),
    CHECK (ok = 0 OR sha256 IS NOT NULL)
) STRICT;
