//! SOAP section 5's multi-reference values. An encoded message may write a value apart, as a
//! child of the Body with an `id`, and refer to it from where it stands: `href="#id1"` in
//! SOAP 1.1 encoding, `enc:ref="id1"` in SOAP 1.2's. .NET's `[SoapRpcMethod]` services write
//! every value of a class so. Generated readers read values where they stand, so before they
//! read, each referenced value is written into the element that refers to it, and the values
//! standing apart are left out.
//!
//! The rewriting copies the message's own text, so that what is not a reference reaches the
//! reader byte for byte. A value referred to many times is written many times: the result is
//! held to [`Limits::body`], and references within references to [`Limits::depth`], which
//! also ends a cycle.

use std::borrow::Cow;
use std::collections::HashMap;

use roxmltree::{Document, Node};

use super::error::{DecodeError, DecodeProblem};
use super::limits::{Limit, Limits};
use super::xml_read::{parse_within, path};

/// The encoding style of SOAP 1.1's section 5.
pub const SOAP11_ENCODING: &str = "http://schemas.xmlsoap.org/soap/encoding/";
/// The encoding style of SOAP 1.2's part 2, section 4.
pub const SOAP12_ENCODING: &str = "http://www.w3.org/2003/05/soap-encoding";

/// `text` with its multi-reference values written where they are referred to, or as it is
/// when it refers to none. Only a SOAP-encoded message is rewritten: one whose Envelope, Body
/// or body element names an `encodingStyle`; `href` means nothing in a literal message.
pub fn inline_references<'t>(text: &'t str, limits: &Limits) -> Result<Cow<'t, str>, DecodeError> {
    let doc = parse_within(text, limits)?;
    Ok(match inlined(text, &doc, limits)? {
        Some(rewritten) => Cow::Owned(rewritten),
        None => Cow::Borrowed(text),
    })
}

/// The rewriting of [`inline_references`] for a document already parsed from `text`: `None`
/// when there is nothing to rewrite.
pub(crate) fn inlined(
    text: &str,
    doc: &Document<'_>,
    limits: &Limits,
) -> Result<Option<String>, DecodeError> {
    let Some(body) = doc
        .root_element()
        .children()
        .find(|n| n.is_element() && n.tag_name().name() == "Body")
    else {
        return Ok(None);
    };
    let first = body.children().find(Node::is_element);
    // The style holds where it is said and within: on the Envelope (as suds says it), the
    // Body, or the body's element.
    let encoded = [Some(doc.root_element()), Some(body), first]
        .into_iter()
        .flatten()
        .any(|n| n.attributes().any(|a| a.name() == "encodingStyle"));
    if !encoded {
        return Ok(None);
    }
    let mut ids = HashMap::new();
    let mut refers = false;
    for node in body.descendants().filter(Node::is_element) {
        if let Some(id) = value_id(node) {
            ids.entry(id).or_insert(node);
        }
        refers |= reference_id(node).is_some();
    }
    if !refers {
        return Ok(None);
    }
    let mut inliner = Inliner {
        text,
        ids,
        body,
        first,
        limits,
        out: String::with_capacity(text.len()),
    };
    inliner.copy(doc.root(), 0, text.len(), 0)?;
    Ok(Some(inliner.out))
}

/// The id a value standing apart is known by: `id` (SOAP 1.1) or `enc:id` (SOAP 1.2).
pub fn value_id<'a>(node: Node<'a, '_>) -> Option<&'a str> {
    node.attribute("id")
        .or_else(|| node.attribute((SOAP12_ENCODING, "id")))
}

/// The id of the value an element refers to: by `href="#id"` (SOAP 1.1) or `enc:ref="id"`
/// (SOAP 1.2).
pub fn reference_id<'a>(node: Node<'a, '_>) -> Option<&'a str> {
    match node.attribute("href") {
        Some(href) => href.strip_prefix('#'),
        None => node.attribute((SOAP12_ENCODING, "ref")),
    }
}

struct Inliner<'a, 'input> {
    text: &'input str,
    ids: HashMap<&'a str, Node<'a, 'input>>,
    body: Node<'a, 'input>,
    first: Option<Node<'a, 'input>>,
    limits: &'a Limits,
    out: String,
}

impl<'a, 'input> Inliner<'a, 'input> {
    fn push(&mut self, text: &str) -> Result<(), DecodeError> {
        if self.out.len() + text.len() > self.limits.body {
            return Err(DecodeError::new(
                "the message with its multi-reference values in place",
                DecodeProblem::Limit(Limit::Body(self.limits.body)),
            ));
        }
        self.out.push_str(text);
        Ok(())
    }

    /// Copies `from..to` of the text, which lies within `within`: references are written out,
    /// values standing apart in the Body left out, the rest copied as it is.
    fn copy(
        &mut self,
        within: Node<'a, 'input>,
        from: usize,
        to: usize,
        depth: usize,
    ) -> Result<(), DecodeError> {
        let mut cursor = from;
        for node in within.descendants().skip(1).filter(Node::is_element) {
            let range = node.range();
            if range.start < cursor || range.start >= to {
                continue;
            }
            let apart = node.parent() == Some(self.body)
                && Some(node) != self.first
                && value_id(node).is_some();
            let reference = reference_id(node);
            if apart || reference.is_some() {
                self.push(&self.text[cursor..range.start])?;
                if let Some(id) = reference {
                    self.expand(node, id, depth + 1)?;
                }
                cursor = range.end;
            }
        }
        self.push(&self.text[cursor..to])
    }

    /// Writes the element `node`, which refers to the value `id`: its name, and the value's
    /// attributes and content, in the namespaces the value has where it stands.
    fn expand(
        &mut self,
        node: Node<'a, 'input>,
        id: &str,
        depth: usize,
    ) -> Result<(), DecodeError> {
        if depth > self.limits.depth {
            return Err(DecodeError::new(
                path(node),
                DecodeProblem::Limit(Limit::Depth(self.limits.depth)),
            ));
        }
        let Some(&value) = self.ids.get(id) else {
            return Err(DecodeError::new(
                path(node),
                DecodeProblem::Missing(format!("the value `{id}` it refers to")),
            ));
        };
        let start = node.range().start;
        let name_len = self.text[start + 1..]
            .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
            .unwrap_or(0);
        let name = &self.text[start + 1..start + 1 + name_len];
        let declarations = declarations(node, value, name)?;
        self.push("<")?;
        self.push(name)?;
        for (prefix, uri) in declarations {
            let attribute = match prefix {
                Some(prefix) => format!(" xmlns:{prefix}=\"{}\"", escape(uri)),
                None => format!(" xmlns=\"{}\"", escape(uri)),
            };
            self.push(&attribute)?;
        }
        for attribute in value.attributes() {
            let is_id = (attribute.name() == "id" && attribute.namespace().is_none())
                || (attribute.name() == "id" && attribute.namespace() == Some(SOAP12_ENCODING));
            if !is_id {
                self.push(" ")?;
                self.push(&self.text[attribute.range()])?;
            }
        }
        let (content, empty) = content_range(self.text, value);
        if empty {
            return self.push("/>");
        }
        self.push(">")?;
        self.copy(value, content.start, content.end, depth)?;
        self.push("</")?;
        self.push(name)?;
        self.push(">")
    }
}

/// The namespace declarations that give the element `node` (written as `name`, without its
/// own declarations) the bindings `value` has where it stands, and keep its name's own:
/// (prefix, namespace), an empty namespace undeclaring the default one.
fn declarations<'a>(
    node: Node<'a, '_>,
    value: Node<'a, '_>,
    name: &'a str,
) -> Result<Vec<(Option<&'a str>, &'a str)>, DecodeError> {
    let outer = node.parent().unwrap_or(node);
    let mut declared: Vec<(Option<&'a str>, &'a str)> = value
        .namespaces()
        .filter(|ns| outer.lookup_namespace_uri(ns.name()) != Some(ns.uri()))
        .map(|ns| (ns.name(), ns.uri()))
        .collect();
    if value.lookup_namespace_uri(None).is_none() && outer.lookup_namespace_uri(None).is_some() {
        declared.push((None, ""));
    }
    let prefix = name.split_once(':').map(|(prefix, _)| prefix);
    let wanted = node.tag_name().namespace().unwrap_or("");
    let bound = match declared.iter().find(|(p, _)| *p == prefix) {
        Some((_, uri)) => Some(*uri),
        None => outer.lookup_namespace_uri(prefix),
    };
    if bound.unwrap_or("") != wanted {
        if declared.iter().any(|(p, _)| *p == prefix) {
            return Err(DecodeError::new(
                path(node),
                DecodeProblem::Unexpected {
                    expected: "a reference whose name's prefix means the same where its value \
                               stands"
                        .to_owned(),
                    found: format!("`{}` bound otherwise there", prefix.unwrap_or("xmlns")),
                },
            ));
        }
        declared.push((prefix, node.tag_name().namespace().unwrap_or("")));
    }
    Ok(declared)
}

/// The range of an element's content in the text (between its start and end tags), and
/// whether it is an empty element (`<a/>`).
fn content_range(text: &str, node: Node<'_, '_>) -> (std::ops::Range<usize>, bool) {
    let range = node.range();
    let bytes = text.as_bytes();
    let mut quote = None;
    let mut gt = range.end;
    for (at, &byte) in bytes.iter().enumerate().take(range.end).skip(range.start) {
        match (quote, byte) {
            (Some(q), _) if byte == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(byte),
            (None, b'>') => {
                gt = at;
                break;
            }
            _ => {}
        }
    }
    if gt > range.start && bytes[gt - 1] == b'/' {
        return (gt + 1..gt + 1, true);
    }
    let end_tag = text[..range.end].rfind('<').unwrap_or(range.end);
    (gt + 1..end_tag.max(gt + 1), false)
}

fn escape(text: &str) -> Cow<'_, str> {
    if text.contains(['&', '"', '<']) {
        Cow::Owned(
            text.replace('&', "&amp;")
                .replace('"', "&quot;")
                .replace('<', "&lt;"),
        )
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENVELOPE: &str = r##"<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:tns="http://tempuri.org/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <soap:Body soap:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">
    <tns:updateUser>
      <user href="#id1" />
      <count xsi:type="xsd:int">2</count>
    </tns:updateUser>
    <q1:User id="id1" xsi:type="q1:User" xmlns:q1="http://tempuri.org/encodedTypes">
      <Name xsi:type="xsd:string">Ann &amp; Bo</Name>
      <Manager href="#id2" />
    </q1:User>
    <q2:User id="id2" xsi:type="q2:User" xmlns:q2="http://tempuri.org/encodedTypes">
      <Name xsi:type="xsd:string">Cy</Name>
    </q2:User>
  </soap:Body>
</soap:Envelope>"##;

    fn rewritten(text: &str) -> String {
        inline_references(text, &Limits::default())
            .unwrap()
            .into_owned()
    }

    #[test]
    fn references_are_written_in_place_with_their_values_namespaces() {
        let out = rewritten(ENVELOPE);
        let doc = Document::parse(&out).unwrap();
        let body = doc.descendants().find(|n| n.has_tag_name("Body")).unwrap();
        // The values standing apart are gone.
        assert_eq!(body.children().filter(Node::is_element).count(), 1);
        let user = doc.descendants().find(|n| n.has_tag_name("user")).unwrap();
        assert_eq!(user.tag_name().namespace(), None);
        assert_eq!(user.attribute("id"), None);
        assert_eq!(user.attribute("href"), None);
        let xsi_type = user
            .attribute(("http://www.w3.org/2001/XMLSchema-instance", "type"))
            .unwrap();
        assert_eq!(xsi_type, "q1:User");
        assert_eq!(
            user.lookup_namespace_uri(Some("q1")),
            Some("http://tempuri.org/encodedTypes")
        );
        let name = user.children().find(|n| n.has_tag_name("Name")).unwrap();
        assert_eq!(name.text(), Some("Ann & Bo"));
        // A reference within a value is written out too.
        let manager = user.children().find(|n| n.has_tag_name("Manager")).unwrap();
        let names: Vec<_> = manager
            .descendants()
            .filter(|n| n.is_text())
            .filter_map(|n| n.text().filter(|t| !t.trim().is_empty()))
            .collect();
        assert_eq!(names, ["Cy"]);
        // What is not a reference is copied byte for byte.
        assert!(out.contains(r#"<count xsi:type="xsd:int">2</count>"#));
    }

    #[test]
    fn a_literal_message_is_left_as_it_is() {
        let literal = ENVELOPE.replace(
            r#" soap:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/""#,
            "",
        );
        assert!(matches!(
            inline_references(&literal, &Limits::default()).unwrap(),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn soap12_references_are_written_in_place() {
        let text = r#"<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope" xmlns:enc="http://www.w3.org/2003/05/soap-encoding">
<e:Body><m:op xmlns:m="urn:m" e:encodingStyle="http://www.w3.org/2003/05/soap-encoding"><a enc:ref="v"/></m:op>
<v enc:id="v"><b>1</b></v></e:Body></e:Envelope>"#;
        let out = rewritten(text);
        assert!(out.contains("<a><b>1</b></a>"), "{out}");
        assert!(!out.contains("<v "), "{out}");
    }

    #[test]
    fn a_reference_to_nothing_says_which() {
        let text = ENVELOPE.replace("href=\"#id2\"", "href=\"#id9\"");
        let error = inline_references(&text, &Limits::default()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "cannot read /Envelope/Body/User/Manager: the value `id9` it refers to is missing"
        );
    }

    #[test]
    fn a_cycle_ends_at_the_depth_limit() {
        let text = ENVELOPE.replace(
            "<Name xsi:type=\"xsd:string\">Cy</Name>",
            "<Up href=\"#id1\"/>",
        );
        let error = inline_references(&text, &Limits::default()).unwrap_err();
        assert!(
            matches!(error.problem, DecodeProblem::Limit(Limit::Depth(64))),
            "{error}"
        );
    }

    #[test]
    fn values_referred_to_over_and_over_are_held_to_the_body_limit() {
        // Each level refers twice to the next: 2^20 copies of the last value.
        let mut text = String::from(
            r##"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body s:encodingStyle="x"><op><a href="#v0"/></op>"##,
        );
        for level in 0..20 {
            let next = level + 1;
            text.push_str(&format!(
                r##"<v id="v{level}"><a href="#v{next}"/><a href="#v{next}"/></v>"##
            ));
        }
        text.push_str(r#"<v id="v20">x</v></s:Body></s:Envelope>"#);
        let error = inline_references(&text, &Limits::default()).unwrap_err();
        assert!(
            matches!(error.problem, DecodeProblem::Limit(Limit::Body(_))),
            "{error}"
        );
    }

    #[test]
    fn a_default_namespace_the_value_lacks_is_undeclared() {
        let text = r##"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body s:encodingStyle="x"><op xmlns="urn:op"><a xmlns="" href="#v"/></op><v id="v" xmlns=""><b>1</b></v></s:Body></s:Envelope>"##;
        let out = rewritten(text);
        let doc = Document::parse(&out).unwrap();
        let b = doc.descendants().find(|n| n.has_tag_name("b")).unwrap();
        assert_eq!(b.tag_name().namespace().unwrap_or(""), "", "{out}");
    }
}
