//! Calls through a corporate proxy: a loopback forward proxy the test starts relays `http`
//! requests in absolute form and tunnels `https` ones through `CONNECT`, for both transports;
//! the proxy's credentials reach it and show nowhere; the hosts `NO_PROXY` names go direct;
//! with no proxy set, nothing goes through one, whatever the environment says.

use std::time::Duration;

use generated::runtime::{
    AsyncTransport, BindingKind, BlockingTransport, Proxies, Tls, TransportError,
};
use generated::srv;
use tests::call;
use tests::pki::Authority;
use tests::proxy_server::ProxyServer;
use tests::scripted::ScriptedServer;
use tests::srv_logout::{request, success};
use tests::via::Via;

fn transports(proxies: &Proxies, tls: &Tls) -> [Via; 2] {
    let timeout = Duration::from_secs(5);
    Via::of(
        BlockingTransport::new(timeout)
            .with_tls(tls)
            .unwrap()
            .with_proxies(proxies.clone()),
        AsyncTransport::new(timeout)
            .unwrap()
            .with_tls(tls)
            .unwrap()
            .with_proxies(proxies.clone())
            .unwrap(),
    )
}

fn logout(server: &ScriptedServer, via: &Via) -> Result<(), srv::Error> {
    let client = srv::Client::new(&server.base_url()).unwrap();
    call!(via, client, srv::op::LogOut, &request()).map(|response| assert!(response.success))
}

/// `host:port` of a server's base URL.
fn authority(server: &ScriptedServer) -> String {
    server.base_url().split("://").nth(1).unwrap().to_owned()
}

#[test]
fn http_and_https_endpoints_are_reached_through_the_proxy_with_its_credentials() {
    let proxy = ProxyServer::start().unwrap();
    let plain = ScriptedServer::start(|_| success(BindingKind::Soap11)).unwrap();
    let vendor = Authority::new("Vendor Root CA");
    let secure =
        ScriptedServer::start_tls(Authority::server_config(&vendor.server(), None), |_| {
            success(BindingKind::Soap11)
        })
        .unwrap();
    let tls = Tls::new()
        .with_root_certificates(vendor.certificate_pem().as_bytes())
        .unwrap();
    let with_password = proxy
        .url()
        .replace("http://", "http://corp%5Cuser:Pr0xy-pa55@");
    let proxies = Proxies::all(&with_password).unwrap();
    assert!(!format!("{proxies:?}").contains("Pr0xy"));
    for via in transports(&proxies, &tls) {
        logout(&plain, &via).unwrap_or_else(|e| panic!("http {}: {e}", via.name()));
        logout(&secure, &via).unwrap_or_else(|e| panic!("https {}: {e}", via.name()));
    }
    let asked = proxy.asked();
    let lines: Vec<&str> = asked.iter().map(|a| a.line.as_str()).collect();
    // The https endpoint is tunnelled; the http one is relayed by the async transport, and
    // tunnelled too by the blocking one (ureq tunnels every request through an HTTP proxy).
    let relayed = format!("POST http://{}/srv.asmx HTTP/1.1", authority(&plain));
    let plain_tunnelled = format!("CONNECT {} HTTP/1.1", authority(&plain));
    let tunnelled = format!("CONNECT {} HTTP/1.1", authority(&secure));
    assert_eq!(
        lines,
        [&plain_tunnelled, &tunnelled, &relayed, &tunnelled],
        "{asked:#?}"
    );
    // `corp\user:Pr0xy-pa55` in Base64.
    for a in &asked {
        assert_eq!(
            a.authorization.as_deref(),
            Some("Basic Y29ycFx1c2VyOlByMHh5LXBhNTU="),
            "{a:?}"
        );
    }
    assert_eq!(plain.received().len(), 2);
    assert_eq!(secure.received().len(), 2);
}

#[test]
fn hosts_the_list_names_go_direct_and_nothing_goes_through_a_proxy_unasked() {
    let proxy = ProxyServer::start().unwrap();
    let server = ScriptedServer::start(|_| success(BindingKind::Soap11)).unwrap();
    let bypassing = Proxies::all(&proxy.url())
        .unwrap()
        .with_no_proxy("localhost, 127.0.0.0/8");
    for proxies in [bypassing, Proxies::none()] {
        for via in transports(&proxies, &Tls::new()) {
            logout(&server, &via).unwrap_or_else(|e| panic!("{} {proxies:?}: {e}", via.name()));
        }
    }
    assert!(proxy.asked().is_empty(), "{:#?}", proxy.asked());
    assert_eq!(server.received().len(), 4);
}

#[test]
fn the_environment_names_the_proxy_of_each_scheme() {
    let proxy = ProxyServer::start().unwrap();
    let server = ScriptedServer::start(|_| success(BindingKind::Soap11)).unwrap();
    let url = proxy.url();
    // As a shell would set them: the https proxy only, then the http one too.
    let https_only =
        Proxies::from_vars(|name| (name == "HTTPS_PROXY").then(|| url.clone())).unwrap();
    for via in transports(&https_only, &Tls::new()) {
        logout(&server, &via).unwrap();
    }
    assert!(proxy.asked().is_empty(), "{:#?}", proxy.asked());
    let both = Proxies::from_vars(|name| {
        matches!(name, "http_proxy" | "HTTPS_PROXY").then(|| url.clone())
    })
    .unwrap();
    for via in transports(&both, &Tls::new()) {
        logout(&server, &via).unwrap();
    }
    assert_eq!(proxy.asked().len(), 2, "{:#?}", proxy.asked());
}

#[test]
fn a_proxy_that_cannot_be_reached_is_an_error_that_hides_its_password() {
    // A port nothing listens on: bound, then let go.
    let gone = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = gone.local_addr().unwrap().port();
    drop(gone);
    let server = ScriptedServer::start(|_| success(BindingKind::Soap11)).unwrap();
    let proxies = Proxies::all(&format!("http://user:Pr0xy-pa55@127.0.0.1:{port}")).unwrap();
    for via in transports(&proxies, &Tls::new()) {
        let error = logout(&server, &via).unwrap_err();
        let text = format!("{error} {error:?}");
        assert!(
            matches!(error, srv::Error::Transport(_)),
            "{}: {text}",
            via.name()
        );
        assert!(!text.contains("Pr0xy"), "{}: {text}", via.name());
    }
    assert!(server.received().is_empty());
    assert!(matches!(
        Proxies::all("socks5://127.0.0.1:1080"),
        Err(TransportError::Proxy(_))
    ));
}
