//! The sans-IO core of every client: an `http::Request` from a payload and the binding's
//! facts, and a payload (or what went wrong) from an `http::Response`. Nothing here does I/O.

use std::fmt;

use super::error::{DecodeError, DecodeProblem, EncodeError, EncodeProblem, excerpt};
use super::payload::{BindingInfo, BindingKind, Payload};
use super::soap::SoapFault;
use super::transport::TransportError;
use super::xml_read::parse;

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
            CallError::Status { status, excerpt } => write!(f, "HTTP status {status}: {excerpt}"),
            CallError::Fault(fault) => write!(f, "{fault}"),
            CallError::Decode { error, excerpt } => {
                write!(f, "{error}; the body began `{excerpt}`")
            }
        }
    }
}

impl std::error::Error for CallError {}

/// Checks that `url` is an absolute `http` or `https` URL, and returns it without a trailing `/`.
pub fn base_url(url: &str) -> Result<String, CallError> {
    let uri: http::Uri = url
        .parse()
        .map_err(|error| CallError::Endpoint(format!("`{url}` is not a URL: {error}")))?;
    match (uri.scheme_str(), uri.authority()) {
        (Some("http" | "https"), Some(_)) if uri.query().is_none() => {
            Ok(url.trim_end_matches('/').to_owned())
        }
        _ => Err(CallError::Endpoint(format!(
            "`{url}` is not an absolute http or https URL without a query"
        ))),
    }
}

/// What a path segment must escape.
const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
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

/// The request for a payload: the binding's method, the base joined with its path (the
/// route's `{name}` parameters filled in), the query, its headers, the given cookies, the body.
/// `endpoint` is the whole address of a binding whose path the pages do not show.
pub fn http_request(
    info: &BindingInfo,
    base: &str,
    endpoint: Option<&str>,
    payload: Payload,
    cookies: &[(&str, String)],
) -> Result<http::Request<Vec<u8>>, CallError> {
    let mut url = match (info.path, endpoint) {
        (None, Some(endpoint)) => endpoint.to_owned(),
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
    let mut builder = http::Request::builder().method(info.method).uri(&url);
    for (name, value) in info.request_headers() {
        builder = builder.header(name, value);
    }
    if !cookies.is_empty() {
        let cookie = cookies
            .iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect::<Vec<_>>()
            .join("; ");
        builder = builder.header("Cookie", cookie);
    }
    builder
        .body(payload.body.into_bytes())
        .map_err(|error| CallError::Endpoint(format!("`{url}` cannot be requested: {error}")))
}

/// Whether a cookie can carry `value` as it is (RFC 6265's cookie-octets).
pub fn cookie_safe(value: &str) -> bool {
    value
        .bytes()
        .all(|b| matches!(b, 0x21 | 0x23..=0x2B | 0x2D..=0x3A | 0x3C..=0x5B | 0x5D..=0x7E))
}

/// The payload of a response: its body when the status is a success; otherwise the SOAP
/// fault it carries (for SOAP bindings) or the status with the start of the body.
pub fn response_payload(
    kind: BindingKind,
    response: http::Response<Vec<u8>>,
) -> Result<Payload, CallError> {
    let status = response.status();
    let body = response.into_body();
    let text = match String::from_utf8(body) {
        Ok(text) => text,
        Err(error) => {
            let excerpt_text = excerpt(&String::from_utf8_lossy(error.as_bytes()));
            if !status.is_success() {
                return Err(CallError::Status {
                    status: status.as_u16(),
                    excerpt: excerpt_text,
                });
            }
            return Err(CallError::Decode {
                error: DecodeError::new("the body", DecodeProblem::Syntax("not UTF-8 text".into())),
                excerpt: excerpt_text,
            });
        }
    };
    if status.is_success() {
        return Ok(Payload::body(text));
    }
    if matches!(kind, BindingKind::Soap11 | BindingKind::Soap12)
        && let Ok(doc) = parse(&text)
        && let Ok(envelope) = super::soap::envelope(&doc)
        && let Some(fault) = envelope.fault()
    {
        return Err(CallError::Fault(Box::new(fault)));
    }
    Err(CallError::Status {
        status: status.as_u16(),
        excerpt: excerpt(text.trim()),
    })
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
        }
    }

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
            "http://127.0.0.1:9/h2h",
            None,
            payload,
            &[("ticket", "t1".into())],
        )
        .unwrap();
        assert_eq!(
            request.uri(),
            "http://127.0.0.1:9/h2h/api/Session/Refresh/a%20b%2Fc?force=true"
        );
        assert_eq!(request.headers()["Accept"], "application/json");
        assert_eq!(request.headers()["Cookie"], "ticket=t1");
        assert_eq!(request.body(), b"{}");
    }

    #[test]
    fn a_binding_without_a_path_needs_the_callers_endpoint() {
        let binding = info(BindingKind::Soap11, None);
        assert!(matches!(
            http_request(&binding, "http://h", None, Payload::default(), &[]),
            Err(CallError::Endpoint(_))
        ));
        let request = http_request(
            &binding,
            "http://h",
            Some("http://h/x.asmx"),
            Payload::default(),
            &[],
        )
        .unwrap();
        assert_eq!(request.uri(), "http://h/x.asmx");
        // A binding whose path the pages show keeps it.
        let shown = info(BindingKind::Soap11, Some("/a.asmx"));
        let request = http_request(
            &shown,
            "http://h",
            Some("http://h/x.asmx"),
            Payload::default(),
            &[],
        )
        .unwrap();
        assert_eq!(request.uri(), "http://h/a.asmx");
    }

    #[test]
    fn base_urls_must_be_absolute() {
        assert_eq!(
            base_url("http://127.0.0.1:8080/").unwrap(),
            "http://127.0.0.1:8080"
        );
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
            response_payload(BindingKind::Soap11, response(500, fault)),
            Err(CallError::Fault(_))
        ));
        assert_eq!(
            response_payload(
                BindingKind::HttpGet,
                response(500, "<html>Runtime Error</html>")
            ),
            Err(CallError::Status {
                status: 500,
                excerpt: "<html>Runtime Error</html>".into()
            })
        );
        assert_eq!(
            response_payload(BindingKind::HttpGet, response(200, "")),
            Ok(Payload::default())
        );
    }
}
