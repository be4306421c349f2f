//! Every message of the four services in `generated/`, read from the same bytes: for each
//! operation and each binding, the request (from a body and from a query) and the response.
//! No panic; and what reads writes, and reads back to the same value.
#![no_main]

use codegen_runtime::{BindingKind, Payload};
use libfuzzer_sys::fuzz_target;

macro_rules! each_message {
    ($text:expr, $($service:ident),+) => {$(
        for operation in generated::$service::OPERATIONS {
            for binding in operation.bindings {
                let kind = binding.kind;
                for payload in [Payload::body($text.to_owned()), Payload::query($text.to_owned())] {
                    if let Ok(request) =
                        generated::$service::Request::read(operation.name, kind, &payload)
                    {
                        round_trip(kind, &request, |p| {
                            generated::$service::Request::read(operation.name, kind, p).ok()
                        }, |r| r.write(kind).ok());
                    }
                }
                let payload = Payload::body($text.to_owned());
                if let Ok(response) =
                    generated::$service::Response::read(operation.name, kind, &payload)
                {
                    round_trip(kind, &response, |p| {
                        generated::$service::Response::read(operation.name, kind, p).ok()
                    }, |r| r.write(kind).ok());
                }
            }
        }
    )+};
}

/// Writes `value` and reads it back: it must write, and read back equal.
fn round_trip<T: PartialEq + std::fmt::Debug>(
    kind: BindingKind,
    value: &T,
    read: impl Fn(&Payload) -> Option<T>,
    write: impl Fn(&T) -> Option<Payload>,
) {
    let written = write(value).unwrap_or_else(|| panic!("{value:?} does not write for {kind:?}"));
    let again = read(&written)
        .unwrap_or_else(|| panic!("{value:?} written for {kind:?} does not read: {written:?}"));
    assert_eq!(&again, value, "{kind:?}: {written:?}");
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    each_message!(text, srv, xweb, sejour, cebes);
});
