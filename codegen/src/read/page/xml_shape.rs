//! Lowering an XML sample into elements and types, by the conventions of .NET's XmlSerializer.
//!
//! ASMX help pages write every value as a placeholder that names its type; vendor pages write
//! example values. Either way the sample gives names, namespaces, order, nesting, repetition
//! and `xsi:nil`; the conventions of XmlSerializer (which wrote these messages) give the rest.

use std::collections::BTreeMap;

use codegen_runtime::soap_envelope::SOAP12_ENCODING;
use roxmltree::Node;

use crate::diagnostic::{Diagnostics, Problem};
use crate::model::{
    Attribute, Builtin, ComplexType, EnumMember, Enumeration, Fact, MaxOccurs, Particle, Pos,
    QName, Rule, SourceId, TypeDef, TypeKind, TypeUse, Wildcard, XSD_NAMESPACE, without_positions,
};
use crate::read::page::placeholder::{asmx_placeholder, enumeration_values, literal_type};
use crate::read::page::xml_sample::XmlSample;
use crate::read::types::TypeSet;
use crate::source::Source;

/// The XML Schema instance namespace, of `xsi:nil`.
pub const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// How the values of a sample are to be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Values {
    /// Every value is a placeholder naming its type (ASMX help pages).
    Placeholders,
    /// Values are examples (vendor pages); their types come from tables, or from the value.
    Literals,
}

/// Lowers elements of one sample.
pub struct Shaper<'a, 's> {
    /// The sample.
    pub sample: &'a XmlSample<'s>,
    /// Its document.
    pub source: &'a Source,
    /// Its document's id in the service.
    pub source_id: SourceId,
    /// How to read its values.
    pub values: Values,
    /// Where named types go.
    pub types: &'a mut TypeSet,
    /// Where problems go.
    pub diagnostics: &'a mut Diagnostics,
    /// Type names the page shows elsewhere, by element name (ASMX's HTTP GET root names the
    /// type of the SOAP result element).
    pub type_names: &'a BTreeMap<String, Fact<QName>>,
}

impl Shaper<'_, '_> {
    /// A global element whose type is defined in place (an operation's wrapper element).
    pub fn anonymous(&mut self, node: Node<'_, '_>) -> crate::model::Element {
        let pos = self.sample.pos(node);
        let complex = self.content(node, node.tag_name().name());
        let mut element = self.global(
            node,
            Fact::stated(TypeUse::Anonymous(Box::new(complex)), pos),
        );
        element.nillable = Fact::stated(false, pos);
        element
    }

    /// A global element typed by a complex type named after it (an ASMX SOAP header).
    pub fn named(&mut self, node: Node<'_, '_>) -> crate::model::Element {
        let pos = self.sample.pos(node);
        let name = element_name(node);
        let complex = self.content(node, &name.local);
        let ty = self.add_type(
            Fact::inferred(name.clone(), Rule::XmlSerializerTypeFromElement, pos),
            TypeKind::Complex(complex),
            None,
            pos,
        );
        self.global(node, ty)
    }

    fn global(&mut self, node: Node<'_, '_>, ty: Fact<TypeUse>) -> crate::model::Element {
        let pos = self.sample.pos(node);
        crate::model::Element::once(element_name(node), pos, ty)
    }

    /// The complex type of an element's content: its child elements (runs of one name become
    /// one repeating element) and its attributes.
    pub fn content(&mut self, node: Node<'_, '_>, type_name: &str) -> ComplexType {
        let children: Vec<Node> = node.children().filter(Node::is_element).collect();
        let mut sequence = Vec::new();
        let mut i = 0;
        while i < children.len() {
            let name = element_name(children[i]);
            let run = children[i..]
                .iter()
                .take_while(|c| element_name(**c) == name)
                .count();
            let mut member = self.member(children[i], type_name);
            if run > 1 {
                self.check_alike(&children[i..i + run], type_name);
                member.max_occurs =
                    Fact::stated(MaxOccurs::Unbounded, self.sample.pos(children[i + 1]));
                member.min_occurs =
                    Fact::inferred(0, Rule::XmlSerializerReferenceOptional, member.pos);
            }
            sequence.push(member);
            i += run;
        }
        ComplexType {
            attributes: self.attributes(node),
            ..ComplexType::of_elements(sequence)
        }
    }

    /// Repeated elements must show one shape; a page that shows two is contradicting itself.
    fn check_alike(&mut self, run: &[Node<'_, '_>], parent: &str) {
        let mut scratch = TypeSet::default();
        let mut diagnostics = Diagnostics::default();
        let mut shapes = run.iter().map(|node| {
            let mut shaper = Shaper {
                sample: self.sample,
                source: self.source,
                source_id: self.source_id,
                values: self.values,
                types: &mut scratch,
                diagnostics: &mut diagnostics,
                type_names: self.type_names,
            };
            without_positions(&shaper.member(*node, parent))
        });
        let Some(first) = shapes.next() else { return };
        if let Some(index) = shapes.position(|shape| shape != first)
            && self.values == Values::Placeholders
        {
            let other = run[index + 1];
            self.diagnostics.push(self.source.error(
                self.sample.pos(other),
                Problem::Inconsistent {
                    what: format!("this <{}> item", other.tag_name().name()),
                    other: self.sample.pos(run[0]),
                },
            ));
        }
    }

    /// The type an element holds, as a member of no type in particular.
    pub fn element_type(&mut self, node: Node<'_, '_>) -> TypeUse {
        self.member(node, "").ty.value
    }

    /// A member element of a complex type named `parent`.
    fn member(&mut self, node: Node<'_, '_>, parent: &str) -> crate::model::Element {
        let pos = self.sample.pos(node);
        let name = element_name(node);
        // A SOAP-encoded sample writes a value of a class apart, referred to by `href`.
        let value = self.sample.value_of(node);
        let nil = value.attribute((XSI, "nil")) == Some("true");
        let children: Vec<Node> = value.children().filter(Node::is_element).collect();
        let text: String = value
            .children()
            .filter(Node::is_text)
            .filter_map(|t| t.text())
            .collect();
        let text = text.trim();
        let mut element = crate::model::Element {
            min_occurs: Fact::inferred(0, Rule::XmlSerializerReferenceOptional, pos),
            nillable: Fact::stated(nil, pos),
            ..crate::model::Element::once(
                name.clone(),
                pos,
                Fact::stated(TypeUse::Builtin(Builtin::String), pos),
            )
        };
        if let Some(data_set) = self.data_set(&children, text, pos) {
            element.ty = data_set;
            return element;
        }
        if !children.is_empty() && !text.is_empty() {
            self.diagnostics.push(self.source.error(
                self.sample.text_pos(value),
                Problem::UnexpectedSample {
                    expected: format!("<{}> to hold either elements or text", name.local),
                    found: "both".into(),
                },
            ));
            return element;
        }
        if nil && children.is_empty() && text.is_empty() {
            element.ty =
                Fact::inferred(TypeUse::Builtin(Builtin::AnyType), Rule::NilOnlySample, pos);
            element.min_occurs = Fact::inferred(1, Rule::XmlSerializerNillableRequired, pos);
            return element;
        }
        if !children.is_empty()
            && self.data_attributes(value).next().is_none()
            && let Some(array) = self.array(value, &children)
        {
            element.ty = array;
            return element;
        }
        if !children.is_empty() || (text.is_empty() && self.values == Values::Placeholders) {
            let type_name = self.type_name(&name, value, pos);
            let complex = self.content(value, &type_name.value.local);
            let alternative = QName::new(&name.namespace, format!("{parent}{}", name.local));
            element.ty = self.add_type(
                type_name,
                TypeKind::Complex(complex),
                Some(alternative),
                pos,
            );
            if nil {
                element.min_occurs = Fact::inferred(1, Rule::XmlSerializerNillableRequired, pos);
            }
            return element;
        }
        let (ty, value_type) = self.leaf_type(value, text, &name, parent);
        element.ty = ty;
        // Text with attributes is a value with attributes: simple content.
        if self.data_attributes(value).next().is_some() {
            let type_name = self.type_name(&name, value, pos);
            let complex = ComplexType {
                simple_content: Some(element.ty.clone()),
                attributes: self.attributes(value),
                ..ComplexType::default()
            };
            let alternative = QName::new(&name.namespace, format!("{parent}{}", name.local));
            element.ty = self.add_type(
                type_name,
                TypeKind::Complex(complex),
                Some(alternative),
                pos,
            );
            // A class: absent when null, unless nillable.
            if nil {
                element.min_occurs = Fact::inferred(1, Rule::XmlSerializerNillableRequired, pos);
            }
            return element;
        }
        if nil {
            element.min_occurs = Fact::inferred(1, Rule::XmlSerializerNillableRequired, pos);
        } else if value_type {
            element.min_occurs = Fact::inferred(1, Rule::XmlSerializerValueRequired, pos);
        }
        element
    }

    /// The content of a .NET `DataSet` (ASMX writes `<xsd:schema>schema</xsd:schema>xml`):
    /// its inline schema and then its data (a `diffgr:diffgram`), as the WSDL declares it,
    /// `<s:element ref="s:schema"/><s:any/>`, so that both are kept whole as XML.
    fn data_set(&self, children: &[Node<'_, '_>], text: &str, pos: Pos) -> Option<Fact<TypeUse>> {
        let [schema_node] = children else {
            return None;
        };
        let is_schema = schema_node.tag_name().namespace() == Some(XSD_NAMESPACE)
            && schema_node.tag_name().name() == "schema";
        let placeholder = text == "xml" || self.values == Values::Literals;
        if !is_schema || !placeholder {
            return None;
        }
        let at = self.sample.pos(*schema_node);
        let schema = crate::model::Element::once(
            QName::new(XSD_NAMESPACE, "schema"),
            at,
            Fact::stated(TypeUse::Builtin(Builtin::AnyType), at),
        );
        let data = Particle::Any(Wildcard {
            pos: schema_node
                .next_sibling()
                .map_or(pos, |data| self.sample.pos(data)),
            min_occurs: Fact::stated(1, pos),
            max_occurs: Fact::stated(MaxOccurs::Bounded(1), pos),
            namespace: "##any".to_owned(),
        });
        let complex = ComplexType {
            sequence: vec![Particle::Element(schema), data],
            ..ComplexType::default()
        };
        Some(Fact::stated(TypeUse::Anonymous(Box::new(complex)), pos))
    }

    /// The name of the class an element of `name` holds: the one its value names
    /// (`xsi:type`, which SOAP-encoded samples give every value of a class), else the one
    /// the page shows elsewhere, else the element's own, as XmlSerializer names a class it
    /// has no other name for.
    fn type_name(&self, name: &QName, value: Node<'_, '_>, pos: Pos) -> Fact<QName> {
        if let Some(named) = self.encoded_type(value) {
            return named;
        }
        self.type_names
            .get(&name.local)
            .cloned()
            .unwrap_or_else(|| {
                Fact::inferred(
                    QName::new(&name.namespace, &name.local),
                    Rule::XmlSerializerTypeFromElement,
                    pos,
                )
            })
    }

    /// The type a value of a SOAP-encoded sample names (`xsi:type="types:User"`), unless it
    /// is one of XML Schema's.
    fn encoded_type(&self, value: Node<'_, '_>) -> Option<Fact<QName>> {
        // A name in no namespace, or with a prefix bound to nothing, names no type of the
        // page's: the value is typed as a literal one is.
        let (ns, local) = codegen_runtime::xml::xsi_type(value)
            .ok()
            .flatten()
            .filter(|(ns, _)| !ns.is_empty())?;
        let attr = value
            .attributes()
            .find(|a| a.namespace() == Some(XSI) && a.name() == "type")?;
        (ns != XSD_NAMESPACE)
            .then(|| Fact::stated(QName::new(ns, local), self.sample.attr_pos(&attr)))
    }

    /// The array type of an element whose children are two or more items of one name
    /// (`<rooms><int>int</int><int>int</int></rooms>`), or `None` if it is no array.
    fn array(&mut self, node: Node<'_, '_>, children: &[Node<'_, '_>]) -> Option<Fact<TypeUse>> {
        let first = element_name(children[0]);
        if children.len() < 2 || children.iter().any(|c| element_name(*c) != first) {
            return None;
        }
        let pos = self.sample.pos(node);
        let array_name = element_name(node);
        let mut content = self.content(node, &format!("ArrayOf{}", upper_first(&first.local)));
        let item = content.elements_mut().next()?;
        item.min_occurs = Fact::inferred(0, Rule::XmlSerializerArrayType, item.pos);
        let item_type = match &item.ty.value {
            TypeUse::Builtin(builtin) => builtin.xsd_name().to_owned(),
            TypeUse::Named(name) => name.local.clone(),
            TypeUse::Anonymous(_) => first.local.clone(),
        };
        let name = QName::new(
            &array_name.namespace,
            format!("ArrayOf{}", upper_first(&item_type)),
        );
        Some(self.add_type(
            Fact::inferred(name, Rule::XmlSerializerArrayType, pos),
            TypeKind::Complex(content),
            None,
            pos,
        ))
    }

    /// The type of an element or attribute holding text, and whether it is a value type.
    fn leaf_type(
        &mut self,
        node: Node<'_, '_>,
        text: &str,
        name: &QName,
        parent: &str,
    ) -> (Fact<TypeUse>, bool) {
        let pos = self.sample.text_pos(node);
        let named = self.encoded_type(node);
        self.value_type(text, pos, name, named, parent, &format!("<{}>", name.local))
    }

    fn value_type(
        &mut self,
        text: &str,
        pos: Pos,
        name: &QName,
        named: Option<Fact<QName>>,
        parent: &str,
        owner: &str,
    ) -> (Fact<TypeUse>, bool) {
        match self.values {
            Values::Literals => {
                let builtin = literal_type(text);
                (
                    Fact::inferred(TypeUse::Builtin(builtin), Rule::TypeFromSampleValue, pos),
                    builtin.is_value_type(),
                )
            }
            Values::Placeholders => {
                if let Some(builtin) = asmx_placeholder(text) {
                    return (
                        Fact::stated(TypeUse::Builtin(builtin), pos),
                        builtin.is_value_type(),
                    );
                }
                if let Some(values) = enumeration_values(text) {
                    let members = values
                        .into_iter()
                        .map(|(value, offset)| EnumMember {
                            name: Fact::stated(
                                value.to_owned(),
                                pos.right(text[..offset].chars().count() as u32),
                            ),
                            value: None,
                        })
                        .collect();
                    let type_name = named.unwrap_or_else(|| {
                        Fact::inferred(name.clone(), Rule::XmlSerializerTypeFromElement, pos)
                    });
                    let ty = self.add_type(
                        type_name,
                        TypeKind::Enumeration(Enumeration {
                            base: Builtin::String,
                            members,
                            json_numbers: None,
                        }),
                        Some(QName::new(
                            &name.namespace,
                            format!("{parent}{}", name.local),
                        )),
                        pos,
                    );
                    return (ty, true);
                }
                self.diagnostics.push(self.source.error(
                    pos,
                    Problem::UnknownPlaceholder {
                        text: text.to_owned(),
                        owner: owner.to_owned(),
                    },
                ));
                (Fact::stated(TypeUse::Builtin(Builtin::String), pos), false)
            }
        }
    }

    /// The attributes of an element that carry data: not XML's own, nor the `id` by which a
    /// SOAP-encoded value is referred to.
    fn data_attributes<'a, 'i>(
        &self,
        node: Node<'a, 'i>,
    ) -> impl Iterator<Item = roxmltree::Attribute<'a, 'i>> + use<'a, 'i> {
        let referred_to = self.sample.is_referred_to(node);
        node.attributes().filter(move |a| {
            let is_id = referred_to
                && a.name() == "id"
                && matches!(a.namespace(), None | Some(SOAP12_ENCODING));
            !is_framework_attribute(a) && !is_id
        })
    }

    fn attributes(&mut self, node: Node<'_, '_>) -> Vec<Attribute> {
        let owner = node.tag_name().name().to_owned();
        self.data_attributes(node)
            .map(|attr| {
                let pos = self.sample.attr_pos(&attr);
                let value_pos = self.sample.offset_pos(attr.range_value().start);
                let name = QName::new(attr.namespace().unwrap_or(""), attr.name());
                let (ty, value_type) = self.value_type(
                    attr.value(),
                    value_pos,
                    &name,
                    None,
                    &owner,
                    &format!("attribute `{}` of <{owner}>", attr.name()),
                );
                let required = if value_type {
                    Fact::inferred(true, Rule::XmlSerializerValueRequired, pos)
                } else {
                    Fact::inferred(false, Rule::XmlSerializerReferenceOptional, pos)
                };
                Attribute {
                    required,
                    ..Attribute::optional(name, pos, ty)
                }
            })
            .collect()
    }

    fn add_type(
        &mut self,
        name: Fact<QName>,
        kind: TypeKind,
        alternative: Option<QName>,
        pos: Pos,
    ) -> Fact<TypeUse> {
        let origin = name.origin.clone();
        let def = TypeDef {
            name,
            source: self.source_id,
            documentation: Vec::new(),
            kind,
        };
        let wanted = def.name.value.clone();
        if let (true, Some(alternative)) = (origin.is_inferred(), &alternative) {
            let name = self.types.add_inferred(def, alternative.clone());
            return Fact {
                value: TypeUse::Named(name),
                origin,
            };
        }
        match self.types.add(def, alternative) {
            Ok(name) => Fact {
                value: TypeUse::Named(name),
                origin,
            },
            Err(conflict) => {
                let problem = conflict.problem(&wanted);
                self.diagnostics.push(self.source.error(pos, problem));
                Fact {
                    value: TypeUse::Named(wanted),
                    origin,
                }
            }
        }
    }
}

/// The qualified name of an element.
pub fn element_name(node: Node<'_, '_>) -> QName {
    QName::new(
        node.tag_name().namespace().unwrap_or(""),
        node.tag_name().name(),
    )
}

/// Whether an attribute belongs to XML itself (`xmlns`, `xsi:nil`, `xsi:type`) rather than
/// to the data.
pub fn is_framework_attribute(attr: &roxmltree::Attribute<'_, '_>) -> bool {
    attr.namespace() == Some(XSI) || attr.namespace() == Some("http://www.w3.org/2000/xmlns/")
}

/// `int` → `Int`, as XmlSerializer names `ArrayOfInt`.
pub fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
