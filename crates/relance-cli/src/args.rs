//! The command line, as clap reads it. Amounts, dates and terms are taken as
//! text and checked by the domain, so their errors read like the app's.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Largest demo the command accepts: far beyond any small business, small
/// enough to fit in memory.
pub const MAX_DEMO_CUSTOMERS: i64 = 1_000_000;
pub const MAX_DEMO_INVOICES: i64 = 5_000_000;

#[derive(Debug, Parser)]
#[command(name = "relance", version, about = "Relance: chase unpaid invoices from the command line.")]
pub struct Cli {
    /// Folder holding relance.sqlite3 (default: $RELANCE_DATA_DIR, else the platform's data folder).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Print machine-readable JSON (amounts as decimal strings, dates as YYYY-MM-DD).
    #[arg(long, global = true)]
    pub json: bool,

    /// Act as if today were this date (YYYY-MM-DD or DD/MM/YYYY).
    #[arg(long, global = true, value_name = "YYYY-MM-DD")]
    pub as_of: Option<String>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Fill an empty database with an example business (a bakery-supplies wholesaler).
    Demo(DemoArgs),
    /// Customers.
    Customer {
        #[command(subcommand)]
        action: CustomerAction,
    },
    /// Invoices.
    Invoice {
        #[command(subcommand)]
        action: InvoiceAction,
    },
    /// Payments received.
    Payment {
        #[command(subcommand)]
        action: PaymentAction,
    },
    /// List the invoices overdue at --as-of (default: today), with totals.
    Overdue,
    /// Who to chase at --as-of (default: today): one message per customer (and its decision, apart).
    Agenda,
    /// Late-payment penalties of one invoice at --as-of (L441-10: interest and the 40 EUR indemnity).
    Penalties(PenaltiesArgs),
    /// Promises to pay.
    Promise {
        #[command(subcommand)]
        action: PromiseAction,
    },
    /// Installment plans (échéanciers).
    Plan {
        #[command(subcommand)]
        action: PlanAction,
    },
    /// Disputed invoices.
    Dispute {
        #[command(subcommand)]
        action: DisputeAction,
    },
    /// The agenda's actions.
    Action {
        #[command(subcommand)]
        action: ActionAction,
    },
    /// Move an invoice past the reminders, at --as-of: injonction de payer, collection agency, write-off.
    Escalate(EscalateArgs),
    /// The official late-payment rates.
    Rate {
        #[command(subcommand)]
        action: RateAction,
    },
    /// Write a customer's letter at --as-of (default: today) as a PDF: its reminder (at its level in the
    /// agenda) or its mise en demeure.
    Letter(LetterArgs),
    /// Write a customer's letter at --as-of (default: today) as an e-mail draft (.eml: the letter as
    /// the body, its PDF attached, marked as a draft to send): open it in your mail program. Records
    /// nothing: mark the action done once sent.
    Email(EmailArgs),
    /// Print the day's letters at --as-of (default: today): every customer whose message goes by post
    /// (reminder at its level, or mise en demeure) in one PDF; each printed letter is recorded as done
    /// and a copy kept with the customer. A letter that cannot be made is reported and stays in the agenda.
    Letters(LettersArgs),
    /// Benchmark of the letters: lay out and render a batch of reminder letters, print time and size.
    BenchLetters(BenchLettersArgs),
    /// The texts of the letters (pre-due notice, friendly, firm, mise en demeure) in French and English.
    Template {
        #[command(subcommand)]
        action: crate::templates::TemplateAction,
    },
    /// Benchmark: fill a fresh database (a temporary one unless --data-dir is
    /// given), then time the main screens' queries and the start-up. Prints
    /// the figures against their targets; never fails on time.
    Bench(BenchArgs),
    /// Back the books up into a folder (a USB drive): copied, checked, with a manifest; the oldest beyond the kept number deleted.
    Backup(crate::backup::BackupArgs),
    /// Replace the books with a backup, after checking it and showing what it holds; a safety copy is kept.
    Restore(crate::backup::RestoreArgs),
    /// Check a backup file (checksum, integrity) and print what it holds; exit code 1 when damaged.
    Verify(crate::backup::VerifyArgs),
    /// Benchmark: time a backup, a verify and a restore of a generated book; never fails on time.
    BenchBackup(crate::backup::BenchBackupArgs),
    /// Import invoices (their customers, and a payment when settled) from a CSV file: all or nothing; again changes nothing.
    Import(crate::import::ImportArgs),
    /// Export customers, invoices, payments, the aged balance or the agenda at --as-of to a CSV file (fr or en format).
    Export(crate::export::ExportArgs),
    /// Benchmark: time the import of a generated CSV of invoices into a temporary database, then again; never fails on time.
    BenchImport(crate::import::BenchImportArgs),
    /// Receivables figures at --as-of: aging (the aged balance), dso (simple, countback, monthly trend) or kpis (all).
    Report(crate::report::ReportArgs),
    /// Benchmark: time the dashboard's figures on a generated book of --invoices invoices; never fails on time.
    BenchDashboard(crate::report::BenchDashboardArgs),
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    #[arg(long, default_value_t = 40, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=MAX_DEMO_CUSTOMERS))]
    pub customers: u32,
    #[arg(long, default_value_t = 400, value_name = "N",
          value_parser = clap::value_parser!(u32).range(0..=MAX_DEMO_INVOICES))]
    pub invoices: u32,
    /// How many months back the invoices go.
    #[arg(long, default_value_t = 18, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=120))]
    pub months: u32,
    /// The same seed gives the same book.
    #[arg(long, default_value_t = 2026, value_name = "S")]
    pub seed: u64,
}

#[derive(Debug, Subcommand)]
pub enum CustomerAction {
    /// Add a customer; prints its id.
    Add(CustomerAddArgs),
}

#[derive(Debug, Args)]
pub struct CustomerAddArgs {
    #[arg(long)]
    pub name: String,
    /// A private person (B2C) rather than a business.
    #[arg(long)]
    pub consumer: bool,
    /// receipt | net:30 | net_eom:45 | eom_plus:10 (default: the company's).
    #[arg(long)]
    pub terms: Option<String>,
    #[arg(long, value_name = "AMOUNT")]
    pub credit_limit: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum InvoiceAction {
    /// Add an invoice; prints its id.
    Add(InvoiceAddArgs),
}

#[derive(Debug, Args)]
pub struct InvoiceAddArgs {
    /// Customer id.
    #[arg(long, value_name = "ID")]
    pub customer: i64,
    #[arg(long, value_name = "NUM")]
    pub number: String,
    /// Invoice date.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: String,
    /// Total including tax, e.g. 1234.56 or "1 234,56".
    #[arg(long, value_name = "AMOUNT", allow_hyphen_values = true)]
    pub amount: String,
    /// Due date (default: from the customer's terms).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub due: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum PaymentAction {
    /// Record a payment, applied to --invoice or else to the oldest invoices first.
    Add(PaymentAddArgs),
}

#[derive(Debug, Args)]
pub struct PaymentAddArgs {
    /// Customer id.
    #[arg(long, value_name = "ID")]
    pub customer: i64,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: String,
    #[arg(long, value_name = "AMOUNT", allow_hyphen_values = true)]
    pub amount: String,
    /// Apply the payment to this invoice number (what exceeds it stays as credit).
    #[arg(long, value_name = "NUM")]
    pub invoice: Option<String>,
    /// transfer | cheque | card | cash | direct_debit | other (default: transfer).
    #[arg(long, value_name = "M")]
    pub method: Option<String>,
}

#[derive(Debug, Args)]
pub struct BenchArgs {
    #[arg(long, default_value_t = 10_000, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=MAX_DEMO_CUSTOMERS))]
    pub customers: u32,
    #[arg(long, default_value_t = 100_000, value_name = "N",
          value_parser = clap::value_parser!(u32).range(0..=MAX_DEMO_INVOICES))]
    pub invoices: u32,
    #[arg(long, default_value_t = 2026, value_name = "S")]
    pub seed: u64,
    /// Timed runs per query (the median is shown).
    #[arg(long, default_value_t = 20, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub runs: u32,
}

#[derive(Debug, Args)]
pub struct PenaltiesArgs {
    #[arg(long, value_name = "NUM")]
    pub invoice: String,
}

#[derive(Debug, Subcommand)]
pub enum PromiseAction {
    /// Record "will pay AMOUNT by DATE"; reminders on its invoices pause until then. Prints its id.
    Add(PromiseAddArgs),
    /// Withdraw an open promise: its invoices' reminders resume.
    Cancel(PromiseCancelArgs),
}

#[derive(Debug, Subcommand)]
pub enum PlanAction {
    /// Agree an installment plan over open invoices; their reminders pause while it runs. Prints its id.
    Create(PlanCreateArgs),
    /// A plan at --as-of: each installment paid, partly paid, to come or late.
    Show(PlanShowArgs),
    /// Record that a plan broke (an installment unpaid after the grace days) and resume its invoices'
    /// reminders at --level (default: the formal notice).
    Default(PlanDefaultArgs),
    /// Record the notice (before its date) or reminder (once late) of an installment proposed by
    /// `agenda` at --as-of as done through a channel; never proposed again for that installment.
    Done(PlanDoneArgs),
    /// Record the installment's notice or reminder of --as-of as deliberately not done.
    Skip(PlanSkipArgs),
    /// Propose the installment's notice or reminder of --as-of again on a later day.
    Postpone(PlanPostponeArgs),
}

#[derive(Debug, Args)]
pub struct PlanDoneArgs {
    /// Plan id.
    pub id: i64,
    /// Installment number (0 for the down payment).
    #[arg(long, value_name = "N")]
    pub installment: u32,
    /// letter | email | phone
    #[arg(long, value_name = "CHANNEL")]
    pub channel: String,
}

#[derive(Debug, Args)]
pub struct PlanSkipArgs {
    /// Plan id.
    pub id: i64,
    /// Installment number (0 for the down payment).
    #[arg(long, value_name = "N")]
    pub installment: u32,
    #[arg(long, value_name = "TEXT")]
    pub reason: String,
}

#[derive(Debug, Args)]
pub struct PlanPostponeArgs {
    /// Plan id.
    pub id: i64,
    /// Installment number (0 for the down payment).
    #[arg(long, value_name = "N")]
    pub installment: u32,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub until: String,
}

#[derive(Debug, Args)]
pub struct PlanDefaultArgs {
    /// Plan id.
    pub id: i64,
    /// The reminder level to resume at (a level key of the customer's policy, e.g. reminder_2).
    #[arg(long, value_name = "KEY")]
    pub level: Option<String>,
}

#[derive(Debug, Args)]
pub struct PlanCreateArgs {
    /// Customer id.
    #[arg(long, value_name = "ID")]
    pub customer: i64,
    /// Invoice numbers, comma-separated.
    #[arg(long, value_name = "N1,N2", value_delimiter = ',', required = true)]
    pub invoices: Vec<String>,
    /// Number of installments (after the down payment).
    #[arg(long, value_name = "K", required_unless_present = "amount", conflicts_with = "amount")]
    pub installments: Option<u32>,
    /// Amount per installment instead of a number of installments.
    #[arg(long, value_name = "AMOUNT")]
    pub amount: Option<String>,
    /// Date of the first installment.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub first: String,
    /// week | two_weeks | month | day:N (day N of each month).
    #[arg(long, value_name = "FREQ", default_value = "month")]
    pub every: String,
    /// Paid on the day of the agreement, as installment 0.
    #[arg(long, value_name = "AMOUNT")]
    pub down_payment: Option<String>,
    /// first | last: which installment takes the cents left by the split.
    #[arg(long, default_value = "first")]
    pub remainder: String,
    /// Move dates on a weekend or a French public holiday to the next business day.
    #[arg(long)]
    pub business_days: bool,
    /// Add the penalties and the indemnity owed so far (default: waived).
    #[arg(long)]
    pub with_penalties: bool,
}

#[derive(Debug, Args)]
pub struct PlanShowArgs {
    /// Plan id (as printed by `plan create`).
    pub id: i64,
}

#[derive(Debug, Args)]
pub struct PromiseCancelArgs {
    /// Promise id (as printed by `promise add`).
    #[arg(long, value_name = "ID")]
    pub promise: i64,
}

#[derive(Debug, Args)]
pub struct PromiseAddArgs {
    /// Customer id.
    #[arg(long, value_name = "ID")]
    pub customer: i64,
    #[arg(long, value_name = "AMOUNT", allow_hyphen_values = true)]
    pub amount: String,
    /// The customer pays on this day at the latest.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: String,
    /// Invoice numbers covered, comma-separated (default: all the customer's unpaid invoices).
    #[arg(long, value_name = "N1,N2", value_delimiter = ',')]
    pub invoices: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub enum DisputeAction {
    /// Mark an invoice disputed at --as-of: its reminders pause, not the customer's others.
    Add(DisputeAddArgs),
    /// Close the invoice's dispute: its reminders resume where they were.
    Resolve(DisputeResolveArgs),
}

#[derive(Debug, Args)]
pub struct DisputeResolveArgs {
    #[arg(long, value_name = "NUM")]
    pub invoice: String,
    /// How it was settled.
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// The day it was settled (default: --as-of, else today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub on: Option<String>,
}

#[derive(Debug, Args)]
pub struct DisputeAddArgs {
    #[arg(long, value_name = "NUM")]
    pub invoice: String,
    #[arg(long, value_name = "TEXT")]
    pub reason: String,
}

#[derive(Debug, Subcommand)]
pub enum ActionAction {
    /// Record the customer's action of --as-of as done through a channel.
    Done(ActionDoneArgs),
    /// Record the customer's action of --as-of as deliberately not done; the schedule moves on.
    Skip(ActionSkipArgs),
    /// Propose the customer's action of --as-of again on a later day.
    Postpone(ActionPostponeArgs),
}

#[derive(Debug, Args)]
pub struct ActionSkipArgs {
    /// Customer id.
    #[arg(long, value_name = "ID")]
    pub customer: i64,
    #[arg(long, value_name = "TEXT")]
    pub reason: String,
    /// letter | email | phone | escalation (needed only when the customer has several actions that day).
    #[arg(long, value_name = "CHANNEL")]
    pub channel: Option<String>,
}

#[derive(Debug, Args)]
pub struct ActionPostponeArgs {
    /// Customer id.
    #[arg(long, value_name = "ID")]
    pub customer: i64,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub until: String,
    /// letter | email | phone | escalation (needed only when the customer has several actions that day).
    #[arg(long, value_name = "CHANNEL")]
    pub channel: Option<String>,
}

#[derive(Debug, Args)]
pub struct EscalateArgs {
    #[arg(long, value_name = "NUM")]
    pub invoice: String,
    /// injunction | agency | write-off
    #[arg(long, value_name = "STAGE")]
    pub to: String,
    /// Write-off only: the amount given up (default: all that remains).
    #[arg(long, value_name = "AMOUNT", allow_hyphen_values = true)]
    pub amount: Option<String>,
    /// Write-off only: why (required).
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum RateAction {
    /// Add the official rate of a half-year the shipped tables do not know, with its source.
    Add(RateAddArgs),
}

#[derive(Debug, Args)]
pub struct RateAddArgs {
    /// ecb | legal-other | legal-private
    #[arg(long, value_name = "KIND")]
    pub kind: String,
    /// The half-year's first day: YYYY-01-01 or YYYY-07-01.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub half_year: String,
    /// Percent per year, e.g. 2.15 or "2,15".
    #[arg(long, value_name = "PERCENT", allow_hyphen_values = true)]
    pub rate: String,
    /// The official text it comes from (ECB decision, arrêté in the Journal officiel).
    #[arg(long, value_name = "TEXT")]
    pub source: String,
}

#[derive(Debug, Args)]
pub struct ActionDoneArgs {
    /// Customer id.
    #[arg(long, value_name = "ID")]
    pub customer: i64,
    /// letter | email | phone | escalation
    #[arg(long, value_name = "CHANNEL")]
    pub channel: String,
}

#[derive(Debug, Args)]
pub struct LetterArgs {
    /// Customer id (reminder, notice, statement).
    #[arg(long, value_name = "ID", conflicts_with = "plan", required_unless_present = "plan")]
    pub customer: Option<i64>,
    /// Installment plan id (agreement).
    #[arg(long, value_name = "ID")]
    pub plan: Option<i64>,
    /// reminder | notice | statement (account statement at --as-of) | agreement (of the --plan) |
    /// dossier (injonction de payer dossier, after the mise en demeure)
    #[arg(long, value_parser = ["reminder", "notice", "statement", "agreement", "dossier"])]
    pub kind: String,
    /// The PDF file to write.
    #[arg(long, value_name = "FILE.pdf")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct EmailArgs {
    /// Customer id.
    #[arg(long, value_name = "ID")]
    pub customer: i64,
    /// reminder | notice (default: the letter of the customer's message in the day's agenda).
    #[arg(long, value_parser = ["reminder", "notice"])]
    pub kind: Option<String>,
    /// The .eml file to write.
    #[arg(long, value_name = "FILE.eml")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct LettersArgs {
    /// The PDF file to write (the batch).
    #[arg(long, value_name = "FILE.pdf")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct BenchLettersArgs {
    /// How many letters in the batch.
    #[arg(long, default_value_t = 500, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub letters: u32,
    /// Put this PNG or JPEG as the company's logo on every page (checked like in Settings).
    #[arg(long, value_name = "FILE", conflicts_with = "sample_logo")]
    pub logo: Option<PathBuf>,
    /// Put a generated 600 x 200 pixel PNG as the logo on every page.
    #[arg(long)]
    pub sample_logo: bool,
}
