//! The XML reader within tight limits: no panic, and a document it accepts is within every
//! limit, however its text is put (comments, CDATA, references, declarations), so that the
//! pass that counts before the parse cannot be got round.
#![no_main]

use codegen_runtime::{Limits, Payload};
use libfuzzer_sys::fuzz_target;

const LIMITS: Limits = Limits {
    body: 64 * 1024,
    depth: 6,
    attributes: 4,
    namespaces: 4,
    string: 32,
};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let payload = Payload::body(text.to_owned()).with_limits(LIMITS);
    let Ok(document) = payload.xml() else {
        return;
    };
    for node in document.descendants() {
        let depth = node.ancestors().filter(|a| a.is_element()).count();
        assert!(depth <= LIMITS.depth, "{depth} levels deep");
        if node.is_element() {
            assert!(node.attributes().len() <= LIMITS.attributes);
            // In scope: what the document declares, and `xml`, which needs no declaration.
            assert!(node.namespaces().len() <= LIMITS.namespaces + 1);
            for attribute in node.attributes() {
                assert!(attribute.value().len() <= LIMITS.string);
            }
        }
        if let Some(text) = node.text().filter(|_| node.is_text()) {
            assert!(
                text.len() <= LIMITS.string,
                "a text of {} bytes",
                text.len()
            );
        }
    }
});
