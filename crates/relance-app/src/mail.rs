//! E-mail: a customer's letter (reminder or mise en demeure) as a message from the company to the
//! customer, the letter's text as the body and its PDF attached.
//!
//! Offline first: [`draft`] makes an RFC 5322 message marked `X-Unsent: 1`, which mail programs open
//! as a draft to check and send; making a draft records nothing (it is not proof of sending: the
//! user marks the action done, as for a call).
//!
//! The body is the letter's own text, derived from its laid-out `Document`
//! (`relance_letters::plain_text`): the e-mail and the PDF say the same thing from one source.

use std::time::SystemTime;

use chrono::NaiveDate;
use lettre::message::header::{ContentType, Header, HeaderName, HeaderValue};
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::{Address, Message};
use relance_domain::company::Language;
use relance_domain::dunning::Channel;
use relance_domain::ids::CustomerId;
use relance_letters::mail::MailKind;
use relance_letters::Lang;

use crate::letters::{Letter, LetterKind, LettersError};
use crate::{AppError, Context};

/// An e-mail draft, ready to save as a `.eml` file.
#[derive(Debug, Clone)]
pub struct Draft {
    /// The whole message (RFC 5322, CRLF line ends).
    pub eml: Vec<u8>,
    /// `relance-dupont-sarl-2026-11-24.eml`.
    pub file_name: String,
    /// The PDF attachment's file name.
    pub attachment_name: String,
    /// The customer's address.
    pub to: String,
    pub subject: String,
    pub kind: LetterKind,
    /// The attached PDF (the letter as printed).
    pub pdf: Vec<u8>,
}

/// Why an e-mail could not be made.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error(transparent)]
    Letter(#[from] LettersError),
    /// The customer has no e-mail address: add it on the customer's page.
    #[error("the customer has no e-mail address")]
    NoCustomerEmail,
    /// The customer's e-mail address cannot be used.
    #[error("the customer's e-mail address {0:?} is not valid")]
    BadCustomerEmail(String),
    /// The company has no e-mail address (the sender): add it in the company settings.
    #[error("the company has no e-mail address")]
    NoCompanyEmail,
    #[error("the company's e-mail address {0:?} is not valid")]
    BadCompanyEmail(String),
    /// The message could not be put together (should not happen).
    #[error("the message could not be built: {0}")]
    Build(String),
}

impl From<AppError> for MailError {
    fn from(e: AppError) -> Self {
        MailError::Letter(LettersError::App(e))
    }
}

/// `X-Unsent: 1`: mail programs (Outlook, Thunderbird, Apple Mail) open the file as a draft to send.
#[derive(Debug, Clone)]
struct XUnsent;

impl Header for XUnsent {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("X-Unsent")
    }
    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(XUnsent)
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "1".to_string())
    }
}

/// Which letter the customer's e-mail carries at `as_of`: the mise en demeure when the lead level of
/// its message in the day's agenda is the formal notice, else a reminder (at the agenda's level).
pub fn kind_for(ctx: &impl Context, customer: CustomerId, as_of: NaiveDate) -> Result<LetterKind, AppError> {
    let view = crate::collections::agenda(ctx, as_of)?;
    let action = view
        .agenda
        .customers
        .iter()
        .filter(|c| c.customer == customer)
        .flat_map(|c| c.actions.iter())
        .filter(|a| !a.is_decision())
        .min_by_key(|a| a.channel != Channel::Email);
    Ok(match action {
        Some(a) if a.lead.is_formal_notice => LetterKind::Notice,
        _ => LetterKind::Reminder,
    })
}

/// The message and what describes it, before it is marked as a draft or sent.
pub(crate) struct Built {
    pub(crate) builder: lettre::message::MessageBuilder,
    pub(crate) parts: MultiPart,
    pub(crate) to: String,
    pub(crate) subject: String,
    pub(crate) attachment_name: String,
    pub(crate) letter: Letter,
}

impl Built {
    pub(crate) fn message(self, draft: bool) -> Result<Message, MailError> {
        let builder = if draft { self.builder.header(XUnsent) } else { self.builder };
        builder.multipart(self.parts).map_err(|e| MailError::Build(e.to_string()))
    }
}

fn kind_code(kind: LetterKind) -> &'static str {
    match kind {
        LetterKind::Reminder => "relance",
        LetterKind::Notice => "mise-en-demeure",
    }
}

/// Puts the message together: From the company, To the customer, the subject, the letter's text
/// and its PDF. Reads only.
pub(crate) fn build(
    ctx: &impl Context,
    customer: CustomerId,
    kind: LetterKind,
    as_of: NaiveDate,
) -> Result<Built, MailError> {
    let conn = ctx.store().conn();
    let found =
        relance_store::customers::get(conn, customer).map_err(AppError::from)?.ok_or(AppError::NotFound("customer"))?;
    let to_address = found.data.email.as_deref().map(str::trim).unwrap_or_default().to_string();
    if to_address.is_empty() {
        return Err(MailError::NoCustomerEmail);
    }
    let to: Address = to_address.parse().map_err(|_| MailError::BadCustomerEmail(to_address.clone()))?;
    let company = crate::company::get(ctx, Language::Fr)?;
    let from_address = company.email.as_deref().map(str::trim).unwrap_or_default().to_string();
    if from_address.is_empty() {
        return Err(MailError::NoCompanyEmail);
    }
    let from: Address = from_address.parse().map_err(|_| MailError::BadCompanyEmail(from_address.clone()))?;
    let lang = match company.language {
        Language::Fr => Lang::Fr,
        Language::En => Lang::En,
    };

    let letter = crate::letters::for_customer(ctx, customer, kind, as_of)?;
    let body = relance_letters::plain_text(&letter.doc).map_err(LettersError::Render)?;
    let mail_kind = match kind {
        LetterKind::Reminder => MailKind::Reminder,
        LetterKind::Notice => MailKind::Notice,
    };
    let subject = relance_letters::mail::subject(mail_kind, lang, &letter.invoice_numbers, letter.total_due);
    let attachment_name = crate::data_dir::document_file_name(kind_code(kind), &letter.addressee, as_of);
    let pdf_type = ContentType::parse("application/pdf").map_err(|e| MailError::Build(e.to_string()))?;
    let parts = MultiPart::mixed()
        .singlepart(SinglePart::plain(body))
        .singlepart(Attachment::new(attachment_name.clone()).body(letter.pdf.clone(), pdf_type));
    // Names are users' text: one line each (lettre encodes them, but a line break has no place there).
    let one_line = |s: &str| s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect::<String>();
    let company_name = one_line(company.name.trim());
    let sent_at: SystemTime = ctx.clock().now().into();
    let builder = Message::builder()
        .from(Mailbox::new((!company_name.is_empty()).then_some(company_name), from))
        .to(Mailbox::new(Some(one_line(found.data.name.trim())), to))
        .subject(subject.clone())
        .date(sent_at)
        .message_id(None);
    Ok(Built { builder, parts, to: to_address, subject, attachment_name, letter })
}

/// The e-mail draft of the customer's letter of `kind` at `as_of` (see the module). Writes nothing.
pub fn draft(ctx: &impl Context, customer: CustomerId, kind: LetterKind, as_of: NaiveDate) -> Result<Draft, MailError> {
    let built = build(ctx, customer, kind, as_of)?;
    let to = built.to.clone();
    let subject = built.subject.clone();
    let attachment_name = built.attachment_name.clone();
    let file_name = format!("{}.eml", attachment_name.trim_end_matches(".pdf"));
    let pdf = built.letter.pdf.clone();
    let message = built.message(true)?;
    Ok(Draft { eml: message.formatted(), file_name, attachment_name, to, subject, kind, pdf })
}
