//! `relance plan create|show|default|done|skip|postpone`, and the installment
//! actions of `relance agenda`.

use relance_app::plans::{InstallmentActionRef, InstallmentHandling, PlanRequest, SplitRequest};
use relance_app::{AppError, Context, LocalContext};
use relance_domain::company::Language;
use relance_domain::dates::parse_date;
use relance_domain::dunning::Channel;
use relance_domain::ids::{CustomerId, InvoiceId};
use relance_domain::plan::follow::InstallmentActionKind;
use relance_domain::plan::{Frequency, PlanId, Remainder};
use relance_domain::validation::{Field, Problem, Validation};
use relance_domain::Money;
use relance_wire::plans::{InstallmentFollowUpView, PlanActionJson, PlanView};

use crate::args::{Cli, PlanCreateArgs, PlanDefaultArgs, PlanShowArgs};
use crate::commands::print_json;
use crate::human::{amount, date, print, tr, Table};
use crate::session;

fn invalid(field: Field, problem: Problem) -> anyhow::Error {
    AppError::Invalid(Validation::single(field, problem)).into()
}

fn invoice_id(ctx: &LocalContext, number: &str) -> anyhow::Result<InvoiceId> {
    relance_app::invoices::find_by_number(ctx, number)?.ok_or_else(|| invalid(Field::PlanInvoices, Problem::Unknown))
}

fn frequency(raw: &str) -> anyhow::Result<Frequency> {
    let t = raw.trim().to_ascii_lowercase();
    if let Some(day) = t.strip_prefix("day:") {
        let day: u32 =
            day.parse().map_err(|_| invalid(Field::PlanDayOfMonth, Problem::OutOfRange { min: 1, max: 31 }))?;
        return Ok(Frequency::DayOfMonth(day));
    }
    let code = match t.as_str() {
        "weekly" => "week",
        "fortnight" | "fortnightly" => "two_weeks",
        "monthly" => "month",
        other => other,
    };
    Frequency::from_code(code, None).ok_or_else(|| {
        invalid(Field::PlanFrequency, Problem::InvalidFormat { expected: "week | two_weeks | month | day:N" })
    })
}

pub fn create(cli: &Cli, a: &PlanCreateArgs, lang: Language) -> anyhow::Result<()> {
    let first =
        parse_date(Field::PlanFirstDate, &a.first).map_err(|i| AppError::Invalid(Validation { issues: vec![i] }))?;
    let frequency = frequency(&a.every)?;
    let remainder = Remainder::from_code(a.remainder.trim())
        .ok_or_else(|| invalid(Field::PlanInstallments, Problem::InvalidFormat { expected: "first | last" }))?;
    let mut ctx = session::open(cli, lang)?;
    let mut invoices = Vec::new();
    for number in a.invoices.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        invoices.push(invoice_id(&ctx, number)?);
    }
    let split = match (&a.amount, a.installments) {
        (Some(each), _) => SplitRequest::Amount(each.clone()),
        (None, Some(n)) => SplitRequest::Count(n),
        (None, None) => return Err(invalid(Field::PlanInstallments, Problem::Required)),
    };
    let req = PlanRequest {
        customer: CustomerId(a.customer),
        invoices,
        include_penalties: a.with_penalties,
        split,
        first,
        frequency,
        down_payment: a.down_payment.clone().unwrap_or_default(),
        remainder,
        business_days: a.business_days,
    };
    let id = relance_app::plans::create(&mut ctx, &req)?;
    let today = ctx.clock().today();
    let v = PlanView::from(&relance_app::plans::show(&ctx, id, today)?);
    if cli.json {
        return print_json(&v);
    }
    print(tr(
        lang,
        "Échéancier enregistré ; les relances de ses factures sont suspendues tant qu’il est respecté.",
        "Plan saved; its invoices' reminders are paused while it is kept.",
    ));
    print_plan(&v, lang);
    Ok(())
}

fn status_label(code: &str, lang: Language) -> &'static str {
    match code {
        "running" => tr(lang, "en cours", "running"),
        "completed" => tr(lang, "soldé", "completed"),
        "defaulted" => tr(lang, "non respecté", "defaulted"),
        "replaced" => tr(lang, "remplacé", "replaced"),
        "paid" => tr(lang, "payée", "paid"),
        "partly_paid" => tr(lang, "partiellement payée", "partly paid"),
        "upcoming" => tr(lang, "à venir", "upcoming"),
        "late" => tr(lang, "en retard", "late"),
        _ => "?",
    }
}

fn money(text: &str) -> Money {
    Money::parse(Field::Amount, text).unwrap_or(Money::ZERO)
}

fn day(text: &str, lang: Language) -> String {
    text.parse().map(|d| date(d, lang)).unwrap_or_else(|_| text.to_string())
}

pub fn show(cli: &Cli, a: &PlanShowArgs, lang: Language) -> anyhow::Result<()> {
    let ctx = session::open(cli, lang)?;
    let as_of = ctx.clock().today();
    let v = PlanView::from(&relance_app::plans::show(&ctx, PlanId(a.id), as_of)?);
    if cli.json {
        return print_json(&v);
    }
    print_plan(&v, lang);
    Ok(())
}

/// The plan's head line and its schedule, as `plan show` and `plan create` print them.
fn print_plan(v: &PlanView, lang: Language) {
    let mut head = match lang {
        Language::Fr => format!(
            "Échéancier {} — {} — factures {} — {} : {} (payé {}, reste {})",
            v.id,
            v.customer_name,
            v.invoices.join(", "),
            status_label(&v.status, lang),
            amount(money(&v.total), lang),
            amount(money(&v.paid), lang),
            amount(money(&v.left), lang),
        ),
        Language::En => format!(
            "Plan {} — {} — invoices {} — {}: {} (paid {}, left {})",
            v.id,
            v.customer_name,
            v.invoices.join(", "),
            status_label(&v.status, lang),
            amount(money(&v.total), lang),
            amount(money(&v.paid), lang),
            amount(money(&v.left), lang),
        ),
    };
    if let Some(on) = &v.status_on {
        head.push_str(&format!(" {} {}", tr(lang, "le", "on"), day(on, lang)));
    }
    print(&head);
    let mut table = Table::new(&[
        ("N°", true),
        (tr(lang, "Échéance", "Due"), false),
        (tr(lang, "Montant", "Amount"), true),
        (tr(lang, "Payé", "Paid"), true),
        (tr(lang, "Statut", "Status"), false),
        (tr(lang, "Suivi", "Follow-up"), false),
    ]);
    for i in &v.installments {
        let follow_up: Vec<String> = i.follow_up.iter().map(|f| follow_up_label(f, lang)).collect();
        table.push(vec![
            i.number.to_string(),
            day(&i.due_date, lang),
            amount(money(&i.amount), lang),
            amount(money(&i.paid), lang),
            status_label(&i.status, lang).to_string(),
            follow_up.join(", "),
        ]);
    }
    print(&table.render());
}

pub fn default(cli: &Cli, a: &PlanDefaultArgs, lang: Language) -> anyhow::Result<()> {
    let mut ctx = session::open(cli, lang)?;
    relance_app::plans::record_default(&mut ctx, PlanId(a.id), a.level.as_deref())?;
    let today = ctx.clock().today();
    let v = PlanView::from(&relance_app::plans::show(&ctx, PlanId(a.id), today)?);
    if cli.json {
        return print_json(&v);
    }
    let level = crate::collections::level_label(v.resumed_level.as_deref().unwrap_or_default(), lang);
    print(&match lang {
        Language::Fr => format!(
            "Échéancier {} non respecté le {}\u{a0}; les relances de ses factures reprennent au niveau «\u{a0}{level}\u{a0}».",
            v.id,
            v.status_on.as_deref().map(|d| day(d, lang)).unwrap_or_default()
        ),
        Language::En => format!(
            "Plan {} broken on {}; its invoices' reminders resume at the {level}.",
            v.id,
            v.status_on.as_deref().map(|d| day(d, lang)).unwrap_or_default()
        ),
    });
    Ok(())
}

/// Rows of the agenda's table for the installment actions.
pub fn agenda_rows(actions: &[PlanActionJson], lang: Language) -> Vec<Vec<String>> {
    actions
        .iter()
        .map(|a| {
            let what = if a.kind == "notice" {
                tr(lang, "avis d’échéance", "installment notice")
            } else {
                tr(lang, "relance d’échéance", "installment reminder")
            };
            vec![
                a.customer_name.clone(),
                what.to_string(),
                format!("{} {} {}", tr(lang, "échéancier", "plan"), a.plan_id, day(&a.due_date, lang)),
                format!("n° {}", a.number),
                amount(money(&a.left), lang),
            ]
        })
        .collect()
}

/// What `plan done|skip|postpone` asks, as typed.
pub enum Handling<'a> {
    Done(&'a str),
    Skip(&'a str),
    Postpone(&'a str),
}

/// Records what was done about installment `number`'s notice or reminder of
/// the day (the kind is the one the agenda proposes: one per installment).
pub fn handle(cli: &Cli, id: i64, number: u32, how: Handling<'_>, lang: Language) -> anyhow::Result<()> {
    let mut ctx = session::open(cli, lang)?;
    let as_of = ctx.clock().today();
    let handling = match how {
        Handling::Done(raw) => InstallmentHandling::Done(match raw.trim().to_ascii_lowercase().as_str() {
            "phone" | "phone_call" => Channel::PhoneCall,
            "letter" => Channel::Letter,
            "email" => Channel::Email,
            _ => {
                return Err(invalid(Field::LevelChannel, Problem::InvalidFormat { expected: "letter | email | phone" }))
            }
        }),
        Handling::Skip(reason) => InstallmentHandling::Skipped(reason.to_string()),
        Handling::Postpone(raw) => InstallmentHandling::Postponed(
            parse_date(Field::PostponedUntil, raw).map_err(|i| AppError::Invalid(Validation { issues: vec![i] }))?,
        ),
    };
    let plan = PlanId(id);
    let kind = relance_app::plans::proposed_kind(&ctx, plan, number, as_of)?
        .ok_or_else(|| invalid(Field::Plan, Problem::StepNotAllowed))?;
    let done = relance_app::plans::handle_installment_action(
        &mut ctx,
        InstallmentActionRef { plan, number, kind },
        &handling,
        as_of,
    )?;
    if cli.json {
        return print_json(&PlanActionJson::from(&done));
    }
    let what = match kind {
        InstallmentActionKind::Notice => tr(lang, "Avis d’échéance", "Installment notice"),
        InstallmentActionKind::Reminder => tr(lang, "Relance d’échéance", "Installment reminder"),
    };
    let outcome = match (&handling, lang) {
        (InstallmentHandling::Done(_), Language::Fr) => format!("fait le {}", date(as_of, lang)),
        (InstallmentHandling::Done(_), Language::En) => format!("done on {}", date(as_of, lang)),
        (InstallmentHandling::Skipped(_), Language::Fr) => format!("passé le {}", date(as_of, lang)),
        (InstallmentHandling::Skipped(_), Language::En) => format!("skipped on {}", date(as_of, lang)),
        (InstallmentHandling::Postponed(u), Language::Fr) => format!("reporté au {}", date(*u, lang)),
        (InstallmentHandling::Postponed(u), Language::En) => format!("postponed until {}", date(*u, lang)),
    };
    print(&match lang {
        Language::Fr => {
            format!("{what} {outcome} : échéancier {id}, échéance n° {number} du {}.", date(done.action.due, lang))
        }
        Language::En => {
            format!("{what} {outcome}: plan {id}, installment no. {number} due {}.", date(done.action.due, lang))
        }
    });
    Ok(())
}

/// « avis fait le 28/04/2025 (e-mail) », « relance reportée au 05/06/2025 ».
fn follow_up_label(f: &InstallmentFollowUpView, lang: Language) -> String {
    let what = if f.kind == "reminder" { tr(lang, "relance", "reminder") } else { tr(lang, "avis", "notice") };
    let on = day(&f.date, lang);
    let channel = match f.channel.as_deref() {
        Some("letter") => tr(lang, " (courrier)", " (letter)"),
        Some("email") => " (e-mail)",
        Some("phone_call") => tr(lang, " (appel)", " (call)"),
        _ => "",
    };
    let reminder = f.kind == "reminder";
    match (f.outcome.as_str(), lang) {
        ("done", Language::Fr) => format!("{what} {} le {on}{channel}", if reminder { "faite" } else { "fait" }),
        ("done", Language::En) => format!("{what} done on {on}{channel}"),
        ("skipped", Language::Fr) => format!("{what} {} le {on}", if reminder { "passée" } else { "passé" }),
        ("skipped", Language::En) => format!("{what} skipped on {on}"),
        (_, Language::Fr) => format!("{what} {} au {on}", if reminder { "reportée" } else { "reporté" }),
        (_, Language::En) => format!("{what} postponed until {on}"),
    }
}
