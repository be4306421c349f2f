//! What a client sends around the message: HTTP Basic and bearer authentication, headers of
//! the caller's choosing, and a transport's hook, through every binding of srv.asmx and both
//! transports, against a loopback server that wants them. The credentials never show in an
//! error or `Debug`, whatever the server echoes, and a redirect's request goes without them.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use generated::runtime::{
    AsyncTransport, BindingKind, BlockingTransport, EncodeProblem, Redirects,
};
use generated::srv;
use tests::call;
use tests::scripted::{Received, Reply, ScriptedServer};
use tests::srv_logout::{request, success};
use tests::via::Via;

const USER: &str = "integrator";
const PASSWORD: &str = "Pw7&kq/9+zLx";
/// `integrator:Pw7&kq/9+zLx` in Base64.
const BASIC: &str = "Basic aW50ZWdyYXRvcjpQdzcma3EvOSt6THg=";
const TOKEN: &str = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJpbnRlZ3JhdG9yIn0.c2lnbmF0dXJl";
const API_KEY: &str = "key-5f1e2d3c4b5a69788796";

const BINDINGS: [BindingKind; 3] = [
    BindingKind::Soap11,
    BindingKind::HttpGet,
    BindingKind::HttpPost,
];

/// A server that answers with success only when `wants` says the request may pass, and
/// otherwise with a 401 whose body echoes the request's credentials and all it carried.
fn guarded(wants: impl Fn(&Received) -> bool + Send + Sync + 'static) -> ScriptedServer {
    ScriptedServer::start(move |received| {
        if wants(received) {
            let binding = if received.header("SOAPAction").is_some() {
                BindingKind::Soap11
            } else if received.method == "GET" {
                BindingKind::HttpGet
            } else {
                BindingKind::HttpPost
            };
            success(binding)
        } else {
            // The credentials first, within what an error quotes of a body.
            let echo = format!(
                "Authorization: {}\nX-Api-Key: {}\n{}",
                received.header("Authorization").unwrap_or("none"),
                received.header("X-Api-Key").unwrap_or("none"),
                received.everything()
            );
            Reply::new(401, "text/plain", echo)
        }
    })
    .unwrap()
}

fn srv_client(server: &ScriptedServer, binding: BindingKind) -> srv::Client {
    srv::Client::new(&server.base_url())
        .unwrap()
        .with_binding(binding)
}

/// Fails when `text` shows any of the credentials, as given or as Basic sends them.
fn assert_clean(at: &str, text: &str) {
    for secret in [PASSWORD, &BASIC[6..], TOKEN, API_KEY, "Pw7", "5f1e2d3c4b5a"] {
        assert!(!text.contains(secret), "{at}: shows `{secret}`: {text}");
    }
}

#[test]
fn basic_authentication_goes_with_every_call_and_shows_nowhere() {
    let server =
        guarded(|r| r.header("Authorization") == Some(BASIC) && r.header("X-Refuse").is_none());
    for binding in BINDINGS {
        for via in Via::both(Duration::from_secs(5)) {
            let at = format!("{binding} {}", via.name());
            let client = srv_client(&server, binding)
                .with_basic_auth(USER, PASSWORD)
                .unwrap();
            assert_clean(&at, &format!("{client:?}"));
            let response = call!(&via, client, srv::op::LogOut, &request())
                .unwrap_or_else(|e| panic!("{at}: {e}"));
            assert!(response.success, "{at}");
            // Refused, the server echoes the credentials: the error shows them nowhere.
            let refused = srv_client(&server, binding)
                .with_basic_auth(USER, PASSWORD)
                .unwrap()
                .with_header("X-Refuse", "1")
                .unwrap();
            let error = call!(&via, refused, srv::op::LogOut, &request()).unwrap_err();
            assert!(
                matches!(error, srv::Error::Status { status: 401, .. }),
                "{at}: {error:?}"
            );
            assert!(error.to_string().contains("Authorization"), "{at}: {error}");
            assert_clean(&at, &format!("{error} {error:?}"));
        }
    }
    assert_eq!(server.received().len(), 12);
}

#[test]
fn a_bearer_token_and_secret_headers_are_kept_as_the_password_is() {
    let server = guarded(|r| {
        r.header("Authorization") == Some(&format!("Bearer {TOKEN}"))
            && r.header("X-Api-Key") == Some(API_KEY)
            && r.header("X-Trace") == Some("trace-1")
    });
    for binding in BINDINGS {
        for via in Via::both(Duration::from_secs(5)) {
            let at = format!("{binding} {}", via.name());
            let with = |token: &str| {
                srv_client(&server, binding)
                    .with_bearer_token(token)
                    .unwrap()
                    .with_secret_header("X-Api-Key", API_KEY)
                    .unwrap()
                    .with_header("X-Trace", "trace-1")
                    .unwrap()
            };
            let client = with(TOKEN);
            let debug = format!("{client:?}");
            assert_clean(&at, &debug);
            assert!(debug.contains("trace-1"), "{at}: {debug}");
            call!(&via, client, srv::op::LogOut, &request())
                .unwrap_or_else(|e| panic!("{at}: {e}"));
            // The server echoes the key and the token the call sent: neither shows.
            let error = call!(
                &via,
                with("another.token.value"),
                srv::op::LogOut,
                &request()
            )
            .unwrap_err();
            assert!(error.to_string().contains("X-Api-Key"), "{at}: {error}");
            assert_clean(&at, &format!("{error} {error:?}"));
            assert!(
                !error.to_string().contains("another.token.value"),
                "{at}: {error}"
            );
        }
    }
}

#[test]
fn a_header_the_caller_sets_replaces_the_bindings_own() {
    let server = guarded(|r| r.header("SOAPAction") == Some("\"urn:vendor#LogOut\""));
    for via in Via::both(Duration::from_secs(5)) {
        let client = srv_client(&server, BindingKind::Soap11)
            .with_header("SOAPAction", "\"urn:vendor#LogOut\"")
            .unwrap();
        call!(&via, client, srv::op::LogOut, &request()).unwrap();
    }
    for received in server.received() {
        let actions = received
            .headers
            .iter()
            .filter(|(name, _)| name.eq_ignore_ascii_case("SOAPAction"))
            .count();
        assert_eq!(actions, 1, "{received:#?}");
    }
}

#[test]
fn what_a_header_cannot_carry_is_refused_before_any_call() {
    let server = guarded(|_| true);
    let at = |error: srv::Error| match error {
        srv::Error::Encode(error) => error.problem,
        other => panic!("{other:?}"),
    };
    let base = || srv_client(&server, BindingKind::Soap11);
    assert_eq!(
        at(base().with_basic_auth("a:b", PASSWORD).unwrap_err()),
        EncodeProblem::ColonInUserName
    );
    let error = base().with_bearer_token("x\r\nX-Injected: 1").unwrap_err();
    assert!(!error.to_string().contains("Injected"), "{error}");
    assert_eq!(at(error), EncodeProblem::NotAHeader);
    let error = base()
        .with_secret_header("X-Api-Key", &format!("{API_KEY}\n"))
        .unwrap_err();
    assert_clean("secret header", &format!("{error} {error:?}"));
    assert_eq!(at(error), EncodeProblem::NotAHeader);
    assert_eq!(
        at(base().with_header("X Trace", "1").unwrap_err()),
        EncodeProblem::NotAHeaderName
    );
    assert!(server.received().is_empty());
}

#[test]
fn a_followed_redirect_goes_without_the_credentials_and_the_hook_sees_each_request() {
    let server = ScriptedServer::start(|received| {
        if received.target.starts_with("/moved") {
            success(BindingKind::HttpPost)
        } else {
            Reply::redirect(307, "/moved/srv.asmx/LogOut")
        }
    })
    .unwrap();
    let hooked = Arc::new(AtomicUsize::new(0));
    let hook = |count: Arc<AtomicUsize>| {
        move |request: &mut generated::runtime::http::Request<Vec<u8>>| {
            let n = count.fetch_add(1, Ordering::SeqCst);
            let signature = format!("len={};n={n}", request.body().len());
            request
                .headers_mut()
                .insert("X-Signature", signature.parse().unwrap());
        }
    };
    let follow = Redirects::SameOrigin { max: 1 };
    let transports = Via::of(
        BlockingTransport::new(Duration::from_secs(5))
            .with_redirects(follow)
            .with_hook(hook(hooked.clone())),
        AsyncTransport::new(Duration::from_secs(5))
            .unwrap()
            .with_redirects(follow)
            .with_hook(hook(hooked.clone())),
    );
    for via in transports {
        let client = srv_client(&server, BindingKind::HttpPost)
            .with_basic_auth(USER, PASSWORD)
            .unwrap()
            .with_secret_header("X-Api-Key", API_KEY)
            .unwrap()
            .with_header("X-Trace", "trace-1")
            .unwrap();
        call!(&via, client, srv::op::LogOut, &request()).unwrap();
    }
    assert_eq!(hooked.load(Ordering::SeqCst), 4);
    let received = server.received();
    assert_eq!(received.len(), 4, "{received:#?}");
    for (n, (first, moved)) in received
        .chunks(2)
        .map(|pair| (&pair[0], &pair[1]))
        .enumerate()
    {
        assert_eq!(first.header("Authorization"), Some(BASIC));
        assert_eq!(first.header("X-Api-Key"), Some(API_KEY));
        // The redirect's request: the credentials left behind, the rest as it was, and the
        // hook's signature made for it.
        assert_eq!(moved.target, "/moved/srv.asmx/LogOut");
        assert_eq!(moved.header("Authorization"), None, "{moved:#?}");
        assert_eq!(moved.header("X-Api-Key"), None, "{moved:#?}");
        assert_eq!(moved.header("X-Trace"), Some("trace-1"));
        assert_eq!(moved.body, first.body);
        let len = first.body.len();
        assert_eq!(
            first.header("X-Signature"),
            Some(format!("len={len};n={}", 2 * n).as_str())
        );
        assert_eq!(
            moved.header("X-Signature"),
            Some(format!("len={len};n={}", 2 * n + 1).as_str())
        );
    }
}
