//! The optional SMTP settings (one row, migration 0008) and the letters sent by e-mail
//! (`letters_emailed`, append-only). The password is never here: see the keyring.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};

use crate::{timestamp, Conn, Result, StoreError};

/// How the connection to the SMTP server is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// Plain connection upgraded with STARTTLS (port 587).
    StartTls,
    /// TLS from the start (port 465).
    Tls,
    /// No encryption (a local relay only).
    None,
}

impl Security {
    pub fn code(self) -> &'static str {
        match self {
            Security::StartTls => "starttls",
            Security::Tls => "tls",
            Security::None => "none",
        }
    }

    pub fn from_code(code: &str) -> Option<Security> {
        match code {
            "starttls" => Some(Security::StartTls),
            "tls" => Some(Security::Tls),
            "none" => Some(Security::None),
            _ => None,
        }
    }
}

/// The SMTP server settings, as saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailSettings {
    pub server: String,
    pub port: u16,
    pub security: Security,
    pub username: String,
    /// The sender address (From).
    pub sender: String,
}

pub fn get(conn: &Conn) -> Result<Option<MailSettings>> {
    let row = conn
        .prepare_cached("SELECT server, port, security, username, sender FROM mail_settings WHERE id = 1")?
        .query_row([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?, r.get(3)?, r.get(4)?))
        })
        .optional()?;
    row.map(|(server, port, security, username, sender)| {
        Ok(MailSettings {
            server,
            port: u16::try_from(port).map_err(|_| StoreError::Corrupt(format!("mail_settings.port {port}")))?,
            security: Security::from_code(&security)
                .ok_or_else(|| StoreError::Corrupt(format!("mail_settings.security {security:?}")))?,
            username,
            sender,
        })
    })
    .transpose()
}

/// Saves the one row (replacing it).
pub fn save(conn: &Conn, s: &MailSettings, now: DateTime<Utc>) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO mail_settings (id, server, port, security, username, sender, updated_at)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (id) DO UPDATE SET server = excluded.server, port = excluded.port,
             security = excluded.security, username = excluded.username, sender = excluded.sender,
             updated_at = excluded.updated_at",
    )?
    .execute(params![s.server, i64::from(s.port), s.security.code(), s.username, s.sender, timestamp(now)])?;
    Ok(())
}

/// Records that the kept letter `letter_id` went by e-mail to `recipient`.
pub fn record_emailed(conn: &Conn, letter_id: i64, recipient: &str, now: DateTime<Utc>) -> Result<()> {
    conn.prepare_cached("INSERT INTO letters_emailed (letter_id, recipient, created_at) VALUES (?1, ?2, ?3)")?
        .execute(params![letter_id, recipient, timestamp(now)])?;
    Ok(())
}

/// To whom the kept letter went by e-mail, if it did.
pub fn emailed_to(conn: &Conn, letter_id: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT recipient FROM letters_emailed WHERE letter_id = ?1")?
        .query_row([letter_id], |r| r.get(0))
        .optional()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    fn settings() -> MailSettings {
        MailSettings {
            server: "smtp.example.fr".into(),
            port: 587,
            security: Security::StartTls,
            username: "compta@example.fr".into(),
            sender: "compta@example.fr".into(),
        }
    }

    #[test]
    fn one_row_saved_read_back_and_replaced_and_checks_refuse_what_must_never_be_stored() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut store = Store::open(&dir.path().join("t.sqlite3")).unwrap_or_else(|e| panic!("{e}"));
        let now = Utc::now();
        assert_eq!(get(store.conn()).unwrap_or_else(|e| panic!("{e}")), None);
        store.write(|tx| save(tx, &settings(), now)).unwrap_or_else(|e| panic!("{e}"));
        let mut other = settings();
        other.port = 465;
        other.security = Security::Tls;
        store.write(|tx| save(tx, &other, now)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(get(store.conn()).unwrap_or_else(|e| panic!("{e}")), Some(other));
        let count: i64 =
            store.conn().query_row("SELECT count(*) FROM mail_settings", [], |r| r.get(0)).unwrap_or_default();
        assert_eq!(count, 1);
        for bad in [
            "UPDATE mail_settings SET port = 0",
            "UPDATE mail_settings SET security = 'ssl'",
            "UPDATE mail_settings SET server = ' '",
            "UPDATE mail_settings SET sender = 'nobody'",
            "INSERT INTO mail_settings VALUES (2, 's', 25, 'none', '', 'a@b', '')",
        ] {
            assert!(store.conn().execute(bad, []).is_err(), "{bad} refused");
        }
        // No column could hold a password.
        let columns: Vec<String> = store
            .conn()
            .prepare("SELECT name FROM pragma_table_info('mail_settings')")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .unwrap_or_default();
        assert!(columns.iter().all(|c| !c.contains("pass") && !c.contains("secret")), "{columns:?}");
    }
}
