//! SOAP envelopes in samples: their version, header entries and body element, found by
//! namespace whatever prefixes the page uses.

use std::collections::HashMap;

use codegen_runtime::soap_envelope::{SOAP11_ENCODING, SOAP12_ENCODING, reference_id, value_id};
use roxmltree::{Node, NodeId};

use crate::diagnostic::{Diagnostic, Problem};
use crate::model::{Pos, SoapVersion};
use crate::read::page::xml_sample::{MAX_SAMPLE_DEPTH, XmlSample, too_deep};
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
                if encoding_style.is_some() {
                    if let Some(content) = body {
                        let references = references(sample, child, content, source)?;
                        sample.set_references(references);
                    }
                } else if let Some(extra) = elements.next() {
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
    Ok(Envelope {
        version,
        headers,
        body,
        encoding_style,
    })
}

/// The values the references of a SOAP-encoded body refer to (`<user href="#id1"/>` to
/// `<types:User id="id1">`, which stands apart in the body, as .NET writes every value of a
/// class), checked so that reading them costs no more than reading them in place: each
/// refers to a value of the body, each value is referred to once, and values within values
/// nest no deeper than a sample may.
fn references(
    sample: &XmlSample<'_>,
    body: Node<'_, '_>,
    content: Node<'_, '_>,
    source: &Source,
) -> Result<HashMap<NodeId, NodeId>, Diagnostic> {
    let mut values: HashMap<&str, Node> = HashMap::new();
    for value in body.children().filter(|n| n.is_element() && *n != content) {
        let Some(id) = value_id(value) else {
            return Err(source.error(
                sample.pos(value),
                Problem::UnexpectedSample {
                    expected: "the operation's element, and values with an `id` after it, in \
                               the SOAP body"
                        .into(),
                    found: format!("another, <{}>", qualified(value)),
                },
            ));
        };
        if values.insert(id, value).is_some() {
            return Err(source.error(
                sample.pos(value),
                Problem::UnexpectedSample {
                    expected: "one value of each id".into(),
                    found: format!("a second `{id}`"),
                },
            ));
        }
    }
    let mut references = HashMap::new();
    let mut referred: HashMap<NodeId, Node> = HashMap::new();
    let mut pending = vec![(content, 1)];
    while let Some((node, depth)) = pending.pop() {
        if depth > MAX_SAMPLE_DEPTH {
            return Err(source.error(sample.pos(node), too_deep()));
        }
        let mut holder = node;
        if let Some(id) = reference_id(node) {
            let Some(&value) = values.get(id) else {
                return Err(source.error(
                    sample.pos(node),
                    Problem::UnexpectedSample {
                        expected: format!("the value `{id}` that this refers to in the SOAP body"),
                        found: "without one".into(),
                    },
                ));
            };
            if let Some(first) = referred.insert(value.id(), node) {
                return Err(source.error(
                    sample.pos(node),
                    Problem::UnexpectedSample {
                        expected: format!(
                            "each value referred to once (`{id}` is also referred to at {})",
                            sample.pos(first)
                        ),
                        found: "a second reference".into(),
                    },
                ));
            }
            if is_encoded_array(value) {
                return Err(source.error(
                    sample.pos(value),
                    Problem::Unsupported {
                        what: "an array in a SOAP-encoded message (`soapenc:Array`)".into(),
                        hint: "SOAP-encoded values of simple types and of classes".into(),
                    },
                ));
            }
            references.insert(node.id(), value.id());
            holder = value;
        }
        pending.extend(
            holder
                .children()
                .filter(Node::is_element)
                .map(|child| (child, depth + 1))
                .rev(),
        );
    }
    Ok(references)
}

/// Whether a value is a SOAP-encoded array.
fn is_encoded_array(value: Node<'_, '_>) -> bool {
    (value.tag_name().namespace() == Some(SOAP11_ENCODING) && value.tag_name().name() == "Array")
        || value.has_attribute((SOAP11_ENCODING, "arrayType"))
        || value.has_attribute((SOAP12_ENCODING, "itemType"))
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
