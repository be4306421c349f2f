//! Error codes written in brackets before their message.

/// Splits `[901] Session expired or Invalid ticket` into `901` and the message; `None` when
/// the text does not start with a number in brackets.
pub fn bracketed_code(text: &str) -> Option<(u32, &str)> {
    let inner = text.trim_start().strip_prefix('[')?;
    let (number, rest) = inner.split_once(']')?;
    let code = number.trim().parse().ok()?;
    Some((code, rest.trim()))
}

#[cfg(test)]
mod tests {
    use super::bracketed_code;

    #[test]
    fn codes_split_from_their_messages() {
        assert_eq!(
            bracketed_code("[901] Session expired or Invalid ticket"),
            Some((901, "Session expired or Invalid ticket"))
        );
        assert_eq!(bracketed_code("[42]"), Some((42, "")));
        assert_eq!(bracketed_code("Session expired"), None);
        assert_eq!(bracketed_code("[x] no number"), None);
    }
}
