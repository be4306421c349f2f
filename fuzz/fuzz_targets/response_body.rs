//! A response as a client receives it, through the runtime's first step: the status, the
//! charset its `Content-Type` or its XML declaration names, and the body's limit. No panic,
//! and a credential the request sent never shows in an error, whatever the server echoes.
#![no_main]

use codegen_runtime::{BindingKind, Limits, Payload, Secrets, http, response_payload};
use libfuzzer_sys::fuzz_target;

const SECRET: &str = "s3cr3t-t0ken";

const CONTENT_TYPES: [&str; 8] = [
    "text/xml; charset=utf-8",
    "text/xml",
    "application/soap+xml; charset=utf-8",
    "text/xml; charset=ISO-8859-1",
    "text/xml; charset=\"utf-16\"",
    "application/json; charset=utf-8",
    "text/html; charset=shift_jis",
    "text/xml; charset=no-such-charset",
];

const BINDINGS: [BindingKind; 4] = [
    BindingKind::Soap11,
    BindingKind::Soap12,
    BindingKind::WebApiJson,
    BindingKind::HttpGet,
];

fuzz_target!(|data: &[u8]| {
    let [status, content_type, binding, body @ ..] = data else {
        return;
    };
    let status = [200, 200, 400, 401, 500, 503][usize::from(*status) % 6];
    let kind = BINDINGS[usize::from(*binding) % BINDINGS.len()];
    let sent = Payload::body(format!("<Token>{SECRET}</Token>"));
    let secrets = Secrets::of_request(&["Token"], BindingKind::Soap11, &sent, &[]);
    let response = http::Response::builder()
        .status(status)
        .header(
            "Content-Type",
            CONTENT_TYPES[usize::from(*content_type) % CONTENT_TYPES.len()],
        )
        .body(body.to_vec())
        .expect("a response");
    let limits = Limits {
        body: 16 * 1024,
        ..Limits::default()
    };
    match response_payload(kind, response, &secrets, &limits) {
        Ok(payload) => {
            let _ = payload.xml();
            let _ = payload.json();
        }
        Err(error) => {
            let shown = format!("{error} {error:?}");
            assert!(!shown.contains(SECRET), "the credential shows: {shown}");
        }
    }
});
