//! The collections views: the day's agenda and an invoice's penalties, for
//! the UI (in the TypeScript bindings) and the CLI's `--json`.

use relance_app::collections::{AgendaView, CustomerPromises, InvoiceCollection, PenaltiesView};
use relance_app::insurance::DeclarationDue;
use relance_app::plans::PlanAction;
use relance_domain::dunning::dispute::DisputeRecord;
use relance_domain::dunning::promise::PromiseState;
use relance_domain::dunning::EscalationStage;
use relance_domain::penalties::RateBasis;
use relance_domain::Money;
use serde::Serialize;
use ts_rs::TS;

use crate::views::{date, money};

#[derive(Debug, Clone, Serialize, TS)]
pub struct AgendaJson {
    pub as_of: String,
    pub customers: Vec<AgendaCustomerJson>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct AgendaCustomerJson {
    pub customer_id: i64,
    pub customer_name: String,
    /// What the customer's actions chase, all invoices together.
    pub total: String,
    /// At most two: the message (letter, email or call) covering every
    /// invoice with a message due, then the decision (court or agency).
    pub actions: Vec<AgendaActionJson>,
    pub broken_promises: Vec<BrokenPromiseJson>,
    /// The notices and reminders of the customer's running installment
    /// plans due today (their invoices' reminders pause while a plan runs).
    pub installments: Vec<crate::plans::PlanActionJson>,
    /// Unpaid invoices to declare to the customer's credit insurer, the
    /// nearest deadline first (those passed first of all).
    pub declarations: Vec<crate::insurance::DeclarationDueJson>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct AgendaActionJson {
    /// The lead level's channel: letter | email | phone_call, or escalation
    /// for the decision.
    pub channel: String,
    /// True for the decision to go to court or to an agency (not a message).
    pub decision: bool,
    /// The furthest level among the invoices: it sets the channel and the tone.
    pub level: String,
    pub template: String,
    pub fee: Option<String>,
    pub total: String,
    pub invoices: Vec<AgendaLineJson>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct AgendaLineJson {
    pub invoice_id: i64,
    pub number: String,
    /// The invoice's own level (each invoice moves to its own next level).
    pub level: String,
    pub due_date: String,
    pub days_late: i64,
    pub amount_due: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct BrokenPromiseJson {
    pub promise_id: i64,
    pub amount: String,
    pub by: String,
    pub paid: String,
    pub invoices: Vec<String>,
}

impl From<&AgendaView> for AgendaJson {
    fn from(v: &AgendaView) -> Self {
        let number = |id| v.invoice_numbers.get(&id).cloned().unwrap_or_default();
        let customers = v
            .agenda
            .customers
            .iter()
            .map(|c| AgendaCustomerJson {
                customer_id: c.customer.0,
                customer_name: v.customer_names.get(&c.customer).cloned().unwrap_or_default(),
                total: money(c.actions.iter().map(|a| a.total).sum()),
                actions: c
                    .actions
                    .iter()
                    .map(|a| AgendaActionJson {
                        channel: a.channel.code().to_string(),
                        decision: a.is_decision(),
                        level: a.lead.key.clone(),
                        template: a.template.clone(),
                        fee: a.fee.map(money),
                        total: money(a.total),
                        invoices: a
                            .lines
                            .iter()
                            .map(|l| AgendaLineJson {
                                invoice_id: l.invoice.0,
                                number: number(l.invoice),
                                level: l.level.key.clone(),
                                due_date: date(l.due_date),
                                days_late: l.days_late,
                                amount_due: money(l.remaining),
                            })
                            .collect(),
                    })
                    .collect(),
                broken_promises: c
                    .broken_promises
                    .iter()
                    .map(|b| BrokenPromiseJson {
                        promise_id: b.promise.0,
                        amount: money(b.amount),
                        by: date(b.by),
                        paid: money(b.paid),
                        invoices: b.invoices.iter().map(|i| number(*i)).collect(),
                    })
                    .collect(),
                installments: Vec::new(),
                declarations: Vec::new(),
            })
            .collect();
        AgendaJson { as_of: date(v.agenda.date), customers }
    }
}

impl AgendaJson {
    /// Puts each installment action on its customer's card; a customer with
    /// nothing else due today gets a card of its own, after the others.
    pub fn with_plans(mut self, actions: &[PlanAction]) -> AgendaJson {
        for a in actions {
            let json = crate::plans::PlanActionJson::from(a);
            match self.customers.iter_mut().find(|c| c.customer_id == a.customer.0) {
                Some(c) => c.installments.push(json),
                None => self.customers.push(AgendaCustomerJson {
                    customer_id: a.customer.0,
                    customer_name: a.customer_name.clone(),
                    total: money(Money::ZERO),
                    actions: Vec::new(),
                    broken_promises: Vec::new(),
                    installments: vec![json],
                    declarations: Vec::new(),
                }),
            }
        }
        self
    }

    /// Puts each declaration to the credit insurer on its customer's card
    /// (`due` comes nearest deadline first and keeps that order). A customer
    /// with nothing else due today gets a card of its own, at the top of the
    /// list: a missed deadline loses the cover, and a card at the bottom of a
    /// long agenda is easily missed. The reminders are not changed.
    pub fn with_declarations(mut self, due: &[DeclarationDue]) -> AgendaJson {
        let mut own: Vec<AgendaCustomerJson> = Vec::new();
        for d in due {
            let json = crate::insurance::DeclarationDueJson::from(d);
            if let Some(c) = self.customers.iter_mut().chain(own.iter_mut()).find(|c| c.customer_id == d.customer.0) {
                c.declarations.push(json);
                continue;
            }
            own.push(AgendaCustomerJson {
                customer_id: d.customer.0,
                customer_name: d.customer_name.clone(),
                total: money(Money::ZERO),
                actions: Vec::new(),
                broken_promises: Vec::new(),
                installments: Vec::new(),
                declarations: vec![json],
            });
        }
        own.append(&mut self.customers);
        self.customers = own;
        self
    }
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct PenaltiesJson {
    pub number: String,
    pub due_date: String,
    pub as_of: String,
    /// business | consumer
    pub debtor: String,
    pub days_late: i64,
    pub outstanding: String,
    pub periods: Vec<InterestPeriodJson>,
    /// Rounded once, half away from zero, from the exact sum of the periods.
    pub interest: String,
    pub indemnity: String,
    pub total: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct InterestPeriodJson {
    pub from: String,
    pub to: String,
    pub days: i64,
    pub principal: String,
    /// Annual percent, e.g. "13.15".
    pub annual_rate: String,
    /// ecb_plus_10 | contractual | legal_rate
    pub basis: String,
    /// The period's exact interest rounded to the cent, for reading only:
    /// the periods' roundings may not add up to `interest`.
    pub interest: String,
}

impl PenaltiesJson {
    pub fn new(v: &PenaltiesView, as_of: chrono::NaiveDate) -> Self {
        let p = &v.penalties;
        PenaltiesJson {
            number: v.number.clone(),
            due_date: date(v.due_date),
            as_of: date(as_of),
            debtor: if v.consumer { "consumer" } else { "business" }.to_string(),
            days_late: p.days_late,
            outstanding: money(p.outstanding),
            periods: p
                .periods
                .iter()
                .map(|r| InterestPeriodJson {
                    from: date(r.from),
                    to: date(r.to),
                    days: r.days,
                    principal: money(r.principal),
                    annual_rate: r.annual_rate.to_string(),
                    basis: match r.basis {
                        RateBasis::EcbPlusTenPoints { .. } => "ecb_plus_10",
                        RateBasis::Contractual { .. } => "contractual",
                        RateBasis::LegalRate { .. } => "legal_rate",
                    }
                    .to_string(),
                    interest: money(r.interest.rounded()),
                })
                .collect(),
            interest: money(p.interest),
            indemnity: money(p.indemnity),
            total: money(p.total_claimed),
        }
    }
}

/// A rate the user added.
#[derive(Debug, Clone, Serialize, TS)]
pub struct RateEntryView {
    /// `ecb`, `legal_other` or `legal_private`.
    pub kind: String,
    pub half_year_start: String,
    /// Percent per year, canonical decimal ("2.40").
    pub rate: String,
    pub source: String,
}

impl From<&relance_store::rates::RateEntry> for RateEntryView {
    fn from(e: &relance_store::rates::RateEntry) -> Self {
        RateEntryView {
            kind: e.kind.code().to_string(),
            half_year_start: date(e.half_year_start),
            rate: e.rate.clone(),
            source: e.source.clone(),
        }
    }
}

/// One dispute of an invoice.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DisputeView {
    pub opened_on: String,
    pub reason: String,
    /// Empty while the dispute is open.
    pub closed_on: Option<String>,
    pub note: Option<String>,
}

impl From<&DisputeRecord> for DisputeView {
    fn from(d: &DisputeRecord) -> Self {
        DisputeView {
            opened_on: date(d.opened_on),
            reason: d.reason.clone(),
            closed_on: d.closed_on.map(date),
            note: d.note.clone(),
        }
    }
}

/// An invoice's disputes and stage after the reminders, for its page and the CLI.
#[derive(Debug, Clone, Serialize, TS)]
pub struct InvoiceCollectionView {
    pub remaining: String,
    /// The day the mise en demeure was sent, if it was.
    pub formal_notice_sent_on: Option<String>,
    /// reminders | injunction_prepared | handed_to_agency | written_off
    pub stage: String,
    /// When the current stage began (none while in the reminders).
    pub stage_since: Option<String>,
    pub written_off_amount: Option<String>,
    pub written_off_reason: Option<String>,
    /// The open dispute, if any (also the last of `disputes`).
    pub open_dispute: Option<DisputeView>,
    /// Every dispute, oldest first.
    pub disputes: Vec<DisputeView>,
    /// The stages the user may move the invoice to now.
    pub next_steps: Vec<String>,
    /// The running installment plan the invoice is part of, if any.
    pub running_plan: Option<i64>,
}

impl From<&InvoiceCollection> for InvoiceCollectionView {
    fn from(c: &InvoiceCollection) -> Self {
        let s = &c.state;
        let (since, amount, reason) = match &s.stage {
            EscalationStage::Reminders => (None, None, None),
            EscalationStage::InjunctionPrepared { on } | EscalationStage::HandedToAgency { on } => {
                (Some(date(*on)), None, None)
            }
            EscalationStage::WrittenOff { on, amount, reason } => {
                (Some(date(*on)), Some(money(*amount)), Some(reason.clone()))
            }
        };
        InvoiceCollectionView {
            remaining: money(c.remaining),
            formal_notice_sent_on: s.formal_notice_sent_on.map(date),
            stage: s.stage.code().to_string(),
            stage_since: since,
            written_off_amount: amount,
            written_off_reason: reason,
            open_dispute: s.dispute.as_ref().and_then(|_| c.disputes.last()).map(DisputeView::from),
            disputes: c.disputes.iter().map(DisputeView::from).collect(),
            next_steps: c.next_steps.iter().map(|s| s.to_string()).collect(),
            running_plan: c.running_plan.map(|p| p.0),
        }
    }
}

/// A promise to pay on the customer's page.
#[derive(Debug, Clone, Serialize, TS)]
pub struct PromiseView {
    pub id: i64,
    pub amount: String,
    pub made_on: String,
    pub by: String,
    /// running | kept | broken | cancelled
    pub status: String,
    /// When it was recorded kept, broken or cancelled.
    pub closed_on: Option<String>,
    /// Paid on its invoices since it was made.
    pub paid: String,
    pub invoices: Vec<String>,
}

/// A customer's promises (most recent first), how many were broken, and
/// how much of what it owes was written off.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CustomerCollectionsView {
    pub promises: Vec<PromiseView>,
    pub broken_promises: u32,
    /// Part of the customer's "reste dû" written off (still owed, no longer expected).
    pub written_off: String,
}

impl CustomerCollectionsView {
    pub fn new(p: &CustomerPromises, written_off: Money) -> Self {
        CustomerCollectionsView {
            promises: p
                .lines
                .iter()
                .map(|l| PromiseView {
                    id: l.promise.id.0,
                    amount: money(l.promise.data.amount),
                    made_on: date(l.promise.data.made_on),
                    by: date(l.promise.data.by),
                    status: l.outcome.code().to_string(),
                    closed_on: match l.promise.state {
                        PromiseState::Open => None,
                        PromiseState::Kept { on } | PromiseState::Broken { on } | PromiseState::Cancelled { on } => {
                            Some(date(on))
                        }
                    },
                    paid: money(l.paid_since),
                    invoices: l.invoice_numbers.clone(),
                })
                .collect(),
            broken_promises: p.broken,
            written_off: money(written_off),
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use relance_app::insurance::DeclarationDue;
    use relance_domain::ids::{CustomerId, InvoiceId};
    use relance_domain::insurance::{Declaration, DeclarationState};
    use relance_domain::Money;

    use super::{AgendaCustomerJson, AgendaJson};

    fn card(id: i64) -> AgendaCustomerJson {
        AgendaCustomerJson {
            customer_id: id,
            customer_name: format!("C{id}"),
            total: "0.00".into(),
            actions: Vec::new(),
            broken_promises: Vec::new(),
            installments: Vec::new(),
            declarations: Vec::new(),
        }
    }

    fn due(customer: i64, invoice: i64, state: DeclarationState) -> DeclarationDue {
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        DeclarationDue {
            customer: CustomerId(customer),
            customer_name: format!("C{customer}"),
            invoice: InvoiceId(invoice),
            number: format!("F-{invoice}"),
            insurer: "Coface".into(),
            due_date: day("2026-01-15"),
            remaining: Money::from_cents(125_000),
            declaration: Declaration { deadline: day("2026-03-16"), state },
        }
    }

    #[test]
    fn declarations_join_their_customers_card_or_come_first_on_their_own() {
        let agenda = AgendaJson { as_of: "2026-03-10".into(), customers: vec![card(1), card(2)] };
        let passed = DeclarationState::Passed { days_late: 3 };
        let soon = DeclarationState::Due { days_left: 6 };
        let out = agenda.with_declarations(&[due(3, 30, passed), due(2, 20, soon), due(3, 31, soon)]);
        let order: Vec<(i64, Vec<&str>)> = out
            .customers
            .iter()
            .map(|c| (c.customer_id, c.declarations.iter().map(|d| d.number.as_str()).collect()))
            .collect();
        assert_eq!(order, vec![(3, vec!["F-30", "F-31"]), (1, vec![]), (2, vec!["F-20"])]);
        let first = &out.customers[0].declarations[0];
        assert_eq!(
            (first.passed, first.days, first.deadline.as_str(), first.amount_due.as_str()),
            (true, 3, "2026-03-16", "1250.00")
        );
        assert!(!out.customers[0].declarations[1].passed);
    }
}
