//! Credentials stay where they belong. A marker credential goes into every credential member
//! of each of the four services, through every binding and both transports, against servers
//! that echo it every way a server can: an error page, a body that does not read, a fault, the
//! service's own failure, a redirect, a body cut short; and through the transports' own
//! failures. No error's text or `Debug`, and no `Debug` of anything a client builds, may show
//! it, nor a credential the server sent that no request carried. Redirects are errors unless
//! the caller asks for them, and never take a request to another origin.

use std::time::Duration;

use generated::runtime::{
    AsyncTransport, BindingKind, BlockingTransport, Nillable, Payload, ReadRequest as _,
    RedirectRefusal, Redirects, TransportError, WriteRequest as _, WriteResponse as _,
};
use generated::{cebes, sejour, srv, xweb};
use tests::call;
use tests::fixtures::wsdl_sign_in as sign_in;
use tests::misbehaving::{MisbehavingServer, Misbehavior};
use tests::scripted::{Received, Reply, ScriptedServer};
use tests::stand_ins::paths;
use tests::via::Via;

/// The credential every request carries: a value with characters each encoding escapes.
const MARKER: &str = "Mk7sQ&cr/t+9xLw";

/// A credential the server sends that no request carried (Cebes's new `accessToken`, xWeb's
/// rotated token).
const NEW_TOKEN: &str = "Nw9-rotated-token";

/// Fails when `text` shows either credential, in any encoding: every encoding keeps the
/// marker's runs of letters and digits as they are.
fn assert_clean(what: &str, text: &str) {
    for leak in ["Mk7sQ", "9xLw", "Nw9-rotated"] {
        assert!(
            !text.contains(leak),
            "{what} shows a credential (`{leak}`):\n{text}"
        );
    }
}

/// The four services, srv.asmx with its ticket as a parameter and as a cookie, and the
/// fixture whose credentials stand in a choice and an attribute.
#[derive(Clone, Copy, Debug)]
enum Service {
    Sejour,
    Xweb,
    Srv { cookies: bool },
    Cebes,
    SignIn,
}

const SERVICES: [Service; 6] = [
    Service::Sejour,
    Service::Xweb,
    Service::Srv { cookies: false },
    Service::Srv { cookies: true },
    Service::Cebes,
    Service::SignIn,
];

impl Service {
    fn bindings(self) -> Vec<BindingKind> {
        let operations = match self {
            Service::Sejour => sejour::OPERATIONS,
            Service::Xweb => xweb::OPERATIONS,
            Service::Srv { .. } => srv::OPERATIONS,
            Service::Cebes => cebes::OPERATIONS,
            Service::SignIn => sign_in::OPERATIONS,
        };
        operations[0].bindings.iter().map(|b| b.kind).collect()
    }

    fn secret_names(self) -> &'static [&'static str] {
        match self {
            Service::Sejour => sejour::SECRET_NAMES,
            Service::Xweb => xweb::SECRET_NAMES,
            Service::Srv { .. } => srv::SECRET_NAMES,
            Service::Cebes => cebes::SECRET_NAMES,
            Service::SignIn => sign_in::SECRET_NAMES,
        }
    }
}

/// What a call came to: `Ok`, or its error's text and `Debug`, and the `Debug` of the client
/// and of the request it built.
struct Called {
    error: Option<(String, String)>,
    client: String,
    request: String,
}

fn shown<E: std::fmt::Display + std::fmt::Debug>(
    result: Result<impl Sized, E>,
) -> Option<(String, String)> {
    result.err().map(|e| (e.to_string(), format!("{e:?}")))
}

fn sejour_request() -> sejour::LogoutRequest {
    sejour::LogoutRequest {
        token: Some(MARKER.to_owned()),
    }
}

fn xweb_request() -> xweb::WebLogoutRequest {
    xweb::WebLogoutRequest {
        authorization_token: Some(xweb::AuthorizationToken {
            token: Some(MARKER.to_owned()),
            ..Default::default()
        }),
        authentication_token: Some(MARKER.to_owned()),
    }
}

fn srv_request() -> srv::LogOutRequest {
    srv::LogOutRequest {
        authentication_ticket: Some(MARKER.to_owned()),
    }
}

fn cebes_request() -> cebes::LogoutRequest {
    cebes::AuthRequest {
        access_token: Nillable::Value(MARKER.to_owned()),
        user_id: Nillable::Value("user-1".to_owned()),
        language: Some(cebes::Language::Id),
        security_code: Nillable::Value(MARKER.to_owned()),
        token: Nillable::Value(MARKER.to_owned()),
    }
}

fn sign_in_request() -> sign_in::SignInRequest {
    sign_in::SignInRequest {
        pin: Some(MARKER.to_owned()),
        user_name: Some("user-1".to_owned()),
        choice: sign_in::SignInRequestChoice::Password(MARKER.to_owned()),
        must_change_password: true,
    }
}

/// Calls the service's logout at `base` through `binding` and `via`.
fn call(service: Service, base: &str, binding: BindingKind, via: &Via) -> Called {
    match service {
        Service::Sejour => {
            let client = sejour::Client::new(base).unwrap().with_binding(binding);
            let request = sejour_request();
            Called {
                request: format!("{:?}", client.request(sejour::op::Logout, &request)),
                error: shown(call!(via, client, sejour::op::Logout, &request)),
                client: format!("{client:?}"),
            }
        }
        Service::Xweb => {
            let client = xweb::Client::new(base).unwrap().with_binding(binding);
            let request = xweb_request();
            Called {
                request: format!("{:?}", client.request(xweb::op::WebLogout, &request)),
                error: shown(call!(via, client, xweb::op::WebLogout, &request)),
                client: format!("{client:?}"),
            }
        }
        Service::Srv { cookies } => {
            let client = srv::Client::new(base)
                .unwrap()
                .with_binding(binding)
                .with_cookies(cookies);
            let request = srv_request();
            Called {
                request: format!("{:?}", client.request(srv::op::LogOut, &request)),
                error: shown(call!(via, client, srv::op::LogOut, &request)),
                client: format!("{client:?}"),
            }
        }
        Service::Cebes => {
            let client = cebes::Client::new(&format!("{base}{}", paths::CEBES_BASE))
                .unwrap()
                .with_binding(binding);
            let request = cebes_request();
            Called {
                request: format!("{:?}", client.request(cebes::op::Logout, &request)),
                error: shown(call!(via, client, cebes::op::Logout, &request)),
                client: format!("{client:?}"),
            }
        }
        Service::SignIn => {
            let client = sign_in::Client::new(base).unwrap().with_binding(binding);
            let request = sign_in_request();
            Called {
                request: format!("{:?}", client.request(sign_in::op::SignIn, &request)),
                error: shown(call!(via, client, sign_in::op::SignIn, &request)),
                client: format!("{client:?}"),
            }
        }
    }
}

/// How a server answers, each echoing what it received or sending a credential of its own.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Echo {
    /// Status 500 with an HTML page that quotes the whole request.
    ErrorPage,
    /// Status 200 with text that reads as nothing, quoting the whole request.
    Unreadable,
    /// A SOAP fault whose reason names the credential and whose detail quotes the request.
    Fault,
    /// The service's own failure, its message naming the credential (srv.asmx's `[901]`,
    /// Cebes's `FAILED`); the others answer as if all went well.
    Failure,
    /// A body in the binding's format, every credential member holding a new token, that does
    /// not read as the response.
    NewTokenUnreadable,
    /// A body announced longer than it is.
    CutShort,
}

const ECHOES: [Echo; 6] = [
    Echo::ErrorPage,
    Echo::Unreadable,
    Echo::Fault,
    Echo::Failure,
    Echo::NewTokenUnreadable,
    Echo::CutShort,
];

fn xml_escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn is_json(binding: BindingKind) -> bool {
    matches!(
        binding,
        BindingKind::JsonGet | BindingKind::JsonPost | BindingKind::WebApiJson
    )
}

fn answer(echo: Echo, service: Service, binding: BindingKind, request: &Received) -> Reply {
    let everything = request.everything();
    match echo {
        Echo::ErrorPage => Reply::new(
            500,
            "text/html; charset=utf-8",
            format!("<html><body><h1>Server Error</h1><p>{everything}</p></body></html>"),
        ),
        Echo::Unreadable => Reply::new(200, "text/plain", format!("Not a response: {everything}")),
        Echo::Fault => {
            let soap12 = request
                .header("Content-Type")
                .is_some_and(|t| t.contains("soap+xml"));
            let (ns, code) = if soap12 {
                ("http://www.w3.org/2003/05/soap-envelope", "s:Sender")
            } else {
                ("http://schemas.xmlsoap.org/soap/envelope/", "s:Client")
            };
            let reason = xml_escaped(&format!("Invalid ticket {MARKER}"));
            let detail = format!(
                "<d:Token xmlns:d=\"urn:d\">{}</d:Token><d:Echo xmlns:d=\"urn:d\">{}</d:Echo>",
                xml_escaped(MARKER),
                xml_escaped(&everything)
            );
            let fault = if soap12 {
                format!(
                    "<s:Fault><s:Code><s:Value>{code}</s:Value></s:Code><s:Reason><s:Text xml:lang=\"en\">{reason}</s:Text></s:Reason><s:Detail>{detail}</s:Detail></s:Fault>"
                )
            } else {
                format!(
                    "<s:Fault><faultcode>{code}</faultcode><faultstring>{reason}</faultstring><detail>{detail}</detail></s:Fault>"
                )
            };
            Reply::new(
                500,
                if soap12 {
                    "application/soap+xml"
                } else {
                    "text/xml"
                },
                format!("<s:Envelope xmlns:s=\"{ns}\"><s:Body>{fault}</s:Body></s:Envelope>"),
            )
        }
        Echo::Failure => {
            let payload: Payload = match service {
                Service::Srv { .. } => srv::LogOutResponse {
                    success: false,
                    error: Some(format!("[901] Session expired or Invalid ticket {MARKER}")),
                }
                .write_response(binding)
                .unwrap(),
                Service::Cebes => cebes::AuthResponse {
                    access_token: Nillable::Value(NEW_TOKEN.to_owned()),
                    resp_message: Nillable::Value(format!("token {MARKER} is unknown")),
                    resp_time: None,
                    status: Some(cebes::Status::Failed),
                    user_id: Nillable::Absent,
                }
                .write_response(binding)
                .unwrap(),
                Service::Sejour => sejour::LogoutResponse {}.write_response(binding).unwrap(),
                Service::SignIn => sign_in::SignInResponse {
                    session_id: Some(NEW_TOKEN.to_owned()),
                    conn_str: Some(format!("Server=db;Password={NEW_TOKEN}")),
                }
                .write_response(binding)
                .unwrap(),
                Service::Xweb => xweb::WebLogoutResponse {
                    authorization_token: Some(xweb::AuthorizationToken {
                        token: Some(NEW_TOKEN.to_owned()),
                        ..Default::default()
                    }),
                }
                .write_response(binding)
                .unwrap(),
            };
            Reply::new(200, content_type(binding), payload.body)
        }
        Echo::NewTokenUnreadable => {
            let names = service.secret_names();
            let body = if is_json(binding) {
                let members: Vec<String> = names
                    .iter()
                    .map(|n| format!("\"{n}\":\"{NEW_TOKEN}\""))
                    .collect();
                format!("[{{{}}}]", members.join(","))
            } else {
                let members: String = names
                    .iter()
                    .map(|n| format!("<{n}>{NEW_TOKEN}</{n}>"))
                    .collect();
                format!(
                    "<Unexpected {}=\"{NEW_TOKEN}\">{members}</Unexpected>",
                    names[0]
                )
            };
            Reply::new(200, content_type(binding), body)
        }
        Echo::CutShort => Reply {
            announced_length: Some(4000),
            ..Reply::new(200, content_type(binding), format!("<x>{everything}"))
        },
    }
}

fn content_type(binding: BindingKind) -> &'static str {
    match binding {
        BindingKind::Soap12 => "application/soap+xml; charset=utf-8",
        BindingKind::WebApiXml => "application/xml",
        b if is_json(b) => "application/json; charset=utf-8",
        _ => "text/xml; charset=utf-8",
    }
}

#[test]
fn no_error_and_no_debug_shows_a_credential_whatever_the_server_echoes() {
    let mut calls = 0;
    for service in SERVICES {
        for binding in service.bindings() {
            for echo in ECHOES {
                let server =
                    ScriptedServer::start(move |request| answer(echo, service, binding, request))
                        .unwrap();
                for via in Via::both(Duration::from_secs(5)) {
                    let at = format!("{service:?} {binding} {echo:?} {}", via.name());
                    let called = call(service, &server.base_url(), binding, &via);
                    calls += 1;
                    assert_clean(&format!("{at}: the request's Debug"), &called.request);
                    assert_clean(&format!("{at}: the client's Debug"), &called.client);
                    let Some((text, debug)) = called.error else {
                        // Only a service that reports no failure of its own answers well.
                        assert!(
                            echo == Echo::Failure
                                && matches!(
                                    service,
                                    Service::Sejour | Service::Xweb | Service::SignIn
                                ),
                            "{at}: the call succeeded"
                        );
                        continue;
                    };
                    assert_clean(&format!("{at}: the error"), &text);
                    assert_clean(&format!("{at}: the error's Debug"), &debug);
                }
                // The servers saw the credential: it was sent, only never shown.
                let received = server.received();
                assert!(
                    received.iter().all(|r| r.everything().contains("Mk7s")),
                    "{service:?} {binding} {echo:?}: {received:#?}"
                );
            }
        }
    }
    assert!(calls > 100, "{calls}");
}

#[test]
fn transport_failures_show_no_credential() {
    // No server: the port was free a moment ago. The credential is in the URL of every GET.
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", listener.local_addr().unwrap())
    };
    let silent = MisbehavingServer::start(Misbehavior::Silent).unwrap();
    for (base, timeout) in [
        (closed.as_str(), Duration::from_secs(5)),
        (&silent.base_url(), Duration::from_millis(300)),
    ] {
        for service in SERVICES {
            for binding in service.bindings() {
                for via in Via::both(timeout) {
                    let at = format!("{base} {service:?} {binding} {}", via.name());
                    let called = call(service, base, binding, &via);
                    let (text, debug) = called.error.unwrap_or_else(|| panic!("{at}: succeeded"));
                    assert_clean(&at, &text);
                    assert_clean(&at, &debug);
                }
            }
        }
    }
}

#[test]
fn addresses_with_a_user_or_a_query_are_never_shown_whole() {
    let with_user = format!("http://user:{MARKER}@127.0.0.1:1/base");
    let client = srv::Client::new(&with_user)
        .unwrap()
        .with_endpoint(&format!("https://u:{MARKER}@127.0.0.1:2/x.asmx"))
        .unwrap();
    assert_clean("a client's Debug", &format!("{client:?}"));
    assert!(format!("{client:?}").contains("<redacted>@127.0.0.1:1/base"));
    for bad in [
        format!("http://user:{MARKER}@127.0.0.1:1/?ticket={MARKER}"),
        format!("ftp://user:{MARKER}@h/"),
        format!("not a url {MARKER}?{MARKER}"),
    ] {
        let error = srv::Client::new(&bad).unwrap_err();
        assert!(matches!(error, srv::Error::Endpoint(_)), "{error:?}");
        assert_clean("an endpoint error", &error.to_string());
        assert_clean("an endpoint error's Debug", &format!("{error:?}"));
    }
}

#[test]
fn payloads_and_requests_show_no_credential() {
    for binding in sejour::OPERATIONS[0].bindings.iter().map(|b| b.kind) {
        let payload = sejour_request().write_request(binding).unwrap();
        assert_clean(&format!("sejour {binding}"), &format!("{payload:?}"));
    }
    for binding in xweb::OPERATIONS[0].bindings.iter().map(|b| b.kind) {
        let payload = xweb_request().write_request(binding).unwrap();
        assert_clean(&format!("xweb {binding}"), &format!("{payload:?}"));
    }
    for binding in cebes::OPERATIONS[0].bindings.iter().map(|b| b.kind) {
        let payload = cebes_request().write_request(binding).unwrap();
        assert_clean(&format!("cebes {binding}"), &format!("{payload:?}"));
    }
    // Credentials in a choice and an attribute; a boolean named for a password is none.
    for choice in [
        sign_in::SignInRequestChoice::Password(MARKER.to_owned()),
        sign_in::SignInRequestChoice::ApiKey(MARKER.to_owned()),
    ] {
        let request = sign_in::SignInRequest {
            choice,
            ..sign_in_request()
        };
        let shown = format!("{request:?}");
        assert_clean("a choice's Debug", &shown);
        assert!(shown.contains("must_change_password: true"), "{shown}");
        let payload = request.write_request(BindingKind::Soap11).unwrap();
        assert_clean("sign-in payload", &format!("{payload:?}"));
    }
    // A route's credential: the Web API fixture's `sessionId` in the path.
    use tests::fixtures::webapi_post_api_session_refresh_session_id as refresh;
    let request = refresh::RefreshRequestMessage {
        session_id: "7d6f0b7c-52a8-4d8e-9f57-0e1f2d3c4b5a".parse().unwrap(),
        force: Some(true),
        body: refresh::RefreshRequest::default(),
    };
    for binding in refresh::OPERATIONS[0].bindings.iter().map(|b| b.kind) {
        let client = refresh::Client::new("http://127.0.0.1:1/api")
            .unwrap()
            .with_binding(binding);
        let built = client.request(refresh::op::Refresh, &request).unwrap();
        let shown = format!("{built:?}");
        assert!(!shown.contains("7d6f0b7c"), "{binding}: {shown}");
        assert!(
            built.uri().to_string().contains("7d6f0b7c"),
            "{binding}: the request lost it"
        );
        let payload = request.write_request(binding).unwrap();
        assert!(
            !format!("{payload:?}").contains("7d6f0b7c"),
            "{binding}: {payload:?}"
        );
    }
}

#[test]
fn server_side_read_errors_show_no_credential() {
    // A credential of the wrong JSON type.
    let payload = Payload::body(r#"{"accessToken": 7301948620, "token": [7301948620]}"#.to_owned());
    let error = cebes::AuthRequest::read_request(BindingKind::WebApiJson, &payload).unwrap_err();
    assert!(!error.to_string().contains("7301948620"), "{error}");
    assert!(!format!("{error:?}").contains("7301948620"), "{error:?}");
    // A route's credential that is not of its type.
    use tests::fixtures::webapi_post_api_session_refresh_session_id as refresh;
    let binding = refresh::OPERATIONS[0].bindings[0].kind;
    let mut payload = Payload::body("{}".to_owned());
    payload
        .path
        .push(("sessionId".to_owned(), MARKER.to_owned()));
    let error = refresh::RefreshRequestMessage::read_request(binding, &payload).unwrap_err();
    assert_clean("a route error", &error.to_string());
    assert_clean("a route error's Debug", &format!("{error:?}"));
}

/// A server that redirects every request to `location`, and one that records what reaches
/// the other origin.
fn redirecting(status: u16, location: &str) -> ScriptedServer {
    let location = location.to_owned();
    ScriptedServer::start(move |_| Reply::redirect(status, &location)).unwrap()
}

#[test]
fn a_redirect_is_an_error_by_default_for_every_binding_and_both_transports() {
    let elsewhere = ScriptedServer::start(|_| Reply::new(200, "text/plain", "")).unwrap();
    for status in [301, 302, 303, 307, 308] {
        let location = format!("{}/logout?ticket={}", elsewhere.base_url(), MARKER);
        let server = redirecting(status, &location);
        for service in SERVICES {
            for binding in service.bindings() {
                for via in Via::both(Duration::from_secs(5)) {
                    let at = format!("{status} {service:?} {binding} {}", via.name());
                    let called = call(service, &server.base_url(), binding, &via);
                    let (text, debug) = called.error.unwrap_or_else(|| panic!("{at}: succeeded"));
                    assert!(
                        text.contains(&format!("redirects ({status})")),
                        "{at}: {text}"
                    );
                    assert!(
                        text.contains(&format!("{}/logout?<redacted>", elsewhere.base_url())),
                        "{at}: {text}"
                    );
                    assert_clean(&at, &text);
                    assert_clean(&at, &debug);
                }
            }
        }
        // Nothing went to the other origin, and each call asked once.
        assert!(
            elsewhere.received().is_empty(),
            "{:#?}",
            elsewhere.received()
        );
    }
}

#[test]
fn redirects_asked_for_stay_on_the_origin_and_keep_method_and_body() {
    let follow = Redirects::SameOrigin { max: 2 };
    let transports = || {
        Via::of(
            BlockingTransport::new(Duration::from_secs(5)).with_redirects(follow),
            AsyncTransport::new(Duration::from_secs(5))
                .unwrap()
                .with_redirects(follow),
        )
    };
    let ok = srv::LogOutResponse {
        success: true,
        error: None,
    };
    // Moved within the origin: followed, with the same method, body and cookie.
    let server = ScriptedServer::start(move |request| {
        if request.target.starts_with("/moved") {
            let payload = ok.write_response(BindingKind::HttpPost).unwrap();
            Reply::new(200, "text/xml", payload.body)
        } else {
            Reply::redirect(307, "/moved/srv.asmx/LogOut")
        }
    })
    .unwrap();
    for via in transports() {
        let client = srv::Client::new(&server.base_url())
            .unwrap()
            .with_binding(BindingKind::HttpPost)
            .with_cookies(true);
        call!(&via, client, srv::op::LogOut, &srv_request()).unwrap();
    }
    let received = server.received();
    assert_eq!(received.len(), 4, "{received:#?}");
    for pair in received.chunks(2) {
        assert_eq!(pair[1].target, "/moved/srv.asmx/LogOut");
        assert_eq!(
            (pair[0].method.as_str(), pair[1].method.as_str()),
            ("POST", "POST")
        );
        assert_eq!(pair[0].body, pair[1].body);
        assert_eq!(pair[0].header("Cookie"), pair[1].header("Cookie"));
    }
    // To another origin, or turning the POST into a GET: refused, and nothing goes there.
    let elsewhere = ScriptedServer::start(|_| Reply::new(200, "text/plain", "")).unwrap();
    for (status, location, refused) in [
        (
            307,
            format!("{}/srv.asmx/LogOut", elsewhere.base_url()),
            RedirectRefusal::OtherOrigin,
        ),
        (
            302,
            "/moved/srv.asmx/LogOut".to_owned(),
            RedirectRefusal::ChangesMethod,
        ),
    ] {
        let server = redirecting(status, &location);
        for via in transports() {
            let client = srv::Client::new(&server.base_url())
                .unwrap()
                .with_binding(BindingKind::HttpPost);
            let error = call!(&via, client, srv::op::LogOut, &srv_request()).unwrap_err();
            match error {
                srv::Error::Transport(TransportError::Redirect { refused: got, .. }) => {
                    assert_eq!(got, refused, "{}", via.name())
                }
                other => panic!("{}: {other:?}", via.name()),
            }
        }
    }
    assert!(elsewhere.received().is_empty());
    // Round and round: refused after the most it may follow.
    let server = redirecting(307, "/again");
    for via in transports() {
        let client = srv::Client::new(&server.base_url())
            .unwrap()
            .with_binding(BindingKind::HttpPost);
        let error = call!(&via, client, srv::op::LogOut, &srv_request()).unwrap_err();
        assert!(
            matches!(
                error,
                srv::Error::Transport(TransportError::Redirect {
                    refused: RedirectRefusal::TooMany { max: 2 },
                    ..
                })
            ),
            "{error:?}"
        );
    }
    assert_eq!(server.received().len(), 6);
}

#[test]
fn transports_take_any_timeout() {
    let server = ScriptedServer::start(|_| {
        let payload = srv::LogOutResponse {
            success: true,
            error: None,
        }
        .write_response(BindingKind::HttpGet)
        .unwrap();
        Reply::new(200, "text/xml", payload.body)
    })
    .unwrap();
    let client = srv::Client::new(&server.base_url())
        .unwrap()
        .with_binding(BindingKind::HttpGet);
    for via in Via::of(
        BlockingTransport::new(Duration::MAX),
        AsyncTransport::with_timeouts(Duration::MAX, Duration::MAX).unwrap(),
    )
    .into_iter()
    .chain(Via::of(
        BlockingTransport::with_timeouts(Duration::from_secs(5), Duration::from_millis(500)),
        AsyncTransport::with_timeouts(Duration::from_secs(5), Duration::from_millis(500)).unwrap(),
    )) {
        call!(&via, client, srv::op::LogOut, &srv_request())
            .unwrap_or_else(|e| panic!("{}: {e}", via.name()));
    }
}
