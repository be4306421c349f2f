//! WS-Security's UsernameToken both ways, proved against zeep: the envelopes zeep's client
//! wrote (`tests/fixtures/wsse/`) pass the generated server half's check with the right
//! password and are refused with a wrong one; the client's digest over zeep's nonce and time
//! is zeep's; and the generated client's token, text or digest, with or without a timestamp,
//! passes the same check at a loopback server, through both transports.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use generated::runtime::server::Checked;
use generated::runtime::wsse::{PasswordType, ReceivedToken, UsernameToken, password_digest};
use generated::runtime::{BindingKind, Limits, Payload, WriteRequest as _};
use tests::call;
use tests::fixtures::wsdl_sign_in as sign_in;
use tests::scripted::{Received, Reply, ScriptedServer};
use tests::via::Via;

const USER: &str = "integrator";
const PASSWORD: &str = "Pw7&kq/9+zLx";

fn fixture(name: &str) -> String {
    let path = format!("{}/fixtures/wsse/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The text between `<…local …>` and `</…local>` in `xml`.
fn element_text<'x>(xml: &'x str, local: &str) -> &'x str {
    let open = xml
        .find(&format!(":{local}"))
        .or_else(|| xml.find(&format!("<{local}")));
    let start = open.and_then(|at| xml[at..].find('>').map(|end| at + end + 1));
    let start = start.unwrap_or_else(|| panic!("no {local} in {xml}"));
    let end = start + xml[start..].find("</").unwrap();
    &xml[start..end]
}

fn sign_in_request() -> sign_in::SignInRequest {
    sign_in::SignInRequest {
        pin: None,
        user_name: Some(USER.to_owned()),
        choice: sign_in::SignInRequestChoice::Password("x".to_owned()),
        must_change_password: false,
    }
}

/// A server of SignIn that answers a session.
struct Signing;

impl sign_in::Server for Signing {
    async fn sign_in(
        self: Arc<Self>,
        _request: sign_in::SignInRequest,
        _call: Arc<generated::runtime::server::Call>,
    ) -> Result<sign_in::SignInResponse, generated::runtime::server::Fault> {
        Ok(sign_in::SignInResponse {
            session_id: Some("session-1".to_owned()),
            conn_str: None,
        })
    }
}

fn http_request(body: &str) -> generated::runtime::http::Request<Vec<u8>> {
    generated::runtime::http::Request::post("/SignIn.asmx")
        .header("Content-Type", "text/xml; charset=utf-8")
        .header("SOAPAction", "\"http://example.org/signin/SignIn\"")
        .body(body.as_bytes().to_vec())
        .unwrap()
}

/// What the server half answers `request` when it wants `USER` with `password`, and the
/// tokens it saw.
fn serve(
    request: generated::runtime::http::Request<Vec<u8>>,
    password: &str,
    seen: &Mutex<Vec<ReceivedToken>>,
) -> generated::runtime::http::Response<Vec<u8>> {
    let limits = Limits::default();
    let checked = generated::runtime::server::check_username_token(request, &limits, |token| {
        seen.lock().unwrap().push(token.clone());
        token.username == USER && token.proves(password)
    });
    match checked {
        Checked::Passed(request) => {
            tests::answered(sign_in::dispatch(&Arc::new(Signing), request, &limits))
        }
        Checked::Refused(refusal) => refusal,
    }
}

#[test]
fn zeeps_tokens_pass_the_servers_check_with_the_right_password_only() {
    for (name, kind, timestamped) in [
        ("sign-in.text.soap11.xml", PasswordType::Text, false),
        ("sign-in.digest.soap11.xml", PasswordType::Digest, false),
        (
            "sign-in.digest-timestamp.soap11.xml",
            PasswordType::Digest,
            true,
        ),
    ] {
        let envelope = fixture(name);
        let seen = Mutex::new(Vec::new());
        let response = serve(http_request(&envelope), PASSWORD, &seen);
        let body = String::from_utf8_lossy(response.body()).into_owned();
        assert_eq!(response.status(), 200, "{name}: {body}");
        assert!(body.contains("session-1"), "{name}: {body}");
        let token = seen.lock().unwrap()[0].clone();
        assert_eq!(token.password_type(), kind, "{name}");
        assert_eq!(token.timestamp.is_some(), timestamped, "{name}");
        if timestamped {
            assert_eq!(
                token.timestamp,
                Some((
                    "2026-12-03T12:00:00Z".to_owned(),
                    "2026-12-03T12:05:00Z".to_owned()
                ))
            );
        }
        assert!(!format!("{token:?}").contains("Pw7"), "{name}: {token:?}");
        let response = serve(http_request(&envelope), "not the password", &seen);
        let body = String::from_utf8_lossy(response.body()).into_owned();
        assert_eq!(response.status(), 500, "{name}: {body}");
        assert!(body.contains("verifying security"), "{name}: {body}");
        assert!(!body.contains("Pw7"), "{name}: {body}");
    }
    // Without the check, the header zeep did not mark is ignored, as SOAP says; the request
    // reads as it is.
    let limits = Limits::default();
    let plain = tests::answered(sign_in::dispatch(
        &Arc::new(Signing),
        http_request(&fixture("sign-in.text.soap11.xml")),
        &limits,
    ));
    assert_eq!(plain.status(), 200);
}

#[test]
fn the_clients_digest_is_zeeps() {
    let envelope = fixture("sign-in.digest.soap11.xml");
    let zeeps = element_text(&envelope, "Password");
    assert_eq!(zeeps, "F+EWedRKFnU3/qkOgM9NTya0FpY=");
    let nonce = b"0123456789abcdef";
    assert_eq!(
        password_digest(nonce, "2026-12-03T12:00:00Z", PASSWORD),
        zeeps
    );
    // The client's own envelope, with zeep's nonce and time, carries the same digest, the
    // nonce in Base64 as zeep writes it, and the time.
    let request = sign_in_request();
    let mut payload = request.write_request(BindingKind::Soap11).unwrap();
    UsernameToken::digest(USER, PASSWORD)
        .sign_at(
            BindingKind::Soap11,
            &mut payload,
            "2026-12-03T12:00:00Z",
            None,
            nonce,
        )
        .unwrap();
    let ours = &payload.body;
    assert_eq!(element_text(ours, "Password"), zeeps, "{ours}");
    assert_eq!(
        element_text(ours, "Nonce"),
        element_text(&envelope, "Nonce")
    );
    assert_eq!(element_text(ours, "Created"), "2026-12-03T12:00:00Z");
    assert!(ours.contains(r#"soap:mustUnderstand="1""#), "{ours}");
}

#[test]
fn the_clients_tokens_pass_the_check_at_a_loopback_server_through_both_transports() {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let keeping = seen.clone();
    let server = ScriptedServer::start(move |received: &Received| {
        Reply::of_http(serve(received.to_http(), PASSWORD, &keeping))
    })
    .unwrap();
    let request = sign_in_request();
    // Each token, how its password travels, and whether it has a timestamp.
    let tokens = [
        (
            UsernameToken::text(USER, PASSWORD),
            PasswordType::Text,
            false,
        ),
        (
            UsernameToken::digest(USER, PASSWORD),
            PasswordType::Digest,
            false,
        ),
        (
            UsernameToken::digest(USER, PASSWORD).with_timestamp(Duration::from_secs(300)),
            PasswordType::Digest,
            true,
        ),
    ];
    for (token, _, _) in &tokens {
        for via in Via::both(Duration::from_secs(5)) {
            let at = format!("{token:?} {}", via.name());
            let client = sign_in::Client::new(&server.base_url())
                .unwrap()
                .with_endpoint(&format!("{}/SignIn.asmx", server.base_url()))
                .unwrap()
                .with_username_token(token.clone());
            assert!(!format!("{client:?}").contains("Pw7"), "{at}");
            let response = call!(&via, client, sign_in::op::SignIn, &request)
                .unwrap_or_else(|e| panic!("{at}: {e}"));
            assert_eq!(response.session_id.as_deref(), Some("session-1"), "{at}");
            // A wrong password is refused, and the error shows neither password.
            let wrong = sign_in::Client::new(&server.base_url())
                .unwrap()
                .with_endpoint(&format!("{}/SignIn.asmx", server.base_url()))
                .unwrap()
                .with_username_token(UsernameToken::text(USER, "Wr0ng-pa55word"));
            let error = call!(&via, wrong, sign_in::op::SignIn, &request).unwrap_err();
            let text = format!("{error} {error:?}");
            assert!(matches!(error, sign_in::Error::Fault(_)), "{at}: {text}");
            assert!(
                !text.contains("Wr0ng") && !text.contains("Pw7"),
                "{at}: {text}"
            );
        }
    }
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 12);
    // Per token: its call and the wrong password's, through each transport in turn.
    for ((_, kind, timestamped), received) in tokens.iter().zip(seen.chunks(4)) {
        let (blocking, asynchronous) = (&received[0], &received[2]);
        for sent in [blocking, asynchronous] {
            assert_eq!(sent.password_type(), *kind);
            assert_eq!(sent.timestamp.is_some(), *timestamped);
        }
        // Each message a nonce of its own, of the 16 bytes the client makes.
        if *kind == PasswordType::Digest {
            assert_eq!(blocking.nonce().map(<[u8]>::len), Some(16));
            assert_ne!(blocking.nonce(), asynchronous.nonce());
            assert!(blocking.created().is_some_and(|t| t.ends_with('Z')));
        }
    }
}

#[test]
fn the_marked_header_is_refused_by_a_server_that_does_not_check_it() {
    let request = sign_in_request();
    let mut payload: Payload = request.write_request(BindingKind::Soap11).unwrap();
    UsernameToken::text(USER, PASSWORD)
        .sign(BindingKind::Soap11, &mut payload)
        .unwrap();
    let limits = Limits::default();
    let response = tests::answered(sign_in::dispatch(
        &Arc::new(Signing),
        http_request(&payload.body),
        &limits,
    ));
    let body = String::from_utf8_lossy(response.body()).into_owned();
    assert_eq!(response.status(), 500, "{body}");
    assert!(
        body.contains("MustUnderstand") && body.contains("Security"),
        "{body}"
    );
    // A server that checks refuses an envelope without a token, and what is no envelope.
    let bare = sign_in_request()
        .write_request(BindingKind::Soap11)
        .unwrap();
    let seen = Mutex::new(Vec::new());
    let refused = serve(http_request(&bare.body), PASSWORD, &seen);
    assert_eq!(refused.status(), 500);
    assert!(seen.lock().unwrap().is_empty());
    let refused = serve(http_request("UserName=integrator"), PASSWORD, &seen);
    assert_eq!(refused.status(), 401);
    // A binding without SOAP headers cannot carry a token: refused, not sent without it.
    let mut form = generated::srv::LogOutRequest::default()
        .write_request(BindingKind::HttpPost)
        .unwrap();
    let error = UsernameToken::text(USER, PASSWORD)
        .sign(BindingKind::HttpPost, &mut form)
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "cannot write the UsernameToken: it travels in a SOAP header, and the HTTP POST binding has none"
    );
}
