//! `relance email`: a customer's letter as an e-mail draft (.eml) to open in a mail program.

use relance_app::letters::{LetterKind, LettersError};
use relance_app::mail::MailError;
use relance_app::Context;
use relance_domain::company::Language;
use relance_domain::ids::CustomerId;

use crate::args::{Cli, EmailArgs};
use crate::human::{print, tr};
use crate::session;

pub fn draft(cli: &Cli, a: &EmailArgs, lang: Language) -> anyhow::Result<()> {
    let ctx = session::open(cli, lang)?;
    let as_of = ctx.clock().today();
    let customer = CustomerId(a.customer);
    let kind = match a.kind.as_deref().and_then(LetterKind::from_code) {
        Some(kind) => kind,
        None => relance_app::mail::kind_for(&ctx, customer, as_of)?,
    };
    let draft = match relance_app::mail::draft(&ctx, customer, kind, as_of) {
        Ok(d) => d,
        Err(MailError::Letter(LettersError::App(e))) => return Err(e.into()),
        Err(e) => anyhow::bail!(relance_wire::mail::mail_error(&e, lang).message),
    };
    std::fs::write(&a.out, &draft.eml)
        .map_err(|e| anyhow::anyhow!("{} {}: {e}", tr(lang, "impossible d'écrire", "cannot write"), a.out.display()))?;
    if cli.json {
        let value = serde_json::json!({
            "file": a.out.display().to_string(),
            "kind": match kind { LetterKind::Reminder => "reminder", LetterKind::Notice => "notice" },
            "to": draft.to,
            "subject": draft.subject,
            "attachment": draft.attachment_name,
            "bytes": draft.eml.len(),
        });
        return crate::commands::print_json(&value);
    }
    print(&match lang {
        Language::Fr => format!(
            "Brouillon écrit dans {} pour {} : « {} ». Ouvrez-le dans votre messagerie pour l'envoyer.",
            a.out.display(),
            draft.to,
            draft.subject
        ),
        Language::En => format!(
            "Draft written to {} for {}: “{}”. Open it in your mail program to send it.",
            a.out.display(),
            draft.to,
            draft.subject
        ),
    });
    Ok(())
}
