-- Encrypted backups (age, passphrase): only the switch. The passphrase itself
-- is never in the database: the user types it, or the system keyring keeps it.
ALTER TABLE backup_settings ADD COLUMN encrypt INTEGER NOT NULL DEFAULT 0 CHECK (encrypt IN (0, 1));
