//! Reading XML with `roxmltree`: by namespace and local name, never by prefix.

use std::borrow::Cow;

use roxmltree::{Document, Node};

use super::error::{DecodeError, DecodeProblem, excerpt};
use super::limits::Limits;
use super::nillable::Nillable;
use super::xml_type::XmlType;
use super::xml_write::XSI;

/// Parses a message within the default [`Limits`].
pub fn parse(text: &str) -> Result<Document<'_>, DecodeError> {
    parse_within(text, &Limits::default())
}

/// Parses a message, refused past `limits` before the parser sees it.
pub fn parse_within<'t>(text: &'t str, limits: &Limits) -> Result<Document<'t>, DecodeError> {
    limits.check_xml(text)?;
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        ..roxmltree::ParsingOptions::default()
    };
    Document::parse_with_options(text, options).map_err(|error| {
        DecodeError::new(
            "the message",
            DecodeProblem::Syntax(format!("not XML: {error}")),
        )
    })
}

/// The path of an element, by local names (`/Envelope/Body/LogoutResponse`).
pub fn path(node: Node<'_, '_>) -> String {
    let mut names: Vec<&str> = node
        .ancestors()
        .filter(Node::is_element)
        .map(|n| n.tag_name().name())
        .collect();
    names.reverse();
    let mut path = String::new();
    for name in names {
        path.push('/');
        path.push_str(name);
    }
    path
}

/// Whether an element has this namespace (empty for none) and local name.
pub fn is(node: Node<'_, '_>, ns: &str, local: &str) -> bool {
    node.tag_name().name() == local && node.tag_name().namespace().unwrap_or("") == ns
}

/// The name of an element: its namespace (empty for none) and its local name, to match on.
pub fn name<'a>(node: Node<'a, '_>) -> (&'a str, &'a str) {
    (
        node.tag_name().namespace().unwrap_or(""),
        node.tag_name().name(),
    )
}

/// The child elements.
pub fn elements<'a, 'input>(node: Node<'a, 'input>) -> impl Iterator<Item = Node<'a, 'input>> {
    node.children().filter(Node::is_element)
}

/// Whether an element says `xsi:nil="true"`.
pub fn is_nil(node: Node<'_, '_>) -> bool {
    matches!(node.attribute((XSI, "nil")), Some("true" | "1"))
}

/// The text of an element: its text children together.
pub fn text_of<'a>(node: Node<'a, '_>) -> Cow<'a, str> {
    let mut texts = node
        .children()
        .filter(Node::is_text)
        .filter_map(|t| t.text());
    let first = texts.next().unwrap_or("");
    match texts.next() {
        None => Cow::Borrowed(first),
        Some(second) => {
            let mut all = String::from(first);
            all.push_str(second);
            texts.for_each(|t| all.push_str(t));
            Cow::Owned(all)
        }
    }
}

/// The markup inside an element, as it stands in the message.
pub fn inner_xml<'a>(node: Node<'_, 'a>) -> &'a str {
    let (Some(first), Some(last)) = (node.first_child(), node.last_child()) else {
        return "";
    };
    let text = node.document().input_text();
    text.get(first.range().start..last.range().end)
        .unwrap_or("")
}

/// "`what` is missing in `parent`".
pub fn missing(parent: Node<'_, '_>, what: &str) -> DecodeError {
    DecodeError::new(path(parent), DecodeProblem::Missing(what.to_owned()))
}

/// Keeps `value`, read from `node`, as the one value of an element that stands once: the
/// same element again with another value is refused, as nobody can tell which the sender
/// meant (a `status` of `FAILED` and then `SUCCESS`).
pub fn once<T: PartialEq>(
    slot: &mut Option<T>,
    node: Node<'_, '_>,
    value: T,
) -> Result<(), DecodeError> {
    match slot {
        Some(before) if *before != value => Err(twice(node)),
        _ => {
            *slot = Some(value);
            Ok(())
        }
    }
}

/// [`once`] for an element that may be nil: a nil before the value does not count (DataContract
/// writes a member nil and then again with its value).
pub fn once_nillable<T: PartialEq>(
    slot: &mut Nillable<T>,
    node: Node<'_, '_>,
    value: T,
) -> Result<(), DecodeError> {
    match slot {
        Nillable::Value(before) if *before != value => Err(twice(node)),
        _ => {
            *slot = Nillable::Value(value);
            Ok(())
        }
    }
}

/// Reads the element `node` into the slot of an element that stands at most once: a nil
/// leaves the slot as it is, a value fills it ([`once`]).
pub fn read_once<T: XmlType + PartialEq>(
    slot: &mut Option<T>,
    node: Node<'_, '_>,
) -> Result<(), DecodeError> {
    if is_nil(node) {
        return Ok(());
    }
    once(slot, node, T::read_element(node)?)
}

/// Reads the element `node` into the slot of an element that may be nil: nil marks the slot
/// nil unless a value came first, a value fills it ([`once_nillable`]).
pub fn read_nillable<T: XmlType + PartialEq>(
    slot: &mut Nillable<T>,
    node: Node<'_, '_>,
) -> Result<(), DecodeError> {
    if is_nil(node) {
        if slot.is_absent() {
            *slot = Nillable::Nil;
        }
        return Ok(());
    }
    once_nillable(slot, node, T::read_element(node)?)
}

/// Reads the element `node` as one more item of a repeated element; nil items are skipped.
pub fn read_each<T: XmlType>(items: &mut Vec<T>, node: Node<'_, '_>) -> Result<(), DecodeError> {
    if !is_nil(node) {
        items.push(T::read_element(node)?);
    }
    Ok(())
}

/// The child elements of `parent` named `ns` and `local`, each read into `slot` by `read`:
/// what a struct that reads one or a few elements does for each, instead of a loop of its own.
fn read_children<S>(
    parent: Node<'_, '_>,
    ns: &str,
    local: &str,
    mut slot: S,
    read: impl Fn(&mut S, Node<'_, '_>) -> Result<(), DecodeError>,
) -> Result<S, DecodeError> {
    for child in elements(parent).filter(|child| is(*child, ns, local)) {
        read(&mut slot, child)?;
    }
    Ok(slot)
}

/// The element `local` of `parent`, read as [`read_once`] reads it: absent or nil is `None`.
pub fn child<T: XmlType + PartialEq>(
    parent: Node<'_, '_>,
    ns: &str,
    local: &str,
) -> Result<Option<T>, DecodeError> {
    read_children(parent, ns, local, None, read_once)
}

/// The element `local` of `parent`, which must stand there ([`child`], then [`required`]).
pub fn required_child<T: XmlType + PartialEq>(
    parent: Node<'_, '_>,
    ns: &str,
    local: &str,
) -> Result<T, DecodeError> {
    required(child(parent, ns, local)?, parent, local)
}

/// The element `local` of `parent` that may be nil, read as [`read_nillable`] reads it.
pub fn nillable_child<T: XmlType + PartialEq>(
    parent: Node<'_, '_>,
    ns: &str,
    local: &str,
) -> Result<Nillable<T>, DecodeError> {
    read_children(parent, ns, local, Nillable::Absent, read_nillable)
}

/// The repeated element `local` of `parent`, its items in order, nil ones skipped
/// ([`read_each`]).
pub fn each_child<T: XmlType>(
    parent: Node<'_, '_>,
    ns: &str,
    local: &str,
) -> Result<Vec<T>, DecodeError> {
    read_children(parent, ns, local, Vec::new(), read_each)
}

/// The value of a required element of `parent`, or the error that says it is missing.
pub fn required<T>(slot: Option<T>, parent: Node<'_, '_>, local: &str) -> Result<T, DecodeError> {
    slot.ok_or_else(|| missing(parent, &format!("<{local}>")))
}

fn twice(node: Node<'_, '_>) -> DecodeError {
    DecodeError::new(
        path(node),
        DecodeProblem::Unexpected {
            expected: "the element once, or again with the same value".to_owned(),
            found: "it again with another value".to_owned(),
        },
    )
}

/// "expected `expected`, found `found`" at `node`.
pub fn bad_value(node: Node<'_, '_>, expected: &'static str, found: &str) -> DecodeError {
    DecodeError::new(
        path(node),
        DecodeProblem::BadValue {
            expected,
            found: excerpt(found),
        },
    )
}

/// The root element, which must be `local` in `ns`.
pub fn root<'a, 'input>(
    doc: &'a Document<'input>,
    ns: &str,
    local: &str,
) -> Result<Node<'a, 'input>, DecodeError> {
    let root = doc.root_element();
    if is(root, ns, local) {
        Ok(root)
    } else {
        Err(unexpected(root, &format!("<{local}> in namespace `{ns}`")))
    }
}

/// "expected `expected`, found `<element>`" at `node`.
pub fn unexpected(node: Node<'_, '_>, expected: &str) -> DecodeError {
    let found = match node.tag_name().namespace() {
        Some(ns) if !ns.is_empty() => format!("<{}> in namespace `{ns}`", node.tag_name().name()),
        _ => format!("<{}>", node.tag_name().name()),
    };
    DecodeError::new(
        path(node),
        DecodeProblem::Unexpected {
            expected: expected.to_owned(),
            found,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(xml: &str) -> roxmltree::Document<'_> {
        roxmltree::Document::parse(xml).unwrap()
    }

    #[test]
    fn a_child_read_by_name_passes_over_other_names_and_nil() {
        let doc = parsed(
            r#"<r xmlns="urn:a" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><other>1</other><n xsi:nil="true"/><n xmlns="urn:b">9</n><n>2</n></r>"#,
        );
        let node = doc.root_element();
        assert_eq!(child::<i32>(node, "urn:a", "n").unwrap(), Some(2));
        assert_eq!(child::<i32>(node, "urn:a", "gone").unwrap(), None);
        assert_eq!(required_child::<i32>(node, "urn:a", "other").unwrap(), 1);
        let missing = required_child::<i32>(node, "urn:a", "gone").unwrap_err();
        assert!(missing.to_string().contains("<gone>"), "{missing}");
    }

    #[test]
    fn a_child_read_by_name_that_comes_again_with_another_value_is_refused() {
        let same = parsed(r#"<r><n>2</n><n>2</n></r>"#);
        assert_eq!(child::<i32>(same.root_element(), "", "n").unwrap(), Some(2));
        let other = parsed(r#"<r><n>2</n><n>3</n></r>"#);
        let error = child::<i32>(other.root_element(), "", "n").unwrap_err();
        assert!(error.to_string().contains("another value"), "{error}");
    }

    #[test]
    fn a_nillable_child_and_a_repeated_child_read_by_name() {
        let doc = parsed(
            r#"<r xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><z xsi:nil="true"/><v>1</v><v xsi:nil="true"/><v>3</v></r>"#,
        );
        let node = doc.root_element();
        assert_eq!(nillable_child::<i32>(node, "", "z").unwrap(), Nillable::Nil);
        assert_eq!(
            nillable_child::<i32>(node, "", "gone").unwrap(),
            Nillable::Absent
        );
        assert_eq!(each_child::<i32>(node, "", "v").unwrap(), [1, 3]);
        let bad = parsed(r#"<r><v>1</v><v>x</v></r>"#);
        let error = each_child::<i32>(bad.root_element(), "", "v").unwrap_err();
        assert!(error.to_string().contains('x'), "{error}");
    }
}
