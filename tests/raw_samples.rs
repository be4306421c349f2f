//! Each page's own sample requests, sent as the page writes them (with real tokens in place
//! of the placeholders and examples) to the stand-ins over a plain TCP connection: the
//! stand-ins understand them, whatever their prefixes and layout, and answer with success.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};

use codegen::model::{Sample, SampleKind};
use generated::runtime::Payload;
use tests::samples::binding_of;
use tests::stand_ins::{StandIns, paths};
use tests::{files_with, label, read_page, workspace_root};

/// The placeholders or example values of a spec's samples, and what stands in for them now.
fn replacements(folder: &str, stand_ins: &StandIns) -> Vec<(&'static str, String)> {
    let sessions = stand_ins.sessions();
    match folder {
        "sejour" => {
            let token = sessions.sejour();
            vec![
                ("<token>string</token>", format!("<token>{token}</token>")),
                ("token=string", format!("token={token}")),
            ]
        }
        "xweb" => {
            let session = sessions.xweb();
            vec![
                (
                    "fde4d172-70c4-4fa4-91aa-a683b2435ea6",
                    session.authorization_token,
                ),
                (
                    "9e2eee63-07cc-4ac3-aff3-dfe34d995c42",
                    session.authentication_token.clone(),
                ),
                (
                    "0a06e984-4280-4ec0-982a-a9326725fec8",
                    session.authentication_token,
                ),
            ]
        }
        "cebes" => vec![("sample string 4", sessions.cebes().access_token)],
        "srv" => vec![("3f2a1b4c-5d6e-7f8a-9b0c-1d2e3f4a5b6c", sessions.srv())],
        other => panic!("no stand-in for {other}"),
    }
}

/// The raw request of a sample: its request line (or the stand-in's address for the
/// binding, where the page shows none), its headers but `Host` and `Content-Length`, its body.
fn raw_request(
    folder: &str,
    sample: &Sample,
    addr: SocketAddr,
    replace: &[(&str, String)],
) -> Vec<u8> {
    let fill = |text: &str| {
        replace
            .iter()
            .fold(text.to_owned(), |text, (from, to)| text.replace(from, to))
    };
    let body = fill(sample.body.as_ref().map_or("", |b| b.value.as_str()));
    let line = match (&sample.start_line, folder) {
        (Some(line), _) if line.contains(" HTTP/") => fill(line),
        (Some(line), _) => format!("{} HTTP/1.1", fill(line)),
        (None, "xweb") => format!("POST {} HTTP/1.1", paths::XWEB_SOAP),
        (None, "cebes") => format!("POST {}/Session/Logout HTTP/1.1", paths::CEBES_BASE),
        (None, other) => panic!("{other}: a sample without a request line"),
    };
    let mut headers: Vec<(String, String)> = sample
        .headers
        .iter()
        .filter(|(name, _)| {
            !name.eq_ignore_ascii_case("Host") && !name.eq_ignore_ascii_case("Content-Length")
        })
        .cloned()
        .collect();
    let has_type = headers
        .iter()
        .any(|(name, _)| name.eq_ignore_ascii_case("Content-Type"));
    if !body.is_empty() && !has_type {
        // The page shows the body but not its media type (xWeb): SOAP is text/xml, the JSON
        // method's data JSON.
        let media = if body.trim_start().starts_with('{') {
            "application/json"
        } else {
            "text/xml; charset=utf-8"
        };
        headers.push(("Content-Type".into(), media.into()));
    }
    let mut raw = format!("{line}\r\nHost: {addr}\r\n");
    for (name, value) in headers {
        raw.push_str(&format!("{name}: {value}\r\n"));
    }
    raw.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    ));
    raw.into_bytes()
}

/// Sends raw bytes and returns the status and body of the answer.
fn exchange(addr: SocketAddr, raw: &[u8]) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.write_all(raw).unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).unwrap();
    let answer = String::from_utf8(answer).unwrap();
    let (head, body) = answer.split_once("\r\n\r\n").unwrap();
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    (status, body.to_owned())
}

#[test]
fn every_sample_request_of_the_specs_is_understood() {
    let stand_ins = StandIns::start(SocketAddr::from(([127, 0, 0, 1], 0))).unwrap();
    let mut sent = 0;
    for page in files_with(&workspace_root().join("specs"), "txt") {
        let folder = page
            .parent()
            .and_then(|p| p.file_name())
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let service = read_page(&page).unwrap();
        for op in &service.operations {
            for sample in op.samples.iter().filter(|s| s.kind == SampleKind::Request) {
                let at = format!("{}:{} ({:?})", label(&page), sample.pos, sample.binding);
                let raw = raw_request(
                    &folder,
                    sample,
                    stand_ins.addr(),
                    &replacements(&folder, &stand_ins),
                );
                let (status, body) = exchange(stand_ins.addr(), &raw);
                assert_eq!(
                    status,
                    200,
                    "{at}: {body}\n{}",
                    String::from_utf8_lossy(&raw)
                );
                let binding = binding_of(op, sample.binding).unwrap();
                let payload = Payload::body(body);
                let failure = match folder.as_str() {
                    "sejour" => {
                        generated::sejour::Response::read(&op.name.value, binding, &payload)
                            .map(|r| r.reported_failure())
                    }
                    "xweb" => generated::xweb::Response::read(&op.name.value, binding, &payload)
                        .map(|r| r.reported_failure()),
                    "cebes" => generated::cebes::Response::read(&op.name.value, binding, &payload)
                        .map(|r| r.reported_failure()),
                    _ => generated::srv::Response::read(&op.name.value, binding, &payload)
                        .map(|r| r.reported_failure()),
                };
                assert_eq!(failure, Ok(None), "{at}: {}", payload.body);
                sent += 1;
            }
        }
    }
    assert_eq!(sent, 12, "every spec's request samples");
}
