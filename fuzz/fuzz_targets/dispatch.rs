//! Arbitrary HTTP requests at the generated dispatchers of the four services: the first line
//! is the method and the target, the lines up to an empty one are headers, the rest is the
//! body. No panic, whatever comes; and every answer is one a real service gives, well-formed
//! in its media type.
#![no_main]

use std::sync::Arc;

use codegen_runtime::Limits;
use codegen_runtime::server::{Call, Fault};
use libfuzzer_sys::fuzz_target;

struct Sejour;
impl generated::sejour::Server for Sejour {
    async fn logout(
        self: Arc<Self>,
        request: generated::sejour::LogoutRequest,
        _call: Arc<Call>,
    ) -> Result<generated::sejour::LogoutResponse, Fault> {
        match request.token {
            Some(_) => Ok(generated::sejour::LogoutResponse {}),
            None => Err(Fault::sender("no token")),
        }
    }
}
struct Srv;
impl generated::srv::Server for Srv {}
struct Cebes;
impl generated::cebes::Server for Cebes {}
struct Xweb;
impl generated::xweb::Server for Xweb {}

fn request(data: &[u8]) -> Option<http::Request<Vec<u8>>> {
    let text_end = data
        .windows(2)
        .position(|w| w == b"\n\n")
        .unwrap_or(data.len());
    let head = std::str::from_utf8(&data[..text_end]).ok()?;
    let body = data.get(text_end + 2..).unwrap_or(&[]).to_vec();
    let mut lines = head.lines();
    let (method, target) = lines.next()?.split_once(' ')?;
    let mut builder = http::Request::builder().method(method).uri(target);
    for line in lines {
        let (name, value) = line.split_once(':')?;
        builder = builder.header(name.trim(), value.trim());
    }
    builder.body(body).ok()
}

/// The answer of a dispatcher whose `Server` waits on nothing: ready when first polled.
fn answered<F: std::future::Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut context = std::task::Context::from_waker(std::task::Waker::noop());
    match future.as_mut().poll(&mut context) {
        std::task::Poll::Ready(output) => output,
        std::task::Poll::Pending => panic!("a fuzzed server's answer waited"),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some(request) = request(data) else { return };
    let limits = Limits::default();
    let (sejour, srv) = (Arc::new(Sejour), Arc::new(Srv));
    let (cebes, xweb) = (Arc::new(Cebes), Arc::new(Xweb));
    for response in [
        answered(generated::sejour::dispatch(
            &sejour,
            request.clone(),
            &limits,
        )),
        answered(generated::srv::dispatch(&srv, request.clone(), &limits)),
        answered(generated::cebes::dispatch(&cebes, request.clone(), &limits)),
        answered(generated::xweb::dispatch(&xweb, request, &limits)),
    ] {
        let media = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let body = response.body();
        if media.starts_with("text/xml") || media.starts_with("application/soap+xml") {
            let text = std::str::from_utf8(body).expect("an XML answer is UTF-8");
            roxmltree::Document::parse(text).expect("an XML answer parses");
        }
        assert!(
            [200, 202, 400, 404, 405, 413, 415, 500].contains(&response.status().as_u16()),
            "status {}",
            response.status()
        );
    }
});
