//! `relance import --kind invoices|customers|payments --file F.csv
//! [--mapping ibm|generic] [--dates jj/mm|mm/jj] [--dry-run]`: the use case
//! `relance_app::import::run`.
//! Prints the counts, or every row in error; a file with errors writes
//! nothing and exits with code 2.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Args, ValueEnum};
use relance_app::import::{self, DateOrder, ImportKind, InvoiceMapping, Preset};
use relance_domain::company::Language;
use relance_wire::import::ImportReportView;

use crate::args::Cli;
use crate::human::{eprint, print, tr};
use crate::session;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Kind {
    /// Invoices, with their customers (and a payment when the file gives a settled date).
    Invoices,
    /// Customers: by their code when the file has one, else by name.
    Customers,
    /// Payments, each on the invoice of its number.
    Payments,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Mapping {
    /// Any spreadsheet with French or English headers (invoices: Client, N° facture, Date, Échéance, Montant TTC;
    /// customers: Nom, Code, E-mail, Téléphone, SIREN; payments: N° facture, Date, Montant, Référence).
    Generic,
    /// IBM's accounts-receivable sample (customerID, invoiceNumber, InvoiceDate, DueDate, InvoiceAmount, SettledDate).
    Ibm,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Dates {
    /// Day first: 31/01/2026.
    #[value(name = "jj/mm", alias = "dd/mm")]
    DayFirst,
    /// Month first: 1/31/2026.
    #[value(name = "mm/jj", alias = "mm/dd")]
    MonthFirst,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    #[arg(long, value_enum)]
    pub kind: Kind,
    /// The CSV file (`,` `;` or tab; UTF-8 or Windows-1252).
    #[arg(long, value_name = "FILE")]
    pub file: PathBuf,
    #[arg(long, value_enum, default_value = "generic")]
    pub mapping: Mapping,
    /// The order of the dates, when the file does not tell (all days up to 12).
    #[arg(long, value_enum)]
    pub dates: Option<Dates>,
    /// Check the whole file and print what would be imported, writing nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// A file with errors: the report is printed, the exit code says it.
#[derive(Debug, thiserror::Error)]
#[error("import refused")]
pub struct Refused;

pub fn run(cli: &Cli, a: &ImportArgs, lang: Language) -> anyhow::Result<()> {
    let kind = match a.kind {
        Kind::Invoices => ImportKind::Invoices,
        Kind::Customers => ImportKind::Customers,
        Kind::Payments => ImportKind::Payments,
    };
    let bytes = std::fs::read(&a.file).with_context(|| {
        format!("{} « {} »", tr(lang, "impossible de lire le fichier", "cannot read the file"), a.file.display())
    })?;
    let preset = match a.mapping {
        Mapping::Generic => Preset::Generic,
        Mapping::Ibm => Preset::Ibm,
    };
    let order = a.dates.map(|d| match d {
        Dates::DayFirst => DateOrder::DayFirst,
        Dates::MonthFirst => DateOrder::MonthFirst,
    });
    let mut ctx = session::open(cli, lang)?;
    let report = import::run(&mut ctx, kind, &bytes, preset, order, a.dry_run, &mut |_, _| {})?;
    let view = ImportReportView::new(&report, lang);
    if cli.json {
        print(&serde_json::to_string_pretty(&view)?);
    } else if view.errors.is_empty() {
        let head = if view.written {
            tr(lang, "Import terminé :", "Import done:")
        } else {
            tr(lang, "Essai sans rien écrire, l’import ferait :", "Dry run, nothing written; the import would make:")
        };
        print(&format!(
            "{head} {} {}, {} {}, {} {}, {} {}.",
            view.customers_created,
            tr(lang, "client(s) créé(s)", "customer(s) created"),
            view.invoices_created,
            tr(lang, "facture(s) créée(s)", "invoice(s) created"),
            view.payments_created,
            tr(lang, "règlement(s) enregistré(s)", "payment(s) recorded"),
            view.unchanged,
            tr(lang, "ligne(s) déjà à jour", "line(s) already up to date"),
        ));
        if view.disputed_seen > 0 {
            print(&format!(
                "{} {}",
                view.disputed_seen,
                tr(
                    lang,
                    "facture(s) marquée(s) en litige dans le fichier : chaque nouvelle facture garde son litige (ouvert à sa date de facture, clos à son règlement).",
                    "invoice(s) marked disputed in the file: each new invoice keeps its dispute (opened on its invoice date, closed when settled).",
                )
            ));
        }
    } else {
        eprint(&format!(
            "{} {} {}",
            tr(lang, "Import refusé, rien n’a été écrit :", "Import refused, nothing was written:"),
            view.errors.len(),
            tr(lang, "problème(s) à corriger dans le fichier.", "problem(s) to fix in the file."),
        ));
        for e in &view.errors {
            eprint(&format!("  {}", e.message));
        }
        if view.errors.iter().any(|e| e.code == "ambiguous_dates") {
            eprint(tr(
                lang,
                "Indiquez l’ordre des dates avec --dates jj/mm ou --dates mm/jj.",
                "Give the order of the dates with --dates dd/mm or --dates mm/dd.",
            ));
        }
    }
    if view.errors.is_empty() {
        Ok(())
    } else {
        Err(Refused.into())
    }
}

/// The exit code of a refused import (its report is already printed).
pub fn refused_code() -> ExitCode {
    ExitCode::from(2)
}

#[derive(Debug, Args)]
pub struct BenchImportArgs {
    /// Invoices in the generated file (one customer for ten invoices, half of them settled).
    #[arg(long, default_value_t = 100_000, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub rows: u32,
}

/// A generated French export: `;`, dd/mm/yyyy, `1 234,56`.
fn generated(rows: u32) -> Vec<u8> {
    let mut out = String::from("Client;N° facture;Date;Échéance;Montant TTC;Date de paiement\n");
    let start = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default();
    for i in 0..rows {
        let issue = start + chrono::Days::new(u64::from(i % 700));
        let due = issue + chrono::Days::new(30);
        let paid =
            if i % 2 == 0 { (issue + chrono::Days::new(20)).format("%d/%m/%Y").to_string() } else { String::new() };
        let cents = 1_000 + (u64::from(i) * 7_919) % 900_000;
        let euros = cents / 100;
        let amount = if euros >= 1000 {
            format!("{} {:03},{:02}", euros / 1000, euros % 1000, cents % 100)
        } else {
            format!("{euros},{:02}", cents % 100)
        };
        out.push_str(&format!(
            "Client {:05};F-{:07};{};{};{amount};{paid}\n",
            i % (rows / 10).max(1),
            i,
            issue.format("%d/%m/%Y"),
            due.format("%d/%m/%Y"),
        ));
    }
    out.into_bytes()
}

/// Times the import of a generated file into a fresh database, then again.
pub fn bench(a: &BenchImportArgs, lang: Language) -> anyhow::Result<()> {
    let bytes = generated(a.rows);
    let dir = tempfile::tempdir()?;
    let store = session::open_store(dir.path(), lang)?;
    let mut ctx = relance_app::LocalContext::new(store, Box::new(relance_app::SystemClock));
    for pass in [tr(lang, "import", "import"), tr(lang, "réimport (rien ne change)", "re-import (nothing changes)")] {
        let t = std::time::Instant::now();
        let r = import::invoices(&mut ctx, &bytes, &InvoiceMapping::generic(), None, false)?;
        let ms = t.elapsed().as_millis();
        anyhow::ensure!(r.errors.is_empty(), "{:?}", r.errors.first());
        print(&format!(
            "{pass} : {} {} ({} Mo) {} {ms} ms ; {} {}, {} {}, {} {}",
            a.rows,
            tr(lang, "lignes", "rows"),
            bytes.len() / 1_000_000,
            tr(lang, "en", "in"),
            r.invoices_created,
            tr(lang, "factures créées", "invoices created"),
            r.payments_created,
            tr(lang, "règlements", "payments"),
            r.unchanged,
            tr(lang, "inchangées", "unchanged"),
        ));
    }
    Ok(())
}
