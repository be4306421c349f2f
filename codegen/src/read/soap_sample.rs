//! SOAP envelopes in samples: their version, header entries and body element, found by
//! namespace whatever prefixes the page uses.

use roxmltree::Node;

use crate::diagnostic::{Diagnostic, Problem};
use crate::model::{Pos, SoapVersion};
use crate::read::xml_sample::XmlSample;
use crate::source::Source;

/// The parts of a SOAP envelope.
pub struct Envelope<'a, 'input> {
    /// The SOAP version, by the envelope's namespace.
    pub version: SoapVersion,
    /// The header entries, in order.
    pub headers: Vec<Node<'a, 'input>>,
    /// The body's element, if the body has one.
    pub body: Option<Node<'a, 'input>>,
    /// The Body's `encodingStyle` and where it stands: a SOAP-encoded message.
    pub encoding_style: Option<(String, Pos)>,
}

/// Splits a sample into the parts of its SOAP envelope.
pub fn envelope<'a, 'input>(
    sample: &'a XmlSample<'input>,
    source: &Source,
) -> Result<Envelope<'a, 'input>, Diagnostic> {
    let root = sample.doc.root_element();
    let version = match root.tag_name().namespace() {
        Some(ns) if ns == SoapVersion::Soap11.envelope_namespace() => SoapVersion::Soap11,
        Some(ns) if ns == SoapVersion::Soap12.envelope_namespace() => SoapVersion::Soap12,
        _ => {
            return Err(source.error(
                sample.pos(root),
                Problem::UnexpectedSample {
                    expected: "a SOAP 1.1 or 1.2 envelope".into(),
                    found: format!("<{}>", qualified(root)),
                },
            ));
        }
    };
    let ns = version.envelope_namespace();
    let mut headers = Vec::new();
    let mut body = None;
    let mut seen_body = false;
    let mut encoding_style = None;
    for child in root.children().filter(Node::is_element) {
        match (child.tag_name().namespace(), child.tag_name().name()) {
            (Some(n), "Header") if n == ns && !seen_body => {
                headers.extend(child.children().filter(Node::is_element));
            }
            (Some(n), "Body") if n == ns && !seen_body => {
                seen_body = true;
                // `[SoapRpcMethod]` services encode their messages by SOAP section 5: each
                // part names its type (`xsi:type`), and values of classes stand apart,
                // referred to by `href`.
                encoding_style = child
                    .attributes()
                    .find(|a| a.name() == "encodingStyle" && a.namespace() == Some(ns))
                    .map(|a| (a.value().to_owned(), sample.attr_pos(&a)));
                let mut elements = child.children().filter(Node::is_element);
                body = elements.next();
                if let Some(extra) = elements.next() {
                    if encoding_style.is_some() {
                        return Err(source.error(
                            sample.pos(extra),
                            Problem::Unsupported {
                                what: "a value of a class in a SOAP-encoded message (a \
                                       multi-reference value beside the operation's element)"
                                    .into(),
                                hint: "SOAP-encoded messages of simple parts".into(),
                            },
                        ));
                    }
                    return Err(source.error(
                        sample.pos(extra),
                        Problem::UnexpectedSample {
                            expected: "one element in the SOAP body".into(),
                            found: format!("another, <{}>", qualified(extra)),
                        },
                    ));
                }
            }
            _ => {
                return Err(source.error(
                    sample.pos(child),
                    Problem::UnexpectedSample {
                        expected: "a SOAP Header and a Body in the envelope".into(),
                        found: format!("<{}>", qualified(child)),
                    },
                ));
            }
        }
    }
    if !seen_body {
        return Err(source.error(
            sample.pos(root),
            Problem::UnexpectedSample {
                expected: "a SOAP envelope with a Body".into(),
                found: "an envelope without one".into(),
            },
        ));
    }
    // Encoded values of classes (a part that refers to a value elsewhere in the Body, or
    // holds elements) are not read yet; simple parts are.
    if let (Some((_, at)), Some(body)) = (&encoding_style, body) {
        let complex = body
            .children()
            .filter(Node::is_element)
            .find(|part| part.has_attribute("href") || part.children().any(|c| c.is_element()));
        if let Some(part) = complex {
            return Err(source.error(
                sample.pos(part),
                Problem::Unsupported {
                    what: "a value of a class in a SOAP-encoded message (a part that holds \
                           elements or refers to a value by `href`)"
                        .into(),
                    hint: format!(
                        "SOAP-encoded messages of simple parts (this one's encoding is stated at \
                         {at})"
                    ),
                },
            ));
        }
    }
    Ok(Envelope {
        version,
        headers,
        body,
        encoding_style,
    })
}

/// An element's name as written, prefix included.
fn qualified(node: Node<'_, '_>) -> String {
    match node
        .tag_name()
        .namespace()
        .and_then(|ns| node.lookup_prefix(ns))
    {
        Some(prefix) if !prefix.is_empty() => format!("{prefix}:{}", node.tag_name().name()),
        _ => node.tag_name().name().to_owned(),
    }
}

/// Whether a header entry belongs to WS-Addressing or WS-Security, which the transport adds
/// (xWeb answers with them) and which no operation declares.
pub fn is_infrastructure_header(node: Node<'_, '_>) -> bool {
    node.tag_name().namespace().is_some_and(|ns| {
        ns.starts_with("http://schemas.xmlsoap.org/ws/2004/03/addressing")
            || ns.starts_with("http://schemas.xmlsoap.org/ws/2004/08/addressing")
            || ns == "http://www.w3.org/2005/08/addressing"
            || ns.starts_with("http://docs.oasis-open.org/wss/")
    })
}
