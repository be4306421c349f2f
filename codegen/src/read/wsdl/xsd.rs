//! XSD schemas as a set: every schema of a WSDL's `types` and of the documents it imports,
//! with their target namespaces and form defaults, and their global components indexed by
//! qualified name. Also the family of schema documents that a WSDL of the folder imports.

use std::collections::HashMap;

use roxmltree::Node;

use crate::diagnostic::{Diagnostic, Diagnostics, Problem};
use crate::model::{Family, Pos, QName, XSD_NAMESPACE};
use crate::read::wsdl::xml_document::{XmlDocument, children, is, root_name};
use crate::read::wsdl::xsd_lower::Lowering;
use crate::read::{DocumentRead, FamilyReader};
use crate::source::Source;

/// The WSDL 1.1 namespace.
pub const WSDL_NAMESPACE: &str = "http://schemas.xmlsoap.org/wsdl/";

/// The family's entry in the readers' table: a schema document, read for its types.
pub(crate) const FAMILY: FamilyReader = FamilyReader {
    family: Family::Xsd,
    recognizes: |source| {
        root_name(source).is_some_and(|(ns, local)| ns == XSD_NAMESPACE && local == "schema")
    },
    read: read_schema_document,
};

/// Reads a schema document on its own: its types, which the service holds whether a WSDL
/// uses them or not.
fn read_schema_document(source: &Source, folder: &[Source]) -> Result<DocumentRead, Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    let docs = load(source, folder, &mut diagnostics);
    let set = SchemaSet::build(&docs, &mut diagnostics);
    let mut lowering = Lowering::new(&set);
    lowering.named_types();
    let (types, found) = lowering.finish();
    diagnostics.extend(found);
    diagnostics.into_result(DocumentRead {
        types,
        ..DocumentRead::default()
    })
}

/// A schema: where it is, its target namespace and its form defaults.
#[derive(Clone, Debug)]
pub struct Schema {
    /// The document it stands in (index into [`SchemaSet::docs`]).
    pub doc: usize,
    /// `targetNamespace`, empty for none.
    pub target: String,
    /// `elementFormDefault="qualified"`.
    pub elements_qualified: bool,
    /// `attributeFormDefault="qualified"`.
    pub attributes_qualified: bool,
}

/// A global declaration or definition: its node and its schema.
#[derive(Clone, Copy)]
pub struct Decl<'a, 's> {
    /// The node.
    pub node: Node<'a, 's>,
    /// Its schema (index into [`SchemaSet::schemas`]).
    pub schema: usize,
}

/// The kinds of global components.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// `complexType`.
    Complex,
    /// `simpleType`.
    Simple,
    /// `element`.
    Element,
    /// `attribute`.
    Attribute,
    /// `group`.
    Group,
    /// `attributeGroup`.
    AttributeGroup,
}

impl Kind {
    fn of(local: &str) -> Option<Kind> {
        Some(match local {
            "complexType" => Kind::Complex,
            "simpleType" => Kind::Simple,
            "element" => Kind::Element,
            "attribute" => Kind::Attribute,
            "group" => Kind::Group,
            "attributeGroup" => Kind::AttributeGroup,
            _ => return None,
        })
    }
}

/// Every schema of a reading and its global components.
pub struct SchemaSet<'a, 's> {
    /// The documents.
    pub docs: &'a [XmlDocument<'s>],
    /// The schemas, in document order.
    pub schemas: Vec<Schema>,
    /// Global components by kind and name.
    components: HashMap<(Kind, QName), Decl<'a, 's>>,
    /// The named types, in document order.
    pub types: Vec<(Kind, QName)>,
}

impl<'a, 's> SchemaSet<'a, 's> {
    /// Indexes the schemas of `docs`.
    pub fn build(docs: &'a [XmlDocument<'s>], diagnostics: &mut Diagnostics) -> Self {
        let mut set = SchemaSet {
            docs,
            schemas: Vec::new(),
            components: HashMap::new(),
            types: Vec::new(),
        };
        for (index, doc) in docs.iter().enumerate() {
            for schema in schema_nodes(doc) {
                set.add_schema(index, schema, diagnostics);
            }
        }
        set
    }

    fn add_schema(&mut self, doc: usize, node: Node<'a, 's>, diagnostics: &mut Diagnostics) {
        let qualified = |attr: &str| node.attribute(attr) == Some("qualified");
        let schema = self.schemas.len();
        let target = node.attribute("targetNamespace").unwrap_or("").to_owned();
        self.schemas.push(Schema {
            doc,
            target: target.clone(),
            elements_qualified: qualified("elementFormDefault"),
            attributes_qualified: qualified("attributeFormDefault"),
        });
        let xml = &self.docs[doc];
        for child in children(node) {
            if child.tag_name().namespace() != Some(XSD_NAMESPACE) {
                continue;
            }
            let local = child.tag_name().name();
            if local == "redefine" || local == "override" {
                diagnostics.push(xml.error_at(
                    child,
                    "schemaLocation",
                    Problem::Unsupported {
                        what: format!("`xs:{local}`"),
                        hint: "schemas that import or include others as they stand".into(),
                    },
                ));
                continue;
            }
            let Some(kind) = Kind::of(local) else {
                continue;
            };
            let Some(name) = child.attribute("name") else {
                diagnostics.push(xml.source.error(
                    xml.pos(child),
                    Problem::MissingPart {
                        what: format!("the name of this global `xs:{local}`"),
                    },
                ));
                continue;
            };
            let qname = QName::new(&target, name);
            let key = (kind, qname.clone());
            if let Some(first) = self.components.get(&key) {
                // A combined WSDL repeats whole schemas: the same definition twice is one.
                let first_schema = &self.schemas[first.schema];
                let same_forms = first_schema.elements_qualified
                    == self.schemas[schema].elements_qualified
                    && first_schema.attributes_qualified
                        == self.schemas[schema].attributes_qualified;
                if same_forms && same_definition(first.node, child) {
                    continue;
                }
                let first_pos = self.docs[first_schema.doc].pos(first.node);
                diagnostics.push(redefined(xml, child, "xs", &qname, first_pos));
                continue;
            }
            if matches!(kind, Kind::Complex | Kind::Simple) {
                self.types.push((kind, qname));
            }
            self.components.insert(
                key,
                Decl {
                    node: child,
                    schema,
                },
            );
        }
    }

    /// The global component of this kind and name.
    pub fn get(&self, kind: Kind, name: &QName) -> Option<Decl<'a, 's>> {
        self.components.get(&(kind, name.clone())).copied()
    }

    /// The document a declaration stands in.
    pub fn doc_of(&self, decl: Decl<'_, '_>) -> &'a XmlDocument<'s> {
        &self.docs[self.schemas[decl.schema].doc]
    }
}

/// The refusal of a second definition of `name` (a `prefix:` component, `xs` or `wsdl`)
/// at `node` that says another thing than the first, at `first`, which the diagnostic shows.
pub fn redefined(
    doc: &XmlDocument<'_>,
    node: Node<'_, '_>,
    prefix: &str,
    name: &QName,
    first: Pos,
) -> Diagnostic {
    let local = node.tag_name().name();
    doc.error_at(
        node,
        "name",
        Problem::Duplicate {
            what: format!("the `{prefix}:{local}` {name}, defined otherwise,"),
            first,
        },
    )
}

/// The attributes of XSD whose values are qualified names, resolved where they stand when
/// definitions are compared.
const QNAME_ATTRIBUTES: &[&str] = &["type", "base", "ref", "itemType", "substitutionGroup"];

/// Whether two definitions say the same: the same elements, attributes and text, in the same
/// order, with qualified names compared by what their prefixes are bound to where they stand
/// (a repeated schema may bind them otherwise). White space around text says nothing.
pub fn same_definition(a: Node<'_, '_>, b: Node<'_, '_>) -> bool {
    // The trees are walked side by side, each node once, so that the cost is linear.
    let mut pending = vec![(a, b)];
    while let Some((x, y)) = pending.pop() {
        if !same_node(x, y) {
            return false;
        }
        let mut xs = x.children().filter(significant);
        let mut ys = y.children().filter(significant);
        loop {
            match (xs.next(), ys.next()) {
                (None, None) => break,
                (Some(x), Some(y)) => pending.push((x, y)),
                _ => return false,
            }
        }
    }
    true
}

/// Whether a node says something of a definition: an element, or text that is not white
/// space alone (comments and processing instructions say nothing of the wire).
fn significant(node: &Node<'_, '_>) -> bool {
    node.is_element() || (node.is_text() && !node.text().unwrap_or("").trim().is_empty())
}

/// Whether two nodes of definitions being compared say the same, their children aside.
fn same_node(x: Node<'_, '_>, y: Node<'_, '_>) -> bool {
    if x.node_type() != y.node_type() {
        return false;
    }
    if x.is_text() {
        return x.text().unwrap_or("").trim() == y.text().unwrap_or("").trim();
    }
    if x.tag_name() != y.tag_name() {
        return false;
    }
    let resolved = |node: Node<'_, '_>, name: &str, value: &str| -> Option<(String, String)> {
        if !QNAME_ATTRIBUTES.contains(&name) {
            return None;
        }
        let (prefix, local) = match value.trim().split_once(':') {
            Some((prefix, local)) => (Some(prefix), local),
            None => (None, value.trim()),
        };
        Some((
            node.lookup_namespace_uri(prefix).unwrap_or("").to_owned(),
            local.to_owned(),
        ))
    };
    let mut xs = x.attributes();
    let mut ys = y.attributes();
    loop {
        match (xs.next(), ys.next()) {
            (None, None) => return true,
            (Some(p), Some(q)) => {
                if p.namespace() != q.namespace() || p.name() != q.name() {
                    return false;
                }
                let same = match (
                    resolved(x, p.name(), p.value()),
                    resolved(y, q.name(), q.value()),
                ) {
                    (Some(p), Some(q)) => p == q,
                    _ => p.value() == q.value(),
                };
                if !same {
                    return false;
                }
            }
            _ => return false,
        }
    }
}

/// The schemas of a document: the root, if it is one, or those in a WSDL's `types`.
pub fn schema_nodes<'a, 's>(doc: &'a XmlDocument<'s>) -> Vec<Node<'a, 's>> {
    let root = doc.doc.root_element();
    if is(root, XSD_NAMESPACE, "schema") {
        return vec![root];
    }
    children(root)
        .filter(|n| is(*n, WSDL_NAMESPACE, "types"))
        .flat_map(children)
        .filter(|n| is(*n, XSD_NAMESPACE, "schema"))
        .collect()
}

/// The file name a location names, when it names a file beside the document: a relative
/// reference without directories, scheme or query.
fn file_name(location: &str) -> Option<&str> {
    let name = location.trim().trim_start_matches("./");
    let plain = !name.is_empty()
        && !name.contains(['/', '\\', '?', '#'])
        && !name.contains("://")
        && !name.starts_with("..");
    plain.then_some(name)
}

/// The document of the folder with this file name.
fn in_folder<'s>(folder: &'s [Source], name: &str) -> Option<&'s Source> {
    folder.iter().find(|source| {
        let path = source.name();
        let own = path.rsplit(['/', '\\']).next().unwrap_or(path);
        own == name
    })
}

/// A schema or WSDL document of the folder whose target namespace is `namespace`.
fn providing<'s>(folder: &'s [Source], namespace: &str) -> Option<&'s Source> {
    folder.iter().find(|source| {
        let xml = root_name(source).is_some_and(|(ns, local)| {
            (ns == XSD_NAMESPACE && local == "schema")
                || (ns == WSDL_NAMESPACE && local == "definitions")
        });
        xml && XmlDocument::parse(source).is_ok_and(|doc| {
            let root = doc.doc.root_element();
            root.attribute("targetNamespace").unwrap_or("") == namespace
        })
    })
}

/// What a document imports: (the node, the attribute holding the location, the location,
/// the namespace), for `xs:import`, `xs:include` and `wsdl:import`.
fn imports<'a, 's>(doc: &'a XmlDocument<'s>) -> Vec<(Node<'a, 's>, &'static str, String, String)> {
    let mut found = Vec::new();
    let root = doc.doc.root_element();
    for child in children(root).filter(|n| is(*n, WSDL_NAMESPACE, "import")) {
        if let Some(location) = child.attribute("location") {
            let namespace = child.attribute("namespace").unwrap_or("").to_owned();
            found.push((child, "location", location.to_owned(), namespace));
        }
    }
    for schema in schema_nodes(doc) {
        for child in children(schema) {
            if (is(child, XSD_NAMESPACE, "import") || is(child, XSD_NAMESPACE, "include"))
                && let Some(location) = child.attribute("schemaLocation")
            {
                let namespace = child.attribute("namespace").unwrap_or("").to_owned();
                found.push((child, "schemaLocation", location.to_owned(), namespace));
            }
        }
    }
    found
}

/// The documents a reading of `first` needs: `first`, and every document it imports by
/// location, transitively. A location names a file of the folder; one that names anything
/// else is a diagnostic, unless a schema of the folder has the imported namespace, which is
/// how a WCF service's `?xsd=xsd0` imports are saved. Nothing is ever fetched.
pub fn load<'s>(
    first: &'s Source,
    folder: &'s [Source],
    diagnostics: &mut Diagnostics,
) -> Vec<XmlDocument<'s>> {
    let mut docs: Vec<XmlDocument<'s>> = Vec::new();
    let mut queue: Vec<&'s Source> = vec![first];
    let mut seen: Vec<&str> = vec![first.name()];
    while let Some(source) = queue.pop() {
        let doc = match XmlDocument::parse(source) {
            Ok(doc) => doc,
            Err(diagnostic) => {
                diagnostics.push(diagnostic);
                continue;
            }
        };
        for (node, attr, location, namespace) in imports(&doc) {
            let found = file_name(&location)
                .and_then(|name| in_folder(folder, name))
                .or_else(|| providing(folder, &namespace).filter(|_| !namespace.is_empty()));
            match found {
                Some(other) if !seen.contains(&other.name()) => {
                    seen.push(other.name());
                    queue.push(other);
                }
                Some(_) => {}
                None => diagnostics.push(external(&doc, node, attr, &location, &namespace)),
            }
        }
        docs.push(doc);
    }
    docs
}

fn external(
    doc: &XmlDocument<'_>,
    node: Node<'_, '_>,
    attr: &str,
    location: &str,
    namespace: &str,
) -> Diagnostic {
    doc.error_at(
        node,
        attr,
        Problem::ExternalImport {
            location: location.to_owned(),
            namespace: namespace.to_owned(),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::file_name;

    #[test]
    fn only_plain_relative_names_name_files_of_the_folder() {
        assert_eq!(file_name("types.xsd"), Some("types.xsd"));
        assert_eq!(file_name("./types.xsd"), Some("types.xsd"));
        assert_eq!(file_name("http://host/Service.svc?xsd=xsd0"), None);
        assert_eq!(file_name("../other/types.xsd"), None);
        assert_eq!(file_name("sub/types.xsd"), None);
    }
}
