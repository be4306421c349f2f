//! Values as XML elements: simple values as text, complex ones by their generated code.

use roxmltree::Node;

use super::error::{DecodeError, EncodeError, EncodeProblem};
use super::text::XmlText;
use super::xml_content::XmlContent;
use super::xml_read::{bad_value, inner_xml, text_of};
use super::xml_write::XmlWriter;

/// A value that is the content of an element.
pub trait XmlType: Sized {
    /// Writes the value into the element whose start tag the writer has just begun: its
    /// attributes, then its content; the caller ends the element.
    fn write_content(&self, w: &mut XmlWriter) -> Result<(), EncodeError>;

    /// Reads the value of an element.
    fn read_element(node: Node<'_, '_>) -> Result<Self, DecodeError>;
}

impl<T: XmlText> XmlType for T {
    fn write_content(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        w.text(&self.to_text())
    }

    fn read_element(node: Node<'_, '_>) -> Result<Self, DecodeError> {
        let text = text_of(node);
        T::from_text(&text).ok_or_else(|| bad_value(node, T::EXPECTED, &text))
    }
}

impl XmlType for XmlContent {
    fn write_content(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        // Raw content must be well-formed wherever it goes: check it inside a stand-in root.
        let wrapped = format!("<x>{}</x>", self.as_str());
        if let Err(error) = roxmltree::Document::parse(&wrapped) {
            return Err(EncodeError {
                at: String::new(),
                problem: EncodeProblem::MalformedXml {
                    message: error.to_string(),
                },
            });
        }
        w.raw(self.as_str());
        Ok(())
    }

    fn read_element(node: Node<'_, '_>) -> Result<Self, DecodeError> {
        Ok(XmlContent(inner_xml(node).to_owned()))
    }
}

/// Writes `<local>` in `ns` holding `value`. An error inside gets the element's name in its
/// path, so that it says where the value stands.
pub fn write_element<T: XmlType>(
    w: &mut XmlWriter,
    ns: &'static str,
    local: &'static str,
    value: &T,
) -> Result<(), EncodeError> {
    let open = w.start(ns, local);
    if let Err(mut error) = value.write_content(w) {
        error.at = format!("/{local}{}", error.at);
        return Err(error);
    }
    w.end(open);
    Ok(())
}

/// Writes `<local xsi:nil="true"/>` in `ns`.
pub fn write_nil(w: &mut XmlWriter, ns: &'static str, local: &'static str) {
    let open = w.start(ns, local);
    w.nil();
    w.end(open);
}

/// Reads an attribute's value, if the element has the attribute.
pub fn read_attribute<T: XmlText>(
    node: Node<'_, '_>,
    name: &str,
) -> Result<Option<T>, DecodeError> {
    match node.attribute(name) {
        None => Ok(None),
        Some(text) => T::from_text(text).map(Some).ok_or_else(|| {
            let mut error = bad_value(node, T::EXPECTED, text);
            error.at = format!("{}/@{name}", error.at);
            error
        }),
    }
}
