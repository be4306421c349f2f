//! The stand-in under load, from bounded clients in the same run: requests per second and
//! latency percentiles of Sejour's Logout (HTTP POST, keep-alive) through the generated
//! router, beside a bare `axum` handler that answers the same bytes on the same socket loop
//! (the ceiling); then the latency of a Logout while other clients post bodies at the limit
//! (4 MiB envelopes, within every limit), which the router reads off the workers. The
//! figures are printed; `README.md` records those of a run.

use std::io::Write;
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use generated::runtime::server::{Call, Fault, ServeOptions, StandIn};
use generated::sejour;
use tests::raw_http;

struct Sejour;

impl sejour::Server for Sejour {
    async fn logout(
        self: Arc<Self>,
        _request: sejour::LogoutRequest,
        _call: Arc<Call>,
    ) -> Result<sejour::LogoutResponse, Fault> {
        Ok(sejour::LogoutResponse {})
    }
}

const LOGOUT: &[u8] = b"POST /swsproxy/Authentication.asmx/Logout HTTP/1.1\r\nHost: x\r\n\
    Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 10\r\n\r\ntoken=good";

/// How long each load runs.
const RUN: Duration = Duration::from_secs(3);
/// The clients that call a Logout over and over.
const CLIENTS: usize = 4;

fn start(router: axum::Router) -> StandIn {
    StandIn::start_with(
        SocketAddr::from(([127, 0, 0, 1], 0)),
        router,
        ServeOptions::default(),
    )
    .expect("the stand-in starts")
}

/// A router that answers every request with the bytes the generated one gives a Logout.
fn bare(answer: Vec<u8>) -> axum::Router {
    axum::Router::new().fallback(move |request: axum::extract::Request| {
        let answer = answer.clone();
        async move {
            let _ = axum::body::to_bytes(request.into_body(), 1 << 20).await;
            axum::http::Response::builder()
                .header("content-type", "text/xml; charset=utf-8")
                .body(axum::body::Body::from(answer))
                .expect("a response")
        }
    })
}

/// Logouts by `clients` threads for `RUN`: every latency, in microseconds.
fn load(addr: SocketAddr, clients: usize, pause: Duration) -> Vec<u64> {
    let threads: Vec<_> = (0..clients)
        .map(|_| {
            std::thread::spawn(move || {
                let mut stream = TcpStream::connect(addr).expect("connects");
                stream.set_nodelay(true).expect("nodelay");
                let mut buffer = Vec::new();
                let mut latencies = Vec::new();
                let until = Instant::now() + RUN;
                while Instant::now() < until {
                    let started = Instant::now();
                    stream.write_all(LOGOUT).expect("sends");
                    raw_http::read_response(&mut stream, &mut buffer).expect("a response");
                    latencies.push(started.elapsed().as_micros() as u64);
                    std::thread::sleep(pause);
                }
                latencies
            })
        })
        .collect();
    let mut all: Vec<u64> = threads
        .into_iter()
        .flat_map(|t| t.join().expect("a client"))
        .collect();
    all.sort_unstable();
    all
}

fn percentile(sorted: &[u64], p: f64) -> f64 {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index] as f64 / 1000.0
}

fn report(what: &str, latencies: &[u64]) -> f64 {
    let rate = latencies.len() as f64 / RUN.as_secs_f64();
    println!(
        "{what:<46} {rate:>9.0} req/s   p50 {:>7.2} ms   p99 {:>7.2} ms   max {:>7.2} ms",
        percentile(latencies, 0.5),
        percentile(latencies, 0.99),
        percentile(latencies, 1.0),
    );
    rate
}

/// Clients that post envelopes just under the body limit, over and over, until `stop`.
fn flood(
    addr: SocketAddr,
    clients: usize,
    stop: Arc<AtomicBool>,
) -> Vec<std::thread::JoinHandle<usize>> {
    let limit = generated::runtime::Limits::default().body;
    let open = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><Logout xmlns="http://www.sansejour.com/"><token>"#;
    let close = "</token></Logout></s:Body></s:Envelope>";
    let body = format!(
        "{open}{}{close}",
        "x".repeat(limit - open.len() - close.len() - 16)
    );
    let request = format!(
        "POST /swsproxy/Authentication.asmx HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml; charset=utf-8\r\n\
         SOAPAction: \"http://www.sansejour.com/Logout\"\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes();
    let request = Arc::new(request);
    (0..clients)
        .map(|_| {
            let (stop, request) = (stop.clone(), request.clone());
            std::thread::spawn(move || {
                let mut stream = TcpStream::connect(addr).expect("connects");
                let mut buffer = Vec::new();
                let mut sent = 0;
                while !stop.load(Ordering::Relaxed) {
                    stream.write_all(&request).expect("sends");
                    raw_http::read_response(&mut stream, &mut buffer).expect("a response");
                    sent += 1;
                }
                sent
            })
        })
        .collect()
}

fn main() {
    // What the generated router answers a Logout, for the bare handler to answer too.
    let generated = start(sejour::router(Sejour));
    let mut stream = TcpStream::connect(generated.addr()).expect("connects");
    stream.write_all(LOGOUT).expect("sends");
    let mut answer = Vec::new();
    raw_http::read_response(&mut stream, &mut answer).expect("a response");
    let bare_in = start(bare(raw_http::body(&answer).to_vec()));

    println!(
        "{CLIENTS} clients on keep-alive connections, {} s each:",
        RUN.as_secs()
    );
    let ceiling = report(
        "bare axum handler (ceiling)",
        &load(bare_in.addr(), CLIENTS, Duration::ZERO),
    );
    let served = report(
        "generated router, Sejour Logout",
        &load(generated.addr(), CLIENTS, Duration::ZERO),
    );
    println!("generated / ceiling: {:.2} of the rate", served / ceiling);

    let quiet = load(generated.addr(), 1, Duration::from_millis(2));
    report("one Logout client, quiet", &quiet);
    for posting in [2, 4] {
        let stop = Arc::new(AtomicBool::new(false));
        let flooders = flood(generated.addr(), posting, stop.clone());
        std::thread::sleep(Duration::from_millis(200));
        let loaded = load(generated.addr(), 1, Duration::from_millis(2));
        stop.store(true, Ordering::Relaxed);
        let posted: usize = flooders
            .into_iter()
            .map(|t| t.join().expect("a flooder"))
            .sum();
        report(
            &format!("one Logout client, {posting} posting 4 MiB bodies"),
            &loaded,
        );
        println!("  ({posted} bodies of 4 MiB read meanwhile)");
    }
}
