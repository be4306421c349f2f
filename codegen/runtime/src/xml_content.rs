//! Element content whose type the service description does not give, kept whole.
//!
//! Content is captured self-contained: each top-level element carries the declarations of
//! the namespaces in scope where it stood (its default namespace included), so that prefixes
//! in names and in values (`xsi:type="xs:string"`, a DataSet's inline schema) mean the same
//! wherever the content is written again.

use roxmltree::Node;

use super::error::{DecodeError, DecodeProblem};

/// The content of an element kept as raw XML: the page showed only `xsi:nil` for it, or the
/// schema declared it as any XML (`xs:any`, mixed content, a DataSet).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct XmlContent(pub String);

impl XmlContent {
    /// The raw XML.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The content of `node`: its children as they stand in the message, each top-level
    /// element declaring the namespaces it relies on.
    pub fn of_children(node: Node<'_, '_>) -> XmlContent {
        let mut out = String::new();
        for child in node.children() {
            if child.is_element() {
                push_element(&mut out, child);
            } else {
                out.push_str(slice(child));
            }
        }
        XmlContent(out)
    }

    /// The element `node` itself, declaring the namespaces it relies on.
    pub fn of_element(node: Node<'_, '_>) -> XmlContent {
        let mut out = String::new();
        push_element(&mut out, node);
        XmlContent(out)
    }

    /// The root element of a whole document (an ASMX HTTP response of `text/xml`).
    pub fn of_document(text: &str) -> Result<XmlContent, DecodeError> {
        XmlContent::of_payload(&super::payload::Payload::body(text.to_owned()))
    }

    /// The root element of a payload's body, as [`XmlContent::of_document`] keeps it, read
    /// within the payload's limits.
    pub fn of_payload(payload: &super::payload::Payload) -> Result<XmlContent, DecodeError> {
        let doc = payload.xml()?;
        let root = doc.root_element();
        if root.range().is_empty() {
            return Err(DecodeError::new(
                "the body",
                DecodeProblem::Missing("a root element".into()),
            ));
        }
        Ok(XmlContent::of_element(root))
    }

    /// The content as a whole document, with the declaration ASMX writes.
    pub fn to_document(content: &XmlContent) -> String {
        format!("<?xml version=\"1.0\" encoding=\"utf-8\"?>{}", content.0)
    }
}

/// A value the schema gives no type (`xs:anyType`, .NET's `object`): the type its element
/// says it has with `xsi:type`, if it says one, and its content kept whole. XmlSerializer
/// writes `<anyType xsi:type="xsd:string">text</anyType>` for a string in an `object` slot;
/// without the type, a server would read back something else.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct AnyType {
    /// The type `xsi:type` names: namespace and local name.
    pub xsi_type: Option<(String, String)>,
    /// The content.
    pub content: XmlContent,
}

/// The text of a node as it stands in its document.
fn slice<'input>(node: Node<'_, 'input>) -> &'input str {
    node.document().input_text().get(node.range()).unwrap_or("")
}

/// Appends an element's text, with declarations for the namespaces in scope that it does
/// not declare itself inserted after its name.
fn push_element(out: &mut String, node: Node<'_, '_>) {
    let text = slice(node);
    let name_end = text
        .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .unwrap_or(text.len());
    let (head, tail) = text.split_at(name_end);
    out.push_str(head);
    let start_tag = &text[..text.find('>').unwrap_or(text.len())];
    // roxmltree keeps declarations out of the attributes: find them in the start tag.
    let declares = |attribute: &str| {
        [' ', '\t', '\n', '\r']
            .iter()
            .any(|space| start_tag.contains(&format!("{space}{attribute}=")))
    };
    let declares_default = declares("xmlns");
    for namespace in node.namespaces() {
        let prefix = namespace.name();
        if prefix == Some("xml") {
            continue;
        }
        let own = match prefix {
            Some(prefix) => declares(&format!("xmlns:{prefix}")),
            None => declares_default,
        };
        if own {
            continue;
        }
        match prefix {
            Some(prefix) => {
                out.push_str(" xmlns:");
                out.push_str(prefix);
            }
            None => out.push_str(" xmlns"),
        }
        out.push_str("=\"");
        push_escaped(out, namespace.uri());
        out.push('"');
    }
    // Outside a default namespace, the element's unprefixed names have none: say so, for
    // wherever it is written again.
    let in_default = node
        .namespaces()
        .any(|n| n.name().is_none() && !n.uri().is_empty());
    if !in_default && !declares_default && node.tag_name().namespace().unwrap_or("").is_empty() {
        out.push_str(" xmlns=\"\"");
    }
    out.push_str(tail);
}

fn push_escaped(out: &mut String, value: &str) {
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_carries_the_namespaces_it_relies_on() {
        let text = r#"<e:Envelope xmlns:e="urn:env" xmlns:x="urn:x" xmlns="urn:d"><e:Body><r><x:a t="x:b">1</x:a>tail<c xmlns=""/></r></e:Body></e:Envelope>"#;
        let doc = roxmltree::Document::parse(text).unwrap();
        let r = doc
            .descendants()
            .find(|n| n.tag_name().name() == "r")
            .unwrap();
        let content = XmlContent::of_children(r);
        // Written anywhere, the content reads back to the same names.
        let wrapped = format!("<w xmlns=\"urn:other\">{}</w>", content.0);
        let again = roxmltree::Document::parse(&wrapped).unwrap();
        let a = again.root_element().first_element_child().unwrap();
        assert_eq!(a.tag_name().namespace(), Some("urn:x"));
        assert_eq!(a.lookup_namespace_uri(Some("x")), Some("urn:x"));
        let c = again.root_element().last_element_child().unwrap();
        assert_eq!(c.tag_name().namespace().unwrap_or(""), "");
        assert!(content.0.contains("tail"));
    }

    #[test]
    fn an_element_outside_any_namespace_stays_outside() {
        let doc = roxmltree::Document::parse("<r><a>1</a></r>").unwrap();
        let content = XmlContent::of_children(doc.root_element());
        assert_eq!(content.0, "<a xmlns=\"\">1</a>");
    }
}
