//! One document read as the generator reads a page or a WSDL, under a name of each kind it
//! is found under: no panic, and a document that reads generates code.
#![no_main]

use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 4] = [
    "specs/s/page.txt",
    "specs/s/page.html",
    "specs/s/s.wsdl",
    "specs/s/s.xsd",
];

fuzz_target!(|data: &[u8]| {
    let [name, document @ ..] = data else {
        return;
    };
    let name = NAMES[usize::from(*name) % NAMES.len()];
    if let Ok(service) = codegen::read_document(name, document) {
        codegen::module_text(&service).expect("a service that reads generates");
    }
});
