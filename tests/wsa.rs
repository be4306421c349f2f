//! WS-Addressing and the policies a WSDL states, both ways: a binding whose policy says
//! `wsaw:UsingAddressing` (`wsdl/wcf-wshttp.wsdl`) is called with `Action`, `MessageID`,
//! `ReplyTo` and `To` through both transports and answered by the generated server half with
//! `RelatesTo` and its `Action`; a reply to another request, or with another action, is an
//! error; zeep's addressed request (`fixtures/wsa/`) is answered as it should be; and a policy
//! over HTTPS with a UsernameToken (`wsdl/wcf-secured.wsdl`) is followed by the client before
//! anything goes.

use std::sync::Arc;
use std::time::Duration;

use generated::runtime::http;
use generated::runtime::server::{Call, Fault};
use generated::runtime::wsse::UsernameToken;
use generated::runtime::{BindingKind, Limits, Nillable};
use tests::call;
use tests::fixtures::wsdl_wcf_secured as secured;
use tests::fixtures::wsdl_wcf_wshttp as orders;
use tests::scripted::{Received, Reply, ScriptedServer};
use tests::via::Via;

const W3C: &str = "http://www.w3.org/2005/08/addressing";

/// The order service: GetStatus answers, Cancel refuses order `X`.
struct Orders;

impl orders::Server for Orders {
    async fn get_status(
        self: Arc<Self>,
        request: orders::GetStatusRequest,
        _call: Arc<Call>,
    ) -> Result<orders::GetStatusResponse, Fault> {
        Ok(orders::GetStatusResponse {
            get_status_result: Nillable::Value(format!(
                "shipped {}",
                request.order_id.into_value().unwrap_or_default()
            )),
        })
    }

    async fn cancel(
        self: Arc<Self>,
        request: orders::CancelRequest,
        _call: Arc<Call>,
    ) -> Result<orders::CancelResponse, Fault> {
        if request.order_id.value().map(String::as_str) == Some("X") {
            return Err(Fault::sender("Order X has shipped."));
        }
        Ok(orders::CancelResponse {
            cancel_result: Some(true),
        })
    }

    async fn notify(
        self: Arc<Self>,
        _request: orders::NotifyRequest,
        _call: Arc<Call>,
    ) -> Result<orders::NotifyResponse, Fault> {
        Ok(orders::NotifyResponse::default())
    }
}

/// A client of the fixture's addressed binding (WSHttpBinding, SOAP 1.2) at `base_url`.
fn wshttp_client(base_url: &str) -> orders::Client {
    orders::Client::new(base_url)
        .unwrap()
        .with_binding(BindingKind::Soap12)
}

/// The generated server half's answer to `request`.
fn dispatch(request: http::Request<Vec<u8>>) -> http::Response<Vec<u8>> {
    tests::answered(orders::dispatch(
        &Arc::new(Orders),
        request,
        &Limits::default(),
    ))
}

/// The text of the first element `local` (prefixed or not) in `xml`.
fn element_text<'x>(xml: &'x str, local: &str) -> Option<&'x str> {
    let at = [":", "<"]
        .iter()
        .flat_map(|lead| [">", " "].map(|end| format!("{lead}{local}{end}")))
        .filter_map(|tag| xml.find(&tag))
        .min()?;
    let start = at + xml[at..].find('>')? + 1;
    let end = start + xml[start..].find("</")?;
    Some(&xml[start..end])
}

#[test]
fn an_addressed_call_goes_and_comes_back_through_both_transports() {
    let server =
        ScriptedServer::start(|received: &Received| Reply::of_http(dispatch(received.to_http())))
            .unwrap();
    let client = wshttp_client(&server.base_url());
    for via in &Via::both(Duration::from_secs(5)) {
        let status = call!(
            via,
            client,
            orders::op::GetStatus,
            &orders::GetStatusRequest {
                order_id: Nillable::Value("A-17".to_owned()),
            }
        )
        .unwrap_or_else(|e| panic!("{}: {e}", via.name()));
        assert_eq!(
            status.get_status_result.value().map(String::as_str),
            Some("shipped A-17")
        );
        // The operation whose port type states no action: the default pattern's.
        let cancelled = call!(
            via,
            client,
            orders::op::Cancel,
            &orders::CancelRequest {
                order_id: Nillable::Value("A-18".to_owned()),
            }
        )
        .unwrap_or_else(|e| panic!("{}: {e}", via.name()));
        assert_eq!(cancelled.cancel_result, Some(true));
        // A one-way operation: 202 and nothing, with no reply to relate.
        call!(
            via,
            client,
            orders::op::Notify,
            &orders::NotifyRequest {
                message: Nillable::Value("ready".to_owned()),
            }
        )
        .unwrap_or_else(|e| panic!("{}: {e}", via.name()));
        // A fault comes back as the fault it is, related to the request too.
        let refused = call!(
            via,
            client,
            orders::op::Cancel,
            &orders::CancelRequest {
                order_id: Nillable::Value("X".to_owned()),
            }
        )
        .unwrap_err();
        assert!(
            matches!(&refused, orders::Error::Fault(fault) if fault.reason == "Order X has shipped."),
            "{}: {refused}",
            via.name()
        );
    }
    let received = server.received();
    assert_eq!(received.len(), 8);
    let mut ids = Vec::new();
    for (request, action) in received.iter().zip(
        [
            "http://tempuri.org/IOrderService/GetStatus",
            "http://tempuri.org/IOrderService/CancelRequest",
            "http://tempuri.org/IOrderService/Notify",
            "http://tempuri.org/IOrderService/CancelRequest",
        ]
        .iter()
        .cycle(),
    ) {
        let body = request.text();
        assert!(body.contains(W3C), "{body}");
        assert_eq!(element_text(&body, "Action"), Some(*action), "{body}");
        assert!(
            body.contains(r#"soap12:mustUnderstand="1">http://tempuri.org/IOrderService/"#),
            "{body}"
        );
        assert_eq!(
            element_text(&body, "To").map(str::to_owned),
            Some(format!("{}/OrderService.svc/ws", server.base_url())),
            "{body}"
        );
        assert_eq!(
            element_text(&body, "Address"),
            Some("http://www.w3.org/2005/08/addressing/anonymous")
        );
        let id = element_text(&body, "MessageID").unwrap().to_owned();
        assert!(id.starts_with("urn:uuid:"), "{id}");
        ids.push(id);
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 8, "every request has a message id of its own");
}

#[test]
fn the_server_half_answers_with_relates_to_and_its_action() {
    let sent = |body: &str| {
        http::Request::post("/OrderService.svc/ws")
            .header(
                "Content-Type",
                "application/soap+xml; charset=utf-8; action=\"http://tempuri.org/IOrderService/GetStatus\"",
            )
            .body(body.as_bytes().to_vec())
            .unwrap()
    };
    // zeep's request: answered, related to zeep's MessageID, with the reply's action.
    let path = format!(
        "{}/fixtures/wsa/get-status.soap12.xml",
        env!("CARGO_MANIFEST_DIR")
    );
    let zeeps = std::fs::read_to_string(&path).unwrap();
    let message_id = element_text(&zeeps, "MessageID").unwrap();
    let response = dispatch(sent(&zeeps));
    let body = String::from_utf8(response.body().clone()).unwrap();
    assert_eq!(response.status(), 200, "{body}");
    assert_eq!(element_text(&body, "RelatesTo"), Some(message_id), "{body}");
    assert_eq!(
        element_text(&body, "Action"),
        Some("http://tempuri.org/IOrderService/GetStatusResponse"),
        "{body}"
    );
    assert!(body.contains("shipped A-17"), "{body}");
    // Without an Action, or with another, refused as WCF refuses it.
    let bare = zeeps.replace(
        "<wsa:Action>http://tempuri.org/IOrderService/GetStatus</wsa:Action>",
        "",
    );
    let response = dispatch(sent(&bare));
    let body = String::from_utf8(response.body().clone()).unwrap();
    assert_eq!(response.status(), 500, "{body}");
    assert!(body.contains("MessageAddressingHeaderRequired"), "{body}");
    assert!(body.contains(W3C), "{body}");
    let other = zeeps.replace(
        "<wsa:Action>http://tempuri.org/IOrderService/GetStatus</wsa:Action>",
        "<wsa:Action>http://tempuri.org/IOrderService/Other</wsa:Action>",
    );
    let body = String::from_utf8(dispatch(sent(&other)).body().clone()).unwrap();
    assert!(body.contains("ActionNotSupported"), "{body}");
    assert!(body.contains("ContractFilter mismatch"), "{body}");
    // The basic binding has no addressing: a header it must understand is not understood.
    let marked = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header><a:To xmlns:a="http://www.w3.org/2005/08/addressing" s:mustUnderstand="1">http://h/</a:To></s:Header><s:Body><GetStatus xmlns="http://tempuri.org/"/></s:Body></s:Envelope>"#;
    let basic = |authorization: Option<&str>| {
        let mut request = http::Request::post("/OrderService.svc/basic")
            .header("Content-Type", "text/xml; charset=utf-8")
            .header(
                "SOAPAction",
                "\"http://tempuri.org/IOrderService/GetStatus\"",
            );
        if let Some(authorization) = authorization {
            request = request.header("Authorization", authorization);
        }
        request.body(marked.as_bytes().to_vec()).unwrap()
    };
    let body = String::from_utf8(dispatch(basic(Some("Basic dTpw"))).body().clone()).unwrap();
    assert!(body.contains("MustUnderstand"), "{body}");
    // Its policy's alternatives are Negotiate and Basic: the stand-in wants Basic, as IIS.
    let refused = dispatch(basic(None));
    assert_eq!(refused.status(), 401);
    assert_eq!(
        refused.headers()["WWW-Authenticate"],
        "Basic realm=\"service\""
    );
}

#[test]
fn a_reply_that_does_not_relate_to_the_request_is_an_error() {
    // Each reply the scripted service gives, and what the client must say of it.
    let cases: [(&str, &str); 3] = [
        (
            "urn:uuid:00000000-0000-4000-8000-000000000000",
            "the reply is to another request",
        ),
        ("", "RelatesTo"),
        ("same-id-wrong-action", "the reply's action"),
    ];
    for (relates_to, expected) in cases {
        let server = ScriptedServer::start(move |received: &Received| {
            let body = received.text();
            let id = element_text(&body, "MessageID").unwrap_or("").to_owned();
            let (relates, action) = match relates_to {
                "" => (String::new(), "http://tempuri.org/IOrderService/GetStatusResponse"),
                "same-id-wrong-action" => (
                    format!("<a:RelatesTo>{id}</a:RelatesTo>"),
                    "http://tempuri.org/IOrderService/Other",
                ),
                other => (
                    format!("<a:RelatesTo>{other}</a:RelatesTo>"),
                    "http://tempuri.org/IOrderService/GetStatusResponse",
                ),
            };
            let reply = format!(
                r#"<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://www.w3.org/2005/08/addressing"><s:Header><a:Action s:mustUnderstand="1">{action}</a:Action>{relates}</s:Header><s:Body><GetStatusResponse xmlns="http://tempuri.org/"><GetStatusResult>shipped</GetStatusResult></GetStatusResponse></s:Body></s:Envelope>"#
            );
            Reply::new(200, "application/soap+xml; charset=utf-8", reply)
        })
        .unwrap();
        let client = wshttp_client(&server.base_url());
        for via in &Via::both(Duration::from_secs(5)) {
            let error = call!(
                via,
                client,
                orders::op::GetStatus,
                &orders::GetStatusRequest {
                    order_id: Nillable::Absent
                }
            )
            .unwrap_err();
            assert!(
                matches!(error, orders::Error::Decode { .. }),
                "{}: {error:?}",
                via.name()
            );
            assert!(
                error.to_string().contains(expected),
                "{}: {error}",
                via.name()
            );
        }
    }
}

#[test]
fn a_response_without_what_the_request_sent_cannot_be_checked() {
    // A caller with its own HTTP stack moves `rt::wsa::Sent` over; one that does not is told.
    let client = wshttp_client("http://127.0.0.1:9");
    let request = client
        .request(
            orders::op::GetStatus,
            &orders::GetStatusRequest {
                order_id: Nillable::Absent,
            },
        )
        .unwrap();
    let sent = request.sent().cloned().unwrap();
    let reply = format!(
        r#"<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://www.w3.org/2005/08/addressing"><s:Header><a:Action s:mustUnderstand="1">http://tempuri.org/IOrderService/GetStatusResponse</a:Action><a:RelatesTo>{}</a:RelatesTo></s:Header><s:Body><GetStatusResponse xmlns="http://tempuri.org/"><GetStatusResult>shipped</GetStatusResult></GetStatusResponse></s:Body></s:Envelope>"#,
        sent.message_id
    );
    let response = || {
        http::Response::builder()
            .status(200)
            .header("Content-Type", "application/soap+xml; charset=utf-8")
            .body(reply.as_bytes().to_vec())
            .unwrap()
    };
    let error = client
        .response(orders::op::GetStatus, response())
        .unwrap_err();
    assert!(error.to_string().contains("rt::wsa::Sent"), "{error}");
    let mut carried = response();
    carried.extensions_mut().insert(sent);
    let status = client.response(orders::op::GetStatus, carried).unwrap();
    assert_eq!(
        status.get_status_result.value().map(String::as_str),
        Some("shipped")
    );
}

#[test]
fn the_client_follows_a_policy_of_https_and_a_username_token() {
    let request = secured::GetBalanceRequest {
        account: Nillable::Value("4711".to_owned()),
    };
    // HTTPS: a plain endpoint is refused before anything goes.
    let plain = secured::Client::new("http://127.0.0.1:9")
        .unwrap()
        .with_binding(BindingKind::Soap12)
        .with_username_token(UsernameToken::text("integrator", "Pw-secret"));
    let error = plain
        .request(secured::op::GetBalance, &request)
        .unwrap_err();
    assert!(
        matches!(&error, secured::Error::Endpoint(message) if message.contains("HTTPS")),
        "{error:?}"
    );
    // A UsernameToken: a call without one is refused, saying how to give one.
    let tokenless = secured::Client::new("https://127.0.0.1:9")
        .unwrap()
        .with_binding(BindingKind::Soap12);
    let error = tokenless
        .request(secured::op::GetBalance, &request)
        .unwrap_err();
    assert!(error.to_string().contains("with_username_token"), "{error}");
    // With both, the request carries the token and the submission's addressing.
    let client = secured::Client::new("https://127.0.0.1:9")
        .unwrap()
        .with_binding(BindingKind::Soap12)
        .with_username_token(
            UsernameToken::text("integrator", "Pw-secret").with_timestamp(Duration::from_secs(300)),
        );
    let built = client.request(secured::op::GetBalance, &request).unwrap();
    let body = String::from_utf8(built.body().clone()).unwrap();
    assert!(
        body.contains("UsernameToken") && body.contains("Timestamp"),
        "{body}"
    );
    assert!(
        body.contains("http://schemas.xmlsoap.org/ws/2004/08/addressing"),
        "{body}"
    );
    assert_eq!(
        element_text(&body, "Action"),
        Some("http://tempuri.org/IAccountService/GetBalance")
    );
    assert!(!format!("{built:?}").contains("Pw-secret"));
    // The basic binding, behind NTLM, has no such policy: the client calls it as it is, and
    // the module's documentation says what it cannot do.
    let basic = secured::Client::new("http://127.0.0.1:9").unwrap();
    assert!(basic.request(secured::op::GetBalance, &request).is_ok());
    let path = format!(
        "{}/fixtures/wsdl/wcf-secured.wsdl",
        env!("CARGO_MANIFEST_DIR")
    );
    let service = codegen::read_document(&path, &std::fs::read(&path).unwrap()).unwrap();
    let module = codegen::module_text(&service).unwrap();
    let docs: String = module
        .lines()
        .take_while(|line| line.starts_with("//"))
        .collect();
    assert!(docs.contains("NTLM authentication"), "{docs}");
}

/// The account service: every balance is 12.50.
struct Accounts;

impl secured::Server for Accounts {
    async fn get_balance(
        self: Arc<Self>,
        _request: secured::GetBalanceRequest,
        _call: Arc<Call>,
    ) -> Result<secured::GetBalanceResponse, Fault> {
        Ok(secured::GetBalanceResponse {
            get_balance_result: Some("12.50".parse().unwrap()),
        })
    }
}

#[test]
fn the_server_half_wants_the_token_its_policy_asks_for() {
    let client = secured::Client::new("https://127.0.0.1:9")
        .unwrap()
        .with_binding(BindingKind::Soap12)
        .with_username_token(UsernameToken::digest("integrator", "Pw-secret"));
    let request = secured::GetBalanceRequest {
        account: Nillable::Value("4711".to_owned()),
    };
    let limits = Limits::default();
    let serve = |request: http::Request<Vec<u8>>| {
        tests::answered(secured::dispatch(&Arc::new(Accounts), request, &limits))
    };
    let built = || {
        let built = client.request(secured::op::GetBalance, &request).unwrap();
        let sent = built.sent().cloned().unwrap();
        (built.into_http(), sent)
    };
    // With a token, answered, and the reply relates to the request (the 2004/08 addressing).
    let (sent_request, sent) = built();
    let mut response = serve(sent_request);
    let body = String::from_utf8_lossy(response.body()).into_owned();
    assert_eq!(response.status(), 200, "{body}");
    assert!(
        body.contains("http://schemas.xmlsoap.org/ws/2004/08/addressing"),
        "{body}"
    );
    response.extensions_mut().insert(sent);
    let balance = client.response(secured::op::GetBalance, response).unwrap();
    assert_eq!(balance.get_balance_result, Some("12.50".parse().unwrap()));
    // Without one, refused as WCF refuses it.
    let (sent_request, _) = built();
    let (parts, body) = sent_request.into_parts();
    let text = String::from_utf8(body).unwrap();
    let start = text.find("<Security").unwrap();
    let end = text.find("</Security>").unwrap() + "</Security>".len();
    let tokenless = format!("{}{}", &text[..start], &text[end..]);
    let response = serve(http::Request::from_parts(parts, tokenless.into_bytes()));
    let body = String::from_utf8_lossy(response.body()).into_owned();
    assert_eq!(response.status(), 500, "{body}");
    assert!(body.contains("verifying security"), "{body}");
    assert!(body.contains("c:InvalidSecurity</"), "{body}");
    // Checked first, a wrong password is refused and the right one answered.
    for (password, status) in [("not it", 500), ("Pw-secret", 200)] {
        let (sent_request, _) = built();
        let checked =
            generated::runtime::server::check_username_token(sent_request, &limits, |token| {
                token.proves(password)
            });
        let response = match checked {
            generated::runtime::server::Checked::Passed(request) => serve(request),
            generated::runtime::server::Checked::Refused(refusal) => refusal,
        };
        assert_eq!(response.status(), status, "{password}");
    }
}
