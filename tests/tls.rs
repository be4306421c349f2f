//! TLS as integrators meet it: a service whose certificate a vendor's private authority
//! signed, and one that wants a client certificate. Each test makes its own authorities and
//! certificates (`tests::pki`) and starts a loopback HTTPS server that presents them; both
//! transports must reach it with the right roots and client certificate, and fail with a clear
//! TLS error without them.

use std::time::Duration;

use generated::runtime::{AsyncTransport, BindingKind, BlockingTransport, Tls, TransportError};
use generated::srv;
use tests::call;
use tests::pki::Authority;
use tests::scripted::ScriptedServer;
use tests::srv_logout::{request, success};
use tests::via::Via;

/// A server that presents `config`'s certificate and answers srv's success.
fn https(config: std::sync::Arc<rustls::ServerConfig>) -> ScriptedServer {
    ScriptedServer::start_tls(config, |_| success(BindingKind::Soap11)).unwrap()
}

/// Both transports, trusting and presenting what `tls` holds.
fn transports(tls: &Tls) -> [Via; 2] {
    let timeout = Duration::from_secs(5);
    Via::of(
        BlockingTransport::new(timeout).with_tls(tls).unwrap(),
        AsyncTransport::new(timeout).unwrap().with_tls(tls).unwrap(),
    )
}

/// What calling `server` through `via` gives: `Ok` or the transport's error.
fn logout(server: &ScriptedServer, via: &Via) -> Result<(), TransportError> {
    let client = srv::Client::new(&server.base_url()).unwrap();
    match call!(via, client, srv::op::LogOut, &request()) {
        Ok(response) => {
            assert!(response.success);
            Ok(())
        }
        Err(srv::Error::Transport(error)) => Err(error),
        Err(other) => panic!("{}: not a transport error: {other:?}", via.name()),
    }
}

/// Fails unless `result` is a TLS error that says what `expected` says.
fn assert_tls_error(at: &str, result: Result<(), TransportError>, expected: &[&str]) {
    match result {
        Err(TransportError::Tls(message)) => {
            let lower = message.to_lowercase();
            assert!(
                expected.iter().any(|e| lower.contains(e)),
                "{at}: `{message}` says none of {expected:?}"
            );
        }
        other => panic!("{at}: {other:?}"),
    }
}

#[test]
fn a_private_authoritys_server_is_reached_with_its_root_and_refused_without() {
    let vendor = Authority::new("Vendor Root CA");
    let server = https(Authority::server_config(&vendor.server(), None));
    let ca = vendor.certificate_pem();
    let added = Tls::new().with_root_certificates(ca.as_bytes()).unwrap();
    let only = added.clone().with_only_these_roots();
    for tls in [&added, &only] {
        for via in transports(tls) {
            logout(&server, &via).unwrap_or_else(|e| panic!("{} {tls:?}: {e}", via.name()));
        }
    }
    // The default roots do not know the vendor's authority, nor does another one.
    let other = Authority::new("Another CA");
    let others = Tls::new()
        .with_root_certificates(other.certificate_pem().as_bytes())
        .unwrap()
        .with_only_these_roots();
    for tls in [&Tls::new(), &others] {
        for via in transports(tls) {
            let at = format!("{} {tls:?}", via.name());
            assert_tls_error(
                &at,
                logout(&server, &via),
                &["unknownissuer", "unknown issuer"],
            );
        }
    }
    // Only the calls that trusted the server got as far as a request.
    assert_eq!(server.received().len(), 4);
}

#[test]
fn a_server_that_wants_a_client_certificate_gets_one_and_refuses_calls_without() {
    let vendor = Authority::new("Vendor Root CA");
    let clients = Authority::new("Vendor Client CA");
    let server = https(Authority::server_config(&vendor.server(), Some(&clients)));
    let roots = Tls::new()
        .with_root_certificates(vendor.certificate_pem().as_bytes())
        .unwrap();
    let ours = clients.client("integrator");
    let with_ours = roots
        .clone()
        .with_client_certificate(ours.certificate_pem.as_bytes(), ours.key_pem.as_bytes())
        .unwrap();
    for via in transports(&with_ours) {
        logout(&server, &via).unwrap_or_else(|e| panic!("{}: {e}", via.name()));
    }
    // A certificate of another authority, or none at all: the server ends the handshake.
    let stranger = Authority::new("Stranger CA").client("integrator");
    let with_strangers = roots
        .clone()
        .with_client_certificate(
            stranger.certificate_pem.as_bytes(),
            stranger.key_pem.as_bytes(),
        )
        .unwrap();
    for tls in [&roots, &with_strangers] {
        for via in transports(tls) {
            let at = format!("{} {tls:?}", via.name());
            assert_tls_error(&at, logout(&server, &via), &["alert", "certificate"]);
        }
    }
    assert_eq!(server.received().len(), 2);
}

#[test]
fn certificates_that_do_not_read_are_refused_when_given_and_the_key_never_shows() {
    let error = Tls::new()
        .with_root_certificates(b"not a certificate")
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "TLS: the root certificates: the PEM holds no CERTIFICATE block"
    );
    let ours = Authority::new("Client CA").client("integrator");
    let secret_key = ours.key_pem.replace("PRIVATE KEY", "SECRET");
    let error = Tls::new()
        .with_client_certificate(ours.certificate_pem.as_bytes(), secret_key.as_bytes())
        .unwrap_err();
    let body: String = ours.key_pem.lines().nth(1).unwrap().to_owned();
    let text = format!("{error} {error:?}");
    assert!(text.contains("key is not a PEM private key"), "{text}");
    assert!(!text.contains(&body), "{text}");
    let tls = Tls::new()
        .with_client_certificate(ours.certificate_pem.as_bytes(), ours.key_pem.as_bytes())
        .unwrap();
    let debug = format!("{tls:?}");
    assert!(!debug.contains(&body), "{debug}");
    assert!(debug.contains("key <redacted>"), "{debug}");
}
