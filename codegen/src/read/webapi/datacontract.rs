//! Types of a Web API model from its member table and its JSON and XML samples, by the
//! conventions of Json.NET and the DataContractSerializer.
//!
//! The table gives names, descriptions, types (where it has them) and annotations; the XML
//! sample gives namespaces, the order the serializer requires, repetition and `i:nil`; the JSON
//! sample gives the numbers of enumeration members. A member that the table leaves untyped is
//! typed from the samples: a number in JSON and a name in XML is an enumeration.

use std::collections::{HashMap, HashSet};

use roxmltree::Node;

use crate::diagnostic::Diagnostics;
use crate::model::{
    ARRAYS_NAMESPACE, Builtin, ComplexType, Doc, Element, EnumMember, Enumeration, Fact, MaxOccurs,
    Pos, QName, Rule, SERIALIZATION_NAMESPACE, SequenceOrder, SourceId, TypeDef, TypeKind, TypeUse,
};
use crate::read::page::Page;
use crate::read::page::json_sample::{Json, JsonValue};
use crate::read::page::placeholder::{
    WebApiType, enumeration_values, looks_like_date_time, looks_like_guid,
};
use crate::read::page::xml_sample::XmlSample;
use crate::read::page::xml_shape::{XSI, element_name, upper_first};
use crate::read::types::TypeSet;
use crate::read::webapi::table::Row;

/// An XML element of a sample, with the sample it belongs to.
#[derive(Clone, Copy)]
pub struct XmlAt<'a, 's> {
    /// The sample.
    pub sample: &'a XmlSample<'s>,
    /// The element.
    pub node: Node<'a, 's>,
}

impl<'a, 's> XmlAt<'a, 's> {
    fn children(&self) -> Vec<XmlAt<'a, 's>> {
        self.node
            .children()
            .filter(Node::is_element)
            .map(|node| XmlAt {
                sample: self.sample,
                node,
            })
            .collect()
    }

    fn pos(&self) -> Pos {
        self.sample.pos(self.node)
    }

    fn is_nil(&self) -> bool {
        self.node.attribute((XSI, "nil")) == Some("true")
    }

    fn text(&self) -> Option<(&'a str, Pos)> {
        let text = self.node.text()?.trim();
        (!text.is_empty()).then(|| (text, self.sample.text_pos(self.node)))
    }
}

/// A member of a JSON sample: its name as written, where it stands, and its value.
type JsonMember<'j> = (&'j str, Pos, &'j Json);

/// Builds the types of one page's models.
pub struct Shaper<'a, 's> {
    /// The page.
    pub page: &'a Page<'s>,
    /// Its id in the service.
    pub source_id: SourceId,
    /// Where named types go.
    pub types: &'a mut TypeSet,
    /// Where problems go.
    pub diagnostics: &'a mut Diagnostics,
}

impl<'a, 's> Shaper<'a, 's> {
    /// The body element of a model described by a table: named by the XML sample where there
    /// is one, else by the model.
    pub fn body(
        &mut self,
        model: (&str, Pos),
        documentation: Vec<Doc>,
        rows: &[Row<'_>],
        json: Option<&Json>,
        xml: Option<XmlAt<'a, 's>>,
    ) -> Element {
        let (model_name, model_pos) = model;
        let name = match xml {
            Some(xml) => element_name(xml.node),
            None => QName::new("", model_name),
        };
        let pos = xml.map_or(model_pos, |x| x.pos());
        let ty = self.model_type(&name.namespace, model, documentation, rows, json, xml);
        Element::once(name, pos, ty)
    }

    /// The complex type of a model the page describes by a table, in `namespace`, shaped by
    /// its rows and its samples.
    fn model_type(
        &mut self,
        namespace: &str,
        (model_name, model_pos): (&str, Pos),
        documentation: Vec<Doc>,
        rows: &[Row<'_>],
        json: Option<&Json>,
        xml: Option<XmlAt<'a, 's>>,
    ) -> Fact<TypeUse> {
        let pos = xml.map_or(model_pos, |x| x.pos());
        let complex = self.complex(namespace, rows, json, xml);
        let name = Fact::stated(QName::new(namespace, model_name), model_pos);
        self.add(name, TypeKind::Complex(complex), documentation, pos)
    }

    /// The body element of a collection of a model the table describes (`Collection of
    /// Device` and the table of `Device`): DataContract's `ArrayOfDevice` of `Device`
    /// items, which JSON writes as an array of objects. The samples' first item shapes the
    /// model as a lone model's sample does.
    pub fn collection_body(
        &mut self,
        model: (&str, Pos),
        documentation: Vec<Doc>,
        rows: &[Row<'_>],
        json: Option<&Json>,
        xml: Option<XmlAt<'a, 's>>,
    ) -> Element {
        let (model_name, model_pos) = model;
        let json_item = match json.map(|j| &j.value) {
            Some(JsonValue::Array(items)) => items.first(),
            _ => None,
        };
        let xml_item = xml.and_then(|x| x.children().first().copied());
        let namespace = xml.map_or("", |x| x.node.tag_name().namespace().unwrap_or(""));
        let item_name = xml_item.map_or_else(
            || QName::new(namespace, model_name),
            |x| element_name(x.node),
        );
        let item_pos = xml_item.map_or(model_pos, |x| x.pos());
        let item_ty = self.model_type(
            &item_name.namespace,
            model,
            documentation,
            rows,
            json_item,
            xml_item,
        );
        let item = array_item(item_name, item_pos, item_ty);
        let pos = xml.map_or(model_pos, |x| x.pos());
        let array_name = xml.map_or_else(
            || QName::new(namespace, format!("ArrayOf{model_name}")),
            |x| element_name(x.node),
        );
        let array_ty = self.add(
            Fact::inferred(array_name.clone(), Rule::DataContractArrayType, pos),
            TypeKind::Complex(ComplexType::of_elements(vec![item])),
            Vec::new(),
            pos,
        );
        Element::once(array_name, pos, array_ty)
    }

    /// The body element of a simple type or collection.
    pub fn simple_body(
        &mut self,
        ty: &WebApiType,
        pos: Pos,
        json: Option<&Json>,
        xml: Option<XmlAt<'a, 's>>,
    ) -> Element {
        let name = xml.map_or_else(|| QName::new("", "Body"), |x| element_name(x.node));
        let at = xml.map_or(pos, |x| x.pos());
        // DataContract names a primitive's element for its CLR type (`<int>`, `<long>`),
        // where the page's phrase (`integer`) stands for several.
        let sampled = Builtin::resolve(&name).filter(|_| {
            matches!(ty, WebApiType::Builtin(_)) && name.namespace == SERIALIZATION_NAMESPACE
        });
        let ty = match sampled {
            Some(builtin) => Fact::stated(TypeUse::Builtin(builtin), at),
            None => self.typed(ty, pos, &name.local.clone(), json, xml),
        };
        Element::once(name, at, ty)
    }

    /// A complex type: its members in the XML sample's order (the serializer's), or, without
    /// an XML sample, in ordinal order.
    fn complex(
        &mut self,
        namespace: &str,
        rows: &[Row<'_>],
        json: Option<&Json>,
        xml: Option<XmlAt<'a, 's>>,
    ) -> ComplexType {
        let mut sequence = Vec::new();
        let mut order = None;
        // Members are looked up by name, once each: a table may have thousands of rows.
        let by_name: HashMap<&str, &Row<'_>> = rows.iter().map(|r| (r.name.text, r)).collect();
        // Json.NET reads members whatever their case, and a camel-case resolver writes
        // `sessionToken` for the table's `SessionToken`: a member's JSON is the sample's
        // member of its name, else of its name in another case.
        let members = json.and_then(Json::members).unwrap_or(&[]);
        let json_members: HashMap<&str, JsonMember<'_>> = members
            .iter()
            .rev()
            .map(|(name, pos, value)| (name.as_str(), (name.as_str(), *pos, value)))
            .collect();
        let folded: HashMap<String, JsonMember<'_>> = members
            .iter()
            .rev()
            .map(|(name, pos, value)| (name.to_lowercase(), (name.as_str(), *pos, value)))
            .collect();
        let json_member = |name: &str| {
            json_members
                .get(name)
                .or_else(|| folded.get(&name.to_lowercase()))
                .copied()
        };
        let mut placed: HashSet<String> = HashSet::new();
        match xml {
            Some(xml) => {
                for child in xml.children() {
                    let local = child.node.tag_name().name();
                    let row = by_name.get(local).copied();
                    let json = json_member(local);
                    placed.insert(local.to_owned());
                    sequence.push(self.member(namespace, local, row, json, Some(child)));
                }
            }
            None => {
                let mut names: Vec<(&str, Pos)> =
                    rows.iter().map(|r| (r.name.text, r.name.pos)).collect();
                let mut listed: HashSet<String> =
                    names.iter().map(|(n, _)| n.to_lowercase()).collect();
                for (name, pos, _) in members {
                    if listed.insert(name.to_lowercase()) {
                        names.push((name, *pos));
                    }
                }
                names.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
                if let Some((_, pos)) = names.first() {
                    order = Some(Fact::inferred(
                        SequenceOrder::Ordinal,
                        Rule::DataContractOrder,
                        *pos,
                    ));
                }
                for (name, _) in names {
                    let row = by_name.get(name).copied();
                    let json = json_member(name);
                    sequence.push(self.member(namespace, name, row, json, None));
                }
            }
        }
        // A member the table lists but the XML sample leaves out still belongs to the type.
        if xml.is_some() {
            for row in rows {
                if !placed.contains(row.name.text) {
                    let json = json_member(row.name.text);
                    sequence.push(self.member(namespace, row.name.text, Some(row), json, None));
                }
            }
        }
        ComplexType {
            order,
            ..ComplexType::of_elements(sequence)
        }
    }

    /// One member, from its row and its samples.
    fn member(
        &mut self,
        namespace: &str,
        local: &str,
        row: Option<&Row<'_>>,
        json: Option<JsonMember<'_>>,
        xml: Option<XmlAt<'a, 's>>,
    ) -> Element {
        let json_name = json
            .filter(|(key, _, _)| *key != local)
            .map(|(key, pos, _)| Fact::stated(key.to_owned(), pos));
        let json = json.map(|(_, _, value)| value);
        let pos = xml
            .map(|x| x.pos())
            .or(json.map(|j| j.pos))
            .or(row.map(|r| r.name.pos))
            .unwrap_or_default();
        let name = xml.map_or_else(|| QName::new(namespace, local), |x| element_name(x.node));
        let description: Vec<Doc> = row.map(Row::description_docs).unwrap_or_default();
        // A nil sample says nothing of the type; with another sample of the member it can.
        let xml_value = xml.filter(|x| !x.is_nil());
        let ty = match row.and_then(|r| r.ty.as_ref()) {
            Some((WebApiType::Builtin(Builtin::String), type_pos)) => {
                match description
                    .iter()
                    .find_map(|d| enumeration_values(&d.text).map(|v| (d, v)))
                {
                    Some((doc, values)) => {
                        let members = values
                            .into_iter()
                            .map(|(value, offset)| EnumMember {
                                name: Fact::stated(value.to_owned(), doc_pos(doc, offset)),
                                value: None,
                            })
                            .collect();
                        let type_name = Fact::inferred(
                            QName::new(namespace, upper_first(local)),
                            Rule::EnumerationFromDescription,
                            doc.pos,
                        );
                        self.add(
                            type_name,
                            TypeKind::Enumeration(Enumeration {
                                base: Builtin::String,
                                members,
                                json_numbers: None,
                            }),
                            Vec::new(),
                            doc.pos,
                        )
                    }
                    None => Fact::stated(TypeUse::Builtin(Builtin::String), *type_pos),
                }
            }
            Some((ty, type_pos)) => self.typed(ty, *type_pos, local, json, xml_value),
            None => self.untyped(namespace, local, pos, json, xml_value),
        };
        let value_type = match &ty.value {
            TypeUse::Builtin(builtin) => builtin.is_value_type(),
            TypeUse::Named(name) => matches!(
                self.types.get(name).map(|t| &t.kind),
                Some(TypeKind::Enumeration(_))
            ),
            TypeUse::Anonymous(_) => false,
        };
        let nillable = match xml {
            Some(x) if x.is_nil() => Fact::stated(true, x.pos()),
            _ if value_type => Fact::inferred(false, Rule::DataContractNillable, pos),
            _ => Fact::inferred(true, Rule::DataContractNillable, pos),
        };
        let min_occurs = row.and_then(Row::required).map_or_else(
            || Fact::inferred(0, Rule::DataContractOptional, pos),
            |at| Fact::stated(1, at),
        );
        let mut documentation = description;
        documentation.extend(row.into_iter().flat_map(Row::notes));
        Element {
            min_occurs,
            nillable,
            default: row.and_then(Row::default_value),
            facets: row.map(Row::facets).unwrap_or_default(),
            documentation,
            json_name,
            ..Element::once(name, pos, ty)
        }
    }

    /// The type of a member whose row names it.
    fn typed(
        &mut self,
        ty: &WebApiType,
        type_pos: Pos,
        local: &str,
        json: Option<&Json>,
        xml: Option<XmlAt<'a, 's>>,
    ) -> Fact<TypeUse> {
        match ty {
            WebApiType::Builtin(builtin) => Fact::stated(TypeUse::Builtin(*builtin), type_pos),
            WebApiType::Collection(item) => self.collection(Some(item), type_pos, local, json, xml),
            WebApiType::Named(type_name) => {
                let namespace = xml.map_or("", |x| x.node.tag_name().namespace().unwrap_or(""));
                let name = Fact::stated(QName::new(namespace, type_name.as_str()), type_pos);
                self.sampled_type(name, type_pos, json, xml)
            }
            WebApiType::ActionResult(_) => {
                Fact::stated(TypeUse::Builtin(Builtin::AnyType), type_pos)
            }
            WebApiType::Dictionary(key, value) => self.dictionary(key, value, type_pos, json, xml),
        }
    }

    /// The type of a member its row does not type: from the samples alone.
    fn untyped(
        &mut self,
        namespace: &str,
        local: &str,
        pos: Pos,
        json: Option<&Json>,
        xml: Option<XmlAt<'a, 's>>,
    ) -> Fact<TypeUse> {
        let array_like = matches!(json.map(|j| &j.value), Some(JsonValue::Array(_)));
        if array_like {
            return self.collection(None, pos, local, json, xml);
        }
        let is_enum_or_complex = match (json.map(|j| &j.value), xml.and_then(|x| x.text())) {
            (Some(JsonValue::Number(_)), Some((text, _))) => text.parse::<f64>().is_err(),
            (Some(JsonValue::Object(_)), _) => true,
            (None, _) => xml.is_some_and(|x| !x.children().is_empty()),
            _ => false,
        };
        if is_enum_or_complex {
            let name = Fact::inferred(
                QName::new(namespace, upper_first(local)),
                Rule::EnumerationFromSamples,
                pos,
            );
            return self.sampled_type(name, pos, json, xml);
        }
        self.scalar(pos, json, xml)
    }

    /// A named type the page does not describe: an enumeration when JSON shows a number (or a
    /// string) where XML shows a name, else a complex type with the samples' members.
    fn sampled_type(
        &mut self,
        name: Fact<QName>,
        pos: Pos,
        json: Option<&Json>,
        xml: Option<XmlAt<'a, 's>>,
    ) -> Fact<TypeUse> {
        let is_complex = matches!(json.map(|j| &j.value), Some(JsonValue::Object(_)))
            || xml.is_some_and(|x| !x.children().is_empty());
        if is_complex {
            let namespace = name.value.namespace.clone();
            let complex = self.complex(&namespace, &[], json, xml);
            return self.add(name, TypeKind::Complex(complex), Vec::new(), pos);
        }
        let number = match json.map(|j| &j.value) {
            Some(JsonValue::Number(n)) => n
                .parse::<i64>()
                .ok()
                .map(|n| (n, json.map_or(pos, |j| j.pos))),
            _ => None,
        };
        let json_name = match json {
            Some(Json {
                value: JsonValue::String(s),
                pos,
            }) => Some((s.as_str(), *pos)),
            _ => None,
        };
        let wire_name = xml.and_then(|x| x.text()).or(json_name);
        let Some((wire_name, name_pos)) = wire_name else {
            // A type no table describes and no sample shows (`HttpStatusCode` where every
            // sample is `Sample not available.`): a page names a class it describes with a
            // table, so this is an enumeration, written as ASP.NET writes one by default.
            return self.add(
                name,
                TypeKind::Enumeration(Enumeration {
                    base: Builtin::String,
                    members: Vec::new(),
                    json_numbers: Some(Fact::inferred(
                        true,
                        Rule::WebApiEnumerationByConvention,
                        pos,
                    )),
                }),
                Vec::new(),
                pos,
            );
        };
        let member = EnumMember {
            name: Fact::stated(wire_name.to_owned(), name_pos),
            value: number.map(|(n, at)| Fact::stated(n, at)),
        };
        let origin_pos = name.origin.pos();
        let name = match name.origin {
            crate::model::Origin::Stated(_) => name,
            _ => Fact::inferred(name.value, Rule::EnumerationFromSamples, origin_pos),
        };
        self.add(
            name,
            TypeKind::Enumeration(Enumeration {
                base: Builtin::String,
                members: vec![member],
                json_numbers: None,
            }),
            Vec::new(),
            pos,
        )
    }

    /// A dictionary: DataContract's `ArrayOfKeyValueOf…` of `KeyValueOf…` pairs, each a `Key`
    /// and a `Value` (names from the XML sample where there is one), which JSON writes as an
    /// object.
    fn dictionary(
        &mut self,
        key: &WebApiType,
        value: &WebApiType,
        pos: Pos,
        json: Option<&Json>,
        xml: Option<XmlAt<'a, 's>>,
    ) -> Fact<TypeUse> {
        let xml_pair = xml.and_then(|x| x.children().first().copied());
        let part = |name: &str| {
            xml_pair.and_then(|pair| {
                pair.children()
                    .into_iter()
                    .find(|c| c.node.tag_name().name() == name)
            })
        };
        let (xml_key, xml_value) = (part("Key"), part("Value"));
        let json_value = json
            .and_then(Json::members)
            .and_then(|members| members.first())
            .map(|(_, _, value)| value);
        let mut key_ty = self.typed(key, pos, "Key", None, xml_key);
        let mut value_ty = self.typed(value, pos, "Value", json_value, xml_value);
        // DataContract names the pair for the CLR types (`KeyValueOfstringint`), where the
        // page's phrase (`integer`) stands for several: the sample's name says which.
        if let Some(pair) = xml_pair
            && let Some((key_builtin, value_builtin)) = pair_types(pair.node.tag_name().name())
        {
            let sampled = pair.pos();
            for (ty, builtin) in [(&mut key_ty, key_builtin), (&mut value_ty, value_builtin)] {
                if matches!(ty.value, TypeUse::Builtin(_)) {
                    *ty = Fact::stated(TypeUse::Builtin(builtin), sampled);
                }
            }
        }
        let contract_name = |ty: &TypeUse| match ty {
            TypeUse::Builtin(builtin) => builtin.xsd_name().to_owned(),
            TypeUse::Named(name) => name.local.clone(),
            TypeUse::Anonymous(_) => "anyType".to_owned(),
        };
        let pair_local = xml_pair.map_or_else(
            || {
                format!(
                    "KeyValueOf{}{}",
                    contract_name(&key_ty.value),
                    contract_name(&value_ty.value)
                )
            },
            |pair| pair.node.tag_name().name().to_owned(),
        );
        let at = |x: Option<XmlAt<'_, '_>>| x.map_or(pos, |x| x.pos());
        let member = |local: &str, ty: Fact<TypeUse>, place: Pos| {
            Element::once(QName::new(ARRAYS_NAMESPACE, local), place, ty)
        };
        let pair = ComplexType {
            key_value: true,
            ..ComplexType::of_elements(vec![
                member("Key", key_ty, at(xml_key)),
                member("Value", value_ty, at(xml_value)),
            ])
        };
        let pair_ty = self.add(
            Fact::inferred(
                QName::new(ARRAYS_NAMESPACE, pair_local.as_str()),
                Rule::DataContractDictionary,
                pos,
            ),
            TypeKind::Complex(pair),
            Vec::new(),
            pos,
        );
        let item_pos = at(xml_pair);
        let item = array_item(
            QName::new(ARRAYS_NAMESPACE, pair_local.as_str()),
            item_pos,
            pair_ty,
        );
        let array_local = xml.map_or_else(
            || format!("ArrayOf{pair_local}"),
            |x| x.node.tag_name().name().to_owned(),
        );
        self.add(
            Fact::inferred(
                QName::new(ARRAYS_NAMESPACE, array_local),
                Rule::DataContractDictionary,
                pos,
            ),
            TypeKind::Complex(ComplexType::of_elements(vec![item])),
            Vec::new(),
            pos,
        )
    }

    /// `Collection of X`: an `ArrayOfX` type whose items are named after `X`; `item` is `X`,
    /// or `None` where the page does not say and the samples show it.
    /// `Collection of Object` says: its items are whatever the action puts there, kept whole
    /// however the sample's one item looks.
    fn collection(
        &mut self,
        item: Option<&WebApiType>,
        pos: Pos,
        local: &str,
        json: Option<&Json>,
        xml: Option<XmlAt<'a, 's>>,
    ) -> Fact<TypeUse> {
        let json_item = match json.map(|j| &j.value) {
            Some(JsonValue::Array(items)) => items.first(),
            _ => None,
        };
        let xml_items = xml.map(|x| x.children()).unwrap_or_default();
        let xml_item = xml_items.first().copied();
        let item_type = match item {
            None => self.untyped(
                xml.map_or("", |x| x.node.tag_name().namespace().unwrap_or("")),
                local,
                pos,
                json_item,
                xml_item,
            ),
            Some(item) => self.typed(item, pos, local, json_item, xml_item),
        };
        let item_type_name = match &item_type.value {
            TypeUse::Builtin(builtin) => builtin.xsd_name().to_owned(),
            TypeUse::Named(name) => name.local.clone(),
            TypeUse::Anonymous(_) => "anyType".to_owned(),
        };
        let item_name = match xml_item {
            Some(x) => element_name(x.node),
            None => QName::new("", item_type_name.clone()),
        };
        let item_pos = xml_item.map_or(pos, |x| x.pos());
        let item_element = array_item(item_name.clone(), item_pos, item_type);
        let array_name = Fact::inferred(
            QName::new(&item_name.namespace, format!("ArrayOf{item_type_name}")),
            Rule::DataContractArrayType,
            pos,
        );
        self.add(
            array_name,
            TypeKind::Complex(ComplexType::of_elements(vec![item_element])),
            Vec::new(),
            pos,
        )
    }

    /// A simple value's type from its samples.
    fn scalar(
        &mut self,
        pos: Pos,
        json: Option<&Json>,
        xml: Option<XmlAt<'a, 's>>,
    ) -> Fact<TypeUse> {
        let builtin = match json.map(|j| &j.value) {
            Some(JsonValue::Bool(_)) => Builtin::Boolean,
            Some(JsonValue::Number(n)) if n.contains(['.', 'e', 'E']) => Builtin::Decimal,
            Some(JsonValue::Number(_)) => Builtin::Long,
            Some(JsonValue::String(s)) => string_type(s),
            _ => match xml.and_then(|x| x.text()) {
                Some((text, _)) => string_type(text),
                None => Builtin::String,
            },
        };
        Fact::inferred(TypeUse::Builtin(builtin), Rule::TypeFromSampleValue, pos)
    }

    fn add(
        &mut self,
        name: Fact<QName>,
        kind: TypeKind,
        documentation: Vec<Doc>,
        pos: Pos,
    ) -> Fact<TypeUse> {
        let origin = name.origin.clone();
        let wanted = name.value.clone();
        let def = TypeDef {
            name,
            source: self.source_id,
            documentation,
            kind,
        };
        // Two samples of one enumeration may show different members; they add up.
        if let (Some(existing), TypeKind::Enumeration(new)) =
            (self.types.get_mut(&wanted), &def.kind)
            && let TypeKind::Enumeration(known) = &mut existing.kind
        {
            for member in &new.members {
                if !known
                    .members
                    .iter()
                    .any(|m| m.name.value == member.name.value)
                {
                    known.members.push(member.clone());
                }
            }
            return Fact {
                value: TypeUse::Named(wanted),
                origin,
            };
        }
        if let Err(conflict) = self.types.add(def, None) {
            let problem = conflict.problem(&wanted);
            self.diagnostics.push(self.page.error(pos, problem));
        }
        Fact {
            value: TypeUse::Named(wanted),
            origin,
        }
    }
}

/// An item of a DataContract array (`ArrayOfX`): any number of them, as the serializer
/// writes a collection.
fn array_item(name: QName, pos: Pos, ty: Fact<TypeUse>) -> Element {
    Element {
        min_occurs: Fact::inferred(0, Rule::DataContractArrayType, pos),
        max_occurs: Fact::inferred(MaxOccurs::Unbounded, Rule::DataContractArrayType, pos),
        ..Element::once(name, pos, ty)
    }
}

/// The type of a string sample value: help pages write dates and GUIDs as such.
fn string_type(text: &str) -> Builtin {
    if looks_like_date_time(text) {
        Builtin::DateTime
    } else if looks_like_guid(text) {
        Builtin::Guid
    } else {
        Builtin::String
    }
}

/// The position of the byte at `offset` of a documentation paragraph.
fn doc_pos(doc: &Doc, offset: usize) -> Pos {
    doc.pos.right(doc.text[..offset].chars().count() as u32)
}

/// The built-in key and value types a DataContract pair's name spells
/// (`KeyValueOfstringint` → `string`, `int`), where both are built-ins.
fn pair_types(name: &str) -> Option<(Builtin, Builtin)> {
    let rest = name.strip_prefix("KeyValueOf")?;
    (1..rest.len())
        .filter(|&i| rest.is_char_boundary(i))
        .find_map(|i| {
            let (key, value) = rest.split_at(i);
            let builtin =
                |local: &str| Builtin::resolve(&QName::new(SERIALIZATION_NAMESPACE, local));
            Some((builtin(key)?, builtin(value)?))
        })
}
