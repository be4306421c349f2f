//! A server whose every answer a test writes: it hands each request it receives to the
//! test's function and sends back what that returns, byte for byte, and it keeps every
//! request for the test to look at. It listens on 127.0.0.1 with an ephemeral port and stops
//! when dropped.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::loopback::Loopback;

/// A request as the server received it.
#[derive(Clone, Debug, Default)]
pub struct Received {
    /// The method.
    pub method: String,
    /// The request target: path and query.
    pub target: String,
    /// The header lines, as sent.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Received {
    /// The request as an `http::Request` (a POST to its target), for a server half.
    pub fn to_http(&self) -> http::Request<Vec<u8>> {
        let mut request = http::Request::post(self.target.as_str());
        for (name, value) in &self.headers {
            request = request.header(name.as_str(), value.as_str());
        }
        request
            .body(self.body.clone())
            .expect("a request received is one")
    }

    /// The value of a header, by name in any case.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// Everything the request carried, as text: target, headers and body.
    pub fn everything(&self) -> String {
        let headers: Vec<String> = self
            .headers
            .iter()
            .map(|(n, v)| format!("{n}: {v}"))
            .collect();
        format!(
            "{} {}\n{}\n\n{}",
            self.method,
            self.target,
            headers.join("\n"),
            self.text()
        )
    }
}

/// What the server answers: a status, headers, a body. `Content-Length` and
/// `Connection: close` are added unless the headers say otherwise.
#[derive(Clone, Debug)]
pub struct Reply {
    /// The status code.
    pub status: u16,
    /// Header lines.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
    /// A `Content-Length` to announce instead of the body's, to cut it short.
    pub announced_length: Option<usize>,
}

impl Reply {
    /// A reply with a content type and a body.
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            headers: vec![("Content-Type".to_owned(), content_type.to_owned())],
            body: body.into(),
            announced_length: None,
        }
    }

    /// A server half's `http::Response` (its status, its content type and body), sent back.
    pub fn of_http(response: http::Response<Vec<u8>>) -> Reply {
        let media = response
            .headers()
            .get("Content-Type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("text/plain")
            .to_owned();
        Reply::new(response.status().as_u16(), &media, response.into_body())
    }

    /// A redirect to `location`.
    pub fn redirect(status: u16, location: &str) -> Reply {
        Reply {
            status,
            headers: vec![("Location".to_owned(), location.to_owned())],
            body: Vec::new(),
            announced_length: None,
        }
    }

    fn bytes(&self) -> Vec<u8> {
        let mut head = format!("HTTP/1.1 {} Scripted\r\n", self.status);
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        let length = self.announced_length.unwrap_or(self.body.len());
        head.push_str(&format!(
            "Content-Length: {length}\r\nConnection: close\r\n\r\n"
        ));
        let mut bytes = head.into_bytes();
        bytes.extend_from_slice(&self.body);
        bytes
    }
}

type Answer = dyn Fn(&Received) -> Reply + Send + Sync;

/// The server, running until dropped.
pub struct ScriptedServer {
    listening: Loopback,
    received: Arc<Mutex<Vec<Received>>>,
    secure: bool,
}

/// A stream to read a request from and write its reply to: a TCP stream, or TLS over one.
trait ReadWrite: Read + Write {}

impl<T: Read + Write> ReadWrite for T {}

impl ScriptedServer {
    /// Starts a server that answers each request with what `answer` makes of it.
    pub fn start(
        answer: impl Fn(&Received) -> Reply + Send + Sync + 'static,
    ) -> std::io::Result<Self> {
        Self::listen(None, answer)
    }

    /// Starts a server that speaks HTTPS as `tls` says (its certificate, and whether it
    /// asks for the client's), and answers as [`ScriptedServer::start`] does. A connection
    /// whose handshake fails gives no request.
    pub fn start_tls(
        tls: Arc<rustls::ServerConfig>,
        answer: impl Fn(&Received) -> Reply + Send + Sync + 'static,
    ) -> std::io::Result<Self> {
        Self::listen(Some(tls), answer)
    }

    fn listen(
        tls: Option<Arc<rustls::ServerConfig>>,
        answer: impl Fn(&Received) -> Reply + Send + Sync + 'static,
    ) -> std::io::Result<Self> {
        let received = Arc::new(Mutex::new(Vec::new()));
        let answer: Arc<Answer> = Arc::new(answer);
        let keeping = received.clone();
        let secure = tls.is_some();
        // One connection at a time, on the accept loop's thread.
        let listening = Loopback::start(move |stream, _| {
            let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
            let exchange = |stream: &mut dyn ReadWrite| {
                let Some(request) = read_request(stream) else {
                    return;
                };
                let reply = answer(&request);
                keeping
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner())
                    .push(request);
                let _ = stream.write_all(&reply.bytes());
                let _ = stream.flush();
            };
            match &tls {
                None => exchange(&mut { stream }),
                Some(config) => {
                    let Ok(connection) = rustls::ServerConnection::new(config.clone()) else {
                        return;
                    };
                    let mut stream = rustls::StreamOwned::new(connection, stream);
                    exchange(&mut stream);
                    stream.conn.send_close_notify();
                    let _ = stream.flush();
                }
            }
        })?;
        Ok(ScriptedServer {
            listening,
            received,
            secure,
        })
    }

    /// `http://127.0.0.1:PORT`, or `https://` for a server started with TLS.
    pub fn base_url(&self) -> String {
        let scheme = if self.secure { "https" } else { "http" };
        format!("{scheme}://{}", self.listening.addr())
    }

    /// The requests received so far.
    pub fn received(&self) -> Vec<Received> {
        self.received
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }
}

/// Reads a request's head and as much body as it announces; `None` when the connection
/// ends or stalls (a TCP stream's read timeout) first.
pub fn read_request(stream: &mut dyn Read) -> Option<Received> {
    let mut received = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        let n = stream.read(&mut buffer).ok()?;
        if n == 0 {
            return None;
        }
        received.extend_from_slice(&buffer[..n]);
        let Some(end) = received.windows(4).position(|w| w == b"\r\n\r\n") else {
            continue;
        };
        let head = String::from_utf8_lossy(&received[..end]).into_owned();
        let mut lines = head.lines();
        let mut start = lines.next()?.split(' ');
        let (method, target) = (start.next()?.to_owned(), start.next()?.to_owned());
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| {
                let (name, value) = l.split_once(':')?;
                Some((name.trim().to_owned(), value.trim().to_owned()))
            })
            .collect();
        let length = headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
            .and_then(|(_, v)| v.parse::<usize>().ok())
            .unwrap_or(0);
        if received.len() >= end + 4 + length {
            return Some(Received {
                method,
                target,
                headers,
                body: received[end + 4..end + 4 + length].to_vec(),
            });
        }
    }
}
