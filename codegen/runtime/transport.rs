//! Ready transports behind cargo features: `blocking` on ureq, `async` on reqwest, both with
//! rustls. Each sends an `http::Request`, waits at most its timeout, and reads at most its
//! body limit.

use std::fmt;
#[cfg(any(feature = "blocking", feature = "async"))]
use std::time::Duration;

/// The most of a response body a transport reads by default: far more than any answer of
/// these services, far less than memory.
pub const DEFAULT_BODY_LIMIT: usize = 4 * 1024 * 1024;

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
            TransportError::Io(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for TransportError {}

/// A blocking transport on ureq.
#[cfg(feature = "blocking")]
#[derive(Clone, Debug)]
pub struct BlockingTransport {
    agent: ureq::Agent,
    limit: usize,
}

#[cfg(feature = "blocking")]
impl BlockingTransport {
    /// A transport whose calls end after `timeout`, answered or not.
    pub fn new(timeout: Duration) -> Self {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .build();
        BlockingTransport {
            agent: config.into(),
            limit: DEFAULT_BODY_LIMIT,
        }
    }

    /// Reads at most `bytes` of a response body.
    pub fn with_body_limit(mut self, bytes: usize) -> Self {
        self.limit = bytes;
        self
    }

    /// Sends a request and reads its response.
    pub fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, TransportError> {
        let response = self.agent.run(request).map_err(|e| self.error(e))?;
        let (parts, mut body) = response.into_parts();
        let bytes = body
            .with_config()
            .limit(self.limit as u64)
            .read_to_vec()
            .map_err(|e| self.error(e))?;
        Ok(http::Response::from_parts(parts, bytes))
    }

    fn error(&self, error: ureq::Error) -> TransportError {
        match error {
            ureq::Error::Timeout(_) => TransportError::Timeout,
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
                TransportError::Timeout
            }
            ureq::Error::BodyExceedsLimit(_) => TransportError::TooLarge { limit: self.limit },
            ureq::Error::ConnectionFailed | ureq::Error::HostNotFound => {
                TransportError::Connect(error.to_string())
            }
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
                TransportError::Connect(io.to_string())
            }
            other => TransportError::Io(other.to_string()),
        }
    }
}

/// An async transport on reqwest.
#[cfg(feature = "async")]
#[derive(Clone, Debug)]
pub struct AsyncTransport {
    client: reqwest::Client,
    limit: usize,
}

#[cfg(feature = "async")]
impl AsyncTransport {
    /// A transport whose calls end after `timeout`, answered or not.
    pub fn new(timeout: Duration) -> Result<Self, TransportError> {
        // rustls needs a process-wide crypto provider; another part of the program may
        // already have installed one, which is as good.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = reqwest::Client::builder()
            .timeout(timeout)
            .build()
            .map_err(|e| TransportError::Io(e.to_string()))?;
        Ok(AsyncTransport {
            client,
            limit: DEFAULT_BODY_LIMIT,
        })
    }

    /// Reads at most `bytes` of a response body.
    pub fn with_body_limit(mut self, bytes: usize) -> Self {
        self.limit = bytes;
        self
    }

    /// Sends a request and reads its response.
    pub async fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, TransportError> {
        let request =
            reqwest::Request::try_from(request).map_err(|e| TransportError::Io(e.to_string()))?;
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

#[cfg(feature = "async")]
fn error(error: reqwest::Error) -> TransportError {
    if error.is_timeout() {
        TransportError::Timeout
    } else if error.is_connect() {
        TransportError::Connect(error.to_string())
    } else {
        TransportError::Io(error.to_string())
    }
}
