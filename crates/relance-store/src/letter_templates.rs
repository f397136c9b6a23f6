//! The user's wording of the letters (migration 0007): only the parts that differ from the
//! default, one row per letter kind, language and part. A missing row is the default text.

use chrono::{DateTime, Utc};
use relance_domain::company::Language;
use relance_domain::letter_templates::{TemplateKind, TemplatePart};
use rusqlite::params;

use crate::{timestamp, Conn, Result, StoreError};

/// One saved part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedText {
    pub kind: TemplateKind,
    pub lang: Language,
    pub part: TemplatePart,
    pub text: String,
}

/// Every saved part, in a stable order. A row the code does not know is refused (`Corrupt`).
pub fn all(conn: &Conn) -> Result<Vec<SavedText>> {
    let mut stmt =
        conn.prepare_cached("SELECT kind, lang, part, body FROM letter_templates ORDER BY kind, lang, part")?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (kind, lang, part, text) = row?;
        let bad = || StoreError::Corrupt(format!("letter template {kind}/{lang}/{part}"));
        out.push(SavedText {
            kind: TemplateKind::from_code(&kind).ok_or_else(bad)?,
            lang: Language::from_code(&lang).filter(|l| l.code() == lang).ok_or_else(bad)?,
            part: TemplatePart::from_code(&part).ok_or_else(bad)?,
            text,
        });
    }
    Ok(out)
}

/// Replaces the saved parts of `kind` in `lang`: each part given with `Some(text)` is stored, each
/// given with `None` goes back to the default (its row removed). Parts not given are left as they are.
pub fn replace(
    conn: &Conn,
    kind: TemplateKind,
    lang: Language,
    parts: &[(TemplatePart, Option<&str>)],
    now: DateTime<Utc>,
) -> Result<()> {
    for (part, text) in parts {
        conn.prepare_cached("DELETE FROM letter_templates WHERE kind = ?1 AND lang = ?2 AND part = ?3")?
            .execute(params![kind.code(), lang.code(), part.code()])?;
        if let Some(text) = text {
            conn.prepare_cached(
                "INSERT INTO letter_templates (kind, lang, part, body, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![kind.code(), lang.code(), part.code(), text, timestamp(now)])?;
        }
    }
    Ok(())
}

/// Removes every saved part of `kind` in `lang` (back to the default wording); how many there were.
pub fn reset(conn: &Conn, kind: TemplateKind, lang: Language) -> Result<usize> {
    Ok(conn
        .prepare_cached("DELETE FROM letter_templates WHERE kind = ?1 AND lang = ?2")?
        .execute(params![kind.code(), lang.code()])?)
}
