//! The single row of the company profile.

use chrono::{DateTime, Utc};
use relance_domain::company::{Address, CompanyProfile, Language};
use relance_domain::terms::PaymentTerms;
use relance_domain::validation::Field;
use relance_domain::Currency;
use rusqlite::{named_params, OptionalExtension};

use crate::{timestamp, Conn, Result, StoreError};

pub fn get(conn: &Conn) -> Result<Option<CompanyProfile>> {
    let row = conn
        .query_row(
            "SELECT name, legal_form, siren, siret, vat_number, address_line1, address_line2,
                    postal_code, city, country, email, phone, iban, bic, currency, default_terms, language
             FROM company WHERE id = 1",
            [],
            |r| {
                Ok((
                    (r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?),
                    Address {
                        line1: r.get(5)?,
                        line2: r.get(6)?,
                        postal_code: r.get(7)?,
                        city: r.get(8)?,
                        country: r.get(9)?,
                    },
                    (r.get(10)?, r.get(11)?, r.get(12)?, r.get(13)?),
                    (r.get::<_, String>(14)?, r.get::<_, String>(15)?, r.get::<_, String>(16)?),
                ))
            },
        )
        .optional()?;
    let Some(((name, legal_form, siren, siret, vat_number), address, (email, phone, iban, bic), (cur, terms, lang))) =
        row
    else {
        return Ok(None);
    };
    Ok(Some(CompanyProfile {
        name,
        legal_form,
        siren,
        siret,
        vat_number,
        address,
        email,
        phone,
        iban,
        bic,
        currency: Currency::parse(Field::Currency, &cur)
            .map_err(|_| StoreError::Corrupt(format!("currency {cur:?}")))?,
        default_terms: PaymentTerms::parse(Field::DefaultTerms, &terms)
            .map_err(|_| StoreError::Corrupt(format!("terms {terms:?}")))?,
        language: Language::from_code(&lang).ok_or_else(|| StoreError::Corrupt(format!("language {lang:?}")))?,
    }))
}

pub fn save(conn: &Conn, c: &CompanyProfile, now: DateTime<Utc>) -> Result<()> {
    conn.execute(
        "INSERT INTO company (id, name, legal_form, siren, siret, vat_number, address_line1, address_line2,
                              postal_code, city, country, email, phone, iban, bic, currency, default_terms,
                              language, updated_at)
         VALUES (1, :name, :legal_form, :siren, :siret, :vat, :l1, :l2, :pc, :city, :country, :email, :phone,
                 :iban, :bic, :currency, :terms, :language, :now)
         ON CONFLICT (id) DO UPDATE SET
            name = excluded.name, legal_form = excluded.legal_form, siren = excluded.siren,
            siret = excluded.siret, vat_number = excluded.vat_number, address_line1 = excluded.address_line1,
            address_line2 = excluded.address_line2, postal_code = excluded.postal_code, city = excluded.city,
            country = excluded.country, email = excluded.email, phone = excluded.phone, iban = excluded.iban,
            bic = excluded.bic, currency = excluded.currency, default_terms = excluded.default_terms,
            language = excluded.language, updated_at = excluded.updated_at",
        named_params! {
            ":name": c.name, ":legal_form": c.legal_form, ":siren": c.siren, ":siret": c.siret,
            ":vat": c.vat_number, ":l1": c.address.line1, ":l2": c.address.line2,
            ":pc": c.address.postal_code, ":city": c.address.city, ":country": c.address.country,
            ":email": c.email, ":phone": c.phone, ":iban": c.iban, ":bic": c.bic,
            ":currency": c.currency.code(), ":terms": c.default_terms.code(), ":language": c.language.code(),
            ":now": timestamp(now),
        },
    )?;
    Ok(())
}
