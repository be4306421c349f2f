//! The reader of WSDL 1.1 documents, as ASMX and WCF services serve them at `?WSDL`: every
//! service, port, binding and operation, the messages of each (document style, wrapped or
//! bare, rpc style, literal or SOAP-encoded use, SOAP headers, faults), HTTP GET and POST
//! bindings, and the XSD of `types` and of the schemas it imports. Bindings over other
//! transports than HTTP (WCF's net.tcp, named pipes, MSMQ) are left out, and said so.
//!
//! An operation is the same across bindings when its name agrees, and for an overload (ASMX's
//! `MessageName`, a name the port type gives twice) its message name, the input's name, too;
//! its messages come from its SOAP bindings, and an HTTP binding carries the same members as
//! pairs.

mod policy;
pub(super) mod xml_document;
pub(super) mod xsd;
pub(super) mod xsd_lower;

use std::collections::HashMap;

use roxmltree::Node;

use self::policy::Policies;
use self::xml_document::{XmlDocument, children, is, root_name};
use self::xsd::{SchemaSet, WSDL_NAMESPACE};
use self::xsd_lower::{Lowering, paragraphs};
use crate::diagnostic::{Diagnostics, Problem};
use crate::model::{
    Binding, ComplexType, Doc, Element, Fact, Family, Fault, Header, HttpBinding, HttpMethod,
    HttpReply, Message, Operation, Policy, Pos, QName, Rule, SoapBinding, SoapReply, SoapVersion,
    TypeUse, without_positions,
};
use crate::read::{DocumentRead, FamilyReader};
use crate::source::Source;

const SOAP11: &str = "http://schemas.xmlsoap.org/wsdl/soap/";
const SOAP12: &str = "http://schemas.xmlsoap.org/wsdl/soap12/";
const HTTP: &str = "http://schemas.xmlsoap.org/wsdl/http/";
const MIME: &str = "http://schemas.xmlsoap.org/wsdl/mime/";
const SOAP_OVER_HTTP: &str = "http://schemas.xmlsoap.org/soap/http";
const SOAP11_ENCODING: &str = codegen_runtime::soap_envelope::SOAP11_ENCODING;
const SOAP12_ENCODING: &str = codegen_runtime::soap_envelope::SOAP12_ENCODING;

/// The family's entry in the readers' table.
pub(crate) const FAMILY: FamilyReader = FamilyReader {
    family: Family::Wsdl,
    recognizes: |source| {
        root_name(source).is_some_and(|(ns, local)| ns == WSDL_NAMESPACE && local == "definitions")
    },
    read,
};

/// A node of one of the documents.
type At<'a, 's> = (&'a XmlDocument<'s>, Node<'a, 's>);

/// The definitions of the WSDL read and of those it imports.
struct Definitions<'a, 's> {
    messages: HashMap<QName, At<'a, 's>>,
    port_types: HashMap<QName, At<'a, 's>>,
    bindings: HashMap<QName, At<'a, 's>>,
}

impl<'a, 's> Definitions<'a, 's> {
    /// Indexes the definitions of `docs`. The same definition twice (a combined WSDL repeats
    /// them) is one; two different definitions of one name are an error showing both.
    fn collect(docs: &'a [XmlDocument<'s>], diagnostics: &mut Diagnostics) -> Self {
        let mut defs = Definitions {
            messages: HashMap::new(),
            port_types: HashMap::new(),
            bindings: HashMap::new(),
        };
        for doc in docs {
            let root = doc.doc.root_element();
            if !is(root, WSDL_NAMESPACE, "definitions") {
                continue;
            }
            let target = root.attribute("targetNamespace").unwrap_or("");
            for child in children(root) {
                let Some(name) = child.attribute("name") else {
                    continue;
                };
                let map = match child.tag_name().name() {
                    "message" => &mut defs.messages,
                    "portType" => &mut defs.port_types,
                    "binding" => &mut defs.bindings,
                    _ => continue,
                };
                if child.tag_name().namespace() != Some(WSDL_NAMESPACE) {
                    continue;
                }
                let qname = QName::new(target, name);
                match map.get(&qname) {
                    None => {
                        map.insert(qname, (doc, child));
                    }
                    Some(&(first_doc, first)) if !xsd::same_definition(first, child) => {
                        let first_pos = first_doc.pos(first);
                        diagnostics.push(xsd::redefined(doc, child, "wsdl", &qname, first_pos));
                    }
                    Some(_) => {}
                }
            }
        }
        defs
    }
}

/// The operations of port types by name, keyed by the port type's document and node.
type PortTypeIndex<'a, 's> =
    HashMap<(usize, roxmltree::NodeId), HashMap<&'a str, Vec<Node<'a, 's>>>>;

/// A binding left out of the service: it runs over another transport than HTTP.
struct LeftOut {
    /// The binding's name.
    binding: String,
    /// Its transport's URI.
    transport: String,
    /// Where the transport is stated.
    pos: Pos,
}

/// What a transport of WCF's is called, for messages (`net.tcp`), where its URI says it less
/// plainly.
fn transport_name(uri: &str) -> Option<&'static str> {
    match uri.trim_end_matches('/').rsplit('/').next() {
        Some("tcp") => Some("net.tcp"),
        Some("named-pipe") => Some("named pipes"),
        Some("msmq") => Some("MSMQ"),
        _ => None,
    }
}

/// A transport as a diagnostic names it: `net.tcp (`http://…/soap/tcp`)`.
fn transport_quoted(uri: &str) -> String {
    match transport_name(uri) {
        Some(name) => format!("{name} (`{uri}`)"),
        None => format!("`{uri}`"),
    }
}

/// An operation as the bindings build it up.
struct Builder {
    name: Fact<String>,
    message_name: Option<Fact<String>>,
    documentation: Vec<Doc>,
    input: Option<(Message, Pos)>,
    output: Option<(Message, Pos)>,
    faults: Vec<Fault>,
    bindings: Vec<Binding>,
    /// The HTTP bindings' input parts: their names, where they stand, and the port type
    /// operation, for a wrapper when no SOAP binding gives the messages.
    http_inputs: Vec<(Vec<(String, Pos)>, Pos)>,
    /// Where the operation was first bound.
    pos: Pos,
}

struct Reader<'x, 'a, 's> {
    main: &'a XmlDocument<'s>,
    defs: Definitions<'a, 's>,
    lowering: Lowering<'x, 'a, 's>,
    builders: Vec<Builder>,
    index: HashMap<(String, Option<String>), usize>,
    /// The bindings left out: they run over another transport than HTTP.
    left_out: Vec<LeftOut>,
    /// How many bindings over HTTP were read.
    http_bindings: usize,
    /// Each port type's operations by name, by the port type's document and node.
    port_type_index: PortTypeIndex<'a, 's>,
    /// The WS-Policies the documents state.
    policies: Policies<'a, 's>,
    diagnostics: Diagnostics,
}

/// Reads a WSDL document, with the schemas and WSDLs it imports from its folder.
fn read(source: &Source, folder: &[Source]) -> Result<DocumentRead, Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    let docs = xsd::load(source, folder, &mut diagnostics);
    let Some(main) = docs.iter().find(|d| d.source.id() == source.id()) else {
        return Err(diagnostics);
    };
    let set = SchemaSet::build(&docs, &mut diagnostics);
    let mut lowering = Lowering::new(&set);
    lowering.named_types();
    let mut reader = Reader {
        main,
        defs: Definitions::collect(&docs, &mut diagnostics),
        lowering,
        builders: Vec::new(),
        index: HashMap::new(),
        left_out: Vec::new(),
        http_bindings: 0,
        port_type_index: HashMap::new(),
        policies: Policies::collect(&docs),
        diagnostics,
    };
    let root = main.doc.root_element();
    let addresses = reader.addresses(root);
    let target = root.attribute("targetNamespace").unwrap_or("");
    for binding in children(root).filter(|n| is(*n, WSDL_NAMESPACE, "binding")) {
        // A binding the document repeats is read where it stands first.
        let name = QName::new(target, binding.attribute("name").unwrap_or(""));
        if reader
            .defs
            .bindings
            .get(&name)
            .is_some_and(|(_, first)| *first != binding)
        {
            continue;
        }
        reader.binding(binding, &addresses);
    }
    let operations = reader.finish_operations();
    if reader.http_bindings == 0
        && let Some(first) = reader.left_out.first()
    {
        let mut transports: Vec<String> = Vec::new();
        for left in &reader.left_out {
            let named = transport_quoted(&left.transport);
            if !transports.contains(&named) {
                transports.push(named);
            }
        }
        reader
            .diagnostics
            .push(source.error(first.pos, Problem::NoHttpBinding { transports }));
    }
    // A WSDL that only lends its messages and types to another (WCF's contract WSDL)
    // names no service.
    let name = service_name(main, root, !operations.is_empty());
    let host = addresses.host();
    let mut documentation = Vec::new();
    for node in
        std::iter::once(root).chain(children(root).filter(|n| is(*n, WSDL_NAMESPACE, "service")))
    {
        for doc in children(node).filter(|n| is(*n, WSDL_NAMESPACE, "documentation")) {
            for paragraph in paragraphs(main, doc) {
                if !documentation.iter().any(|d: &Doc| d.text == paragraph.text) {
                    documentation.push(paragraph);
                }
            }
        }
    }
    for left in &reader.left_out {
        // Documentation is text, which the emitter escapes: no code spans here.
        let transport = match transport_name(&left.transport) {
            Some(name) => format!("{name} ({})", left.transport),
            None => left.transport.clone(),
        };
        documentation.push(Doc {
            text: format!(
                "The binding {} is left out: it runs over {transport}, which no HTTP client \
                 can call.",
                left.binding
            ),
            pos: left.pos,
        });
    }
    let Reader {
        lowering,
        mut diagnostics,
        ..
    } = reader;
    // Past the particle limit, the content read after it is cut short, and what the reader
    // found wrong with it follows from that: the limit is what to report.
    let over_budget = lowering.over_budget();
    let (types, found) = lowering.finish();
    if over_budget {
        return Err(found);
    }
    diagnostics.extend(found);
    diagnostics.into_result(DocumentRead {
        name,
        host,
        documentation,
        operations,
        types,
    })
}

/// What a SOAP binding says of all its operations.
struct Bound<'b> {
    version: SoapVersion,
    /// The style of operations that do not state theirs.
    default_style: &'b str,
    /// The binding's WS-Policy, if it states one.
    policy: Option<&'b Policy>,
}

/// The WS-Addressing action of a port type operation's `direction` (`input`, `output`): its
/// `wsam:Action` (or `wsaw:Action`, or the submission's `wsa:Action`), else the default
/// pattern's `{namespace}/{port type}/{message name}`, the message name the operation's with
/// `Request` or `Response` where the port type names none.
fn message_action(port_op: At<'_, '_>, port_type: At<'_, '_>, direction: &str) -> Fact<String> {
    let (doc, node) = port_op;
    let io = children(node).find(|n| is(*n, WSDL_NAMESPACE, direction));
    let stated = io.and_then(|io| {
        [policy::WSAM, policy::WSAW, codegen_runtime::wsa::SUBMISSION]
            .into_iter()
            .find_map(|ns| {
                let attr = io.attribute_node((ns, "Action"))?;
                Some(Fact::stated(
                    attr.value().trim().to_owned(),
                    doc.attr_pos(io, attr.name()),
                ))
            })
    });
    if let Some(stated) = stated {
        return stated;
    }
    let (type_doc, type_node) = port_type;
    let target = type_doc
        .doc
        .root_element()
        .attribute("targetNamespace")
        .unwrap_or("");
    let operation = node.attribute("name").unwrap_or("");
    let message = io
        .and_then(|io| io.attribute("name"))
        .map(str::to_owned)
        .unwrap_or_else(|| {
            let suffix = if direction == "input" {
                "Request"
            } else {
                "Response"
            };
            format!("{operation}{suffix}")
        });
    let delimiter = if target.starts_with("urn:") { ':' } else { '/' };
    let mut action = target.to_owned();
    if !action.ends_with(delimiter) {
        action.push(delimiter);
    }
    action.push_str(type_node.attribute("name").unwrap_or(""));
    action.push(delimiter);
    action.push_str(&message);
    Fact::inferred(action, Rule::WsaDefaultAction, doc.pos(io.unwrap_or(node)))
}

/// The `encodingStyle` of a SOAP-encoded `soap:body` (the first of its list), else SOAP's own
/// encoding of the body's version.
fn encoding_style_of(doc: &XmlDocument<'_>, body: Node<'_, '_>) -> Fact<String> {
    match body
        .attribute("encodingStyle")
        .and_then(|styles| styles.split_whitespace().next())
    {
        Some(style) => Fact::stated(style.to_owned(), doc.attr_pos(body, "encodingStyle")),
        None => Fact::inferred(
            if is(body, SOAP12, "body") {
                SOAP12_ENCODING.to_owned()
            } else {
                SOAP11_ENCODING.to_owned()
            },
            Rule::WsdlDefaultEncodingStyle,
            doc.pos(body),
        ),
    }
}

/// The service's name: its first `service`'s; for a WSDL with operations but no service,
/// the definitions' name, else the file's; for one without either, none.
fn service_name(
    doc: &XmlDocument<'_>,
    root: Node<'_, '_>,
    has_operations: bool,
) -> Option<Fact<String>> {
    let service = children(root).find(|n| is(*n, WSDL_NAMESPACE, "service"));
    if let Some(name) = service.and_then(|s| s.attribute("name").map(|n| (s, n))) {
        return Some(Fact::stated(
            name.1.to_owned(),
            doc.attr_pos(name.0, "name"),
        ));
    }
    if !has_operations {
        return None;
    }
    if let Some(name) = root.attribute("name") {
        return Some(Fact::stated(name.to_owned(), doc.attr_pos(root, "name")));
    }
    let file = doc.source.name();
    let stem = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let stem = stem.split('.').next().unwrap_or(stem);
    Some(Fact::stated(stem.to_owned(), doc.pos(root)))
}

/// A location's host and path: `https://api.example.com/a/b.asmx?x` gives
/// `api.example.com` and `/a/b.asmx`; a relative location gives its path alone.
fn split_address(location: &str) -> (Option<&str>, &str) {
    let location = location.trim();
    let location = location.split(['?', '#']).next().unwrap_or(location);
    match location.split_once("://") {
        Some((_, rest)) => {
            let (authority, path) = match rest.find('/') {
                Some(slash) => (&rest[..slash], &rest[slash..]),
                None => (rest, "/"),
            };
            let host = authority.rsplit('@').next().unwrap_or(authority);
            ((!host.is_empty()).then_some(host), path)
        }
        None => (None, location),
    }
}

/// The address of every port, in document order: (binding, location, position).
struct Addresses(Vec<(QName, String, Pos)>);

impl Addresses {
    /// The location of the first port of `binding`, and where it stands.
    fn of(&self, binding: &QName) -> Option<(String, Pos)> {
        self.0
            .iter()
            .find(|(name, _, _)| name == binding)
            .map(|(_, location, pos)| (location.clone(), *pos))
    }

    /// The host of the first port whose address is an HTTP one and has one.
    fn host(&self) -> Option<Fact<String>> {
        let http = |location: &str| {
            let scheme = location.trim().split("://").next().unwrap_or("");
            scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")
        };
        self.0
            .iter()
            .filter(|(_, location, _)| http(location))
            .find_map(|(_, location, pos)| {
                split_address(location)
                    .0
                    .map(|host| Fact::stated(host.to_owned(), *pos))
            })
    }
}

/// The element a message part names, and the part's name and position.
struct Part<'a, 's> {
    name: String,
    node: Node<'a, 's>,
    doc: &'a XmlDocument<'s>,
}

impl<'x, 'a, 's> Reader<'x, 'a, 's> {
    /// The address of every port, in document order: (binding, location, position).
    fn addresses(&mut self, root: Node<'a, 's>) -> Addresses {
        let mut addresses = Vec::new();
        for service in children(root).filter(|n| is(*n, WSDL_NAMESPACE, "service")) {
            for port in children(service).filter(|n| is(*n, WSDL_NAMESPACE, "port")) {
                let binding = match self.main.qname(port, "binding") {
                    Ok(Some(binding)) => binding,
                    Ok(None) => continue,
                    Err(diagnostic) => {
                        self.diagnostics.push(diagnostic);
                        continue;
                    }
                };
                if !self.defs.bindings.contains_key(&binding) {
                    self.diagnostics.push(self.main.error_at(
                        port,
                        "binding",
                        Problem::Unresolved {
                            kind: "binding",
                            name: binding.to_string(),
                        },
                    ));
                    continue;
                }
                let address = children(port).find(|n| n.tag_name().name() == "address");
                if let Some(address) = address
                    && let Some(location) = address.attribute("location")
                {
                    addresses.push((
                        binding,
                        location.to_owned(),
                        self.main.attr_pos(address, "location"),
                    ));
                }
            }
        }
        Addresses(addresses)
    }

    /// Reads a binding: its kind, and each of its operations.
    fn binding(&mut self, node: Node<'a, 's>, addresses: &Addresses) {
        let doc = self.main;
        let target = doc
            .doc
            .root_element()
            .attribute("targetNamespace")
            .unwrap_or("");
        let name = QName::new(target, node.attribute("name").unwrap_or(""));
        let soap = children(node).find(|n| is(*n, SOAP11, "binding") || is(*n, SOAP12, "binding"));
        let http = children(node).find(|n| is(*n, HTTP, "binding"));
        let port_type = match doc.qname(node, "type") {
            Ok(Some(port_type)) => port_type,
            Ok(None) => {
                self.diagnostics.push(doc.error_at(
                    node,
                    "",
                    Problem::MissingPart {
                        what: "the port type (`type`) of this binding".into(),
                    },
                ));
                return;
            }
            Err(diagnostic) => {
                self.diagnostics.push(diagnostic);
                return;
            }
        };
        let Some(&(port_doc, port_node)) = self.defs.port_types.get(&port_type) else {
            self.diagnostics.push(doc.error_at(
                node,
                "type",
                Problem::Unresolved {
                    kind: "port type",
                    name: port_type.to_string(),
                },
            ));
            return;
        };
        let address = addresses.of(&name);
        let address = address.as_ref();
        if let Some(soap) = soap {
            // WCF publishes every endpoint of a service: one over another transport is left
            // out, and the module's documentation says so.
            if let Some(transport) = soap.attribute("transport")
                && transport.trim() != SOAP_OVER_HTTP
            {
                self.left_out.push(LeftOut {
                    binding: name.local.clone(),
                    transport: transport.trim().to_owned(),
                    pos: doc.attr_pos(soap, "transport"),
                });
                return;
            }
            self.http_bindings += 1;
            let version = if is(soap, SOAP11, "binding") {
                SoapVersion::Soap11
            } else {
                SoapVersion::Soap12
            };
            let style = soap.attribute("style").unwrap_or("document").to_owned();
            let policy = self.policies.of_binding(doc, node, &mut self.diagnostics);
            for op in children(node).filter(|n| is(*n, WSDL_NAMESPACE, "operation")) {
                let bound = Bound {
                    version,
                    default_style: &style,
                    policy: policy.as_ref(),
                };
                self.soap_operation(op, &bound, (port_doc, port_node), address);
            }
        } else if let Some(http) = http {
            self.http_bindings += 1;
            let method = match http.attribute("verb").map(str::trim) {
                Some("GET") => HttpMethod::Get,
                Some("POST") => HttpMethod::Post,
                other => {
                    self.diagnostics.push(doc.error_at(
                        http,
                        "verb",
                        Problem::Unsupported {
                            what: format!("the HTTP verb `{}`", other.unwrap_or("")),
                            hint: "HTTP GET and POST bindings".into(),
                        },
                    ));
                    return;
                }
            };
            for op in children(node).filter(|n| is(*n, WSDL_NAMESPACE, "operation")) {
                self.http_operation(op, method, (port_doc, port_node), address);
            }
        } else {
            self.diagnostics.push(doc.error_at(
                node,
                "name",
                Problem::Unsupported {
                    what: "a binding that is neither SOAP 1.1, SOAP 1.2 nor HTTP".into(),
                    hint: "SOAP 1.1, SOAP 1.2, HTTP GET and HTTP POST bindings".into(),
                },
            ));
        }
    }

    /// The port type's operation that a binding operation binds: by name, and where the port
    /// type overloads the name (ASMX `MessageName`), by the names of its input and output.
    /// Input and output names tell overloads apart and nothing else: operations of different
    /// names may share them (a WCF contract whose messages are named for their shape).
    fn port_operation(&mut self, op: Node<'a, 's>, port_type: At<'a, 's>) -> Option<At<'a, 's>> {
        let doc = self.main;
        let name = op.attribute("name").unwrap_or("");
        let named = |direction: &str, node: Node<'_, '_>| {
            children(node)
                .find(|n| is(*n, WSDL_NAMESPACE, direction))
                .and_then(|n| n.attribute("name").map(str::to_owned))
        };
        let by_name = self.operations_named(port_type, name);
        let (input, output) = (named("input", op), named("output", op));
        let candidates: Vec<Node> = if by_name.len() == 1 {
            by_name
        } else {
            by_name
                .into_iter()
                .filter(|n| input.is_none() || named("input", *n) == input)
                .filter(|n| output.is_none() || named("output", *n) == output)
                .collect()
        };
        match candidates.as_slice() {
            [single] => Some((port_type.0, *single)),
            [] => {
                self.diagnostics.push(doc.error_at(
                    op,
                    "name",
                    Problem::Unresolved {
                        kind: "port type operation",
                        name: name.to_owned(),
                    },
                ));
                None
            }
            _ => {
                self.diagnostics.push(doc.error_at(
                    op,
                    "name",
                    Problem::Inconsistent {
                        what: format!(
                            "the binding of `{name}`, which names no input or output, while the \
                             port type overloads it"
                        ),
                        other: port_type.0.pos(candidates[1]),
                    },
                ));
                None
            }
        }
    }

    /// The operations of a port type that have this name, in document order; the port type's
    /// operations are indexed by name the first time it is asked about.
    fn operations_named(&mut self, port_type: At<'a, 's>, name: &str) -> Vec<Node<'a, 's>> {
        let key = (std::ptr::from_ref(port_type.0) as usize, port_type.1.id());
        let index = self.port_type_index.entry(key).or_insert_with(|| {
            let mut index: HashMap<&'a str, Vec<Node<'a, 's>>> = HashMap::new();
            for op in children(port_type.1).filter(|n| is(*n, WSDL_NAMESPACE, "operation")) {
                index
                    .entry(op.attribute("name").unwrap_or(""))
                    .or_default()
                    .push(op);
            }
            index
        });
        index.get(name).cloned().unwrap_or_default()
    }

    /// The builder of an operation, by name and, for an overload, message name.
    fn builder(&mut self, port_op: At<'a, 's>) -> usize {
        let (doc, node) = port_op;
        let name = node.attribute("name").unwrap_or("").to_owned();
        let overloaded = node
            .parent_element()
            .is_some_and(|port_type| self.operations_named((doc, port_type), &name).len() > 1);
        let input_name = children(node)
            .find(|n| is(*n, WSDL_NAMESPACE, "input"))
            .filter(|_| overloaded)
            .and_then(|input| {
                input
                    .attribute("name")
                    .filter(|n| *n != name)
                    .map(|n| Fact::stated(n.to_owned(), doc.attr_pos(input, "name")))
            });
        let key = (name.clone(), input_name.as_ref().map(|n| n.value.clone()));
        if let Some(&index) = self.index.get(&key) {
            return index;
        }
        let documentation = children(node)
            .filter(|n| is(*n, WSDL_NAMESPACE, "documentation"))
            .flat_map(|d| paragraphs(doc, d))
            .collect();
        self.builders.push(Builder {
            name: Fact::stated(name, doc.attr_pos(node, "name")),
            message_name: input_name,
            documentation,
            input: None,
            output: None,
            faults: Vec::new(),
            bindings: Vec::new(),
            http_inputs: Vec::new(),
            pos: doc.pos(node),
        });
        self.index.insert(key, self.builders.len() - 1);
        self.builders.len() - 1
    }

    /// The message a port type operation's input or output names.
    fn message_of(&mut self, port_op: At<'a, 's>, direction: &str) -> Option<(At<'a, 's>, Pos)> {
        let (doc, node) = port_op;
        let io = children(node).find(|n| is(*n, WSDL_NAMESPACE, direction))?;
        let name = match doc.qname(io, "message") {
            Ok(name) => name?,
            Err(diagnostic) => {
                self.diagnostics.push(diagnostic);
                return None;
            }
        };
        match self.defs.messages.get(&name) {
            Some(&message) => Some((message, doc.pos(io))),
            None => {
                self.diagnostics.push(doc.error_at(
                    io,
                    "message",
                    Problem::Unresolved {
                        kind: "message",
                        name: name.to_string(),
                    },
                ));
                None
            }
        }
    }

    fn parts(message: At<'a, 's>) -> Vec<Part<'a, 's>> {
        children(message.1)
            .filter(|n| is(*n, WSDL_NAMESPACE, "part"))
            .map(|node| Part {
                name: node.attribute("name").unwrap_or("").to_owned(),
                node,
                doc: message.0,
            })
            .collect()
    }

    /// The global element a part names with `element=`.
    fn part_element(&mut self, part: &Part<'a, 's>) -> Option<Element> {
        let name = match part.doc.qname(part.node, "element") {
            Ok(Some(name)) => name,
            Ok(None) => {
                self.diagnostics.push(part.doc.error_at(
                    part.node,
                    "type",
                    Problem::Unsupported {
                        what: format!("the part `{}` typed by `type`", part.name),
                        hint: "document-style parts that name an element with `element`".into(),
                    },
                ));
                return None;
            }
            Err(diagnostic) => {
                self.diagnostics.push(diagnostic);
                return None;
            }
        };
        match self.lowering.global_element(&name) {
            Some(element) => Some(element),
            None => {
                self.diagnostics.push(part.doc.error_at(
                    part.node,
                    "element",
                    Problem::Unresolved {
                        kind: "element",
                        name: name.to_string(),
                    },
                ));
                None
            }
        }
    }

    /// A part of an rpc-style message as a member of the wrapper: the element it names, or
    /// an unqualified element of its name and type.
    fn rpc_member(&mut self, part: &Part<'a, 's>) -> Option<Element> {
        if part.node.attribute("element").is_some() {
            return self.part_element(part);
        }
        let ty = match part.doc.qname(part.node, "type") {
            Ok(Some(ty)) => ty,
            Ok(None) => {
                self.diagnostics.push(part.doc.error_at(
                    part.node,
                    "",
                    Problem::MissingPart {
                        what: format!("the `element` or `type` of the part `{}`", part.name),
                    },
                ));
                return None;
            }
            Err(diagnostic) => {
                self.diagnostics.push(diagnostic);
                return None;
            }
        };
        let pos = part.doc.attr_pos(part.node, "type");
        let ty = match crate::model::Builtin::resolve(&ty) {
            Some(builtin) => TypeUse::Builtin(builtin),
            None => TypeUse::Named(ty),
        };
        Some(Element::once(
            QName::new("", &part.name),
            part.doc.pos(part.node),
            Fact::stated(ty, pos),
        ))
    }

    /// A SOAP message: headers from `soap:header`, the body from the message's parts as the
    /// style says; and the `encodingStyle` of a SOAP-encoded one.
    #[allow(clippy::too_many_arguments)]
    fn soap_message(
        &mut self,
        message: At<'a, 's>,
        io: Node<'a, 's>,
        rpc: bool,
        operation: &str,
        output: bool,
    ) -> Option<(Message, Option<Fact<String>>)> {
        let doc = self.main;
        let mut headers = Vec::new();
        let mut header_parts: Vec<String> = Vec::new();
        for header in children(io).filter(|n| is(*n, SOAP11, "header") || is(*n, SOAP12, "header"))
        {
            let header_message = match doc.qname(header, "message") {
                Ok(Some(name)) => name,
                Ok(None) => continue,
                Err(diagnostic) => {
                    self.diagnostics.push(diagnostic);
                    continue;
                }
            };
            let Some(&header_msg) = self.defs.messages.get(&header_message) else {
                self.diagnostics.push(doc.error_at(
                    header,
                    "message",
                    Problem::Unresolved {
                        kind: "message",
                        name: header_message.to_string(),
                    },
                ));
                continue;
            };
            let part_name = header.attribute("part").unwrap_or("");
            let parts = Self::parts(header_msg);
            let Some(part) = parts.iter().find(|p| p.name == part_name) else {
                self.diagnostics.push(doc.error_at(
                    header,
                    "part",
                    Problem::Unresolved {
                        kind: "message part",
                        name: format!("{part_name} (of {header_message})"),
                    },
                ));
                continue;
            };
            if header_msg.1 == message.1 {
                header_parts.push(part_name.to_owned());
            }
            let Some(element) = self.part_element(part) else {
                continue;
            };
            let required = match header.attribute((WSDL_NAMESPACE, "required")) {
                Some(value) => Fact::stated(value == "true", doc.pos(header)),
                None => Fact::inferred(false, Rule::WsdlHeaderOptional, doc.pos(header)),
            };
            headers.push(Header {
                element: Element {
                    pos: doc.pos(header),
                    ..element
                },
                required,
                echoed: None,
            });
        }
        let body_node = children(io).find(|n| is(*n, SOAP11, "body") || is(*n, SOAP12, "body"));
        let mut encoding_style = None;
        if let Some(body) = body_node
            && body.attribute("use").map(str::trim) == Some("encoded")
        {
            if !rpc {
                self.diagnostics.push(
                    doc.error_at(
                        body,
                        "use",
                        Problem::Unsupported {
                            what: "`use=\"encoded\"` with document style".into(),
                            hint:
                                "SOAP section 5 encoding with rpc style (rpc/encoded), and literal \
                               use with either style"
                                    .into(),
                        },
                    ),
                );
                return None;
            }
            encoding_style = Some(encoding_style_of(doc, body));
        }
        let listed: Option<Vec<&str>> = body_node
            .and_then(|b| b.attribute("parts"))
            .map(|p| p.split_whitespace().collect());
        let parts: Vec<Part> = Self::parts(message)
            .into_iter()
            .filter(|p| match &listed {
                Some(listed) => listed.contains(&p.name.as_str()),
                None => !header_parts.contains(&p.name),
            })
            .collect();
        let mut bare = false;
        let body = if rpc {
            let namespace = body_node
                .and_then(|b| b.attribute("namespace"))
                .unwrap_or_else(|| {
                    doc.doc
                        .root_element()
                        .attribute("targetNamespace")
                        .unwrap_or("")
                });
            let local = if output {
                format!("{operation}Response")
            } else {
                operation.to_owned()
            };
            let pos = doc.pos(io);
            let members: Vec<Element> = parts.iter().filter_map(|p| self.rpc_member(p)).collect();
            Some(Element::once(
                QName::new(namespace, local),
                pos,
                Fact::inferred(
                    TypeUse::Anonymous(Box::new(ComplexType::of_elements(members))),
                    Rule::WsdlRpcWrapper,
                    pos,
                ),
            ))
        } else {
            match parts.as_slice() {
                [] => None,
                [part] => Some(self.part_element(part)?),
                // Several parts (ASMX's `SoapParameterStyle.Bare`, Java's document/literal
                // bare): the Body holds each part's element, in order.
                several => {
                    let mut members = Vec::new();
                    for part in several {
                        members.push(self.part_element(part)?);
                    }
                    bare = true;
                    let pos = message.0.pos(message.1);
                    Some(Element::once(
                        QName::new("", "Body"),
                        pos,
                        Fact::inferred(
                            TypeUse::Anonymous(Box::new(ComplexType::of_elements(members))),
                            Rule::WsdlBareParts,
                            pos,
                        ),
                    ))
                }
            }
        };
        Some((
            Message {
                body,
                bare,
                headers,
                parameters: Vec::new(),
                unknown_body: None,
            },
            encoding_style,
        ))
    }

    /// A binding operation of a SOAP binding.
    fn soap_operation(
        &mut self,
        op: Node<'a, 's>,
        bound: &Bound<'_>,
        port_type: At<'a, 's>,
        address: Option<&(String, Pos)>,
    ) {
        let (version, default_style) = (bound.version, bound.default_style);
        let doc = self.main;
        let Some(port_op) = self.port_operation(op, port_type) else {
            return;
        };
        let name = op.attribute("name").unwrap_or("").to_owned();
        let soap_op =
            children(op).find(|n| is(*n, SOAP11, "operation") || is(*n, SOAP12, "operation"));
        let style = soap_op
            .and_then(|n| n.attribute("style"))
            .unwrap_or(default_style);
        let rpc = match style {
            "document" => false,
            "rpc" => true,
            other => {
                let node = soap_op.unwrap_or(op);
                self.diagnostics.push(doc.error_at(
                    node,
                    "style",
                    Problem::Unsupported {
                        what: format!("the binding style `{other}`"),
                        hint: "document and rpc styles".into(),
                    },
                ));
                return;
            }
        };
        let mut action = match soap_op.and_then(|n| n.attribute("soapAction").map(|a| (n, a))) {
            Some((node, action)) => {
                Fact::stated(action.to_owned(), doc.attr_pos(node, "soapAction"))
            }
            None => Fact::inferred(String::new(), Rule::WsdlEmptySoapAction, doc.pos(op)),
        };
        let policy = bound.policy.map(|p| Box::new(p.clone()));
        let mut reply_action = None;
        if policy.as_ref().is_some_and(|p| p.addressing.is_some()) {
            // Addressed messages carry their actions: the port type's, or the default
            // pattern's. A SOAP action the binding states is the action where the port type
            // states none (as WCF and Axis2 send it), and must be the same where it does.
            let input = message_action(port_op, port_type, "input");
            if action.value.is_empty() {
                action = input;
            } else if action.value != input.value && !input.origin.is_inferred() {
                self.diagnostics.push(doc.source.error(
                    action.origin.pos(),
                    Problem::Inconsistent {
                        what: format!(
                            "the SOAP action of `{name}`, which a binding with WS-Addressing \
                             sends as its Action too,"
                        ),
                        other: input.origin.pos(),
                    },
                ));
                return;
            }
            reply_action = Some(message_action(port_op, port_type, "output"));
        }
        let builder = self.builder(port_op);
        let input_io = children(op).find(|n| is(*n, WSDL_NAMESPACE, "input"));
        let output_io = children(op).find(|n| is(*n, WSDL_NAMESPACE, "output"));
        let Some(input_io) = input_io else {
            self.diagnostics.push(doc.error_at(
                op,
                "name",
                Problem::Unsupported {
                    what: "an operation without input (a notification)".into(),
                    hint: "request-response and one-way operations".into(),
                },
            ));
            return;
        };
        let Some((input_msg, _)) = self.message_of(port_op, "input") else {
            return;
        };
        let Some((input, input_encoding)) =
            self.soap_message(input_msg, input_io, rpc, &name, false)
        else {
            return;
        };
        let mut encoding_style = input_encoding;
        let output = match (output_io, self.message_of(port_op, "output")) {
            (Some(io), Some((message, _))) => {
                match self.soap_message(message, io, rpc, &name, true) {
                    Some((output, output_encoding)) => {
                        // One binding encodes both ways or neither.
                        let differs = output_encoding.as_ref().map(|e| &e.value)
                            != encoding_style.as_ref().map(|e| &e.value);
                        if differs {
                            let (pos, other) = match (&output_encoding, &encoding_style) {
                                (Some(out), Some(first)) => (out.origin.pos(), first.origin.pos()),
                                (Some(out), None) => (out.origin.pos(), doc.pos(input_io)),
                                (None, Some(first)) => (doc.pos(io), first.origin.pos()),
                                (None, None) => (doc.pos(io), doc.pos(input_io)),
                            };
                            self.diagnostics.push(doc.source.error(
                                pos,
                                Problem::Inconsistent {
                                    what: format!(
                                        "the use (literal or encoded) of the output of `{name}`"
                                    ),
                                    other,
                                },
                            ));
                            return;
                        }
                        encoding_style = encoding_style.or(output_encoding);
                        Some((output, doc.pos(io)))
                    }
                    None => return,
                }
            }
            // A one-way operation: the response says nothing.
            _ => None,
        };
        let mut input = input;
        if let Some((output, _)) = &output {
            for header in &mut input.headers {
                if let Some(back) = output
                    .headers
                    .iter()
                    .find(|h| h.element.name == header.element.name)
                {
                    header.echoed = Some(Fact::stated(true, back.element.pos));
                }
            }
        }
        let faults = self.faults(port_op);
        let reply_pos = output.as_ref().map_or(doc.pos(op), |(_, pos)| *pos);
        let path = address.map(|(location, pos)| {
            let (_, path) = split_address(location);
            Fact::stated(path.to_owned(), *pos)
        });
        let binding = Binding::Soap(SoapBinding {
            pos: doc.pos(op),
            version,
            action,
            path,
            reply: Fact::stated(SoapReply::Body, reply_pos),
            encoding_style,
            policy,
            reply_action,
        });
        let output = output.unwrap_or((Message::default(), reply_pos));
        let entry = &mut self.builders[builder];
        match (&entry.input, &entry.output) {
            (Some((first_in, in_pos)), Some((first_out, _))) => {
                let (in_pos, same) = (
                    *in_pos,
                    without_positions(first_in) == without_positions(&input)
                        && without_positions(first_out) == without_positions(&output.0),
                );
                if !same {
                    self.diagnostics.push(doc.error_at(
                        op,
                        "name",
                        Problem::Inconsistent {
                            what: format!(
                                "the messages this binding gives `{name}` (another SOAP binding gives others)"
                            ),
                            other: in_pos,
                        },
                    ));
                    return;
                }
            }
            _ => {
                entry.input = Some((input, doc.pos(input_io)));
                entry.output = Some(output);
                entry.faults = faults;
            }
        }
        entry.bindings.push(binding);
    }

    /// The faults a port type operation declares, with the element each one's detail holds.
    fn faults(&mut self, port_op: At<'a, 's>) -> Vec<Fault> {
        let mut faults = Vec::new();
        let (doc, node) = port_op;
        for fault in children(node).filter(|n| is(*n, WSDL_NAMESPACE, "fault")) {
            let name = fault.attribute("name").unwrap_or("").to_owned();
            let message = match doc.qname(fault, "message") {
                Ok(Some(message)) => message,
                Ok(None) => continue,
                Err(diagnostic) => {
                    self.diagnostics.push(diagnostic);
                    continue;
                }
            };
            let Some(&message_at) = self.defs.messages.get(&message) else {
                self.diagnostics.push(doc.error_at(
                    fault,
                    "message",
                    Problem::Unresolved {
                        kind: "message",
                        name: message.to_string(),
                    },
                ));
                continue;
            };
            let parts = Self::parts(message_at);
            let Some(part) = parts.first() else {
                continue;
            };
            // A SOAP-encoded fault's part is typed: its detail is an element of its name.
            let detail = if part.node.attribute("element").is_none()
                && part.node.attribute("type").is_some()
            {
                self.rpc_member(part)
            } else {
                self.part_element(part)
            };
            if let Some(detail) = detail {
                faults.push(Fault {
                    name: Fact::stated(name, doc.attr_pos(fault, "name")),
                    detail,
                });
            }
        }
        faults
    }

    /// A binding operation of an HTTP GET or POST binding.
    fn http_operation(
        &mut self,
        op: Node<'a, 's>,
        method: HttpMethod,
        port_type: At<'a, 's>,
        address: Option<&(String, Pos)>,
    ) {
        let doc = self.main;
        let Some(port_op) = self.port_operation(op, port_type) else {
            return;
        };
        let location = children(op)
            .find(|n| is(*n, HTTP, "operation"))
            .and_then(|n| n.attribute("location").map(|l| (n, l)));
        let Some((location_node, location)) = location else {
            self.diagnostics.push(doc.error_at(
                op,
                "name",
                Problem::MissingPart {
                    what: "the `http:operation` location of this operation".into(),
                },
            ));
            return;
        };
        let input_io = children(op).find(|n| is(*n, WSDL_NAMESPACE, "input"));
        if let Some(input) = input_io {
            for encoding in children(input) {
                let fine = is(encoding, HTTP, "urlEncoded")
                    || (is(encoding, MIME, "content")
                        && encoding.attribute("type") == Some("application/x-www-form-urlencoded"));
                if !fine {
                    self.diagnostics.push(doc.error_at(
                        encoding,
                        "type",
                        Problem::Unsupported {
                            what: format!("the HTTP input `{}`", encoding.tag_name().name()),
                            hint: "`http:urlEncoded` and form-encoded `mime:content`".into(),
                        },
                    ));
                    return;
                }
            }
        }
        let output_io = children(op).find(|n| is(*n, WSDL_NAMESPACE, "output"));
        let reply_node = output_io.and_then(|o| children(o).next());
        let reply = match reply_node {
            None => Fact::stated(
                HttpReply::Empty,
                output_io.map_or(doc.pos(op), |o| doc.pos(o)),
            ),
            Some(node) if is(node, MIME, "mimeXml") => {
                let Some((message, _)) = self.message_of(port_op, "output") else {
                    return;
                };
                let part_name = node.attribute("part");
                let parts = Self::parts(message);
                let part = parts.iter().find(|p| part_name.is_none_or(|n| n == p.name));
                let root = part.and_then(|p| p.doc.qname(p.node, "element").ok().flatten());
                match root {
                    Some(root) => Fact::stated(HttpReply::Result { root }, doc.pos(node)),
                    None => {
                        self.diagnostics.push(doc.error_at(
                            node,
                            "part",
                            Problem::Unresolved {
                                kind: "message part with an element",
                                name: part_name.unwrap_or("").to_owned(),
                            },
                        ));
                        return;
                    }
                }
            }
            Some(node)
                if is(node, MIME, "content") && node.attribute("type") == Some("text/xml") =>
            {
                Fact::stated(HttpReply::Raw, doc.attr_pos(node, "type"))
            }
            Some(node) => {
                self.diagnostics.push(doc.error_at(
                    node,
                    "type",
                    Problem::Unsupported {
                        what: format!(
                            "the HTTP output `{}` {}",
                            node.tag_name().name(),
                            node.attribute("type").unwrap_or("")
                        ),
                        hint: "`mime:mimeXml`, `mime:content` of `text/xml`, or no output".into(),
                    },
                ));
                return;
            }
        };
        let path = match address {
            Some((base, _)) => {
                let (_, base) = split_address(base);
                format!(
                    "{}/{}",
                    base.trim_end_matches('/'),
                    location.trim_start_matches('/')
                )
            }
            None => location.to_owned(),
        };
        let input_parts = match self.message_of(port_op, "input") {
            Some((message, pos)) => (
                Self::parts(message)
                    .iter()
                    .map(|p| (p.name.clone(), p.doc.pos(p.node)))
                    .collect(),
                pos,
            ),
            None => return,
        };
        let builder = self.builder(port_op);
        let entry = &mut self.builders[builder];
        entry.http_inputs.push(input_parts);
        entry.bindings.push(Binding::Http(HttpBinding {
            pos: doc.pos(op),
            method,
            path: Fact::stated(path, doc.attr_pos(location_node, "location")),
            reply,
        }));
    }

    /// The operations, once every binding is read: an operation that only HTTP binds gets
    /// its wrapper from its parts; HTTP parts must be the SOAP wrapper's members.
    fn finish_operations(&mut self) -> Vec<Operation> {
        let builders = std::mem::take(&mut self.builders);
        let mut operations = Vec::new();
        for builder in builders {
            let (input, output) = match (builder.input, builder.output) {
                (Some((input, _)), Some((output, _))) => (input, output),
                _ => self.http_wrappers(&builder.name, &builder.http_inputs, &builder.bindings),
            };
            let members: Vec<&str> = match input.body.as_ref().map(|b| &b.ty.value) {
                Some(TypeUse::Anonymous(complex)) => {
                    complex.elements().map(|e| e.name.local.as_str()).collect()
                }
                _ => Vec::new(),
            };
            for (parts, pos) in &builder.http_inputs {
                let names: Vec<&str> = parts.iter().map(|(n, _)| n.as_str()).collect();
                if names != members {
                    let source = self.main.source;
                    self.diagnostics.push(source.error(
                        parts.first().map_or(*pos, |(_, p)| *p),
                        Problem::Inconsistent {
                            what: format!(
                                "the HTTP parameters of `{}` ({})",
                                builder.name.value,
                                names.join(", ")
                            ),
                            other: input.body.as_ref().map_or(builder.pos, |b| b.pos),
                        },
                    ));
                }
            }
            operations.push(Operation {
                name: builder.name,
                message_name: builder.message_name,
                source: self.main.source.id(),
                documentation: builder.documentation,
                input,
                output,
                faults: builder.faults,
                error_codes: Vec::new(),
                outcome: None,
                cookies: Vec::new(),
                bindings: builder.bindings,
                samples: Vec::new(),
            });
        }
        operations
    }

    /// The messages of an operation only HTTP binds: its input parts as the members of a
    /// wrapper named after it, and its result in a `…Response` wrapper, as ASMX would give.
    fn http_wrappers(
        &mut self,
        name: &Fact<String>,
        inputs: &[(Vec<(String, Pos)>, Pos)],
        bindings: &[Binding],
    ) -> (Message, Message) {
        let namespace = self
            .main
            .doc
            .root_element()
            .attribute("targetNamespace")
            .unwrap_or("")
            .to_owned();
        let pos = name.origin.pos();
        let members = inputs
            .first()
            .map(|(parts, _)| {
                parts
                    .iter()
                    .map(|(part, at)| Element {
                        min_occurs: Fact::inferred(0, Rule::WsdlHttpWrapper, *at),
                        ..Element::once(
                            QName::new(&namespace, part),
                            *at,
                            Fact::inferred(
                                TypeUse::Builtin(crate::model::Builtin::String),
                                Rule::WsdlHttpWrapper,
                                *at,
                            ),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        let wrapper = |local: String, members: Vec<Element>| {
            Element::once(
                QName::new(&namespace, local),
                pos,
                Fact::inferred(
                    TypeUse::Anonymous(Box::new(ComplexType::of_elements(members))),
                    Rule::WsdlHttpWrapper,
                    pos,
                ),
            )
        };
        let result = bindings.iter().find_map(|b| match b {
            Binding::Http(http) => match &http.reply.value {
                HttpReply::Result { root } => Some(root.clone()),
                _ => None,
            },
            _ => None,
        });
        let result_member = result.and_then(|root| {
            let mut element = self.lowering.global_element(&root)?;
            element.name = QName::new(&namespace, format!("{}Result", name.value));
            element.min_occurs = Fact::inferred(0, Rule::WsdlHttpWrapper, pos);
            Some(element)
        });
        (
            Message {
                body: Some(wrapper(name.value.clone(), members)),
                ..Message::default()
            },
            Message {
                body: Some(wrapper(
                    format!("{}Response", name.value),
                    result_member.into_iter().collect(),
                )),
                ..Message::default()
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::split_address;

    #[test]
    fn addresses_split_into_host_and_path() {
        assert_eq!(
            split_address("https://api.taxcloud.net/1.0/TaxCloud.asmx"),
            (Some("api.taxcloud.net"), "/1.0/TaxCloud.asmx")
        );
        assert_eq!(
            split_address("http://user:pw@host:8080/x.asmx?wsdl"),
            (Some("host:8080"), "/x.asmx")
        );
        assert_eq!(split_address("http://host"), (Some("host"), "/"));
        assert_eq!(split_address("/Service.asmx"), (None, "/Service.asmx"));
    }
}
