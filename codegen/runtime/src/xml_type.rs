//! Values as XML elements: simple values as text, complex ones by their generated code.

use roxmltree::Node;

use super::error::{DecodeError, EncodeError, EncodeProblem};
use super::nillable::Nillable;
use super::text::XmlText;
use super::xml_content::{AnyType, XmlContent};
use super::xml_read::{bad_value, text_of};
use super::xml_write::XmlWriter;

/// A value that is the content of an element.
pub trait XmlType: Sized {
    /// Writes the value into the element whose start tag the writer has just begun: its
    /// attributes, then its content; the caller ends the element.
    fn write_content(&self, w: &mut XmlWriter) -> Result<(), EncodeError>;

    /// Reads the value of an element.
    fn read_element(node: Node<'_, '_>) -> Result<Self, DecodeError>;

    /// The type a SOAP-encoded message names for the value (`xsi:type`), where there is one:
    /// its namespace and local name.
    fn xsi_type() -> Option<(&'static str, &'static str)> {
        None
    }
}

impl<T: XmlText> XmlType for T {
    fn xsi_type() -> Option<(&'static str, &'static str)> {
        T::XSI_TYPE
    }

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
        Ok(XmlContent::of_children(node))
    }
}

impl XmlType for AnyType {
    fn write_content(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        if let Some((ns, local)) = &self.xsi_type {
            w.xsi_type(ns, local)?;
        }
        self.content.write_content(w)
    }

    fn read_element(node: Node<'_, '_>) -> Result<Self, DecodeError> {
        Ok(AnyType {
            xsi_type: xsi_type(node)?,
            content: XmlContent::of_children(node),
        })
    }
}

/// Writing values as elements: what the generated codecs call, one call for each member.
impl XmlWriter {
    /// Writes `<local>` in `ns` holding `value`. An error inside gets the element's name in
    /// its path, so that it says where the value stands.
    pub fn element<T: XmlType>(
        &mut self,
        ns: &'static str,
        local: &'static str,
        value: &T,
    ) -> Result<(), EncodeError> {
        let open = self.start(ns, local);
        // SOAP section 5 encoding names each value's type.
        if self.is_typed()
            && let Some((ns, local)) = T::xsi_type()
        {
            self.xsi_type(ns, local)?;
        }
        if let Err(mut error) = value.write_content(self) {
            error.at = format!("/{local}{}", error.at);
            return Err(error);
        }
        self.end(open);
        Ok(())
    }

    /// Writes a SOAP-encoded array (a restriction of `soapenc:Array`): `<local>` in `ns`
    /// holding each item as `<item_local>`. In a SOAP-encoded message it names the items'
    /// type and how many there are (`soapenc:arrayType="xsd:string[2]"`, or SOAP 1.2's
    /// `enc:itemType` and `enc:arraySize`), and each item its own type.
    pub fn encoded_array<T: XmlType>(
        &mut self,
        ns: &'static str,
        local: &'static str,
        item_ns: &'static str,
        item_local: &'static str,
        items: &[T],
    ) -> Result<(), EncodeError> {
        let open = self.start(ns, local);
        self.soap_array(T::xsi_type(), items.len())?;
        for item in items {
            if let Err(mut error) = self.element(item_ns, item_local, item) {
                error.at = format!("/{local}{}", error.at);
                return Err(error);
            }
        }
        self.end(open);
        Ok(())
    }

    /// Writes a literal array, as .NET's `ArrayOfX` types are: `<local>` in `ns` holding each
    /// item as `<item_local>` in `item_ns`, in order.
    pub fn array<T: XmlType>(
        &mut self,
        ns: &'static str,
        local: &'static str,
        item_ns: &'static str,
        item_local: &'static str,
        items: &[T],
    ) -> Result<(), EncodeError> {
        self.wrapping(ns, local, items, |w, item| {
            w.element(item_ns, item_local, item)
        })
    }

    /// Writes a literal array whose items may be nil ([`XmlWriter::array`]): a missing item
    /// is `<item_local xsi:nil="true"/>`.
    pub fn nillable_array<T: XmlType>(
        &mut self,
        ns: &'static str,
        local: &'static str,
        item_ns: &'static str,
        item_local: &'static str,
        items: &[Option<T>],
    ) -> Result<(), EncodeError> {
        self.wrapping(ns, local, items, |w, item| {
            w.or_nil(item_ns, item_local, item.as_ref())
        })
    }

    /// `<local>` in `ns` around what `write` writes of each item.
    fn wrapping<I>(
        &mut self,
        ns: &'static str,
        local: &'static str,
        items: &[I],
        mut write: impl FnMut(&mut Self, &I) -> Result<(), EncodeError>,
    ) -> Result<(), EncodeError> {
        let open = self.start(ns, local);
        for item in items {
            write(self, item)?;
        }
        self.end(open);
        Ok(())
    }

    /// Writes `<local xsi:nil="true"/>` in `ns`.
    pub fn nil_element(&mut self, ns: &'static str, local: &'static str) {
        let open = self.start(ns, local);
        self.nil();
        self.end(open);
    }

    /// Writes `<local>` holding `value` if there is one, and nothing if not.
    pub fn optional<T: XmlType>(
        &mut self,
        ns: &'static str,
        local: &'static str,
        value: Option<&T>,
    ) -> Result<(), EncodeError> {
        match value {
            Some(value) => self.element(ns, local, value),
            None => Ok(()),
        }
    }

    /// Writes `<local>` holding `value`, or nil for none: an element that always stands.
    pub fn or_nil<T: XmlType>(
        &mut self,
        ns: &'static str,
        local: &'static str,
        value: Option<&T>,
    ) -> Result<(), EncodeError> {
        match value {
            Some(value) => self.element(ns, local, value),
            None => {
                self.nil_element(ns, local);
                Ok(())
            }
        }
    }

    /// Writes `<local>` holding the value, nil, or nothing, as `value` says.
    pub fn nillable<T: XmlType>(
        &mut self,
        ns: &'static str,
        local: &'static str,
        value: Nillable<&T>,
    ) -> Result<(), EncodeError> {
        match value {
            Nillable::Absent => Ok(()),
            Nillable::Nil => {
                self.nil_element(ns, local);
                Ok(())
            }
            Nillable::Value(value) => self.element(ns, local, value),
        }
    }

    /// Writes `<local>` once for each value.
    pub fn each<T: XmlType>(
        &mut self,
        ns: &'static str,
        local: &'static str,
        values: &[T],
    ) -> Result<(), EncodeError> {
        values
            .iter()
            .try_for_each(|value| self.element(ns, local, value))
    }
}

/// Reads the items of a SOAP-encoded array: every child element is one, whatever it is
/// called (encoders name them `item`, `Item` or by their type), in order.
pub fn read_soap_array<T: XmlType>(node: Node<'_, '_>) -> Result<Vec<T>, DecodeError> {
    super::xml_read::elements(node)
        .map(T::read_element)
        .collect()
}

/// Reads the items of a literal array, the child elements of `node` named `item_local` in
/// `item_ns`, in order; children of other names are not items and are passed over.
pub fn read_array<T: XmlType>(
    node: Node<'_, '_>,
    item_ns: &str,
    item_local: &str,
) -> Result<Vec<T>, DecodeError> {
    array_items(node, item_ns, item_local)
        .map(T::read_element)
        .collect()
}

/// Reads the items of a literal array whose items may be nil ([`read_array`]): a nil item
/// is `None`.
pub fn read_nillable_array<T: XmlType>(
    node: Node<'_, '_>,
    item_ns: &str,
    item_local: &str,
) -> Result<Vec<Option<T>>, DecodeError> {
    array_items(node, item_ns, item_local)
        .map(|item| {
            if super::xml_read::is_nil(item) {
                Ok(None)
            } else {
                T::read_element(item).map(Some)
            }
        })
        .collect()
}

/// The child elements of `node` that are its array's items.
fn array_items<'a, 'i>(
    node: Node<'a, 'i>,
    item_ns: &'a str,
    item_local: &'a str,
) -> impl Iterator<Item = Node<'a, 'i>> {
    super::xml_read::elements(node)
        .filter(move |item| super::xml_read::is(*item, item_ns, item_local))
}

/// Reads the value of the attribute `name` in `ns` (empty for none), if the element has it.
pub fn read_attribute<T: XmlText>(
    node: Node<'_, '_>,
    ns: &str,
    name: &str,
) -> Result<Option<T>, DecodeError> {
    let value = if ns.is_empty() {
        node.attribute(name)
    } else {
        node.attribute((ns, name))
    };
    match value {
        None => Ok(None),
        Some(text) => T::from_text(text).map(Some).ok_or_else(|| {
            let mut error = bad_value(node, T::EXPECTED, text);
            error.at = format!("{}/@{name}", error.at);
            error
        }),
    }
}

/// An attribute the schema does not name, which an attribute wildcard admits.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct XmlAttribute {
    /// Its namespace, empty for none.
    pub namespace: String,
    /// Its local name.
    pub name: String,
    /// Its value.
    pub value: String,
}

/// The attributes of an element other than `declared` (namespace, local name), namespace
/// declarations and those of XML Schema instance (`xsi:type`, `xsi:nil`).
pub fn other_attributes(node: Node<'_, '_>, declared: &[(&str, &str)]) -> Vec<XmlAttribute> {
    node.attributes()
        .filter(|a| {
            let ns = a.namespace().unwrap_or("");
            ns != super::xml_write::XSI && !declared.contains(&(ns, a.name()))
        })
        .map(|a| XmlAttribute {
            namespace: a.namespace().unwrap_or("").to_owned(),
            name: a.name().to_owned(),
            value: a.value().to_owned(),
        })
        .collect()
}

/// Writes attributes an attribute wildcard admitted.
pub fn write_attributes(w: &mut XmlWriter, attributes: &[XmlAttribute]) -> Result<(), EncodeError> {
    for attribute in attributes {
        w.attribute_ns(&attribute.namespace, &attribute.name, &attribute.value)?;
    }
    Ok(())
}

/// The type `xsi:type` names on an element, its prefix resolved there: (namespace, local).
pub fn xsi_type(node: Node<'_, '_>) -> Result<Option<(String, String)>, DecodeError> {
    let Some(value) = node.attribute((super::xml_write::XSI, "type")) else {
        return Ok(None);
    };
    let value = value.trim();
    let (prefix, local) = match value.split_once(':') {
        Some((prefix, local)) => (Some(prefix), local),
        None => (None, value),
    };
    match (node.lookup_namespace_uri(prefix), prefix) {
        (Some(ns), _) => Ok(Some((ns.to_owned(), local.to_owned()))),
        (None, None) => Ok(Some((String::new(), local.to_owned()))),
        (None, Some(_)) => Err(bad_value(
            node,
            "an `xsi:type` whose prefix is declared",
            value,
        )),
    }
}

/// The error for an `xsi:type` that names no type the element may hold.
pub fn unknown_type(node: Node<'_, '_>) -> DecodeError {
    let found = node
        .attribute((super::xml_write::XSI, "type"))
        .unwrap_or("")
        .to_owned();
    let mut error = bad_value(
        node,
        "a type the documents derive from the declared one",
        &found,
    );
    error.at = format!("{}/@xsi:type", error.at);
    error
}

/// Raw content inside a stand-in element, so that it parses as a document.
pub fn wrap_content(content: &XmlContent) -> String {
    format!("<content>{}</content>", content.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_literal_array_keeps_its_items_in_order_nil_and_all() {
        let items = vec![Some(1i32), None, Some(3)];
        let mut w = XmlWriter::new();
        w.nillable_array("urn:a", "Numbers", "urn:a", "int", &items)
            .unwrap();
        let xml = w.finish();
        assert_eq!(
            xml,
            concat!(
                r#"<Numbers xmlns="urn:a"><int>1</int>"#,
                r#"<int xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/>"#,
                r#"<int>3</int></Numbers>"#,
            )
        );
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let back: Vec<Option<i32>> =
            read_nillable_array(doc.root_element(), "urn:a", "int").unwrap();
        assert_eq!(back, items);
    }

    #[test]
    fn a_literal_array_passes_over_children_that_are_not_its_items() {
        let xml = r#"<Numbers xmlns="urn:a"><int>1</int><note>x</note><int xmlns="urn:b">9</int><int>2</int></Numbers>"#;
        let doc = roxmltree::Document::parse(xml).unwrap();
        let back: Vec<i32> = read_array(doc.root_element(), "urn:a", "int").unwrap();
        assert_eq!(back, [1, 2]);
        let bad = r#"<Numbers xmlns="urn:a"><int>1</int><int>two</int></Numbers>"#;
        let doc = roxmltree::Document::parse(bad).unwrap();
        let error = read_array::<i32>(doc.root_element(), "urn:a", "int").unwrap_err();
        assert!(error.to_string().contains("two"), "{error}");
    }
}
