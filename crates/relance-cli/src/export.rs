//! `relance export --kind customers|invoices|payments|aging|agenda|kpis
//! [--as-of D] [--format fr|en] --out F.csv`: the use case
//! `relance_app::export`. Prints « N lignes écrites dans F ».

use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Args, ValueEnum};
use relance_app::export::{self, ExportError, Format};
use relance_app::Context as _;
use relance_domain::company::Language;

use crate::args::Cli;
use crate::human::{print, tr};
use crate::session;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Kind {
    /// Every customer, archived ones too.
    Customers,
    /// Every invoice with what is settled and what remains.
    Invoices,
    /// Every payment and credit note.
    Payments,
    /// The aged balance per customer at --as-of: not due, 1-30, 31-60, 61-90, over 90 days late.
    Aging,
    /// The agenda at --as-of: customer, action, level, invoices, amount.
    Agenda,
    /// The dashboard's figures at --as-of, one a row: figure, value, unit, invoices.
    Kpis,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    /// `;`, 1234,56, dd/mm/yyyy, UTF-8 with BOM (Excel in French).
    Fr,
    /// `,`, 1234.56, yyyy-mm-dd, UTF-8.
    En,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(long, value_enum)]
    pub kind: Kind,
    /// The file's format (default: the language of the messages).
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// The CSV file to write (replaced if it exists).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
}

pub fn run(cli: &Cli, a: &ExportArgs, lang: Language) -> anyhow::Result<()> {
    let ctx = session::open(cli, lang)?;
    let kind = match a.kind {
        Kind::Customers => export::Kind::Customers,
        Kind::Invoices => export::Kind::Invoices,
        Kind::Payments => export::Kind::Payments,
        Kind::Aging => export::Kind::Aging,
        Kind::Agenda => export::Kind::Agenda,
        Kind::Kpis => export::Kind::Kpis,
    };
    let format = match a.format {
        Some(FormatArg::Fr) => Format::Fr,
        Some(FormatArg::En) => Format::En,
        None if lang == Language::En => Format::En,
        None => Format::Fr,
    };
    let as_of = ctx.clock().today();
    let out = export::export(&ctx, kind, as_of, format).map_err(|e| match e {
        ExportError::App(e) => anyhow::Error::from(e),
        ExportError::Csv(e) => anyhow::Error::from(e),
    })?;
    export::write_file(&a.out, &out).with_context(|| {
        format!("{} « {} »", tr(lang, "impossible d’écrire le fichier", "cannot write the file"), a.out.display())
    })?;
    if cli.json {
        print(&serde_json::json!({ "rows": out.rows, "file": a.out.display().to_string() }).to_string());
    } else {
        print(&format!("{} {} {}", out.rows, tr(lang, "lignes écrites dans", "rows written to"), a.out.display()));
    }
    Ok(())
}
