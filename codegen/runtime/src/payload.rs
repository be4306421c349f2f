//! What travels for a message besides HTTP's own framing, and how each operation is bound.

use std::fmt;

use super::error::{DecodeError, DecodeProblem, EncodeError, excerpt};
use super::limits::Limits;
use super::text::XmlText;

/// The ways an operation can be called.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BindingKind {
    /// A SOAP 1.1 envelope, `text/xml`, with a quoted `SOAPAction` header.
    Soap11,
    /// A SOAP 1.2 envelope, `application/soap+xml` with the action as a parameter.
    Soap12,
    /// ASMX HTTP GET: the input as query pairs.
    HttpGet,
    /// ASMX HTTP POST: the input as a form.
    HttpPost,
    /// A JSON method called with GET: the input as query pairs.
    JsonGet,
    /// A JSON method called with POST: the input as a JSON object under the method's name.
    JsonPost,
    /// A Web API action with a JSON body.
    WebApiJson,
    /// A Web API action with a DataContract XML body.
    WebApiXml,
    /// A Web API action with a form body (`application/x-www-form-urlencoded`): a way the
    /// help pages show, with no sample, that no generated code carries.
    WebApiForm,
}

impl BindingKind {
    /// Every binding, in a fixed order.
    pub const ALL: [BindingKind; 9] = [
        BindingKind::Soap11,
        BindingKind::Soap12,
        BindingKind::HttpGet,
        BindingKind::HttpPost,
        BindingKind::JsonGet,
        BindingKind::JsonPost,
        BindingKind::WebApiJson,
        BindingKind::WebApiXml,
        BindingKind::WebApiForm,
    ];
}

impl fmt::Display for BindingKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            BindingKind::Soap11 => "SOAP 1.1",
            BindingKind::Soap12 => "SOAP 1.2",
            BindingKind::HttpGet => "HTTP GET",
            BindingKind::HttpPost => "HTTP POST",
            BindingKind::JsonGet => "JSON GET",
            BindingKind::JsonPost => "JSON POST",
            BindingKind::WebApiJson => "Web API JSON",
            BindingKind::WebApiXml => "Web API XML",
            BindingKind::WebApiForm => "Web API form",
        })
    }
}

/// The content of a message: what goes in the URL and what goes in the body. `Debug` shows
/// the route's parameter names and the sizes of query and body, as any of them may hold a
/// credential.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Payload {
    /// Values of the route's `{name}` parameters, by name, not yet escaped.
    pub path: Vec<(String, String)>,
    /// The query, percent-encoded, without `?`; `None` for none.
    pub query: Option<String>,
    /// The body; empty for none.
    pub body: String,
    /// How much of it a reader takes.
    pub limits: Limits,
}

impl fmt::Debug for Payload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.path.iter().map(|(name, _)| name.as_str()).collect();
        f.debug_struct("Payload")
            .field("path", &names)
            .field(
                "query",
                &self
                    .query
                    .as_ref()
                    .map(|query| format!("<{} bytes>", query.len())),
            )
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .finish()
    }
}

impl Payload {
    /// The body as an XML document, refused past the payload's limits before it is parsed.
    pub fn xml(&self) -> Result<roxmltree::Document<'_>, DecodeError> {
        super::xml_read::parse_within(&self.body, &self.limits)
    }

    /// The body as JSON, refused past the payload's limits.
    pub fn json(&self) -> Result<serde_json::Value, DecodeError> {
        super::json::parse_within(&self.body, &self.limits)
    }

    /// The same payload, read within `limits`.
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// A payload that is only a body.
    pub fn body(body: String) -> Self {
        Payload {
            path: Vec::new(),
            query: None,
            body,
            limits: Limits::default(),
        }
    }

    /// A payload that is only a query.
    pub fn query(query: String) -> Self {
        Payload {
            query: Some(query),
            ..Payload::default()
        }
    }

    /// Sets the route's parameter `name`.
    pub fn set_path_parameter<T: XmlText>(&mut self, name: &str, value: &T) {
        self.path
            .push((name.to_owned(), value.to_text().into_owned()));
    }

    /// The route's parameter `name`, read as `T`, if the payload has it.
    pub fn path_parameter<T: XmlText>(&self, name: &str) -> Result<Option<T>, DecodeError> {
        match self.path.iter().find(|(key, _)| key == name) {
            None => Ok(None),
            Some((_, text)) => T::from_text(text).map(Some).ok_or_else(|| {
                DecodeError::new(
                    format!("the path parameter `{name}`"),
                    DecodeProblem::BadValue {
                        expected: T::EXPECTED,
                        found: excerpt(text),
                    },
                )
            }),
        }
    }
}

/// The value of a message that carries nothing, from a body that must be empty.
pub fn read_empty_body<T: Default>(payload: &Payload) -> Result<T, DecodeError> {
    if payload.body.trim().is_empty() {
        Ok(T::default())
    } else {
        Err(DecodeError::new(
            "the body",
            DecodeProblem::Unexpected {
                expected: "an empty body".to_owned(),
                found: format!("`{}`", excerpt(&payload.body)),
            },
        ))
    }
}

/// How one operation is bound: what a client needs to address it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BindingInfo {
    /// The binding.
    pub kind: BindingKind,
    /// The HTTP method.
    pub method: &'static str,
    /// The path: absolute (`/swsproxy/Authentication.asmx`), or a Web API route relative to
    /// the API's base (`Session/Logout`); `None` when the pages do not show it, and the caller
    /// must give the endpoint.
    pub path: Option<&'static str>,
    /// The SOAP action, for SOAP bindings.
    pub action: Option<&'static str>,
    /// The media type of the request body, if it has one.
    pub content_type: Option<&'static str>,
    /// The media type to ask for in `Accept`, if the response has a body to choose.
    pub accept: Option<&'static str>,
    /// What the binding's WS-Policy asks of each call beyond its message.
    pub policy: Policy,
    /// The WS-Addressing action of the reply, for a binding whose policy asks for
    /// addressing.
    pub reply_action: Option<&'static str>,
}

/// What a binding's WS-Policy asks of each call beyond its message, as far as the client and
/// the server half apply it; the module's documentation says the rest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Policy {
    /// WS-Addressing headers on every message, in this version.
    pub addressing: Option<super::wsa::Version>,
    /// HTTPS (`sp:TransportBinding`): the client refuses an `http` endpoint.
    pub https: bool,
    /// A WS-Security UsernameToken in every request (a supporting token): the client refuses
    /// a call without one.
    pub username_token: bool,
    /// HTTP Basic authentication (`http:BasicAuthentication`): the server half answers a
    /// request without it `401`, as IIS does.
    pub basic_auth: bool,
}

impl Policy {
    /// A binding without a policy, as every ASMX binding is.
    pub const NONE: Policy = Policy {
        addressing: None,
        https: false,
        username_token: false,
        basic_auth: false,
    };
}

/// What writing gives: a message's payload (or, for a value written into a message, what
/// that gives, often nothing), or why it cannot be written.
pub type Encoded<T = Payload> = Result<T, EncodeError>;

/// What reading gives: the value, or why the payload or element does not read as it.
pub type Decoded<T> = Result<T, super::error::DecodeError>;

/// What reading a response gives: its value, the SOAP fault the service answered with, or why
/// the payload does not read as it.
pub type Replied<T> = Result<T, super::error::ResponseError>;

/// An operation and its bindings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OperationInfo {
    /// The operation's name on the wire.
    pub name: &'static str,
    /// The element its request's body is (namespace, local name), if it has one: a SOAP
    /// service told no action places a request by it, as ASMX's `RequestElement` routing does.
    pub element: Option<(&'static str, &'static str)>,
    /// Its bindings, in the order the pages show them.
    pub bindings: &'static [BindingInfo],
}

impl BindingInfo {
    /// A SOAP 1.1 binding: a POST of `text/xml` to `path` with `action` in `SOAPAction`.
    pub const fn soap11(path: Option<&'static str>, action: &'static str) -> Self {
        BindingInfo {
            kind: BindingKind::Soap11,
            method: "POST",
            path,
            action: Some(action),
            content_type: Some("text/xml; charset=utf-8"),
            accept: None,
            policy: Policy::NONE,
            reply_action: None,
        }
    }

    /// A SOAP 1.2 binding: a POST of `application/soap+xml` to `path`, `action` its parameter.
    pub const fn soap12(path: Option<&'static str>, action: &'static str) -> Self {
        BindingInfo {
            kind: BindingKind::Soap12,
            method: "POST",
            path,
            action: Some(action),
            content_type: Some("application/soap+xml; charset=utf-8"),
            accept: None,
            policy: Policy::NONE,
            reply_action: None,
        }
    }

    /// Both SOAP bindings, 1.1 then 1.2, at one `path` with one `action`: how most operations
    /// of an ASMX service are bound.
    pub const fn soap(path: Option<&'static str>, action: &'static str) -> [Self; 2] {
        [Self::soap11(path, action), Self::soap12(path, action)]
    }

    /// The same binding under `policy`, its reply's WS-Addressing action `reply_action`
    /// (which only a policy with addressing reads).
    pub const fn with_policy(mut self, policy: Policy, reply_action: &'static str) -> Self {
        self.policy = policy;
        self.reply_action = Some(reply_action);
        self
    }

    /// The HTTP headers a request of this binding carries besides framing: `Content-Type`
    /// (with the action as its `action` parameter for SOAP 1.2), the quoted `SOAPAction` of
    /// SOAP 1.1, and `Accept` where the response's media type is chosen.
    pub fn request_headers(&self) -> Vec<(&'static str, String)> {
        let mut headers = Vec::new();
        match (self.kind, self.content_type, self.action) {
            // An empty action is no action: SOAP 1.2 leaves the parameter out, where SOAP 1.1
            // still sends its header, empty, as WSDL 1.1 says.
            (BindingKind::Soap12, Some(content_type), Some(action)) if !action.is_empty() => {
                headers.push((
                    "Content-Type",
                    format!("{content_type}; action=\"{action}\""),
                ));
            }
            (_, Some(content_type), _) => headers.push(("Content-Type", content_type.to_owned())),
            _ => {}
        }
        if let (BindingKind::Soap11, Some(action)) = (self.kind, self.action) {
            headers.push(("SOAPAction", format!("\"{action}\"")));
        }
        if let Some(accept) = self.accept {
            headers.push(("Accept", accept.to_owned()));
        }
        headers
    }
}

impl OperationInfo {
    /// The binding of this kind, if the operation offers it.
    pub fn binding(&self, kind: BindingKind) -> Option<&'static BindingInfo> {
        self.bindings.iter().find(|b| b.kind == kind)
    }

    /// The binding of this kind, or the error of a call on one the operation does not offer.
    pub fn bound(&self, kind: BindingKind) -> Result<&'static BindingInfo, EncodeError> {
        self.binding(kind)
            .ok_or_else(|| EncodeError::unsupported(self.name, kind))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn soap(kind: BindingKind, content_type: &'static str) -> BindingInfo {
        BindingInfo {
            kind,
            method: "POST",
            path: Some("/swsproxy/Authentication.asmx"),
            action: Some("http://www.sansejour.com/Logout"),
            content_type: Some(content_type),
            accept: None,
            policy: Policy::NONE,
            reply_action: None,
        }
    }

    #[test]
    fn an_empty_action_is_sent_empty_in_soap_11_and_left_out_in_soap_12() {
        let empty = |kind, content_type| BindingInfo {
            action: Some(""),
            ..soap(kind, content_type)
        };
        assert_eq!(
            empty(BindingKind::Soap11, "text/xml; charset=utf-8").request_headers(),
            [
                ("Content-Type", "text/xml; charset=utf-8".to_owned()),
                ("SOAPAction", "\"\"".to_owned()),
            ]
        );
        assert_eq!(
            empty(BindingKind::Soap12, "application/soap+xml; charset=utf-8").request_headers(),
            [(
                "Content-Type",
                "application/soap+xml; charset=utf-8".to_owned()
            )]
        );
    }

    #[test]
    fn soap_actions_travel_as_each_version_wants() {
        assert_eq!(
            soap(BindingKind::Soap11, "text/xml; charset=utf-8").request_headers(),
            [
                ("Content-Type", "text/xml; charset=utf-8".to_owned()),
                (
                    "SOAPAction",
                    "\"http://www.sansejour.com/Logout\"".to_owned()
                ),
            ]
        );
        assert_eq!(
            soap(BindingKind::Soap12, "application/soap+xml; charset=utf-8").request_headers(),
            [(
                "Content-Type",
                "application/soap+xml; charset=utf-8; action=\"http://www.sansejour.com/Logout\""
                    .to_owned()
            )]
        );
    }
}
