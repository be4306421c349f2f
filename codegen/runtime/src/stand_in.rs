//! The dispatcher as an `axum` router, and a stand-in server that runs one on a thread of its
//! own: a test starts a generated service's stand-in on loopback, calls it with the generated
//! client, and stops it by dropping it.

use std::net::SocketAddr;

use super::limits::Limits;
use super::server::{HttpResponse, too_large};

/// The router type: `axum`'s.
pub use axum::Router;

/// A router that answers every request with `dispatch`, bodies longer than `body_limit`
/// refused before they are read whole.
pub fn router<F>(dispatch: F, body_limit: usize) -> axum::Router
where
    F: Fn(&http::Request<Vec<u8>>) -> HttpResponse + Clone + Send + Sync + 'static,
{
    axum::Router::new().fallback(move |request: axum::extract::Request| {
        let dispatch = dispatch.clone();
        async move {
            let (parts, body) = request.into_parts();
            let response = match axum::body::to_bytes(body, body_limit).await {
                Ok(bytes) => dispatch(&http::Request::from_parts(parts, bytes.to_vec())),
                Err(_) => too_large(body_limit),
            };
            response.map(axum::body::Body::from)
        }
    })
}

/// A router of `server`, which `dispatch` answers with (a generated service's `dispatch`),
/// within the default [`Limits`].
pub fn router_of<S: Send + Sync + 'static>(
    server: S,
    dispatch: fn(&S, &http::Request<Vec<u8>>, &Limits) -> HttpResponse,
) -> axum::Router {
    let server = std::sync::Arc::new(server);
    let limits = Limits::default();
    router(
        move |request| dispatch(&server, request, &limits),
        limits.body,
    )
}

/// A server on a thread of its own, serving a router until it is dropped.
pub struct StandIn {
    addr: SocketAddr,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl StandIn {
    /// Serves `router` on 127.0.0.1, on a port the system chooses.
    pub fn start(router: axum::Router) -> std::io::Result<StandIn> {
        StandIn::start_on(SocketAddr::from(([127, 0, 0, 1], 0)), router)
    }

    /// Serves `router` on `addr` (port 0 for any free port).
    pub fn start_on(addr: SocketAddr, router: axum::Router) -> std::io::Result<StandIn> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()?;
        let listener = runtime.block_on(tokio::net::TcpListener::bind(addr))?;
        let addr = listener.local_addr()?;
        let (shutdown, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            runtime.block_on(async move {
                let _ = axum::serve(listener, router)
                    .with_graceful_shutdown(async move {
                        let _ = stopped.await;
                    })
                    .await;
            });
        });
        Ok(StandIn {
            addr,
            shutdown: Some(shutdown),
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
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
