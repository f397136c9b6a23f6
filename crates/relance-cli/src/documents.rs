//! `relance letter --kind statement|agreement|dossier`: a customer's account statement at `--as-of`, an
//! installment plan's agreement, or a customer's injonction de payer dossier at `--as-of`, as a PDF.

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
        ("dossier", Some(c), _) => relance_app::letters::injunction_dossier(&ctx, CustomerId(c), as_of),
        ("dossier", None, _) => {
            anyhow::bail!(tr(
                lang,
                "--customer est requis pour un dossier d'injonction de payer",
                "--customer is needed for an injonction de payer dossier"
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
        Err(LettersError::NoNotice) => anyhow::bail!(tr(
            lang,
            "aucune mise en demeure n'a été envoyée à ce client : le dossier d'injonction de payer la suit",
            "no formal notice was sent to this customer: the injonction de payer dossier follows it"
        )),
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
    if a.kind == "dossier" {
        print(&match lang {
            Language::Fr => format!(
                "Dossier d'injonction de payer écrit : {} ({pages} page{s}, total réclamé {total}).",
                a.out.display()
            ),
            Language::En => format!(
                "Injonction de payer dossier written: {} ({pages} page{s}, total claimed {total}).",
                a.out.display()
            ),
        });
        return Ok(());
    }
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
