//! Writing requests and reading responses with the generated code, each beside a baseline
//! written by hand for that one message with the same crates (a `String` for writing,
//! `roxmltree` for reading), measured in the same run. The ratios are printed at the end;
//! `README.md` records them.
//!
//! The machine is shared and noisy, so besides criterion's estimates each pair is also timed
//! in alternating rounds, generated then baseline, and the ratio reported is the median of
//! the rounds' ratios: load that comes and goes falls on both sides of a round.
//!
//! The baselines are the shortest code that is still correct for the message: they escape
//! markup, refuse characters XML cannot carry, find elements by namespace, and report faults.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Instant;

use criterion::Criterion;
use generated::runtime::{BindingKind, Payload, ReadResponse as _, WriteRequest as _};
use generated::{cebes, sejour};

const SOAP: &str = "http://schemas.xmlsoap.org/soap/envelope/";
const SEJOUR: &str = "http://www.sansejour.com/";
const CEBES: &str = "http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models";
const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// Escapes text for XML, refusing what XML 1.0 cannot carry.
fn escape(text: &str, out: &mut String) -> Result<(), char> {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#xD;"),
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => return Err(c),
            c => out.push(c),
        }
    }
    Ok(())
}

fn baseline_sejour_request(token: &str) -> Result<String, char> {
    let mut out = String::with_capacity(400);
    out.push_str(concat!(
        r#"<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" "#,
        r#"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">"#,
        r#"<soap:Body><Logout xmlns="http://www.sansejour.com/"><token>"#
    ));
    escape(token, &mut out)?;
    out.push_str("</token></Logout></soap:Body></soap:Envelope>");
    Ok(out)
}

fn baseline_sejour_response(text: &str) -> Result<(), String> {
    let doc = roxmltree::Document::parse(text).map_err(|e| e.to_string())?;
    let envelope = doc.root_element();
    if !envelope.has_tag_name((SOAP, "Envelope")) {
        return Err("not an envelope".into());
    }
    let mut body = None;
    for part in envelope.children().filter(|n| n.is_element()) {
        if part.has_tag_name((SOAP, "Header")) {
            for header in part.children().filter(|n| n.is_element()) {
                if matches!(
                    header.attribute((SOAP, "mustUnderstand")),
                    Some("1" | "true")
                ) {
                    return Err("a header must be understood".into());
                }
            }
        } else if part.has_tag_name((SOAP, "Body")) {
            body = Some(part);
        }
    }
    let content = body
        .and_then(|b| b.children().find(|n| n.is_element()))
        .ok_or("no body")?;
    if content.has_tag_name((SOAP, "Fault")) {
        let reason = content
            .children()
            .find(|n| n.has_tag_name("faultstring"))
            .and_then(|n| n.text())
            .unwrap_or("");
        return Err(format!("fault: {reason}"));
    }
    if content.has_tag_name((SEJOUR, "LogoutResponse")) {
        Ok(())
    } else {
        Err("not a LogoutResponse".into())
    }
}

/// The baseline's own type of the XML request, as one would write it for this one message.
struct AuthRequest {
    access_token: Option<String>,
    user_id: Option<String>,
    language: &'static str,
    security_code: Option<String>,
    token: Option<String>,
}

fn baseline_cebes_request(request: &AuthRequest) -> Result<String, char> {
    let mut out = String::with_capacity(400);
    out.push_str(r#"<AuthRequest xmlns="http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">"#);
    let mut member = |name: &str, value: Option<&str>| -> Result<(), char> {
        match value {
            Some(value) => {
                out.push('<');
                out.push_str(name);
                out.push('>');
                escape(value, &mut out)?;
                out.push_str("</");
                out.push_str(name);
                out.push('>');
            }
            None => {
                out.push('<');
                out.push_str(name);
                out.push_str(r#" i:nil="true"/>"#);
            }
        }
        Ok(())
    };
    member("accessToken", request.access_token.as_deref())?;
    member("userID", request.user_id.as_deref())?;
    member("language", Some(request.language))?;
    member("securityCode", request.security_code.as_deref())?;
    member("token", request.token.as_deref())?;
    out.push_str("</AuthRequest>");
    Ok(out)
}

/// The baseline's own type of the XML response.
#[derive(Debug, Default)]
struct AuthResponse {
    access_token: Option<String>,
    resp_message: Option<String>,
    resp_time: Option<String>,
    status: Option<String>,
    user_id: Option<String>,
}

fn baseline_cebes_response(text: &str) -> Result<AuthResponse, String> {
    let doc = roxmltree::Document::parse(text).map_err(|e| e.to_string())?;
    let root = doc.root_element();
    if !root.has_tag_name((CEBES, "AuthResponse")) {
        return Err("not an AuthResponse".into());
    }
    let mut response = AuthResponse::default();
    for child in root.children().filter(|n| n.is_element()) {
        if child.tag_name().namespace() != Some(CEBES)
            || child.attribute((XSI, "nil")) == Some("true")
        {
            continue;
        }
        let value = Some(child.text().unwrap_or("").to_owned());
        match child.tag_name().name() {
            "accessToken" => response.access_token = value,
            "respMessage" => response.resp_message = value,
            "respTime" => response.resp_time = value,
            "status" => response.status = value,
            "userID" => response.user_id = value,
            _ => {}
        }
    }
    Ok(response)
}

const SEJOUR_RESPONSE: &str = r#"<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><LogoutResponse xmlns="http://www.sansejour.com/" /></soap:Body></soap:Envelope>"#;

const CEBES_RESPONSE: &str = r#"<AuthResponse xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models"> <accessToken i:nil="true" /> <respMessage>Logged out &amp; session closed</respMessage> <respTime>2025-01-23T00:09:38.9648983+07:00</respTime> <status>SUCCESS</status> <userID>agent-0042</userID> <accessToken>3f2a1b4c-5d6e-7f8a-9b0c-1d2e3f4a5b6c</accessToken> </AuthResponse>"#;

const TOKEN: &str = "3f2a1b4c-5d6e-7f8a-9b0c-1d2e3f4a5b6c";

/// The pairs of benchmarks, each generated code beside its baseline.
const PAIRS: [&str; 4] = [
    "sejour_soap11_write_request",
    "sejour_soap11_read_response",
    "cebes_xml_write_request",
    "cebes_xml_read_response",
];

/// The same Cebes request, as the generated type and as the baseline's.
fn cebes_requests() -> (cebes::AuthRequest, AuthRequest) {
    (
        cebes::AuthRequest {
            access_token: TOKEN.into(),
            user_id: "agent-0042".into(),
            language: Some(cebes::Language::Id),
            security_code: "7c1d & <9e>".into(),
            token: "1737565778".into(),
        },
        AuthRequest {
            access_token: Some(TOKEN.to_owned()),
            user_id: Some("agent-0042".to_owned()),
            language: "ID",
            security_code: Some("7c1d & <9e>".to_owned()),
            token: Some("1737565778".to_owned()),
        },
    )
}

fn benches(c: &mut Criterion) {
    let mut group = c.benchmark_group(PAIRS[0]);
    let request = sejour::LogoutRequest {
        token: Some(TOKEN.to_owned()),
    };
    group.bench_function("generated", |b| {
        b.iter(|| {
            black_box(&request)
                .write_request(BindingKind::Soap11)
                .unwrap()
        })
    });
    group.bench_function("baseline", |b| {
        b.iter(|| baseline_sejour_request(black_box(TOKEN)).unwrap())
    });
    group.finish();

    let mut group = c.benchmark_group(PAIRS[1]);
    let payload = Payload::body(SEJOUR_RESPONSE.to_owned());
    group.bench_function("generated", |b| {
        b.iter(|| {
            sejour::LogoutResponse::read_response(BindingKind::Soap11, black_box(&payload)).unwrap()
        })
    });
    group.bench_function("baseline", |b| {
        b.iter(|| baseline_sejour_response(black_box(SEJOUR_RESPONSE)).unwrap())
    });
    group.finish();

    let mut group = c.benchmark_group(PAIRS[2]);
    let (request, baseline) = cebes_requests();
    group.bench_function("generated", |b| {
        b.iter(|| {
            black_box(&request)
                .write_request(BindingKind::WebApiXml)
                .unwrap()
        })
    });
    group.bench_function("baseline", |b| {
        b.iter(|| baseline_cebes_request(black_box(&baseline)).unwrap())
    });
    group.finish();

    let mut group = c.benchmark_group(PAIRS[3]);
    let payload = Payload::body(CEBES_RESPONSE.to_owned());
    group.bench_function("generated", |b| {
        b.iter(|| {
            cebes::AuthResponse::read_response(BindingKind::WebApiXml, black_box(&payload)).unwrap()
        })
    });
    group.bench_function("baseline", |b| {
        b.iter(|| baseline_cebes_response(black_box(CEBES_RESPONSE)).unwrap())
    });
    group.finish();
}

/// Times `a` and `b` in alternating rounds and returns the median ratio of their times.
fn interleaved_ratio(mut a: impl FnMut(), mut b: impl FnMut()) -> f64 {
    const ROUNDS: usize = 201;
    const ITERATIONS: usize = 2_000;
    let time = |f: &mut dyn FnMut()| {
        let start = Instant::now();
        for _ in 0..ITERATIONS {
            f();
        }
        start.elapsed().as_secs_f64()
    };
    // Warm both up before measuring.
    time(&mut a);
    time(&mut b);
    let mut ratios: Vec<f64> = (0..ROUNDS).map(|_| time(&mut a) / time(&mut b)).collect();
    ratios.sort_by(f64::total_cmp);
    ratios[ROUNDS / 2]
}

/// The interleaved ratio of each pair, generated over baseline.
fn interleaved_ratios() -> Vec<(&'static str, f64)> {
    let sejour_request = sejour::LogoutRequest {
        token: Some(TOKEN.to_owned()),
    };
    let sejour_payload = Payload::body(SEJOUR_RESPONSE.to_owned());
    let (cebes_request, cebes_baseline) = cebes_requests();
    let cebes_payload = Payload::body(CEBES_RESPONSE.to_owned());
    vec![
        (
            PAIRS[0],
            interleaved_ratio(
                || {
                    drop(black_box(
                        black_box(&sejour_request).write_request(BindingKind::Soap11),
                    ))
                },
                || drop(black_box(baseline_sejour_request(black_box(TOKEN)))),
            ),
        ),
        (
            PAIRS[1],
            interleaved_ratio(
                || {
                    drop(black_box(sejour::LogoutResponse::read_response(
                        BindingKind::Soap11,
                        black_box(&sejour_payload),
                    )))
                },
                || {
                    drop(black_box(baseline_sejour_response(black_box(
                        SEJOUR_RESPONSE,
                    ))))
                },
            ),
        ),
        (
            PAIRS[2],
            interleaved_ratio(
                || {
                    drop(black_box(
                        black_box(&cebes_request).write_request(BindingKind::WebApiXml),
                    ))
                },
                || {
                    drop(black_box(baseline_cebes_request(black_box(
                        &cebes_baseline,
                    ))))
                },
            ),
        ),
        (
            PAIRS[3],
            interleaved_ratio(
                || {
                    drop(black_box(cebes::AuthResponse::read_response(
                        BindingKind::WebApiXml,
                        black_box(&cebes_payload),
                    )))
                },
                || {
                    drop(black_box(baseline_cebes_response(black_box(
                        CEBES_RESPONSE,
                    ))))
                },
            ),
        ),
    ]
}

/// The mean time criterion estimated for one benchmark, in nanoseconds.
fn mean(dir: &Path, group: &str, name: &str) -> Option<f64> {
    let text =
        std::fs::read_to_string(dir.join(group).join(name).join("new/estimates.json")).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    json["mean"]["point_estimate"].as_f64()
}

fn main() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("criterion");
    let mut criterion = Criterion::default()
        .output_directory(&dir)
        .configure_from_args();
    benches(&mut criterion);
    criterion.final_summary();
    println!("\ngenerated / hand-written baseline, measured in this run:");
    println!(
        "  {:<32} {:>22} {:>8} {:>12}",
        "", "criterion means", "ratio", "interleaved"
    );
    for (group, interleaved) in interleaved_ratios() {
        if let (Some(generated), Some(baseline)) = (
            mean(&dir, group, "generated"),
            mean(&dir, group, "baseline"),
        ) {
            println!(
                "  {group:<32} {generated:>9.0} / {baseline:>9.0} ns {:>7.2}x {interleaved:>11.2}x",
                generated / baseline
            );
        }
    }
}
