//! What goes wrong writing and reading messages, with where it went wrong.

use std::borrow::Cow;
use std::fmt;

use super::payload::BindingKind;
use super::secrets::{REDACTED, Redact, Secrets};
use super::soap::SoapFault;

/// The most of a received value an error quotes.
const EXCERPT: usize = 120;

/// At most 120 characters of `text`, marked when cut, its control characters shown
/// escaped ([`shown`]).
pub fn excerpt(text: &str) -> String {
    match text.char_indices().nth(EXCERPT) {
        Some((cut, _)) => format!("{}…", shown(&text[..cut])),
        None => shown(text).into_owned(),
    }
}

/// `text` as a terminal may show it: control characters (an escape sequence's ESC, a carriage
/// return that would write over the line, C1 controls) and the characters that reorder text
/// (bidirectional overrides) are written as escapes (`\u{1b}`, `\r`, `\n`); a tab stays.
/// Every message that quotes what came from the wire or a document goes through it.
pub fn shown(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        push_shown(&mut out, c);
    }
    Cow::Owned(out)
}

/// Appends `c` as [`shown`] shows it.
pub fn push_shown(out: &mut String, c: char) {
    use fmt::Write as _;
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        c if needs_escape(c) => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
        c => out.push(c),
    }
}

/// Whether [`shown`] escapes `c`.
fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Writes what `args` formats as [`shown`] shows it: for the `Display` of errors whose text
/// quotes input.
pub(crate) fn write_shown(f: &mut fmt::Formatter<'_>, args: fmt::Arguments<'_>) -> fmt::Result {
    match args.as_str() {
        Some(text) => f.write_str(&shown(text)),
        None => f.write_str(&shown(&args.to_string())),
    }
}

/// A value that cannot be written in the chosen format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EncodeError {
    /// Where the value stands: an element path, or the operation and binding.
    pub at: String,
    /// What is wrong with it.
    pub problem: EncodeProblem,
}

/// Why a value cannot be written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EncodeProblem {
    /// XML 1.0 cannot carry this character (a control character, U+FFFE or U+FFFF).
    InvalidXmlChar {
        /// The character.
        ch: char,
    },
    /// Raw XML content that is not well-formed.
    MalformedXml {
        /// What the parser says.
        message: String,
    },
    /// The operation does not offer this binding.
    UnsupportedBinding(BindingKind),
    /// A member of a complex type cannot travel as a query or form pair.
    NotAPair,
    /// A nil item of an array, which a query or form pair cannot carry: a pair has a value.
    NilPair,
    /// A value with characters a cookie cannot carry as they are.
    NotACookie,
    /// A value the message must carry is missing.
    Missing,
    /// A header value with a line break or another control character.
    NotAHeader,
    /// A header name with characters no header name has.
    NotAHeaderName,
    /// A Basic user name with a colon, which ends the user name on the wire.
    ColonInUserName,
    /// The system gave no random bytes (for a UsernameToken's nonce).
    NoRandomness,
    /// What travels in a SOAP header, for a binding that has none.
    NoSoapHeader(BindingKind),
    /// The binding's policy asks for a WS-Security UsernameToken, and the client has none.
    NoUsernameToken(BindingKind),
}

impl EncodeError {
    /// The error of an operation `at` asked to write a message for a binding it does not
    /// offer.
    pub fn unsupported(at: &str, binding: BindingKind) -> Self {
        EncodeError {
            at: at.to_owned(),
            problem: EncodeProblem::UnsupportedBinding(binding),
        }
    }
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot write {}: ", self.at)?;
        match &self.problem {
            EncodeProblem::InvalidXmlChar { ch } => {
                write!(
                    f,
                    "XML 1.0 cannot carry the character U+{:04X}",
                    u32::from(*ch)
                )
            }
            EncodeProblem::MalformedXml { message } => {
                write!(f, "the raw XML is not well-formed: {message}")
            }
            EncodeProblem::UnsupportedBinding(binding) => {
                write!(f, "the operation has no {binding} binding")
            }
            EncodeProblem::NotAPair => {
                f.write_str("a complex value cannot be sent as a query or form pair")
            }
            EncodeProblem::NilPair => f.write_str(
                "a nil item cannot be sent as a query or form pair, which always has a value",
            ),
            EncodeProblem::NotACookie => f.write_str(
                "a cookie cannot carry the value as it is (white space, quotes, commas, semicolons or backslashes)",
            ),
            EncodeProblem::Missing => f.write_str("the message must carry it, and it is missing"),
            EncodeProblem::NotAHeader => f.write_str(
                "an HTTP header cannot carry it (a line break or another control character)",
            ),
            EncodeProblem::NotAHeaderName => f.write_str(
                "it is not an HTTP header name (white space or characters other than letters, digits and !#$%&'*+-.^_`|~)",
            ),
            EncodeProblem::NoSoapHeader(binding) => write!(
                f,
                "it travels in a SOAP header, and the {binding} binding has none"
            ),
            EncodeProblem::NoUsernameToken(binding) => write!(
                f,
                "the {binding} binding's policy asks for a WS-Security UsernameToken in every \
                 request; give the client one with `with_username_token`"
            ),
            EncodeProblem::NoRandomness => {
                f.write_str("the system gives no random bytes to make it of")
            }
            EncodeProblem::ColonInUserName => {
                f.write_str("a Basic user name cannot hold a colon, which ends it on the wire")
            }
        }
    }
}

impl std::error::Error for EncodeError {}

impl Redact for EncodeError {
    fn redact(&mut self, secrets: &Secrets) {
        self.at.redact(secrets);
        if let EncodeProblem::MalformedXml { message } = &mut self.problem {
            message.redact(secrets);
        }
    }
}

/// A message that cannot be read as what it should be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// Where in the message: an element path (`/Envelope/Body/LogoutResponse`), a JSON path
    /// (`$.devices[0].kind`), or a query pair.
    pub at: String,
    /// What is wrong there.
    pub problem: DecodeProblem,
}

/// Why a message cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeProblem {
    /// The text is not XML, JSON or a form: what the parser says.
    Syntax(String),
    /// Something the message must hold is missing.
    Missing(String),
    /// A value is not of its type.
    BadValue {
        /// What it should be.
        expected: &'static str,
        /// What it is, cut short.
        found: String,
    },
    /// Something else stands where the message needs a particular thing.
    Unexpected {
        /// What should stand there.
        expected: String,
        /// What stands there.
        found: String,
    },
    /// A SOAP header marked `mustUnderstand` that this operation does not know.
    MustUnderstand(String),
    /// The operation does not offer this binding.
    UnsupportedBinding(BindingKind),
    /// The message goes past a limit of what is read ([`Limits`](super::limits::Limits)).
    Limit(super::limits::Limit),
}

impl DecodeError {
    /// An error at `at`.
    pub fn new(at: impl Into<String>, problem: DecodeProblem) -> Self {
        DecodeError {
            at: at.into(),
            problem,
        }
    }

    /// The error of an operation `at` asked to read a message of a binding it does not offer.
    pub fn unsupported(at: &str, binding: BindingKind) -> Self {
        DecodeError::new(at, DecodeProblem::UnsupportedBinding(binding))
    }
}

impl fmt::Display for DecodeError {
    /// What went wrong where, control characters of what it quotes escaped ([`shown`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_shown(f, format_args!("{}", Unescaped(self)))
    }
}

/// A decode error's message as it is formed, before [`shown`] escapes it.
struct Unescaped<'e>(&'e DecodeError);

impl fmt::Display for Unescaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let error = self.0;
        write!(f, "cannot read {}: ", error.at)?;
        match &error.problem {
            DecodeProblem::Syntax(message) => write!(f, "{message}"),
            DecodeProblem::Missing(what) => write!(f, "{what} is missing"),
            DecodeProblem::BadValue { expected, found } => {
                write!(f, "expected {expected}, found `{found}`")
            }
            DecodeProblem::Unexpected { expected, found } => {
                write!(f, "expected {expected}, found {found}")
            }
            DecodeProblem::MustUnderstand(header) => write!(
                f,
                "the header {header} must be understood, and the operation does not declare it"
            ),
            DecodeProblem::UnsupportedBinding(binding) => {
                write!(f, "the operation has no {binding} binding")
            }
            DecodeProblem::Limit(limit) => write!(f, "refused: {limit}"),
        }
    }
}

impl std::error::Error for DecodeError {}

/// A value found where a credential's member stands is left out whole; other text loses the
/// credentials it shows.
impl Redact for DecodeError {
    fn redact(&mut self, secrets: &Secrets) {
        let at_secret = secrets.mentions_secret_name(&self.at);
        self.at.redact(secrets);
        match &mut self.problem {
            DecodeProblem::Syntax(message) | DecodeProblem::Missing(message) => {
                message.redact(secrets)
            }
            DecodeProblem::BadValue { found, .. } => {
                if at_secret {
                    *found = REDACTED.to_owned();
                } else {
                    found.redact(secrets);
                }
            }
            DecodeProblem::Unexpected { expected, found } => {
                expected.redact(secrets);
                if at_secret {
                    *found = REDACTED.to_owned();
                } else {
                    found.redact(secrets);
                }
            }
            DecodeProblem::MustUnderstand(header) => header.redact(secrets),
            DecodeProblem::UnsupportedBinding(_) | DecodeProblem::Limit(_) => {}
        }
    }
}

/// Why a response did not give the operation's output: a SOAP fault, or a body that does not
/// read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResponseError {
    /// The service answered with a SOAP fault.
    Fault(Box<SoapFault>),
    /// The body does not read as the operation's response.
    Decode(DecodeError),
}

impl fmt::Display for ResponseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResponseError::Fault(fault) => write!(f, "{fault}"),
            ResponseError::Decode(error) => write!(f, "{error}"),
        }
    }
}

impl std::error::Error for ResponseError {}

impl Redact for ResponseError {
    fn redact(&mut self, secrets: &Secrets) {
        match self {
            ResponseError::Fault(fault) => fault.redact(secrets),
            ResponseError::Decode(error) => error.redact(secrets),
        }
    }
}

impl From<DecodeError> for ResponseError {
    fn from(error: DecodeError) -> Self {
        ResponseError::Decode(error)
    }
}

impl From<SoapFault> for ResponseError {
    fn from(fault: SoapFault) -> Self {
        ResponseError::Fault(Box::new(fault))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_escaped_and_a_tab_kept() {
        assert_eq!(
            shown("a\u{1b}[2Jb\r\n\u{9b}c\td\u{202e}e"),
            "a\\u{1b}[2Jb\\r\\n\\u{9b}c\td\\u{202e}e"
        );
        assert!(matches!(shown("plain text"), Cow::Borrowed(_)));
        // An excerpt is cut first, then escaped: the escape of a kept character is whole.
        let long = format!("{}\u{1b}", "x".repeat(EXCERPT - 1));
        assert_eq!(
            excerpt(&long),
            format!("{}\\u{{1b}}", "x".repeat(EXCERPT - 1))
        );
    }

    #[test]
    fn a_decode_error_quoting_a_hostile_value_shows_it_escaped() {
        let error = DecodeError::new(
            "/Envelope/Body/x\u{1b}]0;t\u{7}",
            DecodeProblem::Syntax("bad \u{1b}[31m".to_owned()),
        );
        let text = error.to_string();
        assert!(!text.chars().any(char::is_control), "{text:?}");
        assert!(text.contains("\\u{1b}[31m"), "{text}");
    }
}
