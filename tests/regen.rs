//! `cargo xtask regen`: generated/ is what specs/ produce, the output comes from the documents,
//! a broken spec writes nothing, and the same input gives the same bytes.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tests::workspace_root;
use xtask::{Error, Mode, regen};

#[test]
fn generated_is_what_specs_produce() {
    if let Err(error) = regen(&workspace_root(), Mode::Check) {
        panic!("{error}");
    }
}

/// A scratch workspace with a copy of `specs/` and `generated/`.
fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = workspace_root();
    for folder in ["specs", "generated"] {
        copy_tree(&root.join(folder), &dir.path().join(folder));
    }
    dir
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in fs::read_dir(from).expect("readable") {
        let path = entry.expect("readable").path();
        let target = to.join(path.file_name().expect("a name"));
        if path.is_dir() {
            copy_tree(&path, &target);
        } else {
            fs::create_dir_all(to).expect("writable");
            fs::copy(&path, &target).expect("copyable");
        }
    }
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in fs::read_dir(&current).expect("readable") {
            let path = entry.expect("readable").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let bytes = fs::read(&path).expect("readable");
                files.push((path, bytes));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn renaming_a_parameter_in_a_spec_renames_it_in_the_output() {
    let dir = scratch();
    rename_sejour_token(dir.path());

    match regen(dir.path(), Mode::Check) {
        Err(Error::Stale(files)) => assert_eq!(files, ["generated/src/sejour.rs"]),
        other => panic!("--check should name the stale module, got {other:?}"),
    }
    regen(dir.path(), Mode::Write).expect("the renamed spec reads");
    let module = fs::read_to_string(dir.path().join("generated/src/sejour.rs")).expect("written");
    assert!(
        module.contains("pub session_token: Option<String>,"),
        "{module}"
    );
    assert!(!module.contains("pub token:"), "{module}");
    regen(dir.path(), Mode::Check).expect("up to date after regen");
}

/// The page of `renaming_a_parameter…` with its `token` renamed.
fn rename_sejour_token(root: &Path) {
    let spec = root.join("specs/sejour/Authentication.Logout.txt");
    let page = fs::read_to_string(&spec).expect("readable");
    let renamed = page
        .replace(
            "<token>string</token>",
            "<sessionToken>string</sessionToken>",
        )
        .replace("?token=string", "?sessionToken=string")
        .replace("\ntoken=string", "\nsessionToken=string");
    assert_ne!(renamed, page);
    fs::write(&spec, renamed).expect("writable");
}

/// A checkout of this workspace with what `cargo xtask` builds and reads: the generator, the
/// runtime, xtask, specs/ and generated/ (the test crate left out of its members).
fn checkout() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = workspace_root();
    for folder in ["codegen", "xtask", "specs", "generated", ".cargo"] {
        copy_tree(&root.join(folder), &dir.path().join(folder));
    }
    fs::copy(root.join("Cargo.lock"), dir.path().join("Cargo.lock")).expect("copyable");
    let manifest = fs::read_to_string(root.join("Cargo.toml")).expect("readable");
    let members = manifest.replace(r#""tests", "#, "");
    assert_ne!(members, manifest, "the workspace lists the test crate");
    fs::write(dir.path().join("Cargo.toml"), members).expect("writable");
    dir
}

/// `cargo xtask ARGS` in `dir`, building into `target`.
fn cargo_xtask(dir: &Path, target: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO"))
        .args(["--offline", "xtask"])
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .output()
        .expect("cargo runs")
}

#[test]
fn regen_works_in_its_own_checkout_when_another_shares_its_target_dir() {
    // Two checkouts of one workspace, as git worktrees or a global CARGO_TARGET_DIR have
    // them: the second runs the binary the first built, unchanged.
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("shared-target");
    let (first, second) = (checkout(), checkout());
    let output = cargo_xtask(first.path(), &target, &["regen", "--check"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    rename_sejour_token(second.path());
    let output = cargo_xtask(second.path(), &target, &["regen", "--check"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "the changed spec passed --check");
    assert!(stderr.contains("generated/src/sejour.rs"), "{stderr}");

    let before = snapshot(&first.path().join("generated"));
    let output = cargo_xtask(second.path(), &target, &["regen"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let module =
        fs::read_to_string(second.path().join("generated/src/sejour.rs")).expect("written");
    assert!(module.contains("pub session_token:"), "{module}");
    // What regen wrote went to the checkout it ran in, and nowhere else.
    assert_eq!(snapshot(&first.path().join("generated")), before);
}

#[test]
fn a_truncated_spec_fails_naming_file_and_line_and_writes_nothing() {
    let dir = scratch();
    let before = snapshot(&dir.path().join("generated"));
    let spec = dir.path().join("specs/xweb/WebLogout.txt");
    let page = fs::read(&spec).expect("readable");
    fs::write(&spec, &page[..page.len() / 2]).expect("writable");

    let error = regen(dir.path(), Mode::Write).expect_err("a truncated spec must fail");
    let Error::Spec(diagnostics) = &error else {
        panic!("expected diagnostics, got {error}");
    };
    let first = &diagnostics.0[0];
    assert_eq!(first.file, "specs/xweb/WebLogout.txt");
    assert!(first.pos.line > 1, "{error}");
    assert!(
        error.to_string().starts_with("specs/xweb/WebLogout.txt:"),
        "{error}"
    );
    assert_eq!(snapshot(&dir.path().join("generated")), before);
}

#[test]
fn regen_twice_gives_identical_bytes() {
    let dir = scratch();
    fs::remove_dir_all(dir.path().join("generated")).expect("removable");
    let first = regen(dir.path(), Mode::Write).expect("specs read");
    assert!(!first.changed.is_empty());
    let written = snapshot(&dir.path().join("generated"));
    let second = regen(dir.path(), Mode::Write).expect("specs read");
    assert_eq!(second.changed, Vec::<String>::new());
    assert_eq!(snapshot(&dir.path().join("generated")), written);
}

#[test]
fn a_file_no_spec_produces_is_stale_and_removed() {
    let dir = scratch();
    let orphan = dir.path().join("generated/src/retired.rs");
    fs::write(&orphan, "// left over\n").expect("writable");
    match regen(dir.path(), Mode::Check) {
        Err(Error::Stale(files)) => {
            assert_eq!(files, ["generated/src/retired.rs (no spec produces it)"])
        }
        other => panic!("--check should name the orphan, got {other:?}"),
    }
    regen(dir.path(), Mode::Write).expect("specs read");
    assert!(!orphan.exists());
}

/// Copies a WSDL fixture into the scratch workspace's specs, as the folder `folder`, under
/// any file name: a WSDL is told by its content.
fn add_wsdl(dir: &Path, folder: &str, file: &str, fixture: &str) -> PathBuf {
    let target = dir.join("specs").join(folder);
    fs::create_dir_all(&target).expect("writable");
    let source = workspace_root().join("tests/fixtures/wsdl").join(fixture);
    let path = target.join(file);
    fs::copy(source, &path).expect("copyable");
    path
}

#[test]
fn a_wsdl_saved_under_any_name_becomes_a_module() {
    let dir = scratch();
    // `?WSDL` saved from a browser keeps the service's own extension.
    add_wsdl(dir.path(), "warehouse", "Warehouse.asmx", "warehouse.wsdl");
    match regen(dir.path(), Mode::Check) {
        Err(Error::Stale(files)) => {
            assert!(
                files.contains(&"generated/src/warehouse.rs".to_owned()),
                "{files:?}"
            );
            assert!(
                files.contains(&"generated/src/lib.rs".to_owned()),
                "{files:?}"
            );
        }
        other => panic!("--check should name the new module, got {other:?}"),
    }
    regen(dir.path(), Mode::Write).expect("the WSDL reads");
    let module =
        fs::read_to_string(dir.path().join("generated/src/warehouse.rs")).expect("written");
    assert!(
        module.starts_with(
            "// @generated by `cargo xtask regen` from specs/warehouse/Warehouse.asmx."
        )
    );
    assert!(
        module.contains("pub enum AnyItem {"),
        "derived types on the wire"
    );
    regen(dir.path(), Mode::Check).expect("up to date after regen");
}

#[test]
fn a_truncated_wsdl_fails_naming_file_and_line_and_writes_nothing() {
    let dir = scratch();
    let before = snapshot(&dir.path().join("generated"));
    let path = add_wsdl(dir.path(), "taxcloud", "TaxCloud.wsdl", "taxcloud.wsdl");
    let text = fs::read(&path).expect("readable");
    fs::write(&path, &text[..text.len() * 2 / 3]).expect("writable");

    let error = regen(dir.path(), Mode::Write).expect_err("a truncated WSDL must fail");
    let Error::Spec(diagnostics) = &error else {
        panic!("expected diagnostics, got {error}");
    };
    let first = &diagnostics.0[0];
    assert_eq!(first.file, "specs/taxcloud/TaxCloud.wsdl");
    assert!(first.pos.line > 1, "{error}");
    assert!(error.to_string().contains("looks truncated"), "{error}");
    assert_eq!(snapshot(&dir.path().join("generated")), before);
}

#[test]
fn service_toml_marks_and_unmarks_credentials() {
    let dir = scratch();
    let settings = dir.path().join("specs/srv/service.toml");
    fs::write(
        &settings,
        "[credentials]\nsecret = [\"LogOut.error\"]\nnot_secret = [\"AuthenticationTicket\"]\n",
    )
    .expect("writable");
    regen(dir.path(), Mode::Write).expect("the settings read");
    let module = fs::read_to_string(dir.path().join("generated/src/srv.rs")).expect("written");
    assert!(
        module.contains(r#"pub const SECRET_NAMES: &[&str] = &["error"];"#),
        "the ticket unmarked, the error message marked"
    );
    // Unmarked, the ticket's struct derives `Debug` like any other.
    assert!(
        module.contains("#[derive(Clone, Debug, Default, PartialEq)]\npub struct LogOutRequest {"),
        "{module}"
    );
    // The settings are part of the spec: changing them makes generated/ stale.
    fs::write(&settings, "[credentials]\n").expect("writable");
    assert!(matches!(
        regen(dir.path(), Mode::Check),
        Err(Error::Stale(_))
    ));
}

#[test]
fn a_bad_service_toml_fails_where_it_stands_and_writes_nothing() {
    let dir = scratch();
    let before = snapshot(&dir.path().join("generated"));
    let settings = dir.path().join("specs/srv/service.toml");
    for (text, wanted) in [
        (
            "[credentials]\nsecret = [\"NoSuchMember\"]\nsecrets = []\n",
            vec![
                "specs/srv/service.toml:3:1: error: unknown setting `credentials.secrets`",
                "specs/srv/service.toml:2:11: error: `NoSuchMember` names no member of this service",
            ],
        ),
        (
            "[credentials\nsecret = []\n",
            vec!["specs/srv/service.toml:1:13: error: the settings are not TOML"],
        ),
        (
            "renames = {}\n",
            vec![
                "specs/srv/service.toml:1:1: error: unknown setting `renames`; known here: `operations`, `rust`, `credentials`",
            ],
        ),
        (
            "operations = [\"LogOut\", \"Logout\"]\n",
            vec![
                "specs/srv/service.toml:1:25: error: no operation of this service is named `Logout`; did you mean `LogOut`?",
            ],
        ),
    ] {
        fs::write(&settings, text).expect("writable");
        let error = regen(dir.path(), Mode::Write).expect_err("bad settings must fail");
        let shown = error.to_string();
        for line in wanted {
            assert!(shown.contains(line), "{text}\n---\n{shown}");
        }
        assert_eq!(snapshot(&dir.path().join("generated")), before);
    }
}

#[test]
fn the_wsdl_states_what_the_xweb_page_leaves_out_and_changing_it_changes_the_output() {
    let dir = scratch();
    let module = fs::read_to_string(dir.path().join("generated/src/xweb.rs")).expect("readable");
    // The SOAP 1.1 binding, in `OPERATIONS`: its path and action.
    assert!(module.contains(
        r#"rt::BindingInfo::soap11(
                Some("/netFORUMUpgrade2010Demo/xweb/secure/netForumXML.asmx"),
                "http://www.avectra.com/2005/WebLogout",
            ),"#
    ));
    let wsdl = dir.path().join("specs/xweb/xWeb-2010.wsdl");
    let text = fs::read_to_string(&wsdl).expect("readable");
    let changed = text.replace(
        r#"soapAction="http://www.avectra.com/2005/WebLogout""#,
        r#"soapAction="http://www.avectra.com/2005/WebLogout2""#,
    );
    assert_ne!(text, changed, "the WSDL states the action");
    fs::write(&wsdl, changed).expect("writable");
    match regen(dir.path(), Mode::Check) {
        Err(Error::Stale(files)) => assert_eq!(files, ["generated/src/xweb.rs"]),
        other => panic!("--check must fail on a changed action, got {other:?}"),
    }
    regen(dir.path(), Mode::Write).expect("the changed WSDL reads");
    let module = fs::read_to_string(dir.path().join("generated/src/xweb.rs")).expect("written");
    assert!(module.contains(r#""http://www.avectra.com/2005/WebLogout2","#));
    assert!(!module.contains(r#""http://www.avectra.com/2005/WebLogout","#));
}

#[test]
fn a_page_and_a_wsdl_that_state_different_actions_fail_showing_both() {
    let dir = scratch();
    let before = snapshot(&dir.path().join("generated"));
    // Sejour's page states its action in its sample; this WSDL of the same operation states
    // another.
    let wsdl = r#"<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:s="http://www.w3.org/2001/XMLSchema" xmlns:tns="http://www.sansejour.com/" targetNamespace="http://www.sansejour.com/" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/">
  <wsdl:types>
    <s:schema elementFormDefault="qualified" targetNamespace="http://www.sansejour.com/">
      <s:element name="Logout">
        <s:complexType><s:sequence><s:element minOccurs="0" maxOccurs="1" name="token" type="s:string" /></s:sequence></s:complexType>
      </s:element>
      <s:element name="LogoutResponse"><s:complexType /></s:element>
    </s:schema>
  </wsdl:types>
  <wsdl:message name="LogoutSoapIn"><wsdl:part name="parameters" element="tns:Logout" /></wsdl:message>
  <wsdl:message name="LogoutSoapOut"><wsdl:part name="parameters" element="tns:LogoutResponse" /></wsdl:message>
  <wsdl:portType name="AuthenticationSoap">
    <wsdl:operation name="Logout"><wsdl:input message="tns:LogoutSoapIn" /><wsdl:output message="tns:LogoutSoapOut" /></wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="AuthenticationSoap" type="tns:AuthenticationSoap">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http" />
    <wsdl:operation name="Logout">
      <soap:operation soapAction="http://www.sansejour.com/SignOut" style="document" />
      <wsdl:input><soap:body use="literal" /></wsdl:input>
      <wsdl:output><soap:body use="literal" /></wsdl:output>
    </wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="Authentication">
    <wsdl:port name="AuthenticationSoap" binding="tns:AuthenticationSoap">
      <soap:address location="http://dtproxyservices.sansejour.com/swsproxy/Authentication.asmx" />
    </wsdl:port>
  </wsdl:service>
</wsdl:definitions>
"#;
    fs::write(dir.path().join("specs/sejour/Authentication.wsdl"), wsdl).expect("writable");
    let error = regen(dir.path(), Mode::Write).expect_err("two stated actions must fail");
    let shown = error.to_string();
    for wanted in [
        "specs/sejour/Authentication.Logout.txt:24:",
        "error: the SOAP action `http://www.sansejour.com/Logout` of `Logout` contradicts another statement",
        r#"SOAPAction: "http://www.sansejour.com/Logout""#,
        "specs/sejour/Authentication.wsdl:19:35: note: the other statement",
        "note: the other statement",
        r#"soapAction="http://www.sansejour.com/SignOut""#,
    ] {
        assert!(
            shown.contains(wanted),
            "`{wanted}` is missing from:\n{shown}"
        );
    }
    assert_eq!(snapshot(&dir.path().join("generated")), before);
}

#[test]
fn service_toml_gives_the_rust_code_derives_and_types() {
    let dir = scratch();
    fs::write(
        dir.path().join("specs/srv/service.toml"),
        "[rust]\nderive = [\"Eq\", \"Hash\"]\ntypes = { boolean = \"my_types::Flag\" }\n",
    )
    .expect("writable");
    regen(dir.path(), Mode::Write).expect("the settings read");
    let module = fs::read_to_string(dir.path().join("generated/src/srv.rs")).expect("written");
    assert!(
        module.contains(
            "#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]\npub struct LogOutResponse {"
        ),
        "{module}"
    );
    assert!(module.contains("pub success: my_types::Flag,"), "{module}");
}

#[test]
fn a_folder_with_nothing_to_read_is_an_error_not_a_missing_module() {
    let dir = scratch();
    let before = snapshot(&dir.path().join("generated"));
    let folder = dir.path().join("specs/payments");
    fs::create_dir_all(&folder).expect("writable");
    fs::write(folder.join(".DS_Store"), "hidden").expect("writable");
    let error = regen(dir.path(), Mode::Write).expect_err("an empty service folder");
    let Error::Spec(diagnostics) = &error else {
        panic!("expected diagnostics, got {error}");
    };
    assert_eq!(diagnostics.0.len(), 1, "{error}");
    assert_eq!(diagnostics.0[0].file, "payments");
    assert!(error.to_string().contains("holds no document"), "{error}");
    assert_eq!(snapshot(&dir.path().join("generated")), before);
}

#[test]
fn folders_named_for_what_the_crate_holds_itself_are_refused() {
    for name in ["lib", "main", "runtime"] {
        let dir = scratch();
        let before = snapshot(&dir.path().join("generated"));
        copy_tree(
            &dir.path().join("specs/srv"),
            &dir.path().join("specs").join(name),
        );
        let error = regen(dir.path(), Mode::Write).expect_err(name);
        assert!(
            error
                .to_string()
                .contains(&format!("`{name}` cannot name a Rust module")),
            "{error}"
        );
        assert_eq!(snapshot(&dir.path().join("generated")), before, "{name}");
    }
}
