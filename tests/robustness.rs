//! Whatever the bytes, a reader answers with a model or with diagnostics, never a panic; and
//! how a browser copy laid the page out (indentation, blank lines, line ends, table rendering)
//! does not change what the page says.

use std::path::{Path, PathBuf};

use codegen::model::{ErasePositions, Service};
use tests::{all_pages, files_with, label, workspace_root};

/// A small deterministic generator, so that a failure can be replayed.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn read(name: &str, bytes: &[u8]) -> Result<Service, codegen::Diagnostics> {
    codegen::read_document(name, bytes)
}

#[test]
fn every_page_cut_anywhere_reads_or_reports() {
    for page in all_pages() {
        let bytes = std::fs::read(&page).expect("readable");
        for end in 0..bytes.len() {
            if let Err(diagnostics) = read("cut.txt", &bytes[..end]) {
                assert!(
                    !diagnostics.is_empty(),
                    "{} cut at {end}: an error without a diagnostic",
                    label(&page)
                );
            }
        }
    }
}

#[test]
fn every_page_with_random_damage_reads_or_reports() {
    const ALPHABET: &[u8] = b"<>/\"'=&;:|{}[],. \n\t-aZ09\xc2\xa0\xff";
    let mut random = XorShift(0x9E37_79B9_7F4A_7C15);
    for page in all_pages() {
        let original = std::fs::read(&page).expect("readable");
        for _ in 0..1000 {
            let mut bytes = original.clone();
            for _ in 0..1 + random.below(4) {
                let at = random.below(bytes.len());
                let byte = ALPHABET[random.below(ALPHABET.len())];
                match random.below(3) {
                    0 => bytes[at] = byte,
                    1 => bytes.insert(at, byte),
                    _ => {
                        bytes.remove(at);
                    }
                }
            }
            if let Err(diagnostics) = read("damaged.txt", &bytes) {
                assert!(!diagnostics.is_empty());
            }
        }
    }
}

/// What a page says, with where and how it said it set aside: positions, the page's own name,
/// and the samples' text (which keeps the page's indentation).
fn said(mut service: Service) -> Service {
    service.erase_positions();
    for source in &mut service.sources {
        source.name.clear();
    }
    for operation in &mut service.operations {
        for sample in &mut operation.samples {
            sample.body = None;
        }
    }
    service
}

fn relayout(text: &str, line: impl Fn(&str) -> String, separator: &str) -> String {
    text.split('\n')
        .map(|l| line(l.trim_end_matches('\r')))
        .collect::<Vec<_>>()
        .join(separator)
}

#[test]
fn layout_does_not_change_what_a_page_says() {
    for page in all_pages() {
        let text = std::fs::read_to_string(&page).expect("UTF-8");
        let expected = said(read("page.txt", text.as_bytes()).expect("pages read"));
        let layouts: [(&str, String); 5] = [
            (
                "without indentation",
                relayout(&text, |l| l.trim_start().to_owned(), "\n"),
            ),
            (
                "without blank lines",
                text.split('\n')
                    .filter(|l| !l.trim().is_empty())
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            (
                "with a blank line after every line",
                relayout(&text, str::to_owned, "\n\n"),
            ),
            (
                "indented with non-breaking spaces",
                relayout(&text, |l| format!(" \u{a0}\u{a0}{l}"), "\n"),
            ),
            (
                "with CRLF line ends",
                relayout(&text, str::to_owned, "\r\n"),
            ),
        ];
        for (layout, variant) in layouts {
            match read("page.txt", variant.as_bytes()) {
                Ok(service) => assert_eq!(
                    said(service),
                    expected,
                    "{} {layout} says something else",
                    label(&page)
                ),
                Err(diagnostics) => {
                    panic!("{} {layout} does not read:\n{diagnostics}", label(&page))
                }
            }
        }
    }
}

/// An ASMX page with each sample message on one line, its line ends collapsed to spaces, as
/// some copies give them: from a request or status line up to the next one, the section's
/// end or the page's.
fn collapsed(text: &str) -> String {
    let starts_message = |line: &str| {
        line.starts_with("HTTP/1.") || line.starts_with("POST /") || line.starts_with("GET /")
    };
    let ends_message = |line: &str| {
        ["SOAP 1.1", "SOAP 1.2", "HTTP GET", "HTTP POST"].contains(&line)
            || line.starts_with("The following is a sample ")
    };
    let mut out: Vec<String> = Vec::new();
    let mut message: Option<Vec<&str>> = None;
    for line in text.lines().map(str::trim) {
        if starts_message(line) || ends_message(line) {
            out.extend(message.take().map(|m| m.join(" ")));
        }
        match &mut message {
            Some(parts) if !line.is_empty() => parts.push(line),
            Some(_) => {}
            None if starts_message(line) => message = Some(vec![line]),
            None => out.push(line.to_owned()),
        }
    }
    out.extend(message.map(|m| m.join(" ")));
    out.join("\n")
}

/// An ASMX page with each section (its title, marker, request and response) on one line.
fn sections_collapsed(text: &str) -> String {
    let titles = ["SOAP 1.1", "SOAP 1.2", "HTTP GET", "HTTP POST"];
    let mut out: Vec<String> = Vec::new();
    let mut section: Option<Vec<&str>> = None;
    for line in text.lines().map(str::trim) {
        if titles.contains(&line) {
            out.extend(section.take().map(|s| s.join(" ")));
            section = Some(vec![line]);
        } else if let Some(parts) = &mut section {
            if !line.is_empty() {
                parts.push(line);
            }
        } else {
            out.push(line.to_owned());
        }
    }
    out.extend(section.map(|s| s.join(" ")));
    out.join("\n")
}

#[test]
fn every_asmx_page_says_the_same_with_its_samples_line_ends_collapsed() {
    let mut collapsed_pages = 0;
    for page in all_pages() {
        let text = std::fs::read_to_string(&page).expect("UTF-8");
        let expected = read("page.txt", text.as_bytes()).expect("pages read");
        if expected.sources[0].family != codegen::model::Family::AsmxHelp {
            continue;
        }
        let expected = said(expected);
        for (rendering, variant) in [
            ("each message on one line", collapsed(&text)),
            ("each section on one line", sections_collapsed(&text)),
        ] {
            let actual = read("page.txt", variant.as_bytes()).unwrap_or_else(|d| {
                panic!(
                    "{} with {rendering} does not read:\n{d}\n{variant}",
                    label(&page)
                )
            });
            assert_eq!(
                said(actual),
                expected,
                "{} with {rendering} says something else:\n{variant}",
                label(&page)
            );
            collapsed_pages += usize::from(variant.lines().count() < text.lines().count());
        }
    }
    assert!(collapsed_pages >= 20, "{collapsed_pages}");
}

/// The headings that end a Web API page's member table.
const WEB_API_HEADINGS: &[&str] = &[
    "Body Parameters",
    "Request Formats",
    "Response Information",
    "Resource Description",
    "Response Formats",
];

/// The cells of one line of a table as a page has it: split at pipes or tabs, or the whole
/// line; separator rows and empty cells left out.
fn line_cells(line: &str) -> Vec<&str> {
    let parts: Vec<&str> = if line.contains('|') {
        line.split('|').collect()
    } else if line.contains('\t') {
        line.split('\t').collect()
    } else {
        vec![line]
    };
    parts
        .into_iter()
        .map(str::trim)
        .filter(|c| !c.is_empty() && !c.chars().all(|ch| ch == '-' || ch == ':'))
        .collect()
}

/// A Web API page with every member table rendered by `render`, which gets the table's header
/// (`AuthRequestName` or `Name`, then the other three) and its lines' cells as the page has
/// them. Everything outside the tables is left as it is.
fn rerender(text: &str, render: Render) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        // A header: `…Name`, `Description`, `Type`, `Additional information`, on one line
        // or over several.
        let mut cells = Vec::new();
        let mut end = i;
        while end < lines.len() && cells.len() < 4 {
            cells.extend(line_cells(lines[end]));
            end += 1;
            if !cells.first().is_some_and(|c: &&str| c.ends_with("Name")) {
                break;
            }
        }
        let is_header = cells.len() >= 4
            && cells[0].ends_with("Name")
            && cells[1..4] == ["Description", "Type", "Additional information"];
        if !is_header {
            out.push(lines[i].to_owned());
            i += 1;
            continue;
        }
        let mut rows: Vec<Vec<&str>> = Vec::new();
        if cells.len() > 4 {
            rows.push(cells[4..].to_vec());
        }
        while end < lines.len() && !WEB_API_HEADINGS.contains(&lines[end].trim()) {
            let row = line_cells(lines[end]);
            if !row.is_empty() {
                rows.push(row);
            }
            end += 1;
        }
        out.push(render(&cells[..4], &rows));
        i = end;
    }
    out.join("\n")
}

/// Renders a member table from its header and its lines' cells.
type Render = fn(&[&str], &[Vec<&str>]) -> String;

/// Every rendering a browser copy gives a Web API member table, by name.
const TABLE_RENDERINGS: &[(&str, Render)] = &[
    ("pipe-ended cells", |header, rows| {
        let mut out = format!("{} |\n---|---|---|---|", header.join(" | "));
        for row in rows {
            out.push_str(&format!("\n{} |", row.join(" | ")));
        }
        out
    }),
    ("markdown rows", |header, rows| {
        let mut out = format!("| {} |\n|---|---|---|---|", header.join(" | "));
        for row in rows {
            out.push_str(&format!("\n| {} |", row.join(" | ")));
        }
        out
    }),
    ("tab-separated cells", |header, rows| {
        let mut out = header.join("\t");
        for row in rows {
            out.push_str(&format!("\n{}", row.join("\t")));
        }
        out
    }),
    ("one cell per line", |header, rows| {
        let mut out = header.join("\n");
        for cell in rows.iter().flatten() {
            out.push_str(&format!("\n{cell}"));
        }
        out
    }),
    (
        "rendered page: header glued, cells apart",
        |header, rows| {
            let mut out = header.concat();
            for cell in rows.iter().flatten() {
                out.push_str(&format!("\n\n{cell}"));
            }
            out
        },
    ),
];

#[test]
fn every_web_api_page_says_the_same_in_every_table_rendering() {
    let mut rendered = 0;
    for page in all_pages() {
        let text = std::fs::read_to_string(&page).expect("UTF-8");
        let expected = read("page.txt", text.as_bytes()).expect("pages read");
        if expected.sources[0].family != codegen::model::Family::WebApiHelp {
            continue;
        }
        let expected = values(expected);
        for (rendering, render) in TABLE_RENDERINGS {
            let variant = rerender(&text, *render);
            let actual = read("page.txt", variant.as_bytes()).unwrap_or_else(|d| {
                panic!(
                    "{} in {rendering} does not read:\n{d}\n{variant}",
                    label(&page)
                )
            });
            assert_eq!(
                values(actual),
                expected,
                "{} in {rendering} says something else:\n{variant}",
                label(&page)
            );
            rendered += usize::from(variant != text);
        }
    }
    // Every Web API page with a table, in every rendering but its own.
    assert!(rendered >= 5 * 4, "{rendered}");
}

/// The page a rendering renders: `renderings/<folder>/<stem>.<rendering>.txt` renders
/// `specs/<folder>/<stem>.txt` or `tests/fixtures/pages/<folder>/<stem>.txt`.
fn rendered_page(rendering: &Path) -> PathBuf {
    let folder = rendering
        .parent()
        .and_then(Path::file_name)
        .expect("a folder");
    let name = rendering.file_stem().expect("a name").to_string_lossy();
    let (stem, _) = name.rsplit_once('.').expect("`<stem>.<rendering>.txt`");
    let root = workspace_root();
    [root.join("specs"), root.join("tests/fixtures/pages")]
        .into_iter()
        .map(|dir| dir.join(folder).join(format!("{stem}.txt")))
        .find(|path| path.exists())
        .unwrap_or_else(|| panic!("{} renders no page", label(rendering)))
}

/// The values of a model, without where they came from: a table rendered with plain spaces
/// leaves the end of an error message to inference, other renderings state it.
fn values(service: Service) -> String {
    let text = format!("{:#?}", said(service));
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let line = match line.find(" @") {
            Some(at) => {
                let tail = &line[at + 2..];
                let origin_len = tail
                    .find(|c: char| !(c.is_ascii_digit() || c == ':'))
                    .unwrap_or(tail.len());
                let rest = &tail[origin_len..];
                let rest = match rest.strip_prefix(" inferred by ") {
                    Some(after) => after.trim_start_matches(|c: char| c.is_alphanumeric()),
                    None => rest,
                };
                format!("{}{rest}", &line[..at])
            }
            None => line.to_owned(),
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[test]
fn every_table_rendering_says_what_the_page_says() {
    let renderings = files_with(&workspace_root().join("tests/fixtures/renderings"), "txt");
    assert!(!renderings.is_empty());
    for rendering in renderings {
        let page = rendered_page(&rendering);
        let expected = values(tests::read_page(&page).expect("pages read"));
        let actual = tests::read_page(&rendering)
            .unwrap_or_else(|d| panic!("{} does not read:\n{d}", label(&rendering)));
        let actual = values(actual);
        if actual != expected {
            let first = actual
                .lines()
                .zip(expected.lines())
                .position(|(a, e)| a != e)
                .unwrap_or(0);
            panic!(
                "{} says something else than {} from line {first} of the model:\n{}\nwhere the page says\n{}",
                label(&rendering),
                label(&page),
                actual
                    .lines()
                    .skip(first.saturating_sub(3))
                    .take(8)
                    .collect::<Vec<_>>()
                    .join("\n"),
                expected
                    .lines()
                    .skip(first.saturating_sub(3))
                    .take(8)
                    .collect::<Vec<_>>()
                    .join("\n"),
            );
        }
    }
}

/// The WSDL fixtures small enough to read many times over in a test.
fn small_wsdl_fixtures() -> Vec<(String, Vec<u8>)> {
    tests::wsdl_fixtures()
        .into_iter()
        .filter(|f| f.documents.len() == 1 && f.size() <= 128 * 1024)
        .map(|f| {
            let bytes = std::fs::read(&f.documents[0]).expect("readable");
            (f.name, bytes)
        })
        .collect()
}

/// Evenly spread cuts through a document, and every cut in its first kilobyte, where the
/// declarations stand.
fn cuts(len: usize, count: usize) -> impl Iterator<Item = usize> {
    let step = (len / count).max(1);
    (0..len.min(1024)).chain((1024..len).step_by(step))
}

#[test]
fn every_wsdl_cut_anywhere_reads_or_reports() {
    for (name, bytes) in small_wsdl_fixtures() {
        for end in cuts(bytes.len(), 150) {
            if let Err(diagnostics) = read("cut.wsdl", &bytes[..end]) {
                assert!(
                    !diagnostics.is_empty(),
                    "{name} cut at {end}: an error without a diagnostic"
                );
            }
        }
    }
}

#[test]
fn every_wsdl_with_random_damage_reads_or_reports() {
    const ALPHABET: &[u8] = b"<>/\"'=&;:sxt \n-aZ09";
    let mut random = XorShift(0xD1B5_4A32_D192_ED03);
    for (name, original) in small_wsdl_fixtures() {
        for round in 0..60 {
            let mut bytes = original.clone();
            for _ in 0..1 + random.below(4) {
                let at = random.below(bytes.len());
                let byte = ALPHABET[random.below(ALPHABET.len())];
                match random.below(3) {
                    0 => bytes[at] = byte,
                    1 => bytes.insert(at, byte),
                    _ => {
                        bytes.remove(at);
                    }
                }
            }
            match read("damaged.wsdl", &bytes) {
                Err(diagnostics) => assert!(!diagnostics.is_empty(), "{name} round {round}"),
                // A document that still reads must still give code.
                Ok(service) => {
                    if let Err(d) = codegen::module_text(&service) {
                        panic!("{name} round {round}: {d}");
                    }
                }
            }
        }
    }
}

#[test]
fn what_real_wsdl_files_carry_does_not_change_what_they_say() {
    for (name, bytes) in small_wsdl_fixtures() {
        // The fixtures saved in other encodings (`utf16-bom`, `latin1`) are such variants
        // themselves; these are made of the UTF-8 ones.
        let Ok(text) = String::from_utf8(bytes.clone()) else {
            continue;
        };
        let expected = said(read("a.wsdl", &bytes).expect("fixtures read"));
        let utf16: Vec<u8> = "\u{FEFF}"
            .encode_utf16()
            .chain(text.encode_utf16())
            .flat_map(u16::to_le_bytes)
            .collect();
        let variants: [(&str, Vec<u8>); 4] = [
            ("saved as UTF-16 with a byte order mark", utf16),
            (
                "with CRLF line ends",
                text.replace("\r\n", "\n")
                    .replace('\n', "\r\n")
                    .into_bytes(),
            ),
            (
                "with a byte order mark",
                [b"\xEF\xBB\xBF".as_slice(), &bytes].concat(),
            ),
            (
                "with blank lines before the declaration",
                [b"\r\n  \n".as_slice(), &bytes].concat(),
            ),
        ];
        for (how, variant) in variants {
            match read("a.wsdl", &variant) {
                Ok(service) => {
                    assert_eq!(said(service), expected, "{name} {how} says something else")
                }
                Err(d) => panic!("{name} {how} does not read:\n{d}"),
            }
        }
    }
}

#[test]
fn the_same_wsdl_gives_the_same_code_every_time() {
    for (name, bytes) in small_wsdl_fixtures() {
        let code = || {
            let service = read("a.wsdl", &bytes).expect("fixtures read");
            codegen::module_text(&service).expect("emits")
        };
        assert_eq!(code(), code(), "{name}");
    }
}

/// A WSDL whose one schema holds `schema`, in the form ASMX writes.
fn wsdl_with_schema(schema: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions xmlns:s="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:t" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" targetNamespace="urn:t" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/">
<wsdl:types><s:schema elementFormDefault="qualified" targetNamespace="urn:t">
{schema}
</s:schema></wsdl:types>
<wsdl:message name="In"><wsdl:part name="parameters" element="tns:Op" /></wsdl:message>
<wsdl:portType name="P"><wsdl:operation name="Op"><wsdl:input message="tns:In" /></wsdl:operation></wsdl:portType>
<wsdl:binding name="B" type="tns:P"><soap:binding transport="http://schemas.xmlsoap.org/soap/http" />
<wsdl:operation name="Op"><soap:operation soapAction="urn:t/Op" /><wsdl:input><soap:body use="literal" /></wsdl:input></wsdl:operation></wsdl:binding>
<wsdl:service name="S"><wsdl:port name="P" binding="tns:B"><soap:address location="http://h/s" /></wsdl:port></wsdl:service>
</wsdl:definitions>"#
    )
}

#[test]
fn types_nested_past_the_limit_are_refused_naming_it() {
    let depth = 300;
    let mut schema = String::from(r#"<s:element name="Op">"#);
    for _ in 0..depth {
        schema.push_str(r#"<s:complexType><s:sequence><s:element name="x">"#);
    }
    for _ in 0..depth {
        schema.push_str("</s:element></s:sequence></s:complexType>");
    }
    schema.push_str("</s:element>");
    let diagnostics = read("deep.wsdl", wsdl_with_schema(&schema).as_bytes())
        .expect_err("nesting this deep is refused");
    let text = diagnostics.to_string();
    assert!(text.contains("goes past the limit of 100 levels"), "{text}");
}

#[test]
fn groups_that_multiply_past_the_limit_are_refused_naming_it() {
    // Each group refers to the next twice: 2^30 particles, were they all made.
    let mut schema = String::from(
        r#"<s:element name="Op"><s:complexType><s:group ref="tns:g0" /></s:complexType></s:element>"#,
    );
    for level in 0..30 {
        schema.push_str(&format!(
            r#"<s:group name="g{level}"><s:sequence><s:group ref="tns:g{next}" /><s:group ref="tns:g{next}" /></s:sequence></s:group>"#,
            next = level + 1
        ));
    }
    schema.push_str(r#"<s:group name="g30"><s:sequence><s:element name="leaf" type="s:string" /></s:sequence></s:group>"#);
    let diagnostics = read("wide.wsdl", wsdl_with_schema(&schema).as_bytes())
        .expect_err("a schema that multiplies this much is refused");
    let text = diagnostics.to_string();
    assert!(
        text.contains("goes past the limit of 500000 particles"),
        "{text}"
    );
}

/// A schema whose element `Op` holds `2^levels` leaves through groups that refer to the next
/// twice, its operation bound by SOAP 1.1 and 1.2.
fn doubling_wsdl_on_two_bindings(levels: usize) -> String {
    let mut schema = String::from(
        r#"<s:element name="Op"><s:complexType><s:group ref="tns:g0" /></s:complexType></s:element>"#,
    );
    for level in 0..levels {
        schema.push_str(&format!(
            r#"<s:group name="g{level}"><s:sequence><s:group ref="tns:g{next}" /><s:group ref="tns:g{next}" /></s:sequence></s:group>"#,
            next = level + 1
        ));
    }
    schema.push_str(&format!(
        r#"<s:group name="g{levels}"><s:sequence><s:element name="leaf" type="s:string" /></s:sequence></s:group>"#
    ));
    wsdl_with_schema(&schema).replace(
        "<wsdl:service",
        r#"<wsdl:binding name="B12" type="tns:P"><soap12:binding xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/" transport="http://schemas.xmlsoap.org/soap/http" />
<wsdl:operation name="Op"><soap12:operation xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/" soapAction="urn:t/Op" /><wsdl:input><soap12:body xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/" use="literal" /></wsdl:input></wsdl:operation></wsdl:binding>
<wsdl:service"#,
    )
}

#[test]
fn an_element_that_two_bindings_share_counts_against_the_limit_once() {
    // 2^16 leaves and their sequences and references: under the limit once, over it were the
    // element lowered again for the second binding (which then read it cut short, and the
    // reader reported that the bindings disagree instead of the limit).
    let text = doubling_wsdl_on_two_bindings(16);
    let service = read("shared.wsdl", text.as_bytes())
        .unwrap_or_else(|diagnostics| panic!("reads within the limit:\n{diagnostics}"));
    assert_eq!(service.operations[0].bindings.len(), 2);
    // Past the limit, the limit is all that is reported: not what follows from content cut
    // short.
    let text = doubling_wsdl_on_two_bindings(19);
    let diagnostics = read("over.wsdl", text.as_bytes()).expect_err("past the limit");
    let shown = diagnostics.to_string();
    assert!(
        shown.contains("goes past the limit of 500000 particles"),
        "{shown}"
    );
    assert!(!shown.contains("another SOAP binding"), "{shown}");
}

#[test]
fn large_and_odd_pages_read_or_are_reported_naming_the_limit() {
    for page in tests::large_pages::large_pages() {
        let name = format!("{}.txt", page.name);
        match read(&name, page.text.as_bytes()) {
            Ok(service) => {
                assert!(page.reads, "{name} reads");
                // And generates: a struct of 20 000 members once overflowed the stack of the
                // formatter (its `Debug` was one chain of calls), after quadratic planning.
                let code = codegen::module_text(&service).unwrap_or_else(|e| panic!("{name}: {e}"));
                assert!(code.contains("pub struct"), "{name}");
            }
            Err(diagnostics) => {
                assert!(!page.reads, "{name}:\n{diagnostics}");
                let rendered = diagnostics.to_string();
                // Reports stay small, however large the page.
                assert!(rendered.len() < 200_000, "{name}: {} bytes", rendered.len());
                let first: String = rendered.lines().take(4).collect::<Vec<_>>().join("\n");
                insta::assert_snapshot!(format!("large_page@{}", page.name), first);
            }
        }
    }
}
