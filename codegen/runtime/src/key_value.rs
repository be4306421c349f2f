//! Dictionaries, as .NET writes them: DataContract XML as an array of `KeyValueOf…` pairs,
//! each a `Key` and a `Value`, and Json.NET as an object whose members are the pairs. A
//! dictionary is a `Vec<KeyValue<K, V>>`, which keeps the pairs in the order they came.

use roxmltree::Node;
use serde_json::{Map, Value};

use super::error::{DecodeError, EncodeError};
use super::json::{JsonPath, JsonType, object};
use super::text::XmlText;
use super::xml_read::{elements, is, missing};
use super::xml_type::XmlType;
use super::xml_write::XmlWriter;

/// The namespace of DataContract's collections, where a pair's `Key` and `Value` stand.
pub const ARRAYS_NAMESPACE: &str = "http://schemas.microsoft.com/2003/10/Serialization/Arrays";

/// One pair of a dictionary.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct KeyValue<K, V> {
    /// The key.
    pub key: K,
    /// The value.
    pub value: V,
}

impl<K, V> KeyValue<K, V> {
    /// The pair of `key` and `value`.
    pub fn new(key: K, value: V) -> Self {
        KeyValue { key, value }
    }
}

impl<K: XmlType, V: XmlType> XmlType for KeyValue<K, V> {
    fn write_content(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        w.element(ARRAYS_NAMESPACE, "Key", &self.key)?;
        w.element(ARRAYS_NAMESPACE, "Value", &self.value)
    }

    fn read_element(node: Node<'_, '_>) -> Result<Self, DecodeError> {
        let mut key = None;
        let mut value = None;
        for child in elements(node) {
            if is(child, ARRAYS_NAMESPACE, "Key") {
                key = Some(K::read_element(child)?);
            } else if is(child, ARRAYS_NAMESPACE, "Value") {
                value = Some(V::read_element(child)?);
            }
        }
        Ok(KeyValue {
            key: key.ok_or_else(|| missing(node, "<Key>"))?,
            value: value.ok_or_else(|| missing(node, "<Value>"))?,
        })
    }
}

/// A dictionary as a JSON object: each key as text, its value as JSON.
pub fn to_object<K: XmlText, V: JsonType>(pairs: &[KeyValue<K, V>]) -> Result<Value, EncodeError> {
    let mut object = Map::new();
    for pair in pairs {
        object.insert(pair.key.to_text().into_owned(), pair.value.to_json()?);
    }
    Ok(Value::Object(object))
}

/// A dictionary from a JSON object (`null` is none), its pairs in the object's order.
pub fn pairs<K: XmlText, V: JsonType>(
    value: &Value,
    at: &JsonPath<'_>,
) -> Result<Vec<KeyValue<K, V>>, DecodeError> {
    if value.is_null() {
        return Ok(Vec::new());
    }
    object(value, at)?
        .iter()
        .map(|(name, item)| {
            let at = at.member(name);
            let key = K::from_text(name).ok_or_else(|| {
                super::json::bad_json(&at, K::EXPECTED, &Value::String(name.clone()))
            })?;
            Ok(KeyValue {
                key,
                value: V::from_json(item, &at)?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dictionary_is_an_object_in_json_and_pairs_in_xml() {
        let pairs_in = vec![
            KeyValue::new("b".to_owned(), 2i32),
            KeyValue::new("a".to_owned(), 1i32),
        ];
        let json = to_object(&pairs_in).unwrap();
        assert_eq!(json.to_string(), r#"{"b":2,"a":1}"#);
        let back: Vec<KeyValue<String, i32>> = pairs(&json, &JsonPath::Root).unwrap();
        assert_eq!(back, pairs_in);
        let mut w = XmlWriter::new();
        let open = w.start(ARRAYS_NAMESPACE, "KeyValueOfstringint");
        pairs_in[0].write_content(&mut w).unwrap();
        w.end(open);
        let xml = w.finish();
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let read = KeyValue::<String, i32>::read_element(doc.root_element()).unwrap();
        assert_eq!(read, pairs_in[0]);
        assert!(pairs::<i32, i32>(&serde_json::json!({"x": 1}), &JsonPath::Root).is_err());
    }
}
