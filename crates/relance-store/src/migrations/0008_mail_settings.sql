-- Optional sending of e-mails through the user's SMTP server. One row: the
-- server, its port and security, the user name and the sender address. The
-- password is NOT here: it lives only in the operating system's keyring
-- (never in this file, its backups or the activity log).

CREATE TABLE mail_settings (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    server     TEXT NOT NULL CHECK (length(trim(server)) BETWEEN 1 AND 253),
    port       INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
    security   TEXT NOT NULL CHECK (security IN ('starttls', 'tls', 'none')),
    username   TEXT NOT NULL CHECK (length(username) <= 320),
    sender     TEXT NOT NULL CHECK (length(sender) BETWEEN 3 AND 320 AND sender LIKE '%_@_%'),
    updated_at TEXT NOT NULL
) STRICT;

-- A letter sent by e-mail: its kept copy (letters_sent, append-only) and to
-- whom it went. Append-only too.
CREATE TABLE letters_emailed (
    letter_id  INTEGER PRIMARY KEY REFERENCES letters_sent (id),
    recipient  TEXT NOT NULL CHECK (length(recipient) BETWEEN 3 AND 320),
    created_at TEXT NOT NULL
) STRICT;

CREATE TRIGGER letters_emailed_no_update BEFORE UPDATE ON letters_emailed
BEGIN
    SELECT RAISE(ABORT, 'letters_emailed is append-only');
END;

CREATE TRIGGER letters_emailed_no_delete BEFORE DELETE ON letters_emailed
BEGIN
    SELECT RAISE(ABORT, 'letters_emailed is append-only');
END;
