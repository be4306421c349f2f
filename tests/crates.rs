//! Generated crates as users have them: two, of two vendors, under names of their own in one
//! workspace, sharing the runtime crate, so that a `SoapFault` of one is a `SoapFault` of the
//! other; one that copies the runtime in and depends on no crate of ours; one of pages cut
//! short that still read, which must give code that compiles without warnings; and one of
//! every module the tests generate (the corpus's real WSDLs, the WSDL fixtures, the fixture
//! pages), which must pass clippy with `-D warnings` with and without the server half, and
//! rustdoc with `-D warnings`.

use std::fs;
use std::path::Path;

use codegen::{Config, Runtime, ServiceSpec};
use tests::generated_crate::{Flags, cargo, config_named, spec, stand_alone, write_crate};
use tests::workspace_root;

/// `cargo check` of the workspace at `dir` with the blocking transport.
fn check(dir: &Path, target: &str) {
    check_with(dir, target, "blocking", "")
}

/// `cargo check` with these features and `RUSTFLAGS`.
fn check_with(dir: &Path, target: &str, features: &str, rustflags: &str) {
    cargo(
        dir,
        &Path::new(env!("CARGO_TARGET_TMPDIR")).join(target),
        "check",
        features,
        Flags {
            rustflags,
            ..Flags::default()
        },
    );
}

#[test]
fn two_generated_crates_share_one_runtime_in_one_workspace() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let runtime = workspace_root().join("codegen/runtime");
    let requirement = format!("{{ path = {:?} }}", runtime.to_string_lossy());
    for (name, folder) in [("sejour-clients", "sejour"), ("srv-clients", "srv")] {
        let config = Config::new()
            .crate_name(name)
            .runtime(Runtime::Dependency(requirement.clone()));
        write_crate(&dir.path().join(name), &[spec(folder)], &config);
    }
    // A crate of the user's, which hands one vendor's fault to code written for the other's.
    fs::create_dir_all(dir.path().join("user/src")).expect("writable");
    fs::write(
        dir.path().join("user/Cargo.toml"),
        r#"[package]
name = "user"
version = "0.1.0"
edition = "2024"

[features]
blocking = ["sejour-clients/blocking", "srv-clients/blocking"]

[dependencies]
sejour-clients = { path = "../sejour-clients" }
srv-clients = { path = "../srv-clients" }
"#,
    )
    .expect("writable");
    fs::write(
        dir.path().join("user/src/lib.rs"),
        r#"//! Both vendors' errors in one place.

/// The SOAP fault of a Sejour call, as the srv.asmx client's code takes it: one type.
pub fn fault(error: sejour_clients::sejour::Error) -> Option<srv_clients::runtime::SoapFault> {
    match error {
        sejour_clients::sejour::Error::Fault(fault) => Some(*fault),
        _ => None,
    }
}

/// One transport for both.
pub fn transport() -> srv_clients::runtime::BlockingTransport {
    sejour_clients::runtime::BlockingTransport::new(std::time::Duration::from_secs(5))
}
"#,
    )
    .expect("writable");
    fs::write(
        dir.path().join("Cargo.toml"),
        r#"[workspace]
resolver = "3"
members = ["sejour-clients", "srv-clients", "user"]
"#,
    )
    .expect("writable");
    let user = dir.path().join("user");
    check(&user, "two-crates");
}

#[test]
fn a_crate_that_copies_the_runtime_in_stands_alone() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let config = Config::new()
        .crate_name("standalone-clients")
        .runtime(Runtime::Copy);
    write_crate(dir.path(), &[spec("srv")], &config);
    let manifest = fs::read_to_string(dir.path().join("Cargo.toml")).expect("written");
    assert!(!manifest.contains("codegen-runtime"), "{manifest}");
    assert!(dir.path().join("src/runtime/mod.rs").exists());
    let mut manifest = manifest;
    manifest.push_str("\n[workspace]\n");
    fs::write(dir.path().join("Cargo.toml"), manifest).expect("writable");
    check(dir.path(), "standalone");
    // The server half, with the runtime's server module copied in too.
    check_with(dir.path(), "standalone", "blocking,server", "");
}

#[test]
fn derives_and_types_the_user_names_are_the_generated_types_own() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let runtime = workspace_root().join("codegen/runtime");
    let requirement = format!("{{ path = {:?} }}", runtime.to_string_lossy());
    // The user's own date type: text as the wire has it, kept whole.
    fs::create_dir_all(dir.path().join("user-types/src")).expect("writable");
    fs::write(
        dir.path().join("user-types/Cargo.toml"),
        format!(
            "[package]\nname = \"user-types\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n[dependencies]\ncodegen-runtime = {requirement}\n"
        ),
    )
    .expect("writable");
    fs::write(
        dir.path().join("user-types/src/lib.rs"),
        r#"//! A date-time of the user's.
use codegen_runtime::json_value::{JsonPath, JsonType, Value};
use codegen_runtime::{DecodeError, EncodeError, XmlText};

/// A date-time as the wire writes it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct When(pub String);

impl XmlText for When {
    const EXPECTED: &'static str = "a date-time";
    fn to_text(&self) -> std::borrow::Cow<'_, str> {
        std::borrow::Cow::Borrowed(&self.0)
    }
    fn from_text(text: &str) -> Option<Self> {
        Some(When(text.to_owned()))
    }
}

impl JsonType for When {
    fn to_json(&self) -> Result<Value, EncodeError> {
        Ok(Value::String(self.0.clone()))
    }
    fn from_json(value: &Value, at: &JsonPath<'_>) -> Result<Self, DecodeError> {
        String::from_json(value, at).map(When)
    }
}
"#,
    )
    .expect("writable");
    let config = Config::new()
        .crate_name("cebes-clients")
        .runtime(Runtime::Dependency(requirement.clone()))
        .derive("Eq")
        .replace_type("dateTime", "user_types::When")
        .dependency("user-types", r#"{ path = "../user-types" }"#);
    write_crate(&dir.path().join("cebes-clients"), &[spec("cebes")], &config);
    let module =
        fs::read_to_string(dir.path().join("cebes-clients/src/cebes.rs")).expect("written");
    assert!(
        module.contains("pub resp_time: Option<user_types::When>,"),
        "the type"
    );
    assert!(
        module.contains("#[derive(Clone, Debug, PartialEq, Eq, Hash)]\npub enum Status"),
        "an enum that derives Eq already gets it once"
    );
    assert!(
        module.contains("#[derive(Clone, Default, PartialEq, Eq)]\npub struct AuthResponse"),
        "the derive"
    );
    fs::write(
        dir.path().join("Cargo.toml"),
        "[workspace]\nresolver = \"3\"\nmembers = [\"user-types\", \"cebes-clients\"]\n",
    )
    .expect("writable");
    check(&dir.path().join("cebes-clients"), "derives");
}

#[test]
fn pages_cut_short_that_still_read_give_code_that_compiles_without_warnings() {
    // Each page cut after every line; of the cuts that read, a few whose code differs from
    // the whole page's and from each other's.
    let mut specs = Vec::new();
    for page in tests::all_pages() {
        let text = fs::read_to_string(&page).expect("UTF-8");
        let label = tests::label(&page);
        let whole = codegen::read_document(&label, text.as_bytes())
            .ok()
            .and_then(|s| codegen::module_text(&s).ok());
        let mut seen = vec![whole];
        let ends: Vec<usize> = text.match_indices('\n').map(|(i, _)| i).collect();
        let mut chosen = 0;
        // From the end backwards: the cuts that lose least are likeliest to read.
        for &end in ends.iter().rev() {
            let cut = &text[..end];
            let Ok(service) = codegen::read_document(&label, cut.as_bytes()) else {
                continue;
            };
            let code = codegen::module_text(&service).ok();
            if seen.contains(&code) {
                continue;
            }
            seen.push(code);
            specs.push(ServiceSpec {
                folder: format!("cut{}", specs.len()),
                documents: vec![(
                    format!("{label} (cut at byte {end})"),
                    cut.as_bytes().to_vec(),
                )],
            });
            chosen += 1;
            if chosen == 3 {
                break;
            }
        }
    }
    assert!(specs.len() >= 10, "{} readable cuts", specs.len());
    let dir = tempfile::tempdir().expect("a temporary folder");
    write_crate(dir.path(), &specs, &config_named("cut-pages"));
    stand_alone(dir.path());
    // The client alone, and with the server half: neither leaves code unused.
    check_with(dir.path(), "cut-pages", "blocking", "-D warnings");
    check_with(dir.path(), "cut-pages", "server", "-D warnings");
}

/// The specs of every generated module the tests make, but `specs/`'s (which CI lints as the
/// crate `generated`) and the big xWeb WSDL's (compiled by `big_wsdl`): the corpus's WSDLs
/// that give code, the WSDL fixtures and the fixture pages, each a module of its own.
fn every_module_of_the_tests() -> Vec<ServiceSpec> {
    let mut specs = Vec::new();
    for folder in ["wsdl", "pages"] {
        for document in tests::corpus::documents(folder) {
            if document.expected == tests::corpus::Expected::Code {
                let bytes = fs::read(&document.path).expect("readable");
                specs.push(ServiceSpec {
                    folder: format!("corpus_{}", document.module()),
                    documents: vec![(document.label(folder), bytes)],
                });
            }
        }
    }
    for fixture in tests::wsdl_fixtures() {
        if fixture.size() <= 1024 * 1024 {
            specs.push(ServiceSpec {
                folder: format!("wsdl_{}", fixture.name),
                documents: fixture.bytes(),
            });
        }
    }
    for page in tests::documents(&workspace_root().join("tests/fixtures/pages")) {
        let label = tests::label(&page);
        let stem = label.trim_start_matches("tests/fixtures/pages/");
        specs.push(ServiceSpec {
            folder: format!("page_{}", codegen::names::field_name(stem)),
            documents: vec![(label.clone(), fs::read(&page).expect("readable"))],
        });
    }
    specs
}

#[test]
fn every_module_the_tests_generate_passes_clippy_with_and_without_the_server() {
    let specs = every_module_of_the_tests();
    assert!(specs.len() > 60, "{} modules", specs.len());
    let dir = tempfile::tempdir().expect("a temporary folder");
    write_crate(dir.path(), &specs, &config_named("every-module"));
    stand_alone(dir.path());
    let flags = Flags {
        lints: &["-D", "warnings"],
        ..Flags::default()
    };
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("every-module");
    // The sans-IO client alone, then everything a user may turn on.
    cargo(dir.path(), &target, "clippy", "", flags);
    cargo(
        dir.path(),
        &target,
        "clippy",
        "blocking,async,server,axum",
        flags,
    );
    // What `cargo doc` makes of the documentation the pages and WSDLs gave: no link that
    // goes nowhere, no bare URL, no text taken for HTML.
    cargo(
        dir.path(),
        &target,
        "doc",
        "blocking,async,server,axum",
        Flags {
            rustdocflags: "-D warnings",
            ..Flags::default()
        },
    );
}
