//! WS-Security's UsernameToken (the OASIS UsernameToken Profile 1.0), as WCF services ask for
//! it in a SOAP header: the password as text, or as a digest (Base64 of SHA-1 over the nonce,
//! the creation time and the password) sent with the nonce and the time; an optional
//! `wsu:Timestamp`; `mustUnderstand` as WCF sends it. The client writes it into its envelopes;
//! a server reads it from one and checks it. The password never shows in `Debug` or an error.

use std::fmt;
use std::ops::Range;
use std::time::Duration;

use base64::Engine as _;

use super::error::{DecodeError, DecodeProblem, EncodeError};
use super::payload::{BindingInfo, BindingKind, Payload};
use super::soap::Envelope;
use super::xml_read::{elements, is, text_of};
use super::xml_write::XmlWriter;

/// The WS-Security extension namespace (`wsse`).
pub const WSSE: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
/// The WS-Security utility namespace (`wsu`), of `Created`, `Expires` and `Timestamp`.
pub const WSU: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
/// The `Type` of a password sent as text.
pub const PASSWORD_TEXT: &str = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText";
/// The `Type` of a password sent as a digest.
pub const PASSWORD_DIGEST: &str = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest";
/// The `EncodingType` of the nonce.
pub const BASE64_BINARY: &str = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary";

/// How a UsernameToken's password travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PasswordType {
    /// As it is (`PasswordText`): only over TLS.
    Text,
    /// As a digest over a fresh nonce and the creation time (`PasswordDigest`).
    Digest,
}

/// A UsernameToken a client sends in the `wsse:Security` header of every SOAP request.
#[derive(Clone)]
pub struct UsernameToken {
    username: String,
    password: String,
    kind: PasswordType,
    timestamp: Option<Duration>,
}

impl UsernameToken {
    /// A token that sends the password as text (WCF's `UserNameOverTransport`).
    pub fn text(username: &str, password: &str) -> Self {
        Self::new(username, password, PasswordType::Text)
    }

    /// A token that sends a digest of the password, with the nonce and the creation time.
    pub fn digest(username: &str, password: &str) -> Self {
        Self::new(username, password, PasswordType::Digest)
    }

    fn new(username: &str, password: &str, kind: PasswordType) -> Self {
        UsernameToken {
            username: username.to_owned(),
            password: password.to_owned(),
            kind,
            timestamp: None,
        }
    }

    /// Also sends a `wsu:Timestamp`: created when the message is, expiring `lifetime` later.
    pub fn with_timestamp(mut self, lifetime: Duration) -> Self {
        self.timestamp = Some(lifetime);
        self
    }

    /// The user name.
    pub fn username(&self) -> &str {
        &self.username
    }

    /// The password, for a caller that keeps it out of what it logs.
    pub fn password(&self) -> &str {
        &self.password
    }

    /// Signs `payload` for `binding` with `token`, if the client has one: a binding whose
    /// policy asks for a token (a supporting token) refuses a call without one before it
    /// goes, as WCF's client does.
    pub fn secure(
        token: Option<&UsernameToken>,
        binding: &BindingInfo,
        payload: &mut Payload,
    ) -> Result<(), EncodeError> {
        match token {
            Some(token) => token.sign(binding.kind, payload),
            None if binding.policy.username_token => Err(EncodeError {
                at: "the request".to_owned(),
                problem: super::error::EncodeProblem::NoUsernameToken(binding.kind),
            }),
            None => Ok(()),
        }
    }

    /// Adds the `wsse:Security` header to a SOAP message this runtime wrote, created now
    /// with a fresh nonce. A binding without SOAP headers cannot carry it, and is refused.
    pub fn sign(&self, binding: BindingKind, payload: &mut Payload) -> Result<(), EncodeError> {
        let mut nonce = [0u8; 16];
        getrandom::fill(&mut nonce).map_err(|_| EncodeError {
            at: "the UsernameToken's nonce".to_owned(),
            problem: super::error::EncodeProblem::NoRandomness,
        })?;
        let now = time::OffsetDateTime::now_utc();
        let created = utc_time(now);
        let expires = self
            .timestamp
            .map(|lifetime| utc_time(now + lifetime.min(super::transport::LONGEST_TIMEOUT)));
        self.sign_at(binding, payload, &created, expires.as_deref(), &nonce)
    }

    /// Adds the `wsse:Security` header as [`UsernameToken::sign`] does, for a message
    /// created at `created` (and expiring at `expires`, with a timestamp) with `nonce`.
    pub fn sign_at(
        &self,
        binding: BindingKind,
        payload: &mut Payload,
        created: &str,
        expires: Option<&str>,
        nonce: &[u8],
    ) -> Result<(), EncodeError> {
        let Some(version) = super::soap::SoapVersion::of(binding) else {
            return Err(EncodeError {
                at: "the UsernameToken".to_owned(),
                problem: super::error::EncodeProblem::NoSoapHeader(binding),
            });
        };
        let entry = self.header_entry(version.prefix(), created, expires, nonce)?;
        super::soap::insert_header_entry(version, &mut payload.body, &entry)
    }

    /// The `wsse:Security` header entry, marked `mustUnderstand` with the envelope's
    /// `prefix`.
    fn header_entry(
        &self,
        prefix: &'static str,
        created: &str,
        expires: Option<&str>,
        nonce: &[u8],
    ) -> Result<String, EncodeError> {
        let mut w = XmlWriter::new();
        let security = w.start(WSSE, "Security");
        // Declared on the envelope that the entry goes into.
        let must_understand = match prefix {
            "soap12" => "soap12:mustUnderstand",
            _ => "soap:mustUnderstand",
        };
        w.attribute(must_understand, "1")?;
        if let Some(expires) = expires {
            let timestamp = w.start(WSU, "Timestamp");
            text_element(&mut w, WSU, "Created", created)?;
            text_element(&mut w, WSU, "Expires", expires)?;
            w.end(timestamp);
        }
        let token = w.start(WSSE, "UsernameToken");
        text_element(&mut w, WSSE, "Username", &self.username)?;
        let password = w.start(WSSE, "Password");
        match self.kind {
            PasswordType::Text => {
                w.attribute("Type", PASSWORD_TEXT)?;
                // Not the password in the error: only where it is.
                w.text(&self.password).map_err(|mut error| {
                    error.at = "the UsernameToken's password".to_owned();
                    error
                })?;
                w.end(password);
            }
            PasswordType::Digest => {
                w.attribute("Type", PASSWORD_DIGEST)?;
                w.text(&password_digest(nonce, created, &self.password))?;
                w.end(password);
                let encoded = w.start(WSSE, "Nonce");
                w.attribute("EncodingType", BASE64_BINARY)?;
                w.text(&base64::engine::general_purpose::STANDARD.encode(nonce))?;
                w.end(encoded);
                text_element(&mut w, WSU, "Created", created)?;
            }
        }
        w.end(token);
        w.end(security);
        Ok(w.finish())
    }
}

impl fmt::Debug for UsernameToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UsernameToken")
            .field("username", &self.username)
            .field("password", &super::secrets::Redacted)
            .field("kind", &self.kind)
            .field("timestamp", &self.timestamp)
            .finish()
    }
}

fn text_element(
    w: &mut XmlWriter,
    ns: &'static str,
    local: &'static str,
    text: &str,
) -> Result<(), EncodeError> {
    let open = w.start(ns, local);
    w.text(text)?;
    w.end(open);
    Ok(())
}

/// A time in UTC as WCF writes it: `2026-12-03T12:00:00.000Z`.
fn utc_time(at: time::OffsetDateTime) -> String {
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second(),
        at.millisecond()
    )
}

/// The digest of a password: Base64 of SHA-1 over the nonce's bytes, the creation time as
/// the token writes it, and the password's UTF-8.
pub fn password_digest(nonce: &[u8], created: &str, password: &str) -> String {
    let mut sha1 = sha1_smol::Sha1::new();
    sha1.update(nonce);
    sha1.update(created.as_bytes());
    sha1.update(password.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(sha1.digest().bytes())
}

/// A UsernameToken as a server received it.
#[derive(Clone, PartialEq, Eq)]
pub struct ReceivedToken {
    /// The user name.
    pub username: String,
    /// The password as it came: text, or a digest with its nonce and creation time.
    password: ReceivedPassword,
    /// The timestamp's creation and expiry times, as written, when the header has one.
    pub timestamp: Option<(String, String)>,
}

#[derive(Clone, PartialEq, Eq)]
enum ReceivedPassword {
    Text(String),
    Digest {
        digest: String,
        nonce: Vec<u8>,
        created: String,
    },
}

impl ReceivedToken {
    /// How the password came.
    pub fn password_type(&self) -> PasswordType {
        match self.password {
            ReceivedPassword::Text(_) => PasswordType::Text,
            ReceivedPassword::Digest { .. } => PasswordType::Digest,
        }
    }

    /// The creation time a digest was made with, as written.
    pub fn created(&self) -> Option<&str> {
        match &self.password {
            ReceivedPassword::Digest { created, .. } => Some(created),
            ReceivedPassword::Text(_) => None,
        }
    }

    /// The nonce a digest was made with.
    pub fn nonce(&self) -> Option<&[u8]> {
        match &self.password {
            ReceivedPassword::Digest { nonce, .. } => Some(nonce),
            ReceivedPassword::Text(_) => None,
        }
    }

    /// Whether the token proves `password`: the same text, or a digest that `password`
    /// gives with the token's nonce and time. Compared in time that does not depend on
    /// where the two differ.
    pub fn proves(&self, password: &str) -> bool {
        match &self.password {
            ReceivedPassword::Text(sent) => same(sent.as_bytes(), password.as_bytes()),
            ReceivedPassword::Digest {
                digest,
                nonce,
                created,
            } => same(
                digest.as_bytes(),
                password_digest(nonce, created, password).as_bytes(),
            ),
        }
    }
}

impl fmt::Debug for ReceivedToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReceivedToken")
            .field("username", &self.username)
            .field("password_type", &self.password_type())
            .field("password", &super::secrets::Redacted)
            .field("timestamp", &self.timestamp)
            .finish()
    }
}

/// Whether two byte strings are equal, looking at every byte whatever the first difference.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |any, (x, y)| any | (x ^ y)) == 0
}

/// The UsernameToken of an envelope's `wsse:Security` header entry, if it has one. A token
/// without a user name or a password, or with a password of another type, is an error.
pub fn read_username_token(
    envelope: &Envelope<'_, '_>,
) -> Result<Option<ReceivedToken>, DecodeError> {
    Ok(security_entry(envelope)?.map(|(token, _)| token))
}

/// The UsernameToken of an envelope, and where its `wsse:Security` entry stands in the text.
pub(crate) fn security_entry(
    envelope: &Envelope<'_, '_>,
) -> Result<Option<(ReceivedToken, Range<usize>)>, DecodeError> {
    let Some(security) = envelope
        .headers
        .iter()
        .copied()
        .find(|e| is(*e, WSSE, "Security"))
    else {
        return Ok(None);
    };
    let Some(token) = elements(security).find(|e| is(*e, WSSE, "UsernameToken")) else {
        return Ok(None);
    };
    let child = |ns: &str, local: &str| elements(token).find(|e| is(*e, ns, local));
    let missing = |what: &str| {
        DecodeError::new(
            "/Header/Security/UsernameToken",
            DecodeProblem::Missing(what.to_owned()),
        )
    };
    let username = child(WSSE, "Username").ok_or_else(|| missing("Username"))?;
    let password = child(WSSE, "Password").ok_or_else(|| missing("Password"))?;
    let kind = password.attribute("Type").unwrap_or(PASSWORD_TEXT);
    let password = match kind {
        PASSWORD_TEXT => ReceivedPassword::Text(text_of(password).into_owned()),
        PASSWORD_DIGEST => {
            let nonce = child(WSSE, "Nonce").ok_or_else(|| missing("Nonce"))?;
            let created = child(WSU, "Created").ok_or_else(|| missing("Created"))?;
            let nonce = base64::engine::general_purpose::STANDARD
                .decode(text_of(nonce).trim())
                .map_err(|_| {
                    DecodeError::new(
                        "/Header/Security/UsernameToken/Nonce",
                        DecodeProblem::Unexpected {
                            expected: "the nonce in Base64".to_owned(),
                            found: "text that is not Base64".to_owned(),
                        },
                    )
                })?;
            ReceivedPassword::Digest {
                digest: text_of(password).trim().to_owned(),
                nonce,
                created: text_of(created).trim().to_owned(),
            }
        }
        other => {
            return Err(DecodeError::new(
                "/Header/Security/UsernameToken/Password/@Type",
                DecodeProblem::Unexpected {
                    expected: "PasswordText or PasswordDigest".to_owned(),
                    found: format!("`{other}`"),
                },
            ));
        }
    };
    let timestamp = elements(security)
        .find(|e| is(*e, WSU, "Timestamp"))
        .map(|timestamp| {
            let time = |local| {
                elements(timestamp)
                    .find(|e| is(*e, WSU, local))
                    .map(|e| text_of(e).trim().to_owned())
                    .unwrap_or_default()
            };
            (time("Created"), time("Expires"))
        });
    let token = ReceivedToken {
        username: text_of(username).trim().to_owned(),
        password,
        timestamp,
    };
    Ok(Some((token, security.range())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digest_is_the_profiles() {
        // Base64(SHA-1("0123456789abcdef" + "2026-12-03T12:00:00Z" + "Pw7&kq/9+zLx")), as
        // zeep computed it for tests/fixtures/wsse/sign-in.digest.soap11.xml.
        assert_eq!(
            password_digest(b"0123456789abcdef", "2026-12-03T12:00:00Z", "Pw7&kq/9+zLx"),
            "F+EWedRKFnU3/qkOgM9NTya0FpY="
        );
        let t = time::OffsetDateTime::from_unix_timestamp_nanos(1_796_256_000_123_000_000).unwrap();
        assert_eq!(utc_time(t), "2026-12-03T00:00:00.123Z");
    }

    #[test]
    fn a_token_shows_no_password() {
        let token = UsernameToken::digest("integrator", "Pw7&kq/9+zLx")
            .with_timestamp(Duration::from_secs(300));
        let debug = format!("{token:?}");
        assert!(
            debug.contains("integrator") && !debug.contains("Pw7"),
            "{debug}"
        );
        let mut payload = Payload::body("not an envelope".to_owned());
        let error = token.sign(BindingKind::HttpPost, &mut payload).unwrap_err();
        assert!(!error.to_string().contains("Pw7"), "{error}");
    }
}
