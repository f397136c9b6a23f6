//! E-mail on the wire: the errors of making (or sending) a customer's e-mail, in the user's language.

use relance_app::mail::MailError;
use relance_domain::company::Language;

use crate::documents::letters_error;
use crate::error::{ErrorCode, ErrorView, FieldErrorView};
use crate::messages;

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
        let bad = mail_error(&MailError::BadCustomerEmail("<x>".into()), Language::Fr);
        assert_eq!(bad.message, "L’adresse e-mail du client « <x> » n’est pas valide : corrigez-la sur sa fiche.");
    }
}
