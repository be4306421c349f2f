//! The whole of the real xWeb WSDL (231 operations, 980 complex types), generated and
//! compiled: no type among them is left unchecked by the compiler, which this target alone
//! pays for. Then every operation's request is read from the smallest SOAP envelope that
//! names it, and what reads is written back and read again the same.

// The generated module refers to `crate::runtime`, as it does in a generated crate.
use generated::runtime;

/// The modules of the WSDL fixtures too big to compile with the others.
pub mod big {
    include!(concat!(env!("OUT_DIR"), "/big_wsdl.rs"));
}

use big::wsdl_x_web_2010 as xweb;
use runtime::{BindingKind, DecodeProblem, Payload};

#[test]
fn every_operation_of_the_whole_xweb_wsdl_is_there() {
    assert_eq!(xweb::OPERATIONS.len(), 231);
    let logout = xweb::OPERATIONS
        .iter()
        .find(|op| op.name == "WebLogout")
        .unwrap();
    assert_eq!(
        logout.binding(BindingKind::Soap11).and_then(|b| b.action),
        Some("http://www.avectra.com/2005/WebLogout")
    );
}

#[test]
fn every_request_reads_from_an_envelope_and_writes_back_the_same() {
    let mut read = 0;
    for op in xweb::OPERATIONS {
        // The body's element, which a `MessageName` renames (`WEBCentralizedShoppingCartGetBoothList`
        // for `WEBCentralizedShoppingCartExhibitorGetBoothList`).
        let (ns, local) = op
            .element
            .expect("a document-style request names its element");
        let envelope = format!(
            r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><{1} xmlns="{0}"/></soap:Body></soap:Envelope>"#,
            ns, local
        );
        match xweb::Request::read(op.name, BindingKind::Soap11, &Payload::body(envelope)) {
            Ok(request) => {
                read += 1;
                let written = request.write(BindingKind::Soap11).unwrap();
                let again = xweb::Request::read(op.name, BindingKind::Soap11, &written)
                    .unwrap_or_else(|e| panic!("{}: {e}\n{}", op.name, written.body));
                assert_eq!(again, request, "{}", op.name);
            }
            // An empty element lacks the members a request must carry.
            Err(error) => assert!(
                matches!(error.problem, DecodeProblem::Missing(_)),
                "{}: {error}",
                op.name
            ),
        }
    }
    assert!(read > 100, "{read} requests read");
}
