//! WS-Addressing, where a binding's policy says it is used (WCF's `wsHttpBinding`): a client
//! sends `Action`, `MessageID`, `ReplyTo` (anonymous: the reply comes back on the same
//! connection) and `To` in the header of each request, `Action` and `To` marked
//! `mustUnderstand` as WCF marks them, and checks that the reply relates to its `MessageID`
//! and carries the action the operation replies with; a server reads them from a request and
//! answers with `RelatesTo` and its `Action`. Both the W3C recommendation (2005/08) and the
//! 2004/08 submission that older WCF bindings speak.

use std::ops::Range;

use super::error::{DecodeError, DecodeProblem, EncodeError, EncodeProblem};
use super::payload::Payload;
use super::soap::{Envelope, SoapVersion, envelope, insert_header_entry};
#[cfg(feature = "server")]
use super::xml_read::{elements, is};
use super::xml_read::{parse_within, text_of};
use super::xml_write::XmlWriter;

/// The namespace of WS-Addressing 1.0, the W3C recommendation.
pub const W3C: &str = "http://www.w3.org/2005/08/addressing";
/// The namespace of the 2004/08 member submission.
pub const SUBMISSION: &str = "http://schemas.xmlsoap.org/ws/2004/08/addressing";

/// The version of WS-Addressing a binding speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Version {
    /// WS-Addressing 1.0 (`http://www.w3.org/2005/08/addressing`).
    W3c,
    /// The 2004/08 submission (`http://schemas.xmlsoap.org/ws/2004/08/addressing`).
    Submission,
}

impl Version {
    /// The namespace of its headers.
    pub const fn namespace(self) -> &'static str {
        match self {
            Version::W3c => W3C,
            Version::Submission => SUBMISSION,
        }
    }

    /// The anonymous address: a reply to it comes back in the HTTP response.
    pub const fn anonymous(self) -> &'static str {
        match self {
            Version::W3c => "http://www.w3.org/2005/08/addressing/anonymous",
            Version::Submission => {
                "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous"
            }
        }
    }

    /// The action of a fault that answers a request.
    pub const fn fault_action(self) -> &'static str {
        match self {
            Version::W3c => "http://www.w3.org/2005/08/addressing/soap/fault",
            Version::Submission => "http://schemas.xmlsoap.org/ws/2004/08/addressing/fault",
        }
    }
}

/// What a client's request said of itself, which its reply must relate to: the request
/// carries it in its extensions, and this crate's transports put it into the response's. A
/// caller that sends a request with an HTTP stack of its own moves it over likewise.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sent {
    /// The version the request spoke.
    pub version: Version,
    /// Its `MessageID`.
    pub message_id: String,
}

/// What a server read of a request's addressing, for its reply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Addressed {
    /// The version the request spoke.
    pub version: Version,
    /// Its `MessageID`, which the reply's `RelatesTo` names.
    pub message_id: Option<String>,
    /// The action of the operation's reply.
    pub reply_action: &'static str,
}

/// A fresh message id: `urn:uuid:` and a random (version 4) UUID.
pub fn message_id() -> Result<String, EncodeError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|_| EncodeError {
        at: "the WS-Addressing MessageID".to_owned(),
        problem: EncodeProblem::NoRandomness,
    })?;
    Ok(format!(
        "urn:uuid:{}",
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    ))
}

/// The prefixed `mustUnderstand` attribute of an envelope this runtime wrote.
fn must_understand(soap: SoapVersion) -> &'static str {
    match soap {
        SoapVersion::Soap11 => "soap:mustUnderstand",
        SoapVersion::Soap12 => "soap12:mustUnderstand",
    }
}

/// Writes `<local>text</local>` in the version's namespace, marked `mustUnderstand` if asked.
fn entry(
    w: &mut XmlWriter,
    version: Version,
    soap: SoapVersion,
    local: &'static str,
    text: &str,
    marked: bool,
) -> Result<(), EncodeError> {
    let open = w.start(version.namespace(), local);
    if marked {
        w.attribute(must_understand(soap), "1")?;
    }
    w.text(text)?;
    w.end(open);
    Ok(())
}

/// Adds a request's addressing headers to an envelope this runtime wrote (`body`, of `soap`'s
/// version): `Action` and `To` marked `mustUnderstand`, a fresh `MessageID`, and `ReplyTo`
/// the anonymous address. What it sent is for the check of the reply.
pub(crate) fn address_request(
    version: Version,
    soap: SoapVersion,
    body: &mut String,
    action: &str,
    to: &str,
) -> Result<Sent, EncodeError> {
    let message_id = message_id()?;
    let mut w = XmlWriter::new();
    entry(&mut w, version, soap, "Action", action, true)?;
    entry(&mut w, version, soap, "MessageID", &message_id, false)?;
    let reply_to = w.start(version.namespace(), "ReplyTo");
    entry(&mut w, version, soap, "Address", version.anonymous(), false)?;
    w.end(reply_to);
    entry(&mut w, version, soap, "To", to, true)?;
    insert_header_entry(soap, body, &w.finish())?;
    Ok(Sent {
        version,
        message_id,
    })
}

/// Adds a reply's addressing headers to an envelope this runtime wrote: its `Action`
/// (`mustUnderstand`, the version's fault action for a fault) and `RelatesTo` the request's
/// `MessageID`, where it had one.
#[cfg(feature = "server")]
pub(crate) fn address_reply(
    soap: SoapVersion,
    body: &mut String,
    addressed: &Addressed,
    fault: bool,
) -> Result<(), EncodeError> {
    let version = addressed.version;
    let action = if fault {
        version.fault_action()
    } else {
        addressed.reply_action
    };
    let mut w = XmlWriter::new();
    entry(&mut w, version, soap, "Action", action, true)?;
    if let Some(id) = &addressed.message_id {
        entry(&mut w, version, soap, "RelatesTo", id, false)?;
    }
    insert_header_entry(soap, body, &w.finish())
}

/// The text of the header entry `local` of `version`, if the envelope has it.
fn header_text(envelope: &Envelope<'_, '_>, version: Version, local: &str) -> Option<String> {
    envelope
        .header(version.namespace(), local)
        .map(|node| text_of(node).trim().to_owned())
}

/// Where the envelope's addressing entries stand, last first, for cutting them out.
fn entry_ranges(envelope: &Envelope<'_, '_>, version: Version) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = envelope
        .headers
        .iter()
        .filter(|node| node.tag_name().namespace() == Some(version.namespace()))
        .map(|node| node.range())
        .collect();
    ranges.reverse();
    ranges
}

/// Cuts `ranges` (last first) out of `text`.
fn cut(text: &mut String, ranges: &[Range<usize>]) {
    for range in ranges {
        text.replace_range(range.clone(), "");
    }
}

/// Checks a reply's addressing against what the request sent, and takes its addressing
/// entries out of the payload, which the operation's reader then reads as it reads any: its
/// `RelatesTo` must be the request's `MessageID`, and its `Action` the operation's reply
/// action (WCF's client refuses any other). A fault is left for the reader to report.
pub(crate) fn check_reply(
    payload: &mut Payload,
    sent: &Sent,
    reply_action: Option<&str>,
) -> Result<(), DecodeError> {
    let version = sent.version;
    let ranges = {
        let doc = parse_within(&payload.body, &payload.limits)?;
        let envelope = envelope(&doc)?;
        if envelope.fault().is_some() {
            return Ok(());
        }
        match header_text(&envelope, version, "RelatesTo") {
            Some(relates) if relates == sent.message_id => {}
            Some(relates) => {
                return Err(DecodeError::new(
                    "/Header/RelatesTo",
                    DecodeProblem::Unexpected {
                        expected: format!("the request's MessageID `{}`", sent.message_id),
                        found: format!("`{relates}`: the reply is to another request"),
                    },
                ));
            }
            None => {
                return Err(DecodeError::new(
                    "/Header",
                    DecodeProblem::Missing(format!(
                        "WS-Addressing's RelatesTo (the request's MessageID `{}`)",
                        sent.message_id
                    )),
                ));
            }
        }
        if let Some(expected) = reply_action {
            match header_text(&envelope, version, "Action") {
                Some(action) if action == expected => {}
                found => {
                    return Err(DecodeError::new(
                        "/Header/Action",
                        DecodeProblem::Unexpected {
                            expected: format!("the reply's action `{expected}`"),
                            found: found.map_or_else(|| "none".to_owned(), |a| format!("`{a}`")),
                        },
                    ));
                }
            }
        }
        entry_ranges(&envelope, version)
    };
    cut(&mut payload.body, &ranges);
    Ok(())
}

/// Why a server refuses a request's addressing: WCF's fault subcode and reason.
#[cfg(feature = "server")]
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Refused {
    /// The subcode, in the version's namespace (`ActionNotSupported`).
    pub subcode: &'static str,
    /// What went wrong, in WCF's words.
    pub reason: String,
}

/// Reads a request's addressing for a binding that uses `version` and whose operation is
/// called with `action`, and takes its addressing entries out of `text`, which the
/// operation's reader then reads as it reads any. A request without `Action`, or with
/// another, is refused as WCF refuses it.
#[cfg(feature = "server")]
pub(crate) fn receive(
    text: &mut String,
    limits: &super::limits::Limits,
    version: Version,
    action: &str,
    reply_action: &'static str,
) -> Result<Addressed, Refused> {
    let (addressed, ranges) = {
        let doc = parse_within(text, limits).map_err(|error| Refused {
            subcode: "InvalidAddressingHeader",
            reason: error.to_string(),
        })?;
        let envelope = envelope(&doc).map_err(|error| Refused {
            subcode: "InvalidAddressingHeader",
            reason: error.to_string(),
        })?;
        match header_text(&envelope, version, "Action") {
            None => {
                return Err(Refused {
                    subcode: "MessageAddressingHeaderRequired",
                    reason: "Required message header Action is missing.".to_owned(),
                });
            }
            Some(found) if found != action => {
                return Err(Refused {
                    subcode: "ActionNotSupported",
                    reason: format!(
                        "The message with Action '{found}' cannot be processed at the receiver, \
                         due to a ContractFilter mismatch at the EndpointDispatcher."
                    ),
                });
            }
            Some(_) => {}
        }
        let reply_to = envelope
            .header(version.namespace(), "ReplyTo")
            .and_then(|node| elements(node).find(|e| is(*e, version.namespace(), "Address")))
            .map(|node| text_of(node).trim().to_owned());
        // The anonymous address, or (1.0) none at all: a reply comes back on the connection
        // or not at all, never to another address.
        let none = "http://www.w3.org/2005/08/addressing/none";
        let elsewhere =
            |a: &String| a != version.anonymous() && !(version == Version::W3c && a == none);
        if let Some(address) = reply_to.filter(elsewhere) {
            return Err(Refused {
                subcode: "OnlyAnonymousAddressSupported",
                reason: format!(
                    "The reply goes back on the connection it came by: ReplyTo `{address}` \
                     is not the anonymous address."
                ),
            });
        }
        let addressed = Addressed {
            version,
            message_id: header_text(&envelope, version, "MessageID"),
            reply_action,
        };
        (addressed, entry_ranges(&envelope, version))
    };
    cut(text, &ranges);
    Ok(addressed)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(feature = "server")]
    use crate::payload::BindingKind;
    #[cfg(feature = "server")]
    use crate::soap::write_body;

    #[cfg(feature = "server")]
    fn request(soap: BindingKind) -> String {
        write_body(soap, "urn:s", "Ping", &"x".to_owned())
            .unwrap()
            .body
    }

    #[cfg(feature = "server")]
    #[test]
    fn a_request_and_its_reply_relate() {
        for (kind, soap) in [
            (BindingKind::Soap11, SoapVersion::Soap11),
            (BindingKind::Soap12, SoapVersion::Soap12),
        ] {
            for version in [Version::W3c, Version::Submission] {
                let mut body = request(kind);
                let sent =
                    address_request(version, soap, &mut body, "urn:s/Ping", "http://h/s").unwrap();
                assert!(sent.message_id.starts_with("urn:uuid:"), "{sent:?}");
                // The server reads it, and takes its entries out.
                let mut received = body.clone();
                let addressed = receive(
                    &mut received,
                    &Default::default(),
                    version,
                    "urn:s/Ping",
                    "urn:s/PingResponse",
                )
                .unwrap();
                assert_eq!(addressed.message_id.as_deref(), Some(&*sent.message_id));
                assert!(!received.contains(version.namespace()), "{received}");
                assert!(
                    received.contains("<Ping xmlns=\"urn:s\">x</Ping>"),
                    "{received}"
                );
                // Its reply relates to the request.
                let mut reply = request(kind);
                address_reply(soap, &mut reply, &addressed, false).unwrap();
                let mut payload = Payload::body(reply.clone());
                check_reply(&mut payload, &sent, Some("urn:s/PingResponse")).unwrap();
                assert!(!payload.body.contains(version.namespace()));
                // Another reply action, or a reply to another request, is refused.
                let mut payload = Payload::body(reply.clone());
                let error = check_reply(&mut payload, &sent, Some("urn:s/Other")).unwrap_err();
                assert!(error.to_string().contains("urn:s/PingResponse"), "{error}");
                let other = Sent {
                    version,
                    message_id: message_id().unwrap(),
                };
                let error = check_reply(&mut Payload::body(reply), &other, None).unwrap_err();
                assert!(
                    error
                        .to_string()
                        .contains("the reply is to another request"),
                    "{error}"
                );
            }
        }
    }

    #[cfg(feature = "server")]
    #[test]
    fn a_server_refuses_what_wcf_refuses() {
        let refusal = |body: &mut String, version, action| {
            receive(body, &Default::default(), version, action, "urn:b")
                .unwrap_err()
                .subcode
        };
        let mut body = request(BindingKind::Soap12);
        let required = "MessageAddressingHeaderRequired";
        assert_eq!(refusal(&mut body, Version::W3c, "urn:a"), required);
        address_request(
            Version::W3c,
            SoapVersion::Soap12,
            &mut body,
            "urn:other",
            "http://h",
        )
        .unwrap();
        assert_eq!(
            refusal(&mut body, Version::W3c, "urn:a"),
            "ActionNotSupported"
        );
        // The other version's headers are not this binding's.
        assert_eq!(
            refusal(&mut body, Version::Submission, "urn:other"),
            required
        );
        // A reply goes back on the connection (or nowhere), never to another address.
        let anonymous = "http://www.w3.org/2005/08/addressing/anonymous";
        let mut elsewhere = body.replace(anonymous, "http://attacker.example/");
        assert_eq!(
            refusal(&mut elsewhere, Version::W3c, "urn:other"),
            "OnlyAnonymousAddressSupported"
        );
        let mut nowhere = body.replace(anonymous, "http://www.w3.org/2005/08/addressing/none");
        let received = receive(
            &mut nowhere,
            &Default::default(),
            Version::W3c,
            "urn:other",
            "",
        );
        assert!(received.is_ok());
    }

    #[test]
    fn message_ids_are_fresh() {
        assert_ne!(message_id().unwrap(), message_id().unwrap());
    }
}
