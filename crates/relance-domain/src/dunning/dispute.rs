//! Disputes (litiges): the customer contests an invoice. Reminders pause on
//! that invoice only, not on the customer's other invoices, until the
//! dispute is resolved (or a credit note settles the invoice).

use chrono::NaiveDate;

use super::escalation::MAX_REASON_CHARS;
use crate::validation::{optional_text, required_text, Field, Problem, Validation};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenDispute {
    pub since: NaiveDate,
    pub reason: String,
}

/// One dispute of an invoice's history: when it opened and why, and when
/// and how it closed (still open when `closed_on` is `None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisputeRecord {
    pub opened_on: NaiveDate,
    pub reason: String,
    pub closed_on: Option<NaiveDate>,
    pub note: Option<String>,
}

/// Every dispute of an invoice, oldest first, from its stored history
/// (`(opened on, reason)` and `(closed on, note)` in order). A closing with
/// no dispute open is ignored, as the replay does.
pub fn history<'e>(events: impl IntoIterator<Item = &'e super::DunningEvent>) -> Vec<DisputeRecord> {
    use super::DunningEvent;
    let mut out: Vec<DisputeRecord> = Vec::new();
    for e in events {
        match e {
            DunningEvent::DisputeOpened { on, reason } if out.last().is_none_or(|d| d.closed_on.is_some()) => {
                out.push(DisputeRecord { opened_on: *on, reason: reason.clone(), closed_on: None, note: None });
            }
            DunningEvent::DisputeResolved { on, note } => {
                if let Some(last) = out.last_mut().filter(|d| d.closed_on.is_none()) {
                    last.closed_on = Some(*on);
                    last.note = note.clone();
                }
            }
            _ => {}
        }
    }
    out
}

/// Checks opening a dispute; returns it as it will be stored.
pub fn check_open(current: Option<&OpenDispute>, on: NaiveDate, reason: &str) -> Result<OpenDispute, Validation> {
    let mut v = Validation::new();
    if current.is_some() {
        v.push(Field::Dispute, Problem::StepNotAllowed);
    }
    let reason = v.check(required_text(Field::Reason, reason, MAX_REASON_CHARS));
    v.finish(|| OpenDispute { since: on, reason: reason.unwrap_or_default() })
}

/// Checks resolving the open dispute; returns the note as it will be stored.
pub fn check_resolve(
    current: Option<&OpenDispute>,
    on: NaiveDate,
    note: Option<&str>,
) -> Result<Option<String>, Validation> {
    let mut v = Validation::new();
    match current {
        None => v.push(Field::Dispute, Problem::StepNotAllowed),
        Some(d) if on < d.since => v.push(Field::ActionDate, Problem::TooEarly),
        Some(_) => {}
    }
    let note = v.check(optional_text(Field::Reason, note.unwrap_or(""), MAX_REASON_CHARS)).flatten();
    v.finish(|| note)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_dispute_opens_once_and_closes_after_it_opened() {
        let open = check_open(None, d("2026-04-10"), "  livraison incomplète ").unwrap();
        assert_eq!(open, OpenDispute { since: d("2026-04-10"), reason: "livraison incomplète".into() });

        let again = check_open(Some(&open), d("2026-04-11"), "x").unwrap_err();
        assert_eq!(again, Validation::single(Field::Dispute, Problem::StepNotAllowed));
        let no_reason = check_open(None, d("2026-04-11"), " ").unwrap_err();
        assert_eq!(no_reason, Validation::single(Field::Reason, Problem::Required));

        assert_eq!(check_resolve(Some(&open), d("2026-04-20"), Some(" avoir émis ")), Ok(Some("avoir émis".into())));
        assert_eq!(check_resolve(Some(&open), d("2026-04-10"), None), Ok(None));
        let before = check_resolve(Some(&open), d("2026-04-09"), None).unwrap_err();
        assert_eq!(before, Validation::single(Field::ActionDate, Problem::TooEarly));
        let none_open = check_resolve(None, d("2026-04-20"), None).unwrap_err();
        assert_eq!(none_open, Validation::single(Field::Dispute, Problem::StepNotAllowed));
    }

    #[test]
    fn the_history_lists_each_dispute_with_its_closing() {
        use crate::dunning::DunningEvent as E;
        let events = [
            E::DisputeOpened { on: d("2026-04-10"), reason: "prix".into() },
            E::Postponed { on: d("2026-04-11"), until: d("2026-04-15") },
            E::DisputeResolved { on: d("2026-04-12"), note: Some("accord".into()) },
            E::DisputeResolved { on: d("2026-04-13"), note: None },
            E::DisputeOpened { on: d("2026-04-20"), reason: "prix".into() },
        ];
        assert_eq!(
            history(&events),
            vec![
                DisputeRecord {
                    opened_on: d("2026-04-10"),
                    reason: "prix".into(),
                    closed_on: Some(d("2026-04-12")),
                    note: Some("accord".into())
                },
                DisputeRecord { opened_on: d("2026-04-20"), reason: "prix".into(), closed_on: None, note: None },
            ]
        );
    }
}
