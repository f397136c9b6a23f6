//! One function per command: read the arguments, call one use case, print.

use relance_app::demo::DemoOptions;
use relance_app::payments::Allocation;
use relance_app::{AppError, Context, LocalContext};
use relance_domain::company::Language;
use relance_domain::customer::CustomerInput;
use relance_domain::ids::{CustomerId, InvoiceId};
use relance_domain::invoice::InvoiceInput;
use relance_domain::payment::PaymentInput;
use relance_domain::terms::TermsWarning;
use relance_domain::validation::{Field, Problem, Validation};
use relance_wire::views::{
    AllocationPreviewView, CustomerSavedView, DemoSummaryView, InvoiceView, OverdueReportView, PaymentRecordedView,
};
use serde::Serialize;

use crate::args::{
    ActionAction, Cli, Command, CustomerAction, DemoArgs, DisputeAction, InvoiceAction, PaymentAction, PlanAction,
    PromiseAction, RateAction,
};
use crate::human::{amount, date, eprint, print, tr, Table};
use crate::plans::Handling;
use crate::{bench, collections, letters, plans, session};

pub fn run(cli: &Cli, lang: Language) -> anyhow::Result<()> {
    match &cli.command {
        Command::Demo(a) => demo(cli, a, lang),
        Command::Customer { action: CustomerAction::Add(a) } => customer_add(cli, a, lang),
        Command::Invoice { action: InvoiceAction::Add(a) } => invoice_add(cli, a, lang),
        Command::Payment { action: PaymentAction::Add(a) } => payment_add(cli, a, lang),
        Command::Overdue => overdue(cli, lang),
        Command::Agenda => collections::agenda(cli, lang),
        Command::Penalties(a) => collections::penalties(cli, a, lang),
        Command::Promise { action: PromiseAction::Add(a) } => collections::promise_add(cli, a, lang),
        Command::Plan { action: PlanAction::Create(a) } => plans::create(cli, a, lang),
        Command::Plan { action: PlanAction::Show(a) } => plans::show(cli, a, lang),
        Command::Plan { action: PlanAction::Default(a) } => plans::default(cli, a, lang),
        Command::Plan { action: PlanAction::Done(a) } => {
            plans::handle(cli, a.id, a.installment, Handling::Done(&a.channel), lang)
        }
        Command::Plan { action: PlanAction::Skip(a) } => {
            plans::handle(cli, a.id, a.installment, Handling::Skip(&a.reason), lang)
        }
        Command::Plan { action: PlanAction::Postpone(a) } => {
            plans::handle(cli, a.id, a.installment, Handling::Postpone(&a.until), lang)
        }
        Command::Dispute { action: DisputeAction::Add(a) } => collections::dispute_add(cli, a, lang),
        Command::Promise { action: PromiseAction::Cancel(a) } => collections::promise_cancel(cli, a, lang),
        Command::Dispute { action: DisputeAction::Resolve(a) } => collections::dispute_resolve(cli, a, lang),
        Command::Action { action: ActionAction::Done(a) } => collections::action_done(cli, a, lang),
        Command::Action { action: ActionAction::Skip(a) } => collections::action_skip(cli, a, lang),
        Command::Action { action: ActionAction::Postpone(a) } => collections::action_postpone(cli, a, lang),
        Command::Escalate(a) => collections::escalate(cli, a, lang),
        Command::Rate { action: RateAction::Add(a) } => collections::rate_add(cli, a, lang),
        Command::Bench(a) => bench::run(cli, a, lang),
        Command::Backup(a) => crate::backup::backup_to(cli, a, lang),
        Command::Restore(a) => crate::backup::restore(cli, a, lang),
        Command::Verify(a) => crate::backup::verify(cli, a, lang),
        Command::BenchBackup(a) => crate::backup::bench(cli, a, lang),
        Command::Import(a) => crate::import::run(cli, a, lang),
        Command::Export(a) => crate::export::run(cli, a, lang),
        Command::BenchImport(a) => crate::import::bench(a, lang),
        Command::Letter(a) => letters::letter(cli, a, lang),
        Command::Email(a) => crate::mail::draft(cli, a, lang),
        Command::Letters(a) => letters::day(cli, a, lang),
        Command::BenchLetters(a) => letters::bench(a, lang),
        Command::Template { action } => crate::templates::run(cli, action, lang),
        Command::Report(a) => crate::report::run(cli, a, lang),
        Command::BenchDashboard(a) => crate::report::bench(a, lang),
    }
}

pub(crate) fn print_json(value: &impl Serialize) -> anyhow::Result<()> {
    print(&serde_json::to_string(value)?);
    Ok(())
}

fn demo(cli: &Cli, a: &DemoArgs, lang: Language) -> anyhow::Result<()> {
    let mut ctx = session::open(cli, lang)?;
    let opts = DemoOptions { customers: a.customers, invoices: a.invoices, months: a.months, seed: a.seed };
    let s = relance_app::demo::load(&mut ctx, &opts)?;
    if cli.json {
        return print_json(&DemoSummaryView { customers: s.customers, invoices: s.invoices, payments: s.payments });
    }
    print(&match lang {
        Language::Fr => {
            format!("Exemple chargé : {} clients, {} factures, {} paiements.", s.customers, s.invoices, s.payments)
        }
        Language::En => {
            format!("Example loaded: {} customers, {} invoices, {} payments.", s.customers, s.invoices, s.payments)
        }
    });
    Ok(())
}

fn customer_add(cli: &Cli, a: &crate::args::CustomerAddArgs, lang: Language) -> anyhow::Result<()> {
    let mut ctx = session::open(cli, lang)?;
    let input = CustomerInput {
        kind: if a.consumer { "consumer" } else { "business" }.into(),
        name: a.name.clone(),
        terms: a.terms.clone().unwrap_or_default(),
        credit_limit: a.credit_limit.clone().unwrap_or_default(),
        ..Default::default()
    };
    let saved = relance_app::customers::create(&mut ctx, &input)?;
    if cli.json {
        return print_json(&CustomerSavedView::from(&saved));
    }
    print(&saved.id.to_string());
    if let Some(w) = saved.terms_warning {
        eprint(match w {
            TermsWarning::Over60Days => tr(
                lang,
                "Attention : entre professionnels, le délai de paiement ne peut dépasser 60 jours (art. L441-10).",
                "Warning: between businesses, payment terms may not exceed 60 days (art. L441-10).",
            ),
            TermsWarning::Over45DaysEndOfMonth => tr(
                lang,
                "Attention : entre professionnels, le délai de paiement ne peut dépasser 45 jours fin de mois (art. L441-10).",
                "Warning: between businesses, payment terms may not exceed 45 days end of month (art. L441-10).",
            ),
        });
    }
    Ok(())
}

fn invoice_add(cli: &Cli, a: &crate::args::InvoiceAddArgs, lang: Language) -> anyhow::Result<()> {
    let mut ctx = session::open(cli, lang)?;
    let input = InvoiceInput {
        number: a.number.clone(),
        issue_date: a.date.clone(),
        due_date: a.due.clone(),
        amount_excl_tax: None,
        tax_amount: None,
        total: Some(a.amount.clone()),
    };
    let id = relance_app::invoices::create(&mut ctx, CustomerId(a.customer), &input)?;
    if cli.json {
        return print_json(&InvoiceView::from(&relance_app::invoices::get(&ctx, id)?));
    }
    print(&id.to_string());
    Ok(())
}

fn payment_add(cli: &Cli, a: &crate::args::PaymentAddArgs, lang: Language) -> anyhow::Result<()> {
    let mut ctx = session::open(cli, lang)?;
    let customer = CustomerId(a.customer);
    let allocation = match &a.invoice {
        None => Allocation::OldestFirst,
        Some(number) => to_one_invoice(&ctx, number)?,
    };
    let input = PaymentInput {
        date: a.date.clone(),
        amount: a.amount.clone(),
        method: a.method.clone().unwrap_or_default(),
        reference: String::new(),
    };
    let (id, plan) = relance_app::payments::record(&mut ctx, customer, &input, &allocation)?;
    let number_of = |invoice: i64| {
        relance_app::invoices::get(&ctx, InvoiceId(invoice)).map(|l| l.invoice.data.number).unwrap_or_default()
    };
    if cli.json {
        return print_json(&PaymentRecordedView { id: id.0, allocation: AllocationPreviewView::new(&plan, number_of) });
    }
    let applied: Vec<String> =
        plan.lines.iter().map(|l| format!("{} ({})", number_of(l.invoice.0), amount(l.amount, lang))).collect();
    let applied = if applied.is_empty() { "-".to_string() } else { applied.join(", ") };
    print(&match lang {
        Language::Fr => format!(
            "Paiement n° {id} enregistré. Imputé : {applied}. Reste au crédit du client : {}.",
            amount(plan.unallocated, lang)
        ),
        Language::En => format!(
            "Payment {id} recorded. Applied: {applied}. Left as the customer's credit: {}.",
            amount(plan.unallocated, lang)
        ),
    });
    Ok(())
}

/// `--invoice NUM`: the payment goes to that invoice, up to what it still
/// owes; the rest stays on the customer's account as a credit.
fn to_one_invoice(ctx: &LocalContext, number: &str) -> anyhow::Result<Allocation> {
    match relance_app::invoices::find_by_number(ctx, number)? {
        Some(id) => Ok(Allocation::ToInvoice(id)),
        None => Err(AppError::Invalid(Validation::single(Field::Invoice, Problem::Unknown)).into()),
    }
}

fn overdue(cli: &Cli, lang: Language) -> anyhow::Result<()> {
    let ctx = session::open(cli, lang)?;
    let as_of = ctx.clock().today();
    let report = relance_app::reports::overdue(&ctx, as_of)?;
    if cli.json {
        return print_json(&OverdueReportView::from(&report));
    }
    if report.lines.is_empty() {
        print(&match lang {
            Language::Fr => format!("Aucune facture en retard au {}.", date(as_of, lang)),
            Language::En => format!("No overdue invoice at {}.", date(as_of, lang)),
        });
        print_write_offs(&report, lang);
        return Ok(());
    }
    let mut table = Table::new(&[
        (tr(lang, "Client", "Customer"), false),
        (tr(lang, "Facture", "Invoice"), false),
        (tr(lang, "Échéance", "Due date"), false),
        (tr(lang, "Jours de retard", "Days late"), true),
        (tr(lang, "Montant dû", "Amount due"), true),
    ]);
    for l in &report.lines {
        table.push(vec![
            l.customer_name.clone(),
            l.number.clone(),
            date(l.due_date, lang),
            l.days_late.to_string(),
            amount(l.remaining, lang),
        ]);
    }
    print(&table.render());
    let n = report.lines.len();
    print(&match lang {
        Language::Fr => format!(
            "Total : {n} facture{} en retard au {}, {} dus.",
            if n > 1 { "s" } else { "" },
            date(as_of, lang),
            amount(report.total, lang)
        ),
        Language::En => format!(
            "Total: {n} overdue invoice{} at {}, {} due.",
            if n > 1 { "s" } else { "" },
            date(as_of, lang),
            amount(report.total, lang)
        ),
    });
    print_write_offs(&report, lang);
    Ok(())
}

/// Write-offs stay in the report, apart: no longer to collect, still in the books.
fn print_write_offs(report: &relance_app::reports::OverdueReport, lang: Language) {
    if report.write_offs.is_empty() {
        return;
    }
    print("");
    let mut table = Table::new(&[
        (tr(lang, "Client", "Customer"), false),
        (tr(lang, "Facture", "Invoice"), false),
        (tr(lang, "Passée en perte le", "Written off on"), false),
        (tr(lang, "Motif", "Reason"), false),
        (tr(lang, "Montant", "Amount"), true),
    ]);
    for w in &report.write_offs {
        table.push(vec![
            w.customer_name.clone(),
            w.number.clone(),
            date(w.on, lang),
            w.reason.clone(),
            amount(w.amount, lang),
        ]);
    }
    print(&table.render());
    let n = report.write_offs.len();
    print(&match lang {
        Language::Fr => format!(
            "Passé en perte : {n} facture{}, {} (hors du total dû ci-dessus, conservé dans les comptes).",
            if n > 1 { "s" } else { "" },
            amount(report.written_off_total, lang)
        ),
        Language::En => format!(
            "Written off: {n} invoice{}, {} (not in the total due above, kept in the books).",
            if n > 1 { "s" } else { "" },
            amount(report.written_off_total, lang)
        ),
    });
}
