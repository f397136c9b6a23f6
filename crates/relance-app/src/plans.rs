//! Installment plans (échéanciers): preview, agreement, follow-up, default
//! with the reminders resumed at a chosen level, renegotiation, the plan's
//! payments, and what the agreement letter will print.
//!
//! What is paid towards a plan is derived, never stored: what its invoices
//! owed at the agreement minus what they owe now, then (for penalties
//! included in the plan) the customer's unallocated credit since the
//! agreement, paid last (`relance_domain::plan::paid_towards`).

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate};
use relance_domain::allocation::allocate_oldest_first;
use relance_domain::company::CompanyProfile;
use relance_domain::customer::CustomerData;
use relance_domain::dunning::Channel;
use relance_domain::dunning::{DunningEvent, InvoiceDunning};
use relance_domain::ids::{CustomerId, InvoiceId, PaymentId};
use relance_domain::payment::PaymentInput;
use relance_domain::plan::follow::{
    actions, breaks_on, Handled, HandledOutcome, InstallmentAction, InstallmentActionKind, MAX_SETTING_DAYS,
};
use relance_domain::plan::{
    paid_towards, schedule, Follow, Installment, PenaltiesPart, Plan, PlanData, PlanId, PlanRecord, PlanSettings,
    PlanStatus, Remainder, Split, Terms,
};
use relance_domain::validation::{Field, Problem, Validation};
use relance_domain::Money;
use relance_store::activity::{self, ActivityKind, Subject};
use relance_store::Conn;

use crate::customers::require_active;
use crate::payments::Allocation;
use crate::policies::Resolver;
use crate::{AppError, AppResult, Context};

/// The reason written on the reminder levels skipped when a plan defaults.
pub const DEFAULT_SKIP_REASON: &str = "Échéancier non respecté";

/// How the user asks to cut the plan, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitRequest {
    Count(u32),
    /// An amount per installment, as typed.
    Amount(String),
}

/// A plan as the user asks for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRequest {
    pub customer: CustomerId,
    pub invoices: Vec<InvoiceId>,
    /// Add the penalties and indemnity owed so far, or waive them.
    pub include_penalties: bool,
    pub split: SplitRequest,
    pub first: NaiveDate,
    pub frequency: relance_domain::plan::Frequency,
    /// As typed; empty for none.
    pub down_payment: String,
    pub remainder: Remainder,
    pub business_days: bool,
}

/// What a plan would be: shown live while the user fills the wizard.
#[derive(Debug, Clone)]
pub struct PlanPreview {
    pub invoices: Vec<(InvoiceId, String, Money)>,
    pub invoices_owed: Money,
    pub penalties: PenaltiesPart,
    pub total: Money,
    /// Each installment and the running total after it.
    pub installments: Vec<(Installment, Money)>,
}

/// Validates the request against the store and computes the plan. Reads only.
/// `replacing`: the plan being renegotiated, whose invoices may be taken again.
fn compute(ctx: &impl Context, req: &PlanRequest, replacing: Option<PlanId>) -> AppResult<(PlanData, PlanPreview)> {
    let conn = ctx.store().conn();
    let today = ctx.clock().today();
    require_active(conn, req.customer)?;
    let mut v = Validation::new();
    let open = relance_store::invoices::open_for_customer(conn, req.customer)?;
    let mut chosen: Vec<(InvoiceId, String, Money)> = Vec::new();
    if req.invoices.is_empty() {
        v.push(Field::PlanInvoices, Problem::Required);
    }
    for id in &req.invoices {
        if chosen.iter().any(|c| c.0 == *id) {
            v.push(Field::PlanInvoices, Problem::AlreadyUsed);
            continue;
        }
        match open.iter().find(|o| o.id == *id) {
            None => v.push(Field::PlanInvoices, Problem::NotOpen),
            Some(o) => {
                let in_plan = relance_store::plans::running_for_invoice(conn, o.id)?;
                if in_plan.is_some() && in_plan != replacing {
                    v.push(Field::PlanInvoices, Problem::AlreadyUsed);
                } else {
                    chosen.push((o.id, o.number.clone(), o.remaining));
                }
            }
        }
    }
    let split = match &req.split {
        SplitRequest::Count(n) => Some(Split::Count(*n)),
        SplitRequest::Amount(raw) => {
            v.check(Money::parse_positive(Field::PlanInstallmentAmount, raw)).map(Split::Amount)
        }
    };
    let down = if req.down_payment.trim().is_empty() {
        Some(None)
    } else {
        v.check(Money::parse_non_negative(Field::PlanDownPayment, &req.down_payment)).map(Some)
    };
    let penalties = if req.include_penalties && v.is_empty() {
        let mut sum = Money::ZERO;
        for (id, _, _) in &chosen {
            sum += crate::collections::penalties(ctx, *id, today)?.penalties.total_claimed;
        }
        PenaltiesPart::Included(sum)
    } else {
        PenaltiesPart::Waived
    };
    let (Some(split), Some(down)) = (split, down) else { return Err(v.into()) };
    let invoices_owed: Money = chosen.iter().map(|c| c.2).sum();
    let total = invoices_owed + penalties.amount();
    let terms = Terms {
        total,
        split,
        first: req.first,
        frequency: req.frequency,
        down_payment: down.filter(|d| !d.is_zero()),
        remainder: req.remainder,
        business_days: req.business_days,
    };
    let installments = match schedule(&terms, today) {
        Ok(s) if v.is_empty() => s,
        Ok(_) => return Err(v.into()),
        Err(more) => {
            // Problems of the total come from the invoices chosen.
            for i in more.issues {
                let field = if i.field == Field::Total { Field::PlanInvoices } else { i.field };
                if field != Field::PlanInvoices || v.is_empty() {
                    v.push(field, i.problem);
                }
            }
            return Err(v.into());
        }
    };
    let mut running = Money::ZERO;
    let with_totals = installments
        .iter()
        .map(|i| {
            running += i.amount;
            (*i, running)
        })
        .collect();
    let data = PlanData {
        customer: req.customer,
        agreed_on: today,
        invoices: chosen.iter().map(|c| (c.0, c.2)).collect(),
        penalties,
        terms,
        installments,
    };
    let preview = PlanPreview { invoices: chosen, invoices_owed, penalties, total, installments: with_totals };
    Ok((data, preview))
}

/// The schedule the request would give. Writes nothing.
pub fn preview(ctx: &impl Context, req: &PlanRequest) -> AppResult<PlanPreview> {
    compute(ctx, req, None).map(|(_, p)| p)
}

/// Agrees a plan: its invoices' reminders pause while it runs.
pub fn create(ctx: &mut impl Context, req: &PlanRequest) -> AppResult<PlanId> {
    let (data, _) = compute(ctx, req, None)?;
    let now = ctx.clock().now();
    ctx.store_mut().write(|tx| {
        let id = relance_store::plans::insert(tx, &data, now)?;
        log(tx, now, ActivityKind::PlanCreated, &data, id, &[])?;
        Ok(id)
    })
}

/// Renegotiates: a new plan replaces `old` (running or defaulted); both stay in the history.
pub fn renegotiate(ctx: &mut impl Context, old: PlanId, req: &PlanRequest) -> AppResult<PlanId> {
    let previous = get(ctx.store().conn(), old)?;
    if matches!(previous.record, PlanRecord::Replaced { .. }) {
        return Err(AppError::invalid(Field::Plan, Problem::StepNotAllowed));
    }
    if previous.data.customer != req.customer {
        return Err(AppError::invalid(Field::Customer, Problem::Unknown));
    }
    let (data, _) = compute(ctx, req, Some(old))?;
    let now = ctx.clock().now();
    ctx.store_mut().write(|tx| {
        let id = relance_store::plans::insert(tx, &data, now)?;
        relance_store::plans::replace(tx, old, id, data.agreed_on)?;
        log(tx, now, ActivityKind::PlanRenegotiated, &data, id, &[("replaced", old.to_string())])?;
        Ok(id)
    })
}

fn log(
    tx: &Conn,
    now: chrono::DateTime<chrono::Utc>,
    kind: ActivityKind,
    data: &PlanData,
    id: PlanId,
    extra: &[(&str, String)],
) -> AppResult<()> {
    let mut details = vec![
        ("plan", id.to_string()),
        ("total", data.terms.total.to_string()),
        ("installments", data.installments.len().to_string()),
        ("first", data.terms.first.to_string()),
        ("invoices", numbers(tx, &data.invoices)?),
    ];
    details.extend(extra.iter().map(|(k, v)| (*k, v.clone())));
    let subject = Subject { customer: Some(data.customer), invoice: None, payment: None };
    activity::record(tx, now, kind, subject, &details)?;
    Ok(())
}

fn numbers(conn: &Conn, invoices: &[(InvoiceId, Money)]) -> AppResult<String> {
    let mut out = Vec::new();
    for (id, _) in invoices {
        if let Some(inv) = relance_store::invoices::get(conn, *id)? {
            out.push(inv.data.number);
        }
    }
    Ok(out.join(", "))
}

fn get(conn: &Conn, id: PlanId) -> AppResult<Plan> {
    relance_store::plans::get(conn, id)?.ok_or(AppError::NotFound("plan"))
}

/// What has been paid towards the plan now.
fn paid(conn: &Conn, plan: &Plan) -> AppResult<Money> {
    let owed_now = relance_store::plans::invoices_owed_now(conn, plan.id)?;
    let credit = relance_store::plans::credit_since(conn, plan.data.customer, plan.data.agreed_on)?;
    Ok(paid_towards(&plan.data, owed_now, credit))
}

/// A plan followed at a date.
#[derive(Debug, Clone)]
pub struct PlanView {
    pub plan: Plan,
    pub customer_name: String,
    pub invoice_numbers: Vec<String>,
    pub follow: Follow,
    /// The day the plan breaks if nothing more is paid (running plans).
    pub breaks_on: Option<NaiveDate>,
    pub settings: PlanSettings,
    /// The reminder levels the user may resume at once the plan defaulted
    /// (key, offset), up to the formal notice; the default is the formal notice.
    pub resume_levels: Vec<(String, i32, bool)>,
    /// What was recorded about its installments' notices and reminders, in
    /// order, with the channel of the done ones.
    pub handled: Vec<(Handled, Option<Channel>)>,
}

fn view(conn: &Conn, plan: Plan, as_of: NaiveDate, settings: PlanSettings) -> AppResult<PlanView> {
    let paid = paid(conn, &plan)?;
    let follow = plan.follow(paid, as_of, settings.grace_days);
    let customer_name =
        relance_store::customers::get(conn, plan.data.customer)?.map(|c| c.data.name).unwrap_or_default();
    let mut invoice_numbers = Vec::new();
    for (id, _) in &plan.data.invoices {
        if let Some(inv) = relance_store::invoices::get(conn, *id)? {
            invoice_numbers.push(inv.data.number);
        }
    }
    let breaks = if follow.status == PlanStatus::Running { breaks_on(&follow, settings.grace_days) } else { None };
    let resume_levels =
        if matches!(follow.status, PlanStatus::Defaulted { .. }) && matches!(plan.record, PlanRecord::Running) {
            let policy = Resolver::load(conn, Some(plan.data.customer), as_of)?.policy_for(plan.data.customer);
            let mut out = Vec::new();
            for l in policy.levels().iter().filter(|l| l.offset_days >= 0) {
                out.push((l.key.clone(), l.offset_days, l.is_formal_notice));
                if l.is_formal_notice {
                    break;
                }
            }
            out
        } else {
            Vec::new()
        };
    let handled = relance_store::plans::reminders(conn, plan.id)?.into_iter().map(|r| (r.handled, r.channel)).collect();
    Ok(PlanView { plan, customer_name, invoice_numbers, follow, breaks_on: breaks, settings, resume_levels, handled })
}

/// One plan, followed on `as_of`.
pub fn show(ctx: &impl Context, id: PlanId, as_of: NaiveDate) -> AppResult<PlanView> {
    let conn = ctx.store().conn();
    let settings = relance_store::plans::settings(conn)?;
    view(conn, get(conn, id)?, as_of, settings)
}

/// Every plan of a customer, the most recent first, followed on `as_of`.
pub fn for_customer(ctx: &impl Context, customer: CustomerId, as_of: NaiveDate) -> AppResult<Vec<PlanView>> {
    let conn = ctx.store().conn();
    relance_store::customers::get(conn, customer)?.ok_or(AppError::NotFound("customer"))?;
    let settings = relance_store::plans::settings(conn)?;
    relance_store::plans::for_customer(conn, customer)?.into_iter().map(|p| view(conn, p, as_of, settings)).collect()
}

/// An installment to watch: of a running plan, due this week (Monday to
/// Sunday of `as_of`) or within the notice days, or late; or the unpaid
/// installments of a plan that broke and whose default is not recorded yet.
#[derive(Debug, Clone)]
pub struct DueInstallment {
    pub plan: PlanId,
    pub customer: CustomerId,
    pub customer_name: String,
    pub number: u32,
    pub due: NaiveDate,
    pub left: Money,
    pub late: bool,
    /// The plan broke on this day: the user chooses where the reminders resume.
    pub broken_on: Option<NaiveDate>,
}

/// The installments still to pay this week (or within the notice days) or
/// already late, of running plans, and those of plans that just broke.
pub fn due_this_week(ctx: &impl Context, as_of: NaiveDate) -> AppResult<Vec<DueInstallment>> {
    let conn = ctx.store().conn();
    let settings = relance_store::plans::settings(conn)?;
    let monday = as_of - Duration::days(i64::from(as_of.weekday().num_days_from_monday()));
    let horizon = (monday + Duration::days(6)).max(as_of + Duration::days(i64::from(settings.notice_days)));
    let mut out = Vec::new();
    for p in relance_store::plans::running(conn, None)? {
        let v = view(conn, p, as_of, settings)?;
        let broken_on = match v.follow.status {
            PlanStatus::Running => None,
            PlanStatus::Defaulted { on } => Some(on),
            PlanStatus::Completed | PlanStatus::Replaced { .. } => continue,
        };
        let watched = |due: NaiveDate| if broken_on.is_some() { due < as_of } else { due <= horizon };
        for s in v.follow.installments.iter().filter(|s| s.left().is_positive() && watched(s.installment.due)) {
            out.push(DueInstallment {
                plan: v.plan.id,
                customer: v.plan.data.customer,
                customer_name: v.customer_name.clone(),
                number: s.installment.number,
                due: s.installment.due,
                left: s.left(),
                late: s.installment.due < as_of,
                broken_on,
            });
        }
    }
    out.sort_by(|a, b| (a.due, &a.customer_name, a.number).cmp(&(b.due, &b.customer_name, b.number)));
    Ok(out)
}

/// An installment action of the day (a notice before, a reminder after).
#[derive(Debug, Clone)]
pub struct PlanAction {
    pub plan: PlanId,
    pub customer: CustomerId,
    pub customer_name: String,
    pub action: InstallmentAction,
    /// Days past the installment's date on the day asked (0 or less for a notice).
    pub days_late: i64,
}

/// The installment actions of `as_of`, for the agenda: they replace the
/// collections' reminders of the plan's invoices while it runs. What was
/// done or skipped is never proposed again; what was postponed waits.
pub fn agenda(ctx: &impl Context, as_of: NaiveDate) -> AppResult<Vec<PlanAction>> {
    plan_actions(ctx.store().conn(), None, as_of)
}

fn plan_actions(conn: &Conn, customer: Option<CustomerId>, as_of: NaiveDate) -> AppResult<Vec<PlanAction>> {
    let settings = relance_store::plans::settings(conn)?;
    let mut out = Vec::new();
    for p in relance_store::plans::running(conn, customer)? {
        let v = view(conn, p, as_of, settings)?;
        let handled: Vec<Handled> = v.handled.iter().map(|(h, _)| *h).collect();
        for action in actions(&v.follow, as_of, settings, &handled) {
            out.push(PlanAction {
                plan: v.plan.id,
                customer: v.plan.data.customer,
                customer_name: v.customer_name.clone(),
                action,
                days_late: (as_of - action.due).num_days(),
            });
        }
    }
    out.sort_by(|a, b| (&a.customer_name, a.action.due).cmp(&(&b.customer_name, b.action.due)));
    Ok(out)
}

/// Which installment action the user handles: installment `number` of
/// `plan`, its notice or its reminder, as proposed on `as_of`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InstallmentActionRef {
    pub plan: PlanId,
    pub number: u32,
    pub kind: InstallmentActionKind,
}

/// What the agenda proposes on `as_of` for installment `number` of `plan`
/// (at most one action per installment a day), for a front end that lets the
/// user leave the kind out.
pub fn proposed_kind(
    ctx: &impl Context,
    plan: PlanId,
    number: u32,
    as_of: NaiveDate,
) -> AppResult<Option<InstallmentActionKind>> {
    let conn = ctx.store().conn();
    let customer = get(conn, plan)?.data.customer;
    Ok(plan_actions(conn, Some(customer), as_of)?
        .into_iter()
        .find(|a| a.plan == plan && a.action.number == number)
        .map(|a| a.action.kind))
}

/// What the user did about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InstallmentHandling {
    /// Sent or called on `as_of` by this channel (a letter, an e-mail or a call).
    Done(Channel),
    /// Not sent, on purpose: never proposed again.
    Skipped(String),
    /// Proposed again on that day (after `as_of`, within a year).
    Postponed(NaiveDate),
}

/// Records what the user did about an installment's notice or reminder
/// proposed on `as_of`: refused (nothing written) unless the agenda proposes
/// it that day. Logged in the customer's timeline.
pub fn handle_installment_action(
    ctx: &mut impl Context,
    r: InstallmentActionRef,
    handling: &InstallmentHandling,
    as_of: NaiveDate,
) -> AppResult<PlanAction> {
    let (outcome, channel, reason, kind) = match handling {
        InstallmentHandling::Done(Channel::Escalation) => {
            return Err(AppError::invalid(Field::LevelChannel, Problem::Unknown))
        }
        InstallmentHandling::Done(c) => {
            (HandledOutcome::Done { on: as_of }, Some(*c), None, ActivityKind::InstallmentActionDone)
        }
        InstallmentHandling::Skipped(why) => {
            let why = relance_domain::validation::optional_text(Field::Notes, why, 500)
                .map_err(|i| AppError::Invalid(Validation { issues: vec![i] }))?;
            (HandledOutcome::Skipped { on: as_of }, None, why, ActivityKind::InstallmentActionSkipped)
        }
        InstallmentHandling::Postponed(until) => {
            if *until <= as_of {
                return Err(AppError::invalid(Field::PostponedUntil, Problem::TooEarly));
            }
            if *until > as_of + Duration::days(366) {
                return Err(AppError::invalid(Field::PostponedUntil, Problem::TooLate));
            }
            (HandledOutcome::Postponed { until: *until }, None, None, ActivityKind::InstallmentActionPostponed)
        }
    };
    let now = ctx.clock().now();
    ctx.store_mut().write(|tx| {
        let plan = get(tx, r.plan)?;
        let proposed = plan_actions(tx, Some(plan.data.customer), as_of)?
            .into_iter()
            .find(|a| a.plan == r.plan && a.action.number == r.number && a.action.kind == r.kind)
            .ok_or(AppError::invalid(Field::Plan, Problem::StepNotAllowed))?;
        let record = relance_store::plans::ReminderRecord {
            handled: Handled { number: r.number, kind: r.kind, outcome },
            channel,
            reason: reason.clone(),
        };
        relance_store::plans::record_reminder(tx, r.plan, &record, as_of, now)?;
        let mut details = vec![
            ("plan", r.plan.to_string()),
            ("number", r.number.to_string()),
            ("action", r.kind.code().to_string()),
            ("due", proposed.action.due.to_string()),
            ("amount", proposed.action.left.to_string()),
            ("date", as_of.to_string()),
        ];
        match handling {
            InstallmentHandling::Done(c) => details.push(("channel", c.code().to_string())),
            InstallmentHandling::Skipped(_) => details.push(("reason", reason.unwrap_or_default())),
            InstallmentHandling::Postponed(until) => details.push(("until", until.to_string())),
        }
        let subject = Subject { customer: Some(plan.data.customer), invoice: None, payment: None };
        activity::record(tx, now, kind, subject, &details)?;
        Ok(proposed)
    })
}

/// The invoices the collections agenda leaves alone, each until the day its
/// plan breaks if nothing more is paid (read once per agenda).
pub(crate) fn paused_invoices(conn: &Conn) -> AppResult<HashMap<InvoiceId, NaiveDate>> {
    let settings = relance_store::plans::settings(conn)?;
    let mut out = HashMap::new();
    for p in relance_store::plans::running(conn, None)? {
        let paid = paid(conn, &p)?;
        let f = relance_domain::plan::follow(&p.data.installments, paid, p.data.agreed_on, settings.grace_days);
        let until = breaks_on(&f, settings.grace_days).unwrap_or(NaiveDate::MAX);
        for (id, _) in &p.data.invoices {
            out.insert(*id, until);
        }
    }
    Ok(out)
}

/// Records that a plan broke (it must have: an installment unpaid after the
/// grace days) and resumes the reminders of its invoices at `level` (the
/// formal notice when `None`): the levels before it are recorded as skipped,
/// « Échéancier non respecté », so that level is due at once.
pub fn record_default(ctx: &mut impl Context, id: PlanId, level: Option<&str>) -> AppResult<()> {
    let today = ctx.clock().today();
    let now = ctx.clock().now();
    ctx.store_mut().write(|tx| {
        let plan = get(tx, id)?;
        let settings = relance_store::plans::settings(tx)?;
        let v = view(tx, plan, today, settings)?;
        let on = match (v.follow.status, &v.plan.record) {
            (PlanStatus::Defaulted { on }, PlanRecord::Running) => on,
            _ => return Err(AppError::invalid(Field::Plan, Problem::StepNotAllowed)),
        };
        let customer = v.plan.data.customer;
        let policy = Resolver::load(tx, Some(customer), today)?.policy_for(customer);
        let chosen = match level {
            Some(key) => policy.level(key).ok_or(AppError::invalid(Field::DunningLevel, Problem::Unknown))?,
            None => policy.formal_notice().unwrap_or(policy.last()),
        };
        let before = policy.levels().iter().take_while(|l| l.key != chosen.key).last();
        if let Some(before) = before {
            for (invoice, _) in &v.plan.data.invoices {
                let Some(inv) = relance_store::invoices::get(tx, *invoice)? else { continue };
                let remaining = inv.data.total - inv.settled;
                if inv.cancelled || !remaining.is_positive() {
                    continue;
                }
                let state = InvoiceDunning::replay(&relance_store::dunning::for_invoice(tx, *invoice)?);
                if state.last_handled.as_ref().is_some_and(|h| h.level.offset_days >= before.offset_days) {
                    continue;
                }
                let event = DunningEvent::LevelSkipped {
                    level: before.mark(),
                    on: today,
                    reason: DEFAULT_SKIP_REASON.to_string(),
                };
                let event = state.check(&event, &policy, remaining)?;
                relance_store::dunning::append(tx, *invoice, &event, today, now)?;
            }
        }
        relance_store::plans::record_default(tx, id, on, Some(&chosen.key))?;
        let subject = Subject { customer: Some(customer), invoice: None, payment: None };
        let details = [("plan", id.to_string()), ("on", on.to_string()), ("level", chosen.key.clone())];
        activity::record(tx, now, ActivityKind::PlanDefaulted, subject, &details)?;
        Ok(())
    })
}

/// Records a payment for the plan: applied to the plan's invoices oldest
/// first; what is left is the customer's credit (which pays an included
/// penalties part).
pub fn record_payment(ctx: &mut impl Context, id: PlanId, input: &PaymentInput) -> AppResult<PaymentId> {
    let conn = ctx.store().conn();
    let plan = get(conn, id)?;
    let data = input.validate()?;
    let open: Vec<_> = relance_store::invoices::open_for_customer(conn, plan.data.customer)?
        .into_iter()
        .filter(|o| plan.data.invoices.iter().any(|(i, _)| *i == o.id))
        .collect();
    let lines = allocate_oldest_first(data.amount, &open).lines;
    let chosen = Allocation::Chosen(lines.iter().map(|l| (l.invoice, l.amount.to_string())).collect());
    let (payment, _) = crate::payments::record(ctx, plan.data.customer, input, &chosen)?;
    Ok(payment)
}

pub fn settings(ctx: &impl Context) -> AppResult<PlanSettings> {
    Ok(relance_store::plans::settings(ctx.store().conn())?)
}

/// Saves the follow-up settings (days, 0 to 90 each).
pub fn save_settings(ctx: &mut impl Context, grace: i64, notice: i64, reminder: i64) -> AppResult<PlanSettings> {
    let mut v = Validation::new();
    let max = i64::from(MAX_SETTING_DAYS);
    let mut day = |field: Field, n: i64| -> u32 {
        if (0..=max).contains(&n) {
            u32::try_from(n).unwrap_or(0)
        } else {
            v.push(field, Problem::OutOfRange { min: 0, max });
            0
        }
    };
    let s = PlanSettings {
        grace_days: day(Field::PlanGraceDays, grace),
        notice_days: day(Field::PlanNoticeDays, notice),
        reminder_days: day(Field::PlanReminderDays, reminder),
    };
    if !v.is_empty() {
        return Err(v.into());
    }
    let now = ctx.clock().now();
    ctx.store_mut().write(|tx| {
        relance_store::plans::save_settings(tx, &s)?;
        let details = [
            ("grace", s.grace_days.to_string()),
            ("notice", s.notice_days.to_string()),
            ("reminder", s.reminder_days.to_string()),
        ];
        activity::record(tx, now, ActivityKind::PlanSettingsSaved, Subject::default(), &details)?;
        Ok(s)
    })
}

/// Everything the installment agreement letter needs, for the letters
/// feature to lay out: the parties, the invoices, the schedule, the total,
/// the penalties included or waived, and what happens on default.
#[derive(Debug, Clone)]
pub struct PlanAgreement {
    pub creditor: CompanyProfile,
    pub debtor: CustomerData,
    pub agreed_on: NaiveDate,
    /// (number, issue date, due date, owed at the agreement)
    pub invoices: Vec<(String, NaiveDate, NaiveDate, Money)>,
    pub invoices_owed: Money,
    pub penalties: PenaltiesPart,
    pub total: Money,
    pub schedule: Vec<Installment>,
    /// An installment unpaid this many days after its date breaks the plan.
    pub grace_days: u32,
    /// On default the whole remaining balance becomes due at once.
    pub remaining_due_on_default: bool,
}

pub fn agreement(ctx: &impl Context, id: PlanId) -> AppResult<PlanAgreement> {
    let conn = ctx.store().conn();
    let plan = get(conn, id)?;
    let creditor = crate::company::get(ctx, relance_domain::company::Language::Fr)?;
    let debtor = relance_store::customers::get(conn, plan.data.customer)?.ok_or(AppError::NotFound("customer"))?.data;
    let mut invoices = Vec::new();
    for (inv, owed) in &plan.data.invoices {
        let i = relance_store::invoices::get(conn, *inv)?.ok_or(AppError::NotFound("invoice"))?;
        invoices.push((i.data.number, i.data.issue_date, i.data.due_date, *owed));
    }
    Ok(PlanAgreement {
        creditor,
        debtor,
        agreed_on: plan.data.agreed_on,
        invoices,
        invoices_owed: plan.data.invoices_owed(),
        penalties: plan.data.penalties,
        total: plan.data.terms.total,
        schedule: plan.data.installments.clone(),
        grace_days: relance_store::plans::settings(conn)?.grace_days,
        remaining_due_on_default: true,
    })
}

/// For the cash-in forecast: the invoices of plans still running at
/// `as_of`, and the unpaid part of each of their installments. A plan that
/// broke (or completed) expects nothing more by its schedule: its invoices
/// are expected like any other.
pub(crate) fn running_left(
    conn: &Conn,
    as_of: NaiveDate,
) -> AppResult<(std::collections::HashSet<InvoiceId>, Vec<relance_domain::kpis::PlanInstallmentLeft>)> {
    let settings = relance_store::plans::settings(conn)?;
    let mut invoices = std::collections::HashSet::new();
    let mut left = Vec::new();
    for p in relance_store::plans::running(conn, None)? {
        let paid = paid(conn, &p)?;
        let follow = p.follow(paid, as_of, settings.grace_days);
        if follow.status != PlanStatus::Running {
            continue;
        }
        invoices.extend(p.data.invoices.iter().map(|(id, _)| *id));
        for s in follow.installments.iter().filter(|s| s.left().is_positive()) {
            left.push(relance_domain::kpis::PlanInstallmentLeft {
                customer: p.data.customer,
                due: s.installment.due,
                left: s.left(),
            });
        }
    }
    Ok((invoices, left))
}
