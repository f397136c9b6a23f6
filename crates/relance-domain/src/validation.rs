//! Validation problems as data: a check returns every problem it finds, each
//! naming the field it is about, so the UI can show them next to the fields.
//! Wording lives in the wire crate's message catalogue, in the user's language.

use std::fmt;

/// The fields a problem can be about. A closed list: the UI maps each one to
/// an input, the message catalogue to a label in French and English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    // Company
    CompanyName,
    LegalForm,
    Siren,
    Siret,
    VatNumber,
    Iban,
    Bic,
    Currency,
    DefaultTerms,
    Language,
    // Customer
    CustomerName,
    CustomerKind,
    Email,
    Phone,
    Terms,
    CreditLimit,
    Notes,
    Address,
    // Invoice
    Customer,
    InvoiceNumber,
    IssueDate,
    DueDate,
    AmountExclTax,
    TaxAmount,
    Total,
    // Payment / credit note
    PaymentDate,
    Amount,
    Method,
    Reference,
    Allocation,
    Invoice,
    CreditNoteNumber,
    // Queries
    AsOf,
    Page,
    // Reminder policies and actions
    DunningLevels,
    LevelKey,
    LevelOffset,
    LevelChannel,
    LevelTemplate,
    LevelFee,
    FormalNotice,
    PolicyName,
    Policy,
    Segment,
    ContractualRate,
    DunningLevel,
    ActionDate,
    PostponedUntil,
    Reason,
    Dispute,
    Promise,
    PromiseDate,
    EscalationStage,
    // Installment plans
    Plan,
    PlanInvoices,
    PlanInstallments,
    PlanInstallmentAmount,
    PlanFirstDate,
    PlanFrequency,
    PlanDayOfMonth,
    PlanDownPayment,
    PlanPenalties,
    PlanGraceDays,
    PlanNoticeDays,
    PlanReminderDays,
    // Rates the user adds
    Rate,
    RateHalfYear,
    RateSource,
    // The texts of the letters (`letter_templates`)
    TemplateLetter,
    TemplateTitle,
    TemplateBefore,
    TemplateBeforeOne,
    TemplateAfter,
    TemplateClosing,
    // Sending e-mails (SMTP)
    SmtpServer,
    SmtpPort,
    SmtpSecurity,
    SmtpUsername,
    SmtpSender,
    SmtpPassword,
    /// The company's logo (a file).
    Logo,
    // Backups (`backup`)
    BackupFolder,
    BackupKeep,
    BackupRemindDays,
    BackupFile,
    // Risk thresholds (`risk`)
    RiskGraceDays,
    RiskMinHistory,
    RiskPunctualDays,
    RiskLateShare,
    RiskSpreadDays,
    RiskBrokenPromises,
    RiskOverdueDays,
    RiskScore,
    /// The passphrase of encrypted backups (never stored in the database).
    BackupPassphrase,
    /// The passphrase typed a second time.
    BackupPassphraseConfirm,
    /// « Mémoriser dans le trousseau du système ».
    BackupRemember,
    // Credit insurance of a customer (`insurance`)
    Insurer,
    CoveredAmount,
    DeclarationDays,
}

impl Field {
    /// Stable snake_case key, used by the wire format and the UI.
    pub fn key(self) -> &'static str {
        use Field::*;
        match self {
            CompanyName => "company_name",
            LegalForm => "legal_form",
            Siren => "siren",
            Siret => "siret",
            VatNumber => "vat_number",
            Iban => "iban",
            Bic => "bic",
            Currency => "currency",
            DefaultTerms => "default_terms",
            Language => "language",
            CustomerName => "customer_name",
            CustomerKind => "customer_kind",
            Email => "email",
            Phone => "phone",
            Terms => "terms",
            CreditLimit => "credit_limit",
            Notes => "notes",
            Address => "address",
            Customer => "customer",
            InvoiceNumber => "invoice_number",
            IssueDate => "issue_date",
            DueDate => "due_date",
            AmountExclTax => "amount_excl_tax",
            TaxAmount => "tax_amount",
            Total => "total",
            PaymentDate => "payment_date",
            Amount => "amount",
            Method => "method",
            Reference => "reference",
            Allocation => "allocation",
            Invoice => "invoice",
            CreditNoteNumber => "credit_note_number",
            AsOf => "as_of",
            Page => "page",
            DunningLevels => "dunning_levels",
            LevelKey => "level_key",
            LevelOffset => "level_offset",
            LevelChannel => "level_channel",
            LevelTemplate => "level_template",
            LevelFee => "level_fee",
            FormalNotice => "formal_notice",
            PolicyName => "policy_name",
            Policy => "policy",
            Segment => "segment",
            ContractualRate => "contractual_rate",
            DunningLevel => "dunning_level",
            ActionDate => "action_date",
            PostponedUntil => "postponed_until",
            Reason => "reason",
            Dispute => "dispute",
            Promise => "promise",
            PromiseDate => "promise_date",
            EscalationStage => "escalation_stage",
            Plan => "plan",
            PlanInvoices => "plan_invoices",
            PlanInstallments => "plan_installments",
            PlanInstallmentAmount => "plan_installment_amount",
            PlanFirstDate => "plan_first_date",
            PlanFrequency => "plan_frequency",
            PlanDayOfMonth => "plan_day_of_month",
            PlanDownPayment => "plan_down_payment",
            PlanPenalties => "plan_penalties",
            PlanGraceDays => "plan_grace_days",
            PlanNoticeDays => "plan_notice_days",
            PlanReminderDays => "plan_reminder_days",
            Rate => "rate",
            RateHalfYear => "rate_half_year",
            RateSource => "rate_source",
            TemplateLetter => "template_letter",
            TemplateTitle => "template_title",
            TemplateBefore => "template_before",
            TemplateBeforeOne => "template_before_one",
            TemplateAfter => "template_after",
            TemplateClosing => "template_closing",
            SmtpServer => "smtp_server",
            SmtpPort => "smtp_port",
            SmtpSecurity => "smtp_security",
            SmtpUsername => "smtp_username",
            SmtpSender => "smtp_sender",
            SmtpPassword => "smtp_password",
            Logo => "logo",
            BackupFolder => "backup_folder",
            BackupKeep => "backup_keep",
            BackupRemindDays => "backup_remind_days",
            BackupFile => "backup_file",
            RiskGraceDays => "risk_grace_days",
            RiskMinHistory => "risk_min_history",
            RiskPunctualDays => "risk_punctual_days",
            RiskLateShare => "risk_late_share",
            RiskSpreadDays => "risk_spread_days",
            RiskBrokenPromises => "risk_broken_promises",
            RiskOverdueDays => "risk_overdue_days",
            RiskScore => "risk_score",
            BackupPassphrase => "backup_passphrase",
            BackupPassphraseConfirm => "backup_passphrase_confirm",
            BackupRemember => "backup_remember",
            Insurer => "insurer",
            CoveredAmount => "covered_amount",
            DeclarationDays => "declaration_days",
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// What is wrong with a field. Parameters are plain values; the message
/// catalogue turns them into a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Required,
    TooLong {
        max: usize,
    },
    InvalidAmount,
    NegativeAmount,
    ZeroAmount,
    TooManyDecimals,
    AmountTooLarge,
    InvalidDate,
    DateBeforeIssue,
    InvalidFormat {
        expected: &'static str,
    },
    InvalidChecksum,
    Unknown,
    Duplicate,
    TotalMismatch {
        expected: String,
    },
    ExceedsDue {
        remaining: String,
    },
    ExceedsPayment,
    NotOpen,
    Cancelled,
    AlreadySettled,
    CurrencyMismatch,
    Archived,
    /// The operation needs an empty file (the example business).
    NotEmpty,
    /// Must be greater than the same value on the previous row (offsets of a reminder policy).
    NotAfterPrevious,
    /// At most one row may have this (the formal notice of a policy).
    OnlyOneAllowed,
    /// The same code twice (level keys), or the same item twice in a list.
    AlreadyUsed,
    /// The state does not allow this move (escalation stages, disputes, promises, levels already handled).
    StepNotAllowed,
    /// The mise en demeure must be sent (or deliberately skipped) first.
    NeedsFormalNotice,
    /// The date must be later (a postponement, a promise, the end of a dispute).
    TooEarly,
    /// A reminder policy still chosen by customers or segments (or as the default).
    InUse {
        customers: u32,
        segments: u32,
        default: bool,
    },
    /// A contractual late-payment rate below three times the legal interest
    /// rate of the half-year (L441-10). Decimal percent, and the half-year.
    /// More installments than allowed (or than the cents to share).
    TooManyInstallments {
        max: u32,
    },
    /// A whole number outside its bounds.
    OutOfRange {
        min: i64,
        max: i64,
    },
    /// The date is too far ahead.
    TooLate,
    /// The invoice is in this running installment plan: renegotiate it first.
    InPlan {
        plan: i64,
    },
    BelowLegalFloor {
        floor: String,
        year: i32,
        half: u8,
    },
    /// A `{name}` in a letter's text that this part cannot fill; `allowed` lists those it can.
    UnknownPlaceholder {
        name: String,
        allowed: Vec<&'static str>,
    },
    /// A `{` not closed by a `}`, a `}` not opened, or a brace inside a placeholder.
    UnbalancedBraces,
    /// A file larger than allowed (in kilobytes of 1024 bytes).
    FileTooLarge {
        max_kb: u32,
    },
    /// Not an image of an accepted kind, or one that cannot be read.
    NotAnImage,
    /// Fewer characters than required (a passphrase).
    TooShort {
        min: usize,
    },
    /// A confirmation that differs from what was typed first.
    NotSame,
    /// An image narrower, shorter, wider or taller than allowed (pixels a side).
    ImageSize {
        min: u32,
        max: u32,
    },
}

/// One problem about one field, and for a field repeated on the rows of a
/// table (the levels of a reminder policy) the row, counted from 0.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub field: Field,
    pub problem: Problem,
    pub row: Option<usize>,
}

impl Issue {
    pub fn new(field: Field, problem: Problem) -> Self {
        Self { field, problem, row: None }
    }

    /// The same problem, about the field of row `row`.
    pub fn at_row(self, row: usize) -> Self {
        Self { row: Some(row), ..self }
    }
}

/// Every problem found by one check. Empty means valid.
#[derive(Debug, Clone, Default, PartialEq, Eq, thiserror::Error)]
#[error("{} invalid field(s)", issues.len())]
pub struct Validation {
    pub issues: Vec<Issue>,
}

impl Validation {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn single(field: Field, problem: Problem) -> Self {
        Self { issues: vec![Issue::new(field, problem)] }
    }

    pub fn push(&mut self, field: Field, problem: Problem) {
        self.issues.push(Issue::new(field, problem));
    }

    /// Records a problem about the field of one row of a table.
    pub fn push_at(&mut self, row: usize, field: Field, problem: Problem) {
        self.issues.push(Issue::new(field, problem).at_row(row));
    }

    pub fn is_empty(&self) -> bool {
        self.issues.is_empty()
    }

    /// Runs a check that yields a value, recording its problem if any.
    pub fn check<T>(&mut self, result: Result<T, Issue>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(issue) => {
                self.issues.push(issue);
                None
            }
        }
    }

    /// `Ok(value)` when no problem was found.
    pub fn finish<T>(self, value: impl FnOnce() -> T) -> Result<T, Validation> {
        if self.issues.is_empty() {
            Ok(value())
        } else {
            Err(self)
        }
    }
}

/// Trims a required text field and checks its length.
pub fn required_text(field: Field, raw: &str, max: usize) -> Result<String, Issue> {
    let t = raw.trim();
    if t.is_empty() {
        return Err(Issue::new(field, Problem::Required));
    }
    optional_text(field, t, max).map(|o| o.unwrap_or_default())
}

/// Trims an optional text field; empty becomes `None`.
pub fn optional_text(field: Field, raw: &str, max: usize) -> Result<Option<String>, Issue> {
    let t = raw.trim();
    if t.is_empty() {
        return Ok(None);
    }
    if t.chars().count() > max {
        return Err(Issue::new(field, Problem::TooLong { max }));
    }
    Ok(Some(t.to_string()))
}
