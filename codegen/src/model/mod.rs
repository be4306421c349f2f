//! The service model: plain owned data that every reader lowers into and the emitter alone reads.
//!
//! It is shaped by WSDL and XSD, not by the pages: a service has operations; an operation has
//! input and output messages (a body element and SOAP headers), bindings that say how those
//! travel, error codes and documentation; types are qualified elements in order, attributes and
//! enumerations. Every fact records where it came from, on the page or by which convention.

use std::fmt;

mod binding;
mod builtin;
mod content;
mod erase;
mod fact;
mod schema;
mod simple;
pub mod walk;

pub use binding::{
    AddressingVersion, Binding, BindingKind, HttpBinding, HttpMethod, HttpReply, JsonBinding,
    JsonReply, MediaFormat, Policy, SoapBinding, SoapReply, SoapVersion, Syntax, WebApiBinding,
    route_has,
};
pub use builtin::{
    ARRAYS_NAMESPACE, ASMX_TYPES_NAMESPACE, Builtin, SERIALIZATION_NAMESPACE,
    SOAP_ENCODING_NAMESPACE, XSD_NAMESPACE,
};
pub use content::{
    ComplexType, Derivation, DerivationMethod, Group, MAX_DERIVATION_DEPTH, Particle,
    SequenceOrder, Wildcard,
};
pub use erase::{ErasePositions, without_positions};
pub use fact::{Fact, Origin, Pos, Rule, SourceId};
pub use schema::{Attribute, Doc, Element, MaxOccurs, QName, TypeDef, TypeKind, TypeUse};
pub use simple::{EnumMember, Enumeration, Facet, ListType, Restriction, UnionType};

/// A service: the operations of one vendor's API and the types they use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Service {
    /// The service's name as its pages give it (`Authentication`, `srv`).
    pub name: Fact<String>,
    /// The documents the service was read from; [`SourceId`]s index this list.
    pub sources: Vec<SourceInfo>,
    /// The host the pages show, a default that callers may replace.
    pub host: Option<Fact<String>>,
    /// What the documents say of the service as a whole.
    pub documentation: Vec<Doc>,
    /// The operations, in the order of their documents and of each page.
    pub operations: Vec<Operation>,
    /// The named types, ordered by qualified name.
    pub types: Vec<TypeDef>,
    /// What the user says of the service's Rust code.
    pub rust: RustOptions,
}

/// What the user says of a service's Rust code, in `service.toml`'s `[rust]` or the
/// generator's `Config`: derives every type gets, and Rust types that stand for XSD built-ins.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RustOptions {
    /// Paths of derives (`Eq`, `serde::Serialize`), each where it is stated.
    pub derives: Vec<Fact<String>>,
    /// Rust types (`my_types::When`) for built-ins, each where it is stated.
    pub types: Vec<(Builtin, Fact<String>)>,
}

impl RustOptions {
    /// The Rust type that stands for `builtin`, if the user names one.
    pub fn type_for(&self, builtin: Builtin) -> Option<&str> {
        self.types
            .iter()
            .find(|(b, _)| *b == builtin)
            .map(|(_, rust)| rust.value.as_str())
    }
}

impl Service {
    /// The named type with this qualified name, found by binary search in the ordered list.
    pub fn find_type(&self, name: &QName) -> Option<&TypeDef> {
        self.types
            .binary_search_by(|t| t.name.value.cmp(name))
            .ok()
            .map(|index| &self.types[index])
    }
}

/// A document a service was read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceInfo {
    /// The document's path as the caller named it.
    pub name: String,
    /// The family of page it is.
    pub family: Family,
}

/// The families of documents the readers understand.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Family {
    /// The page an ASMX server shows for `Service.asmx?op=Name`.
    AsmxHelp,
    /// A page of ASP.NET Web API's help-page package.
    WebApiHelp,
    /// A method page of the xWeb documentation (netFORUM).
    XwebMethod,
    /// A method page of a srv.asmx API's documentation.
    SrvMethod,
    /// A WSDL 1.1 document with its embedded XSD.
    Wsdl,
    /// An XSD schema document that a WSDL of the folder imports.
    Xsd,
    /// The service's settings, `service.toml`: not a description of the service, but what
    /// its user says of it.
    Settings,
}

impl Family {
    /// What the family is called in messages.
    pub fn describe(self) -> &'static str {
        match self {
            Family::AsmxHelp => "ASMX help page",
            Family::WebApiHelp => "Web API help page",
            Family::XwebMethod => "xWeb method page",
            Family::SrvMethod => "srv.asmx method page",
            Family::Wsdl => "WSDL 1.1 document",
            Family::Xsd => "XSD schema",
            Family::Settings => "service settings",
        }
    }
}

/// An operation of a service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Operation {
    /// Its name (`Logout`, `WebLogout`).
    pub name: Fact<String>,
    /// The name of its messages, where it differs from the operation's: ASMX's `MessageName`,
    /// which tells overloads of one operation name apart (WSDL's input name).
    pub message_name: Option<Fact<String>>,
    /// The document it was read from.
    pub source: SourceId,
    /// What the page says it does.
    pub documentation: Vec<Doc>,
    /// The request.
    pub input: Message,
    /// The successful response.
    pub output: Message,
    /// The SOAP faults the service declares for it.
    pub faults: Vec<Fault>,
    /// The error codes the page lists for it.
    pub error_codes: Vec<ErrorCode>,
    /// How a response that arrived fine tells success from failure, where it can fail that way.
    pub outcome: Option<Fact<Outcome>>,
    /// Input members that the server also reads from a cookie when the request leaves them
    /// out (srv.asmx's `AuthenticationTicket` and its `ticket` cookie).
    pub cookies: Vec<CookieFallback>,
    /// The ways of calling it.
    pub bindings: Vec<Binding>,
    /// The page's sample messages.
    pub samples: Vec<Sample>,
}

impl Operation {
    /// The name that tells the operation apart from every other of its service: its message
    /// name where it has one, else its name.
    pub fn key(&self) -> &str {
        self.message_name
            .as_ref()
            .map_or(self.name.value.as_str(), |m| m.value.as_str())
    }

    /// The output body's single member, which HTTP GET, POST and JSON bindings carry alone.
    pub fn result_element<'a>(&'a self, service: &'a Service) -> Option<&'a Element> {
        let body = self.output.body.as_ref()?;
        let complex = match &body.ty.value {
            TypeUse::Anonymous(complex) => complex.as_ref(),
            TypeUse::Named(name) => match &service.find_type(name)?.kind {
                TypeKind::Complex(complex) => complex,
                _ => return None,
            },
            TypeUse::Builtin(_) => return None,
        };
        match complex.sequence.as_slice() {
            [Particle::Element(single)]
                if complex.attributes.is_empty() && complex.is_plain_sequence() =>
            {
                Some(single)
            }
            _ => None,
        }
    }
}

/// A message: the body element and the SOAP headers, plus URI parameters for Web API.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Message {
    /// The body element: the wrapper of the parameters, the response wrapper, or the result.
    /// For a [`bare`](Message::bare) message, the SOAP Body itself.
    pub body: Option<Element>,
    /// Whether the body element stands for the SOAP Body itself: its members are the
    /// message's parts, each an element of the Body in order, with no element around them (a
    /// document-style message of several parts: ASMX's `SoapParameterStyle.Bare`).
    pub bare: bool,
    /// The SOAP headers.
    pub headers: Vec<Header>,
    /// URI parameters: in the path where the route names them, else in the query.
    pub parameters: Vec<Element>,
    /// A body no document describes, kept whole as text: a Web API action that returns
    /// `IHttpActionResult` writes what it likes. The type the page names.
    pub unknown_body: Option<Fact<String>>,
}

impl fmt::Debug for Message {
    /// Every part; `bare` only where it is set, as most messages have an element of their own.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_struct("Message");
        out.field("body", &self.body);
        if self.bare {
            out.field("bare", &true);
        }
        out.field("headers", &self.headers)
            .field("parameters", &self.parameters)
            .field("unknown_body", &self.unknown_body)
            .finish()
    }
}

impl Message {
    /// The element the SOAP Body's content starts with: the body element, or for a bare
    /// message the first part's.
    pub fn first_element(&self) -> Option<&QName> {
        let body = self.body.as_ref()?;
        if !self.bare {
            return Some(&body.name);
        }
        match &body.ty.value {
            TypeUse::Anonymous(parts) => parts.elements().next().map(|e| &e.name),
            _ => None,
        }
    }
}

/// An input member that may travel as a cookie instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CookieFallback {
    /// The member, by its local name in the input body.
    pub member: String,
    /// The cookie's name.
    pub cookie: Fact<String>,
}

/// A SOAP header of a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    /// The header element.
    pub element: Element,
    /// Whether the message must carry it.
    pub required: Fact<bool>,
    /// For a request header: whether the response brings it back, with a value the next
    /// request should send (xWeb's `AuthorizationToken`, which the service rotates).
    pub echoed: Option<Fact<bool>>,
}

/// A SOAP fault an operation declares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fault {
    /// The fault's name.
    pub name: Fact<String>,
    /// The element its `detail` carries.
    pub detail: Element,
}

/// An error code a service returns, with its message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorCode {
    /// The number (`901`).
    pub code: Fact<u32>,
    /// The message the server sends with it (`Session expired or Invalid ticket`).
    pub message: Fact<String>,
    /// What the page says about it: the table's description and notes that name the code.
    pub documentation: Vec<Doc>,
}

/// How a response that arrived with a success status still reports failure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// An attribute of the output body element says whether the call succeeded, and another
    /// carries the error as `[code] message` (srv.asmx's `<root success="false" error="…"/>`).
    SuccessFlag {
        /// The boolean attribute (`success`).
        flag: QName,
        /// The error attribute (`error`).
        error: QName,
    },
    /// A member of the output says success or failure by value (Cebes's `status`).
    Status {
        /// The status member.
        member: QName,
        /// Values meaning success.
        success: Vec<String>,
        /// Values meaning failure.
        failure: Vec<String>,
        /// The member that carries the message, if the page names one.
        message: Option<QName>,
    },
}

/// A sample message on the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sample {
    /// Where it starts.
    pub pos: Pos,
    /// Which binding it belongs to, where the page says.
    pub binding: Option<BindingKind>,
    /// What it shows.
    pub kind: SampleKind,
    /// The request or status line, where the page shows one.
    pub start_line: Option<String>,
    /// The HTTP headers the page shows, in order.
    pub headers: Vec<(String, String)>,
    /// The body as the page shows it, and where it starts.
    pub body: Option<Fact<String>>,
}

/// What a sample shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SampleKind {
    /// A request.
    Request,
    /// A successful response.
    Response,
    /// A response that reports an error.
    ErrorResponse,
}
