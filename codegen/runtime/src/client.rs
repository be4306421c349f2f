//! The sans-IO core of every client: an `http::Request` from a payload and the binding's
//! facts, and a payload (or what went wrong) from an `http::Response`. Nothing here does I/O.

use std::fmt;
use std::ops::Deref;

use super::error::{
    DecodeError, DecodeProblem, EncodeError, EncodeProblem, ResponseError, write_shown,
};
use super::limits::{Limit, Limits};
use super::payload::{BindingInfo, BindingKind, Payload};
use super::secrets::{REDACTED, Redact, Secrets, redact_url};
use super::soap::{SoapFault, SoapVersion};
use super::transport::TransportError;
use super::xml_read::parse_within;

/// Why a call did not give the operation's output, short of the service's own verdict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallError {
    /// The endpoint is not an absolute `http` or `https` URL, or a binding needs one that
    /// the pages do not give and the caller did not either.
    Endpoint(String),
    /// The request cannot be written.
    Encode(EncodeError),
    /// The request did not make it there and back.
    Transport(TransportError),
    /// The service answered with an HTTP error status.
    Status {
        /// The status code.
        status: u16,
        /// The start of the body, for the message.
        excerpt: String,
    },
    /// The service answered with a SOAP fault.
    Fault(Box<SoapFault>),
    /// The body does not read as the operation's response.
    Decode {
        /// What is wrong with it.
        error: DecodeError,
        /// The start of the body.
        excerpt: String,
    },
}

impl fmt::Display for CallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallError::Endpoint(message) => write!(f, "endpoint: {message}"),
            CallError::Encode(error) => write!(f, "{error}"),
            CallError::Transport(error) => write!(f, "transport: {error}"),
            // What the service sent is shown with its control characters escaped.
            CallError::Status { status, excerpt } => {
                write_shown(f, format_args!("HTTP status {status}: {excerpt}"))
            }
            CallError::Fault(fault) => write!(f, "{fault}"),
            CallError::Decode { error, excerpt } => {
                write_shown(f, format_args!("{error}; the body began `{excerpt}`"))
            }
        }
    }
}

impl std::error::Error for CallError {}

impl Redact for CallError {
    fn redact(&mut self, secrets: &Secrets) {
        match self {
            CallError::Endpoint(message) => message.redact(secrets),
            CallError::Encode(error) => error.redact(secrets),
            CallError::Transport(error) => error.redact(secrets),
            CallError::Status { excerpt, .. } => excerpt.redact(secrets),
            CallError::Fault(fault) => fault.redact(secrets),
            CallError::Decode { error, excerpt } => {
                error.redact(secrets);
                excerpt.redact(secrets);
            }
        }
    }
}

/// The address of a service, or of one binding's endpoint: an absolute `http` or `https` URL
/// without a query. `Debug` leaves out a user and password it may carry.
#[derive(Clone, PartialEq, Eq)]
pub struct BaseUrl(String);

impl BaseUrl {
    /// The URL, without a trailing `/`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", redact_url(&self.0))
    }
}

/// Checks that `url` is an absolute `http` or `https` URL without a query. Errors show it
/// without user, password or query, and do not quote what is no URL at all, as nobody can
/// tell which part of it might be a password.
pub fn base_url(url: &str) -> Result<BaseUrl, CallError> {
    let shown = redact_url(url);
    let uri: http::Uri = url.parse().map_err(|error| {
        CallError::Endpoint(format!(
            "the address is not a URL ({error}); give an absolute http or https URL"
        ))
    })?;
    match (uri.scheme_str(), uri.authority()) {
        (Some("http" | "https"), Some(_)) if uri.query().is_none() => {
            Ok(BaseUrl(url.trim_end_matches('/').to_owned()))
        }
        _ => Err(CallError::Endpoint(format!(
            "`{shown}` is not an absolute http or https URL without a query"
        ))),
    }
}

/// A request a client built: an `http::Request` (which it dereferences to) with the
/// credentials it carries. `Debug` shows its method, its URL without query or user, its
/// headers with sensitive values hidden, and its body's length, never a credential.
pub struct ClientRequest {
    pub(crate) request: http::Request<Vec<u8>>,
    pub(crate) secrets: Secrets,
}

impl ClientRequest {
    /// A request that carries `secrets`.
    pub fn new(request: http::Request<Vec<u8>>, secrets: Secrets) -> Self {
        ClientRequest { request, secrets }
    }

    /// The credentials the request carries. A caller that sends it with its own HTTP stack
    /// can insert them into the response's extensions, so that errors read from the response
    /// leave out what the server echoes of them.
    pub fn secrets(&self) -> &Secrets {
        &self.secrets
    }

    /// What the request said of itself in WS-Addressing, where its binding uses it: a caller
    /// that sends it with its own HTTP stack inserts it into the response's extensions too,
    /// for the check that the reply relates to it.
    pub fn sent(&self) -> Option<&super::wsa::Sent> {
        self.request.extensions().get()
    }

    /// Also keeps `value`, a credential the request carries, out of its errors.
    pub fn add_secret(&mut self, value: &str) {
        self.secrets.add_value(value);
    }

    /// The `http::Request`, credentials and all.
    pub fn into_http(self) -> http::Request<Vec<u8>> {
        self.request
    }

    /// The `http::Request` and its credentials.
    pub fn into_parts(self) -> (http::Request<Vec<u8>>, Secrets) {
        (self.request, self.secrets)
    }
}

impl Deref for ClientRequest {
    type Target = http::Request<Vec<u8>>;

    fn deref(&self) -> &Self::Target {
        &self.request
    }
}

impl From<http::Request<Vec<u8>>> for ClientRequest {
    fn from(request: http::Request<Vec<u8>>) -> Self {
        ClientRequest::new(request, Secrets::default())
    }
}

impl fmt::Debug for ClientRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let url = self
            .secrets
            .scrub(&redact_url(&self.request.uri().to_string()));
        let headers: Vec<(&str, String)> = self
            .request
            .headers()
            .iter()
            .map(|(name, value)| {
                let shown = if value.is_sensitive() {
                    REDACTED.to_owned()
                } else {
                    self.secrets
                        .scrub(&String::from_utf8_lossy(value.as_bytes()))
                };
                (name.as_str(), shown)
            })
            .collect();
        f.debug_struct("ClientRequest")
            .field("method", self.request.method())
            .field("url", &url)
            .field("headers", &headers)
            .field(
                "body",
                &format_args!("<{} bytes>", self.request.body().len()),
            )
            .finish()
    }
}

/// What a path segment must escape.
pub(super) const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}');

/// The cookies a request sends: each one's name and value.
pub type Cookies = Vec<(&'static str, String)>;

/// The request for a payload: the binding's method, the base joined with its path (the
/// route's `{name}` parameters filled in), the query, its headers, the given cookies (sent as
/// sensitive), the body. `endpoint` is the whole address of a binding whose path the pages do
/// not show. The request knows its credentials: the values of its members named in
/// `secret_names`, and its cookies.
pub fn http_request(
    info: &BindingInfo,
    base: &BaseUrl,
    endpoint: Option<&BaseUrl>,
    payload: Payload,
    cookies: &[(&str, String)],
    secret_names: &'static [&'static str],
) -> Result<ClientRequest, CallError> {
    let mut payload = payload;
    let secrets = Secrets::of_request(secret_names, info.kind, &payload, cookies);
    let base = base.as_str();
    let mut url = match (info.path, endpoint) {
        (None, Some(endpoint)) => endpoint.as_str().to_owned(),
        (Some(path), _) => {
            let mut path = path.trim_start_matches('/').to_owned();
            for (name, value) in &payload.path {
                let value = percent_encoding::utf8_percent_encode(value, SEGMENT).to_string();
                path = path.replace(&format!("{{{name}}}"), &value);
            }
            if let Some(open) = path.find('{') {
                return Err(CallError::Encode(EncodeError {
                    at: path[open..].split('}').next().unwrap_or("").to_owned() + "}",
                    problem: EncodeProblem::NotAPair,
                }));
            }
            format!("{base}/{path}")
        }
        (None, None) => {
            return Err(CallError::Endpoint(format!(
                "the pages do not show where the {} binding goes; give its address with `with_endpoint`",
                info.kind
            )));
        }
    };
    if let Some(query) = payload.query.as_deref().filter(|q| !q.is_empty()) {
        url.push(if url.contains('?') { '&' } else { '?' });
        url.push_str(query);
    }
    let uri: http::Uri = url.parse().map_err(|error| {
        let shown = secrets.scrub(&redact_url(&url));
        CallError::Endpoint(format!("`{shown}` cannot be requested: {error}"))
    })?;
    if info.policy.https && uri.scheme_str() != Some("https") {
        return Err(CallError::Endpoint(format!(
            "the {} binding's policy asks for HTTPS (`sp:TransportBinding`), and `{}` is not \
             an https URL",
            info.kind,
            secrets.scrub(&redact_url(&url))
        )));
    }
    let sent = match (info.policy.addressing, SoapVersion::of(info.kind)) {
        (Some(version), Some(soap)) => {
            // `To` is the endpoint's address, without a user and password it may carry.
            let to = match (uri.scheme_str(), uri.authority()) {
                (Some(scheme), Some(authority)) => {
                    let host = authority.as_str().rsplit('@').next().unwrap_or("");
                    format!("{scheme}://{host}{}", uri.path())
                }
                _ => url.clone(),
            };
            let action = info.action.unwrap_or("");
            let sent = super::wsa::address_request(version, soap, &mut payload.body, action, &to)
                .map_err(CallError::Encode)?;
            Some(sent)
        }
        _ => None,
    };
    let mut builder = http::Request::builder().method(info.method).uri(uri);
    for (name, value) in info.request_headers() {
        builder = builder.header(name, value);
    }
    if !cookies.is_empty() {
        let cookie = cookies
            .iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect::<Vec<_>>()
            .join("; ");
        let mut value = http::HeaderValue::try_from(cookie).map_err(|_| {
            CallError::Encode(EncodeError {
                at: "the Cookie header".to_owned(),
                problem: EncodeProblem::NotACookie,
            })
        })?;
        value.set_sensitive(true);
        builder = builder.header(http::header::COOKIE, value);
    }
    let mut request = builder.body(payload.body.into_bytes()).map_err(|error| {
        let shown = secrets.scrub(&redact_url(&url));
        CallError::Endpoint(format!("`{shown}` cannot be requested: {error}"))
    })?;
    if let Some(sent) = sent {
        request.extensions_mut().insert(sent);
    }
    Ok(ClientRequest::new(request, secrets))
}

/// Whether a cookie can carry `value` as it is (RFC 6265's cookie-octets).
pub fn cookie_safe(value: &str) -> bool {
    value
        .bytes()
        .all(|b| matches!(b, 0x21 | 0x23..=0x2B | 0x2D..=0x3A | 0x3C..=0x5B | 0x5D..=0x7E))
}

/// The value a response of `info`'s binding gives: `read` reads it from the payload of a
/// success; otherwise the SOAP fault the response carries (for SOAP bindings) or the status
/// with the start of the body. The body is read within `limits`, and every error leaves out
/// the credentials `secrets` knows. Where the binding's policy asks for WS-Addressing, the
/// reply must relate to the request: the response carries what the request sent
/// ([`wsa::Sent`](super::wsa::Sent), as this crate's transports put it there), and the
/// reply's `RelatesTo` and `Action` are checked against it before `read` reads the rest.
pub fn response_value<T>(
    info: &BindingInfo,
    response: http::Response<Vec<u8>>,
    secrets: &Secrets,
    limits: &Limits,
    read: impl FnOnce(BindingKind, &Payload) -> Result<T, ResponseError>,
) -> Result<T, CallError> {
    let kind = info.kind;
    let sent = response.extensions().get::<super::wsa::Sent>().cloned();
    let mut payload = response_payload(kind, response, secrets, limits)?;
    // A one-way operation's `202 Accepted` has no reply to relate.
    let replied = !payload.body.trim().is_empty();
    if info.policy.addressing.is_some() && SoapVersion::of(kind).is_some() && replied {
        let checked = match &sent {
            Some(sent) => super::wsa::check_reply(&mut payload, sent, info.reply_action),
            None => Err(DecodeError::new(
                "the response",
                DecodeProblem::Missing(
                    "the request's WS-Addressing MessageID to relate the reply to (`rt::wsa::Sent` \
                     in the response's extensions, where this crate's transports put it)"
                        .to_owned(),
                ),
            )),
        };
        if let Err(error) = checked {
            let mut error = CallError::Decode {
                error,
                excerpt: secrets.excerpt(&payload.body),
            };
            error.redact(secrets);
            return Err(error);
        }
    }
    read(kind, &payload).map_err(|error| {
        let mut error = match error {
            ResponseError::Fault(fault) => CallError::Fault(fault),
            ResponseError::Decode(error) => CallError::Decode {
                error,
                excerpt: secrets.excerpt(&payload.body),
            },
        };
        error.redact(secrets);
        error
    })
}

/// The payload of a response: its body, as text in the encoding it declares, when the status
/// is a success; otherwise the SOAP fault it carries (for SOAP bindings) or the status with
/// the start of the body, the credentials `secrets` knows left out. A body longer than
/// `limits` allows is refused before it is decoded.
pub fn response_payload(
    kind: BindingKind,
    response: http::Response<Vec<u8>>,
    secrets: &Secrets,
    limits: &Limits,
) -> Result<Payload, CallError> {
    let status = response.status();
    let declared = response
        .headers()
        .get(http::header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(charset)
        .map(str::to_owned);
    let body = response.into_body();
    if body.len() > limits.body {
        return Err(CallError::Decode {
            error: Limits::refuse(Limit::Body(limits.body)),
            excerpt: String::new(),
        });
    }
    let text = match decode(body, declared.as_deref()) {
        Ok(text) => text,
        Err((problem, body)) => {
            let excerpt_text = secrets.excerpt(&String::from_utf8_lossy(&body));
            if !status.is_success() {
                return Err(CallError::Status {
                    status: status.as_u16(),
                    excerpt: excerpt_text,
                });
            }
            return Err(CallError::Decode {
                error: DecodeError::new("the body", DecodeProblem::Syntax(problem)),
                excerpt: excerpt_text,
            });
        }
    };
    if status.is_success() {
        return Ok(Payload::body(text).with_limits(*limits));
    }
    if matches!(kind, BindingKind::Soap11 | BindingKind::Soap12)
        && let Ok(doc) = parse_within(&text, limits)
        && let Ok(envelope) = super::soap::envelope(&doc)
        && let Some(mut fault) = envelope.fault()
    {
        fault.redact(secrets);
        return Err(CallError::Fault(Box::new(fault)));
    }
    Err(CallError::Status {
        status: status.as_u16(),
        excerpt: secrets.excerpt(&text),
    })
}

/// The `charset` parameter of a media type (`text/xml; charset=ISO-8859-1`).
pub(crate) fn charset(media_type: &str) -> Option<&str> {
    media_parameter(media_type, "charset")
}

/// A parameter of a media type, without quotes: `action` of
/// `application/soap+xml; action="urn:x"` is `urn:x`.
pub(crate) fn media_parameter<'t>(media_type: &'t str, name: &str) -> Option<&'t str> {
    media_type.split(';').skip(1).find_map(|parameter| {
        let (key, value) = parameter.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case(name)
            .then(|| value.trim().trim_matches('"'))
    })
}

/// The encoding an XML document declares (`<?xml version="1.0" encoding="ISO-8859-1"?>`),
/// read from its first bytes as ASCII, which they are in every encoding a declaration may
/// name but UTF-16's (whose byte order mark says it). The generator reads its documents by
/// it too.
pub fn xml_declared_encoding(body: &[u8]) -> Option<&str> {
    let head = std::str::from_utf8(&body[..body.len().min(256)])
        .or_else(|error| std::str::from_utf8(&body[..error.valid_up_to()]))
        .ok()?;
    let declaration = head.trim_start().strip_prefix("<?xml")?;
    let declaration = &declaration[..declaration.find("?>")?];
    let at = declaration.find("encoding")?;
    let rest = declaration[at + "encoding".len()..]
        .trim_start()
        .strip_prefix('=')?;
    let rest = rest.trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &rest[1..];
    Some(&value[..value.find(quote)?])
}

/// A body as text: in the charset its media type declares, else the encoding its byte order
/// mark or its XML declaration says, else UTF-8. Bytes that are not text in that encoding are
/// an error that says which encoding, never replaced.
pub(crate) fn decode(body: Vec<u8>, declared: Option<&str>) -> Result<String, (String, Vec<u8>)> {
    let label = declared
        .map(str::to_owned)
        .or_else(|| {
            encoding_rs::Encoding::for_bom(&body).map(|(encoding, _)| encoding.name().to_owned())
        })
        .or_else(|| xml_declared_encoding(&body).map(str::to_owned));
    let encoding = match &label {
        None => encoding_rs::UTF_8,
        Some(label) => match encoding_rs::Encoding::for_label(label.as_bytes()) {
            Some(encoding) => encoding,
            None => {
                let problem =
                    format!("the body declares the encoding `{label}`, which is none known");
                return Err((problem, body));
            }
        },
    };
    if encoding == encoding_rs::UTF_8 {
        // The body becomes the text without a copy.
        return String::from_utf8(body)
            .map_err(|error| ("not UTF-8 text".to_owned(), error.into_bytes()));
    }
    // A byte order mark is not text.
    let start = match encoding_rs::Encoding::for_bom(&body) {
        Some((bom_encoding, length)) if bom_encoding == encoding => length,
        _ => 0,
    };
    match encoding.decode_without_bom_handling_and_without_replacement(&body[start..]) {
        Some(text) => Ok(text.into_owned()),
        None => Err((format!("not {} text", encoding.name()), body)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(kind: BindingKind, path: Option<&'static str>) -> BindingInfo {
        BindingInfo {
            kind,
            method: "POST",
            path,
            action: None,
            content_type: Some("application/json"),
            accept: Some("application/json"),
            policy: crate::Policy::NONE,
            reply_action: None,
        }
    }

    fn base(url: &str) -> BaseUrl {
        base_url(url).unwrap()
    }

    const NAMES: &[&str] = &["sessionId"];

    #[test]
    fn requests_join_the_base_with_the_path_and_fill_the_route() {
        let mut payload = Payload::body("{}".into());
        payload.path.push(("sessionId".into(), "a b/c".into()));
        payload.query = Some("force=true".into());
        let request = http_request(
            &info(
                BindingKind::WebApiJson,
                Some("api/Session/Refresh/{sessionId}"),
            ),
            &base("http://127.0.0.1:9/h2h"),
            None,
            payload,
            &[("ticket", "t1-cookie".into())],
            NAMES,
        )
        .unwrap();
        assert_eq!(
            request.uri(),
            "http://127.0.0.1:9/h2h/api/Session/Refresh/a%20b%2Fc?force=true"
        );
        assert_eq!(request.headers()["Accept"], "application/json");
        assert_eq!(request.headers()["Cookie"], "ticket=t1-cookie");
        assert_eq!(request.body(), b"{}");
        // Debug shows neither the route's credential nor the cookie.
        let shown = format!("{request:?}");
        assert!(
            !shown.contains("a%20b") && !shown.contains("t1-cookie"),
            "{shown}"
        );
        assert!(
            shown.contains("Session/Refresh/<redacted>?<redacted>"),
            "{shown}"
        );
    }

    #[test]
    fn a_binding_without_a_path_needs_the_callers_endpoint() {
        let binding = info(BindingKind::Soap11, None);
        assert!(matches!(
            http_request(
                &binding,
                &base("http://h"),
                None,
                Payload::default(),
                &[],
                &[]
            ),
            Err(CallError::Endpoint(_))
        ));
        let request = http_request(
            &binding,
            &base("http://h"),
            Some(&base("http://h/x.asmx")),
            Payload::default(),
            &[],
            &[],
        )
        .unwrap();
        assert_eq!(request.uri(), "http://h/x.asmx");
        // A binding whose path the pages show keeps it.
        let shown = info(BindingKind::Soap11, Some("/a.asmx"));
        let request = http_request(
            &shown,
            &base("http://h"),
            Some(&base("http://h/x.asmx")),
            Payload::default(),
            &[],
            &[],
        )
        .unwrap();
        assert_eq!(request.uri(), "http://h/a.asmx");
    }

    #[test]
    fn base_urls_must_be_absolute() {
        assert_eq!(
            base_url("http://127.0.0.1:8080/").unwrap().as_str(),
            "http://127.0.0.1:8080"
        );
        // A user and password are kept, and left out of Debug and errors.
        let with_user = base_url("https://user:pw-secret@h/x").unwrap();
        assert_eq!(with_user.as_str(), "https://user:pw-secret@h/x");
        assert_eq!(format!("{with_user:?}"), "\"https://<redacted>@h/x\"");
        let error = base_url("http://user:pw-secret@h/?ticket=t-secret").unwrap_err();
        assert!(!error.to_string().contains("secret"), "{error}");
        for bad in [
            "127.0.0.1:8080",
            "ftp://h",
            "/relative",
            "http://h/?q=1",
            "not a url",
        ] {
            assert!(base_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn error_statuses_become_faults_or_statuses() {
        let fault = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>s:Client</faultcode><faultstring>no</faultstring></s:Fault></s:Body></s:Envelope>"#;
        let response = |status: u16, body: &str| {
            http::Response::builder()
                .status(status)
                .body(body.as_bytes().to_vec())
                .unwrap()
        };
        assert!(matches!(
            response_payload(
                BindingKind::Soap11,
                response(500, fault),
                &Secrets::default(),
                &Limits::default()
            ),
            Err(CallError::Fault(_))
        ));
        assert_eq!(
            response_payload(
                BindingKind::HttpGet,
                response(500, "<html>Runtime Error</html>"),
                &Secrets::default(),
                &Limits::default()
            ),
            Err(CallError::Status {
                status: 500,
                excerpt: "<html>Runtime Error</html>".into()
            })
        );
        assert_eq!(
            response_payload(
                BindingKind::HttpGet,
                response(200, ""),
                &Secrets::default(),
                &Limits::default()
            ),
            Ok(Payload::default())
        );
    }

    #[test]
    fn a_hostile_body_quoted_in_an_error_reaches_no_terminal_as_control_characters() {
        let response = |status: u16, body: &str| {
            http::Response::builder()
                .status(status)
                .body(body.as_bytes().to_vec())
                .unwrap()
        };
        let hostile = "\u{1b}]0;pwned\u{7}\u{1b}[2J<html>Error</html>";
        for (binding, status) in [(BindingKind::HttpGet, 500), (BindingKind::Soap11, 503)] {
            let error = response_payload(
                binding,
                response(status, hostile),
                &Secrets::default(),
                &Limits::default(),
            )
            .unwrap_err();
            let text = error.to_string();
            assert!(!text.chars().any(char::is_control), "{text:?}");
            assert!(text.contains("\\u{1b}]0;pwned\\u{7}"), "{text}");
        }
    }

    #[test]
    fn bodies_are_read_in_the_encoding_they_declare() {
        let response = |content_type: Option<&str>, body: Vec<u8>| {
            let mut builder = http::Response::builder().status(200);
            if let Some(content_type) = content_type {
                builder = builder.header("Content-Type", content_type);
            }
            response_payload(
                BindingKind::Soap11,
                builder.body(body).unwrap(),
                &Secrets::default(),
                &Limits::default(),
            )
        };
        // ISO-8859-1, said by the media type or by the XML declaration alone.
        let latin1 = b"<r>caf\xe9</r>".to_vec();
        assert_eq!(
            response(Some("text/xml; charset=ISO-8859-1"), latin1.clone())
                .unwrap()
                .body,
            "<r>caf\u{e9}</r>"
        );
        let declared = b"<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><r>\xe9</r>".to_vec();
        assert!(
            response(Some("text/xml"), declared)
                .unwrap()
                .body
                .ends_with("<r>\u{e9}</r>")
        );
        // UTF-16 with its byte order mark.
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend("<r>\u{e9}</r>".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(response(None, utf16).unwrap().body, "<r>\u{e9}</r>");
        // Not text in the encoding said: an error that names it, never a replacement.
        let error = response(None, latin1).unwrap_err();
        assert!(error.to_string().contains("not UTF-8 text"), "{error}");
        assert!(response(Some("text/xml; charset=no-such"), b"<r/>".to_vec()).is_err());
        // Past the limit: refused before it is decoded.
        let big = response(None, vec![b' '; Limits::default().body + 1]).unwrap_err();
        assert!(big.to_string().contains("Limits::body"), "{big}");
    }
}
