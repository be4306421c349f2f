//! A forward HTTP proxy for tests: it relays a request in absolute form (`POST
//! http://host/path`) to its host, and tunnels `CONNECT host:port` byte for byte, keeping
//! the head of each request it was sent. It listens on 127.0.0.1 with an ephemeral port,
//! reaches only 127.0.0.1, and stops when dropped.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::loopback::Loopback;

/// What the proxy was asked: the request line and the `Proxy-Authorization` header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Asked {
    /// `CONNECT 127.0.0.1:PORT HTTP/1.1`, or `POST http://127.0.0.1:PORT/path HTTP/1.1`.
    pub line: String,
    /// The credentials the client gave the proxy.
    pub authorization: Option<String>,
}

/// The proxy, running until dropped.
pub struct ProxyServer {
    listening: Loopback,
    asked: Arc<Mutex<Vec<Asked>>>,
}

impl ProxyServer {
    /// Starts the proxy, each connection on a thread of its own.
    pub fn start() -> std::io::Result<Self> {
        let asked = Arc::new(Mutex::new(Vec::new()));
        let keeping = asked.clone();
        let listening = Loopback::start(move |stream, _| {
            let keeping = keeping.clone();
            std::thread::spawn(move || relay(stream, &keeping));
        })?;
        Ok(ProxyServer { listening, asked })
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.listening.addr())
    }

    /// What the proxy was asked so far.
    pub fn asked(&self) -> Vec<Asked> {
        self.asked
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }
}

/// Reads the head of a request, up to its blank line, and what came after it.
fn read_head(stream: &mut TcpStream) -> Option<(String, Vec<u8>)> {
    let mut received = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        let n = stream.read(&mut buffer).ok()?;
        if n == 0 {
            return None;
        }
        received.extend_from_slice(&buffer[..n]);
        if let Some(end) = received.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&received[..end + 4]).into_owned();
            return Some((head, received[end + 4..].to_vec()));
        }
    }
}

fn relay(mut client: TcpStream, asked: &Mutex<Vec<Asked>>) {
    let _ = client.set_read_timeout(Some(Duration::from_secs(5)));
    let Some((head, rest)) = read_head(&mut client) else {
        return;
    };
    let line = head.lines().next().unwrap_or("").to_owned();
    let authorization = head
        .lines()
        .filter_map(|l| l.split_once(':'))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("proxy-authorization"))
        .map(|(_, value)| value.trim().to_owned());
    asked
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .push(Asked {
            line: line.clone(),
            authorization,
        });
    let mut parts = line.split(' ');
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let authority = if method == "CONNECT" {
        target.to_owned()
    } else {
        let rest = target.strip_prefix("http://").unwrap_or("");
        rest.split('/').next().unwrap_or("").to_owned()
    };
    // Only the loopback: a test's proxy reaches nothing else.
    if !authority.starts_with("127.0.0.1:") {
        let _ = client.write_all(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
        return;
    }
    let Ok(mut server) = TcpStream::connect(&authority) else {
        let _ = client.write_all(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n");
        return;
    };
    if method == "CONNECT" {
        if client
            .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
            .is_err()
        {
            return;
        }
    } else {
        // The request as it came, its target in absolute form, which the server takes.
        let forwarded = head.replace("Proxy-Authorization", "X-Proxy-Authorization-Seen");
        if server.write_all(forwarded.as_bytes()).is_err() {
            return;
        }
    }
    if server.write_all(&rest).is_err() {
        return;
    }
    tunnel(client, server);
}

/// Copies bytes both ways until either side closes.
fn tunnel(client: TcpStream, server: TcpStream) {
    let (Ok(mut client_reader), Ok(mut server_writer)) = (client.try_clone(), server.try_clone())
    else {
        return;
    };
    let (mut server_reader, mut client_writer) = (server, client);
    let upstream = std::thread::spawn(move || {
        let _ = std::io::copy(&mut client_reader, &mut server_writer);
        let _ = server_writer.shutdown(Shutdown::Write);
    });
    let _ = std::io::copy(&mut server_reader, &mut client_writer);
    let _ = client_writer.shutdown(Shutdown::Both);
    let _ = upstream.join();
}
