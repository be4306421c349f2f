//! HTTP/1.1 responses read off a raw socket, for tests and benches that speak to a server
//! byte by byte (a client that misbehaves on purpose cannot be a real HTTP client).

use std::io::{self, Read};

/// Reads one response, its head and its `Content-Length` body whole, from `stream` into
/// `buffer` (cleared first). A stream that closes before the response is whole is an
/// `UnexpectedEof` error that quotes what came.
pub fn read_response(stream: &mut impl Read, buffer: &mut Vec<u8>) -> io::Result<()> {
    buffer.clear();
    let mut chunk = [0u8; 8192];
    while !complete(buffer) {
        let n = stream.read(&mut chunk)?;
        if n == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!("closed after {:?}", String::from_utf8_lossy(buffer)),
            ));
        }
        buffer.extend_from_slice(&chunk[..n]);
    }
    Ok(())
}

/// The status line of a response, such as `HTTP/1.1 200 OK`.
pub fn status_line(response: &[u8]) -> String {
    let text = String::from_utf8_lossy(response);
    text.lines().next().unwrap_or("").to_owned()
}

/// The body of a response read by [`read_response`].
pub fn body(response: &[u8]) -> &[u8] {
    head_end(response).map_or(&[], |end| &response[end + 4..])
}

/// Whether `received` holds a head and as many body bytes as it declares.
fn complete(received: &[u8]) -> bool {
    let Some(end) = head_end(received) else {
        return false;
    };
    let head = String::from_utf8_lossy(&received[..end]);
    let length = head
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.trim()
                .eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse::<usize>().ok())?
        })
        .unwrap_or(0);
    received.len() >= end + 4 + length
}

fn head_end(received: &[u8]) -> Option<usize> {
    received.windows(4).position(|window| window == b"\r\n\r\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_response_is_read_to_its_declared_length_across_reads() {
        let mut slow = Trickle(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloNEXT");
        let mut buffer = Vec::new();
        read_response(&mut slow, &mut buffer).unwrap();
        assert_eq!(status_line(&buffer), "HTTP/1.1 200 OK");
        // Three bytes a read: reading stops at the read that completes the body, which
        // brought two bytes of what follows, and takes no more.
        assert_eq!(body(&buffer), b"helloNE");
    }

    #[test]
    fn a_response_cut_short_is_an_error_that_quotes_it() {
        let mut short: &[u8] = b"HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\nhel";
        let error = read_response(&mut short, &mut Vec::new()).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::UnexpectedEof);
        assert!(error.to_string().contains("hel"), "{error}");
    }

    /// Hands out what it holds three bytes at a time.
    struct Trickle(&'static [u8]);

    impl Read for Trickle {
        fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
            let n = buffer.len().min(3).min(self.0.len());
            buffer[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }
}
