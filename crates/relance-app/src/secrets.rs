//! Secrets (the SMTP password) live only in the operating system's keyring, never in the database,
//! the logs, the activity log or the backups. Use cases reach them through [`SecretStore`]; the
//! real one is [`Keyring`] (keyring-core's default store, chosen by the shell at start-up: Secret
//! Service on Linux, Keychain on macOS, Credential Manager on Windows); tests set keyring-core's own
//! in-memory `mock` store, so they never touch the user's keyring.

/// A secret in memory: its `Debug` prints nothing of it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The secret itself, to hand to the SMTP client.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(…)")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretError {
    /// No keyring service (no Secret Service on a Linux session, as under CI): nothing can be kept.
    #[error("the system keyring is not available: {0}")]
    Unavailable(String),
    /// The keyring answered with an error.
    #[error("the system keyring refused: {0}")]
    Failed(String),
}

/// Where secrets are kept, by account.
pub trait SecretStore {
    fn set(&self, account: &str, secret: &Secret) -> Result<(), SecretError>;
    /// `None` when nothing is kept for the account.
    fn get(&self, account: &str) -> Result<Option<Secret>, SecretError>;
    /// Forgets the account's secret (nothing kept is fine).
    fn delete(&self, account: &str) -> Result<(), SecretError>;
}

/// The keyring's service name for Relance's entries.
pub const SERVICE: &str = "Relance";

/// The keyring account of an SMTP login: `user@server`.
pub fn smtp_account(username: &str, server: &str) -> String {
    format!("smtp:{}@{}", username.trim(), server.trim().to_lowercase())
}

/// The system keyring, through keyring-core's default store.
#[derive(Debug, Clone, Copy, Default)]
pub struct Keyring;

fn keyring_error(e: keyring_core::Error) -> SecretError {
    match e {
        keyring_core::Error::NoDefaultStore => SecretError::Unavailable("no credential store".into()),
        keyring_core::Error::NoStorageAccess(p) | keyring_core::Error::PlatformFailure(p) => {
            SecretError::Unavailable(p.to_string())
        }
        other => SecretError::Failed(other.to_string()),
    }
}

impl SecretStore for Keyring {
    fn set(&self, account: &str, secret: &Secret) -> Result<(), SecretError> {
        let entry = keyring_core::Entry::new(SERVICE, account).map_err(keyring_error)?;
        entry.set_password(secret.expose()).map_err(keyring_error)
    }

    fn get(&self, account: &str) -> Result<Option<Secret>, SecretError> {
        let entry = keyring_core::Entry::new(SERVICE, account).map_err(keyring_error)?;
        match entry.get_password() {
            Ok(p) => Ok(Some(Secret(p))),
            Err(keyring_core::Error::NoEntry) => Ok(None),
            Err(e) => Err(keyring_error(e)),
        }
    }

    fn delete(&self, account: &str) -> Result<(), SecretError> {
        let entry = keyring_core::Entry::new(SERVICE, account).map_err(keyring_error)?;
        match entry.delete_credential() {
            Ok(()) | Err(keyring_core::Error::NoEntry) => Ok(()),
            Err(e) => Err(keyring_error(e)),
        }
    }
}

/// The system keyring as the shells use it: the platform's store (Secret Service, Keychain,
/// Credential Manager) set as keyring-core's default on first use, so a missing service never
/// slows the start-up, then [`Keyring`].
#[cfg(feature = "system-keyring")]
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemKeyring;

#[cfg(feature = "system-keyring")]
impl SystemKeyring {
    fn ready() {
        // Sets keyring-core's default store once; its error shows later as "unavailable".
        let _ = keyring::Entry::store_status();
    }
}

#[cfg(feature = "system-keyring")]
impl SecretStore for SystemKeyring {
    fn set(&self, account: &str, secret: &Secret) -> Result<(), SecretError> {
        Self::ready();
        Keyring.set(account, secret)
    }
    fn get(&self, account: &str) -> Result<Option<Secret>, SecretError> {
        Self::ready();
        Keyring.get(account)
    }
    fn delete(&self, account: &str) -> Result<(), SecretError> {
        Self::ready();
        Keyring.delete(account)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_never_prints() {
        let s = Secret::new("hunter2");
        assert_eq!(format!("{s:?}"), "Secret(…)");
        assert_eq!(format!("{:?}", Some(s.clone())), "Some(Secret(…))");
        assert_eq!(s.expose(), "hunter2");
    }

    #[test]
    fn the_account_is_the_login_at_the_server() {
        assert_eq!(smtp_account(" compta@x.fr ", "SMTP.Example.fr"), "smtp:compta@x.fr@smtp.example.fr");
    }
}
