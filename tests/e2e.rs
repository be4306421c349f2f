//! The generated clients against the loopback stand-ins and against servers that misbehave,
//! through every operation and binding, with both transports. Each case asserts the typed
//! outcome a user of the client would match on.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use generated::runtime::{BindingKind, BlockingTransport, TransportError};
use generated::{cebes, sejour, srv, xweb};
use tests::call;
use tests::misbehaving::{MisbehavingServer, Misbehavior};
use tests::stand_ins::{StandIns, paths};
use tests::via::Via;

/// What a call came to, in terms every service's error shares.
#[derive(Debug, PartialEq)]
enum Outcome {
    Ok,
    Fault(String),
    Status(u16, String),
    /// srv.asmx's error code.
    Code(Option<u32>),
    /// Cebes's status.
    Failed(Option<String>),
    Decode,
    Timeout,
    TooLarge,
    Transport(String),
    Other(String),
}

fn transport(error: TransportError) -> Outcome {
    match error {
        TransportError::Timeout => Outcome::Timeout,
        TransportError::TooLarge { .. } => Outcome::TooLarge,
        other => Outcome::Transport(other.to_string()),
    }
}

/// Generates, for a service's `Error`, its mapping to an [`Outcome`].
macro_rules! outcome_of {
    ($name:ident, $module:ident $(, $variant:ident => $map:expr)*) => {
        fn $name(error: $module::Error) -> Outcome {
            match error {
                $module::Error::Fault(fault) => Outcome::Fault(fault.reason),
                $module::Error::Status { status, excerpt } => Outcome::Status(status, excerpt),
                $module::Error::Decode { .. } => Outcome::Decode,
                $module::Error::Transport(error) => transport(error),
                $( $module::Error::$variant(inner) => $map(inner), )*
                other => Outcome::Other(other.to_string()),
            }
        }
    };
}

outcome_of!(sejour_outcome, sejour);
outcome_of!(xweb_outcome, xweb);
outcome_of!(srv_outcome, srv, Service => |e: srv::ServiceError| Outcome::Code(e.code.map(|c| c.code())));
outcome_of!(cebes_outcome, cebes, Failed => |f: cebes::StatusFailure| Outcome::Failed(f.status.map(|s| s.as_str().to_owned())));

fn sejour_logout(base: &str, binding: BindingKind, via: &Via, token: &str) -> Outcome {
    let client = sejour::Client::new(base).unwrap().with_binding(binding);
    let request = sejour::LogoutRequest {
        token: Some(token.to_owned()),
    };
    match call!(via, client, sejour::op::Logout, &request) {
        Ok(_) => Outcome::Ok,
        Err(error) => sejour_outcome(error),
    }
}

/// An xWeb client: its WSDL gives the SOAP endpoint, its page the JSON methods.
fn xweb_client(base: &str, binding: BindingKind) -> xweb::Client {
    xweb::Client::new(base).unwrap().with_binding(binding)
}

fn xweb_logout(client: &xweb::Client, via: &Via, user: &str) -> Outcome {
    let request = xweb::WebLogoutRequest {
        authorization_token: None,
        authentication_token: Some(user.to_owned()),
    };
    match call!(via, client, xweb::op::WebLogout, &request) {
        Ok(_) => Outcome::Ok,
        Err(error) => xweb_outcome(error),
    }
}

fn cebes_logout(base: &str, binding: BindingKind, via: &Via, token: &str) -> Outcome {
    let client = cebes::Client::new(&format!("{base}{}", paths::CEBES_BASE))
        .unwrap()
        .with_binding(binding);
    let request = cebes::LogoutRequest {
        access_token: token.into(),
        language: Some(cebes::Language::Id),
        ..Default::default()
    };
    match call!(via, client, cebes::op::Logout, &request) {
        Ok(response) => match response.status {
            Some(cebes::Status::Success) => Outcome::Ok,
            other => Outcome::Other(format!("Ok with status {other:?}")),
        },
        Err(error) => cebes_outcome(error),
    }
}

fn srv_logout(base: &str, binding: BindingKind, via: &Via, ticket: &str, cookies: bool) -> Outcome {
    let client = srv::Client::new(base)
        .unwrap()
        .with_binding(binding)
        .with_cookies(cookies);
    let request = srv::LogOutRequest {
        authentication_ticket: Some(ticket.to_owned()),
    };
    match call!(via, client, srv::op::LogOut, &request) {
        Ok(_) => Outcome::Ok,
        Err(error) => srv_outcome(error),
    }
}

fn stand_ins() -> StandIns {
    StandIns::start(SocketAddr::from(([127, 0, 0, 1], 0))).unwrap()
}

const SEJOUR: [BindingKind; 4] = [
    BindingKind::Soap11,
    BindingKind::Soap12,
    BindingKind::HttpGet,
    BindingKind::HttpPost,
];
const XWEB: [BindingKind; 5] = [
    BindingKind::Soap11,
    BindingKind::HttpGet,
    BindingKind::HttpPost,
    BindingKind::JsonGet,
    BindingKind::JsonPost,
];
const CEBES: [BindingKind; 2] = [BindingKind::WebApiJson, BindingKind::WebApiXml];
const SRV: [BindingKind; 3] = [
    BindingKind::Soap11,
    BindingKind::HttpGet,
    BindingKind::HttpPost,
];

fn is_soap(binding: BindingKind) -> bool {
    matches!(binding, BindingKind::Soap11 | BindingKind::Soap12)
}

#[test]
fn sejour_logs_out_once_and_refuses_the_token_after() {
    let server = stand_ins();
    let base = server.base_url();
    for via in Via::both(Duration::from_secs(5)) {
        for binding in SEJOUR {
            let at = format!("{binding} {}", via.name());
            let token = server.sessions().sejour();
            assert_eq!(
                sejour_logout(&base, binding, &via, &token),
                Outcome::Ok,
                "{at}"
            );
            for token in [token.as_str(), "no-such-token"] {
                match sejour_logout(&base, binding, &via, token) {
                    Outcome::Fault(reason) if is_soap(binding) => {
                        assert!(reason.starts_with("Invalid token"), "{at}")
                    }
                    Outcome::Status(500, excerpt) if !is_soap(binding) => {
                        assert!(excerpt.contains("Invalid token"), "{at}")
                    }
                    other => panic!("{at}: {other:?}"),
                }
            }
        }
    }
}

#[test]
fn xweb_logs_out_and_the_client_carries_the_rotated_token() {
    let server = stand_ins();
    let base = server.base_url();
    for via in Via::both(Duration::from_secs(5)) {
        for binding in XWEB {
            let at = format!("{binding} {}", via.name());
            let client = xweb_client(&base, binding);
            let session = server.sessions().xweb();
            client.set_authorization_token(Some(xweb::AuthorizationToken {
                token: Some(session.authorization_token.clone()),
                ..Default::default()
            }));
            assert_eq!(
                xweb_logout(&client, &via, &session.authentication_token),
                Outcome::Ok,
                "{at}"
            );
            if binding == BindingKind::Soap11 {
                // The service rotated the token; the client keeps the new one and sends it next.
                let rotated = client.authorization_token().and_then(|t| t.token).unwrap();
                assert_ne!(rotated, session.authorization_token, "{at}");
                let next = server.sessions().xweb();
                assert_eq!(
                    xweb_logout(&client, &via, &next.authentication_token),
                    Outcome::Ok,
                    "{at}"
                );
                // The spent token is refused.
                let stale = xweb_client(&base, binding);
                stale.set_authorization_token(Some(xweb::AuthorizationToken {
                    token: Some(rotated),
                    ..Default::default()
                }));
                let another = server.sessions().xweb();
                match xweb_logout(&stale, &via, &another.authentication_token) {
                    Outcome::Fault(reason) => {
                        assert!(reason.starts_with("Invalid AuthorizationToken"), "{at}")
                    }
                    other => panic!("{at}: {other:?}"),
                }
            }
            // The same user token again, and one that never was.
            for user in [session.authentication_token.as_str(), "no-such-token"] {
                let client = xweb_client(&base, binding);
                client.set_authorization_token(Some(xweb::AuthorizationToken {
                    token: Some(server.sessions().xweb().authorization_token),
                    ..Default::default()
                }));
                match xweb_logout(&client, &via, user) {
                    Outcome::Fault(reason) if binding == BindingKind::Soap11 => {
                        assert!(reason.starts_with("Invalid authenticationToken"), "{at}")
                    }
                    Outcome::Status(500, excerpt) if binding != BindingKind::Soap11 => {
                        assert!(excerpt.contains("Invalid authenticationToken"), "{at}")
                    }
                    other => panic!("{at}: {other:?}"),
                }
            }
        }
    }
}

#[test]
fn cebes_answers_success_then_failed_in_the_media_type_asked_for() {
    let server = stand_ins();
    let base = server.base_url();
    for via in Via::both(Duration::from_secs(5)) {
        for binding in CEBES {
            let at = format!("{binding} {}", via.name());
            let session = server.sessions().cebes();
            assert_eq!(
                cebes_logout(&base, binding, &via, &session.access_token),
                Outcome::Ok,
                "{at}"
            );
            for token in [session.access_token.as_str(), "no-such-token"] {
                assert_eq!(
                    cebes_logout(&base, binding, &via, token),
                    Outcome::Failed(Some("FAILED".into())),
                    "{at}"
                );
            }
        }
    }
    // The request says what it is and what it wants back.
    let client = cebes::Client::new("http://127.0.0.1:1/h2h/api")
        .unwrap()
        .with_binding(BindingKind::WebApiXml);
    let request = client
        .request(cebes::op::Logout, &cebes::LogoutRequest::default())
        .unwrap();
    assert_eq!(request.headers()["Content-Type"], "application/xml");
    assert_eq!(request.headers()["Accept"], "application/xml");
    assert_eq!(request.uri(), "http://127.0.0.1:1/h2h/api/Session/Logout");
}

#[test]
fn srv_logs_out_once_then_says_901_and_takes_the_ticket_as_a_cookie() {
    let server = stand_ins();
    let base = server.base_url();
    for via in Via::both(Duration::from_secs(5)) {
        for binding in SRV {
            for cookies in [false, true] {
                let at = format!("{binding} {} cookies {cookies}", via.name());
                let ticket = server.sessions().srv();
                assert_eq!(
                    srv_logout(&base, binding, &via, &ticket, cookies),
                    Outcome::Ok,
                    "{at}"
                );
                for ticket in [ticket.as_str(), "no-such-ticket"] {
                    assert_eq!(
                        srv_logout(&base, binding, &via, ticket, cookies),
                        Outcome::Code(Some(901)),
                        "{at}"
                    );
                }
            }
        }
    }
    // With cookies, the ticket leaves the parameters.
    let client = srv::Client::new("http://127.0.0.1:1")
        .unwrap()
        .with_binding(BindingKind::HttpGet)
        .with_cookies(true);
    let request = client
        .request(
            srv::op::LogOut,
            &srv::LogOutRequest {
                authentication_ticket: Some("t-1".into()),
            },
        )
        .unwrap();
    assert_eq!(request.headers()["Cookie"], "ticket=t-1");
    assert_eq!(request.uri(), "http://127.0.0.1:1/srv.asmx/LogOut");
}

/// Every binding of every service against a server that misbehaves as `how`.
fn against(how: Misbehavior, timeout: Duration) -> Vec<(String, Outcome, Duration)> {
    let server = MisbehavingServer::start(how).unwrap();
    let base = server.base_url();
    let mut outcomes = Vec::new();
    for via in Via::both(timeout) {
        let mut record = |what: String, call: &dyn Fn() -> Outcome| {
            let start = Instant::now();
            let outcome = call();
            outcomes.push((format!("{what} {}", via.name()), outcome, start.elapsed()));
        };
        for binding in SEJOUR {
            record(format!("sejour {binding}"), &|| {
                sejour_logout(&base, binding, &via, "t")
            });
        }
        for binding in XWEB {
            let client = xweb_client(&base, binding);
            record(format!("xweb {binding}"), &|| {
                xweb_logout(&client, &via, "t")
            });
        }
        for binding in CEBES {
            let base = base.replace(paths::CEBES_BASE, "");
            record(format!("cebes {binding}"), &|| {
                cebes_logout(&base, binding, &via, "t")
            });
        }
        for binding in SRV {
            record(format!("srv {binding}"), &|| {
                srv_logout(&base, binding, &via, "t", false)
            });
        }
    }
    outcomes
}

#[test]
fn an_html_error_page_is_an_http_status_with_its_start() {
    for (what, outcome, _) in against(Misbehavior::HtmlError, Duration::from_secs(5)) {
        match outcome {
            Outcome::Status(500, excerpt) => {
                assert!(excerpt.starts_with("<html>"), "{what}: {excerpt}")
            }
            other => panic!("{what}: {other:?}"),
        }
    }
}

#[test]
fn a_body_cut_short_is_a_transport_error() {
    for (what, outcome, _) in against(Misbehavior::CutShort, Duration::from_secs(5)) {
        assert!(
            matches!(outcome, Outcome::Transport(_)),
            "{what}: {outcome:?}"
        );
    }
}

#[test]
fn a_document_that_stops_halfway_does_not_decode() {
    for (what, outcome, _) in against(Misbehavior::HalfDocument, Duration::from_secs(5)) {
        assert_eq!(outcome, Outcome::Decode, "{what}");
    }
}

#[test]
fn a_body_far_larger_than_any_answer_is_refused() {
    for (what, outcome, _) in against(Misbehavior::Huge, Duration::from_secs(20)) {
        assert_eq!(outcome, Outcome::TooLarge, "{what}");
    }
}

#[test]
fn a_server_that_never_answers_times_out_quickly() {
    let timeout = Duration::from_millis(300);
    for (what, outcome, took) in against(Misbehavior::Silent, timeout) {
        assert_eq!(outcome, Outcome::Timeout, "{what}");
        assert!(took < Duration::from_secs(3), "{what} took {took:?}");
    }
}

/// The command-line stand-ins: they bind where they are told, port 0 too, and say where first.
#[test]
fn the_stand_ins_binary_prints_the_address_it_bound_first() {
    use std::io::{BufRead, BufReader};
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_stand-ins"))
        .args(["--addr", "127.0.0.1:0"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    reader.read_line(&mut first).unwrap();
    let addr: SocketAddr = first
        .trim()
        .parse()
        .unwrap_or_else(|e| panic!("`{first}`: {e}"));
    assert_ne!(addr.port(), 0);
    let transport = BlockingTransport::new(Duration::from_secs(5));
    let request = http::Request::post(format!("http://{addr}/stand-in/sessions/srv"))
        .body(Vec::new())
        .unwrap();
    let answer = transport.send(request);
    let _ = child.kill();
    let _ = child.wait();
    drop(reader);
    let answer = answer.unwrap();
    assert_eq!(answer.status(), 200);
    assert!(String::from_utf8_lossy(answer.body()).contains("ticket"));
}

/// The example of the README, run against the stand-ins, logs out of every service.
#[test]
fn the_example_logs_out_of_every_service() {
    let server = stand_ins();
    // Cargo builds examples with the tests, beside the test binaries' folder.
    let example = std::env::current_exe()
        .unwrap()
        .parent()
        .and_then(|deps| deps.parent())
        .map(|profile| {
            profile
                .join("examples")
                .join(format!("logout{}", std::env::consts::EXE_SUFFIX))
        })
        .unwrap();
    let output = std::process::Command::new(&example)
        .arg(server.base_url())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for line in [
        "Sejour    logged out with SOAP 1.1",
        "xWeb      logged out with SOAP 1.1",
        "Cebes     logged out with Web API JSON",
        "Cebes     again, in XML: status FAILED",
        "srv.asmx  logged out with SOAP 1.1",
        "srv.asmx  again: already logged out ([901]",
    ] {
        assert!(stdout.contains(line), "`{line}` missing from:\n{stdout}");
    }
}
