//! `relance letter`: one customer's reminder or mise en demeure as a PDF; `relance letters`: the day's
//! letters in one PDF, recorded; `relance bench-letters`.

use std::time::Instant;

use relance_app::day_letters::{self, DayLettersError, Unprintable};
use relance_app::letters::{LetterKind, LettersError};
use relance_app::Context;
use relance_domain::company::Language;
use relance_domain::ids::CustomerId;
use relance_letters::{sample, Document, ReminderLevel};

use crate::args::{BenchLettersArgs, Cli, LetterArgs, LettersArgs};
use crate::human::{amount, print, tr};
use crate::session;

fn level_label(level: ReminderLevel, lang: Language) -> &'static str {
    match level {
        ReminderLevel::PreDue => tr(lang, "rappel d'échéance", "upcoming due dates"),
        ReminderLevel::Friendly => tr(lang, "relance amicale", "friendly reminder"),
        ReminderLevel::Firm => tr(lang, "relance ferme", "firm reminder"),
    }
}

pub fn letter(cli: &Cli, a: &LetterArgs, lang: Language) -> anyhow::Result<()> {
    if matches!(a.kind.as_str(), "statement" | "agreement" | "dossier") {
        return crate::documents::document(cli, a, lang);
    }
    let Some(customer) = a.customer else {
        anyhow::bail!(tr(lang, "--customer est requis pour cette lettre", "--customer is needed for this letter"));
    };
    let ctx = session::open(cli, lang)?;
    let as_of = ctx.clock().today();
    let kind = LetterKind::from_code(&a.kind).unwrap_or(LetterKind::Reminder);
    let letter = match relance_app::letters::for_customer(&ctx, CustomerId(customer), kind, as_of) {
        Ok(l) => l,
        Err(LettersError::App(e)) => return Err(e.into()),
        Err(LettersError::NothingDue) => {
            anyhow::bail!(match kind {
                LetterKind::Reminder =>
                    tr(lang, "ce client n'a aucune facture impayée", "this customer has no unpaid invoice"),
                LetterKind::Notice => tr(
                    lang,
                    "ce client n'a aucune facture en retard : pas de mise en demeure",
                    "this customer has no late invoice: no formal notice"
                ),
            })
        }
        Err(LettersError::NoNotice) => anyhow::bail!(tr(
            lang,
            "aucune mise en demeure n'a été envoyée à ce client",
            "no formal notice was sent to this customer"
        )),
        Err(LettersError::Render(e)) => {
            anyhow::bail!(
                "{} {e}",
                tr(lang, "la lettre n'a pas pu être mise en page :", "the letter could not be laid out:")
            )
        }
    };
    std::fs::write(&a.out, &letter.pdf)
        .map_err(|e| anyhow::anyhow!("{} {}: {e}", tr(lang, "impossible d'écrire", "cannot write"), a.out.display()))?;
    if cli.json {
        let level = letter.level.map(|l| match l {
            ReminderLevel::PreDue => "pre_due",
            ReminderLevel::Friendly => "friendly",
            ReminderLevel::Firm => "firm",
        });
        let value = serde_json::json!({
            "file": a.out.display().to_string(),
            "kind": a.kind,
            "level": level,
            "pages": letter.pages,
            "bytes": letter.pdf.len(),
            "total_due": letter.total_due.to_string(),
        });
        return crate::commands::print_json(&value);
    }
    let what = match letter.level {
        Some(level) => level_label(level, lang),
        None => tr(lang, "mise en demeure", "formal notice"),
    };
    let pages = letter.pages;
    print(&match lang {
        Language::Fr => format!(
            "Lettre écrite : {} ({what}, {pages} page{}, montant dû {}).",
            a.out.display(),
            if pages > 1 { "s" } else { "" },
            amount(letter.total_due, lang)
        ),
        Language::En => format!(
            "Letter written: {} ({what}, {pages} page{}, amount due {}).",
            a.out.display(),
            if pages > 1 { "s" } else { "" },
            amount(letter.total_due, lang)
        ),
    });
    Ok(())
}

/// Lays out `n` reminder letters of sample customers, renders them as one PDF, prints time and size.
pub fn bench(a: &BenchLettersArgs, lang: Language) -> anyhow::Result<()> {
    let logo_bytes = match (&a.logo, a.sample_logo) {
        (Some(path), _) => Some(std::fs::read(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?),
        (None, true) => Some(relance_letters::logo::sample_png(600, 200)),
        (None, false) => None,
    };
    let logo = match logo_bytes {
        Some(bytes) => {
            Some(std::sync::Arc::new(relance_letters::Logo::check(&bytes).map_err(|e| anyhow::anyhow!("logo: {e}"))?))
        }
        None => None,
    };
    let start = Instant::now();
    let levels = [ReminderLevel::PreDue, ReminderLevel::Friendly, ReminderLevel::Firm];
    let mut letters = Vec::with_capacity(a.letters as usize);
    for n in 0..a.letters {
        let level = levels[n as usize % levels.len()];
        let mut data = sample::reminder(&format!("Client n° {n} — Boulangerie Ménard & Fils"), level);
        data.creditor.logo = logo.clone();
        letters.push(relance_letters::reminder(&data)?);
    }
    let doc = Document::batch("Relances", letters);
    let laid_out = start.elapsed();
    let pdf = relance_letters::to_pdf(&doc)?;
    let total = start.elapsed();
    let pages = doc.pages.len().max(1);
    print(&match lang {
        Language::Fr => format!(
            "{} lettres{}, {pages} pages : mise en page {} ms, total {} ms (cible < 5 000 ms) ; {} Ko, {} Ko par page en moyenne (cible < 40 Ko).",
            a.letters,
            logo.as_ref().map(|l| format!(" avec un logo de {} × {} pixels ({} Ko)", l.width, l.height, l.bytes.len() / 1024)).unwrap_or_default(),
            laid_out.as_millis(),
            total.as_millis(),
            pdf.len() / 1024,
            pdf.len() / pages / 1024
        ),
        Language::En => format!(
            "{} letters{}, {pages} pages: layout {} ms, total {} ms (target < 5,000 ms); {} KB, {} KB a page on average (target < 40 KB).",
            a.letters,
            logo.as_ref().map(|l| format!(" with a {} x {} pixel logo ({} KB)", l.width, l.height, l.bytes.len() / 1024)).unwrap_or_default(),
            laid_out.as_millis(),
            total.as_millis(),
            pdf.len() / 1024,
            pdf.len() / pages / 1024
        ),
    });
    Ok(())
}

fn kind_label(kind: LetterKind, level: Option<ReminderLevel>, lang: Language) -> &'static str {
    match (kind, level) {
        (LetterKind::Reminder, Some(level)) => level_label(level, lang),
        (LetterKind::Reminder, None) => tr(lang, "relance", "reminder"),
        (LetterKind::Notice, _) => tr(lang, "mise en demeure", "formal notice"),
    }
}

fn unprintable(reason: &Unprintable, lang: Language) -> String {
    match reason {
        Unprintable::Penalty(p) => relance_wire::messages::penalty(p, lang),
        Unprintable::NothingDue => {
            tr(lang, "plus rien à réclamer à ce client à cette date", "nothing left to claim from this customer")
                .to_string()
        }
        Unprintable::Render(e) => {
            format!("{} {e}", tr(lang, "la lettre n'a pas pu être mise en page :", "the letter could not be laid out:"))
        }
    }
}

/// `relance letters --out FILE.pdf`: the day's letters in one PDF, recorded (see `day_letters`).
pub fn day(cli: &Cli, a: &LettersArgs, lang: Language) -> anyhow::Result<()> {
    let mut ctx = session::open(cli, lang)?;
    let as_of = ctx.clock().today();
    let start = Instant::now();
    let out = a.out.clone();
    let batch = match day_letters::print_day(&mut ctx, as_of, |pdf| std::fs::write(&out, pdf)) {
        Ok(b) => b,
        Err(DayLettersError::App(e)) => return Err(e.into()),
        Err(DayLettersError::Render(e)) => anyhow::bail!(
            "{} {e}",
            tr(lang, "les lettres n'ont pas pu être mises en page :", "the letters could not be laid out:")
        ),
        Err(DayLettersError::Save(e)) => anyhow::bail!(
            "{} {} : {e} ; {}",
            tr(lang, "impossible d'écrire", "cannot write"),
            a.out.display(),
            tr(lang, "rien n'a été enregistré", "nothing was recorded")
        ),
    };
    let elapsed = start.elapsed();
    if cli.json {
        let printed: Vec<_> = batch
            .printed
            .iter()
            .map(|p| {
                serde_json::json!({
                    "customer": p.customer.0,
                    "name": p.customer_name,
                    "kind": match p.kind { LetterKind::Reminder => "reminder", LetterKind::Notice => "notice" },
                    "level": p.level.map(level_code),
                    "invoices": p.invoice_numbers,
                    "total_due": p.total_due.to_string(),
                    "first_page": p.first_page,
                    "pages": p.pages,
                    "copy": p.copy_id,
                    "sha256": p.sha256,
                })
            })
            .collect();
        let not_printed: Vec<_> = batch
            .not_printed
            .iter()
            .map(|n| {
                serde_json::json!({
                    "customer": n.customer.0,
                    "name": n.customer_name,
                    "kind": match n.kind { LetterKind::Reminder => "reminder", LetterKind::Notice => "notice" },
                    "reason": unprintable(&n.reason, lang),
                })
            })
            .collect();
        let value = serde_json::json!({
            "as_of": as_of.to_string(),
            "file": (!batch.printed.is_empty()).then(|| a.out.display().to_string()),
            "pages": batch.pages,
            "bytes": batch.pdf.len(),
            "millis": elapsed.as_millis() as u64,
            "printed": printed,
            "not_printed": not_printed,
        });
        return crate::commands::print_json(&value);
    }
    let n = batch.printed.len();
    if n == 0 {
        print(tr(lang, "Aucune lettre à imprimer ce jour-là.", "No letter to print that day."));
    } else {
        print(&match lang {
            Language::Fr => format!(
                "{n} lettre{s} imprimée{s} dans {} ({} pages, {} Ko, {} ms) et enregistrée{s} comme faite{s} :",
                a.out.display(),
                batch.pages,
                batch.pdf.len() / 1024,
                elapsed.as_millis(),
                s = if n > 1 { "s" } else { "" }
            ),
            Language::En => format!(
                "{n} letter{s} printed in {} ({} pages, {} KB, {} ms) and recorded as done:",
                a.out.display(),
                batch.pages,
                batch.pdf.len() / 1024,
                elapsed.as_millis(),
                s = if n > 1 { "s" } else { "" }
            ),
        });
        for p in &batch.printed {
            print(&format!(
                "  {} — {} ({}) {} — p. {}",
                p.customer_name,
                kind_label(p.kind, p.level, lang),
                p.invoice_numbers.join(", "),
                amount(p.total_due, lang),
                p.first_page
            ));
        }
    }
    if !batch.not_printed.is_empty() {
        print(tr(
            lang,
            "Lettres non imprimées (elles restent dans l'agenda) :",
            "Letters not printed (they stay in the agenda):",
        ));
        for np in &batch.not_printed {
            print(&format!(
                "  {} — {} : {}",
                np.customer_name,
                kind_label(np.kind, None, lang),
                unprintable(&np.reason, lang)
            ));
        }
    }
    Ok(())
}

fn level_code(level: ReminderLevel) -> &'static str {
    match level {
        ReminderLevel::PreDue => "pre_due",
        ReminderLevel::Friendly => "friendly",
        ReminderLevel::Firm => "firm",
    }
}
