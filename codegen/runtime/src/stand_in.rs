//! The server half on a socket: an `axum` router that answers every request by a generated
//! service's `Server`, and [`StandIn`], which serves a router on a thread of its own until it
//! is dropped, as a test or a small deployment needs it.
//!
//! What a hostile or broken client can do to a server is bounded here ([`ServeOptions`]): a
//! request head must arrive within [`ServeOptions::header_read_timeout`], a body within
//! [`ServeOptions::body_read_timeout`], a keep-alive connection may wait for its next request
//! [`ServeOptions::idle_timeout`], and at most [`ServeOptions::max_connections`] are open at
//! once: when they are all taken, the one that has waited longest for a request is closed for
//! a new one, so that slow clients cannot keep out a quick one. A body declared longer than
//! `Limits::body` is refused before it is read. Large bodies are read on threads of their own,
//! fewer than the cores, so that parsing them holds up neither accepting nor other requests;
//! the `Server`'s methods, being async, run on the runtime's workers.

use std::net::SocketAddr;
use std::pin::pin;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use http::{HeaderMap, StatusCode, header};
use http_body_util::BodyExt;
use tokio::sync::{Notify, Semaphore, watch};
use tokio::time::Instant;

use super::limits::Limits;
use super::server::{Answer, HttpResponse, Received, reply, text_response, too_large};

/// The router type: `axum`'s.
pub use axum::Router;

/// Bodies up to this size are read where the request is served: parsing them takes less time
/// than handing them to another thread.
const READ_IN_PLACE: usize = 16 * 1024;

/// How long a stopping server gives its connections to finish what they are answering.
const STOP_GRACE: Duration = Duration::from_secs(5);

/// The limits of a served connection. The defaults suit a service on a network: a head within
/// 10 s, a body within 30 s, 60 s of keep-alive, 512 connections (well under the common limit
/// of 1 024 open files).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ServeOptions {
    header_read_timeout: Duration,
    body_read_timeout: Duration,
    idle_timeout: Duration,
    max_connections: usize,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            header_read_timeout: Duration::from_secs(10),
            body_read_timeout: Duration::from_secs(30),
            idle_timeout: Duration::from_secs(60),
            max_connections: 512,
        }
    }
}

impl ServeOptions {
    /// How long a request's head may take to arrive, from a new connection's start or the
    /// first byte of a request on a kept-alive one. A connection past it is closed.
    pub fn header_read_timeout(mut self, timeout: Duration) -> Self {
        self.header_read_timeout = timeout;
        self
    }

    /// How long a request's body may take to arrive once its head has: past it the request is
    /// answered `408 Request Timeout` and its connection closed.
    pub fn body_read_timeout(mut self, timeout: Duration) -> Self {
        self.body_read_timeout = timeout;
        self
    }

    /// How long a kept-alive connection may wait for its next request (or for its client to
    /// take the last response) before it is closed.
    pub fn idle_timeout(mut self, timeout: Duration) -> Self {
        self.idle_timeout = timeout;
        self
    }

    /// How many connections may be open at once (at least one).
    pub fn max_connections(mut self, max: usize) -> Self {
        self.max_connections = max.max(1);
        self
    }

    /// The header-read timeout.
    pub fn header_read(&self) -> Duration {
        self.header_read_timeout
    }

    /// The body-read timeout.
    pub fn body_read(&self) -> Duration {
        self.body_read_timeout
    }

    /// The idle timeout.
    pub fn idle(&self) -> Duration {
        self.idle_timeout
    }

    /// The cap on open connections.
    pub fn connections(&self) -> usize {
        self.max_connections
    }
}

/// A router that answers every request by `server`, reading `Q`, the service's generated
/// `Request`, within `limits`: the generated `router` calls it with the default limits.
/// Served by [`StandIn`], it reads bodies within the [`ServeOptions`] it is served with; served
/// otherwise (`axum::serve`), within the default ones.
pub fn router<S, Q>(server: S, limits: Limits) -> Router
where
    S: Send + Sync + 'static,
    Q: Answer<S>,
{
    let server = Arc::new(server);
    let readers = Arc::new(Semaphore::new(readers()));
    Router::new().fallback(move |request: axum::extract::Request| {
        let (server, readers) = (server.clone(), readers.clone());
        async move {
            answer::<S, Q>(&server, &readers, request, &limits)
                .await
                .map(axum::body::Body::from)
        }
    })
}

/// How many large bodies are read at once: one fewer than the cores, and at least one, so
/// that one core is always left to accept and answer.
fn readers() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get().saturating_sub(1))
        .max(1)
}

/// Reads a request's body within the limits, then answers it as [`super::server::dispatch`]
/// does, a large body read off the runtime's workers.
async fn answer<S, Q>(
    server: &Arc<S>,
    readers: &Semaphore,
    request: axum::extract::Request,
    limits: &Limits,
) -> HttpResponse
where
    S: Send + Sync + 'static,
    Q: Answer<S>,
{
    let options = request
        .extensions()
        .get::<ServeOptions>()
        .copied()
        .unwrap_or_default();
    let (parts, body) = request.into_parts();
    // A body declared longer than the limit is refused before a byte of it is read: no
    // `100 Continue` invites it.
    if declared_length(&parts.headers).is_some_and(|length| length > limits.body as u64) {
        return closing(too_large(limits.body));
    }
    let body = match tokio::time::timeout(options.body_read(), read_body(body, limits.body)).await {
        Ok(Ok(body)) => body,
        Ok(Err(BodyError::TooLong)) => return closing(too_large(limits.body)),
        Ok(Err(BodyError::Malformed(problem))) => return closing(malformed(&problem)),
        Err(_) => return closing(body_timed_out(options.body_read())),
    };
    let request = http::Request::from_parts(parts, body);
    let received = if request.body().len() <= READ_IN_PLACE {
        Q::receive(request, limits)
    } else {
        let Ok(_reader) = readers.acquire().await else {
            return unavailable();
        };
        let limits = *limits;
        match tokio::task::spawn_blocking(move || Q::receive(request, &limits)).await {
            Ok(received) => received,
            Err(_) => return unavailable(),
        }
    };
    match received {
        Received::Request(call, request) => {
            let call = Arc::new(call);
            let answer = request.answer(server.clone(), call.clone()).await;
            reply(&call, answer)
        }
        Received::Refused(refusal) => refusal,
    }
}

/// The length a request's `Content-Length` declares, if it declares one that reads.
fn declared_length(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(header::CONTENT_LENGTH)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// Why a body was not read whole.
enum BodyError {
    /// It goes past the limit.
    TooLong,
    /// Its framing is broken (a chunk size that is no number, a connection closed short of
    /// the declared length): what the HTTP layer says.
    Malformed(String),
}

/// The body's bytes, up to `limit`.
async fn read_body(mut body: axum::body::Body, limit: usize) -> Result<Vec<u8>, BodyError> {
    let mut bytes = Vec::new();
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|error| BodyError::Malformed(error.to_string()))?;
        if let Ok(data) = frame.into_data() {
            if bytes.len() + data.len() > limit {
                return Err(BodyError::TooLong);
            }
            bytes.extend_from_slice(&data);
        }
    }
    Ok(bytes)
}

/// `response`, with its connection closed after it: what is left of the request's body is not
/// read.
fn closing(mut response: HttpResponse) -> HttpResponse {
    response
        .headers_mut()
        .insert(header::CONNECTION, http::HeaderValue::from_static("close"));
    response
}

fn plain(status: StatusCode, message: String) -> HttpResponse {
    text_response(status, "text/plain; charset=utf-8", message)
}

/// The refusal of a body whose framing is broken.
fn malformed(problem: &str) -> HttpResponse {
    plain(
        StatusCode::BAD_REQUEST,
        format!(
            "Bad Request: the body cannot be read ({}).",
            super::error::shown(problem)
        ),
    )
}

/// The refusal of a body that did not arrive in time.
fn body_timed_out(timeout: Duration) -> HttpResponse {
    plain(
        StatusCode::REQUEST_TIMEOUT,
        format!(
            "Request Timeout: the body did not arrive within {} ms (`ServeOptions::body_read_timeout`).",
            timeout.as_millis()
        ),
    )
}

/// The answer of a server that is stopping.
fn unavailable() -> HttpResponse {
    plain(
        StatusCode::SERVICE_UNAVAILABLE,
        "Service Unavailable: the server is stopping.".to_owned(),
    )
}

/// A server on a thread of its own, serving a router until it is dropped.
pub struct StandIn {
    addr: SocketAddr,
    stop: Option<watch::Sender<bool>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl StandIn {
    /// Serves `router` on 127.0.0.1, on a port the system chooses, with the default
    /// [`ServeOptions`].
    pub fn start(router: Router) -> std::io::Result<StandIn> {
        StandIn::start_on(SocketAddr::from(([127, 0, 0, 1], 0)), router)
    }

    /// Serves `router` on `addr` (port 0 for any free port).
    pub fn start_on(addr: SocketAddr, router: Router) -> std::io::Result<StandIn> {
        StandIn::start_with(addr, router, ServeOptions::default())
    }

    /// Serves `router` on `addr` within `options`.
    pub fn start_with(
        addr: SocketAddr,
        router: Router,
        options: ServeOptions,
    ) -> std::io::Result<StandIn> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()?;
        let listener = runtime.block_on(tokio::net::TcpListener::bind(addr))?;
        let addr = listener.local_addr()?;
        let (stop, stopped) = watch::channel(false);
        let thread = std::thread::spawn(move || {
            runtime.block_on(serve(listener, router, options, stopped));
            runtime.shutdown_timeout(Duration::from_secs(1));
        });
        Ok(StandIn {
            addr,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// The address it serves on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`, the base URL to give a client.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for StandIn {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(true);
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// What a connection is doing, for its timeouts and for choosing one to close.
#[derive(Clone, Copy, Debug)]
enum Phase {
    /// Reading a request's head, since then.
    Head(Instant),
    /// Answering a request (reading its body among it).
    Busy,
    /// Waiting for the next request, or for its client to take the last response, since then.
    Idle(Instant),
}

/// A connection's phase, shared by its socket, its requests and the server.
struct Tracker {
    phase: Mutex<Phase>,
    evicted: AtomicBool,
    evict: Notify,
}

impl Tracker {
    fn phase(&self) -> Phase {
        *self
            .phase
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn set(&self, phase: Phase) {
        *self
            .phase
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = phase;
    }

    /// Bytes arrived: an idle connection starts a request's head.
    fn read(&self) {
        let mut phase = self
            .phase
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Phase::Idle(_) = *phase {
            *phase = Phase::Head(Instant::now());
        }
    }

    /// Since when it has waited for a request, if it is waiting for one.
    fn waiting_since(&self) -> Option<Instant> {
        match self.phase() {
            Phase::Head(since) | Phase::Idle(since) => Some(since),
            Phase::Busy => None,
        }
    }

    /// When its phase's timeout ends: none while it answers a request, which the body's own
    /// timeout bounds.
    fn deadline(&self, options: ServeOptions) -> Option<Instant> {
        match self.phase() {
            Phase::Head(since) => Some(since + options.header_read()),
            Phase::Idle(since) => Some(since + options.idle()),
            Phase::Busy => None,
        }
    }

    /// Resolves when the connection has outlived its phase's timeout, or was chosen to close.
    async fn expired(&self, options: ServeOptions) {
        loop {
            let deadline = self.deadline(options);
            if deadline.is_some_and(|deadline| deadline <= Instant::now()) {
                return;
            }
            // A busy connection is looked at again later.
            let wake = deadline.unwrap_or_else(|| Instant::now() + options.header_read());
            tokio::select! {
                () = tokio::time::sleep_until(wake) => {}
                () = self.evict.notified() => return,
            }
        }
    }
}

/// A socket whose reads a tracker hears of.
struct Watched {
    stream: tokio::net::TcpStream,
    tracker: Arc<Tracker>,
}

impl tokio::io::AsyncRead for Watched {
    fn poll_read(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let polled = std::pin::Pin::new(&mut self.stream).poll_read(cx, buf);
        if buf.filled().len() > before {
            self.tracker.read();
        }
        polled
    }
}

impl tokio::io::AsyncWrite for Watched {
    fn poll_write(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        std::pin::Pin::new(&mut self.stream).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> std::task::Poll<std::io::Result<usize>> {
        std::pin::Pin::new(&mut self.stream).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}

/// The open connections, by number.
#[derive(Default)]
struct Connections {
    open: Mutex<std::collections::HashMap<u64, Arc<Tracker>>>,
    next: AtomicU64,
}

impl Connections {
    fn open(&self) -> std::sync::MutexGuard<'_, std::collections::HashMap<u64, Arc<Tracker>>> {
        self.open
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn add(&self) -> (u64, Arc<Tracker>) {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let tracker = Arc::new(Tracker {
            phase: Mutex::new(Phase::Head(Instant::now())),
            evicted: AtomicBool::new(false),
            evict: Notify::new(),
        });
        self.open().insert(id, tracker.clone());
        (id, tracker)
    }

    fn remove(&self, id: u64) {
        self.open().remove(&id);
    }

    /// Closes the connection that has waited longest for a request, if one is waiting.
    fn evict_longest_waiting(&self) {
        let open = self.open();
        let longest = open
            .values()
            .filter(|tracker| !tracker.evicted.load(Ordering::Relaxed))
            .filter_map(|tracker| Some((tracker.waiting_since()?, tracker)))
            .min_by_key(|(since, _)| *since);
        if let Some((_, tracker)) = longest {
            tracker.evicted.store(true, Ordering::Relaxed);
            tracker.evict.notify_one();
        }
    }
}

/// Accepts connections on `listener` and serves `router` on each until `stopped` says so.
async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    options: ServeOptions,
    mut stopped: watch::Receiver<bool>,
) {
    let slots = Arc::new(Semaphore::new(options.connections()));
    let connections = Arc::new(Connections::default());
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = stopped.changed() => break,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            // Out of files or memory for the moment: let connections finish, then go on.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            }
        };
        let permit = loop {
            if let Ok(permit) = slots.clone().try_acquire_owned() {
                break Some(permit);
            }
            // Every slot is taken: make room by the connection that has waited longest for a
            // request; if all are answering, wait for one to finish.
            connections.evict_longest_waiting();
            tokio::select! {
                permit = slots.clone().acquire_owned() => break permit.ok(),
                () = tokio::time::sleep(Duration::from_millis(100)) => {}
                _ = stopped.changed() => break None,
            }
        };
        let Some(permit) = permit else { break };
        let _ = stream.set_nodelay(true);
        let (id, tracker) = connections.add();
        let (router, connections, stopped) = (router.clone(), connections.clone(), stopped.clone());
        tokio::spawn(async move {
            connection(stream, router, options, tracker, stopped).await;
            connections.remove(id);
            drop(permit);
        });
    }
    // Stopping: every connection finishes what it is answering, within a grace period.
    let all = u32::try_from(options.connections()).unwrap_or(u32::MAX);
    let _ = tokio::time::timeout(STOP_GRACE, slots.acquire_many(all)).await;
}

/// Serves one connection, within its timeouts, until it closes, expires or the server stops.
async fn connection(
    stream: tokio::net::TcpStream,
    router: Router,
    options: ServeOptions,
    tracker: Arc<Tracker>,
    mut stopped: watch::Receiver<bool>,
) {
    let io = hyper_util::rt::TokioIo::new(Watched {
        stream,
        tracker: tracker.clone(),
    });
    let requests = tracker.clone();
    let service =
        hyper::service::service_fn(move |mut request: http::Request<hyper::body::Incoming>| {
            requests.set(Phase::Busy);
            request.extensions_mut().insert(options);
            // An `axum` router is always ready: it is called without asking.
            let answered = tower_service::Service::call(&mut router.clone(), request);
            let requests = requests.clone();
            async move {
                let response = answered.await;
                requests.set(Phase::Idle(Instant::now()));
                response
            }
        });
    let mut conn = pin!(
        hyper::server::conn::http1::Builder::new()
            .keep_alive(true)
            .serve_connection(io, service)
    );
    tokio::select! {
        _ = conn.as_mut() => {}
        () = tracker.expired(options) => {}
        _ = stopped.changed() => {
            conn.as_mut().graceful_shutdown();
            let _ = tokio::time::timeout(STOP_GRACE, conn.as_mut()).await;
        }
    }
}
