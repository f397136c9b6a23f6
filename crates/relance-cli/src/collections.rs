//! The collections commands: agenda, penalties, promises, disputes, actions.

use relance_app::{AppError, Context, LocalContext};
use relance_domain::company::Language;
use relance_domain::dates::parse_date;
use relance_domain::dunning::Channel;
use relance_domain::ids::{CustomerId, InvoiceId};
use relance_domain::validation::{Field, Problem, Validation};
use relance_wire::collections::{AgendaJson, PenaltiesJson};
use relance_wire::plans::AgendaWithPlansJson;

use crate::args::{
    ActionDoneArgs, ActionPostponeArgs, ActionSkipArgs, Cli, DisputeAddArgs, DisputeResolveArgs, EscalateArgs,
    PenaltiesArgs, PromiseAddArgs, PromiseCancelArgs, RateAddArgs,
};
use crate::commands::print_json;
use crate::human::{amount, date, print, tr, Table};
use crate::session;

fn invoice_id(ctx: &LocalContext, number: &str) -> anyhow::Result<InvoiceId> {
    relance_app::invoices::find_by_number(ctx, number)?
        .ok_or_else(|| AppError::Invalid(Validation::single(Field::Invoice, Problem::Unknown)).into())
}

fn channel_label(channel: Channel, lang: Language) -> &'static str {
    match channel {
        Channel::Letter => tr(lang, "courrier", "letter"),
        Channel::Email => tr(lang, "e-mail", "email"),
        Channel::PhoneCall => tr(lang, "appel", "phone call"),
        Channel::Escalation => tr(lang, "décision", "decision"),
    }
}

/// A level of the standard policy in words (the same names as the UI's);
/// a level a user named is shown as its key.
pub(crate) fn level_label(key: &str, lang: Language) -> String {
    let (fr, en) = match key {
        "pre_due" => ("avis avant échéance", "pre-due notice"),
        "reminder_1" => ("première relance", "first reminder"),
        "reminder_2" => ("relance ferme", "firm reminder"),
        "phone_call" => ("appel de relance", "reminder call"),
        "formal_notice" => ("mise en demeure", "formal notice"),
        "escalation" => ("décision de recouvrement", "collection decision"),
        other => return other.replace('_', " "),
    };
    tr(lang, fr, en).to_string()
}

pub fn agenda(cli: &Cli, lang: Language) -> anyhow::Result<()> {
    let ctx = session::open(cli, lang)?;
    let as_of = ctx.clock().today();
    let view = relance_app::collections::agenda(&ctx, as_of)?;
    let plans = relance_app::plans::agenda(&ctx, as_of)?;
    let plan_actions: Vec<_> = plans.iter().map(relance_wire::plans::PlanActionJson::from).collect();
    let declarations = relance_app::insurance::due(&ctx, as_of)?;
    if cli.json {
        let agenda = AgendaJson::from(&view).with_plans(&plans).with_declarations(&declarations);
        return print_json(&AgendaWithPlansJson { agenda, plans: plan_actions });
    }
    let json = AgendaJson::from(&view);
    if json.customers.is_empty() && plan_actions.is_empty() && declarations.is_empty() {
        print(&match lang {
            Language::Fr => format!("Rien à faire le {}.", date(as_of, lang)),
            Language::En => format!("Nothing to do on {}.", date(as_of, lang)),
        });
        return Ok(());
    }
    let mut table = Table::new(&[
        (tr(lang, "Client", "Customer"), false),
        (tr(lang, "Action", "Action"), false),
        (tr(lang, "Niveau", "Level"), false),
        (tr(lang, "Factures", "Invoices"), false),
        (tr(lang, "Montant dû", "Amount due"), true),
    ]);
    for (c, cj) in view.agenda.customers.iter().zip(&json.customers) {
        // One row for the customer's message, one for its decision: each
        // invoice at another level than the lead's names its own.
        for (a, aj) in c.actions.iter().zip(&cj.actions) {
            let numbers: Vec<String> = aj
                .invoices
                .iter()
                .map(|l| {
                    if l.level == aj.level {
                        l.number.clone()
                    } else {
                        format!("{} ({})", l.number, level_label(&l.level, lang))
                    }
                })
                .collect();
            table.push(vec![
                cj.customer_name.clone(),
                channel_label(a.channel, lang).to_string(),
                level_label(&a.lead.key, lang),
                numbers.join(", "),
                amount(a.total, lang),
            ]);
        }
        for b in &c.broken_promises {
            table.push(vec![
                cj.customer_name.clone(),
                tr(lang, "promesse non tenue", "broken promise").to_string(),
                date(b.by, lang),
                String::new(),
                amount(b.amount, lang),
            ]);
        }
    }
    for row in crate::plans::agenda_rows(&plan_actions, lang) {
        table.push(row);
    }
    // Declarations to the credit insurer: the deadline in the level's column.
    for d in &declarations {
        let passed = matches!(d.declaration.state, relance_domain::insurance::DeclarationState::Passed { .. });
        let what = match (passed, lang) {
            (false, Language::Fr) => format!("déclarer à {}", d.insurer),
            (false, Language::En) => format!("declare to {}", d.insurer),
            (true, Language::Fr) => format!("déclarer à {} (délai expiré)", d.insurer),
            (true, Language::En) => format!("declare to {} (deadline passed)", d.insurer),
        };
        table.push(vec![
            d.customer_name.clone(),
            what,
            date(d.declaration.deadline, lang),
            d.number.clone(),
            amount(d.remaining, lang),
        ]);
    }
    print(&table.render());
    Ok(())
}

pub fn penalties(cli: &Cli, a: &PenaltiesArgs, lang: Language) -> anyhow::Result<()> {
    let ctx = session::open(cli, lang)?;
    let as_of = ctx.clock().today();
    let view = relance_app::collections::penalties(&ctx, invoice_id(&ctx, &a.invoice)?, as_of)?;
    if cli.json {
        return print_json(&PenaltiesJson::new(&view, as_of));
    }
    let p = &view.penalties;
    print(&match lang {
        Language::Fr => format!(
            "Facture {} échue le {} : {} jour{} de retard au {}.",
            view.number,
            date(view.due_date, lang),
            p.days_late,
            if p.days_late > 1 { "s" } else { "" },
            date(as_of, lang)
        ),
        Language::En => format!(
            "Invoice {} due {}: {} day{} late at {}.",
            view.number,
            date(view.due_date, lang),
            p.days_late,
            if p.days_late == 1 { "" } else { "s" },
            date(as_of, lang)
        ),
    });
    if !p.periods.is_empty() {
        let mut table = Table::new(&[
            (tr(lang, "Du", "From"), false),
            (tr(lang, "Au", "To"), false),
            (tr(lang, "Jours", "Days"), true),
            (tr(lang, "Capital dû", "Principal"), true),
            (tr(lang, "Taux annuel", "Annual rate"), true),
        ]);
        for r in &p.periods {
            let rate = r.annual_rate.to_string();
            let rate = if lang == Language::Fr { rate.replace('.', ",") } else { rate };
            table.push(vec![
                date(r.from, lang),
                date(r.to, lang),
                r.days.to_string(),
                amount(r.principal, lang),
                format!("{rate} %"),
            ]);
        }
        print(&table.render());
    }
    print(&format!("{} : {}", tr(lang, "Intérêts de retard", "Late interest"), amount(p.interest, lang)));
    print(&format!("{} : {}", tr(lang, "Indemnité forfaitaire", "Fixed indemnity"), amount(p.indemnity, lang)));
    print(&format!("{} : {}", tr(lang, "Total réclamable", "Total claimable"), amount(p.total_claimed, lang)));
    Ok(())
}

pub fn promise_add(cli: &Cli, a: &PromiseAddArgs, lang: Language) -> anyhow::Result<()> {
    let by = parse_date(Field::PromiseDate, &a.date).map_err(|i| AppError::Invalid(Validation { issues: vec![i] }))?;
    let mut ctx = session::open(cli, lang)?;
    let mut invoices = Vec::new();
    for number in a.invoices.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        invoices.push(invoice_id(&ctx, number)?);
    }
    let id = relance_app::collections::promise_add(&mut ctx, CustomerId(a.customer), &a.amount, by, &invoices)?;
    if cli.json {
        return print_json(&serde_json::json!({ "id": id.0 }));
    }
    print(&match lang {
        Language::Fr => format!(
            "Promesse n° {} enregistrée pour le {} ; les relances des factures concernées attendent cette date.",
            id.0,
            date(by, lang)
        ),
        Language::En => {
            format!(
                "Promise no. {} recorded for {}; the reminders of its invoices wait until then.",
                id.0,
                date(by, lang)
            )
        }
    });
    Ok(())
}

pub fn dispute_add(cli: &Cli, a: &DisputeAddArgs, lang: Language) -> anyhow::Result<()> {
    let mut ctx = session::open(cli, lang)?;
    let on = ctx.clock().today();
    let invoice = invoice_id(&ctx, &a.invoice)?;
    relance_app::collections::dispute_open(&mut ctx, invoice, &a.reason, on)?;
    print(&match lang {
        Language::Fr => format!("Facture {} marquée en litige ; ses relances sont suspendues.", a.invoice),
        Language::En => format!("Invoice {} marked disputed; its reminders are paused.", a.invoice),
    });
    Ok(())
}

fn parse_channel(raw: &str) -> Result<Channel, AppError> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "phone" => Some(Channel::PhoneCall),
        other => Channel::from_code(other),
    }
    .ok_or_else(|| AppError::Invalid(Validation::single(Field::LevelChannel, Problem::Unknown)))
}

fn parse(field: Field, raw: &str) -> Result<chrono::NaiveDate, AppError> {
    parse_date(field, raw).map_err(|i| AppError::Invalid(Validation { issues: vec![i] }))
}

/// `--channel` when given; else the customer's only action of the day. With
/// none the action is refused as `done` refuses it; with several the user
/// must say which.
fn channel_or_only(ctx: &LocalContext, customer: i64, given: Option<&str>) -> anyhow::Result<Channel> {
    if let Some(raw) = given {
        return Ok(parse_channel(raw)?);
    }
    let due = relance_app::collections::channels_due(ctx, CustomerId(customer), ctx.clock().today())?;
    match due.as_slice() {
        [only] => Ok(*only),
        [] => Err(AppError::invalid(Field::LevelChannel, Problem::StepNotAllowed).into()),
        _ => Err(AppError::invalid(Field::LevelChannel, Problem::Required).into()),
    }
}

pub fn action_skip(cli: &Cli, a: &ActionSkipArgs, lang: Language) -> anyhow::Result<()> {
    let mut ctx = session::open(cli, lang)?;
    let channel = channel_or_only(&ctx, a.customer, a.channel.as_deref())?;
    let as_of = ctx.clock().today();
    let action = relance_app::collections::skip(&mut ctx, CustomerId(a.customer), channel, as_of, &a.reason)?;
    let n = action.lines.len();
    print(&match lang {
        Language::Fr => format!(
            "Action « {} » passée le {} pour {n} facture{} ; le calendrier continue.",
            level_label(&action.lead.key, lang),
            date(as_of, lang),
            if n > 1 { "s" } else { "" }
        ),
        Language::En => format!(
            "Action \"{}\" skipped on {} for {n} invoice{}; the schedule moves on.",
            level_label(&action.lead.key, lang),
            date(as_of, lang),
            if n == 1 { "" } else { "s" }
        ),
    });
    Ok(())
}

pub fn action_postpone(cli: &Cli, a: &ActionPostponeArgs, lang: Language) -> anyhow::Result<()> {
    let until = parse(Field::PostponedUntil, &a.until)?;
    let mut ctx = session::open(cli, lang)?;
    let channel = channel_or_only(&ctx, a.customer, a.channel.as_deref())?;
    let as_of = ctx.clock().today();
    let action = relance_app::collections::postpone(&mut ctx, CustomerId(a.customer), channel, as_of, until)?;
    print(&match lang {
        Language::Fr => {
            format!("Action « {} » reportée au {}.", level_label(&action.lead.key, lang), date(until, lang))
        }
        Language::En => {
            format!("Action \"{}\" postponed until {}.", level_label(&action.lead.key, lang), date(until, lang))
        }
    });
    Ok(())
}

pub fn promise_cancel(cli: &Cli, a: &PromiseCancelArgs, lang: Language) -> anyhow::Result<()> {
    let mut ctx = session::open(cli, lang)?;
    relance_app::collections::promise_cancel(&mut ctx, relance_domain::dunning::PromiseId(a.promise))?;
    print(&match lang {
        Language::Fr => format!("Promesse n° {} annulée ; les relances de ses factures reprennent.", a.promise),
        Language::En => format!("Promise {} cancelled; its invoices' reminders resume.", a.promise),
    });
    Ok(())
}

pub fn dispute_resolve(cli: &Cli, a: &DisputeResolveArgs, lang: Language) -> anyhow::Result<()> {
    let on = a.on.as_deref().map(|raw| parse(Field::ActionDate, raw)).transpose()?;
    let mut ctx = session::open(cli, lang)?;
    let on = on.unwrap_or_else(|| ctx.clock().today());
    let invoice = invoice_id(&ctx, &a.invoice)?;
    let note = a.note.as_deref().map(str::trim).filter(|n| !n.is_empty());
    relance_app::collections::dispute_resolve(&mut ctx, invoice, note, on)?;
    print(&match lang {
        Language::Fr => {
            format!("Litige clos le {} sur la facture {} ; ses relances reprennent.", date(on, lang), a.invoice)
        }
        Language::En => format!("Dispute on invoice {} closed on {}; its reminders resume.", a.invoice, date(on, lang)),
    });
    Ok(())
}

pub fn escalate(cli: &Cli, a: &EscalateArgs, lang: Language) -> anyhow::Result<()> {
    let amount = a.amount.as_deref().unwrap_or("");
    let reason = a.reason.as_deref().unwrap_or("");
    // Every argument is checked before the data file is opened (or created).
    relance_app::collections::StageAsked::parse(&a.to, amount)?;
    let mut ctx = session::open(cli, lang)?;
    let on = ctx.clock().today();
    let invoice = invoice_id(&ctx, &a.invoice)?;
    relance_app::collections::escalate_to(&mut ctx, invoice, &a.to, amount, reason, on)?;
    let view = relance_app::collections::invoice_collection(&ctx, invoice)?;
    if cli.json {
        return print_json(&relance_wire::collections::InvoiceCollectionView::from(&view));
    }
    use relance_domain::dunning::EscalationStage as S;
    print(&match (&view.state.stage, lang) {
        (S::WrittenOff { amount, .. }, Language::Fr) => format!(
            "Facture {} passée en perte le {} : {}. Elle reste dans les comptes et les rapports.",
            a.invoice,
            date(on, lang),
            crate::human::amount(*amount, lang)
        ),
        (S::WrittenOff { amount, .. }, Language::En) => format!(
            "Invoice {} written off on {}: {}. It stays in the books and the reports.",
            a.invoice,
            date(on, lang),
            crate::human::amount(*amount, lang)
        ),
        (S::InjunctionPrepared { .. }, Language::Fr) => {
            format!("Facture {} : injonction de payer préparée le {}.", a.invoice, date(on, lang))
        }
        (S::InjunctionPrepared { .. }, Language::En) => {
            format!("Invoice {}: payment order prepared on {}.", a.invoice, date(on, lang))
        }
        (_, Language::Fr) => {
            format!("Facture {} confiée à une agence de recouvrement le {}.", a.invoice, date(on, lang))
        }
        (_, Language::En) => format!("Invoice {} handed to a collection agency on {}.", a.invoice, date(on, lang)),
    });
    Ok(())
}

pub fn rate_add(cli: &Cli, a: &RateAddArgs, lang: Language) -> anyhow::Result<()> {
    use relance_store::rates::RateKind;
    let kind = RateKind::from_code(&a.kind.trim().to_ascii_lowercase().replace('-', "_")).ok_or_else(|| {
        AppError::invalid(Field::Rate, Problem::InvalidFormat { expected: "ecb | legal-other | legal-private" })
    })?;
    let start = parse(Field::RateHalfYear, &a.half_year)?;
    let mut ctx = session::open(cli, lang)?;
    relance_app::collections::rate_add(&mut ctx, kind, start, &a.rate, &a.source)?;
    print(&match lang {
        Language::Fr => format!("Taux du semestre commençant le {} enregistré.", date(start, lang)),
        Language::En => format!("Rate of the half-year starting {} recorded.", date(start, lang)),
    });
    Ok(())
}

pub fn action_done(cli: &Cli, a: &ActionDoneArgs, lang: Language) -> anyhow::Result<()> {
    let channel = parse_channel(&a.channel)?;
    let mut ctx = session::open(cli, lang)?;
    let as_of = ctx.clock().today();
    let action = relance_app::collections::action_done(&mut ctx, CustomerId(a.customer), channel, as_of)?;
    let n = action.lines.len();
    print(&match lang {
        Language::Fr => format!(
            "Action « {} » enregistrée le {} pour {n} facture{}.",
            level_label(&action.lead.key, lang),
            date(as_of, lang),
            if n > 1 { "s" } else { "" }
        ),
        Language::En => format!(
            "Action \"{}\" recorded on {} for {n} invoice{}.",
            level_label(&action.lead.key, lang),
            date(as_of, lang),
            if n == 1 { "" } else { "s" }
        ),
    });
    Ok(())
}
