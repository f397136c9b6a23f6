//! What the user reads when a command cannot be done: one line, naming the
//! field when there is one, in the user's language, and an exit code
//! (2 for bad input, 1 for anything else).

use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use relance_app::AppError;
use relance_domain::company::Language;

use crate::human::{eprint, print, tr};

const BAD_INPUT: u8 = 2;
const FAILED: u8 = 1;

/// Reports an error from a command. Use-case errors are worded by the wire
/// crate's catalogue; anything else (a folder that cannot be created) is
/// shown with its cause.
pub fn report(err: &anyhow::Error, lang: Language, json: bool) -> ExitCode {
    if err.downcast_ref::<crate::import::Refused>().is_some() {
        return crate::import::refused_code();
    }
    if let Some(b) = err.downcast_ref::<relance_app::backup::BackupError>() {
        return crate::backup::report(b, lang, json);
    }
    if let Some(app) = err.downcast_ref::<AppError>() {
        let view = relance_wire::error_message(app, lang);
        if json {
            eprint(&serde_json::to_string(&view).unwrap_or_else(|_| one_line(&view.message)));
        } else {
            eprint(&one_line(&view.message));
        }
        return ExitCode::from(if matches!(app, AppError::Invalid(_)) { BAD_INPUT } else { FAILED });
    }
    let message = format!("{} {}", tr(lang, "Erreur :", "Error:"), one_line(&format!("{err:#}")));
    if json {
        eprint(&serde_json::json!({ "code": "internal", "message": message, "field": null }).to_string());
    } else {
        eprint(&message);
    }
    ExitCode::from(FAILED)
}

/// Reports a command line clap could not read, in one line. Help and
/// version requests print as clap writes them.
pub fn usage(err: &clap::Error, lang: Language) -> ExitCode {
    match err.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            print(err.render().to_string().trim_end());
            return ExitCode::SUCCESS;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            eprint(err.render().to_string().trim_end());
            return ExitCode::from(BAD_INPUT);
        }
        _ => {}
    }
    let context = |kind: ContextKind| match err.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join(", ")),
        _ => None,
    };
    let arg = context(ContextKind::InvalidArg).unwrap_or_default();
    let value = context(ContextKind::InvalidValue).unwrap_or_default();
    let message = match err.kind() {
        ErrorKind::InvalidValue | ErrorKind::ValueValidation | ErrorKind::InvalidUtf8 => match lang {
            Language::Fr => format!("{arg} : valeur non valable « {value} »."),
            Language::En => format!("{arg}: invalid value '{value}'."),
        },
        ErrorKind::MissingRequiredArgument => match lang {
            Language::Fr => format!("Argument obligatoire manquant : {arg}."),
            Language::En => format!("Missing required argument: {arg}."),
        },
        ErrorKind::UnknownArgument => match lang {
            Language::Fr => format!("Argument inconnu : {arg}."),
            Language::En => format!("Unknown argument: {arg}."),
        },
        ErrorKind::InvalidSubcommand => {
            let sub = context(ContextKind::InvalidSubcommand).unwrap_or_default();
            match lang {
                Language::Fr => format!("Commande inconnue : {sub}."),
                Language::En => format!("Unknown command: {sub}."),
            }
        }
        ErrorKind::ArgumentConflict => {
            let other = context(ContextKind::PriorArg).unwrap_or_default();
            match lang {
                Language::Fr => format!("{arg} ne peut pas être utilisé avec {other}."),
                Language::En => format!("{arg} cannot be used with {other}."),
            }
        }
        _ => {
            // Whatever else clap says, keep its first line without the "error:" mark.
            let rendered = err.render().to_string();
            let first = rendered.lines().next().unwrap_or_default();
            first.strip_prefix("error: ").unwrap_or(first).to_string()
        }
    };
    eprint(&one_line(&message));
    ExitCode::from(BAD_INPUT)
}

/// Messages are printed on one line, whatever a cause may contain.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
