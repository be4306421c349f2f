//! Ready transports behind cargo features: `blocking` on ureq, `async` on reqwest, both with
//! rustls. Each sends a [`ClientRequest`], waits at most its timeouts, reads at most its body
//! limit, follows no redirect unless told to, and keeps the request's credentials out of its
//! errors; it trusts the roots and presents the client certificate `with_tls` gives it, goes
//! through the proxies `with_proxies` gives it (and none it is not given), and shows each
//! request to the hook `with_hook` gives it just before sending.

use std::fmt;
use std::time::Duration;

#[cfg(any(feature = "blocking", feature = "async"))]
use super::client::ClientRequest;
#[cfg(any(feature = "blocking", feature = "async"))]
use super::proxy::Proxies;
#[cfg(any(feature = "blocking", feature = "async"))]
use super::request_headers::CredentialHeaders;
use super::secrets::{Redact, Secrets, redact_url};
#[cfg(any(feature = "blocking", feature = "async"))]
use super::tls::Tls;

/// The most of a response body a transport reads by default: far more than any answer of
/// these services, far less than memory.
pub const DEFAULT_BODY_LIMIT: usize = 4 * 1024 * 1024;

/// The longest a timeout can be: longer ones are taken as this (a year), so that no
/// deadline overflows the clock.
pub const LONGEST_TIMEOUT: Duration = Duration::from_secs(365 * 24 * 60 * 60);

/// Whether a transport follows redirects.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Redirects {
    /// A redirect is an error that says where it points: SOAP and ASMX clients do not follow
    /// them, and a logout redirected elsewhere has not logged out.
    #[default]
    Refuse,
    /// Follows at most `max` redirects that change nothing but the path: to the same scheme,
    /// host and port, and keeping the method and the body (a 307 or 308, or any redirect of
    /// a GET). Any other redirect is an error, so that no body and no cookie goes to another
    /// origin.
    SameOrigin {
        /// The most redirects one call follows.
        max: u32,
    },
}

/// Why a redirect was not followed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RedirectRefusal {
    /// The transport follows no redirect ([`Redirects::Refuse`]).
    NotFollowed,
    /// It points to another scheme, host or port.
    OtherOrigin,
    /// Following it would turn the request into a GET without its body (a 301, 302 or 303).
    ChangesMethod,
    /// The call has followed as many as it may.
    TooMany {
        /// The most one call follows.
        max: u32,
    },
    /// Its `Location` is not a URL.
    BadLocation,
}

impl fmt::Display for RedirectRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RedirectRefusal::NotFollowed => {
                f.write_str("the transport follows no redirect (see `with_redirects`)")
            }
            RedirectRefusal::OtherOrigin => f.write_str(
                "it points to another origin, where the request's credentials do not go",
            ),
            RedirectRefusal::ChangesMethod => {
                f.write_str("following it would send the request as a GET without its body")
            }
            RedirectRefusal::TooMany { max } => write!(f, "the call has followed {max} already"),
            RedirectRefusal::BadLocation => f.write_str("its location is not a URL"),
        }
    }
}

/// Why a request did not make it there and back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TransportError {
    /// No answer within the timeout.
    Timeout,
    /// No connection.
    Connect(String),
    /// The response body is longer than the transport reads.
    TooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
    /// The service answered with a redirect that was not followed.
    Redirect {
        /// The status (301, 302, 303, 307, 308).
        status: u16,
        /// Where it points, without query or credentials.
        location: String,
        /// Why it was not followed.
        refused: RedirectRefusal,
    },
    /// The TLS handshake failed (a certificate the transport does not trust, a server that
    /// wants a client certificate), or the certificates given to `with_tls` do not serve.
    Tls(String),
    /// A proxy given to `with_proxies` (or named by the environment) that cannot serve.
    Proxy(String),
    /// Anything else: a connection closed early, a malformed response.
    Io(String),
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TransportError::Timeout => f.write_str("no answer within the timeout"),
            TransportError::Connect(message) => write!(f, "cannot connect: {message}"),
            TransportError::TooLarge { limit } => {
                write!(f, "the response body is longer than {limit} bytes")
            }
            TransportError::Redirect {
                status,
                location,
                refused,
            } => write!(
                f,
                "the service redirects ({status}) to `{location}`, which is not followed: {refused}"
            ),
            TransportError::Tls(message) => write!(f, "TLS: {message}"),
            TransportError::Proxy(message) => write!(f, "proxy: {message}"),
            TransportError::Io(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for TransportError {}

impl Redact for TransportError {
    fn redact(&mut self, secrets: &Secrets) {
        match self {
            TransportError::Connect(message)
            | TransportError::Tls(message)
            | TransportError::Proxy(message)
            | TransportError::Io(message) => message.redact(secrets),
            TransportError::Redirect { location, .. } => location.redact(secrets),
            TransportError::Timeout | TransportError::TooLarge { .. } => {}
        }
    }
}

/// A timeout no longer than [`LONGEST_TIMEOUT`].
#[cfg(any(feature = "blocking", feature = "async"))]
fn bounded(timeout: Duration) -> Duration {
    timeout.min(LONGEST_TIMEOUT)
}

/// The text of a library's error, the request's URL in it without query or credentials.
#[cfg(feature = "blocking")]
fn error_text(error: &dyn fmt::Display, uri: &http::Uri) -> String {
    let full = uri.to_string();
    error.to_string().replace(&full, &redact_url(&full))
}

/// Where a response sends the request next: `None` to keep the response, the URL to send
/// it again to, or why the redirect is not followed. `hops` counts those followed already.
pub fn next_hop(
    policy: Redirects,
    method: &http::Method,
    has_body: bool,
    uri: &http::Uri,
    status: http::StatusCode,
    location: Option<&http::HeaderValue>,
    hops: u32,
) -> Result<Option<http::Uri>, TransportError> {
    if !matches!(status.as_u16(), 301 | 302 | 303 | 307 | 308) {
        return Ok(None);
    }
    let Some(location) = location else {
        return Ok(None);
    };
    let text = String::from_utf8_lossy(location.as_bytes());
    let refuse = |refused| TransportError::Redirect {
        status: status.as_u16(),
        location: redact_url(&text),
        refused,
    };
    let target = resolve(uri, &text).ok_or_else(|| refuse(RedirectRefusal::BadLocation))?;
    let Redirects::SameOrigin { max } = policy else {
        return Err(refuse(RedirectRefusal::NotFollowed));
    };
    if hops >= max {
        return Err(refuse(RedirectRefusal::TooMany { max }));
    }
    if origin(&target) != origin(uri) {
        return Err(refuse(RedirectRefusal::OtherOrigin));
    }
    let keeps_method = matches!(status.as_u16(), 307 | 308)
        || (!has_body && matches!(*method, http::Method::GET | http::Method::HEAD));
    if !keeps_method {
        return Err(refuse(RedirectRefusal::ChangesMethod));
    }
    Ok(Some(target))
}

/// The scheme, host and port of a URL, the port made explicit.
fn origin(uri: &http::Uri) -> Option<(String, String, u16)> {
    let scheme = uri.scheme_str()?.to_ascii_lowercase();
    let port = uri
        .port_u16()
        .unwrap_or(if scheme == "https" { 443 } else { 80 });
    Some((scheme, uri.host()?.to_ascii_lowercase(), port))
}

/// A `Location` made absolute against the URL it answers.
fn resolve(base: &http::Uri, location: &str) -> Option<http::Uri> {
    let location = location.trim();
    if location.contains("://") {
        return location.parse().ok();
    }
    let scheme = base.scheme_str()?;
    if let Some(rest) = location.strip_prefix("//") {
        return format!("{scheme}://{rest}").parse().ok();
    }
    let authority = base.authority()?.as_str();
    let path = if location.starts_with('/') {
        location.to_owned()
    } else {
        let dir = base.path().rsplit_once('/').map_or("", |(dir, _)| dir);
        format!("{dir}/{location}")
    };
    format!("{scheme}://{authority}{path}").parse().ok()
}

/// What a transport calls with each request just before it sends it, the requests of the
/// redirects it follows included: to sign it, or to add what the generator does not know (a
/// vendor's own header). What it adds is the caller's to keep out of logs.
#[cfg(any(feature = "blocking", feature = "async"))]
#[derive(Clone)]
struct Hook(std::sync::Arc<HookFn>);

/// The function a [`Hook`] calls.
#[cfg(any(feature = "blocking", feature = "async"))]
type HookFn = dyn Fn(&mut http::Request<Vec<u8>>) + Send + Sync;

#[cfg(any(feature = "blocking", feature = "async"))]
impl fmt::Debug for Hook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Hook")
    }
}

#[cfg(any(feature = "blocking", feature = "async"))]
impl Hook {
    fn new(hook: impl Fn(&mut http::Request<Vec<u8>>) + Send + Sync + 'static) -> Self {
        Hook(std::sync::Arc::new(hook))
    }
}

/// The request to send next, as the hook leaves it.
#[cfg(any(feature = "blocking", feature = "async"))]
fn next_request(
    hops: &Hops,
    hook: Option<&Hook>,
) -> Result<http::Request<Vec<u8>>, TransportError> {
    let mut request = hops.request()?;
    if let Some(Hook(hook)) = hook {
        hook(&mut request);
    }
    Ok(request)
}

/// One call's way through redirects: the request to send next, and what each response
/// means for it.
#[cfg(any(feature = "blocking", feature = "async"))]
struct Hops {
    policy: Redirects,
    method: http::Method,
    uri: http::Uri,
    headers: http::HeaderMap,
    body: Vec<u8>,
    followed: u32,
    secrets: Secrets,
    /// The headers that hold credentials, which a redirect's request goes without.
    credentials: Vec<http::HeaderName>,
    /// What the request said of itself in WS-Addressing, for the check of the reply.
    sent: Option<super::wsa::Sent>,
}

#[cfg(any(feature = "blocking", feature = "async"))]
impl Hops {
    /// The call of `request`, whose errors leave out its credentials and `proxies`'
    /// passwords.
    fn new(policy: Redirects, request: ClientRequest, proxies: &Proxies) -> Self {
        let (request, mut secrets) = request.into_parts();
        for password in proxies.passwords() {
            secrets.add_value(&password);
        }
        let (parts, body) = request.into_parts();
        let credentials = parts
            .extensions
            .get::<CredentialHeaders>()
            .map(|CredentialHeaders(names)| names.clone())
            .unwrap_or_default();
        let sent = parts.extensions.get::<super::wsa::Sent>().cloned();
        Hops {
            policy,
            method: parts.method,
            uri: parts.uri,
            headers: parts.headers,
            body,
            followed: 0,
            secrets,
            credentials,
            sent,
        }
    }

    /// The request to send next.
    fn request(&self) -> Result<http::Request<Vec<u8>>, TransportError> {
        let mut request = http::Request::builder()
            .method(self.method.clone())
            .uri(self.uri.clone())
            .body(self.body.clone())
            .map_err(|error| TransportError::Io(error.to_string()))?;
        *request.headers_mut() = self.headers.clone();
        Ok(request)
    }

    /// The response to keep, or `None` when the call goes on to where it redirects.
    fn answered(
        &mut self,
        response: http::Response<Vec<u8>>,
    ) -> Result<Option<http::Response<Vec<u8>>>, TransportError> {
        let next = next_hop(
            self.policy,
            &self.method,
            !self.body.is_empty(),
            &self.uri,
            response.status(),
            response.headers().get(http::header::LOCATION),
            self.followed,
        )?;
        Ok(match next {
            None => Some(response),
            Some(uri) => {
                self.uri = uri;
                self.followed += 1;
                for name in &self.credentials {
                    self.headers.remove(name);
                }
                None
            }
        })
    }

    /// The response with the request's credentials (and what it sent of WS-Addressing) in
    /// its extensions, or the error without them.
    fn finish(
        self,
        result: Result<http::Response<Vec<u8>>, TransportError>,
    ) -> Result<http::Response<Vec<u8>>, TransportError> {
        match result {
            Ok(mut response) => {
                response.extensions_mut().insert(self.secrets);
                if let Some(sent) = self.sent {
                    response.extensions_mut().insert(sent);
                }
                Ok(response)
            }
            Err(mut error) => {
                error.redact(&self.secrets);
                Err(error)
            }
        }
    }
}

/// A blocking transport on ureq.
#[cfg(feature = "blocking")]
#[derive(Clone, Debug)]
pub struct BlockingTransport {
    agent: ureq::Agent,
    limit: usize,
    redirects: Redirects,
    hook: Option<Hook>,
    timeouts: (Duration, Duration),
    proxies: Proxies,
}

#[cfg(feature = "blocking")]
impl BlockingTransport {
    /// A transport whose calls end after `timeout`, answered or not.
    pub fn new(timeout: Duration) -> Self {
        Self::with_timeouts(timeout, timeout)
    }

    /// A transport whose calls end after `total`, answered or not, and give up connecting
    /// after `connect`.
    pub fn with_timeouts(total: Duration, connect: Duration) -> Self {
        BlockingTransport {
            agent: Self::agent((total, connect), ureq::tls::TlsConfig::default()),
            limit: DEFAULT_BODY_LIMIT,
            redirects: Redirects::Refuse,
            hook: None,
            timeouts: (total, connect),
            proxies: Proxies::none(),
        }
    }

    fn agent((total, connect): (Duration, Duration), tls: ureq::tls::TlsConfig) -> ureq::Agent {
        ureq::Agent::config_builder()
            .timeout_global(Some(bounded(total)))
            .timeout_connect(Some(bounded(connect)))
            .max_redirects(0)
            .http_status_as_error(false)
            // No proxy from the environment unless asked: each request takes the one
            // `with_proxies` gives it.
            .proxy(None)
            .tls_config(tls)
            .build()
            .into()
    }

    /// Trusts and presents the certificates `tls` holds: roots added to Mozilla's (or in
    /// their place), a client certificate.
    pub fn with_tls(mut self, tls: &Tls) -> Result<Self, TransportError> {
        use ureq::tls::{Certificate, ClientCert, PrivateKey, RootCerts};
        let certificate = |der: &rustls_pki_types::CertificateDer<'_>| {
            Certificate::from_der(der.as_ref()).to_owned()
        };
        let mut config = ureq::tls::TlsConfig::builder();
        if tls.changes_roots() {
            let defaults = webpki_root_certs::TLS_SERVER_ROOT_CERTS
                .iter()
                .filter(|_| !tls.only_these_roots);
            let roots: Vec<Certificate<'static>> =
                defaults.chain(&tls.roots).map(certificate).collect();
            config = config.root_certs(RootCerts::from(roots));
        }
        if let Some(identity) = &tls.identity {
            let chain: Vec<Certificate<'static>> = identity.chain.iter().map(certificate).collect();
            // Its own error could quote the key: say only what is wrong.
            let key = PrivateKey::from_pem(&identity.key_pem).map_err(|_| {
                TransportError::Tls("the client certificate's key does not read".to_owned())
            })?;
            config = config.client_cert(Some(ClientCert::new_with_certs(&chain, key)));
        }
        self.agent = Self::agent(self.timeouts, config.build());
        Ok(self)
    }

    /// Reads at most `bytes` of a response body.
    pub fn with_body_limit(mut self, bytes: usize) -> Self {
        self.limit = bytes;
        self
    }

    /// Follows redirects as `redirects` says; by default it follows none.
    pub fn with_redirects(mut self, redirects: Redirects) -> Self {
        self.redirects = redirects;
        self
    }

    /// Calls `hook` with each request just before it is sent, those of the redirects it
    /// follows included: to sign it, or to add a header the generator does not know. What
    /// the hook adds is not kept out of errors and `Debug`, as the client's credentials are.
    pub fn with_hook(
        mut self,
        hook: impl Fn(&mut http::Request<Vec<u8>>) + Send + Sync + 'static,
    ) -> Self {
        self.hook = Some(Hook::new(hook));
        self
    }

    /// Sends requests through `proxies`: an HTTP proxy for `http` endpoints, one for
    /// `https` endpoints (through `CONNECT`), and the hosts that go direct. By default, and
    /// whatever the environment says, requests go direct; [`Proxies::from_env`] reads it.
    pub fn with_proxies(mut self, proxies: Proxies) -> Self {
        self.proxies = proxies;
        self
    }

    /// Sends a request and reads its response, which carries the request's credentials in
    /// its extensions for the client to keep out of its errors.
    pub fn send(
        &self,
        request: impl Into<ClientRequest>,
    ) -> Result<http::Response<Vec<u8>>, TransportError> {
        let mut hops = Hops::new(self.redirects, request.into(), &self.proxies);
        let result = loop {
            match next_request(&hops, self.hook.as_ref())
                .and_then(|r| self.exchange(r))
                .and_then(|r| hops.answered(r))
            {
                Ok(Some(response)) => break Ok(response),
                Ok(None) => continue,
                Err(error) => break Err(error),
            }
        };
        hops.finish(result)
    }

    fn exchange(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, TransportError> {
        let uri = request.uri().clone();
        let proxy = self
            .proxies
            .proxy_for(uri.scheme_str().unwrap_or(""), uri.host().unwrap_or(""));
        let request = match proxy {
            None => request,
            Some(url) => {
                let proxy = ureq::Proxy::new(url)
                    .map_err(|e| TransportError::Proxy(format!("`{}`: {e}", redact_url(url))))?;
                self.agent
                    .configure_request(request)
                    .proxy(Some(proxy))
                    .build()
            }
        };
        let response = self.agent.run(request).map_err(|e| self.error(e, &uri))?;
        let (parts, mut body) = response.into_parts();
        // ureq refuses a body that reaches its limit; this transport reads one of exactly
        // its limit, as the async one does, and refuses one byte more.
        let bytes = body
            .with_config()
            .limit((self.limit as u64).saturating_add(1))
            .read_to_vec()
            .map_err(|e| self.error(e, &uri))?;
        if bytes.len() > self.limit {
            return Err(TransportError::TooLarge { limit: self.limit });
        }
        Ok(http::Response::from_parts(parts, bytes))
    }

    fn error(&self, error: ureq::Error, uri: &http::Uri) -> TransportError {
        // A handshake that failed reaches ureq as an I/O error of rustls's.
        if let ureq::Error::Io(io) = &error
            && let Some(tls) = tls_error(io)
        {
            return TransportError::Tls(tls.to_string());
        }
        match error {
            ureq::Error::Timeout(_) => TransportError::Timeout,
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
                TransportError::Timeout
            }
            ureq::Error::BodyExceedsLimit(_) => TransportError::TooLarge { limit: self.limit },
            ureq::Error::Rustls(tls) => TransportError::Tls(tls.to_string()),
            ureq::Error::Tls(message) => TransportError::Tls(message.to_owned()),
            ureq::Error::ConnectionFailed | ureq::Error::HostNotFound => {
                TransportError::Connect(error_text(&error, uri))
            }
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
                TransportError::Connect(error_text(&io, uri))
            }
            other => TransportError::Io(error_text(&other, uri)),
        }
    }
}

/// An async transport on reqwest.
#[cfg(feature = "async")]
#[derive(Clone, Debug)]
pub struct AsyncTransport {
    client: reqwest::Client,
    limit: usize,
    redirects: Redirects,
    hook: Option<Hook>,
    timeouts: (Duration, Duration),
    tls: Tls,
    proxies: Proxies,
}

#[cfg(feature = "async")]
impl AsyncTransport {
    /// A transport whose calls end after `timeout`, answered or not.
    pub fn new(timeout: Duration) -> Result<Self, TransportError> {
        Self::with_timeouts(timeout, timeout)
    }

    /// A transport whose calls end after `total`, answered or not, and give up connecting
    /// after `connect`.
    pub fn with_timeouts(total: Duration, connect: Duration) -> Result<Self, TransportError> {
        let (tls, proxies) = (Tls::default(), Proxies::none());
        Ok(AsyncTransport {
            client: Self::client((total, connect), &tls, &proxies)?,
            limit: DEFAULT_BODY_LIMIT,
            redirects: Redirects::Refuse,
            hook: None,
            timeouts: (total, connect),
            tls,
            proxies,
        })
    }

    fn client(
        (total, connect): (Duration, Duration),
        tls: &Tls,
        proxies: &Proxies,
    ) -> Result<reqwest::Client, TransportError> {
        // rustls needs a process-wide crypto provider; another part of the program may
        // already have installed one, which is as good.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut builder = reqwest::Client::builder()
            .timeout(bounded(total))
            .connect_timeout(bounded(connect))
            .redirect(reqwest::redirect::Policy::none());
        let roots = tls
            .roots
            .iter()
            .map(|der| reqwest::Certificate::from_der(der.as_ref()))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| TransportError::Tls(format!("the root certificates: {e}")))?;
        if tls.only_these_roots {
            builder = builder.tls_certs_only(roots);
        } else if !roots.is_empty() {
            builder = builder.tls_certs_merge(roots);
        }
        builder = if proxies.is_none() {
            // Nothing from the environment unless asked.
            builder.no_proxy()
        } else {
            let proxies = proxies.clone();
            builder.proxy(reqwest::Proxy::custom(move |url| {
                proxies
                    .proxy_for(url.scheme(), url.host_str().unwrap_or(""))
                    .map(str::to_owned)
            }))
        };
        if let Some(identity) = &tls.identity {
            // Its own error could quote the key: say only what is wrong.
            let identity = reqwest::Identity::from_pem(&identity.pem).map_err(|_| {
                TransportError::Tls("the client certificate and its key do not read".to_owned())
            })?;
            builder = builder.identity(identity);
        }
        // What fails here is the TLS set-up (the platform's roots, the caller's), or what is
        // left of reqwest's own.
        builder.build().map_err(|e| {
            let tls_given = tls.changes_roots() || tls.identity.is_some();
            match tls_error(&e) {
                Some(tls) => TransportError::Tls(tls.to_string()),
                None if tls_given => TransportError::Tls(error_chain(&e)),
                None => TransportError::Io(error_chain(&e)),
            }
        })
    }

    /// Trusts and presents the certificates `tls` holds: roots added to the platform's (or
    /// in their place), a client certificate.
    pub fn with_tls(mut self, tls: &Tls) -> Result<Self, TransportError> {
        self.client = Self::client(self.timeouts, tls, &self.proxies)?;
        self.tls = tls.clone();
        Ok(self)
    }

    /// Sends requests through `proxies`: an HTTP proxy for `http` endpoints, one for
    /// `https` endpoints (through `CONNECT`), and the hosts that go direct. By default, and
    /// whatever the environment says, requests go direct; [`Proxies::from_env`] reads it.
    pub fn with_proxies(mut self, proxies: Proxies) -> Result<Self, TransportError> {
        self.client = Self::client(self.timeouts, &self.tls, &proxies)?;
        self.proxies = proxies;
        Ok(self)
    }

    /// Reads at most `bytes` of a response body.
    pub fn with_body_limit(mut self, bytes: usize) -> Self {
        self.limit = bytes;
        self
    }

    /// Follows redirects as `redirects` says; by default it follows none.
    pub fn with_redirects(mut self, redirects: Redirects) -> Self {
        self.redirects = redirects;
        self
    }

    /// Calls `hook` with each request just before it is sent, those of the redirects it
    /// follows included: to sign it, or to add a header the generator does not know. What
    /// the hook adds is not kept out of errors and `Debug`, as the client's credentials are.
    pub fn with_hook(
        mut self,
        hook: impl Fn(&mut http::Request<Vec<u8>>) + Send + Sync + 'static,
    ) -> Self {
        self.hook = Some(Hook::new(hook));
        self
    }

    /// Sends a request and reads its response, which carries the request's credentials in
    /// its extensions for the client to keep out of its errors.
    pub async fn send(
        &self,
        request: impl Into<ClientRequest>,
    ) -> Result<http::Response<Vec<u8>>, TransportError> {
        let mut hops = Hops::new(self.redirects, request.into(), &self.proxies);
        let result = loop {
            let response = match next_request(&hops, self.hook.as_ref()) {
                Ok(request) => self.exchange(request).await,
                Err(error) => Err(error),
            };
            match response.and_then(|r| hops.answered(r)) {
                Ok(Some(response)) => break Ok(response),
                Ok(None) => continue,
                Err(error) => break Err(error),
            }
        };
        hops.finish(result)
    }

    async fn exchange(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, TransportError> {
        let request = reqwest::Request::try_from(request)
            .map_err(|e| TransportError::Io(e.without_url().to_string()))?;
        let mut response = self.client.execute(request).await.map_err(error)?;
        let mut builder = http::Response::builder()
            .status(response.status())
            .version(response.version());
        if let Some(headers) = builder.headers_mut() {
            headers.extend(
                response
                    .headers()
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone())),
            );
        }
        if response
            .content_length()
            .is_some_and(|length| length > self.limit as u64)
        {
            return Err(TransportError::TooLarge { limit: self.limit });
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(error)? {
            if body.len() + chunk.len() > self.limit {
                return Err(TransportError::TooLarge { limit: self.limit });
            }
            body.extend_from_slice(&chunk);
        }
        builder
            .body(body)
            .map_err(|e| TransportError::Io(e.to_string()))
    }
}

/// A reqwest error, without the URL it names (whose query and user may be credentials).
#[cfg(feature = "async")]
fn error(error: reqwest::Error) -> TransportError {
    let timeout = error.is_timeout();
    let connect = error.is_connect();
    if let Some(tls) = tls_error(&error) {
        return TransportError::Tls(tls.to_string());
    }
    let text = error.without_url().to_string();
    if timeout {
        TransportError::Timeout
    } else if connect {
        TransportError::Connect(text)
    } else {
        TransportError::Io(text)
    }
}

/// The rustls error somewhere among the causes of `error`, an I/O error's own included.
#[cfg(any(feature = "blocking", feature = "async"))]
fn tls_error<'e>(error: &'e (dyn std::error::Error + 'static)) -> Option<&'e rustls::Error> {
    let mut cause = Some(error);
    while let Some(error) = cause {
        if let Some(tls) = error.downcast_ref::<rustls::Error>() {
            return Some(tls);
        }
        // An I/O error's `source` is its inner error's: the inner error itself comes first.
        cause = match error
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
        {
            Some(inner) => Some(inner),
            None => error.source(),
        };
    }
    None
}

/// An error and its causes, as one line, without the URL.
#[cfg(feature = "async")]
fn error_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(error) = cause {
        text.push_str(": ");
        text.push_str(&error.to_string());
        cause = error.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hop(
        policy: Redirects,
        method: http::Method,
        has_body: bool,
        status: u16,
        location: &str,
        hops: u32,
    ) -> Result<Option<String>, TransportError> {
        let uri: http::Uri = "http://h:8080/a/srv.asmx?ticket=t".parse().unwrap();
        let location = http::HeaderValue::from_str(location).unwrap();
        next_hop(
            policy,
            &method,
            has_body,
            &uri,
            http::StatusCode::from_u16(status).unwrap(),
            Some(&location),
            hops,
        )
        .map(|next| next.map(|uri| uri.to_string()))
    }

    fn refused(result: Result<Option<String>, TransportError>) -> RedirectRefusal {
        match result {
            Err(TransportError::Redirect { refused, .. }) => refused,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn redirects_are_refused_unless_they_change_only_the_path() {
        let follow = Redirects::SameOrigin { max: 2 };
        let post = http::Method::POST;
        assert_eq!(
            refused(hop(Redirects::Refuse, post.clone(), true, 307, "/b", 0)),
            RedirectRefusal::NotFollowed
        );
        assert_eq!(
            hop(follow, post.clone(), true, 307, "/b/x.asmx", 0).unwrap(),
            Some("http://h:8080/b/x.asmx".to_owned())
        );
        assert_eq!(
            hop(follow, post.clone(), true, 308, "other.asmx", 1).unwrap(),
            Some("http://h:8080/a/other.asmx".to_owned())
        );
        assert_eq!(
            refused(hop(follow, post.clone(), true, 307, "/b", 2)),
            RedirectRefusal::TooMany { max: 2 }
        );
        for other in [
            "http://evil:8080/b",
            "https://h:8080/b",
            "http://h:9090/b",
            "//evil/b",
        ] {
            assert_eq!(
                refused(hop(follow, post.clone(), true, 307, other, 0)),
                RedirectRefusal::OtherOrigin,
                "{other}"
            );
        }
        // A 301/302/303 would make the POST a GET without its body; a GET it keeps.
        assert_eq!(
            refused(hop(follow, post, true, 302, "/b", 0)),
            RedirectRefusal::ChangesMethod
        );
        assert_eq!(
            hop(follow, http::Method::GET, false, 302, "/b", 0).unwrap(),
            Some("http://h:8080/b".to_owned())
        );
        // Not a redirect: the response is kept.
        assert_eq!(
            hop(follow, http::Method::GET, false, 304, "/b", 0).unwrap(),
            None
        );
    }

    #[test]
    fn a_refused_redirect_names_where_it_points_without_its_query() {
        let error = hop(
            Redirects::Refuse,
            http::Method::GET,
            false,
            301,
            "https://user:pw@elsewhere/logout?ticket=secret",
            0,
        )
        .unwrap_err();
        let text = error.to_string();
        assert!(
            text.contains("https://<redacted>@elsewhere/logout?<redacted>"),
            "{text}"
        );
        assert!(!text.contains("secret") && !text.contains("pw"), "{text}");
    }
}
