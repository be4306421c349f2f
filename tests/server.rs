//! The generated server half, sans-IO: each service's `dispatch` places requests as the real
//! service does and answers or refuses them as it does, in the request's SOAP version and
//! binding; a generated stand-in is started and called in a few lines; and every operation
//! of the WSDL fixtures reaches a stand-in of its service over loopback.

use std::sync::Arc;

use generated::runtime::server::{Call, Fault, StandIn};
use generated::runtime::{BindingKind, Limits, http};
use generated::{cebes, sejour, srv, xweb};
use tests::answered;

/// A Sejour that logs out the token `good` and refuses any other.
struct Sejour;

impl sejour::Server for Sejour {
    async fn logout(
        self: Arc<Self>,
        request: sejour::LogoutRequest,
        _call: Arc<Call>,
    ) -> Result<sejour::LogoutResponse, Fault> {
        match request.token.as_deref() {
            Some("good") => Ok(sejour::LogoutResponse {}),
            _ => Err(Fault::sender("Invalid token")),
        }
    }
}

/// A srv.asmx that answers every ticket with success, reporting how it came.
struct Srv;

impl srv::Server for Srv {
    async fn log_out(
        self: Arc<Self>,
        request: srv::LogOutRequest,
        call: Arc<Call>,
    ) -> Result<srv::LogOutResponse, Fault> {
        let ticket = request
            .authentication_ticket
            .or_else(|| call.cookie("ticket").map(str::to_owned));
        Ok(srv::LogOutResponse {
            success: ticket.is_some(),
            error: None,
        })
    }
}

/// A Cebes that implements nothing: every call answers that it is not implemented.
struct Cebes;

impl cebes::Server for Cebes {}

/// An xWeb that implements nothing either.
struct Xweb;

impl xweb::Server for Xweb {}

const SEJOUR_PATH: &str = "/swsproxy/Authentication.asmx";

fn request(
    method: &str,
    uri: &str,
    headers: &[(&str, &[u8])],
    body: &str,
) -> http::Request<Vec<u8>> {
    let mut builder = http::Request::builder().method(method).uri(uri);
    for (name, value) in headers {
        builder = builder.header(*name, http::HeaderValue::from_bytes(value).unwrap());
    }
    builder.body(body.as_bytes().to_vec()).unwrap()
}

/// The answers of each service to a request, within the default limits.
fn sejour_answer(
    method: &str,
    uri: &str,
    headers: &[(&str, &[u8])],
    body: &str,
) -> http::Response<Vec<u8>> {
    answered(sejour::dispatch(
        &Arc::new(Sejour),
        request(method, uri, headers, body),
        &Limits::default(),
    ))
}

fn srv_answer(
    method: &str,
    uri: &str,
    headers: &[(&str, &[u8])],
    body: &str,
) -> http::Response<Vec<u8>> {
    answered(srv::dispatch(
        &Arc::new(Srv),
        request(method, uri, headers, body),
        &Limits::default(),
    ))
}

fn cebes_answer(
    method: &str,
    uri: &str,
    headers: &[(&str, &[u8])],
    body: &str,
) -> http::Response<Vec<u8>> {
    answered(cebes::dispatch(
        &Arc::new(Cebes),
        request(method, uri, headers, body),
        &Limits::default(),
    ))
}

fn xweb_answer(
    method: &str,
    uri: &str,
    headers: &[(&str, &[u8])],
    body: &str,
) -> http::Response<Vec<u8>> {
    answered(xweb::dispatch(
        &Arc::new(Xweb),
        request(method, uri, headers, body),
        &Limits::default(),
    ))
}

fn text(response: &http::Response<Vec<u8>>) -> String {
    String::from_utf8(response.body().clone()).unwrap()
}

fn media(response: &http::Response<Vec<u8>>) -> &str {
    response
        .headers()
        .get("content-type")
        .map_or("", |v| v.to_str().unwrap())
}

const SOAP11: &str = "http://schemas.xmlsoap.org/soap/envelope/";
const SOAP12: &str = "http://www.w3.org/2003/05/soap-envelope";

fn sejour_envelope(ns: &str, token: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?><e:Envelope xmlns:e="{ns}"><e:Body><Logout xmlns="http://www.sansejour.com/"><token>{token}</token></Logout></e:Body></e:Envelope>"#
    )
}

/// The fault code and reason of a SOAP fault response, and its envelope's namespace.
fn fault_of(response: &http::Response<Vec<u8>>) -> (String, String, String) {
    let body = text(response);
    let doc = roxmltree::Document::parse(&body).unwrap();
    let ns = doc
        .root_element()
        .tag_name()
        .namespace()
        .unwrap_or("")
        .to_owned();
    let leaf = |names: &[&str]| {
        doc.descendants()
            .find(|n| names.contains(&n.tag_name().name()))
            .and_then(|n| {
                n.descendants()
                    .filter(|d| d.is_text())
                    .map(|d| d.text().unwrap_or(""))
                    .next()
            })
            .unwrap_or("")
            .to_owned()
    };
    (
        ns,
        leaf(&["faultcode", "Value"]),
        leaf(&["faultstring", "Text"]),
    )
}

#[test]
fn each_soap_version_is_answered_in_its_own() {
    for (ns, content_type, action_header) in [
        (SOAP11, "text/xml; charset=utf-8", true),
        (
            SOAP12,
            r#"application/soap+xml; charset=utf-8; action="http://www.sansejour.com/Logout""#,
            false,
        ),
    ] {
        let mut headers: Vec<(&str, &[u8])> = vec![("content-type", content_type.as_bytes())];
        if action_header {
            headers.push(("SOAPAction", b"\"http://www.sansejour.com/Logout\""));
        }
        let ok = sejour_answer("POST", SEJOUR_PATH, &headers, &sejour_envelope(ns, "good"));
        assert_eq!(ok.status(), 200, "{}", text(&ok));
        assert!(text(&ok).contains(ns), "{}", text(&ok));
        assert!(media(&ok).starts_with(content_type.split(';').next().unwrap()));
        let refused = sejour_answer("POST", SEJOUR_PATH, &headers, &sejour_envelope(ns, "bad"));
        assert_eq!(refused.status(), 500);
        let (fault_ns, code, reason) = fault_of(&refused);
        assert_eq!(fault_ns, ns);
        assert!(code.ends_with(if ns == SOAP11 { "Client" } else { "Sender" }));
        assert_eq!(reason, "Invalid token");
    }
}

/// Sejour's Logout with one SOAP header entry.
fn sejour_with_header(ns: &str, entry: &str) -> String {
    format!(
        r#"<e:Envelope xmlns:e="{ns}"><e:Header>{entry}</e:Header><e:Body><Logout xmlns="http://www.sansejour.com/"><token>good</token></Logout></e:Body></e:Envelope>"#
    )
}

#[test]
fn a_header_that_must_be_understood_and_is_not_declared_is_a_must_understand_fault() {
    for (ns, content_type, marks) in [
        (SOAP11, "text/xml; charset=utf-8", ["1", "true"]),
        (
            SOAP12,
            r#"application/soap+xml; charset=utf-8; action="http://www.sansejour.com/Logout""#,
            ["1", "true"],
        ),
    ] {
        let headers: Vec<(&str, &[u8])> = vec![
            ("content-type", content_type.as_bytes()),
            ("SOAPAction", b"\"http://www.sansejour.com/Logout\""),
        ];
        for mark in marks {
            let entry = format!(
                r#"<w:Security xmlns:w="urn:wsse" e:mustUnderstand="{mark}"><w:Token>x</w:Token></w:Security>"#
            );
            let refused = sejour_answer(
                "POST",
                SEJOUR_PATH,
                &headers,
                &sejour_with_header(ns, &entry),
            );
            assert_eq!(refused.status(), 500, "{}", text(&refused));
            let (fault_ns, code, reason) = fault_of(&refused);
            assert_eq!(fault_ns, ns);
            assert!(code.ends_with(":MustUnderstand"), "{code}");
            assert!(
                reason.contains("Security") && reason.contains("was not understood"),
                "{reason}"
            );
        }
        // Marked as optional, or not marked, the same header is passed over.
        for entry in [
            r#"<w:Security xmlns:w="urn:wsse" e:mustUnderstand="0"/>"#,
            r#"<w:Security xmlns:w="urn:wsse"/>"#,
        ] {
            let ok = sejour_answer(
                "POST",
                SEJOUR_PATH,
                &headers,
                &sejour_with_header(ns, entry),
            );
            assert_eq!(ok.status(), 200, "{}", text(&ok));
        }
    }
}

mod warehouse_rules {
    //! The warehouse fixture: a header the operation declares may be marked
    //! `mustUnderstand`; a one-way operation is answered `202 Accepted` with no body.

    use super::*;
    use tests::fixtures::wsdl_warehouse as warehouse;

    struct Warehouse;

    impl warehouse::Server for Warehouse {
        async fn notify(
            self: Arc<Self>,
            request: warehouse::NotifyRequest,
            _call: Arc<Call>,
        ) -> Result<warehouse::NotifyResponse, Fault> {
            match request.message.as_deref() {
                Some("hello") => Ok(warehouse::NotifyResponse {}),
                _ => Err(Fault::sender("say hello")),
            }
        }
    }

    fn answer(action: &str, body: &str) -> http::Response<Vec<u8>> {
        let action = format!("\"http://example.org/warehouse/{action}\"");
        answered(warehouse::dispatch(
            &Arc::new(Warehouse),
            request(
                "POST",
                "/ws/Warehouse.asmx",
                &[
                    ("content-type", b"text/xml; charset=utf-8"),
                    ("SOAPAction", action.as_bytes()),
                ],
                body,
            ),
            &Limits::default(),
        ))
    }

    #[test]
    fn a_one_way_operation_is_answered_202_with_no_body_and_its_faults_as_faults() {
        let envelope = |message: &str| {
            format!(
                r#"<s:Envelope xmlns:s="{SOAP11}"><s:Body><Notify xmlns="http://example.org/warehouse/"><message>{message}</message></Notify></s:Body></s:Envelope>"#
            )
        };
        let accepted = answer("Notify", &envelope("hello"));
        assert_eq!(accepted.status(), 202, "{}", text(&accepted));
        assert!(accepted.body().is_empty());
        let refused = answer("Notify", &envelope("bye"));
        assert_eq!(refused.status(), 500);
        assert_eq!(fault_of(&refused).2, "say hello");
        // And the generated client reads the 202 as the call's success.
        let client = warehouse::Client::new("http://127.0.0.1:9").unwrap();
        assert!(matches!(
            client.response(warehouse::op::Notify, accepted),
            Ok(warehouse::NotifyResponse {})
        ));
    }

    #[test]
    fn a_declared_header_marked_must_understand_is_understood() {
        let body = format!(
            r#"<s:Envelope xmlns:s="{SOAP11}"><s:Header><Session xmlns="http://example.org/warehouse/" s:mustUnderstand="1"><Token>t</Token></Session></s:Header><s:Body><LookupItem xmlns="http://example.org/warehouse/"><Key><BySku>A-1</BySku></Key></LookupItem></s:Body></s:Envelope>"#
        );
        // Warehouse leaves LookupItem out: the fault says so, not that the header is unknown.
        let (_, code, reason) = fault_of(&answer("LookupItem", &body));
        assert!(code.ends_with(":Server"), "{code}");
        assert!(reason.contains("LookupItem is not implemented"), "{reason}");
    }
}

#[test]
fn a_soap12_request_to_a_soap11_service_is_refused_in_soap12() {
    // srv.asmx speaks SOAP 1.1 alone; the hand-written stand-in answered this with SOAP 1.1.
    let body = format!(
        r#"<e:Envelope xmlns:e="{SOAP12}"><e:Body><LogOut xmlns="http://tempuri.org/"/></e:Body></e:Envelope>"#
    );
    let response = srv_answer(
        "POST",
        "/srv.asmx",
        &[(
            "content-type",
            br#"application/soap+xml; action="http://tempuri.org/LogOut""#,
        )],
        &body,
    );
    assert_eq!(response.status(), 500);
    assert!(media(&response).starts_with("application/soap+xml"));
    let (ns, code, _) = fault_of(&response);
    assert_eq!(ns, SOAP12);
    assert!(code.ends_with("Sender"), "{code}");
}

#[test]
fn a_soap11_envelope_sent_as_soap12_is_a_version_mismatch() {
    let response = sejour_answer(
        "POST",
        SEJOUR_PATH,
        &[(
            "content-type",
            br#"application/soap+xml; action="http://www.sansejour.com/Logout""#,
        )],
        &sejour_envelope(SOAP11, "good"),
    );
    assert_eq!(response.status(), 500);
    let (ns, code, reason) = fault_of(&response);
    assert_eq!(ns, SOAP12);
    assert!(code.ends_with("VersionMismatch"), "{code}");
    assert!(reason.contains(SOAP11), "{reason}");
}

#[test]
fn a_soap_action_that_is_not_ascii_is_not_taken_for_none() {
    // The hand-written stand-in read it as absent and logged the token out.
    let action = "\"http://www.sansejour.com/Logout\u{e9}\"".as_bytes();
    let response = sejour_answer(
        "POST",
        SEJOUR_PATH,
        &[("content-type", b"text/xml"), ("SOAPAction", action)],
        &sejour_envelope(SOAP11, "good"),
    );
    assert_eq!(response.status(), 500);
    let (_, code, reason) = fault_of(&response);
    assert!(code.ends_with("Client"));
    assert!(
        reason.starts_with("Server did not recognize the value of HTTP Header SOAPAction: http://www.sansejour.com/Logout"),
        "{reason}"
    );
}

#[test]
fn without_an_action_a_request_is_placed_by_its_element() {
    let response = sejour_answer(
        "POST",
        SEJOUR_PATH,
        &[("content-type", b"text/xml")],
        &sejour_envelope(SOAP11, "good"),
    );
    assert_eq!(response.status(), 200, "{}", text(&response));
    // Among several operations at one endpoint, the element says which: xWeb's answers
    // that the one it names is not implemented.
    for operation in ["WebLogout", "WebValidate"] {
        let response = xweb_answer(
            "POST",
            "/netFORUMUpgrade2010Demo/xweb/secure/netForumXML.asmx",
            &[("content-type", b"text/xml")],
            &format!(
                r#"<s:Envelope xmlns:s="{SOAP11}"><s:Body><{operation} xmlns="http://www.avectra.com/2005/"/></s:Body></s:Envelope>"#
            ),
        );
        let (_, _, reason) = fault_of(&response);
        assert_eq!(
            reason,
            format!("The operation {operation} is not implemented.")
        );
    }
    // An action no operation has is refused, as ASMX refuses it.
    let response = sejour_answer(
        "POST",
        SEJOUR_PATH,
        &[
            ("content-type", b"text/xml"),
            ("SOAPAction", b"\"urn:other\""),
        ],
        &sejour_envelope(SOAP11, "good"),
    );
    let (_, _, reason) = fault_of(&response);
    assert_eq!(
        reason,
        "Server did not recognize the value of HTTP Header SOAPAction: urn:other."
    );
}

#[test]
fn asmx_http_get_and_post_read_queries_forms_and_cookies() {
    let get = srv_answer(
        "GET",
        "/srv.asmx/LogOut?AuthenticationTicket=t%26x",
        &[],
        "",
    );
    assert_eq!(get.status(), 200);
    assert!(text(&get).contains(r#"success="true""#), "{}", text(&get));
    let cookie = srv_answer(
        "POST",
        "/srv.asmx/LogOut",
        &[("cookie", b"a=b; ticket=t")],
        "",
    );
    assert!(text(&cookie).contains(r#"success="true""#));
    // A refusal is ASMX's plain-text 500, with the exception; a method it lacks too.
    let refused = sejour_answer(
        "GET",
        "/swsproxy/Authentication.asmx/Logout?token=bad",
        &[],
        "",
    );
    assert_eq!(refused.status(), 500);
    assert_eq!(
        text(&refused),
        "System.Web.Services.Protocols.SoapException: Invalid token"
    );
    let unknown = srv_answer("GET", "/srv.asmx/LogIn", &[], "");
    assert_eq!(unknown.status(), 500);
    assert!(media(&unknown).starts_with("text/plain"));
    assert_eq!(
        text(&unknown),
        "System.InvalidOperationException: Request format is unrecognized for URL unexpectedly ending in '/LogIn'."
    );
}

#[test]
fn an_operation_left_out_answers_that_it_is_not_implemented() {
    let response = cebes_answer(
        "POST",
        "/h2h/api/Session/Logout",
        &[("content-type", b"application/json")],
        r#"{"AccessToken":"t","UserID":"u"}"#,
    );
    assert_eq!(response.status(), 500);
    assert_eq!(
        text(&response),
        r#"{"Message":"The operation Logout is not implemented."}"#
    );
    let soap = xweb_answer(
        "POST",
        "/netFORUMUpgrade2010Demo/xweb/secure/netForumXML.asmx",
        &[
            ("content-type", b"text/xml"),
            ("SOAPAction", b"\"http://www.avectra.com/2005/WebLogout\""),
        ],
        &format!(
            r#"<s:Envelope xmlns:s="{SOAP11}"><s:Body><WebLogout xmlns="http://www.avectra.com/2005/"/></s:Body></s:Envelope>"#
        ),
    );
    let (_, code, reason) = fault_of(&soap);
    assert!(code.ends_with("Server"), "{code}");
    assert_eq!(reason, "The operation WebLogout is not implemented.");
}

#[test]
fn web_api_refuses_what_it_cannot_place_in_json() {
    let wrong_media = cebes_answer(
        "POST",
        "/h2h/api/Session/Logout",
        &[("content-type", b"text/plain")],
        "x",
    );
    assert_eq!(wrong_media.status(), 415);
    let wrong_method = cebes_answer("GET", "/h2h/api/Session/Logout", &[], "");
    assert_eq!(wrong_method.status(), 405);
    assert_eq!(
        text(&wrong_method),
        r#"{"Message":"The requested resource does not support http method 'GET'."}"#
    );
    let nowhere = cebes_answer("GET", "/h2h/api/Nothing", &[], "");
    assert_eq!(nowhere.status(), 404);
    let unreadable = cebes_answer(
        "POST",
        "/h2h/api/Session/Logout",
        &[("content-type", b"application/json")],
        "{",
    );
    assert_eq!(unreadable.status(), 400);
    assert!(text(&unreadable).starts_with(r#"{"Message":"The request is invalid: "#));
}

#[test]
fn a_body_past_the_limit_is_refused_naming_it() {
    let limits = Limits {
        body: 64,
        ..Limits::default()
    };
    let response = answered(sejour::dispatch(
        &Arc::new(Sejour),
        request(
            "POST",
            SEJOUR_PATH,
            &[("content-type", b"text/xml")],
            &sejour_envelope(SOAP11, "good"),
        ),
        &limits,
    ));
    assert_eq!(response.status(), 413);
    assert!(text(&response).contains("`Limits::body`"));
}

/// What README shows: a generated stand-in started in a test and called with the generated
/// client, over loopback.
#[cfg(feature = "blocking")]
#[test]
fn a_stand_in_starts_in_a_few_lines_and_the_client_calls_it() {
    let stand_in = StandIn::start(srv::router(Srv)).unwrap();
    let client = srv::Client::new(&stand_in.base_url())
        .unwrap()
        .with_binding(BindingKind::HttpPost);
    let transport = generated::runtime::BlockingTransport::new(std::time::Duration::from_secs(5));
    let response = client
        .call_blocking(
            &transport,
            srv::op::LogOut,
            &srv::LogOutRequest {
                authentication_ticket: Some("t".into()),
            },
        )
        .unwrap();
    assert!(response.success);
}

mod arbitrary_requests {
    //! Arbitrary requests at every service's dispatcher: whatever comes, the answer is one a
    //! real ASMX or Web API service gives, well-formed in its media type.

    use super::*;
    use proptest::prelude::*;

    fn method() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("GET".to_owned()),
            Just("POST".to_owned()),
            Just("PUT".to_owned()),
            Just("DELETE".to_owned()),
        ]
    }

    fn path() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(SEJOUR_PATH.to_owned()),
            Just(format!("{SEJOUR_PATH}/Logout")),
            Just("/srv.asmx".to_owned()),
            Just("/srv.asmx/LogOut".to_owned()),
            Just("/h2h/api/Session/Logout".to_owned()),
            Just("/netFORUMUpgrade2010Demo/xweb/secure/netForumXML.asmx".to_owned()),
            Just("/xweb/JSON/WebLogout".to_owned()),
            "/[a-zA-Z0-9%./]{0,30}",
        ]
    }

    fn content_type() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            Just(b"text/xml; charset=utf-8".to_vec()),
            Just(b"application/soap+xml; action=\"http://www.sansejour.com/Logout\"".to_vec()),
            Just(b"application/soap+xml; charset=iso-8859-1".to_vec()),
            Just(b"application/json".to_vec()),
            Just(b"application/xml; charset=utf-16".to_vec()),
            Just(b"application/x-www-form-urlencoded".to_vec()),
            Just(b"text/xml; charset=nonesuch".to_vec()),
            proptest::collection::vec(32u8..=255, 0..40),
        ]
    }

    /// Bodies: the services' own messages, cut and mutated, and hostile shapes.
    fn body() -> impl Strategy<Value = Vec<u8>> {
        let envelope = sejour_envelope(SOAP11, "good");
        let envelope12 = sejour_envelope(SOAP12, "good");
        prop_oneof![
            Just(envelope.clone().into_bytes()),
            Just(envelope12.into_bytes()),
            (0..envelope.len()).prop_map(move |cut| envelope.as_bytes()[..cut].to_vec()),
            Just(format!("{}x{}", "<a>".repeat(200), "</a>".repeat(200)).into_bytes()),
            Just(br#"<!DOCTYPE a [<!ENTITY x "xxxxxxxx">]><a>&x;&x;</a>"#.to_vec()),
            Just(br#"{"AccessToken":"t","UserID":"u"}"#.to_vec()),
            Just(br#"{"AccessToken":[[[[[[[[[[[[[[[[[[["#.to_vec()),
            Just(b"AuthenticationTicket=t&x=%FF".to_vec()),
            proptest::collection::vec(any::<u8>(), 0..200),
        ]
    }

    fn answers(response: &http::Response<Vec<u8>>) -> Result<(), String> {
        let status = response.status().as_u16();
        if ![200, 202, 400, 404, 405, 413, 415, 500].contains(&status) {
            return Err(format!("status {status}"));
        }
        let media = media(response).to_owned();
        let body = response.body();
        if media.starts_with("text/xml") || media.starts_with("application/soap+xml") {
            let text = std::str::from_utf8(body).map_err(|e| e.to_string())?;
            roxmltree::Document::parse(text).map_err(|e| format!("{e}: {text}"))?;
        } else if media.starts_with("application/json") {
            serde_json::from_slice::<serde_json::Value>(body).map_err(|e| e.to_string())?;
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        #[test]
        fn any_request_gets_an_answer_the_service_would_give(
            method in method(),
            path in path(),
            content_type in content_type(),
            action in proptest::collection::vec(32u8..=255, 0..40),
            cookie in "[a-z=; ]{0,20}",
            query in "[a-zA-Z=&%0-9]{0,20}",
            body in body(),
        ) {
            let uri = if query.is_empty() { path } else { format!("{path}?{query}") };
            let Ok(uri) = uri.parse::<http::Uri>() else { return Ok(()) };
            let mut builder = http::Request::builder().method(method.as_str()).uri(uri);
            for (name, value) in [
                ("content-type", content_type.as_slice()),
                ("SOAPAction", action.as_slice()),
                ("cookie", cookie.as_bytes()),
            ] {
                if let Ok(value) = http::HeaderValue::from_bytes(value) {
                    builder = builder.header(name, value);
                }
            }
            let request = builder.body(body).unwrap();
            let limits = Limits::default();
            for response in [
                answered(sejour::dispatch(&Arc::new(Sejour), request.clone(), &limits)),
                answered(srv::dispatch(&Arc::new(Srv), request.clone(), &limits)),
                answered(cebes::dispatch(&Arc::new(Cebes), request.clone(), &limits)),
                answered(xweb::dispatch(&Arc::new(Xweb), request, &limits)),
            ] {
                prop_assert_eq!(answers(&response), Ok(()));
            }
        }
    }
}

/// Every operation of every WSDL fixture compiled here, over loopback: a stand-in of each
/// service with the default behaviour (every operation left out) answers the generated
/// client's request for each binding, placed by its path and action and read by the
/// generated code, with the fault that names that very operation.
#[cfg(feature = "blocking")]
#[test]
fn every_operation_of_the_wsdl_fixtures_reaches_its_stand_in() {
    use generated::runtime::{
        BlockingTransport, CallError, Payload, Secrets, base_url, http_request, response_payload,
    };
    use tests::WSDL_SERVICES;

    // Each service under a base of its own: `/0/…`, `/1/…`.
    let dispatch = |request: http::Request<Vec<u8>>| {
        let index: Option<usize> = request
            .uri()
            .path()
            .split('/')
            .nth(1)
            .and_then(|s| s.parse().ok());
        match index.and_then(|i| WSDL_SERVICES.get(i)) {
            Some(service) => (service.dispatch)(request),
            None => http::Response::builder()
                .status(404)
                .body(Vec::new())
                .unwrap(),
        }
    };
    // The fixtures' services under one router, each answered where it is mounted.
    let router = axum::Router::new().fallback(move |request: axum::extract::Request| async move {
        let (parts, body) = request.into_parts();
        let body = axum::body::to_bytes(body, Limits::default().body)
            .await
            .unwrap();
        dispatch(http::Request::from_parts(parts, body.to_vec())).map(axum::body::Body::from)
    });
    let stand_in = StandIn::start(router).unwrap();
    let transport = BlockingTransport::new(std::time::Duration::from_secs(5));
    let (mut driven, mut unmade) = (0, 0);
    let mut failures = Vec::new();
    for (index, service) in WSDL_SERVICES.iter().enumerate() {
        let base = base_url(&format!("{}/{index}", stand_in.base_url())).unwrap();
        for op in service.operations {
            for binding in op.bindings {
                let at = format!("{} {} {}", service.label, op.name, binding.kind);
                if binding.policy.https {
                    // Its policy asks for HTTPS, which the loopback stand-in does not speak;
                    // `tests/wsa.rs` checks that the client refuses it.
                    unmade += 1;
                    continue;
                }
                // The emptiest message of the binding, made a request of the operation.
                let empty = match binding.kind {
                    BindingKind::Soap11 | BindingKind::Soap12 => {
                        let ns = match binding.kind {
                            BindingKind::Soap11 => SOAP11,
                            _ => SOAP12,
                        };
                        let element = op.element.map_or(String::new(), |(ns, local)| {
                            format!(r#"<{local} xmlns="{ns}"/>"#)
                        });
                        Payload::body(format!(
                            r#"<e:Envelope xmlns:e="{ns}"><e:Body>{element}</e:Body></e:Envelope>"#
                        ))
                    }
                    BindingKind::HttpGet | BindingKind::JsonGet => Payload::query(String::new()),
                    BindingKind::JsonPost | BindingKind::WebApiJson => Payload::body("{}".into()),
                    _ => Payload::default(),
                };
                let Ok(payload) = (service.request)(op.name, binding.kind, &empty) else {
                    // An empty message lacks what the operation's request must carry.
                    unmade += 1;
                    continue;
                };
                let mut request = http_request(binding, &base, Some(&base), payload, &[], &[])
                    .unwrap_or_else(|e| panic!("{at}: {e}"));
                if binding.policy.basic_auth {
                    // Its policy asks for Basic authentication, which the stand-in wants.
                    let (mut http, secrets) = request.into_parts();
                    let basic = generated::runtime::http::HeaderValue::from_static("Basic dTpw");
                    http.headers_mut().insert("Authorization", basic);
                    request = generated::runtime::ClientRequest::new(http, secrets);
                }
                let response = transport
                    .send(request)
                    .unwrap_or_else(|e| panic!("{at}: {e}"));
                let expected = format!("The operation {} is not implemented.", op.name);
                let outcome = response_payload(
                    binding.kind,
                    response,
                    &Secrets::default(),
                    &Limits::default(),
                );
                match outcome {
                    Err(CallError::Fault(fault)) if fault.reason == expected => {}
                    Err(CallError::Status {
                        status: 500,
                        excerpt,
                    }) if excerpt.contains(&expected) => {}
                    other => failures.push(format!("{at}: {other:?}")),
                }
                driven += 1;
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        driven > 100,
        "{driven} calls driven, {unmade} requests not made"
    );
}

#[cfg(feature = "axum")]
mod serving {
    //! The stand-in on a socket, against clients that misbehave: each timeout and limit of
    //! `ServeOptions` cuts off the slow, the idle and the oversized, while a well-behaved
    //! request is still answered. Every wait here is bounded by a read timeout.

    use std::io::{Read, Write};
    use std::net::{SocketAddr, TcpStream};
    use std::time::Duration;

    use generated::runtime::server::ServeOptions;
    use tests::raw_http;

    use super::*;

    /// The short timeouts these tests serve with.
    fn quick() -> ServeOptions {
        ServeOptions::default()
            .header_read_timeout(Duration::from_millis(400))
            .body_read_timeout(Duration::from_millis(400))
            .idle_timeout(Duration::from_millis(400))
    }

    fn serve(options: ServeOptions) -> StandIn {
        StandIn::start_with(
            SocketAddr::from(([127, 0, 0, 1], 0)),
            sejour::router(Sejour),
            options,
        )
        .unwrap()
    }

    fn connect(stand_in: &StandIn) -> TcpStream {
        let stream = TcpStream::connect(stand_in.addr()).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        stream
    }

    /// A Logout by HTTP POST, kept alive.
    const LOGOUT: &[u8] = b"POST /swsproxy/Authentication.asmx/Logout HTTP/1.1\r\nHost: x\r\n\
        Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 10\r\n\r\ntoken=good";

    /// What the server sends until it closes the connection, or an error if it does not
    /// within the read timeout.
    fn until_closed(stream: &mut TcpStream) -> Result<String, String> {
        let mut received = Vec::new();
        let mut buffer = [0u8; 4096];
        loop {
            match stream.read(&mut buffer) {
                Ok(0) => return Ok(String::from_utf8_lossy(&received).into_owned()),
                Ok(n) => received.extend_from_slice(&buffer[..n]),
                Err(error) if error.kind() == std::io::ErrorKind::ConnectionReset => {
                    return Ok(String::from_utf8_lossy(&received).into_owned());
                }
                Err(error) => {
                    return Err(format!(
                        "not closed ({error}); received {:?}",
                        String::from_utf8_lossy(&received)
                    ));
                }
            }
        }
    }

    /// The status line of one response read from `stream`, its head and body whole.
    fn one_response(stream: &mut TcpStream) -> String {
        let mut received = Vec::new();
        raw_http::read_response(stream, &mut received).unwrap();
        raw_http::status_line(&received)
    }

    #[test]
    fn a_head_sent_a_byte_at_a_time_is_cut_off_at_the_header_timeout() {
        let stand_in = serve(quick());
        let mut slow = connect(&stand_in);
        // A byte every 100 ms: the head would take seconds; the server closes at 400 ms.
        let cut = (|| {
            for byte in LOGOUT.iter().take(30) {
                slow.write_all(&[*byte]).ok()?;
                std::thread::sleep(Duration::from_millis(100));
            }
            Some(())
        })();
        let answer = until_closed(&mut slow).unwrap();
        assert!(answer.is_empty() || cut.is_none(), "{answer}");
        // Meanwhile, and after, a whole request is answered.
        let mut quick = connect(&stand_in);
        quick.write_all(LOGOUT).unwrap();
        assert_eq!(one_response(&mut quick), "HTTP/1.1 200 OK");
    }

    #[test]
    fn a_connection_that_sends_nothing_or_idles_after_a_request_is_closed() {
        let stand_in = serve(quick());
        let mut silent = connect(&stand_in);
        assert_eq!(until_closed(&mut silent), Ok(String::new()));
        let mut kept = connect(&stand_in);
        kept.write_all(LOGOUT).unwrap();
        assert_eq!(one_response(&mut kept), "HTTP/1.1 200 OK");
        // Kept alive, it serves another request at once…
        kept.write_all(LOGOUT).unwrap();
        assert_eq!(one_response(&mut kept), "HTTP/1.1 200 OK");
        // … and, idle past the timeout, is closed.
        assert_eq!(until_closed(&mut kept), Ok(String::new()));
    }

    #[test]
    fn a_body_that_does_not_arrive_in_time_is_answered_408_and_closed() {
        let stand_in = serve(quick());
        let mut stream = connect(&stand_in);
        stream
            .write_all(
                b"POST /swsproxy/Authentication.asmx/Logout HTTP/1.1\r\nHost: x\r\n\
                  Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\ntoken=",
            )
            .unwrap();
        let answer = until_closed(&mut stream).unwrap();
        assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
        assert!(answer.contains("body_read_timeout"), "{answer}");
    }

    #[test]
    fn a_declared_length_past_the_limit_is_refused_at_once_and_not_invited() {
        let stand_in = serve(ServeOptions::default());
        let mut stream = connect(&stand_in);
        stream
            .write_all(
                b"POST /swsproxy/Authentication.asmx HTTP/1.1\r\nHost: x\r\n\
                  Content-Type: text/xml\r\nExpect: 100-continue\r\n\
                  Content-Length: 10737418240\r\n\r\n",
            )
            .unwrap();
        let answer = until_closed(&mut stream).unwrap();
        assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
        assert!(!answer.contains("100 Continue"), "{answer}");
        assert!(answer.contains("`Limits::body`"), "{answer}");
    }

    #[test]
    fn a_malformed_body_is_400_and_only_a_long_one_413() {
        let stand_in = serve(ServeOptions::default());
        let head = "POST /swsproxy/Authentication.asmx/Logout HTTP/1.1\r\nHost: x\r\n\
                    Content-Type: application/x-www-form-urlencoded\r\n\
                    Transfer-Encoding: chunked\r\n\r\n";
        let mut stream = connect(&stand_in);
        stream
            .write_all(format!("{head}zz\r\ntoken=good\r\n0\r\n\r\n").as_bytes())
            .unwrap();
        let answer = until_closed(&mut stream).unwrap();
        assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
        // Chunks past the limit, which no Content-Length announced.
        let limit = Limits::default().body;
        let mut stream = connect(&stand_in);
        stream.write_all(head.as_bytes()).unwrap();
        let chunk = format!("{:x}\r\n{}\r\n", 64 * 1024, "a".repeat(64 * 1024));
        for _ in 0..=(limit / (64 * 1024)) {
            if stream.write_all(chunk.as_bytes()).is_err() {
                break;
            }
        }
        let answer = until_closed(&mut stream).unwrap();
        assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    }

    #[test]
    fn slow_clients_holding_every_connection_do_not_keep_out_a_quick_one() {
        // Long timeouts: only the cap and its choice of whom to close are at work.
        let stand_in = serve(
            ServeOptions::default()
                .header_read_timeout(Duration::from_secs(60))
                .max_connections(16),
        );
        let slow: Vec<TcpStream> = (0..48)
            .map(|_| {
                let mut stream = connect(&stand_in);
                stream
                    .write_all(b"POST /swsproxy/Authentication.asmx")
                    .unwrap();
                stream
            })
            .collect();
        let client = sejour::Client::new(&stand_in.base_url())
            .unwrap()
            .with_binding(BindingKind::HttpPost);
        let transport =
            generated::runtime::BlockingTransport::new(std::time::Duration::from_secs(10));
        let answered = client.call_blocking(
            &transport,
            sejour::op::Logout,
            &sejour::LogoutRequest {
                token: Some("good".into()),
            },
        );
        assert!(answered.is_ok(), "{answered:?}");
        // The slow ones were closed to make room: at most the cap are still open.
        let still_open = slow
            .into_iter()
            .filter_map(|mut stream| {
                stream
                    .set_read_timeout(Some(Duration::from_millis(50)))
                    .unwrap();
                let mut byte = [0u8; 1];
                match stream.read(&mut byte) {
                    Ok(0) => None,
                    Err(error) if error.kind() == std::io::ErrorKind::ConnectionReset => None,
                    _ => Some(()),
                }
            })
            .count();
        assert!(still_open <= 16, "{still_open} slow connections still open");
    }

    /// The stand-ins' command-line server in a process of its own, limited to `files` open
    /// files as many hosts limit a service; killed when dropped.
    struct Limited {
        child: std::process::Child,
        addr: SocketAddr,
    }

    impl Limited {
        fn start(files: u32) -> Limited {
            use std::io::BufRead;
            let mut child = std::process::Command::new("sh")
                .args(["-c", &format!("ulimit -n {files} && exec \"$0\"")])
                .arg(env!("CARGO_BIN_EXE_stand-ins"))
                .stdin(std::process::Stdio::null())
                .stdout(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            let mut first = String::new();
            let stdout = child.stdout.take().unwrap();
            std::io::BufReader::new(stdout)
                .read_line(&mut first)
                .unwrap();
            let addr = first.trim().parse().unwrap_or_else(|error| {
                let _ = child.kill();
                panic!("the stand-ins printed {first:?}, not an address: {error}")
            });
            Limited { child, addr }
        }

        /// The process's own limit on open files, as the kernel holds it.
        fn open_files(&self) -> String {
            let limits =
                std::fs::read_to_string(format!("/proc/{}/limits", self.child.id())).unwrap();
            let line = limits
                .lines()
                .find(|line| line.starts_with("Max open files"))
                .unwrap();
            line.split_whitespace().nth(3).unwrap().to_owned()
        }
    }

    impl Drop for Limited {
        fn drop(&mut self) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }

    /// A Sejour session opened on the stand-ins at `addr`, by the route for it.
    fn sejour_token(addr: SocketAddr) -> String {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        stream
            .write_all(
                b"POST /stand-in/sessions/sejour HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n",
            )
            .unwrap();
        let mut response = Vec::new();
        raw_http::read_response(&mut stream, &mut response).unwrap();
        let body = String::from_utf8_lossy(raw_http::body(&response)).into_owned();
        body.strip_prefix(r#"{"token":""#)
            .and_then(|rest| rest.strip_suffix(r#""}"#))
            .unwrap_or_else(|| panic!("no token in {body:?}"))
            .to_owned()
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn with_1024_open_files_1100_half_sent_heads_do_not_keep_out_a_logout() {
        let server = Limited::start(1024);
        assert_eq!(server.open_files(), "1024");
        // More heads than the process has files, each left half sent: without the cap the
        // server's accepting fails for want of files, and nobody is answered until the
        // heads time out (10 s) and leave.
        let flood: Vec<TcpStream> = (0..1100)
            .map(|_| {
                let mut stream = TcpStream::connect(server.addr).unwrap();
                stream
                    .write_all(b"POST /swsproxy/Authentication.asmx/Logout HTTP/1.1\r\nHost: x\r\n")
                    .unwrap();
                stream
            })
            .collect();
        let token = sejour_token(server.addr);
        let client = sejour::Client::new(&format!("http://{}", server.addr))
            .unwrap()
            .with_binding(BindingKind::HttpPost);
        let transport = generated::runtime::BlockingTransport::new(Duration::from_secs(10));
        let answered = client.call_blocking(
            &transport,
            sejour::op::Logout,
            &sejour::LogoutRequest { token: Some(token) },
        );
        assert!(answered.is_ok(), "{answered:?}");
        // It was answered while the flood still held: the server closed heads to make room
        // for it, and kept at most its cap of 512 open.
        let still_open = flood
            .into_iter()
            .filter(|stream| {
                stream.set_nonblocking(true).unwrap();
                let mut byte = [0u8; 1];
                matches!(
                    (&*stream).read(&mut byte),
                    Err(error) if error.kind() == std::io::ErrorKind::WouldBlock
                )
            })
            .count();
        assert!(
            (1..=512).contains(&still_open),
            "{still_open} of the 1100 heads still open"
        );
    }
}
