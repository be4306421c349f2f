//! The server half of a generated service, sans-IO like the client core, in two steps:
//! [`receive`] places an `http::Request` on an operation and binding (by path and method, then
//! by the SOAP action or the media type) and reads its payload, work for a CPU and no waiting;
//! the generated code answers it by the user's `Server`, and [`reply`] writes what comes back,
//! or the refusal, as the real service would: SOAP faults in the request's version
//! (`MustUnderstand` among them), ASMX's plain-text 500 for its HTTP GET and POST, Web API's
//! JSON messages, `202 Accepted` and no body for a one-way operation. [`dispatch`] does both;
//! the `axum` router runs the first where it cannot hold up other requests.

use std::cell::Cell;
use std::future::Future;
use std::sync::Arc;

use http::{HeaderMap, Method, StatusCode, header};

use super::client::{charset, decode, media_parameter};
use super::error::{DecodeError, DecodeProblem, EncodeError};
use super::limits::Limits;
use super::message::WriteResponse;
use super::payload::{BindingInfo, BindingKind, OperationInfo, Payload};
use super::soap::{FaultCode, SoapFault, SoapVersion, write_fault};
use super::xml_content::XmlContent;

#[cfg(feature = "axum")]
pub use super::stand_in::{Router, ServeOptions, StandIn, router};

/// Where a request was placed, for the code that answers it. `Debug` names the request's
/// headers without their values, which may hold credentials (a cookie, a key).
pub struct Call {
    /// The operation's name on the wire.
    pub operation: &'static str,
    /// The binding the request came by.
    pub binding: BindingKind,
    /// The binding the response goes back by: the request's, except for a Web API action,
    /// which answers in the media type `Accept` asks for.
    pub reply_binding: BindingKind,
    /// The request's headers (cookies among them).
    pub headers: HeaderMap,
    /// What the request said of itself in WS-Addressing, where its binding's policy asks for
    /// addressing: the reply relates to it.
    pub addressing: Option<super::wsa::Addressed>,
}

impl std::fmt::Debug for Call {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.headers.keys().map(|name| name.as_str()).collect();
        f.debug_struct("Call")
            .field("operation", &self.operation)
            .field("binding", &self.binding)
            .field("reply_binding", &self.reply_binding)
            .field("headers", &names)
            .field("addressing", &self.addressing)
            .finish()
    }
}

impl Call {
    /// The value of a header, if the request has it as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The value of a cookie the request carries.
    pub fn cookie(&self, name: &str) -> Option<&str> {
        self.headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(';'))
            .find_map(|pair| {
                let (key, value) = pair.trim().split_once('=')?;
                (key == name).then_some(value)
            })
    }
}

/// A refusal of a call: a SOAP fault for the SOAP bindings, and for the others what ASMX and
/// Web API answer when a method throws.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fault {
    /// Whether the caller is at fault (`Client` in SOAP 1.1, `Sender` in 1.2) rather than the
    /// service (`Server`, `Receiver`).
    pub sender: bool,
    /// What went wrong, for people.
    pub reason: String,
    /// The fault's detail, as XML.
    pub detail: Option<XmlContent>,
}

impl Fault {
    /// A fault of the caller's (`soap:Client`).
    pub fn sender(reason: impl Into<String>) -> Self {
        Fault {
            sender: true,
            reason: reason.into(),
            detail: None,
        }
    }

    /// A fault of the service's (`soap:Server`).
    pub fn receiver(reason: impl Into<String>) -> Self {
        Fault {
            sender: false,
            reason: reason.into(),
            detail: None,
        }
    }

    /// The fault of an operation the server does not implement.
    pub fn not_implemented(operation: &str) -> Self {
        Fault::receiver(format!("The operation {operation} is not implemented."))
    }

    /// The same fault with a detail.
    pub fn with_detail(mut self, detail: XmlContent) -> Self {
        self.detail = Some(detail);
        self
    }

    fn soap(&self, version: SoapVersion) -> SoapFault {
        let local = match (version, self.sender) {
            (SoapVersion::Soap11, true) => "Client",
            (SoapVersion::Soap11, false) => "Server",
            (SoapVersion::Soap12, true) => "Sender",
            (SoapVersion::Soap12, false) => "Receiver",
        };
        SoapFault {
            version,
            code: FaultCode {
                namespace: version.namespace().to_owned(),
                local: local.to_owned(),
            },
            subcodes: Vec::new(),
            reason: self.reason.clone(),
            actor: None,
            node: None,
            detail: self.detail.clone(),
        }
    }
}

/// What a `Server` method gives: a future of the response or of the fault that answers
/// instead, which may move between threads. An `async fn` returning `Result<R, Fault>` is one.
pub trait Reply<R>: Future<Output = Result<R, Fault>> + Send {
    /// The answer this reply comes to: the response written for `binding` (the call's
    /// [`Call::reply_binding`]), or the fault instead; each operation's a future of its own.
    fn answer_in(self, binding: BindingKind) -> Answering
    where
        Self: Sized + 'static,
        R: WriteResponse,
    {
        Box::pin(async move {
            let response = self.await?;
            Ok(response.write_response(binding)?)
        })
    }
}

impl<R, F: Future<Output = Result<R, Fault>> + Send> Reply<R> for F {}

/// The answer of an operation a server leaves out: a fault that says it is not implemented.
pub fn not_implemented<Q, R>(
    operation: &str,
    _request: Q,
    _call: Arc<Call>,
) -> std::future::Ready<Result<R, Fault>> {
    std::future::ready(Err(Fault::not_implemented(operation)))
}

/// A request as [`Incoming::receive`] leaves it.
pub enum Received<Q> {
    /// Placed and read: its call, and the operation's request.
    Request(Call, Q),
    /// Refused: the answer that says why.
    Refused(HttpResponse),
}

impl<Q> Received<Q> {
    /// The same, its request made another (one service's requests made those of several
    /// served together).
    pub fn map<R>(self, f: impl FnOnce(Q) -> R) -> Received<R> {
        match self {
            Received::Request(call, request) => Received::Request(call, f(request)),
            Received::Refused(refusal) => Received::Refused(refusal),
        }
    }
}

/// The answer that refuses a request, for `?` within the placing of one.
struct Refusal(Box<HttpResponse>);

impl From<HttpResponse> for Refusal {
    fn from(response: HttpResponse) -> Self {
        Refusal(Box::new(response))
    }
}

/// The requests of a service as its server half receives them: the generated `Request` enum,
/// one variant per operation.
pub trait Incoming: Sized + Send + 'static {
    /// Places `request` on an operation and binding and reads it within `limits`, or gives
    /// the answer that refuses it. Work for a CPU, without waiting: the router runs it off
    /// the threads that serve connections when the body is large.
    fn receive(request: http::Request<Vec<u8>>, limits: &Limits) -> Received<Self>;
}

/// Answering the requests of [`Incoming`] by `S`, the service's generated `Server` trait.
pub trait Answer<S: ?Sized>: Incoming {
    /// Hands the request to `server`'s method for its operation and writes what it gives
    /// for [`Call::reply_binding`].
    fn answer(self, server: Arc<S>, call: Arc<Call>) -> Answering;
}

/// The answer to one request, on its way: the operation's method, then its response written.
///
/// Boxed, so that each operation's answer is a future of its own: one `async fn` that awaited
/// every operation's method in one `match` would be a state machine the compiler lays out
/// over all of them at once, which for a service of 1 500 operations took it gigabytes. It
/// borrows nothing (the server and the call are shared, not lent), so it can be spawned.
pub type Answering =
    std::pin::Pin<Box<dyn Future<Output = Result<Payload, Failure>> + Send + 'static>>;

/// Answers `request` by `server` as the service does: [`Incoming::receive`], then
/// [`Answer::answer`] and [`reply`]. Whatever the request, the answer is the one the real
/// service gives: nothing here panics.
pub async fn dispatch<S: ?Sized, Q: Answer<S>>(
    server: &Arc<S>,
    request: http::Request<Vec<u8>>,
    limits: &Limits,
) -> HttpResponse {
    match Q::receive(request, limits) {
        Received::Request(call, request) => {
            let call = Arc::new(call);
            let answer = request.answer(server.clone(), call.clone()).await;
            reply(&call, answer)
        }
        Received::Refused(refusal) => refusal,
    }
}

/// Why a placed call gives no response.
#[derive(Debug)]
pub enum Failure {
    /// The request does not read as the operation's.
    Decode(DecodeError),
    /// The response cannot be written.
    Encode(EncodeError),
    /// The code that answers refused the call.
    Fault(Fault),
}

impl From<DecodeError> for Failure {
    fn from(error: DecodeError) -> Self {
        Failure::Decode(error)
    }
}

impl From<EncodeError> for Failure {
    fn from(error: EncodeError) -> Self {
        Failure::Encode(error)
    }
}

impl From<Fault> for Failure {
    fn from(fault: Fault) -> Self {
        Failure::Fault(fault)
    }
}

/// The HTTP response.
pub type HttpResponse = http::Response<Vec<u8>>;

/// Places `request` on one of `operations` and a binding, and reads its payload within
/// `limits` by `read` (the generated `Request::read`); a request that cannot be placed or
/// read gets the refusal the real service gives.
pub fn receive<Q>(
    operations: &'static [OperationInfo],
    request: http::Request<Vec<u8>>,
    limits: &Limits,
    read: impl FnOnce(&Call, &Payload) -> Result<Q, DecodeError>,
) -> Received<Q> {
    let (call, payload) = match place(operations, request, limits) {
        Ok(placed) => placed,
        Err(Refusal(refusal)) => return Received::Refused(*refusal),
    };
    match read(&call, &payload) {
        Ok(request) => Received::Request(call, request),
        Err(error) => Received::Refused(reply(&call, Err(Failure::Decode(error)))),
    }
}

/// Places a request: its call, and its payload.
fn place(
    operations: &'static [OperationInfo],
    request: http::Request<Vec<u8>>,
    limits: &Limits,
) -> Result<(Call, Payload), Refusal> {
    let web_api = operations
        .iter()
        .flat_map(|op| op.bindings)
        .any(|b| is_web_api(b.kind));
    if request.body().len() > limits.body {
        return Err(too_large(limits.body).into());
    }
    let (parts, body) = request.into_parts();
    let path = parts.uri.path();
    let mut placed: Vec<Placed> = Vec::new();
    for op in operations {
        for binding in op.bindings {
            if let Some(parameters) = route(binding, path) {
                placed.push((op.name, binding, parameters));
            }
        }
    }
    if placed.is_empty() {
        return Err(not_found(web_api, path).into());
    }
    // The route with the most literal segments wins: `api/Sessions/End` over `{id}`.
    let best = placed
        .iter()
        .map(|(_, b, _)| literal_segments(b))
        .max()
        .unwrap_or(0);
    placed.retain(|(_, b, _)| literal_segments(b) == best);
    let method = &parts.method;
    let allowed: Vec<_> = placed
        .iter()
        .filter(|(_, b, _)| b.method.eq_ignore_ascii_case(method.as_str()))
        .cloned()
        .collect();
    if allowed.is_empty() {
        return Err(wrong_method(web_api, method).into());
    }
    let kind = allowed[0].1.kind;
    let context = Context {
        operations,
        parts: &parts,
        has_body: !body.is_empty(),
        body: Cell::new(body),
        limits,
    };
    let placement = if SoapVersion::of(kind).is_some() {
        context.soap(&allowed)?
    } else if is_web_api(kind) {
        context.web_api(&allowed)?
    } else {
        context.http(&allowed)?
    };
    let call = Call {
        operation: placement.operation,
        binding: placement.binding,
        reply_binding: placement.reply_binding,
        headers: parts.headers,
        addressing: placement.addressing,
    };
    Ok((call, placement.payload))
}

/// Checks the WS-Security UsernameToken of a request before [`dispatch`], as a service that
/// asks for one (WCF's `UserNameOverTransport`) does: a request without one, or whose token
/// `verify` does not accept (see `ReceivedToken::proves`), is refused with the fault WCF
/// answers; one it accepts goes on without its `wsse:Security` header entry, which has then
/// been understood. A request that is not a SOAP envelope cannot carry a token, and is
/// refused too (`401`).
pub fn check_username_token(
    request: http::Request<Vec<u8>>,
    limits: &Limits,
    verify: impl FnOnce(&super::wsse::ReceivedToken) -> bool,
) -> Checked {
    let (mut parts, body) = request.into_parts();
    let not_soap = || {
        text_response(
            StatusCode::UNAUTHORIZED,
            "text/plain; charset=utf-8",
            "The service wants a WS-Security UsernameToken, which travels in a SOAP header."
                .to_owned(),
        )
    };
    let Ok(mut text) = String::from_utf8(body) else {
        return Checked::Refused(not_soap());
    };
    let checked = {
        let Ok(doc) = super::xml_read::parse_within(&text, limits) else {
            return Checked::Refused(not_soap());
        };
        let Ok(envelope) = super::soap::envelope(&doc) else {
            return Checked::Refused(not_soap());
        };
        let version = envelope.version;
        match super::wsse::security_entry(&envelope) {
            Ok(Some((token, range))) if verify(&token) => Ok(range),
            _ => Err(version),
        }
    };
    match checked {
        Ok(range) => {
            text.replace_range(range, "");
            parts.headers.remove(header::CONTENT_LENGTH);
            parts.extensions.insert(TokenChecked);
            Checked::Passed(http::Request::from_parts(parts, text.into_bytes()))
        }
        Err(version) => Checked::Refused(security_fault(version)),
    }
}

/// Said of a request, in its extensions, by [`check_username_token`]: its token was checked,
/// and its `Security` entry taken out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TokenChecked;

/// The refusal of a request whose UsernameToken is missing or wrong, as WCF gives it:
/// WS-Security's `InvalidSecurity` (the code in SOAP 1.1, a subcode of `Sender` in 1.2).
fn security_fault(version: SoapVersion) -> HttpResponse {
    let mut refusal =
        Fault::sender("An error occurred when verifying security for the message.").soap(version);
    let code = FaultCode {
        namespace: super::wsse::WSSE.to_owned(),
        local: "InvalidSecurity".to_owned(),
    };
    match version {
        SoapVersion::Soap11 => refusal.code = code,
        SoapVersion::Soap12 => refusal.subcodes.push(code),
    }
    soap_fault(&refusal)
}

/// What [`check_username_token`] makes of a request.
#[derive(Debug)]
pub enum Checked {
    /// The request, its token accepted, for [`dispatch`].
    Passed(http::Request<Vec<u8>>),
    /// The refusal to answer it with.
    Refused(HttpResponse),
}

/// Writes the answer to `call`: the response's payload, or the refusal of the request (a
/// fault, the service's error), as the service does in the call's binding. A response with
/// no body (a one-way operation's) is `202 Accepted` for SOAP, as ASMX and WS-I Basic Profile
/// (R2714) answer, and `200 OK` for the others.
pub fn reply(call: &Call, answer: Result<Payload, Failure>) -> HttpResponse {
    let response = unaddressed_reply(call, answer);
    match (&call.addressing, SoapVersion::of(call.binding)) {
        (Some(addressed), Some(version)) if !response.body().is_empty() => {
            address(response, version, addressed)
        }
        _ => response,
    }
}

/// A SOAP reply (`response`, which this runtime wrote) with the WS-Addressing headers that
/// relate it to its request: its `Action` (a fault's for a fault) and `RelatesTo`.
fn address(
    response: HttpResponse,
    version: SoapVersion,
    addressed: &super::wsa::Addressed,
) -> HttpResponse {
    let faulted = !response.status().is_success();
    let (parts, body) = response.into_parts();
    let Ok(mut text) = String::from_utf8(body) else {
        return asmx_error("the reply is not UTF-8 text");
    };
    match super::wsa::address_reply(version, &mut text, addressed, faulted) {
        Ok(()) => {
            let mut response = http::Response::from_parts(parts, text.into_bytes());
            response.headers_mut().remove(header::CONTENT_LENGTH);
            response
        }
        Err(error) => fault(version, &Fault::receiver(error.to_string())),
    }
}

/// [`reply`] before its WS-Addressing headers.
fn unaddressed_reply(call: &Call, answer: Result<Payload, Failure>) -> HttpResponse {
    if let Some(version) = SoapVersion::of(call.binding) {
        return match answer {
            Ok(reply) if reply.body.is_empty() => empty(StatusCode::ACCEPTED),
            Ok(reply) => text_response(StatusCode::OK, soap_media(version), reply.body),
            Err(Failure::Decode(error)) => match &error.problem {
                DecodeProblem::MustUnderstand(header) => not_understood(version, header),
                _ => fault(version, &Fault::sender(error.to_string())),
            },
            Err(Failure::Encode(error)) => fault(version, &Fault::receiver(error.to_string())),
            Err(Failure::Fault(refusal)) => fault(version, &refusal),
        };
    }
    if is_web_api(call.binding) {
        return match answer {
            Ok(reply) if reply.body.is_empty() => empty(StatusCode::OK),
            Ok(reply) => {
                let media = if call.reply_binding == BindingKind::WebApiXml {
                    "application/xml; charset=utf-8"
                } else {
                    "application/json; charset=utf-8"
                };
                text_response(StatusCode::OK, media, reply.body)
            }
            Err(Failure::Decode(error)) => json_message(
                StatusCode::BAD_REQUEST,
                &format!("The request is invalid: {error}"),
            ),
            Err(Failure::Encode(error)) => {
                json_message(StatusCode::INTERNAL_SERVER_ERROR, &error.to_string())
            }
            Err(Failure::Fault(refusal)) => {
                let status = if refusal.sender {
                    StatusCode::BAD_REQUEST
                } else {
                    StatusCode::INTERNAL_SERVER_ERROR
                };
                json_message(status, &refusal.reason)
            }
        };
    }
    // ASMX's HTTP GET and POST, and xWeb's JSON methods.
    let json = matches!(call.binding, BindingKind::JsonGet | BindingKind::JsonPost);
    let refuse = |message: &str| {
        if json {
            json_message(StatusCode::INTERNAL_SERVER_ERROR, message)
        } else {
            asmx_error(message)
        }
    };
    match answer {
        Ok(reply) if reply.body.is_empty() => empty(StatusCode::OK),
        Ok(reply) => {
            let media = if json {
                "application/json; charset=utf-8"
            } else {
                "text/xml; charset=utf-8"
            };
            text_response(StatusCode::OK, media, reply.body)
        }
        Err(Failure::Decode(error)) => {
            refuse(&format!("System.InvalidOperationException: {error}"))
        }
        Err(Failure::Encode(error)) => {
            refuse(&format!("System.InvalidOperationException: {error}"))
        }
        Err(Failure::Fault(refusal)) if json => {
            json_message(StatusCode::INTERNAL_SERVER_ERROR, &refusal.reason)
        }
        Err(Failure::Fault(refusal)) => asmx_error(&format!(
            "System.Web.Services.Protocols.SoapException: {}",
            refusal.reason
        )),
    }
}

/// The fault of a header marked `mustUnderstand` that the operation does not declare: code
/// `MustUnderstand` in the request's version, as ASMX answers it.
fn not_understood(version: SoapVersion, header: &str) -> HttpResponse {
    let refusal = SoapFault {
        code: FaultCode {
            namespace: version.namespace().to_owned(),
            local: "MustUnderstand".to_owned(),
        },
        ..Fault::sender(format!("SOAP header {header} was not understood.")).soap(version)
    };
    soap_fault(&refusal)
}

struct Context<'r> {
    operations: &'static [OperationInfo],
    parts: &'r http::request::Parts,
    /// The body, until it is taken as text.
    body: Cell<Vec<u8>>,
    /// Whether the request has a body.
    has_body: bool,
    limits: &'r Limits,
}

/// A binding whose route the request's path matches: its operation, and the route's
/// parameters.
type Placed = (&'static str, &'static BindingInfo, Vec<(String, String)>);

/// Where a request was placed, and what it carries.
struct Placement {
    /// The operation.
    operation: &'static str,
    /// The binding it came by.
    binding: BindingKind,
    /// The binding its answer goes back by.
    reply_binding: BindingKind,
    /// Its payload.
    payload: Payload,
    /// What it said of itself in WS-Addressing, on a binding that uses it.
    addressing: Option<super::wsa::Addressed>,
}

impl Placement {
    /// A request answered in the binding it came by, without WS-Addressing.
    fn plain(operation: &'static str, binding: BindingKind, payload: Payload) -> Self {
        Placement {
            operation,
            binding,
            reply_binding: binding,
            payload,
            addressing: None,
        }
    }
}

/// A placed request, or the refusal of it.
type Placing = Result<Placement, Refusal>;

impl Context<'_> {
    /// The body as text, in the charset its media type or its XML declaration names.
    fn body_text(&self) -> Result<String, String> {
        let declared = self
            .parts
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(charset);
        decode(self.body.take(), declared).map_err(|(problem, _)| problem)
    }

    /// A SOAP request: its version by media type, its operation by action; where the
    /// binding's policy asks for WS-Addressing, its addressing headers are read (and taken out
    /// of the payload) and its `Action` must be the operation's.
    fn soap(&self, placed: &[Placed]) -> Placing {
        let content_type = header_text(&self.parts.headers, header::CONTENT_TYPE.as_str());
        let media = content_type
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        let Some(version) = [SoapVersion::Soap11, SoapVersion::Soap12]
            .into_iter()
            .find(|v| v.media_type() == media)
        else {
            return Err(asmx_error(&format!(
                "System.InvalidOperationException: Request format is invalid: {content_type}."
            ))
            .into());
        };
        let mut text = self
            .body_text()
            .map_err(|problem| fault(version, &Fault::sender(problem)))?;
        // The envelope must be of the version its media type says.
        let element = match envelope(&text, self.limits) {
            Ok((Some(found), _)) if found != version => {
                let mismatch = SoapFault {
                    code: FaultCode {
                        namespace: version.namespace().to_owned(),
                        local: "VersionMismatch".to_owned(),
                    },
                    ..Fault::sender(format!(
                        "Possible SOAP version mismatch: Envelope namespace {} was unexpected. \
                         Expecting {}.",
                        found.namespace(),
                        version.namespace()
                    ))
                    .soap(version)
                };
                return Err(soap_fault(&mismatch).into());
            }
            Ok((_, element)) => element,
            Err(error) => return Err(fault(version, &Fault::sender(error.to_string())).into()),
        };
        let action = match version {
            SoapVersion::Soap11 => self
                .parts
                .headers
                .get("SOAPAction")
                .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned()),
            SoapVersion::Soap12 => media_parameter(&content_type, "action").map(str::to_owned),
        };
        let action = action.map(|a| a.trim().trim_matches('"').to_owned());
        let kind = match version {
            SoapVersion::Soap11 => BindingKind::Soap11,
            SoapVersion::Soap12 => BindingKind::Soap12,
        };
        let of_version: Vec<&Placed> = placed.iter().filter(|(_, b, _)| b.kind == kind).collect();
        let absent = action.as_deref().is_none_or(str::is_empty);
        // The operation whose body's element the request's is, of `among`.
        let by_element = |among: &[&'_ Placed]| -> Option<&'static str> {
            let (ns, local) = element.as_ref()?;
            among.iter().map(|(name, _, _)| *name).find(|name| {
                self.operations
                    .iter()
                    .any(|op| op.name == *name && op.element == Some((ns.as_str(), local.as_str())))
            })
        };
        let by_action: Vec<&Placed> = of_version
            .iter()
            .copied()
            .filter(|(_, b, _)| action.as_deref() == Some(b.action.unwrap_or("")))
            .collect();
        let chosen = match by_action.as_slice() {
            [(name, _, _)] => Some(*name),
            // Operations that share an action (an empty one, say) are told apart by their
            // element, as ASMX's `RequestElement` routing does; so is a request with none.
            [_, _, ..] => by_element(&by_action),
            [] if absent => by_element(&of_version),
            [] => None,
        };
        let Some(operation) = chosen else {
            return Err(fault(
                version,
                &Fault::sender(format!(
                    "Server did not recognize the value of HTTP Header SOAPAction: {}.",
                    action.unwrap_or_default()
                )),
            )
            .into());
        };
        let binding = of_version
            .iter()
            .find(|(name, _, _)| *name == operation)
            .map(|(_, binding, _)| *binding);
        let addressing = match binding {
            Some(binding) => self.follow_policy(binding, version, &mut text)?,
            None => None,
        };
        Ok(Placement {
            addressing,
            ..Placement::plain(
                operation,
                kind,
                Payload::body(text).with_limits(*self.limits),
            )
        })
    }

    /// Follows the policy of a SOAP request's binding: where it asks for WS-Addressing, reads
    /// the request's (taking its entries out of `text`) and refuses it as WCF does when its
    /// `Action` is missing or another's; where it asks for HTTP Basic authentication, answers
    /// a request without it `401`; where it asks for a UsernameToken, refuses a request
    /// without one, and takes its `Security` entry as understood. `check_username_token`, put
    /// before `dispatch`, checks the password; a stand-in that knows none takes the token as
    /// it comes.
    fn follow_policy(
        &self,
        binding: &BindingInfo,
        version: SoapVersion,
        text: &mut String,
    ) -> Result<Option<super::wsa::Addressed>, Refusal> {
        let addressing = match binding.policy.addressing {
            Some(addressing) => {
                let received = super::wsa::receive(
                    text,
                    self.limits,
                    addressing,
                    binding.action.unwrap_or(""),
                    binding.reply_action.unwrap_or(""),
                );
                match received {
                    Ok(addressed) => Some(addressed),
                    Err(refused) => {
                        // WCF's fault: its code in the addressing namespace, a subcode of
                        // `Sender` in SOAP 1.2.
                        let subcode = FaultCode {
                            namespace: addressing.namespace().to_owned(),
                            local: refused.subcode.to_owned(),
                        };
                        let mut refusal = Fault::sender(refused.reason).soap(version);
                        match version {
                            SoapVersion::Soap11 => refusal.code = subcode,
                            SoapVersion::Soap12 => refusal.subcodes.push(subcode),
                        }
                        return Err(soap_fault(&refusal).into());
                    }
                }
            }
            None => None,
        };
        let basic = header_text(&self.parts.headers, header::AUTHORIZATION.as_str());
        let basic = basic.split_whitespace().next().unwrap_or("");
        if binding.policy.basic_auth && !basic.eq_ignore_ascii_case("basic") {
            let mut refusal = text_response(
                StatusCode::UNAUTHORIZED,
                "text/plain; charset=utf-8",
                "The service wants HTTP Basic authentication.".to_owned(),
            );
            refusal.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                http::HeaderValue::from_static("Basic realm=\"service\""),
            );
            return Err(refusal.into());
        }
        if binding.policy.username_token && self.parts.extensions.get::<TokenChecked>().is_none() {
            let security = super::xml_read::parse_within(text, self.limits)
                .ok()
                .and_then(|doc| {
                    let envelope = super::soap::envelope(&doc).ok()?;
                    let (_, range) = super::wsse::security_entry(&envelope).ok()??;
                    Some(range)
                });
            match security {
                Some(range) => text.replace_range(range, ""),
                None => return Err(security_fault(version).into()),
            }
        }
        Ok(addressing)
    }

    /// ASMX's HTTP GET and POST, and xWeb's JSON methods: the input as a query or a body.
    fn http(&self, placed: &[Placed]) -> Placing {
        let (operation, binding, _) = &placed[0];
        let kind = binding.kind;
        let mut payload = Payload::default().with_limits(*self.limits);
        if self.parts.method == Method::GET {
            payload.query = Some(self.parts.uri.query().unwrap_or("").to_owned());
        } else {
            match self.body_text() {
                Ok(text) => payload.body = text,
                Err(problem) => {
                    let message = format!("System.InvalidOperationException: {problem}");
                    let refusal = if matches!(kind, BindingKind::JsonGet | BindingKind::JsonPost) {
                        json_message(StatusCode::INTERNAL_SERVER_ERROR, &message)
                    } else {
                        asmx_error(&message)
                    };
                    return Err(refusal.into());
                }
            }
        }
        Ok(Placement::plain(operation, kind, payload))
    }

    /// A Web API action: the body's binding by its media type, the answer's by `Accept`.
    fn web_api(&self, placed: &[Placed]) -> Placing {
        let offered = |kind: BindingKind| placed.iter().find(|(_, b, _)| b.kind == kind);
        let content_type = header_text(&self.parts.headers, header::CONTENT_TYPE.as_str());
        let accept = header_text(&self.parts.headers, header::ACCEPT.as_str());
        let by_media = |media: &str| {
            let media = media.to_ascii_lowercase();
            if media.contains("json") {
                Some(BindingKind::WebApiJson)
            } else if media.contains("xml") {
                Some(BindingKind::WebApiXml)
            } else {
                None
            }
        };
        let has_body = self.has_body;
        let request_kind = match by_media(&content_type) {
            Some(kind) => kind,
            None if !has_body => BindingKind::WebApiJson,
            None => {
                return Err(json_message(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    &format!(
                        "The request entity's media type '{}' is not supported for this resource.",
                        content_type.split(';').next().unwrap_or("").trim()
                    ),
                )
                .into());
            }
        };
        let Some((operation, _, parameters)) =
            offered(request_kind).or_else(|| (!has_body).then(|| &placed[0]))
        else {
            return Err(json_message(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "The request entity's media type is not supported for this resource.",
            )
            .into());
        };
        let reply_kind = by_media(&accept)
            .filter(|kind| offered(*kind).is_some())
            .unwrap_or(request_kind);
        let text = self.body_text().map_err(|problem| {
            json_message(
                StatusCode::BAD_REQUEST,
                &format!("The request is invalid: {problem}"),
            )
        })?;
        let payload = Payload {
            path: parameters.clone(),
            query: self.parts.uri.query().map(str::to_owned),
            body: text,
            limits: *self.limits,
        };
        Ok(Placement {
            reply_binding: reply_kind,
            ..Placement::plain(operation, request_kind, payload)
        })
    }
}

/// The refusal of a body longer than `limit` bytes.
pub fn too_large(limit: usize) -> HttpResponse {
    text_response(
        StatusCode::PAYLOAD_TOO_LARGE,
        "text/plain; charset=utf-8",
        format!(
            "Maximum request length exceeded: the body is longer than {limit} bytes \
             (`Limits::body`)."
        ),
    )
}

/// Whether a binding is a Web API action's.
fn is_web_api(kind: BindingKind) -> bool {
    matches!(
        kind,
        BindingKind::WebApiJson | BindingKind::WebApiXml | BindingKind::WebApiForm
    )
}

/// The segments of a binding's route, without its query part: `None` for a binding that the
/// documents give no address (any path reaches it).
fn template(binding: &BindingInfo) -> Option<Vec<&'static str>> {
    let path = binding.path?;
    let path = path.split('?').next().unwrap_or("");
    Some(path.split('/').filter(|s| !s.is_empty()).collect())
}

fn literal_segments(binding: &BindingInfo) -> usize {
    template(binding).map_or(0, |segments| {
        segments.iter().filter(|s| !s.starts_with('{')).count()
    })
}

/// The route parameters of `path` if it reaches `binding`: its route matches the path's last
/// segments (whatever base the service is mounted under), literal segments in any case, as
/// IIS compares them, and each `{name}` one segment, percent-decoded.
fn route(binding: &BindingInfo, path: &str) -> Option<Vec<(String, String)>> {
    let Some(template) = template(binding) else {
        return Some(Vec::new());
    };
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if segments.len() < template.len() {
        return None;
    }
    let tail = &segments[segments.len() - template.len()..];
    let mut parameters = Vec::new();
    for (pattern, segment) in template.iter().zip(tail) {
        let value = percent_encoding::percent_decode_str(segment)
            .decode_utf8()
            .ok()?;
        match pattern.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
            Some(name) => {
                parameters.push((name.trim_end_matches('?').to_owned(), value.into_owned()))
            }
            None if pattern.eq_ignore_ascii_case(&value) => {}
            None => return None,
        }
    }
    Some(parameters)
}

/// A request no route reaches.
fn not_found(web_api: bool, path: &str) -> HttpResponse {
    if web_api {
        return json_message(
            StatusCode::NOT_FOUND,
            &format!("No HTTP resource was found that matches the request URI '{path}'."),
        );
    }
    match path.to_ascii_lowercase().find(".asmx/") {
        // A method an ASMX service does not have.
        Some(at) => asmx_error(&format!(
            "System.InvalidOperationException: Request format is unrecognized for URL \
             unexpectedly ending in '{}'.",
            &path[at + ".asmx".len()..]
        )),
        None => text_response(
            StatusCode::NOT_FOUND,
            "text/plain; charset=utf-8",
            "The resource cannot be found.".to_owned(),
        ),
    }
}

/// A request by a method no binding of its route takes.
fn wrong_method(web_api: bool, method: &Method) -> HttpResponse {
    if web_api {
        return json_message(
            StatusCode::METHOD_NOT_ALLOWED,
            &format!("The requested resource does not support http method '{method}'."),
        );
    }
    text_response(
        StatusCode::METHOD_NOT_ALLOWED,
        "text/plain; charset=utf-8",
        format!("The HTTP verb {method} used to access this path is not allowed."),
    )
}

/// A header's value as text, non-ASCII bytes replaced; empty when absent.
fn header_text(headers: &HeaderMap, name: &str) -> String {
    headers
        .get(name)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        .unwrap_or_default()
}

/// An element's namespace (empty for none) and local name.
type ElementName = (String, String);

/// The SOAP version of the envelope `text` holds, by its namespace, if it is one; and its
/// body's element, if it is a whole envelope.
fn envelope(
    text: &str,
    limits: &Limits,
) -> Result<(Option<SoapVersion>, Option<ElementName>), DecodeError> {
    let doc = super::xml_read::parse_within(text, limits)?;
    let root = doc.root_element().tag_name().namespace();
    let version = [SoapVersion::Soap11, SoapVersion::Soap12]
        .into_iter()
        .find(|v| root == Some(v.namespace()));
    let element = super::soap::envelope(&doc)
        .ok()
        .and_then(|envelope| envelope.content())
        .map(|e| {
            let (ns, local) = super::xml_read::name(e);
            (ns.to_owned(), local.to_owned())
        });
    Ok((version, element))
}

fn soap_media(version: SoapVersion) -> &'static str {
    match version {
        SoapVersion::Soap11 => "text/xml; charset=utf-8",
        SoapVersion::Soap12 => "application/soap+xml; charset=utf-8",
    }
}

/// A fault in an envelope of `version`, with status 500 as ASMX answers it.
fn fault(version: SoapVersion, fault: &Fault) -> HttpResponse {
    soap_fault(&fault.soap(version))
}

fn soap_fault(fault: &SoapFault) -> HttpResponse {
    match write_fault(fault) {
        Ok(body) => text_response(
            StatusCode::INTERNAL_SERVER_ERROR,
            soap_media(fault.version),
            body,
        ),
        Err(error) => asmx_error(&error.to_string()),
    }
}

/// ASMX's answer to a failed HTTP GET or POST, and to a request it cannot place: status 500
/// and the exception as text.
fn asmx_error(message: &str) -> HttpResponse {
    text_response(
        StatusCode::INTERNAL_SERVER_ERROR,
        "text/plain; charset=utf-8",
        message.to_owned(),
    )
}

/// Web API's (and xWeb's JSON methods') error: `{"Message": "…"}`.
fn json_message(status: StatusCode, message: &str) -> HttpResponse {
    let body = serde_json::json!({ "Message": message }).to_string();
    text_response(status, "application/json; charset=utf-8", body)
}

pub(crate) fn text_response(status: StatusCode, media: &'static str, body: String) -> HttpResponse {
    let mut response = http::Response::new(body.into_bytes());
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, http::HeaderValue::from_static(media));
    response
}

fn empty(status: StatusCode) -> HttpResponse {
    let mut response = http::Response::new(Vec::new());
    *response.status_mut() = status;
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn binding(path: Option<&'static str>) -> BindingInfo {
        BindingInfo {
            kind: BindingKind::WebApiJson,
            method: "GET",
            path,
            action: None,
            content_type: None,
            accept: None,
            policy: crate::Policy::NONE,
            reply_action: None,
        }
    }

    #[test]
    fn a_route_matches_the_end_of_a_path_under_any_base() {
        let b = binding(Some("api/Sessions/{id}?expand={expand}"));
        assert_eq!(
            route(&b, "/h2h/api/sessions/a%2Fb%20c"),
            Some(vec![("id".to_owned(), "a/b c".to_owned())])
        );
        assert_eq!(route(&b, "/api/Other/1"), None);
        assert_eq!(route(&b, "/Sessions/1"), None);
        assert_eq!(literal_segments(&b), 2);
        // A binding no document gives an address is reached by any path.
        assert_eq!(route(&binding(None), "/anything"), Some(Vec::new()));
    }

    #[test]
    fn a_segment_that_is_not_utf8_once_decoded_reaches_nothing() {
        assert_eq!(route(&binding(Some("api/{id}")), "/api/%FF"), None);
    }

    #[test]
    fn a_calls_debug_names_headers_without_their_values() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            http::HeaderValue::from_static("ticket=s3cret"),
        );
        let call = Call {
            operation: "LogOut",
            binding: BindingKind::HttpGet,
            reply_binding: BindingKind::HttpGet,
            headers,
            addressing: None,
        };
        assert_eq!(call.cookie("ticket"), Some("s3cret"));
        let shown = format!("{call:?}");
        assert!(
            shown.contains("cookie") && !shown.contains("s3cret"),
            "{shown}"
        );
    }

    #[test]
    fn faults_take_each_versions_codes() {
        let fault = Fault::sender("no");
        assert_eq!(fault.soap(SoapVersion::Soap11).code.local, "Client");
        assert_eq!(fault.soap(SoapVersion::Soap12).code.local, "Sender");
        let fault = Fault::receiver("no");
        assert_eq!(fault.soap(SoapVersion::Soap11).code.local, "Server");
        assert_eq!(fault.soap(SoapVersion::Soap12).code.local, "Receiver");
    }
}
