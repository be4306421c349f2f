//! Error codes written in brackets before their message: srv.asmx's `[901] Session expired`.
//! The generator reads them off pages with the same function.

/// Splits `[901] Session expired or Invalid ticket` into `901` and the message; `None` when
/// the text does not start with a number in brackets.
pub fn bracketed_code(text: &str) -> Option<(u32, &str)> {
    bracketed_code_at(text).map(|(code, at)| (code, &text[at..]))
}

/// The code of `[901] Session expired`, and where its message starts in the text. White
/// space before the bracket, around the number and before the message is allowed.
pub fn bracketed_code_at(text: &str) -> Option<(u32, usize)> {
    let lead = text.len() - text.trim_start().len();
    let inner = text[lead..].strip_prefix('[')?;
    let (number, rest) = inner.split_once(']')?;
    let code = number.trim().parse().ok()?;
    let message = rest.trim_start();
    Some((code, text.len() - message.len()))
}

#[cfg(test)]
mod tests {
    use super::{bracketed_code, bracketed_code_at};

    #[test]
    fn codes_split_from_their_messages() {
        assert_eq!(
            bracketed_code("[901] Session expired or Invalid ticket"),
            Some((901, "Session expired or Invalid ticket"))
        );
        assert_eq!(bracketed_code("[42]"), Some((42, "")));
        assert_eq!(bracketed_code(" [ 7 ]  spaced"), Some((7, "spaced")));
        assert_eq!(bracketed_code_at(" [ 7 ]  spaced"), Some((7, 8)));
        assert_eq!(bracketed_code("Session expired"), None);
        assert_eq!(bracketed_code("[x] no number"), None);
    }
}
