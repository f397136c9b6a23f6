//! The company's logo (migration 0009): one row at most, the file as chosen, its media type and size.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};

use crate::{timestamp, Conn, Result};

/// A stored logo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredLogo {
    /// `image/png` or `image/jpeg`.
    pub media_type: String,
    pub bytes: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

pub fn get(conn: &Conn) -> Result<Option<StoredLogo>> {
    Ok(conn
        .prepare_cached("SELECT media_type, bytes, width, height FROM company_logo WHERE id = 1")?
        .query_row([], |r| {
            Ok(StoredLogo { media_type: r.get(0)?, bytes: r.get(1)?, width: r.get(2)?, height: r.get(3)? })
        })
        .optional()?)
}

/// Keeps `logo`, replacing the one before.
pub fn set(conn: &Conn, logo: &StoredLogo, now: DateTime<Utc>) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO company_logo (id, media_type, bytes, width, height, updated_at) VALUES (1, ?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (id) DO UPDATE SET media_type = excluded.media_type, bytes = excluded.bytes,
             width = excluded.width, height = excluded.height, updated_at = excluded.updated_at",
    )?
    .execute(params![logo.media_type, logo.bytes, logo.width, logo.height, timestamp(now)])?;
    Ok(())
}

/// Removes the logo; true when there was one.
pub fn remove(conn: &Conn) -> Result<bool> {
    Ok(conn.execute("DELETE FROM company_logo WHERE id = 1", [])? > 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    fn logo(media_type: &str, len: usize, side: u32) -> StoredLogo {
        StoredLogo { media_type: media_type.into(), bytes: vec![7; len], width: side, height: side }
    }

    #[test]
    fn one_logo_replaced_removed_and_checked_by_sqlite() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let store = Store::open(&dir.path().join("relance.sqlite3")).unwrap_or_else(|e| panic!("{e}"));
        let conn = store.conn();
        assert_eq!(get(conn).unwrap_or_else(|e| panic!("{e}")), None);
        set(conn, &logo("image/png", 10, 32), Utc::now()).unwrap_or_else(|e| panic!("{e}"));
        set(conn, &logo("image/jpeg", 20, 64), Utc::now()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(get(conn).unwrap_or_else(|e| panic!("{e}")), Some(logo("image/jpeg", 20, 64)));
        // What must never be stored is refused by the table itself.
        assert!(set(conn, &logo("image/svg+xml", 10, 32), Utc::now()).is_err());
        assert!(set(conn, &logo("image/png", 1024 * 1024 + 1, 32), Utc::now()).is_err());
        assert!(set(conn, &logo("image/png", 0, 32), Utc::now()).is_err());
        assert!(set(conn, &logo("image/png", 10, 4001), Utc::now()).is_err());
        assert_eq!(get(conn).unwrap_or_else(|e| panic!("{e}")), Some(logo("image/jpeg", 20, 64)));
        assert!(remove(conn).unwrap_or_else(|e| panic!("{e}")));
        assert!(!remove(conn).unwrap_or_else(|e| panic!("{e}")));
        assert_eq!(get(conn).unwrap_or_else(|e| panic!("{e}")), None);
    }
}
