//! A server that answers every request the same wrong way, for the failures clients must
//! survive: an HTML error page, a body cut short, a body far too long, no answer at all.
//! It listens on 127.0.0.1 with an ephemeral port and stops when dropped.

use std::io::Write;
use std::net::TcpStream;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::loopback::{Joined, Loopback};

/// How the server misbehaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Misbehavior {
    /// Status 500 with an HTML page, as IIS shows an unhandled exception.
    HtmlError,
    /// Status 200 announcing a longer body than it sends, then closing.
    CutShort,
    /// Status 200 with a well-framed body whose XML or JSON stops halfway.
    HalfDocument,
    /// Status 200 with a body of 64 MiB, sent until the client stops reading.
    Huge,
    /// Accepts the connection, reads the request, and never answers.
    Silent,
}

/// The server, running until dropped.
pub struct MisbehavingServer {
    listening: Loopback,
}

impl MisbehavingServer {
    /// Starts a server that misbehaves as `how`, each connection on a thread of its own.
    pub fn start(how: Misbehavior) -> std::io::Result<Self> {
        let mut connections = Joined::default();
        let listening = Loopback::start(move |stream, stopping| {
            let stopping = stopping.clone();
            connections.spawn(move || answer(stream, how, &stopping));
        })?;
        Ok(MisbehavingServer { listening })
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.listening.addr())
    }
}

fn answer(mut stream: TcpStream, how: Misbehavior, stop: &AtomicBool) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let _ = crate::scripted::read_request(&mut stream);
    let _ = match how {
        Misbehavior::HtmlError => {
            let page = "<html><head><title>Runtime Error</title></head><body><h1>Server Error in '/' Application.</h1></body></html>";
            write!(
                stream,
                "HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{page}",
                page.len()
            )
        }
        Misbehavior::CutShort => {
            let part = "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope";
            write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: text/xml; charset=utf-8\r\nContent-Length: 4000\r\nConnection: close\r\n\r\n{part}"
            )
        }
        Misbehavior::HalfDocument => {
            let half = "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><root success=\"tr";
            write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: text/xml; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{half}",
                half.len()
            )
        }
        Misbehavior::Huge => {
            let size = 64 * 1024 * 1024;
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/xml; charset=utf-8\r\nContent-Length: {size}\r\nConnection: close\r\n\r\n"
            );
            let chunk = vec![b' '; 64 * 1024];
            let mut result = stream.write_all(head.as_bytes());
            let mut sent = 0;
            while result.is_ok() && sent < size && !stop.load(Ordering::SeqCst) {
                result = stream.write_all(&chunk);
                sent += chunk.len();
            }
            result
        }
        Misbehavior::Silent => {
            while !stop.load(Ordering::SeqCst) {
                std::thread::sleep(Duration::from_millis(20));
            }
            Ok(())
        }
    };
    let _ = stream.flush();
}
