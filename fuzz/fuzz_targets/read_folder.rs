//! A folder of documents, as `specs/` holds a service: pages, WSDLs and schemas that refer to
//! each other, and `service.toml`. The input is the folder as `tail -n +1 *` prints it, each
//! document after a line `==> name <==`. No panic, and a folder that reads generates code.
#![no_main]

use libfuzzer_sys::fuzz_target;

/// The documents of `data`: each line `==> path <==` starts one, named by the path's last
/// part under `specs/s/`.
fn documents(data: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut documents: Vec<(String, Vec<u8>)> = Vec::new();
    for line in data.split_inclusive(|&b| b == b'\n') {
        let header = std::str::from_utf8(line)
            .ok()
            .map(str::trim_end)
            .and_then(|l| l.strip_prefix("==> "))
            .and_then(|l| l.strip_suffix(" <=="));
        match (header, documents.last_mut()) {
            (Some(path), _) => {
                let name = path.rsplit('/').next().unwrap_or(path);
                documents.push((format!("specs/s/{name}"), Vec::new()));
            }
            (None, Some((_, bytes))) => bytes.extend_from_slice(line),
            (None, None) => {}
        }
    }
    documents
}

fuzz_target!(|data: &[u8]| {
    let documents = documents(data);
    if documents.is_empty() || documents.len() > 8 {
        return;
    }
    if let Ok(service) = codegen::read_folder(&documents) {
        codegen::module_text(&service).expect("a service that reads generates");
    }
});
