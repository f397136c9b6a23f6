//! `relance letter --kind statement|agreement`: a customer's account statement at `--as-of`, or an
//! installment plan's agreement, as a PDF.

use relance_app::letters::LettersError;
use relance_app::Context;
use relance_domain::company::Language;
use relance_domain::ids::CustomerId;
use relance_domain::plan::PlanId;

use crate::args::{Cli, LetterArgs};
use crate::human::{amount, print, tr};
use crate::session;

pub fn document(cli: &Cli, a: &LetterArgs, lang: Language) -> anyhow::Result<()> {
    let ctx = session::open(cli, lang)?;
    let as_of = ctx.clock().today();
    let made = match (a.kind.as_str(), a.customer, a.plan) {
        ("statement", Some(c), _) => relance_app::letters::statement(&ctx, CustomerId(c), as_of),
        ("statement", None, _) => {
            anyhow::bail!(tr(
                lang,
                "--customer est requis pour un relevé de compte",
                "--customer is needed for an account statement"
            ))
        }
        (_, _, Some(p)) => relance_app::letters::plan_agreement(&ctx, PlanId(p), as_of),
        (_, _, None) => {
            anyhow::bail!(tr(
                lang,
                "--plan est requis pour un accord d'échéancier",
                "--plan is needed for an installment plan agreement"
            ))
        }
    };
    let letter = match made {
        Ok(l) => l,
        Err(LettersError::App(e)) => return Err(e.into()),
        Err(LettersError::NothingDue) => {
            anyhow::bail!(tr(lang, "rien à mettre dans ce document", "nothing to put in this document"))
        }
        Err(LettersError::Render(e)) => anyhow::bail!(
            "{} {e}",
            tr(lang, "le document n'a pas pu être mis en page :", "the document could not be laid out:")
        ),
    };
    std::fs::write(&a.out, &letter.pdf)
        .map_err(|e| anyhow::anyhow!("{} {}: {e}", tr(lang, "impossible d'écrire", "cannot write"), a.out.display()))?;
    if cli.json {
        let value = serde_json::json!({
            "file": a.out.display().to_string(),
            "kind": a.kind,
            "as_of": as_of.to_string(),
            "pages": letter.pages,
            "bytes": letter.pdf.len(),
            "total_due": letter.total_due.to_string(),
        });
        return crate::commands::print_json(&value);
    }
    let statement = a.kind == "statement";
    let pages = letter.pages;
    let s = if pages > 1 { "s" } else { "" };
    let total = amount(letter.total_due, lang);
    print(&match (lang, statement) {
        (Language::Fr, true) => {
            format!("Relevé de compte écrit : {} ({pages} page{s}, solde à régler {total}).", a.out.display())
        }
        (Language::Fr, false) => {
            format!("Accord d'échéancier écrit : {} ({pages} page{s}, total {total}).", a.out.display())
        }
        (Language::En, true) => {
            format!("Account statement written: {} ({pages} page{s}, balance to pay {total}).", a.out.display())
        }
        (Language::En, false) => {
            format!("Installment plan agreement written: {} ({pages} page{s}, total {total}).", a.out.display())
        }
    });
    Ok(())
}
