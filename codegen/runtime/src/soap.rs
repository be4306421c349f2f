//! SOAP 1.1 and 1.2 envelopes: writing them, finding their parts by namespace, reading
//! faults, and refusing headers that must be understood and are not.

use std::fmt;

use roxmltree::{Document, Node};

use super::error::{DecodeError, DecodeProblem, EncodeError, EncodeProblem, ResponseError};
use super::multi_ref;
use super::payload::{BindingKind, Payload};
use super::secrets::{Redact, Secrets};
use super::xml_content::XmlContent;
use super::xml_read::{elements, is, parse_within, path, text_of, unexpected};
use super::xml_type::XmlType;
use super::xml_write::{Open, XmlWriter};

/// The SOAP versions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SoapVersion {
    /// SOAP 1.1.
    Soap11,
    /// SOAP 1.2.
    Soap12,
}

impl SoapVersion {
    /// The envelope's namespace.
    pub fn namespace(self) -> &'static str {
        match self {
            SoapVersion::Soap11 => "http://schemas.xmlsoap.org/soap/envelope/",
            SoapVersion::Soap12 => "http://www.w3.org/2003/05/soap-envelope",
        }
    }

    /// The prefix ASMX writes for the envelope's namespace.
    pub fn prefix(self) -> &'static str {
        match self {
            SoapVersion::Soap11 => "soap",
            SoapVersion::Soap12 => "soap12",
        }
    }

    /// The media type of a message, without the action parameter of SOAP 1.2.
    pub fn media_type(self) -> &'static str {
        match self {
            SoapVersion::Soap11 => "text/xml",
            SoapVersion::Soap12 => "application/soap+xml",
        }
    }

    /// The version of a SOAP binding.
    pub fn of(binding: BindingKind) -> Option<SoapVersion> {
        match binding {
            BindingKind::Soap11 => Some(SoapVersion::Soap11),
            BindingKind::Soap12 => Some(SoapVersion::Soap12),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            SoapVersion::Soap11 => "SOAP 1.1",
            SoapVersion::Soap12 => "SOAP 1.2",
        }
    }
}

/// The tags of a version's envelope, as this runtime writes them: the same in every message,
/// so written whole.
struct Tags {
    /// The envelope's start tag without its `>`, declaring the namespaces ASMX declares.
    envelope: &'static str,
    envelope_end: &'static str,
    /// The `Header`'s start tag without its `>`, and its end tag.
    header: (&'static str, &'static str),
    /// The `Body`'s start tag without its `>`, and its end tag.
    body: (&'static str, &'static str),
    /// From the envelope's start to the `Body`'s `>`, and from the `Body`'s end to the
    /// envelope's: what stands around a message that is only its body's element.
    around_body: (&'static str, &'static str),
}

/// The tags of the version whose prefix and namespace are given.
macro_rules! tags {
    ($prefix:literal, $namespace:literal) => {{
        macro_rules! start {
            () => {
                concat!(
                    r#"<?xml version="1.0" encoding="utf-8"?><"#,
                    $prefix,
                    ":Envelope xmlns:",
                    $prefix,
                    "=\"",
                    $namespace,
                    "\"",
                    r#" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance""#,
                    r#" xmlns:xsd="http://www.w3.org/2001/XMLSchema""#
                )
            };
        }
        Tags {
            envelope: start!(),
            envelope_end: concat!("</", $prefix, ":Envelope>"),
            header: (
                concat!("<", $prefix, ":Header"),
                concat!("</", $prefix, ":Header>"),
            ),
            body: (
                concat!("<", $prefix, ":Body"),
                concat!("</", $prefix, ":Body>"),
            ),
            around_body: (
                concat!(start!(), "><", $prefix, ":Body>"),
                concat!("</", $prefix, ":Body></", $prefix, ":Envelope>"),
            ),
        }
    }};
}

const SOAP11_TAGS: Tags = tags!("soap", "http://schemas.xmlsoap.org/soap/envelope/");
const SOAP12_TAGS: Tags = tags!("soap12", "http://www.w3.org/2003/05/soap-envelope");

impl SoapVersion {
    fn tags(self) -> &'static Tags {
        match self {
            SoapVersion::Soap11 => &SOAP11_TAGS,
            SoapVersion::Soap12 => &SOAP12_TAGS,
        }
    }
}

/// Adds a header entry (`entry`, whole) to an envelope of `version` that this runtime wrote:
/// into its `Header` if it has one, else into a `Header` that it opens before the `Body`.
pub(crate) fn insert_header_entry(
    version: SoapVersion,
    envelope: &mut String,
    entry: &str,
) -> Result<(), EncodeError> {
    let tags = version.tags();
    let start = tags.envelope;
    let Some(after_start) = envelope
        .starts_with(start)
        .then_some(start.len())
        .filter(|&at| envelope[at..].starts_with('>'))
        .map(|at| at + 1)
    else {
        return Err(EncodeError {
            at: "the envelope".to_owned(),
            problem: EncodeProblem::MalformedXml {
                message: format!("not a {} envelope this runtime wrote", version.name()),
            },
        });
    };
    let (header, header_end) = tags.header;
    let after_header = after_start + header.len();
    if envelope[after_start..].starts_with(header) && envelope[after_header..].starts_with('>') {
        envelope.insert_str(after_header + 1, entry);
    } else {
        envelope.insert_str(after_start, &format!("{header}>{entry}{header_end}"));
    }
    Ok(())
}

/// Writes an envelope: header entries first, if any, then the body.
pub struct SoapWriter {
    w: XmlWriter,
    version: SoapVersion,
    envelope: Option<Open>,
    header: Option<Open>,
    body: Option<Open>,
    /// The `encodingStyle` of the Body: SOAP section 5 encoding, which also names each
    /// value's type.
    encoding: Option<&'static str>,
}

impl SoapWriter {
    /// Starts an envelope, declaring the namespaces ASMX declares.
    pub fn new(version: SoapVersion) -> Self {
        let tags = version.tags();
        let mut w = XmlWriter::new();
        let envelope = w.start_literal(tags.envelope, tags.envelope_end);
        w.assume_xsi("xsi");
        w.assume_xsd("xsd");
        SoapWriter {
            w,
            version,
            envelope: Some(envelope),
            header: None,
            body: None,
            encoding: None,
        }
    }

    /// The writer inside `Header`, opened on first use.
    pub fn header(&mut self) -> &mut XmlWriter {
        if self.header.is_none() && self.body.is_none() {
            let (start_tag, end_tag) = self.version.tags().header;
            self.header = Some(self.w.start_literal(start_tag, end_tag));
        }
        &mut self.w
    }

    /// The writer inside `Body`, closing `Header` first.
    pub fn body(&mut self) -> &mut XmlWriter {
        if self.body.is_none() {
            if let Some(header) = self.header.take() {
                self.w.end(header);
            }
            let (start_tag, end_tag) = self.version.tags().body;
            self.body = Some(self.w.start_literal(start_tag, end_tag));
            if let Some(style) = self.encoding {
                let name = format!("{}:encodingStyle", self.version.prefix());
                // The style is the binding's, a URI of the generated code: never refused.
                let _ = self.w.attribute(&name, style);
                self.w.set_encoding(style);
            }
        }
        &mut self.w
    }

    /// The envelope.
    pub fn finish(mut self) -> String {
        self.body();
        if let Some(body) = self.body.take() {
            self.w.end(body);
        }
        if let Some(envelope) = self.envelope.take() {
            self.w.end(envelope);
        }
        self.w.finish()
    }
}

/// The parts of a received envelope.
pub struct Envelope<'a, 'input> {
    /// The version, by the envelope's namespace.
    pub version: SoapVersion,
    /// The header entries.
    pub headers: Vec<Node<'a, 'input>>,
    /// The `Body` element.
    pub body: Node<'a, 'input>,
}

/// Finds the parts of the envelope a document holds.
pub fn envelope<'a, 'input>(
    doc: &'a Document<'input>,
) -> Result<Envelope<'a, 'input>, DecodeError> {
    let root = doc.root_element();
    let version = [SoapVersion::Soap11, SoapVersion::Soap12]
        .into_iter()
        .find(|v| is(root, v.namespace(), "Envelope"))
        .ok_or_else(|| unexpected(root, "a SOAP 1.1 or 1.2 Envelope"))?;
    let ns = version.namespace();
    let mut headers = Vec::new();
    let mut body = None;
    for child in elements(root) {
        if is(child, ns, "Header") && body.is_none() {
            headers.extend(elements(child));
        } else if is(child, ns, "Body") && body.is_none() {
            body = Some(child);
        } else {
            return Err(unexpected(child, "the envelope's Header or Body"));
        }
    }
    let body = body
        .ok_or_else(|| DecodeError::new(path(root), DecodeProblem::Missing("the Body".into())))?;
    Ok(Envelope {
        version,
        headers,
        body,
    })
}

impl<'a, 'input> Envelope<'a, 'input> {
    /// The body's element.
    pub fn content(&self) -> Option<Node<'a, 'input>> {
        elements(self.body).next()
    }

    /// The body's element, which must be `local` in `ns`.
    pub fn expect_content(&self, ns: &str, local: &str) -> Result<Node<'a, 'input>, DecodeError> {
        match self.content() {
            Some(node) if is(node, ns, local) => Ok(node),
            Some(node) => Err(unexpected(node, &format!("<{local}> in namespace `{ns}`"))),
            None => Err(DecodeError::new(
                path(self.body),
                DecodeProblem::Missing(format!("<{local}>")),
            )),
        }
    }

    /// The fault the body holds, if it holds one.
    pub fn fault(&self) -> Option<SoapFault> {
        let node = self.content()?;
        is(node, self.version.namespace(), "Fault").then(|| read_fault(node, self.version))
    }

    /// The header entry `local` in `ns`, if the envelope has it.
    pub fn header(&self, ns: &str, local: &str) -> Option<Node<'a, 'input>> {
        self.headers.iter().copied().find(|h| is(*h, ns, local))
    }

    /// The value of the body's element, which must be `local` in `ns`.
    pub fn body_value<T: XmlType>(&self, ns: &str, local: &str) -> Result<T, DecodeError> {
        T::read_element(self.expect_content(ns, local)?)
    }

    /// The value the Body itself holds: the parts of a message that has no element around
    /// them, each an element of the Body (a document-style message of several parts).
    pub fn body_content<T: XmlType>(&self) -> Result<T, DecodeError> {
        T::read_element(self.body)
    }

    /// The value of the header entry `local` in `ns`, if the envelope has it.
    pub fn header_value<T: XmlType>(
        &self,
        ns: &str,
        local: &str,
    ) -> Result<Option<T>, DecodeError> {
        self.header(ns, local).map(T::read_element).transpose()
    }

    /// The value of the header entry `local` in `ns`, which the message must carry.
    pub fn required_header<T: XmlType>(&self, ns: &str, local: &str) -> Result<T, DecodeError> {
        match self.header(ns, local) {
            Some(header) => T::read_element(header),
            None => Err(DecodeError::new(
                "the SOAP header",
                DecodeProblem::Missing(format!("<{local}> in namespace `{ns}`")),
            )),
        }
    }

    /// Refuses a header entry marked `mustUnderstand` unless it is one of `understood`
    /// (namespace, local name). Others are tolerated: WS-Addressing, WS-Security timestamps.
    pub fn check_must_understand(&self, understood: &[(&str, &str)]) -> Result<(), DecodeError> {
        let ns = self.version.namespace();
        for header in &self.headers {
            let marked = matches!(header.attribute((ns, "mustUnderstand")), Some("1" | "true"));
            let known = understood
                .iter()
                .any(|(hns, local)| is(*header, hns, local));
            if marked && !known {
                return Err(DecodeError::new(
                    path(*header),
                    DecodeProblem::MustUnderstand(format!(
                        "<{}> in namespace `{}`",
                        header.tag_name().name(),
                        header.tag_name().namespace().unwrap_or("")
                    )),
                ));
            }
        }
        Ok(())
    }

    /// Refuses an envelope of another version than `binding`'s: a SOAP 1.1 exchange answered
    /// in SOAP 1.2 (or the other way) is not the answer it asked for.
    pub fn check_version(&self, binding: BindingKind) -> Result<(), DecodeError> {
        match SoapVersion::of(binding) {
            Some(expected) if expected != self.version => Err(DecodeError::new(
                path(self.body.parent().unwrap_or(self.body)),
                DecodeProblem::Unexpected {
                    expected: format!("a {} envelope", expected.name()),
                    found: format!("a {} envelope", self.version.name()),
                },
            )),
            _ => Ok(()),
        }
    }
}

/// A fault code: a qualified name such as `{http://schemas.xmlsoap.org/soap/envelope/}Client`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FaultCode {
    /// The namespace of the code (the envelope's for `Client`, `Server`, `Sender`, `Receiver`).
    pub namespace: String,
    /// The local name.
    pub local: String,
}

impl fmt::Display for FaultCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.namespace.is_empty() {
            f.write_str(&self.local)
        } else {
            write!(f, "{{{}}}{}", self.namespace, self.local)
        }
    }
}

/// A SOAP fault, 1.1 (`faultcode`, `faultstring`, `detail`) or 1.2 (`Code`, `Reason`,
/// `Detail`), with its detail kept as XML.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SoapFault {
    /// The version of the envelope it came in.
    pub version: SoapVersion,
    /// The code.
    pub code: FaultCode,
    /// The subcodes (SOAP 1.2), outermost first.
    pub subcodes: Vec<FaultCode>,
    /// The reason: `faultstring`, or the first `Reason/Text`.
    pub reason: String,
    /// Who caused it: `faultactor` (1.1) or `Role` (1.2).
    pub actor: Option<String>,
    /// The node that faulted (1.2).
    pub node: Option<String>,
    /// The detail's content, as XML.
    pub detail: Option<XmlContent>,
}

impl fmt::Display for SoapFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The service's reason, its control characters escaped.
        let reason = &self.reason;
        super::error::write_shown(f, format_args!("SOAP fault {}: {reason}", self.code.local))
    }
}

impl std::error::Error for SoapFault {}

impl Redact for SoapFault {
    fn redact(&mut self, secrets: &Secrets) {
        self.reason.redact(secrets);
        self.actor.redact(secrets);
        self.node.redact(secrets);
        if let Some(detail) = &mut self.detail {
            detail.0.redact(secrets);
        }
    }
}

/// A qualified name written as element text (`soap:Client`), resolved where it stands.
fn code_of(node: Node<'_, '_>) -> FaultCode {
    let text = text_of(node);
    let text = text.trim();
    match text.split_once(':') {
        Some((prefix, local)) => FaultCode {
            namespace: node
                .lookup_namespace_uri(Some(prefix))
                .unwrap_or(prefix)
                .to_owned(),
            local: local.to_owned(),
        },
        None => FaultCode {
            namespace: node.lookup_namespace_uri(None).unwrap_or("").to_owned(),
            local: text.to_owned(),
        },
    }
}

/// Reads a `Fault` element. Servers differ on whether the 1.1 children are qualified, so
/// they are found by local name.
pub fn read_fault(fault: Node<'_, '_>, version: SoapVersion) -> SoapFault {
    fn child<'a, 'input>(parent: Node<'a, 'input>, local: &str) -> Option<Node<'a, 'input>> {
        elements(parent).find(|c| c.tag_name().name() == local)
    }
    let detail = |node: Option<Node>| node.map(XmlContent::of_children);
    match version {
        SoapVersion::Soap11 => SoapFault {
            version,
            code: child(fault, "faultcode").map_or(
                FaultCode {
                    namespace: String::new(),
                    local: String::new(),
                },
                code_of,
            ),
            subcodes: Vec::new(),
            reason: child(fault, "faultstring")
                .map(|n| text_of(n).into_owned())
                .unwrap_or_default(),
            actor: child(fault, "faultactor").map(|n| text_of(n).into_owned()),
            node: None,
            detail: detail(child(fault, "detail")),
        },
        SoapVersion::Soap12 => {
            let mut codes = Vec::new();
            let mut code = child(fault, "Code");
            while let Some(current) = code {
                if let Some(value) = child(current, "Value") {
                    codes.push(code_of(value));
                }
                code = child(current, "Subcode");
            }
            let mut codes = codes.into_iter();
            SoapFault {
                version,
                code: codes.next().unwrap_or(FaultCode {
                    namespace: String::new(),
                    local: String::new(),
                }),
                subcodes: codes.collect(),
                reason: child(fault, "Reason")
                    .and_then(|r| child(r, "Text"))
                    .map(|n| text_of(n).into_owned())
                    .unwrap_or_default(),
                actor: child(fault, "Role").map(|n| text_of(n).into_owned()),
                node: child(fault, "Node").map(|n| text_of(n).into_owned()),
                detail: detail(child(fault, "Detail")),
            }
        }
    }
}

/// Writes an envelope holding a fault, as a server does.
pub fn write_fault(fault: &SoapFault) -> Result<String, EncodeError> {
    let version = fault.version;
    let prefix = version.prefix();
    let mut soap = SoapWriter::new(version);
    let w = soap.body();
    let fault_open = w.start_prefixed(prefix, "Fault");
    let leaf = |w: &mut XmlWriter, open: Open, text: &str| -> Result<(), EncodeError> {
        w.text(text)?;
        w.end(open);
        Ok(())
    };
    // A code as a qualified name: the envelope's prefix for its own codes, else a prefix
    // declared on the element that holds it (WS-Addressing's `ActionNotSupported`).
    let code = |w: &mut XmlWriter, open: Open, code: &FaultCode| -> Result<(), EncodeError> {
        match code.namespace.as_str() {
            ns if ns == version.namespace() => leaf(w, open, &format!("{prefix}:{}", code.local)),
            "" => leaf(w, open, &code.local),
            ns => {
                w.attribute("xmlns:c", ns)?;
                leaf(w, open, &format!("c:{}", code.local))
            }
        }
    };
    match version {
        SoapVersion::Soap11 => {
            let open = w.start("", "faultcode");
            code(w, open, &fault.code)?;
            let open = w.start("", "faultstring");
            leaf(w, open, &fault.reason)?;
            if let Some(actor) = &fault.actor {
                let open = w.start("", "faultactor");
                leaf(w, open, actor)?;
            }
            if let Some(detail) = &fault.detail {
                let open = w.start("", "detail");
                w.raw(detail.as_str());
                w.end(open);
            }
        }
        SoapVersion::Soap12 => {
            let code_open = w.start_prefixed(prefix, "Code");
            let open = w.start_prefixed(prefix, "Value");
            code(w, open, &fault.code)?;
            let mut subcodes = Vec::with_capacity(fault.subcodes.len());
            for subcode in &fault.subcodes {
                subcodes.push(w.start_prefixed(prefix, "Subcode"));
                let open = w.start_prefixed(prefix, "Value");
                code(w, open, subcode)?;
            }
            for open in subcodes.into_iter().rev() {
                w.end(open);
            }
            w.end(code_open);
            let reason_open = w.start_prefixed(prefix, "Reason");
            let open = w.start_prefixed(prefix, "Text");
            w.attribute("xml:lang", "en")?;
            leaf(w, open, &fault.reason)?;
            w.end(reason_open);
            if let Some(detail) = &fault.detail {
                let open = w.start_prefixed(prefix, "Detail");
                w.raw(detail.as_str());
                w.end(open);
            }
        }
    }
    w.end(fault_open);
    Ok(soap.finish())
}

/// Writes a message of a SOAP binding: `fill` writes the header entries (into
/// [`SoapWriter::header`]) and the body's element (into [`SoapWriter::body`]). SOAP 1.1 and
/// 1.2 differ only in the envelope, which `binding` chooses.
pub fn write_message(
    binding: BindingKind,
    fill: impl FnOnce(&mut SoapWriter) -> Result<(), EncodeError>,
) -> Result<Payload, EncodeError> {
    write_envelope(binding, None, fill)
}

/// Writes a message of a SOAP binding that is nothing but its body's element, `local` in
/// `ns`, of `value`'s type: the commonest shape, that of a document/literal operation with no
/// header.
pub fn write_body(
    binding: BindingKind,
    ns: &'static str,
    local: &'static str,
    value: &impl XmlType,
) -> Result<Payload, EncodeError> {
    // The commonest message of all, written with the envelope around its element in one
    // piece on each side: the same as `write_message` writes, in fewer steps.
    let Some(version) = SoapVersion::of(binding) else {
        // Not a SOAP binding: refused as every envelope is.
        return write_message(binding, |_| Ok(()));
    };
    let (start, end) = version.tags().around_body;
    let mut w = XmlWriter::new();
    w.raw(start);
    w.assume_xsi("xsi");
    w.assume_xsd("xsd");
    w.element(ns, local, value)?;
    w.raw(end);
    Ok(Payload::body(w.finish()))
}

/// Writes a SOAP-encoded message (`rpc/encoded`), as [`write_message`] does a literal one:
/// the Body carries `encoding_style`, and each value names its XML Schema type (`xsi:type`).
pub fn write_encoded_message(
    binding: BindingKind,
    encoding_style: &'static str,
    fill: impl FnOnce(&mut SoapWriter) -> Result<(), EncodeError>,
) -> Result<Payload, EncodeError> {
    write_envelope(binding, Some(encoding_style), fill)
}

/// The envelope of `binding`'s version, literal or SOAP-encoded, that `fill` fills.
fn write_envelope(
    binding: BindingKind,
    encoding_style: Option<&'static str>,
    fill: impl FnOnce(&mut SoapWriter) -> Result<(), EncodeError>,
) -> Result<Payload, EncodeError> {
    let version = SoapVersion::of(binding).ok_or(EncodeError {
        at: "the envelope".to_owned(),
        problem: EncodeProblem::UnsupportedBinding(binding),
    })?;
    let mut soap = SoapWriter::new(version);
    soap.encoding = encoding_style;
    fill(&mut soap)?;
    Ok(Payload::body(soap.finish()))
}

/// Reads a request envelope of `binding`'s version: a header marked `mustUnderstand` that is
/// not one of `understood` (the operation's own, by namespace and local name) is refused, as
/// a server must; `take` reads the message from the envelope's parts.
pub fn read_message<T>(
    binding: BindingKind,
    payload: &Payload,
    understood: &[(&str, &str)],
    take: impl FnOnce(&Envelope<'_, '_>) -> Result<T, DecodeError>,
) -> Result<T, DecodeError> {
    let doc = payload.xml()?;
    let inlined = multi_ref::inlined(&payload.body, &doc, &payload.limits)?;
    let doc = match &inlined {
        Some(text) => parse_within(text, &payload.limits)?,
        None => doc,
    };
    let envelope = envelope(&doc)?;
    envelope.check_version(binding)?;
    envelope.check_must_understand(understood)?;
    take(&envelope)
}

/// Reads a request written by [`write_body`]: its body's element, `local` in `ns`, with no
/// header the server must understand.
pub fn read_body<T: XmlType>(
    binding: BindingKind,
    payload: &Payload,
    ns: &str,
    local: &str,
) -> Result<T, DecodeError> {
    read_message(binding, payload, &[], |envelope| {
        envelope.body_value(ns, local)
    })
}

/// Reads a response written by [`write_body`], as [`read_reply`] reads one.
pub fn read_reply_body<T: XmlType>(
    binding: BindingKind,
    payload: &Payload,
    ns: &str,
    local: &str,
) -> Result<T, ResponseError> {
    read_reply(binding, payload, &[], |envelope| {
        envelope.body_value(ns, local)
    })
}

/// Reads a response envelope: a fault comes back as such (in either version, as servers
/// answer a version they do not speak with a fault of their own); an envelope of another
/// version than `binding`'s is refused, and so is a header that must be understood and is
/// not one of `understood` (namespace, local name); `take` reads the message from the
/// envelope's parts.
pub fn read_reply<T>(
    binding: BindingKind,
    payload: &Payload,
    understood: &[(&str, &str)],
    take: impl FnOnce(&Envelope<'_, '_>) -> Result<T, DecodeError>,
) -> Result<T, ResponseError> {
    let doc = payload.xml()?;
    // A SOAP-encoded reply's values of classes stand apart, referred to by `href`.
    let inlined = multi_ref::inlined(&payload.body, &doc, &payload.limits)?;
    let doc = match &inlined {
        Some(text) => parse_within(text, &payload.limits)?,
        None => doc,
    };
    let envelope = envelope(&doc)?;
    if let Some(fault) = envelope.fault() {
        return Err(fault.into());
    }
    envelope.check_version(binding)?;
    envelope.check_must_understand(understood)?;
    Ok(take(&envelope)?)
}

/// Reads the reply of an operation whose output carries nothing: no body at all (a one-way
/// operation is answered with HTTP 202 and nothing), or an envelope, whose fault comes back
/// as such.
pub fn read_empty_reply<T: Default>(
    binding: BindingKind,
    payload: &Payload,
    take: impl FnOnce(&Envelope<'_, '_>) -> Result<T, DecodeError>,
) -> Result<T, ResponseError> {
    if payload.body.trim().is_empty() {
        return Ok(T::default());
    }
    read_reply(binding, payload, &[], take)
}

/// Reads the element `local` in `ns` from a response that may carry it bare, as the content
/// of a SOAP body, or inside `wrapper`'s result element (`(ns, response, result)`), there as
/// an element or as escaped XML text. A SOAP fault comes back as such; an envelope is read as
/// [`read_reply`] reads it, of `binding`'s version and with no header it must understand.
pub fn read_carried<T>(
    binding: BindingKind,
    payload: &Payload,
    ns: &str,
    local: &str,
    wrapper: (&str, &str, &str),
    read: impl Fn(Node<'_, '_>) -> Result<T, DecodeError>,
) -> Result<T, ResponseError> {
    let doc = payload.xml()?;
    let root = doc.root_element();
    if is(root, ns, local) {
        return Ok(read(root)?);
    }
    let env = envelope(&doc)?;
    if let Some(fault) = env.fault() {
        return Err(fault.into());
    }
    env.check_version(binding)?;
    env.check_must_understand(&[])?;
    let content = env.content().ok_or_else(|| {
        DecodeError::new(path(env.body), DecodeProblem::Missing(format!("<{local}>")))
    })?;
    if is(content, ns, local) {
        return Ok(read(content)?);
    }
    let (wrapper_ns, response, result) = wrapper;
    if !is(content, wrapper_ns, response) {
        return Err(unexpected(content, &format!("<{local}> or <{response}>")).into());
    }
    let result_node = elements(content)
        .find(|c| is(*c, wrapper_ns, result))
        .ok_or_else(|| {
            DecodeError::new(path(content), DecodeProblem::Missing(format!("<{result}>")))
        })?;
    if let Some(inner) = elements(result_node).next() {
        return if is(inner, ns, local) {
            Ok(read(inner)?)
        } else {
            Err(unexpected(inner, &format!("<{local}>")).into())
        };
    }
    // The result is a string that holds the element as escaped text.
    let escaped = text_of(result_node);
    let inner_doc = parse_within(escaped.trim(), &payload.limits).map_err(|mut error| {
        error.at = format!("the text of {}", path(result_node));
        error
    })?;
    let inner = inner_doc.root_element();
    if is(inner, ns, local) {
        Ok(read(inner)?)
    } else {
        Err(unexpected(inner, &format!("<{local}>")).into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml_read::parse;

    #[test]
    fn envelopes_declare_what_asmx_declares() {
        for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
            let mut soap = SoapWriter::new(version);
            let open = soap.body().start("urn:x", "X");
            soap.body().nil();
            soap.body().end(open);
            let text = soap.finish();
            let doc = parse(&text).unwrap();
            let env = envelope(&doc).unwrap();
            assert_eq!(env.version, version);
            let content = env.content().unwrap();
            assert!(is(content, "urn:x", "X"));
            assert!(super::super::xml_read::is_nil(content));
            assert!(text.contains(r#"xmlns:xsd="http://www.w3.org/2001/XMLSchema""#));
        }
    }

    #[test]
    fn a_body_alone_is_written_as_every_envelope_is() {
        let value = "a < b".to_owned();
        for binding in [BindingKind::Soap11, BindingKind::Soap12] {
            let whole =
                write_message(binding, |soap| soap.body().element("urn:x", "X", &value)).unwrap();
            let alone = write_body(binding, "urn:x", "X", &value).unwrap();
            assert_eq!(alone.body, whole.body);
        }
        let error = write_body(BindingKind::HttpGet, "urn:x", "X", &value).unwrap_err();
        assert_eq!(
            error.problem,
            EncodeProblem::UnsupportedBinding(BindingKind::HttpGet)
        );
        let error = write_body(BindingKind::Soap11, "urn:x", "X", &"\u{1}".to_owned()).unwrap_err();
        assert_eq!(error.at, "/X");
    }

    #[test]
    fn faults_of_both_versions_read_whatever_the_prefixes() {
        let v11 = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault>
            <faultcode>s:Client</faultcode><faultstring>Invalid token</faultstring>
            <detail><e:Why xmlns:e="urn:e">expired</e:Why></detail></s:Fault></s:Body></s:Envelope>"#;
        let doc = parse(v11).unwrap();
        let fault = envelope(&doc).unwrap().fault().unwrap();
        assert_eq!(
            fault.code.to_string(),
            "{http://schemas.xmlsoap.org/soap/envelope/}Client"
        );
        assert_eq!(fault.reason, "Invalid token");
        // The detail keeps the namespaces in scope where it stood, so that it reads the
        // same wherever it goes.
        assert_eq!(
            fault.detail.unwrap().as_str(),
            r#"<e:Why xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:e="urn:e">expired</e:Why>"#
        );
        let v12 = r#"<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body><e:Fault>
            <e:Code><e:Value>e:Sender</e:Value><e:Subcode><e:Value xmlns:a="urn:a">a:BadToken</e:Value></e:Subcode></e:Code>
            <e:Reason><e:Text xml:lang="en">No such token</e:Text></e:Reason></e:Fault></e:Body></e:Envelope>"#;
        let doc = parse(v12).unwrap();
        let fault = envelope(&doc).unwrap().fault().unwrap();
        assert_eq!(fault.code.local, "Sender");
        assert_eq!(fault.subcodes[0].to_string(), "{urn:a}BadToken");
        assert_eq!(fault.reason, "No such token");
    }

    #[test]
    fn written_faults_read_back() {
        for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
            let fault = SoapFault {
                version,
                code: FaultCode {
                    namespace: version.namespace().to_owned(),
                    local: if version == SoapVersion::Soap11 {
                        "Client"
                    } else {
                        "Sender"
                    }
                    .to_owned(),
                },
                subcodes: Vec::new(),
                reason: "Invalid <token>".to_owned(),
                actor: None,
                node: None,
                detail: Some(XmlContent("<x xmlns=\"urn:x\">1</x>".to_owned())),
            };
            let text = write_fault(&fault).unwrap();
            let doc = parse(&text).unwrap();
            let read = envelope(&doc).unwrap().fault().unwrap();
            // The detail comes back declaring the envelope's namespaces, which it may use.
            let detail = read.detail.clone().unwrap();
            let wrapped = super::super::xml_type::wrap_content(&detail);
            let detail_doc = parse(&wrapped).unwrap();
            let x = detail_doc.root_element().first_element_child().unwrap();
            assert!(is(x, "urn:x", "x"));
            assert_eq!(text_of(x), "1");
            assert_eq!(
                SoapFault {
                    detail: fault.detail.clone(),
                    ..read
                },
                fault
            );
        }
    }

    #[test]
    fn headers_that_must_be_understood_are_refused() {
        let text = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header>
            <a:Action xmlns:a="urn:wsa">x</a:Action><t:Tx xmlns:t="urn:t" s:mustUnderstand="1"/></s:Header><s:Body/></s:Envelope>"#;
        let doc = parse(text).unwrap();
        let env = envelope(&doc).unwrap();
        assert!(env.check_must_understand(&[("urn:t", "Tx")]).is_ok());
        let error = env.check_must_understand(&[]).unwrap_err();
        assert!(matches!(error.problem, DecodeProblem::MustUnderstand(_)));
    }

    #[test]
    fn a_carried_element_is_found_in_all_three_forms() {
        let read = |node: Node| Ok(node.attribute("success").unwrap_or("").to_owned());
        let wrapper = ("http://tempuri.org/", "LogOutResponse", "LogOutResult");
        let bare = r#"<root success="true" />"#;
        let in_body = r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><root success="true"/></soap:Body></soap:Envelope>"#;
        let as_element = r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><LogOutResponse xmlns="http://tempuri.org/"><LogOutResult><root xmlns="" success="true"/></LogOutResult></LogOutResponse></soap:Body></soap:Envelope>"#;
        let escaped = r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><LogOutResponse xmlns="http://tempuri.org/"><LogOutResult>&lt;root success="true" /&gt;</LogOutResult></LogOutResponse></soap:Body></soap:Envelope>"#;
        for text in [bare, in_body, as_element, escaped] {
            assert_eq!(
                read_carried(
                    BindingKind::Soap11,
                    &Payload::body(text.to_string()),
                    "",
                    "root",
                    wrapper,
                    read
                )
                .unwrap(),
                "true",
                "{text}"
            );
        }
        assert!(
            read_carried(
                BindingKind::Soap11,
                &Payload::body("<other/>".to_string()),
                "",
                "root",
                wrapper,
                read
            )
            .is_err()
        );
        // A SOAP 1.2 envelope does not answer a SOAP 1.1 request, and a header that must be
        // understood is refused here as everywhere.
        let soap12 = in_body.replace(
            "http://schemas.xmlsoap.org/soap/envelope/",
            "http://www.w3.org/2003/05/soap-envelope",
        );
        assert!(
            read_carried(
                BindingKind::Soap11,
                &Payload::body(soap12.clone()),
                "",
                "root",
                wrapper,
                read
            )
            .is_err()
        );
        let must = r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Header><x:Tx xmlns:x="urn:x" soap:mustUnderstand="1"/></soap:Header><soap:Body><root success="true"/></soap:Body></soap:Envelope>"#;
        assert!(matches!(
            read_carried(
                BindingKind::Soap11,
                &Payload::body(must.to_string()),
                "",
                "root",
                wrapper,
                read
            ),
            Err(ResponseError::Decode(DecodeError {
                problem: DecodeProblem::MustUnderstand(_),
                ..
            }))
        ));
    }
}
