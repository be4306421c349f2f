//! Facts and where they came from: a position on the page, or a platform convention.

use std::fmt;

/// A position in a document: the document, 1-based line, and 1-based column counted in
/// characters.
///
/// The document is an index into the enclosing [`Service::sources`]; a service read from one
/// document has every position in document 0, which `Debug` leaves unsaid.
///
/// [`Service::sources`]: crate::model::Service::sources
#[derive(Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    /// The document.
    pub source: SourceId,
    /// Line number, starting at 1.
    pub line: u32,
    /// Column in characters, starting at 1.
    pub column: u32,
}

impl Pos {
    /// A position in the first document from its line and column.
    pub const fn new(line: u32, column: u32) -> Self {
        Pos {
            source: SourceId(0),
            line,
            column,
        }
    }

    /// A position in document `source`.
    pub const fn in_source(source: SourceId, line: u32, column: u32) -> Self {
        Pos {
            source,
            line,
            column,
        }
    }

    /// The position `columns` characters further along the same line.
    pub const fn right(self, columns: u32) -> Self {
        Pos {
            column: self.column + columns,
            ..self
        }
    }
}

impl fmt::Debug for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.source.0 == 0 {
            write!(f, "@{}:{}", self.line, self.column)
        } else {
            write!(f, "@#{}:{}:{}", self.source.0, self.line, self.column)
        }
    }
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Index of a document in [`Service::sources`](crate::model::Service::sources).
#[derive(Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SourceId(pub u16);

impl fmt::Debug for SourceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "source #{}", self.0)
    }
}

/// Where a fact came from.
#[derive(Clone, PartialEq, Eq)]
pub enum Origin {
    /// Written on the page at this position.
    Stated(Pos),
    /// Not on the page: derived by a convention of the platform from what stands at `from`.
    Inferred {
        /// The convention that was applied.
        rule: Rule,
        /// The fact the inference started from.
        from: Pos,
    },
}

impl Origin {
    /// The position the fact is tied to, stated or inferred.
    pub fn pos(&self) -> Pos {
        match self {
            Origin::Stated(pos) | Origin::Inferred { from: pos, .. } => *pos,
        }
    }

    /// Whether the fact was inferred rather than read.
    pub fn is_inferred(&self) -> bool {
        matches!(self, Origin::Inferred { .. })
    }
}

impl fmt::Debug for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Stated(pos) => write!(f, "{pos:?}"),
            Origin::Inferred { rule, from } => write!(f, "{from:?} inferred by {rule:?}"),
        }
    }
}

/// The conventions by which facts missing from a page are inferred.
///
/// One catalogue, so that the model, its snapshots and the generated documentation name
/// each convention the same way.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// ASMX: the SOAPAction of an operation is the service namespace followed by the operation name.
    AsmxSoapAction,
    /// ASMX: SOAP 1.2 carries the same action as SOAP 1.1, as the `action` media type parameter.
    AsmxSoap12SameAction,
    /// XmlSerializer: reference types (strings, classes, arrays) may be absent (`minOccurs="0"`).
    XmlSerializerReferenceOptional,
    /// XmlSerializer: value types (numbers, booleans, dates, GUIDs, enumerations) are always written.
    XmlSerializerValueRequired,
    /// XmlSerializer: a nillable element is always written, with `xsi:nil` when it has no value.
    XmlSerializerNillableRequired,
    /// XmlSerializer: an array of `T` is the type `ArrayOfT`, each item an element named after `T`.
    XmlSerializerArrayType,
    /// XmlSerializer: a class is named by its element where the page shows no other name.
    XmlSerializerTypeFromElement,
    /// ASMX: HTTP GET and POST return the result value as a root element named after its type.
    AsmxHttpResultRoot,
    /// ASMX: a SOAP response wraps the result in `{Op}Response` and `{Op}Result`.
    AsmxSoapResponseWrapper,
    /// ASMX: the SOAP endpoint is the service's path, which HTTP GET and POST extend by the
    /// operation's name.
    AsmxEndpointFromMethodPath,
    /// ASMX: SOAP headers are optional unless the service marks them required, which pages never show.
    AsmxHeaderOptional,
    /// The page shows only `xsi:nil` for this element, so its content is kept as raw XML.
    NilOnlySample,
    /// The type is read off the sample value (`true` is a boolean, an ISO 8601 stamp a dateTime).
    TypeFromSampleValue,
    /// The page gives no type; the JSON sample shows a number where the XML sample shows a name,
    /// which is how an enumeration is written by Json.NET and by the DataContractSerializer.
    EnumerationFromSamples,
    /// The description lists the values (`SUCCESS or FAILED`), so the string is an enumeration.
    EnumerationFromDescription,
    /// DataContractSerializer: members may be absent when read (`minOccurs="0"`).
    DataContractOptional,
    /// DataContractSerializer: reference-typed members are written as `i:nil` when null.
    DataContractNillable,
    /// DataContractSerializer: members are written in ordinal (alphabetical) order.
    DataContractOrder,
    /// DataContractSerializer: a collection of `T` is `ArrayOfT`, each item an element named after `T`.
    DataContractArrayType,
    /// DataContractSerializer: a dictionary is `ArrayOfKeyValueOfKV` of `KeyValueOfKV` pairs,
    /// each a `Key` and a `Value`, in the collections' namespace.
    DataContractDictionary,
    /// Web API: after the conventional `api` prefix, the action is the last fixed segment of the
    /// route and the controller the one before; a route with one fixed segment names the
    /// controller, and its action is the one the HTTP method selects (`Get`).
    WebApiNameFromRoute,
    /// Web API: a parameter the route's query names (`?user={user}`) and the page gives no
    /// default is one the action cannot be selected without.
    WebApiQueryInRoute,
    /// The Web API help page shows no sample in this format (`Sample not available.`, a
    /// formatter's `Failed to generate the sample …`, or nothing): what the body's XML names
    /// and namespaces are cannot be known, and a form's formatter writes no body.
    WebApiSampleNotAvailable,
    /// Json.NET's defaults: with no JSON sample, a model's members are named as the page
    /// names them, as Json.NET's default contract resolver writes them (and reads them,
    /// whatever their case).
    JsonNetDefaults,
    /// A body the page cannot describe is kept whole as it travels, in whatever format of
    /// those the page lists it comes.
    WebApiBodyKeptWhole,
    /// ASP.NET's defaults for an enumeration no sample shows: Json.NET writes its number,
    /// the DataContractSerializer its member name.
    WebApiEnumerationByConvention,
    /// A vendor page names the result attribute that flags success and the one that carries the error.
    SuccessFlagResult,
    /// A status member whose values say success or failure decides the outcome of the call.
    StatusMemberOutcome,
    /// The error message of a code is the text the page's error sample or notes give for it.
    ErrorMessageFromSample,
    /// The error message of a code runs up to the first capitalised word that starts its description.
    ErrorMessageFromTable,
    /// The wire name suggests a credential (token, ticket, password, security code), kept out of `Debug`.
    SecretByName,
    /// A page shows the same header in the response as in the request: the service sends a
    /// value back for the next call (xWeb rotates its token).
    HeaderInBothSamples,
    /// WSDL 1.1: a header is optional unless its binding marks it `wsdl:required`.
    WsdlHeaderOptional,
    /// WSDL 1.1: an operation whose binding states no `soapAction` is sent with an empty one.
    WsdlEmptySoapAction,
    /// WS-Addressing 1.0 Metadata: a message whose port type states no action has the default
    /// pattern's, `{target namespace}/{port type}/{message name}`.
    WsaDefaultAction,
    /// WSDL 1.1 rpc style: the body is an element named after the operation (`…Response` for
    /// the output) in the namespace of `soap:body`, holding an unqualified element per part.
    WsdlRpcWrapper,
    /// An operation bound only to HTTP GET or POST: its input parts are the members of a
    /// wrapper named after the operation, and its result stands in a `…Response` wrapper.
    WsdlHttpWrapper,
    /// WSDL 1.1 document style with several body parts: the Body holds each part's element
    /// in order, and no element wraps them.
    WsdlBareParts,
    /// WSDL 1.1 SOAP binding: a SOAP-encoded body that names no `encodingStyle` is in SOAP's
    /// own encoding of its version.
    WsdlDefaultEncodingStyle,
}

/// A value together with where it came from.
#[derive(Clone, PartialEq, Eq)]
pub struct Fact<T> {
    /// The value.
    pub value: T,
    /// Where it came from.
    pub origin: Origin,
}

impl<T> Fact<T> {
    /// A fact read from the page at `pos`.
    pub fn stated(value: T, pos: Pos) -> Self {
        Fact {
            value,
            origin: Origin::Stated(pos),
        }
    }

    /// A fact inferred by `rule` from what stands at `from`.
    pub fn inferred(value: T, rule: Rule, from: Pos) -> Self {
        Fact {
            value,
            origin: Origin::Inferred { rule, from },
        }
    }

    /// The same origin with another value.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Fact<U> {
        Fact {
            value: f(self.value),
            origin: self.origin,
        }
    }
}

impl<T: fmt::Debug> fmt::Debug for Fact<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.fmt(f)?;
        write!(f, " {:?}", self.origin)
    }
}
