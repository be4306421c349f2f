//! A page's own samples as payloads, and comparisons that ignore what the wire ignores.
//!
//! ASMX help pages write every value as a placeholder naming its type (`int`, `dateTime`,
//! `A or B`); to be read, a placeholder is filled with a value of that type, here and in the
//! sample it is compared with, so that the comparison still checks every name, namespace,
//! order and text the page shows.

use codegen::model::{Binding, Builtin, Family, Operation, SampleKind, Service, TypeKind, TypeUse};
use generated::runtime::{BindingKind, Payload};

/// A value of each built-in type to stand for its placeholder.
pub fn value_of(builtin: Builtin) -> Option<&'static str> {
    Some(match builtin {
        Builtin::Boolean => "true",
        Builtin::Byte | Builtin::Short | Builtin::Int | Builtin::Long => "-42",
        Builtin::UnsignedByte
        | Builtin::UnsignedShort
        | Builtin::UnsignedInt
        | Builtin::UnsignedLong => "42",
        Builtin::Char => "65",
        Builtin::Decimal => "12.50",
        Builtin::Float | Builtin::Double => "1.5",
        Builtin::DateTime => "2025-01-23T00:09:38.9648983+07:00",
        Builtin::Guid => "5b0c7d3e-2a8f-4f61-9a57-0e1f2d3c4b5a",
        Builtin::Base64Binary => "AQID",
        // Strings, URIs, dates and durations kept as text, and raw XML: the placeholder is a value.
        _ => return None,
    })
}

/// The value for an ASMX placeholder: a typed value, or the first of `A or B or C`.
fn fill_placeholder(text: &str) -> Option<String> {
    let trimmed = text.trim();
    if let Some((first, _)) = trimmed.split_once(" or ") {
        return Some(first.to_owned());
    }
    let builtin = Builtin::from_xsd_name(trimmed)?;
    value_of(builtin).map(str::to_owned)
}

/// An XML sample with every placeholder in text and attributes filled.
pub fn fill_xml(text: &str) -> String {
    let Ok(doc) = roxmltree::Document::parse(text) else {
        return text.to_owned();
    };
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    for node in doc.descendants() {
        let leaf_text = node.is_text()
            && node
                .parent()
                .is_some_and(|p| p.children().all(|c| !c.is_element()));
        if leaf_text && let Some(value) = node.text().and_then(fill_placeholder) {
            edits.push((node.range(), value));
        }
        for attr in node.attributes() {
            if let Some(value) = fill_placeholder(attr.value()) {
                edits.push((attr.range_value(), value));
            }
        }
    }
    let mut out = text.to_owned();
    edits.sort_by_key(|(range, _)| std::cmp::Reverse(range.start));
    for (range, value) in edits {
        out.replace_range(range, &value);
    }
    out
}

/// The type of the input member `name` of an operation, for the pairs of HTTP GET and POST
/// samples, whose values ASMX shows as `string` whatever the type.
fn member_value(service: &Service, op: &Operation, name: &str) -> Option<String> {
    let body = op.input.body.as_ref()?;
    let TypeUse::Anonymous(complex) = &body.ty.value else {
        return None;
    };
    let member = complex.elements().find(|e| e.name.local == name)?;
    match &member.ty.value {
        TypeUse::Builtin(builtin) => value_of(*builtin).map(str::to_owned),
        TypeUse::Named(type_name) => match &service.find_type(type_name)?.kind {
            TypeKind::Enumeration(e) => e.members.first().map(|m| m.name.value.clone()),
            _ => None,
        },
        TypeUse::Anonymous(_) => None,
    }
}

/// Pairs with the values of ASMX placeholders filled by the members' types.
pub fn fill_pairs(service: &Service, op: &Operation, pairs: &str) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    for (name, value) in form_urlencoded::parse(pairs.as_bytes()) {
        let value = match member_value(service, op, &name) {
            Some(filled) => filled,
            None => value.into_owned(),
        };
        out.append_pair(&name, &value);
    }
    out.finish()
}

/// The binding a sample goes with. A sample the page does not tie to a binding (srv.asmx's
/// bare results, xWeb's JSON result) is the reply of the operation's HTTP or JSON bindings.
pub fn binding_of(op: &Operation, binding: Option<BindingKind>) -> Option<BindingKind> {
    let binding = match binding {
        Some(binding) => binding,
        None => op
            .bindings
            .iter()
            .filter(|b| matches!(b, Binding::Http(_) | Binding::Json(_)))
            .flat_map(Binding::kinds)
            .next()?,
    };
    // No generated code carries a Web API form; nor a Web API body in a syntax whose
    // request or response the operation cannot take (an XML request of an action whose
    // response the page lists in JSON alone).
    let called = op
        .bindings
        .iter()
        .flat_map(Binding::kinds)
        .any(|k| k == binding);
    (binding != BindingKind::WebApiForm && called).then_some(binding)
}

/// A sample as the payload that travels: the query of its request line for GET, its body
/// otherwise; placeholders filled on ASMX help pages; Web API path parameters given values.
pub fn payload_of(
    service: &Service,
    op: &Operation,
    sample: &codegen::model::Sample,
    binding: BindingKind,
) -> Payload {
    let asmx = service
        .sources
        .first()
        .is_some_and(|s| s.family == Family::AsmxHelp);
    let body = sample
        .body
        .as_ref()
        .map(|b| b.value.clone())
        .unwrap_or_default();
    let mut payload = Payload::default();
    match binding {
        BindingKind::HttpGet | BindingKind::JsonGet if sample.kind == SampleKind::Request => {
            let target = sample
                .start_line
                .as_deref()
                .and_then(|line| line.split_whitespace().nth(1))
                .unwrap_or("");
            let query = target.split_once('?').map_or("", |(_, q)| q);
            payload.query = Some(if asmx {
                fill_pairs(service, op, query)
            } else {
                query.to_owned()
            });
        }
        BindingKind::HttpPost if sample.kind == SampleKind::Request => {
            payload.body = if asmx {
                fill_pairs(service, op, &body)
            } else {
                body
            };
        }
        BindingKind::JsonPost | BindingKind::WebApiJson => payload.body = body,
        _ => payload.body = if asmx { fill_xml(&body) } else { body },
    }
    if matches!(binding, BindingKind::WebApiJson | BindingKind::WebApiXml)
        && sample.kind == SampleKind::Request
    {
        for parameter in &op.input.parameters {
            let in_path = op.bindings.iter().any(|b| match b {
                Binding::WebApi(api) => api.route_has(&parameter.name.local),
                _ => false,
            });
            if in_path {
                let value = match &parameter.ty.value {
                    TypeUse::Builtin(builtin) => value_of(*builtin).unwrap_or("value"),
                    _ => "value",
                };
                payload
                    .path
                    .push((parameter.name.local.clone(), value.to_owned()));
            }
        }
    }
    payload
}

/// The differences between two XML documents, by expanded names, attributes, order and text;
/// prefixes, namespace declarations and white space between elements aside.
pub fn xml_difference(actual: &str, expected: &str) -> Option<String> {
    let actual_doc = match roxmltree::Document::parse(actual) {
        Ok(doc) => doc,
        Err(error) => return Some(format!("the written XML does not parse: {error}")),
    };
    let expected_doc = roxmltree::Document::parse(expected).expect("samples parse");
    element_difference(
        actual_doc.root_element(),
        expected_doc.root_element(),
        Compare::Literal,
    )
}

/// The difference between two SOAP-encoded envelopes, as SOAP section 5 sees them: the
/// Bodies' elements by names, namespaces, order, text and attributes, with what encoders
/// choose freely set aside. Where `encodingStyle` stands (the Envelope, the Body) says the
/// same; so does the type an array names for itself (its declared type, or `soapenc:Array`)
/// beside its `soapenc:arrayType`, whose qualified name is compared by namespace.
pub fn encoded_difference(actual: &str, expected: &str) -> Option<String> {
    let actual_doc = match roxmltree::Document::parse(actual) {
        Ok(doc) => doc,
        Err(error) => return Some(format!("the written XML does not parse: {error}")),
    };
    let expected_doc = roxmltree::Document::parse(expected).expect("samples parse");
    fn body<'a, 'input>(
        doc: &'a roxmltree::Document<'input>,
    ) -> Option<roxmltree::Node<'a, 'input>> {
        doc.root_element()
            .children()
            .find(|c| c.is_element() && c.tag_name().name() == "Body")
    }
    match (body(&actual_doc), body(&expected_doc)) {
        (Some(actual), Some(expected)) => children_difference(actual, expected, Compare::Encoded),
        (None, _) => Some("an envelope without a Body".to_owned()),
        (_, None) => panic!("the expected envelope has no Body"),
    }
}

/// What a comparison of XML sets aside.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Compare {
    /// Nothing: names, namespaces, order, attributes and text.
    Literal,
    /// What SOAP encoders choose freely (see [`encoded_difference`]).
    Encoded,
}

/// SOAP 1.1's encoding namespace, of `soapenc:arrayType`.
const SOAP_ENCODING: &str = "http://schemas.xmlsoap.org/soap/encoding/";

fn element_difference(
    actual: roxmltree::Node,
    expected: roxmltree::Node,
    compare: Compare,
) -> Option<String> {
    let name = |n: roxmltree::Node| {
        format!(
            "{{{}}}{}",
            n.tag_name().namespace().unwrap_or(""),
            n.tag_name().name()
        )
    };
    if name(actual) != name(expected) {
        return Some(format!(
            "<{}> where the sample has <{}>",
            name(actual),
            name(expected)
        ));
    }
    let attributes = |n: roxmltree::Node| {
        let is_array = n.has_attribute((SOAP_ENCODING, "arrayType"));
        let mut list: Vec<(String, String, String)> = n
            .attributes()
            .filter(|a| {
                compare == Compare::Literal
                    || !(a.name() == "encodingStyle"
                        || is_array && a.namespace() == Some(XSI) && a.name() == "type")
            })
            .map(|a| {
                let namespace = a.namespace().unwrap_or("");
                // `xsi:type` and `soapenc:arrayType` hold qualified names: the prefix is the
                // writer's, the namespace is what it says.
                let qualified = (namespace == XSI && a.name() == "type")
                    || (namespace == SOAP_ENCODING && a.name() == "arrayType");
                let value = if qualified {
                    resolve_qname(n, a.value())
                } else {
                    a.value().to_owned()
                };
                (namespace.to_owned(), a.name().to_owned(), value)
            })
            .collect();
        list.sort();
        list
    };
    if attributes(actual) != attributes(expected) {
        return Some(format!(
            "attributes of <{}>: {:?} where the sample has {:?}",
            name(actual),
            attributes(actual),
            attributes(expected)
        ));
    }
    let has_children = |n: roxmltree::Node| n.children().any(|c| c.is_element());
    if !has_children(actual) && !has_children(expected) {
        let text = |n: roxmltree::Node| {
            n.children()
                .filter(|c| c.is_text())
                .filter_map(|c| c.text())
                .collect::<String>()
        };
        return (text(actual) != text(expected)).then(|| {
            format!(
                "text of <{}>: {:?} where the sample has {:?}",
                name(actual),
                text(actual),
                text(expected)
            )
        });
    }
    children_difference(actual, expected, compare)
}

/// The difference between the element children of two elements, in order.
fn children_difference(
    actual: roxmltree::Node,
    expected: roxmltree::Node,
    compare: Compare,
) -> Option<String> {
    let name = |n: roxmltree::Node| n.tag_name().name().to_owned();
    let actual_children: Vec<roxmltree::Node> =
        actual.children().filter(|c| c.is_element()).collect();
    let expected_children: Vec<roxmltree::Node> =
        expected.children().filter(|c| c.is_element()).collect();
    if actual_children.len() != expected_children.len() {
        return Some(format!(
            "<{}> has {} children where the sample has {}: {:?} against {:?}",
            name(actual),
            actual_children.len(),
            expected_children.len(),
            actual_children
                .iter()
                .map(|c| c.tag_name().name())
                .collect::<Vec<_>>(),
            expected_children
                .iter()
                .map(|c| c.tag_name().name())
                .collect::<Vec<_>>()
        ));
    }
    actual_children
        .into_iter()
        .zip(expected_children)
        .find_map(|(a, e)| element_difference(a, e, compare))
}

/// The XML Schema instance namespace.
const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// A qualified name written as `prefix:local`, resolved where it stands: `{namespace}local`.
fn resolve_qname(node: roxmltree::Node, value: &str) -> String {
    let (prefix, local) = match value.split_once(':') {
        Some((prefix, local)) => (Some(prefix), local),
        None => (None, value),
    };
    match node.lookup_namespace_uri(prefix) {
        Some(namespace) => format!("{{{namespace}}}{local}"),
        None => value.to_owned(),
    }
}

/// The difference between two JSON documents as values.
pub fn json_difference(actual: &str, expected: &str) -> Option<String> {
    let actual_value: serde_json::Value = match serde_json::from_str(actual) {
        Ok(value) => value,
        Err(error) => return Some(format!("the written JSON does not parse: {error}")),
    };
    let expected_value: serde_json::Value = serde_json::from_str(expected).expect("samples parse");
    (actual_value != expected_value)
        .then(|| format!("{actual_value} where the sample has {expected_value}"))
}

/// The difference between two queries or forms as pairs, in order.
pub fn pairs_difference(actual: &str, expected: &str) -> Option<String> {
    let pairs = |text: &str| {
        form_urlencoded::parse(text.as_bytes())
            .into_owned()
            .collect::<Vec<_>>()
    };
    (pairs(actual) != pairs(expected)).then(|| {
        format!(
            "{:?} where the sample has {:?}",
            pairs(actual),
            pairs(expected)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::encoded_difference;

    const SUDS: &str = r#"<E:Envelope xmlns:E="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:x="http://www.w3.org/2001/XMLSchema" xmlns:enc="http://schemas.xmlsoap.org/soap/encoding/" xmlns:t="urn:t" E:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"><E:Header/><E:Body><t:Op><names xsi:type="t:ArrayOfString" enc:arrayType="x:string[2]"><item xsi:type="x:string">a</item><item xsi:type="x:string">b</item></names></t:Op></E:Body></E:Envelope>"#;

    fn ours(array_type: &str, item_type: &str) -> String {
        format!(
            r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><soap:Body soap:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"><Op xmlns="urn:t"><names xmlns="" xsi:type="q1:Array" xmlns:q1="http://schemas.xmlsoap.org/soap/encoding/" xmlns:q2="http://schemas.xmlsoap.org/soap/encoding/" q2:arrayType="{array_type}"><item xsi:type="{item_type}">a</item><item xsi:type="xsd:string">b</item></names></Op></soap:Body></soap:Envelope>"#
        )
    }

    #[test]
    fn encoded_envelopes_compare_by_what_they_say() {
        assert_eq!(
            encoded_difference(&ours("xsd:string[2]", "xsd:string"), SUDS),
            None
        );
        assert!(encoded_difference(&ours("xsd:string[3]", "xsd:string"), SUDS).is_some());
        assert!(encoded_difference(&ours("xsd:int[2]", "xsd:string"), SUDS).is_some());
        assert!(encoded_difference(&ours("xsd:string[2]", "xsd:int"), SUDS).is_some());
    }
}
