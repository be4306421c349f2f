//! Loopback stand-ins of the four services, as their pages describe them: for the end-to-end
//! tests, and for trying the clients without the vendors. They read requests and write
//! responses with the generated crate's own codecs, so anything the pages' samples show is
//! understood, whatever the prefixes.
//!
//! Sessions are opened from test code ([`StandIns::sejour_session`] and the like) or, for the
//! command-line server, with `POST /stand-in/sessions/{service}`.

mod cebes;
mod sejour;
mod srv;
mod xweb;

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, RandomState};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use generated::runtime::{BindingKind, FaultCode, Guid, Payload, SoapFault, SoapVersion};

/// Where each service lives on the stand-ins' address.
pub mod paths {
    /// Sejour's ASMX service (SOAP 1.1 and 1.2; `/Logout` for HTTP GET and POST).
    pub const SEJOUR: &str = "/swsproxy/Authentication.asmx";
    /// xWeb's SOAP endpoint, as its WSDL gives it (`/WebLogout` for HTTP GET and POST).
    pub const XWEB_SOAP: &str = "/netFORUMUpgrade2010Demo/xweb/secure/netForumXML.asmx";
    /// The base of Cebes's Web API, to which the route `Session/Logout` is added.
    pub const CEBES_BASE: &str = "/h2h/api";
}

/// The sessions each stand-in knows.
#[derive(Default)]
pub struct Sessions {
    sejour: Mutex<HashSet<String>>,
    xweb_authorization: Mutex<HashSet<String>>,
    xweb_users: Mutex<HashSet<String>>,
    cebes: Mutex<HashMap<String, String>>,
    srv: Mutex<HashSet<String>>,
    counter: AtomicU64,
    random: RandomState,
}

/// What xWeb needs for a logout: the integration's authorization token (a SOAP header) and
/// the user's authentication token.
#[derive(Clone, Debug)]
pub struct XwebSession {
    /// The `AuthorizationToken/Token` header value; each call rotates it.
    pub authorization_token: String,
    /// The user's token, which `WebLogout` destroys.
    pub authentication_token: String,
}

/// What Cebes needs for a logout.
#[derive(Clone, Debug)]
pub struct CebesSession {
    /// The access token from the login.
    pub access_token: String,
    /// The user.
    pub user_id: String,
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Sessions {
    /// A fresh token, GUID-shaped as the vendors' are.
    pub fn token(&self) -> String {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        let high = self.random.hash_one((n, "high"));
        let low = self.random.hash_one((n, "low"));
        Guid::from_u64_pair(high, low).hyphenated().to_string()
    }

    /// Opens a Sejour session.
    pub fn sejour(&self) -> String {
        let token = self.token();
        lock(&self.sejour).insert(token.clone());
        token
    }

    /// Opens an xWeb session: a valid authorization token and a logged-in user.
    pub fn xweb(&self) -> XwebSession {
        let session = XwebSession {
            authorization_token: self.token(),
            authentication_token: self.token(),
        };
        lock(&self.xweb_authorization).insert(session.authorization_token.clone());
        lock(&self.xweb_users).insert(session.authentication_token.clone());
        session
    }

    /// Opens a Cebes session.
    pub fn cebes(&self) -> CebesSession {
        let session = CebesSession {
            access_token: self.token(),
            user_id: format!("user-{}", self.counter.load(Ordering::Relaxed)),
        };
        lock(&self.cebes).insert(session.access_token.clone(), session.user_id.clone());
        session
    }

    /// Opens a srv.asmx session and returns its ticket.
    pub fn srv(&self) -> String {
        let ticket = self.token();
        lock(&self.srv).insert(ticket.clone());
        ticket
    }
}

/// The stand-ins, serving on a thread of their own until dropped.
pub struct StandIns {
    addr: SocketAddr,
    sessions: Arc<Sessions>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl StandIns {
    /// Starts the stand-ins on `addr` (port 0 for any free port).
    pub fn start(addr: SocketAddr) -> std::io::Result<StandIns> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()?;
        let listener = runtime.block_on(tokio::net::TcpListener::bind(addr))?;
        let addr = listener.local_addr()?;
        let sessions = Arc::new(Sessions::default());
        let (shutdown, stopped) = tokio::sync::oneshot::channel::<()>();
        let app = router(sessions.clone());
        let thread = std::thread::spawn(move || {
            runtime.block_on(async move {
                let _ = axum::serve(listener, app)
                    .with_graceful_shutdown(async move {
                        let _ = stopped.await;
                    })
                    .await;
            });
        });
        Ok(StandIns {
            addr,
            sessions,
            shutdown: Some(shutdown),
            thread: Some(thread),
        })
    }

    /// The address they serve on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The sessions, to open some.
    pub fn sessions(&self) -> &Sessions {
        &self.sessions
    }
}

impl Drop for StandIns {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Every route of the four stand-ins, and the one that opens sessions.
pub fn router(sessions: Arc<Sessions>) -> Router {
    Router::new()
        .route(paths::SEJOUR, post(sejour::soap))
        .route(
            &format!("{}/Logout", paths::SEJOUR),
            axum::routing::get(sejour::http).post(sejour::http),
        )
        .route(paths::XWEB_SOAP, post(xweb::soap))
        .route(
            &format!("{}/WebLogout", paths::XWEB_SOAP),
            axum::routing::get(xweb::http).post(xweb::http),
        )
        .route(
            "/xweb/JSON/WebLogout",
            axum::routing::get(xweb::json).post(xweb::json),
        )
        .route(
            &format!("{}/Session/Logout", paths::CEBES_BASE),
            post(cebes::logout),
        )
        .route("/srv.asmx", post(srv::soap))
        .route(
            "/srv.asmx/LogOut",
            axum::routing::get(srv::http).post(srv::http),
        )
        .route("/stand-in/sessions/{service}", post(open_session))
        .with_state(sessions)
}

/// `POST /stand-in/sessions/{service}`: opens a session and answers with its tokens as JSON.
async fn open_session(
    State(sessions): State<Arc<Sessions>>,
    Path(service): Path<String>,
) -> Response {
    let json = match service.as_str() {
        "sejour" => format!(r#"{{"token":"{}"}}"#, sessions.sejour()),
        "xweb" => {
            let session = sessions.xweb();
            format!(
                r#"{{"authorizationToken":"{}","authenticationToken":"{}"}}"#,
                session.authorization_token, session.authentication_token
            )
        }
        "cebes" => {
            let session = sessions.cebes();
            format!(
                r#"{{"accessToken":"{}","userID":"{}"}}"#,
                session.access_token, session.user_id
            )
        }
        "srv" => format!(r#"{{"ticket":"{}"}}"#, sessions.srv()),
        other => {
            return (
                StatusCode::NOT_FOUND,
                format!("no stand-in is called {other}: sejour, xweb, cebes, srv"),
            )
                .into_response();
        }
    };
    reply(StatusCode::OK, "application/json; charset=utf-8", json)
}

/// A response with a body of a media type.
pub fn reply(status: StatusCode, content_type: &str, body: String) -> Response {
    let mut response = (status, body).into_response();
    if let Ok(value) = content_type.parse() {
        response.headers_mut().insert(header::CONTENT_TYPE, value);
    }
    response
}

/// A generated message's payload as a 200 response; an empty payload has no body.
pub fn ok(payload: Payload, content_type: &str) -> Response {
    if payload.body.is_empty() {
        StatusCode::OK.into_response()
    } else {
        reply(StatusCode::OK, content_type, payload.body)
    }
}

/// The media type of a SOAP version's messages.
pub fn soap_content_type(version: SoapVersion) -> &'static str {
    match version {
        SoapVersion::Soap11 => "text/xml; charset=utf-8",
        SoapVersion::Soap12 => "application/soap+xml; charset=utf-8",
    }
}

/// A SOAP fault, as ASMX answers it: status 500 with the fault in an envelope.
pub fn fault(version: SoapVersion, reason: &str) -> Response {
    let code = match version {
        SoapVersion::Soap11 => "Client",
        SoapVersion::Soap12 => "Sender",
    };
    let fault = SoapFault {
        version,
        code: FaultCode {
            namespace: version.namespace().to_owned(),
            local: code.to_owned(),
        },
        subcodes: Vec::new(),
        reason: reason.to_owned(),
        actor: None,
        node: None,
        detail: None,
    };
    match generated::runtime::soap_envelope::write_fault(&fault) {
        Ok(body) => reply(
            StatusCode::INTERNAL_SERVER_ERROR,
            soap_content_type(version),
            body,
        ),
        Err(error) => reply(
            StatusCode::INTERNAL_SERVER_ERROR,
            "text/plain",
            error.to_string(),
        ),
    }
}

/// An error of ASMX's HTTP GET and POST: status 500 and the exception as text.
pub fn asmx_error(message: &str) -> Response {
    reply(
        StatusCode::INTERNAL_SERVER_ERROR,
        "text/plain; charset=utf-8",
        format!("System.InvalidOperationException: {message}"),
    )
}

/// The SOAP version a request's `Content-Type` says, if it is a SOAP media type.
pub fn soap_version(headers: &HeaderMap) -> Option<SoapVersion> {
    let content_type = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    let media = content_type.split(';').next()?.trim().to_ascii_lowercase();
    match media.as_str() {
        "text/xml" => Some(SoapVersion::Soap11),
        "application/soap+xml" => Some(SoapVersion::Soap12),
        _ => None,
    }
}

/// The action a SOAP request names: the `SOAPAction` header (1.1) or the `action` parameter
/// of its media type (1.2), without quotes.
pub fn soap_action(headers: &HeaderMap, version: SoapVersion) -> Option<String> {
    let value = match version {
        SoapVersion::Soap11 => headers.get("SOAPAction")?.to_str().ok()?.to_owned(),
        SoapVersion::Soap12 => {
            let content_type = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
            content_type
                .split(';')
                .find_map(|p| p.trim().strip_prefix("action="))?
                .to_owned()
        }
    };
    Some(value.trim().trim_matches('"').to_owned())
}

/// The refusal of a request whose action is not `expected`, as ASMX refuses it.
pub fn wrong_action(headers: &HeaderMap, version: SoapVersion, expected: &str) -> Option<Response> {
    match soap_action(headers, version) {
        Some(action) if action != expected && !action.is_empty() => Some(fault(
            version,
            &format!("Server did not recognize the value of HTTP Header SOAPAction: {action}."),
        )),
        _ => None,
    }
}

/// The body as text, or `None` when it is not UTF-8.
pub fn text(body: &Bytes) -> Option<String> {
    String::from_utf8(body.to_vec()).ok()
}

/// The refusal of a body that is not text.
pub fn not_text() -> Response {
    reply(
        StatusCode::BAD_REQUEST,
        "text/plain",
        "the body is not UTF-8 text".into(),
    )
}

/// The binding and payload of a request that may come as `GET` (the query) or `POST` (the
/// body), or `None` when the body is not text.
pub fn query_or_body(
    method: &Method,
    uri: &Uri,
    body: &Bytes,
    get: BindingKind,
    post: BindingKind,
) -> Option<(BindingKind, Payload)> {
    if method == Method::GET {
        Some((get, Payload::query(uri.query().unwrap_or("").to_owned())))
    } else {
        text(body).map(|body| (post, Payload::body(body)))
    }
}

/// The value of a cookie the request carries.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .find_map(|pair| {
            let (key, value) = pair.trim().split_once('=')?;
            (key == name).then(|| value.to_owned())
        })
}
