//! Loopback stand-ins of the four services, as their pages describe them: for the end-to-end
//! tests, and for trying the clients without the vendors. Each is the generated crate's
//! `Server` of its service, served by the generated dispatcher: routing, reading requests,
//! writing responses and refusals are the generated code's, and what is written here is only
//! each service's behaviour (sessions, rotation, `[901]`, `FAILED`).
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
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use generated::runtime::server::{self, StandIn};
use generated::runtime::{Guid, Limits};

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

pub(crate) fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
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
    server: StandIn,
    sessions: Arc<Sessions>,
}

impl StandIns {
    /// Starts the stand-ins on `addr` (port 0 for any free port).
    pub fn start(addr: SocketAddr) -> std::io::Result<StandIns> {
        let sessions = Arc::new(Sessions::default());
        let server = StandIn::start_on(addr, router(sessions.clone()))?;
        Ok(StandIns { server, sessions })
    }

    /// The address they serve on.
    pub fn addr(&self) -> SocketAddr {
        self.server.addr()
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> String {
        self.server.base_url()
    }

    /// The sessions, to open some.
    pub fn sessions(&self) -> &Sessions {
        &self.sessions
    }
}

/// The four services, each answering the paths its documents give, and the route that opens
/// sessions.
pub fn router(sessions: Arc<Sessions>) -> Router {
    let services = Services {
        sejour: Arc::new(sejour::Sejour(sessions.clone())),
        xweb: Arc::new(xweb::Xweb(sessions.clone())),
        cebes: Arc::new(cebes::Cebes(sessions.clone())),
        srv: Arc::new(srv::Srv(sessions.clone())),
    };
    let services = server::router::<Services, AnyRequest>(services, Limits::default());
    Router::new()
        .route("/stand-in/sessions/{service}", post(open_session))
        .with_state(sessions)
        .merge(services)
}

/// Each service's `Server`, chosen by the path, as each vendor's host serves its own.
struct Services {
    sejour: Arc<sejour::Sejour>,
    xweb: Arc<xweb::Xweb>,
    cebes: Arc<cebes::Cebes>,
    srv: Arc<srv::Srv>,
}

/// A request of any of the four, as its own service's module reads it.
enum AnyRequest {
    Sejour(generated::sejour::Request),
    Xweb(generated::xweb::Request),
    Cebes(generated::cebes::Request),
    Srv(generated::srv::Request),
}

impl server::Incoming for AnyRequest {
    fn receive(
        request: axum::http::Request<Vec<u8>>,
        limits: &Limits,
    ) -> server::Received<AnyRequest> {
        let path = request.uri().path();
        if path.starts_with(paths::SEJOUR) {
            generated::sejour::Request::receive(request, limits).map(AnyRequest::Sejour)
        } else if path.starts_with(paths::CEBES_BASE) {
            generated::cebes::Request::receive(request, limits).map(AnyRequest::Cebes)
        } else if path.starts_with("/srv.asmx") {
            generated::srv::Request::receive(request, limits).map(AnyRequest::Srv)
        } else {
            generated::xweb::Request::receive(request, limits).map(AnyRequest::Xweb)
        }
    }
}

impl server::Answer<Services> for AnyRequest {
    fn answer(self, services: Arc<Services>, call: Arc<server::Call>) -> server::Answering {
        match self {
            AnyRequest::Sejour(request) => request.answer(services.sejour.clone(), call),
            AnyRequest::Xweb(request) => request.answer(services.xweb.clone(), call),
            AnyRequest::Cebes(request) => request.answer(services.cebes.clone(), call),
            AnyRequest::Srv(request) => request.answer(services.srv.clone(), call),
        }
    }
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
    let mut response = (StatusCode::OK, json).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static("application/json; charset=utf-8"),
    );
    response
}
