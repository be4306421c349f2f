//! Compiles the modules the generator makes of the fixture pages into this crate, so that the
//! generated code of every page, not only of `specs/`, is checked by the compiler; and lists
//! every page's module, fixture or spec, so that tests can drive it from the page's samples.
//! The corpus's pages beside the checkout (`../shared/corpus/pages`) are compiled alike.
//! WSDL fixtures larger than [`COMPILED_UP_TO`] (the real xWeb WSDL) are generated into a file
//! of their own, which one test target alone compiles.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

// The tests use more of these helpers than the build script does.
#[allow(dead_code)]
#[path = "src/files.rs"]
mod files;
use files::{documents, services_in};

/// Services larger than this are compiled by the `big_wsdl` test target alone, not with the
/// fixtures every test links: the real xWeb WSDL (3.75 MB, 980 types) takes half a minute.
const COMPILED_UP_TO: u64 = 1024 * 1024;

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets it"));
    let pages = manifest.join("fixtures/pages");
    let wsdl = manifest.join("fixtures/wsdl");
    let specs = manifest.join("../specs");
    println!("cargo:rerun-if-changed={}", pages.display());
    println!("cargo:rerun-if-changed={}", wsdl.display());
    println!("cargo:rerun-if-changed={}", specs.display());

    let mut modules = String::new();
    let mut big = String::new();
    let mut codecs =
        String::from("/// The module of every page.\npub const CODECS: &[PageCodec] = &[\n");
    let mut wsdl_services = String::from(
        "/// The module of every WSDL fixture compiled here.\npub const WSDL_SERVICES: &[WsdlService] = &[\n",
    );
    for path in documents(&pages) {
        println!("cargo:rerun-if-changed={}", path.display());
        let relative = path.strip_prefix(&pages).unwrap_or(&path);
        let label = format!("tests/fixtures/pages/{}", slashed(relative));
        let bytes = std::fs::read(&path).expect("fixture pages are readable");
        let service = codegen::read_document(&label, &bytes).unwrap_or_else(|d| panic!("{d}"));
        let text = codegen::module_text(&service).unwrap_or_else(|d| panic!("{d}"));
        let module = fixture_module(relative);
        push_module(&mut modules, &module, &label, &text);
        codecs.push_str(&codec(&label, &format!("crate::fixtures::{module}")));
    }
    // The corpus's pages, beside the checkout: those that read (the README says which
    // must); `tests/corpus.rs` checks the rest are refused as the README says.
    let corpus = manifest.join("../../shared/corpus/pages");
    println!("cargo:rerun-if-changed={}", corpus.display());
    if corpus.is_dir() {
        for path in documents(&corpus) {
            println!("cargo:rerun-if-changed={}", path.display());
            let relative = path.strip_prefix(&corpus).unwrap_or(&path);
            let label = format!("corpus/pages/{}", slashed(relative));
            let bytes = std::fs::read(&path).expect("corpus pages are readable");
            let Ok(service) = codegen::read_document(&label, &bytes) else {
                continue;
            };
            let text = codegen::module_text(&service).unwrap_or_else(|d| panic!("{d}"));
            let module = format!("corpus_{}", fixture_module(relative));
            push_module(&mut modules, &module, &label, &text);
            codecs.push_str(&codec(&label, &format!("crate::fixtures::{module}")));
        }
    }
    for (name, documents) in services_in(&wsdl) {
        let mut read = Vec::new();
        let mut size = 0;
        for path in &documents {
            println!("cargo:rerun-if-changed={}", path.display());
            let bytes = std::fs::read(path).expect("fixture documents are readable");
            size += bytes.len() as u64;
            let relative = path.strip_prefix(&manifest).unwrap_or(path);
            read.push((format!("tests/{}", slashed(relative)), bytes));
        }
        let service = codegen::read_folder(&read).unwrap_or_else(|d| panic!("{d}"));
        let text = codegen::module_text(&service).unwrap_or_else(|d| panic!("{d}"));
        let module = format!("wsdl_{}", codegen::names::field_name(&name));
        // A service of types alone has no client and no server to drive.
        if size <= COMPILED_UP_TO && !service.operations.is_empty() {
            wsdl_services.push_str(&wsdl_service(
                &format!("tests/fixtures/wsdl/{name}"),
                &format!("crate::fixtures::{module}"),
            ));
        }
        push_module(
            if size > COMPILED_UP_TO {
                &mut big
            } else {
                &mut modules
            },
            &module,
            &format!("tests/fixtures/wsdl/{name}"),
            &text,
        );
    }
    for spec in documents(&specs) {
        println!("cargo:rerun-if-changed={}", spec.display());
        let folder = spec
            .parent()
            .and_then(Path::file_name)
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Some(module) = codegen::names::module_name(&folder) else {
            continue;
        };
        let relative = spec.strip_prefix(&specs).unwrap_or(&spec);
        let label = format!("specs/{}", slashed(relative));
        codecs.push_str(&codec(&label, &format!("generated::{module}")));
    }
    codecs.push_str("];\n");
    wsdl_services.push_str("];\n");
    std::fs::write(out_dir.join("wsdl_services.rs"), wsdl_services).expect("OUT_DIR is writable");
    std::fs::write(out_dir.join("fixtures.rs"), modules).expect("OUT_DIR is writable");
    std::fs::write(out_dir.join("big_wsdl.rs"), big).expect("OUT_DIR is writable");
    std::fs::write(out_dir.join("codecs.rs"), codecs).expect("OUT_DIR is writable");
}

/// Appends a generated module to the fixtures' source.
fn push_module(modules: &mut String, module: &str, label: &str, text: &str) {
    // A module's own documentation cannot stand inside `include!`; it is not what is tested.
    let body: String = text
        .lines()
        .filter(|line| !line.starts_with("//!") && !line.starts_with("// @generated"))
        .map(|line| format!("{line}\n"))
        .collect();
    writeln!(
        modules,
        "/// Generated from `{label}`.\npub mod {module} {{\n{body}}}"
    )
    .expect("writing to a string");
}

/// A registry entry that reads and writes a page's messages through its module.
fn codec(label: &str, module: &str) -> String {
    format!(
        r#"    PageCodec {{
        label: {label:?},
        request: |operation, binding, payload| {{
            let request = {module}::Request::read(operation, binding, payload).map_err(|e| e.to_string())?;
            request.write(binding).map_err(|e| e.to_string())
        }},
        response: |operation, binding, payload| {{
            let first = {module}::Response::read(operation, binding, payload).map_err(|e| e.to_string())?;
            let written = first.write(binding).map_err(|e| e.to_string())?;
            let second = {module}::Response::read(operation, binding, &written)
                .map_err(|e| format!("the written response does not read back: {{e}}\n{{}}", written.body))?;
            Ok(ResponseCheck {{
                read_back_equal: first == second,
                value: format!("{{first:?}}"),
                failure: first.reported_failure(),
            }})
        }},
    }},
"#
    )
}

/// A registry entry of a WSDL fixture's module: its default stand-in and its requests.
fn wsdl_service(label: &str, module: &str) -> String {
    format!(
        r#"    WsdlService {{
        label: {label:?},
        operations: {module}::OPERATIONS,
        dispatch: |request| {{
            struct LeftOut;
            impl {module}::Server for LeftOut {{}}
            crate::answered({module}::dispatch(&std::sync::Arc::new(LeftOut), request, &generated::runtime::Limits::default()))
        }},
        request: |operation, binding, payload| {{
            let request = {module}::Request::read(operation, binding, payload).map_err(|e| e.to_string())?;
            request.write(binding).map_err(|e| e.to_string())
        }},
    }},
"#
    )
}

fn slashed(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// The module name of a fixture page: `asmx/BookingService.GetBookingStatus.txt` →
/// `asmx_booking_service_get_booking_status`.
fn fixture_module(relative: &Path) -> String {
    let stem = relative.with_extension("");
    codegen::names::field_name(&stem.to_string_lossy())
}
