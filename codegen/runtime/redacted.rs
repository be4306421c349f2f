//! What `Debug` shows in place of a credential.

use std::fmt;

/// Stands in for a token, ticket, password or security code in `Debug` output, so that logs
/// show whether a credential was there but never what it was.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}
