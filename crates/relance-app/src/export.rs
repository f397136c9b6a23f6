//! Export to CSV: customers, invoices, payments, the aged balance, the
//! agenda and the dashboard's figures at a date, in French (`;`, `1234,56`, dd/mm/yyyy, UTF-8 with BOM
//! so that Excel reads the accents) or English (`,`, `1234.56`,
//! yyyy-mm-dd, no BOM). Read-only. Money is written from `Money` (a
//! `Decimal`), never through a float. A text cell starting with `=`, `+`,
//! `-`, `@`, a tab or a carriage return is prefixed with `'` so that no
//! spreadsheet reads it as a formula, except a plain phone number or number
//! after `+`/`-` ([`text`]); the csv crate quotes `;`, `,`, quotes and
//! newlines. [`write_file`] writes a temporary file then renames it.

use std::collections::BTreeMap;
use std::io;
use std::path::Path;

use chrono::NaiveDate;
use relance_domain::dunning::Channel;
use relance_domain::payment::PaymentMethod;
use relance_domain::Money;
use relance_store::payments::Receipt;

use crate::{AppError, AppResult, Context};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Customers,
    Invoices,
    Payments,
    Aging,
    Agenda,
    Kpis,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Fr,
    En,
}

/// The CSV text and how many data rows it holds (the header not counted).
#[derive(Debug, Clone)]
pub struct Exported {
    pub bytes: Vec<u8>,
    pub rows: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    App(#[from] AppError),
    #[error("csv: {0}")]
    Csv(#[from] csv::Error),
}

impl From<relance_store::StoreError> for ExportError {
    fn from(e: relance_store::StoreError) -> ExportError {
        ExportError::App(e.into())
    }
}

/// The `kind` of the books at `as_of` (the aged balance and the agenda
/// depend on it; the lists are the books as they stand) in `format`.
pub fn export(ctx: &impl Context, kind: Kind, as_of: NaiveDate, format: Format) -> Result<Exported, ExportError> {
    let mut out = Out::new(format);
    match kind {
        Kind::Customers => customers(ctx, &mut out)?,
        Kind::Invoices => invoices(ctx, &mut out)?,
        Kind::Payments => payments(ctx, &mut out)?,
        Kind::Aging => aging(ctx, as_of, &mut out)?,
        Kind::Agenda => agenda(ctx, as_of, &mut out)?,
        Kind::Kpis => kpis(ctx, as_of, &mut out)?,
    }
    out.finish()
}

struct Out {
    format: Format,
    writer: csv::Writer<Vec<u8>>,
    rows: usize,
}

impl Out {
    fn new(format: Format) -> Out {
        let (delimiter, start) = match format {
            Format::Fr => (b';', b"\xEF\xBB\xBF".to_vec()),
            Format::En => (b',', Vec::new()),
        };
        let writer =
            csv::WriterBuilder::new().delimiter(delimiter).terminator(csv::Terminator::CRLF).from_writer(start);
        Out { format, writer, rows: 0 }
    }

    fn fr(&self) -> bool {
        self.format == Format::Fr
    }

    fn header(&mut self, fr: &[&str], en: &[&str]) -> Result<(), ExportError> {
        let cells = if self.fr() { fr } else { en };
        self.writer.write_record(cells)?;
        Ok(())
    }

    fn row(&mut self, cells: Vec<String>) -> Result<(), ExportError> {
        self.writer.write_record(cells)?;
        self.rows += 1;
        Ok(())
    }

    fn money(&self, m: Money) -> String {
        let s = m.to_string();
        if self.fr() {
            s.replace('.', ",")
        } else {
            s
        }
    }

    fn date(&self, d: NaiveDate) -> String {
        match self.format {
            Format::Fr => d.format("%d/%m/%Y").to_string(),
            Format::En => d.format("%Y-%m-%d").to_string(),
        }
    }

    /// A ratio or a number of days (one decimal, as computed); empty when
    /// there is none (nothing to divide by).
    fn ratio(&self, r: Option<rust_decimal::Decimal>) -> String {
        match r {
            Some(d) if self.fr() => d.to_string().replace('.', ","),
            Some(d) => d.to_string(),
            None => String::new(),
        }
    }

    fn words(&self, fr: &str, en: &str) -> String {
        if self.fr() { fr } else { en }.to_owned()
    }

    fn finish(self) -> Result<Exported, ExportError> {
        let bytes = self.writer.into_inner().map_err(|e| ExportError::Csv(csv::Error::from(e.into_error())))?;
        Ok(Exported { bytes, rows: self.rows })
    }
}

/// User text as a cell that no spreadsheet takes for a formula: the one
/// rule of the export. A cell starting with `=`, `@`, a tab or a carriage
/// return is prefixed with `'`; so is one starting with `+` or `-`, unless
/// what follows is a plain phone number or number (`+33 6 12 34 56 78`,
/// `+33 (0)6 12 34 56 78`, `-12,50`), which the user wants to read as typed.
pub fn text(raw: &str) -> String {
    if formula_like(raw) {
        format!("'{raw}")
    } else {
        raw.to_owned()
    }
}

/// Whether a spreadsheet could read `raw` as a formula (see [`text`]).
pub fn formula_like(raw: &str) -> bool {
    let mut chars = raw.chars();
    match chars.next() {
        Some('=' | '@' | '\t' | '\r') => true,
        Some('+' | '-') => !plain_number(chars.as_str()),
        _ => false,
    }
}

/// Digits in groups, as a phone number or an amount is written: digits,
/// spaces (also no-break ones), `.`, `,` and parentheses, starting with a
/// digit or `(`. No letter (no function or cell name), no operator
/// (`+ - * / ^ & = < > %`), no `:` `!` `|` `;` (ranges, sheets, DDE): at
/// worst a spreadsheet shows it as a number or an error, never runs anything.
fn plain_number(rest: &str) -> bool {
    let starts_well = rest.starts_with(|c: char| c.is_ascii_digit() || c == '(');
    let allowed = |c: char| c.is_ascii_digit() || matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '.' | ',' | '(' | ')');
    starts_well && rest.chars().all(allowed)
}

/// The name offered for an export made on `date`:
/// `relance-factures-2026-11-24.csv` (`relance-invoices-…` in English).
pub fn file_name(kind: Kind, format: Format, date: NaiveDate) -> String {
    let words = match (kind, format) {
        (Kind::Customers, Format::Fr) => "clients",
        (Kind::Customers, Format::En) => "customers",
        (Kind::Invoices, Format::Fr) => "factures",
        (Kind::Invoices, Format::En) => "invoices",
        (Kind::Payments, Format::Fr) => "paiements",
        (Kind::Payments, Format::En) => "payments",
        (Kind::Aging, Format::Fr) => "balance-agee",
        (Kind::Aging, Format::En) => "aged-balance",
        (Kind::Agenda, _) => "agenda",
        (Kind::Kpis, Format::Fr) => "indicateurs",
        (Kind::Kpis, Format::En) => "kpis",
    };
    format!("relance-{words}-{}.csv", date.format("%Y-%m-%d"))
}

/// Writes an export to `dest` whole or not at all: a hidden temporary file
/// in the same folder, fsynced, then renamed over `dest` (a crash or a full
/// disk never leaves half a CSV under the user's name, and an older file of
/// that name stays as it was). On an error the temporary file is removed.
pub fn write_file(dest: &Path, exported: &Exported) -> io::Result<()> {
    let name = dest.file_name().ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?;
    let folder = match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let tmp = folder.join(format!(".{}.{}.tmp", name.to_string_lossy(), std::process::id()));
    crate::backup::write_atomic(dest, &tmp, &exported.bytes)?;
    crate::backup::sync_dir(folder);
    Ok(())
}

fn opt(raw: &Option<String>) -> String {
    raw.as_deref().map(text).unwrap_or_default()
}

fn customers(ctx: &impl Context, out: &mut Out) -> Result<(), ExportError> {
    out.header(
        &[
            "Nom",
            "Type",
            "SIREN",
            "SIRET",
            "N° TVA",
            "Contact",
            "E-mail",
            "Téléphone",
            "Adresse",
            "Complément",
            "Code postal",
            "Ville",
            "Pays",
            "Archivé",
        ],
        &[
            "Name",
            "Kind",
            "SIREN",
            "SIRET",
            "VAT number",
            "Contact",
            "Email",
            "Phone",
            "Address",
            "Address line 2",
            "Postal code",
            "City",
            "Country",
            "Archived",
        ],
    )?;
    for c in relance_store::customers::all(ctx.store().conn())? {
        let d = &c.data;
        let kind = match d.kind {
            relance_domain::customer::CustomerKind::Business => out.words("Professionnel", "Business"),
            relance_domain::customer::CustomerKind::Consumer => out.words("Particulier", "Consumer"),
        };
        let archived = if c.archived { out.words("oui", "yes") } else { out.words("non", "no") };
        out.row(vec![
            text(&d.name),
            kind,
            opt(&d.siren),
            opt(&d.siret),
            opt(&d.vat_number),
            opt(&d.contact_name),
            opt(&d.email),
            opt(&d.phone),
            opt(&d.address.line1),
            opt(&d.address.line2),
            opt(&d.address.postal_code),
            opt(&d.address.city),
            opt(&d.address.country),
            archived,
        ])?;
    }
    Ok(())
}

fn invoices(ctx: &impl Context, out: &mut Out) -> Result<(), ExportError> {
    out.header(
        &[
            "Client",
            "N° facture",
            "Date",
            "Échéance",
            "Montant HT",
            "TVA",
            "Montant TTC",
            "Réglé",
            "Reste dû",
            "Annulée",
        ],
        &[
            "Customer",
            "Invoice number",
            "Issue date",
            "Due date",
            "Amount excl. tax",
            "Tax",
            "Total",
            "Settled",
            "Remaining",
            "Cancelled",
        ],
    )?;
    for i in relance_store::invoices::all(ctx.store().conn())? {
        let remaining = if i.cancelled { Money::ZERO } else { (i.data.total - i.settled).max(Money::ZERO) };
        let cancelled = if i.cancelled { out.words("oui", "yes") } else { out.words("non", "no") };
        out.row(vec![
            text(&i.customer_name),
            text(&i.data.number),
            out.date(i.data.issue_date),
            out.date(i.data.due_date),
            out.money(i.data.amount_excl_tax),
            out.money(i.data.tax_amount),
            out.money(i.data.total),
            out.money(i.settled),
            out.money(remaining),
            cancelled,
        ])?;
    }
    Ok(())
}

fn method_words(out: &Out, m: PaymentMethod) -> String {
    match m {
        PaymentMethod::Transfer => out.words("virement", "transfer"),
        PaymentMethod::Cheque => out.words("chèque", "cheque"),
        PaymentMethod::Card => out.words("carte", "card"),
        PaymentMethod::Cash => out.words("espèces", "cash"),
        PaymentMethod::DirectDebit => out.words("prélèvement", "direct debit"),
        PaymentMethod::Other => out.words("autre", "other"),
    }
}

fn payments(ctx: &impl Context, out: &mut Out) -> Result<(), ExportError> {
    out.header(
        &["Client", "Date", "Type", "Moyen", "Référence", "Montant", "Affecté", "Non affecté"],
        &["Customer", "Date", "Kind", "Method", "Reference", "Amount", "Allocated", "Unallocated"],
    )?;
    for p in relance_store::payments::all(ctx.store().conn())? {
        let (kind, method, reference) = match &p.receipt {
            Receipt::Payment { method, reference } => {
                (out.words("paiement", "payment"), method_words(out, *method), opt(reference))
            }
            Receipt::CreditNote { number, .. } => (out.words("avoir", "credit note"), String::new(), text(number)),
        };
        out.row(vec![
            text(&p.customer_name),
            out.date(p.date),
            kind,
            method,
            reference,
            out.money(p.amount),
            out.money(p.allocated),
            out.money(p.amount - p.allocated),
        ])?;
    }
    Ok(())
}

/// One customer's aged balance: not due, 1-30, 31-60, 61-90, over 90 days late.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgingLine {
    pub buckets: [Money; 5],
}

impl AgingLine {
    pub fn total(&self) -> Money {
        self.buckets.iter().copied().sum()
    }
}

/// The aged balance per customer name at `as_of`, by name: the dashboard's
/// rule (`relance_domain::kpis`, as-of semantics: payments and write-offs
/// after `as_of` not counted), so the file's columns add up to its figures
/// at any date.
pub fn aging_lines(ctx: &impl Context, as_of: NaiveDate) -> AppResult<Vec<(String, AgingLine)>> {
    use relance_domain::kpis::{self, Book, Bucket};
    let conn = ctx.store().conn();
    let rows = relance_store::kpis::rows(conn)?;
    let open = kpis::behind(&Book::from_rows(&rows), &kpis::open_drill(), as_of, &[]);
    let customers: Vec<_> = {
        let mut ids: Vec<_> = open.iter().map(|l| l.customer).collect();
        ids.sort_unstable_by_key(|c| c.0);
        ids.dedup();
        ids
    };
    let names = relance_store::kpis::customer_names(conn, &customers)?;
    // Keyed by the folded name then the name, so that « Éts » sorts with the E's.
    let mut lines: BTreeMap<(String, String), AgingLine> = BTreeMap::new();
    for l in open {
        let name = names.get(&l.customer).cloned().unwrap_or_default();
        let column = Bucket::ALL.iter().position(|b| *b == Bucket::of(l.days_late)).unwrap_or(0);
        lines.entry((relance_store::search_key::fold(&name), name)).or_default().buckets[column] += l.open;
    }
    Ok(lines.into_iter().map(|((_, name), line)| (name, line)).collect())
}

fn aging(ctx: &impl Context, as_of: NaiveDate, out: &mut Out) -> Result<(), ExportError> {
    out.header(
        &["Client", "Non échu", "1 à 30 jours", "31 à 60 jours", "61 à 90 jours", "Plus de 90 jours", "Total"],
        &["Customer", "Not due", "1-30 days", "31-60 days", "61-90 days", "Over 90 days", "Total"],
    )?;
    for (name, line) in aging_lines(ctx, as_of)? {
        let mut cells = vec![text(&name)];
        cells.extend(line.buckets.iter().map(|m| out.money(*m)));
        cells.push(out.money(line.total()));
        out.row(cells)?;
    }
    Ok(())
}

/// The dashboard at `as_of`, one figure a row: what it is, its value, its
/// unit, and how many invoices it stands on when it counts some. The same
/// `dashboard::dashboard` as the screen, so the file says what it shows.
fn kpis(ctx: &impl Context, as_of: NaiveDate, out: &mut Out) -> Result<(), ExportError> {
    out.header(&["Indicateur", "Valeur", "Unité", "Factures"], &["Figure", "Value", "Unit", "Invoices"])?;
    let d = crate::dashboard::dashboard(ctx, as_of, crate::dashboard::DEFAULT_PERIOD_DAYS)?;
    let k = &d.kpis;
    let euro = out.words("€", "EUR");
    let pct = "%".to_owned();
    let days = out.words("jours", "days");
    let count = |n: u32| n.to_string();
    let mut rows: Vec<Vec<String>> = vec![
        vec![out.words("Date des chiffres", "As of"), out.date(as_of), String::new(), String::new()],
        vec![
            out.words("Début de la période (exclu)", "Period start (excluded)"),
            out.date(k.from),
            String::new(),
            String::new(),
        ],
        vec![out.words("Encours clients", "Receivables"), out.money(k.aged.total), euro.clone(), String::new()],
        vec![out.words("Échu non payé", "Overdue"), out.money(k.aged.overdue), euro.clone(), String::new()],
        vec![
            out.words("Part échue de l'encours", "Overdue share"),
            out.ratio(k.aged.overdue_share),
            pct.clone(),
            String::new(),
        ],
    ];
    for b in relance_domain::kpis::Bucket::ALL {
        let (amount, n) = k.aged.bucket(b);
        let name = match b {
            relance_domain::kpis::Bucket::NotDue => out.words("Balance âgée : non échu", "Aged balance: not due"),
            relance_domain::kpis::Bucket::Days1To30 => {
                out.words("Balance âgée : 1 à 30 jours", "Aged balance: 1-30 days")
            }
            relance_domain::kpis::Bucket::Days31To60 => {
                out.words("Balance âgée : 31 à 60 jours", "Aged balance: 31-60 days")
            }
            relance_domain::kpis::Bucket::Days61To90 => {
                out.words("Balance âgée : 61 à 90 jours", "Aged balance: 61-90 days")
            }
            relance_domain::kpis::Bucket::Over90 => {
                out.words("Balance âgée : plus de 90 jours", "Aged balance: over 90 days")
            }
        };
        rows.push(vec![name, out.money(amount), euro.clone(), count(n)]);
    }
    rows.extend([
        vec![
            out.words("Ventes à crédit de la période", "Credit sales of the period"),
            out.money(k.sales),
            euro.clone(),
            String::new(),
        ],
        vec![out.words("DSO (méthode simple)", "DSO (simple)"), out.ratio(k.dso_simple), days.clone(), String::new()],
        vec![
            out.words("DSO (méthode de l'épuisement)", "DSO (countback)"),
            out.ratio(Some(k.dso_countback.days)),
            days.clone(),
            String::new(),
        ],
        vec![
            out.words("Factures payées sur la période", "Invoices paid in the period"),
            out.money(k.paid.amount),
            euro.clone(),
            count(k.paid.paid),
        ],
        vec![
            out.words("dont payées en retard", "of which paid late"),
            String::new(),
            String::new(),
            count(k.paid.paid_late),
        ],
        vec![
            out.words("Part payée en retard", "Share paid late"),
            out.ratio(k.paid.share_late),
            pct.clone(),
            String::new(),
        ],
        vec![
            out.words("Retard moyen des factures payées", "Average days late"),
            out.ratio(k.paid.average_days_late),
            days.clone(),
            String::new(),
        ],
        vec![
            out.words("Retard moyen pondéré par le montant", "Amount-weighted days late"),
            out.ratio(k.paid.weighted_days_late),
            days.clone(),
            String::new(),
        ],
        vec![
            out.words("Efficacité du recouvrement (CEI)", "Collection effectiveness index (CEI)"),
            out.ratio(k.cei.index),
            pct.clone(),
            String::new(),
        ],
        vec![
            out.words("Taux de récupération", "Recovery rate"),
            out.ratio(k.recovery.rate),
            pct.clone(),
            count(k.recovery.invoices),
        ],
        vec![
            out.words("Récupéré sur les factures passées en retard", "Collected on invoices gone overdue"),
            out.money(k.recovery.collected),
            euro.clone(),
            String::new(),
        ],
        vec![
            out.words("Passé en perte (total)", "Written off (total)"),
            out.money(k.written_off.total),
            euro.clone(),
            count(k.written_off.invoices),
        ],
        vec![
            out.words("Passé en perte sur la période", "Written off in the period"),
            out.money(k.written_off.in_period),
            euro.clone(),
            String::new(),
        ],
    ]);
    rows.extend([
        vec![
            out.words("Factures de la période en litige", "Invoices of the period disputed"),
            out.ratio(d.disputed.share),
            pct.clone(),
            count(d.disputed.disputed),
        ],
        vec![
            out.words("En litige ouvert à la date", "Under an open dispute at the date"),
            out.money(d.disputed.open_amount),
            euro.clone(),
            count(d.disputed.open_invoices),
        ],
    ]);
    for p in &k.dso_trend {
        let name = if out.fr() {
            format!("DSO fin {}", p.month_end.format("%m/%Y"))
        } else {
            format!("DSO end of {}", p.month_end.format("%Y-%m"))
        };
        rows.push(vec![name, out.ratio(p.simple), days.clone(), String::new()]);
    }
    for w in &k.forecast.weeks {
        let name = if out.fr() {
            format!("Encaissements attendus du {} au {}", out.date(w.start), out.date(w.end))
        } else {
            format!("Expected cash-in {} to {}", out.date(w.start), out.date(w.end))
        };
        rows.push(vec![name, out.money(w.total), euro.clone(), count(w.items)]);
    }
    rows.push(vec![
        out.words("Encaissements attendus au-delà", "Expected cash-in later"),
        out.money(k.forecast.later),
        euro.clone(),
        String::new(),
    ]);
    for c in &k.top_overdue {
        let name = if out.fr() { "Échu de : " } else { "Overdue of: " };
        rows.push(vec![
            format!("{name}{}", text(d.name(c.customer))),
            out.money(c.overdue),
            euro.clone(),
            count(c.invoices),
        ]);
    }
    for r in rows {
        out.row(r)?;
    }
    Ok(())
}

fn agenda(ctx: &impl Context, as_of: NaiveDate, out: &mut Out) -> Result<(), ExportError> {
    out.header(
        &["Client", "Action", "Niveau", "Factures", "Montant"],
        &["Customer", "Action", "Level", "Invoices", "Amount"],
    )?;
    let view = crate::collections::agenda(ctx, as_of)?;
    for c in &view.agenda.customers {
        let name = view.customer_names.get(&c.customer).cloned().unwrap_or_default();
        for a in &c.actions {
            let action = match a.channel {
                Channel::Letter if a.lead.is_formal_notice => out.words("mise en demeure", "formal notice"),
                Channel::Letter => out.words("lettre", "letter"),
                Channel::Email => out.words("e-mail", "email"),
                Channel::PhoneCall => out.words("appel", "phone call"),
                Channel::Escalation => out.words("décision", "decision"),
            };
            let numbers: Vec<String> =
                a.lines.iter().map(|l| view.invoice_numbers.get(&l.invoice).cloned().unwrap_or_default()).collect();
            let level = format!("{}{:+}", if out.fr() { "J" } else { "D" }, a.lead.offset_days);
            out.row(vec![text(&name), action, level, text(&numbers.join(" ")), out.money(a.total)])?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_a_spreadsheet_would_run_is_prefixed() {
        let prefixed = [
            "=1+1",
            "=HYPERLINK(\"http://x\";\"y\")",
            "@SUM(A1)",
            "@",
            "\tx",
            "\r=1",
            "+",
            "-",
            "+A1",
            "-A1:B2",
            "+1+1",
            "-1+2",
            "+33 6 12-34",
            "-2*3",
            "+1/2",
            "+1^2",
            "-1%",
            "+1&1",
            "+33 6 12 34 56 78 cmd|' /C calc'!A0",
            "+Sheet1!A1",
            "-cmd|x",
            "+ 33 6",
            "+)",
            "-=1",
            "+12;34",
            "+1:2",
        ];
        for cell in prefixed {
            assert!(formula_like(cell), "{cell:?}");
            assert_eq!(text(cell), format!("'{cell}"));
        }
        let as_typed = [
            "+33 6 12 34 56 78",
            "+33 (0)6 12 34 56 78",
            "+33.6.12.34.56.78",
            "+33\u{a0}6\u{a0}12\u{a0}34\u{a0}56\u{a0}78",
            "+33\u{202f}612345678",
            "+41612345678",
            "-12,50",
            "-1 234,56",
            "-5",
            "+(33) 6 12",
            "06 12 34 56 78",
            "Dupont SARL",
            "",
            " =1",
            "a=1",
            "'=1",
        ];
        for cell in as_typed {
            assert!(!formula_like(cell), "{cell:?}");
            assert_eq!(text(cell), cell);
        }
    }

    #[test]
    fn default_file_names_carry_the_kind_and_the_date() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        assert_eq!(file_name(Kind::Invoices, Format::Fr, d), "relance-factures-2026-11-24.csv");
        assert_eq!(file_name(Kind::Aging, Format::Fr, d), "relance-balance-agee-2026-11-24.csv");
        assert_eq!(file_name(Kind::Customers, Format::En, d), "relance-customers-2026-11-24.csv");
        assert_eq!(file_name(Kind::Agenda, Format::En, d), "relance-agenda-2026-11-24.csv");
    }
}
