//! The folded form of a name used for search: "Éléonore Dupré" and
//! "eleonore dupre" find each other.

pub fn fold(s: &str) -> String {
    deunicode::deunicode(s).to_lowercase()
}

/// A `LIKE` pattern matching names that contain `query`, with `%` and `_`
/// typed by the user taken literally (escape character `\`).
pub fn contains_pattern(query: &str) -> String {
    let mut p = String::from("%");
    for c in fold(query.trim()).chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}
