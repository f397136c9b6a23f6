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
    /// Sending is not set up (no SMTP settings).
    #[error("sending e-mails is not set up")]
    NotConfigured,
    /// No password kept for the SMTP login.
    #[error("no password is kept for the SMTP login")]
    NoPassword,
    /// The keyring could not keep or give the password.
    #[error(transparent)]
    Secret(SecretError),
    /// The agenda has nothing to send this customer by e-mail today.
    #[error("nothing to send this customer by e-mail today")]
    NoEmailAction,
    /// The server did not take the message: nothing was recorded.
    #[error(transparent)]
    Send(SendError),
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

/// Puts the message together: From the company (or `sender`, the SMTP settings' address), To the
/// customer, the subject, the letter's text and its PDF. Reads only.
pub(crate) fn build(
    ctx: &impl Context,
    customer: CustomerId,
    kind: LetterKind,
    as_of: NaiveDate,
    sender: Option<&str>,
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
    let from_address = sender.or(company.email.as_deref()).map(str::trim).unwrap_or_default().to_string();
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
    let built = build(ctx, customer, kind, as_of, None)?;
    let to = built.to.clone();
    let subject = built.subject.clone();
    let attachment_name = built.attachment_name.clone();
    let file_name = format!("{}.eml", attachment_name.trim_end_matches(".pdf"));
    let pdf = built.letter.pdf.clone();
    let message = built.message(true)?;
    Ok(Draft { eml: message.formatted(), file_name, attachment_name, to, subject, kind, pdf })
}

// Optional sending through the user's SMTP server.

pub use relance_store::mail_settings::{MailSettings, Security};

use relance_domain::validation::{Field, Problem, Validation};
use relance_store::activity::{self, ActivityKind, Subject};
use relance_store::letters_sent::NewLetter;

use crate::secrets::{smtp_account, Secret, SecretError, SecretStore};

/// The SMTP settings as typed in Settings.
#[derive(Debug, Clone, Default)]
pub struct SmtpForm {
    pub server: String,
    pub port: String,
    /// `starttls`, `tls` or `none`.
    pub security: String,
    pub username: String,
    pub sender: String,
}

/// The saved SMTP settings, if any.
pub fn settings(ctx: &impl Context) -> Result<Option<MailSettings>, AppError> {
    Ok(relance_store::mail_settings::get(ctx.store().conn())?)
}

fn validate(form: &SmtpForm) -> Result<MailSettings, Validation> {
    let mut v = Validation::new();
    let server = form.server.trim().to_lowercase();
    if server.is_empty() {
        v.push(Field::SmtpServer, Problem::Required);
    } else if server.len() > 253
        || !server.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        || server.starts_with(['.', '-'])
    {
        v.push(Field::SmtpServer, Problem::InvalidFormat { expected: "smtp.example.fr" });
    }
    let port = match form.port.trim().parse::<u16>() {
        Ok(p) if p > 0 => p,
        _ => {
            v.push(Field::SmtpPort, Problem::InvalidFormat { expected: "587" });
            0
        }
    };
    let security = Security::from_code(form.security.trim()).unwrap_or_else(|| {
        v.push(Field::SmtpSecurity, Problem::Unknown);
        Security::StartTls
    });
    let username = form.username.trim().to_string();
    if username.len() > 320 || username.chars().any(char::is_control) {
        v.push(Field::SmtpUsername, Problem::TooLong { max: 320 });
    }
    let sender = match relance_domain::legal_ids::email(Field::SmtpSender, &form.sender) {
        Ok(Some(s)) => s,
        Ok(None) => {
            v.push(Field::SmtpSender, Problem::Required);
            String::new()
        }
        Err(issue) => {
            v.push(issue.field, issue.problem);
            String::new()
        }
    };
    v.finish(|| MailSettings { server, port, security, username, sender })
}

/// Saves the SMTP settings (validated, one transaction, logged). The password is not part of them.
pub fn save_settings(ctx: &mut impl Context, form: &SmtpForm) -> Result<MailSettings, AppError> {
    let settings = validate(form)?;
    let now = ctx.clock().now();
    ctx.store_mut().write(|tx| {
        relance_store::mail_settings::save(tx, &settings, now)?;
        let details = [("server", settings.server.clone()), ("port", settings.port.to_string())];
        activity::record(tx, now, ActivityKind::MailSettingsSaved, Subject::default(), &details)?;
        Ok::<_, AppError>(())
    })?;
    Ok(settings)
}

/// Keeps the SMTP password in the system keyring under the saved settings' login. Nothing goes
/// to the database or the activity log. Without a keyring service, says so (`SendError` is not
/// involved: nothing was tried).
pub fn save_password(ctx: &impl Context, secrets: &dyn SecretStore, password: &Secret) -> Result<(), MailError> {
    let Some(s) = settings(ctx)? else {
        return Err(MailError::NotConfigured);
    };
    if password.expose().is_empty() {
        return Err(AppError::Invalid(Validation::single(Field::SmtpPassword, Problem::Required)).into());
    }
    secrets.set(&smtp_account(&s.username, &s.server), password).map_err(MailError::Secret)
}

/// Whether a password is kept for the saved settings' login (false without settings).
pub fn has_password(ctx: &impl Context, secrets: &dyn SecretStore) -> Result<bool, MailError> {
    let Some(s) = settings(ctx)? else { return Ok(false) };
    Ok(secrets.get(&smtp_account(&s.username, &s.server)).map_err(MailError::Secret)?.is_some())
}

/// Why a message could not be sent, as the SMTP exchange says it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// The server could not be reached (name, port, network, firewall).
    #[error("the server could not be reached: {0}")]
    Unreachable(String),
    /// The secure connection failed (wrong security for the port, certificate).
    #[error("the secure connection failed: {0}")]
    Tls(String),
    /// The server refused the user name or password.
    #[error("the login was refused: {0}")]
    LoginRefused(String),
    /// The server refused the message or a recipient.
    #[error("the server refused the message: {0}")]
    Rejected(String),
    #[error("the server did not answer in time")]
    Timeout,
}

/// Sends messages: lettre's SMTP client in the app ([`SmtpMailer`]), a stand-in in tests.
pub trait Mailer {
    fn send(&self, settings: &MailSettings, password: Option<&Secret>, message: &Message) -> Result<(), SendError>;
    /// Connects and logs in without sending anything.
    fn test(&self, settings: &MailSettings, password: Option<&Secret>) -> Result<(), SendError>;
}

/// lettre's blocking SMTP client, over rustls.
#[derive(Debug, Clone, Copy, Default)]
pub struct SmtpMailer;

impl SmtpMailer {
    fn transport(settings: &MailSettings, password: Option<&Secret>) -> Result<lettre::SmtpTransport, SendError> {
        use lettre::transport::smtp::authentication::Credentials;
        let builder = match settings.security {
            Security::Tls => {
                lettre::SmtpTransport::relay(&settings.server).map_err(|e| SendError::Tls(e.to_string()))?
            }
            Security::StartTls => {
                lettre::SmtpTransport::starttls_relay(&settings.server).map_err(|e| SendError::Tls(e.to_string()))?
            }
            Security::None => lettre::SmtpTransport::builder_dangerous(settings.server.as_str()),
        };
        let mut builder = builder.port(settings.port).timeout(Some(std::time::Duration::from_secs(20)));
        if let (false, Some(p)) = (settings.username.is_empty(), password) {
            builder = builder.credentials(Credentials::new(settings.username.clone(), p.expose().to_string()));
        }
        Ok(builder.build())
    }
}

fn smtp_error(e: &lettre::transport::smtp::Error) -> SendError {
    let text = e.to_string();
    if e.is_timeout() {
        SendError::Timeout
    } else if e.is_tls() {
        SendError::Tls(text)
    } else if e.status().is_some_and(|c| c.to_string().starts_with("535") || c.to_string().starts_with("534"))
        || text.contains("authentication")
    {
        SendError::LoginRefused(text)
    } else if e.is_permanent() || e.is_transient() {
        SendError::Rejected(text)
    } else {
        SendError::Unreachable(text)
    }
}

impl Mailer for SmtpMailer {
    fn send(&self, settings: &MailSettings, password: Option<&Secret>, message: &Message) -> Result<(), SendError> {
        use lettre::Transport;
        let transport = Self::transport(settings, password)?;
        transport.send(message).map(|_| ()).map_err(|e| smtp_error(&e))
    }

    fn test(&self, settings: &MailSettings, password: Option<&Secret>) -> Result<(), SendError> {
        let transport = Self::transport(settings, password)?;
        match transport.test_connection() {
            Ok(true) => Ok(()),
            Ok(false) => Err(SendError::Unreachable("no answer".into())),
            Err(e) => Err(smtp_error(&e)),
        }
    }
}

/// What was sent and kept.
#[derive(Debug, Clone)]
pub struct Sent {
    pub to: String,
    pub subject: String,
    /// The kept copy (`letters_sent`).
    pub copy_id: i64,
}

/// The settings and the password to send with, or why sending is not possible.
fn login(ctx: &impl Context, secrets: &dyn SecretStore) -> Result<(MailSettings, Option<Secret>), MailError> {
    let settings = settings(ctx)?.ok_or(MailError::NotConfigured)?;
    if settings.username.is_empty() {
        return Ok((settings, None));
    }
    match secrets.get(&smtp_account(&settings.username, &settings.server)) {
        Ok(Some(p)) => Ok((settings, Some(p))),
        Ok(None) => Err(MailError::NoPassword),
        Err(e) => Err(MailError::Secret(e)),
    }
}

/// Tries the saved settings and password: connects and logs in, sends nothing, records nothing.
pub fn test_connection(ctx: &impl Context, mailer: &dyn Mailer, secrets: &dyn SecretStore) -> Result<(), MailError> {
    let (settings, password) = login(ctx, secrets)?;
    mailer.test(&settings, password.as_ref()).map_err(MailError::Send)
}

/// Sends the customer's letter of `kind` at `as_of` by e-mail (the draft's message, from the
/// settings' sender, not marked as a draft), then in ONE transaction records the agenda's e-mail
/// action done, keeps the letter's copy (`letters_sent`, with its recipient in `letters_emailed`)
/// and writes « sent by e-mail to x@y » in the customer's timeline. A failed send records nothing.
pub fn send(
    ctx: &mut impl Context,
    mailer: &dyn Mailer,
    secrets: &dyn SecretStore,
    customer: CustomerId,
    kind: LetterKind,
    as_of: NaiveDate,
) -> Result<Sent, MailError> {
    let (settings, password) = login(ctx, secrets)?;
    // Only what the agenda asks to send by e-mail today: once sent, it is recorded done.
    let view = crate::collections::agenda(ctx, as_of)?;
    let due_by_email = view
        .agenda
        .customers
        .iter()
        .filter(|c| c.customer == customer)
        .flat_map(|c| c.actions.iter())
        .any(|a| a.channel == Channel::Email && !a.is_decision());
    if !due_by_email {
        return Err(MailError::NoEmailAction);
    }
    let built = build(ctx, customer, kind, as_of, Some(&settings.sender))?;
    let to = built.to.clone();
    let subject = built.subject.clone();
    let letter = built.letter.clone();
    let message = built.message(false)?;
    mailer.send(&settings, password.as_ref(), &message).map_err(MailError::Send)?;

    let now = ctx.clock().now();
    let copy_id = ctx.store_mut().write(|tx| -> Result<i64, AppError> {
        crate::collections::action_done_in(tx, now, customer, Channel::Email, as_of)?;
        let sha256 = crate::day_letters::sha256_hex(&letter.pdf);
        let level = letter.level.map(crate::day_letters::level_code);
        let kind_code = match kind {
            LetterKind::Reminder => "reminder",
            LetterKind::Notice => "notice",
        };
        let copy_id = relance_store::letters_sent::insert(
            tx,
            &NewLetter {
                customer,
                on: as_of,
                kind: kind_code,
                level,
                invoice_numbers: &letter.invoice_numbers,
                total: letter.total_due,
                pages: letter.pages,
                pdf: &letter.pdf,
                sha256: &sha256,
            },
            now,
        )?;
        relance_store::mail_settings::record_emailed(tx, copy_id, &to, now)?;
        let details = [
            ("letter", copy_id.to_string()),
            ("kind", kind_code.to_string()),
            ("level", level.unwrap_or_default().to_string()),
            ("numbers", letter.invoice_numbers.join(", ")),
            ("amount", letter.total_due.to_string()),
            ("date", as_of.to_string()),
            ("to", to.clone()),
        ];
        let subject = Subject { customer: Some(customer), invoice: None, payment: None };
        activity::record(tx, now, ActivityKind::EmailSent, subject, &details)?;
        Ok(copy_id)
    })?;
    Ok(Sent { to, subject, copy_id })
}
