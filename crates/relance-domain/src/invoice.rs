//! Invoices and credit notes as typed, validated into storable values.

use chrono::NaiveDate;

use crate::dates::{parse_date, parse_optional_date};
use crate::money::Money;
use crate::terms::PaymentTerms;
use crate::validation::{required_text, Field, Issue, Problem, Validation};

/// Longest invoice number accepted (French invoicing software rarely exceeds 20).
const MAX_NUMBER_LEN: usize = 40;

/// A validated invoice, ready to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceData {
    pub number: String,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    /// True when the due date was typed rather than derived from the terms.
    pub due_date_set_by_hand: bool,
    pub amount_excl_tax: Money,
    pub tax_amount: Money,
    pub total: Money,
}

/// The invoice form as typed. Amounts: give the total, or the amount
/// excluding tax and the tax, or all three (then they must agree).
#[derive(Debug, Clone, Default)]
pub struct InvoiceInput {
    pub number: String,
    pub issue_date: String,
    pub due_date: Option<String>,
    pub amount_excl_tax: Option<String>,
    pub tax_amount: Option<String>,
    pub total: Option<String>,
}

fn given(raw: &Option<String>) -> Option<&str> {
    raw.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl InvoiceInput {
    /// Validates the form; the due date comes from `terms` unless typed.
    pub fn validate(&self, terms: PaymentTerms) -> Result<InvoiceData, Validation> {
        let mut v = Validation::new();
        let number = v.check(invoice_number(Field::InvoiceNumber, &self.number));
        let issue_date = v.check(parse_date(Field::IssueDate, &self.issue_date));
        let typed_due = v.check(parse_optional_date(Field::DueDate, self.due_date.as_deref())).flatten();
        if let (Some(issue), Some(due)) = (issue_date, typed_due) {
            if due < issue {
                v.push(Field::DueDate, Problem::DateBeforeIssue);
            }
        }
        let amounts = self.amounts(&mut v);
        v.finish(|| {
            let issue = issue_date.unwrap_or_default();
            let (excl, tax, total) = amounts.unwrap_or_default();
            InvoiceData {
                number: number.unwrap_or_default(),
                issue_date: issue,
                due_date: typed_due.unwrap_or_else(|| terms.due_date(issue)),
                due_date_set_by_hand: typed_due.is_some(),
                amount_excl_tax: excl,
                tax_amount: tax,
                total,
            }
        })
    }

    fn amounts(&self, v: &mut Validation) -> Option<(Money, Money, Money)> {
        let excl = given(&self.amount_excl_tax).map(|s| Money::parse_non_negative(Field::AmountExclTax, s));
        let tax = given(&self.tax_amount).map(|s| Money::parse_non_negative(Field::TaxAmount, s));
        let total = given(&self.total).map(|s| Money::parse_positive(Field::Total, s));
        let excl = match excl {
            Some(r) => Some(v.check(r)?),
            None => None,
        };
        let tax = match tax {
            Some(r) => Some(v.check(r)?),
            None => None,
        };
        let total = match total {
            Some(r) => Some(v.check(r)?),
            None => None,
        };
        let (excl, tax, total) = match (excl, tax, total) {
            (None, None, None) => {
                v.push(Field::Total, Problem::Required);
                return None;
            }
            (None, None, Some(t)) => (t, Money::ZERO, t),
            (Some(e), None, None) => (e, Money::ZERO, e),
            (Some(e), Some(x), None) => (e, x, e + x),
            (None, Some(x), Some(t)) => (t - x, x, t),
            (Some(e), None, Some(t)) => (e, t - e, t),
            (None, Some(_), None) => {
                v.push(Field::Total, Problem::Required);
                return None;
            }
            (Some(e), Some(x), Some(t)) => {
                if e + x != t {
                    v.push(Field::Total, Problem::TotalMismatch { expected: (e + x).to_string() });
                    return None;
                }
                (e, x, t)
            }
        };
        if excl.is_negative() {
            v.push(Field::AmountExclTax, Problem::NegativeAmount);
            return None;
        }
        if tax.is_negative() {
            v.push(Field::TaxAmount, Problem::NegativeAmount);
            return None;
        }
        if !total.is_positive() {
            v.push(Field::Total, Problem::ZeroAmount);
            return None;
        }
        Some((excl, tax, total))
    }
}

/// A document number: required, no control characters, bounded length.
pub fn invoice_number(field: Field, raw: &str) -> Result<String, Issue> {
    let n = required_text(field, raw, MAX_NUMBER_LEN)?;
    if n.chars().any(char::is_control) {
        return Err(Issue::new(field, Problem::InvalidFormat { expected: "FA-2026-0001" }));
    }
    Ok(n)
}

/// A validated credit note (avoir): it reduces what the customer owes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreditNoteData {
    pub number: String,
    pub date: NaiveDate,
    pub amount: Money,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct CreditNoteInput {
    pub number: String,
    pub date: String,
    pub amount: String,
    pub reason: String,
}

impl CreditNoteInput {
    pub fn validate(&self) -> Result<CreditNoteData, Validation> {
        let mut v = Validation::new();
        let number = v.check(invoice_number(Field::CreditNoteNumber, &self.number));
        let date = v.check(parse_date(Field::PaymentDate, &self.date));
        let amount = v.check(Money::parse_positive(Field::Amount, &self.amount));
        let reason = v.check(crate::validation::optional_text(Field::Notes, &self.reason, 500)).flatten();
        v.finish(|| CreditNoteData {
            number: number.unwrap_or_default(),
            date: date.unwrap_or_default(),
            amount: amount.unwrap_or_default(),
            reason,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(excl: Option<&str>, tax: Option<&str>, total: Option<&str>) -> InvoiceInput {
        InvoiceInput {
            number: "FA-001".into(),
            issue_date: "2026-01-31".into(),
            due_date: None,
            amount_excl_tax: excl.map(String::from),
            tax_amount: tax.map(String::from),
            total: total.map(String::from),
        }
    }

    #[test]
    fn amounts_complete_each_other() {
        // (excl, tax, total) typed -> (excl, tax, total) stored
        let cases = [
            ((None, None, Some("120")), ("120.00", "0.00", "120.00")),
            ((Some("100"), Some("20"), None), ("100.00", "20.00", "120.00")),
            ((Some("100"), None, Some("120")), ("100.00", "20.00", "120.00")),
            ((None, Some("20"), Some("120")), ("100.00", "20.00", "120.00")),
            ((Some("100,00"), Some("20,00"), Some("120,00")), ("100.00", "20.00", "120.00")),
        ];
        for ((e, x, t), (we, wx, wt)) in cases {
            let d = input(e, x, t).validate(PaymentTerms::Net(30)).unwrap();
            assert_eq!(
                (d.amount_excl_tax.to_string(), d.tax_amount.to_string(), d.total.to_string()),
                (we.to_string(), wx.to_string(), wt.to_string())
            );
        }
    }

    #[test]
    fn due_date_from_terms_or_typed() {
        let d = input(None, None, Some("10")).validate(PaymentTerms::Net(30)).unwrap();
        assert_eq!(d.due_date.to_string(), "2026-03-02");
        assert!(!d.due_date_set_by_hand);
        let mut i = input(None, None, Some("10"));
        i.due_date = Some("2026-02-15".into());
        let d = i.validate(PaymentTerms::Net(30)).unwrap();
        assert_eq!(d.due_date.to_string(), "2026-02-15");
        assert!(d.due_date_set_by_hand);
    }

    #[test]
    fn bad_invoices_name_their_fields() {
        let mut i = input(Some("100"), Some("20"), Some("130"));
        i.number = " ".into();
        i.due_date = Some("2026-01-01".into());
        let issues = i.validate(PaymentTerms::Net(30)).unwrap_err().issues;
        assert_eq!(
            issues,
            vec![
                Issue::new(Field::InvoiceNumber, Problem::Required),
                Issue::new(Field::DueDate, Problem::DateBeforeIssue),
                Issue::new(Field::Total, Problem::TotalMismatch { expected: "120.00".into() }),
            ]
        );
        let issues = input(None, None, Some("-5")).validate(PaymentTerms::Net(30)).unwrap_err().issues;
        assert_eq!(issues, vec![Issue::new(Field::Total, Problem::NegativeAmount)]);
        let issues = input(None, Some("30"), Some("20")).validate(PaymentTerms::Net(30)).unwrap_err().issues;
        assert_eq!(issues, vec![Issue::new(Field::AmountExclTax, Problem::NegativeAmount)]);
        let issues = input(None, None, None).validate(PaymentTerms::Net(30)).unwrap_err().issues;
        assert_eq!(issues, vec![Issue::new(Field::Total, Problem::Required)]);
    }
}
