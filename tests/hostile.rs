//! Bodies a broken or hostile server sends, through the generated clients' sans-IO core, the
//! transports and the readers: each is refused by the limit it goes past, with an error that
//! names it, or read. What they cost is measured in `benches/decode.rs`; here, what they come
//! to. Bodies in other encodings than UTF-8 are read as they declare.

use std::time::Duration;

use generated::runtime::{
    AsyncTransport, BindingKind, BlockingTransport, DEFAULT_BODY_LIMIT, DecodeProblem, Limit,
    Limits, Payload, ReadResponse as _, TransportError,
};
use generated::{cebes, srv};
use tests::hostile::{Hostile, hostile_bodies};
use tests::scripted::{Reply, ScriptedServer};

/// srv.asmx's response to an HTTP GET, `body` as the server sends it.
fn srv_response(content_type: &str, body: Vec<u8>) -> Result<srv::LogOutResponse, srv::Error> {
    let client = srv::Client::new("http://127.0.0.1:1")
        .unwrap()
        .with_binding(BindingKind::HttpGet);
    let response = http::Response::builder()
        .status(200)
        .header("Content-Type", content_type)
        .body(body)
        .unwrap();
    client.response(srv::op::LogOut, response)
}

fn refused_by(result: Result<srv::LogOutResponse, srv::Error>) -> Limit {
    match result {
        Err(srv::Error::Decode { error, .. }) => match error.problem {
            DecodeProblem::Limit(limit) => limit,
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    }
}

#[test]
fn hostile_bodies_are_refused_by_the_limit_they_go_past_and_read_within_them() {
    for Hostile {
        what,
        body,
        refused_by: limit,
    } in hostile_bodies()
    {
        let result = srv_response("text/xml", body.into_bytes());
        match limit {
            Some(limit) => {
                let found = refused_by(result);
                assert_eq!(found, limit, "{what}");
                assert!(found.to_string().contains("Limits::"), "{what}: {found}");
            }
            None => match result {
                Ok(response) => assert!(response.success, "{what}"),
                // The service's own error, read from the body.
                Err(srv::Error::Service(error)) => {
                    assert!(error.message.starts_with("\u{e9}\u{e9}"), "{what}")
                }
                Err(other) => panic!("{what}: {other}"),
            },
        }
    }
}

#[test]
fn the_limits_are_the_callers_to_change() {
    let body = format!(
        r#"<root success="true"{}/>"#,
        (0..300).map(|i| format!(" a{i}=\"x\"")).collect::<String>()
    );
    assert!(srv_response("text/xml", body.clone().into_bytes()).is_err());
    let client = srv::Client::new("http://127.0.0.1:1")
        .unwrap()
        .with_binding(BindingKind::HttpGet)
        .with_limits(Limits {
            attributes: 1000,
            ..Limits::default()
        });
    let response = http::Response::builder()
        .status(200)
        .body(body.clone().into_bytes())
        .unwrap();
    assert!(client.response(srv::op::LogOut, response).unwrap().success);
    // The sans-IO readers take the payload's limits.
    let tight = Payload::body(body).with_limits(Limits {
        attributes: 10,
        ..Limits::default()
    });
    assert!(matches!(
        srv::LogOutResponse::read_response(BindingKind::HttpGet, &tight),
        Err(generated::runtime::ResponseError::Decode(error))
            if error.problem == DecodeProblem::Limit(Limit::Attributes(10))
    ));
}

#[test]
fn json_is_held_to_the_limits_too() {
    let client = cebes::Client::new("http://127.0.0.1:1/h2h/api")
        .unwrap()
        .with_binding(BindingKind::WebApiJson);
    let answer = |body: String| {
        let response = http::Response::builder()
            .status(200)
            .header("Content-Type", "application/json")
            .body(body.into_bytes())
            .unwrap();
        match client.response(cebes::op::Logout, response) {
            Err(cebes::Error::Decode { error, .. }) => Some(error.problem),
            _ => None,
        }
    };
    let limits = Limits::default();
    assert_eq!(
        answer(format!(
            r#"{{"respMessage":{}1{}}}"#,
            "[".repeat(100_000),
            "]".repeat(100_000)
        )),
        Some(DecodeProblem::Limit(Limit::Depth(limits.depth)))
    );
    assert_eq!(
        answer(format!(
            r#"{{"respMessage":"{}"}}"#,
            "x".repeat(limits.string + 1)
        )),
        Some(DecodeProblem::Limit(Limit::String(limits.string)))
    );
    assert_eq!(
        answer(format!(
            r#"{{"respMessage":"{}"}}"#,
            "x".repeat(limits.body)
        )),
        Some(DecodeProblem::Limit(Limit::Body(limits.body)))
    );
}

#[test]
fn bodies_are_read_in_the_encoding_they_declare() {
    // srv.asmx's error message, in ISO-8859-1 as a Java or WCF stack sends it.
    let latin1 = |declaration: &str| {
        let mut body = declaration.as_bytes().to_vec();
        body.extend_from_slice(
            b"<root success=\"false\" error=\"[901] Sitzung abgelaufen, caf\xe9\"/>",
        );
        body
    };
    for (content_type, body) in [
        ("text/xml; charset=ISO-8859-1", latin1("")),
        (
            "text/xml",
            latin1(r#"<?xml version="1.0" encoding="ISO-8859-1"?>"#),
        ),
    ] {
        match srv_response(content_type, body) {
            Err(srv::Error::Service(error)) => {
                assert_eq!(error.message, "Sitzung abgelaufen, caf\u{e9}")
            }
            other => panic!("{content_type}: {other:?}"),
        }
    }
    // UTF-16, with its byte order mark.
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(
        "<root success=\"false\" error=\"[901] caf\u{e9}\"/>"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    match srv_response("text/xml; charset=utf-16", utf16) {
        Err(srv::Error::Service(error)) => assert_eq!(error.message, "caf\u{e9}"),
        other => panic!("{other:?}"),
    }
    // Said to be UTF-8 and not: an error, never a guess.
    match srv_response("text/xml; charset=utf-8", latin1("")) {
        Err(srv::Error::Decode { error, .. }) => {
            assert!(error.to_string().contains("not UTF-8 text"), "{error}")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn both_transports_read_a_body_of_exactly_their_limit_and_refuse_one_byte_more() {
    for size in [DEFAULT_BODY_LIMIT, DEFAULT_BODY_LIMIT + 1] {
        let server =
            ScriptedServer::start(move |_| Reply::new(200, "text/plain", vec![b'x'; size]))
                .unwrap();
        let request = || {
            http::Request::get(format!("{}/any", server.base_url()))
                .body(Vec::new())
                .unwrap()
        };
        let blocking = BlockingTransport::new(Duration::from_secs(10)).send(request());
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let asynchronous = runtime.block_on(async {
            AsyncTransport::new(Duration::from_secs(10))
                .unwrap()
                .send(request())
                .await
        });
        for (name, result) in [("blocking", blocking), ("async", asynchronous)] {
            match (size == DEFAULT_BODY_LIMIT, result) {
                (true, Ok(response)) => assert_eq!(response.body().len(), size, "{name}"),
                (false, Err(TransportError::TooLarge { limit })) => {
                    assert_eq!(limit, DEFAULT_BODY_LIMIT, "{name}")
                }
                (fits, other) => panic!("{name}, {size} bytes (fits: {fits}): {other:?}"),
            }
        }
    }
}
