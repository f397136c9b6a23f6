//! Checks of French and European identifiers: SIREN, SIRET, VAT number,
//! IBAN, BIC. A typo caught here saves a returned registered letter.

use crate::validation::{Field, Issue, Problem};

fn digits_only(raw: &str) -> String {
    raw.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Luhn checksum, used by SIREN and SIRET.
fn luhn_ok(digits: &str) -> bool {
    let mut sum = 0u32;
    for (i, c) in digits.chars().rev().enumerate() {
        let Some(mut d) = c.to_digit(10) else {
            return false;
        };
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    sum.is_multiple_of(10)
}

fn numeric_id(field: Field, raw: &str, len: usize, expected: &'static str) -> Result<Option<String>, Issue> {
    let d = digits_only(raw);
    if d.is_empty() {
        return Ok(None);
    }
    if d.len() != len || !d.chars().all(|c| c.is_ascii_digit()) {
        return Err(Issue::new(field, Problem::InvalidFormat { expected }));
    }
    // La Poste's establishments are the one documented exception to Luhn.
    if !luhn_ok(&d) && !d.starts_with("356000000") {
        return Err(Issue::new(field, Problem::InvalidChecksum));
    }
    Ok(Some(d))
}

/// SIREN: 9 digits with a Luhn key. Empty means not given.
pub fn siren(field: Field, raw: &str) -> Result<Option<String>, Issue> {
    numeric_id(field, raw, 9, "123 456 789")
}

/// SIRET: 14 digits with a Luhn key. Empty means not given.
pub fn siret(field: Field, raw: &str) -> Result<Option<String>, Issue> {
    numeric_id(field, raw, 14, "123 456 789 00012")
}

/// Intra-community VAT number: two letters then 2 to 13 letters or digits.
/// French numbers (FR + 2-digit key + SIREN) have their key checked.
pub fn vat_number(field: Field, raw: &str) -> Result<Option<String>, Issue> {
    let v: String = digits_only(raw).to_ascii_uppercase();
    if v.is_empty() {
        return Ok(None);
    }
    let bad = || Issue::new(field, Problem::InvalidFormat { expected: "FR 12 123456789" });
    let (country, rest) = v.split_at_checked(2).ok_or_else(bad)?;
    if !country.chars().all(|c| c.is_ascii_uppercase())
        || rest.len() < 2
        || rest.len() > 13
        || !rest.chars().all(|c| c.is_ascii_alphanumeric())
    {
        return Err(bad());
    }
    if country == "FR" && rest.len() == 11 && rest.chars().all(|c| c.is_ascii_digit()) {
        let key: u64 = rest[..2].parse().map_err(|_| bad())?;
        let siren: u64 = rest[2..].parse().map_err(|_| bad())?;
        if key != (12 + 3 * (siren % 97)) % 97 {
            return Err(Issue::new(field, Problem::InvalidChecksum));
        }
    }
    Ok(Some(v))
}

/// IBAN: country, check digits and account, checked with ISO 7064 mod 97.
pub fn iban(field: Field, raw: &str) -> Result<Option<String>, Issue> {
    let v: String = digits_only(raw).to_ascii_uppercase();
    if v.is_empty() {
        return Ok(None);
    }
    let bad = || Issue::new(field, Problem::InvalidFormat { expected: "FR76 3000 6000 0112 3456 7890 189" });
    if v.len() < 15 || v.len() > 34 || !v.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(bad());
    }
    let b = v.as_bytes();
    if !b[0].is_ascii_uppercase() || !b[1].is_ascii_uppercase() || !b[2].is_ascii_digit() || !b[3].is_ascii_digit() {
        return Err(bad());
    }
    let rearranged = format!("{}{}", &v[4..], &v[..4]);
    let mut rem: u32 = 0;
    for c in rearranged.chars() {
        let n = if c.is_ascii_digit() { c as u32 - '0' as u32 } else { c as u32 - 'A' as u32 + 10 };
        rem = if n >= 10 { (rem * 100 + n) % 97 } else { (rem * 10 + n) % 97 };
    }
    if rem != 1 {
        return Err(Issue::new(field, Problem::InvalidChecksum));
    }
    Ok(Some(v))
}

/// BIC: 8 or 11 characters, bank (4 letters), country (2 letters), location, branch.
pub fn bic(field: Field, raw: &str) -> Result<Option<String>, Issue> {
    let v: String = digits_only(raw).to_ascii_uppercase();
    if v.is_empty() {
        return Ok(None);
    }
    let ok = (v.len() == 8 || v.len() == 11)
        && v[..6].chars().all(|c| c.is_ascii_uppercase())
        && v[6..].chars().all(|c| c.is_ascii_alphanumeric());
    if ok {
        Ok(Some(v))
    } else {
        Err(Issue::new(field, Problem::InvalidFormat { expected: "BNPAFRPPXXX" }))
    }
}

/// A plausible e-mail address (one `@`, a dot in the domain, no spaces).
pub fn email(field: Field, raw: &str) -> Result<Option<String>, Issue> {
    let v = raw.trim();
    if v.is_empty() {
        return Ok(None);
    }
    let ok = v.len() <= 254
        && !v.contains(char::is_whitespace)
        && v.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
        });
    if ok {
        Ok(Some(v.to_string()))
    } else {
        Err(Issue::new(field, Problem::InvalidFormat { expected: "nom@exemple.fr" }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_identifiers_pass() {
        // Public identifiers of well-known French companies.
        assert_eq!(siren(Field::Siren, "552 081 317").unwrap().as_deref(), Some("552081317"));
        assert!(siret(Field::Siret, "732 829 320 00074").is_ok());
        assert!(vat_number(Field::VatNumber, "FR 03 552081317").is_ok());
        assert!(iban(Field::Iban, "FR76 3000 6000 0112 3456 7890 189").is_ok());
        assert!(bic(Field::Bic, "BNPAFRPP").is_ok());
        assert!(bic(Field::Bic, "BNPAFRPPXXX").is_ok());
        assert!(email(Field::Email, "compta@exemple.fr").is_ok());
        assert_eq!(siren(Field::Siren, "  ").unwrap(), None);
    }

    #[test]
    fn typos_are_caught() {
        assert_eq!(siren(Field::Siren, "552 081 318").unwrap_err().problem, Problem::InvalidChecksum);
        assert!(matches!(siren(Field::Siren, "55208131").unwrap_err().problem, Problem::InvalidFormat { .. }));
        assert_eq!(vat_number(Field::VatNumber, "FR 04 552081317").unwrap_err().problem, Problem::InvalidChecksum);
        assert_eq!(
            iban(Field::Iban, "FR76 3000 6000 0112 3456 7890 188").unwrap_err().problem,
            Problem::InvalidChecksum
        );
        assert!(bic(Field::Bic, "BNP").is_err());
        assert!(email(Field::Email, "pas une adresse").is_err());
        assert!(email(Field::Email, "a@b").is_err());
    }
}
