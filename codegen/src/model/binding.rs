//! Bindings: how an operation's messages travel over HTTP, one per protocol the page shows.

use std::fmt;

use super::fact::{Fact, Pos};
use super::schema::QName;

/// One way of calling an operation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Binding {
    /// A SOAP 1.1 or 1.2 envelope posted to the service endpoint.
    Soap(SoapBinding),
    /// ASMX HTTP GET or POST: the input body's members as query or form pairs.
    Http(HttpBinding),
    /// A JSON method (xWeb): the input body's members as query pairs (GET) or wrapped in a
    /// JSON object (POST).
    Json(JsonBinding),
    /// An ASP.NET Web API action: URI parameters, and the body in one of several media types.
    WebApi(WebApiBinding),
}

/// The ways of calling an operation that travel differently on the wire: a binding, and for
/// a Web API action the syntax of its bodies. Samples say which one they show. The runtime's
/// own type, so that the generator and the generated code name them alike.
pub use codegen_runtime::BindingKind;

impl Binding {
    /// The ways this binding can be called. A Web API action gives one per body syntax that
    /// both its request and its response can take: a message without a body takes any, and
    /// a format whose bodies the generated code cannot write or read is left out.
    pub fn kinds(&self) -> Vec<BindingKind> {
        match self {
            Binding::Soap(soap) => vec![match soap.version {
                SoapVersion::Soap11 => BindingKind::Soap11,
                SoapVersion::Soap12 => BindingKind::Soap12,
            }],
            Binding::Http(http) => vec![if http.method == HttpMethod::Get {
                BindingKind::HttpGet
            } else {
                BindingKind::HttpPost
            }],
            Binding::Json(json) => vec![if json.method == HttpMethod::Get {
                BindingKind::JsonGet
            } else {
                BindingKind::JsonPost
            }],
            Binding::WebApi(api) => [Syntax::Json, Syntax::Xml, Syntax::Form]
                .into_iter()
                .filter(|&syntax| {
                    let usable = |formats: &[MediaFormat]| {
                        formats.is_empty()
                            || formats.iter().any(|f| f.syntax == syntax && f.usable.value)
                    };
                    usable(&api.request_formats) && usable(&api.response_formats)
                })
                .map(Syntax::web_api)
                .collect(),
        }
    }

    /// Where the binding is described on the page.
    pub fn pos(&self) -> Pos {
        match self {
            Binding::Soap(b) => b.pos,
            Binding::Http(b) => b.pos,
            Binding::Json(b) => b.pos,
            Binding::WebApi(b) => b.pos,
        }
    }
}

/// The SOAP versions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SoapVersion {
    /// SOAP 1.1: `text/xml` and a quoted `SOAPAction` header.
    Soap11,
    /// SOAP 1.2: `application/soap+xml` with the action as its `action` parameter.
    Soap12,
}

impl SoapVersion {
    /// The envelope namespace of the version.
    pub fn envelope_namespace(self) -> &'static str {
        match self {
            SoapVersion::Soap11 => "http://schemas.xmlsoap.org/soap/envelope/",
            SoapVersion::Soap12 => "http://www.w3.org/2003/05/soap-envelope",
        }
    }
}

/// A SOAP binding of an operation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SoapBinding {
    /// Where the page describes it.
    pub pos: Pos,
    /// The SOAP version.
    pub version: SoapVersion,
    /// The action: the `SOAPAction` header (1.1) or the `action` parameter (1.2).
    pub action: Fact<String>,
    /// The endpoint path, or `None` when the page does not show it and the caller must supply it.
    pub path: Option<Fact<String>>,
    /// How the response body carries the output.
    pub reply: Fact<SoapReply>,
    /// The `encodingStyle` of a SOAP-encoded binding (`rpc/encoded`, a `[SoapRpcMethod]`
    /// service): its Body says it, and each value names its XML Schema type. `None` for
    /// literal use.
    pub encoding_style: Option<Fact<String>>,
    /// What the WSDL binding's WS-Policy asks of each call, if it states one.
    pub policy: Option<Box<Policy>>,
    /// The WS-Addressing action of the reply, where the policy asks for addressing: the
    /// port type's `wsaw:Action`, or the default pattern's
    /// (`{namespace}/{port type}/{output name}`).
    pub reply_action: Option<Fact<String>>,
}

/// The WS-Addressing versions.
pub use codegen_runtime::wsa::Version as AddressingVersion;

/// What a WSDL binding's WS-Policy asks of each call beyond its message (of a policy with
/// alternatives, the first the generated code can follow).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Policy {
    /// The WSDL binding's name, which names the policy in code.
    pub binding: String,
    /// WS-Addressing headers on every message, in this version.
    pub addressing: Option<Fact<AddressingVersion>>,
    /// HTTPS (`sp:TransportBinding`).
    pub https: Option<Pos>,
    /// A WS-Security UsernameToken in every request (a supporting token).
    pub username_token: Option<Pos>,
    /// A `wsu:Timestamp` in the security header (`sp:IncludeTimestamp`).
    pub timestamp: Option<Pos>,
    /// A client certificate (`sp:HttpsToken` with `RequireClientCertificate`).
    pub client_certificate: Option<Pos>,
    /// HTTP Basic authentication (`http:BasicAuthentication`).
    pub basic_auth: Option<Pos>,
    /// What it asks that the generated code cannot do (NTLM, message-level security), each
    /// described for the module's documentation.
    pub unsupported: Vec<Fact<String>>,
}

/// How a SOAP response body carries the operation's output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SoapReply {
    /// The output body element is the child of `soap:Body`.
    Body,
    /// The page shows no SOAP response. By ASMX convention the output body element stands in
    /// a result element inside a response wrapper, as XML or as escaped text; servers of this
    /// kind also put it directly in `soap:Body`, so readers accept all three.
    Wrapped {
        /// The response wrapper element (`{tempuri}LogOutResponse`).
        response: QName,
        /// The result element inside it (`{tempuri}LogOutResult`).
        result: QName,
    },
}

/// HTTP methods.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HttpMethod {
    /// `GET`.
    Get,
    /// `POST`.
    Post,
    /// `PUT`.
    Put,
    /// `DELETE`.
    Delete,
    /// `PATCH`.
    Patch,
    /// `HEAD`.
    Head,
    /// `OPTIONS`.
    Options,
}

impl HttpMethod {
    /// The method as written in a request line.
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Head => "HEAD",
            HttpMethod::Options => "OPTIONS",
        }
    }

    /// The method named by a request line token.
    pub fn parse(token: &str) -> Option<Self> {
        Some(match token {
            "GET" => HttpMethod::Get,
            "POST" => HttpMethod::Post,
            "PUT" => HttpMethod::Put,
            "DELETE" => HttpMethod::Delete,
            "PATCH" => HttpMethod::Patch,
            "HEAD" => HttpMethod::Head,
            "OPTIONS" => HttpMethod::Options,
            _ => return None,
        })
    }
}

impl fmt::Display for HttpMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An ASMX HTTP GET (query) or HTTP POST (form) binding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpBinding {
    /// Where the page describes it.
    pub pos: Pos,
    /// `GET` sends the input as a query, `POST` as a form.
    pub method: HttpMethod,
    /// The path the request goes to.
    pub path: Fact<String>,
    /// What the response body holds.
    pub reply: Fact<HttpReply>,
}

/// What the body of a successful ASMX HTTP GET or POST response holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HttpReply {
    /// Nothing: the operation returns nothing, and the server answers 200 with an empty body.
    Empty,
    /// The output body element itself (srv.asmx's `<root success="true" />`).
    Body,
    /// The output body's single member, as a root element of this name (ASMX answers
    /// `<BookingStatus>` for the `GetBookingStatusResult` member).
    Result {
        /// The root element.
        root: QName,
    },
    /// The output body's single member, which is raw XML, as the whole document (ASMX's
    /// `mime:content type="text/xml"` for an `XmlNode` result).
    Raw,
}

/// A JSON method of a vendor page (xWeb).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonBinding {
    /// Where the page describes it.
    pub pos: Pos,
    /// `GET` sends the input as a query; other methods send a JSON body.
    pub method: HttpMethod,
    /// The path the request goes to.
    pub path: Fact<String>,
    /// For a JSON body: the name of the object that wraps the members (`{"WebLogout": {…}}`).
    pub wrapper: Option<Fact<String>>,
    /// The status of a successful response.
    pub success_status: Fact<u16>,
    /// What the body of a successful response holds.
    pub reply: Fact<JsonReply>,
}

/// What the body of a successful JSON method response holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonReply {
    /// Nothing (or nothing of use): success is the status alone.
    Empty,
    /// The value of the output body's single member, as JSON (`"c7d2…"`).
    Result,
}

/// An ASP.NET Web API action.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WebApiBinding {
    /// Where the page describes it.
    pub pos: Pos,
    /// The HTTP method.
    pub method: Fact<HttpMethod>,
    /// The route template, relative to the API's base address (`api/Session/Refresh/{sessionId}`).
    pub route: Fact<String>,
    /// The formats the request body may take.
    pub request_formats: Vec<MediaFormat>,
    /// The formats the response body may take.
    pub response_formats: Vec<MediaFormat>,
    /// The media types the page lists that the generator does not speak (`text/html`,
    /// `text/plain`, `multipart/form-data`), request's and response's, for the operation's
    /// documentation.
    pub other_media_types: Vec<Fact<String>>,
}

impl WebApiBinding {
    /// Whether the route template has a slot for the URI parameter `name` (`{sessionId}`);
    /// a URI parameter without one travels in the query.
    pub fn route_has(&self, name: &str) -> bool {
        route_has(&self.route.value, name)
    }
}

/// Whether a route template has a slot for the URI parameter `name` in its path.
pub fn route_has(route: &str, name: &str) -> bool {
    let path = route.split('?').next().unwrap_or(route);
    path.contains(&format!("{{{name}}}"))
}

/// A body format of a Web API action and the media types that select it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MediaFormat {
    /// The syntax.
    pub syntax: Syntax,
    /// The media types, in the page's order; the first is the one to send.
    pub media_types: Vec<Fact<String>>,
    /// Whether the generated code writes and reads bodies in this format: stated where the
    /// page shows a sample, inferred where the format's conventions say all there is to
    /// know (Json.NET's defaults, a body kept whole), and false where what it needs cannot
    /// be known (DataContract's namespaces without an XML sample) or the format writes no
    /// body (a form).
    pub usable: Fact<bool>,
}

/// Body syntaxes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Syntax {
    /// JSON as Json.NET writes it.
    Json,
    /// XML as the DataContractSerializer writes it.
    Xml,
    /// `application/x-www-form-urlencoded`.
    Form,
}

impl Syntax {
    /// The way of calling a Web API action with bodies in this syntax.
    pub fn web_api(self) -> BindingKind {
        match self {
            Syntax::Json => BindingKind::WebApiJson,
            Syntax::Xml => BindingKind::WebApiXml,
            Syntax::Form => BindingKind::WebApiForm,
        }
    }
}
