//! E-mail on the wire: the errors of making (or sending) a customer's e-mail, in the user's language.

use relance_app::mail::{MailError, MailSettings, SendError, SmtpForm};
use relance_app::secrets::SecretError;
use relance_domain::company::Language;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::documents::letters_error;
use crate::error::{ErrorCode, ErrorView, FieldErrorView};
use crate::messages;

/// The optional SMTP settings, for Settings' « Envoi des e-mails (facultatif) ». Never the password:
/// only whether one is kept in the system keyring.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MailSettingsView {
    /// Settings saved (sending can be tried once a password is kept).
    pub configured: bool,
    pub server: String,
    pub port: u16,
    /// `starttls`, `tls` or `none`.
    pub security: String,
    pub username: String,
    pub sender: String,
    /// A password is kept in the system keyring for this login.
    pub password_kept: bool,
    /// Why the keyring cannot be used, in words (none when it can).
    pub keyring_problem: Option<String>,
}

impl MailSettingsView {
    pub fn new(settings: Option<MailSettings>, password: Result<bool, MailError>, lang: Language) -> Self {
        let (password_kept, keyring_problem) = match password {
            Ok(kept) => (kept, None),
            Err(MailError::Secret(SecretError::Unavailable(_))) => (false, Some(messages::keyring_unavailable(lang))),
            Err(e) => (false, Some(mail_error(&e, lang).message)),
        };
        match settings {
            Some(s) => MailSettingsView {
                configured: true,
                server: s.server,
                port: s.port,
                security: s.security.code().to_string(),
                username: s.username,
                sender: s.sender,
                password_kept,
                keyring_problem,
            },
            None => MailSettingsView {
                configured: false,
                server: String::new(),
                port: 587,
                security: "starttls".into(),
                username: String::new(),
                sender: String::new(),
                password_kept: false,
                keyring_problem,
            },
        }
    }
}

/// What Settings sends, as typed.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
pub struct MailSettingsForm {
    pub server: String,
    pub port: String,
    pub security: String,
    pub username: String,
    pub sender: String,
}

impl From<MailSettingsForm> for SmtpForm {
    fn from(f: MailSettingsForm) -> Self {
        SmtpForm { server: f.server, port: f.port, security: f.security, username: f.username, sender: f.sender }
    }
}

/// A message sent: to whom, what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EmailSentView {
    pub to: String,
    pub subject: String,
}

/// Why the e-mail could not be made. A missing or bad customer address names the customer's
/// `email` field (the customer page shows it there).
pub fn mail_error(err: &MailError, lang: Language) -> ErrorView {
    match err {
        MailError::Letter(e) => letters_error(e, lang),
        MailError::NoCustomerEmail => field_error("email", messages::no_customer_email(lang)),
        MailError::BadCustomerEmail(a) => field_error("email", messages::bad_customer_email(a, lang)),
        MailError::NoCompanyEmail => internal(messages::no_company_email(lang)),
        MailError::BadCompanyEmail(a) => internal(messages::bad_company_email(a, lang)),
        MailError::Build(detail) => internal(messages::mail_not_built(detail, lang)),
        MailError::NotConfigured => internal(messages::mail_not_configured(lang)),
        MailError::NoPassword => field_error("smtp_password", messages::no_smtp_password(lang)),
        MailError::Secret(SecretError::Unavailable(_)) => {
            field_error("smtp_password", messages::keyring_unavailable(lang))
        }
        MailError::Secret(SecretError::Failed(detail)) => {
            field_error("smtp_password", messages::keyring_failed(detail, lang))
        }
        MailError::NoEmailAction => internal(messages::no_email_action(lang)),
        MailError::Send(e) => internal(send_error(e, lang)),
    }
}

fn send_error(e: &SendError, lang: Language) -> String {
    match e {
        SendError::Unreachable(d) => messages::smtp_unreachable(d, lang),
        SendError::Tls(d) => messages::smtp_tls(d, lang),
        SendError::LoginRefused(d) => messages::smtp_login_refused(d, lang),
        SendError::Rejected(d) => messages::smtp_rejected(d, lang),
        SendError::Timeout => messages::smtp_timeout(lang),
    }
}

fn field_error(field: &str, message: String) -> ErrorView {
    ErrorView {
        code: ErrorCode::Invalid,
        message: message.clone(),
        field: Some(field.to_string()),
        fields: vec![FieldErrorView { field: field.to_string(), message }],
    }
}

fn internal(message: String) -> ErrorView {
    ErrorView { code: ErrorCode::Internal, message, field: None, fields: Vec::new() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_customer_address_names_the_field_in_words() {
        let view = mail_error(&MailError::NoCustomerEmail, Language::Fr);
        assert_eq!(view.code, ErrorCode::Invalid);
        assert_eq!(view.field.as_deref(), Some("email"));
        assert_eq!(view.message, "Ajoutez l’adresse e-mail du client sur sa fiche pour lui écrire par e-mail.");
        let json = serde_json::to_value(&view).unwrap_or_default();
        assert_eq!(json["fields"][0]["field"], "email");
        let en = mail_error(&MailError::NoCompanyEmail, Language::En);
        assert_eq!(en.code, ErrorCode::Internal);
        assert_eq!(en.message, "Add your company’s e-mail address in Settings: it is the sender of the e-mails.");
        let keyring = mail_error(&MailError::Secret(SecretError::Unavailable("dbus".into())), Language::Fr);
        assert_eq!(keyring.field.as_deref(), Some("smtp_password"));
        assert_eq!(
            keyring.message,
            "Le trousseau de mots de passe du système n’est pas disponible : Relance ne peut pas garder le mot de passe, l’envoi direct est désactivé. Préparez les e-mails en brouillon."
        );
        let refused = mail_error(&MailError::Send(SendError::LoginRefused("535".into())), Language::Fr);
        assert!(
            refused.message.starts_with("Le serveur d’envoi a refusé l’identifiant ou le mot de passe"),
            "{}",
            refused.message
        );
        let bad = mail_error(&MailError::BadCustomerEmail("<x>".into()), Language::Fr);
        assert_eq!(bad.message, "L’adresse e-mail du client « <x> » n’est pas valide : corrigez-la sur sa fiche.");
    }
}
