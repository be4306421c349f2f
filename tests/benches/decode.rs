//! What the generated decoders cost, beside a baseline measured in the same run: the bare
//! `roxmltree` parse of the same bytes.
//!
//! The body is a SOAP 1.1 response of the WSDOT ferries' `GetAllAlerts` (a fixture WSDL):
//! 10 000 `AlertResponse` records of sixteen members (integers, booleans, strings, a
//! nillable `dateTime`, a list of integers), 6.4 MiB. It is decoded by the sans-IO
//! reader, and by the client from an HTTP response (which also checks the status, the
//! charset and the body's limit). Then each hostile body of `tests::hostile` goes through the
//! client: refused by a limit, or read, in time and memory in proportion to its size.
//!
//! Besides criterion's estimates, each comparison is timed in alternating rounds and the
//! median ratio reported, with MB/s and peak memory (a counting allocator). `README.md`
//! records the figures of a run.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::Criterion;
use generated::runtime::{
    BindingKind, DateTime, Limits, Payload, ReadResponse as _, WriteResponse as _,
};
use generated::srv;
use tests::fixtures::wsdl_wsdot_ferry::{AlertResponse, Client, GetAllAlertsResponse, op};
use tests::hostile::hostile_bodies;
use tests::measure::{Counting, interleaved_ratio, median_time, mib, peak_of};

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// `count` alerts, every fourth with its optional members absent and its date nil.
fn alerts(count: usize) -> GetAllAlertsResponse {
    let date: DateTime = "2026-11-29T06:45:00-08:00".parse().expect("a dateTime");
    let record = |i: usize| {
        let full = !i.is_multiple_of(4);
        let text = |what: &str| full.then(|| format!("{what} {i} & co"));
        Some(AlertResponse {
            bulletin_id: i as i32,
            bulletin_flag: i.is_multiple_of(2),
            bulletin_text: text("Bulletin"),
            communication_flag: i.is_multiple_of(3),
            communication_text: text("Communication"),
            route_alert_flag: true,
            route_alert_text: text("Route alert"),
            homepage_alert_text: text("Homepage"),
            publish_date: full.then_some(date),
            disruption_description: text("Disruption"),
            all_routes_flag: false,
            sort_seq: (i % 100) as i32,
            alert_type_id: (i % 7) as i32,
            alert_type: full.then(|| "Bulletin".to_owned()),
            alert_full_title: text("Title"),
            affected_route_ids: Some(vec![1, 5, i as i32 % 20]),
        })
    };
    GetAllAlertsResponse {
        get_all_alerts_result: Some((0..count).map(record).collect()),
    }
}

fn parse(body: &str) {
    drop(black_box(
        roxmltree::Document::parse(body).expect("well-formed"),
    ));
}

/// Every event of the body, as a streaming reader sees it: no tree, texts decoded, each
/// attribute checked.
fn stream(body: &str) {
    let mut reader = quick_xml::Reader::from_str(body);
    loop {
        match reader.read_event().expect("well-formed") {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Start(start) | quick_xml::events::Event::Empty(start) => {
                for attribute in start.attributes() {
                    black_box(attribute.expect("an attribute"));
                }
            }
            quick_xml::events::Event::Text(text) => {
                black_box(text.xml_content(quick_xml::XmlVersion::Implicit1_0));
            }
            other => drop(black_box(other)),
        }
    }
}

fn decode(payload: &Payload) {
    drop(black_box(
        GetAllAlertsResponse::read_response(BindingKind::Soap11, payload).expect("it reads"),
    ));
}

fn http_response(body: &str) -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(200)
        .header("Content-Type", "text/xml; charset=utf-8")
        .body(body.as_bytes().to_vec())
        .expect("a response")
}

fn main() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("criterion");
    let mut criterion = Criterion::default()
        .output_directory(&dir)
        .sample_size(10)
        .configure_from_args();
    let value = alerts(10_000);
    // Sixteen members' tags come to about 600 bytes a record, more than a 4 MiB body holds:
    // the limit is raised, as a user of such a service would.
    let limits = Limits {
        body: 8 * 1024 * 1024,
        ..Limits::default()
    };
    let payload = value
        .write_response(BindingKind::Soap11)
        .expect("it writes")
        .with_limits(limits);
    let body = payload.body.clone();
    assert_eq!(
        GetAllAlertsResponse::read_response(BindingKind::Soap11, &payload).expect("it reads"),
        value,
        "the body reads back"
    );
    let client = Client::new("http://127.0.0.1:1/ferries/schedule/Default.asmx")
        .expect("a client")
        .with_binding(BindingKind::Soap11)
        .with_limits(limits);
    // The client takes the HTTP response: each run is handed one made beforehand, so that
    // copying the body into it is not counted.
    let responses = |count: usize| (0..count).map(|_| http_response(&body)).collect::<Vec<_>>();
    let through_client = |response| {
        drop(black_box(
            client
                .response(op::GetAllAlerts, response)
                .expect("it reads"),
        ))
    };
    {
        let mut group = criterion.benchmark_group("decode-10000-alerts");
        group.bench_function("roxmltree parse (baseline)", |b| b.iter(|| parse(&body)));
        group.bench_function("quick-xml events, no tree", |b| b.iter(|| stream(&body)));
        group.bench_function("sans-IO read_response", |b| b.iter(|| decode(&payload)));
        group.bench_function("client, from the HTTP response", |b| {
            b.iter_batched(
                || http_response(&body),
                through_client,
                criterion::BatchSize::PerIteration,
            )
        });
        group.finish();
    }
    criterion.final_summary();

    let rounds = 9;
    let size = body.len();
    println!(
        "\nGetAllAlerts, 10 000 records ({:.2} MiB), medians of {rounds} rounds, this run:",
        mib(size)
    );
    println!(
        "  {:<32} {:>9} {:>7} {:>8} {:>12} {:>7}",
        "", "time", "MB/s", "/ parse", "peak memory", "/ body"
    );
    let row = |name: &str, time: Duration, ratio: f64, peak: usize| {
        println!(
            "  {name:<32} {:>6.1} ms {:>7.0} {ratio:>7.2}x {:>8.1} MiB {:>6.2}x",
            time.as_secs_f64() * 1000.0,
            size as f64 / 1e6 / time.as_secs_f64(),
            mib(peak),
            peak as f64 / size as f64
        )
    };
    let baseline = || parse(&body);
    row(
        "roxmltree parse (baseline)",
        median_time(rounds, baseline),
        1.0,
        peak_of(baseline),
    );
    row(
        "quick-xml events, no tree",
        median_time(rounds, || stream(&body)),
        interleaved_ratio(rounds, || stream(&body), baseline),
        peak_of(|| stream(&body)),
    );
    row(
        "sans-IO read_response",
        median_time(rounds, || decode(&payload)),
        interleaved_ratio(rounds, || decode(&payload), baseline),
        peak_of(|| decode(&payload)),
    );
    let mut prepared = responses(2 * rounds + 1);
    let mut next = || through_client(prepared.pop().expect("one for each round"));
    let time = median_time(rounds, &mut next);
    let ratio = interleaved_ratio(rounds, &mut next, baseline);
    let response = http_response(&body);
    row(
        "client, from the HTTP response",
        time,
        ratio,
        peak_of(|| through_client(response)),
    );

    println!("\nhostile bodies through srv.asmx's client (HTTP GET), medians of 3 rounds:");
    println!(
        "  {:<72} {:>9} {:>9} {:>12}  outcome",
        "", "size", "time", "peak memory"
    );
    let srv = srv::Client::new("http://127.0.0.1:1")
        .expect("a client")
        .with_binding(BindingKind::HttpGet);
    for hostile in hostile_bodies() {
        let answer = |response| srv.response(srv::op::LogOut, response);
        let mut prepared: Vec<_> = (0..3).map(|_| http_response(&hostile.body)).collect();
        let time = median_time(3, || {
            drop(black_box(answer(prepared.pop().expect("one a round"))))
        });
        let response = http_response(&hostile.body);
        let peak = peak_of(|| drop(black_box(answer(response))));
        let outcome = match (answer(http_response(&hostile.body)), hostile.refused_by) {
            (Err(srv::Error::Decode { error, .. }), Some(_)) => error.to_string(),
            (Ok(_) | Err(srv::Error::Service(_)), None) => "read".to_owned(),
            (other, expected) => panic!("{}: {other:?}, not {expected:?}", hostile.what),
        };
        println!(
            "  {:<72} {:>5.1} MiB {:>6.1} ms {:>8.1} MiB  {outcome}",
            hostile.what,
            mib(hostile.body.len()),
            time.as_secs_f64() * 1000.0,
            mib(peak)
        );
    }
}
