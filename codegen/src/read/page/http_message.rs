//! Sample HTTP messages on pages: request lines, status lines and header lines.

use crate::model::{HttpMethod, Pos};
use crate::read::page::Page;

/// A request line: `POST /swsproxy/Authentication.asmx HTTP/1.1`.
#[derive(Clone, Debug)]
pub struct RequestLine<'s> {
    /// Where the line starts.
    pub pos: Pos,
    /// The method.
    pub method: HttpMethod,
    /// The path, without the query.
    pub path: &'s str,
    /// Where the path starts.
    pub path_pos: Pos,
    /// The query, without the `?`, if there is one.
    pub query: Option<&'s str>,
    /// Where the query starts.
    pub query_pos: Pos,
    /// The whole line.
    pub text: &'s str,
}

/// Reads line `index` as a request line; the HTTP version is optional, as vendor pages
/// often leave it out.
pub fn request_line<'s>(page: &Page<'s>, index: usize) -> Option<RequestLine<'s>> {
    let line = page.lines.get(index)?;
    let mut words = line.text.split_whitespace();
    let method = HttpMethod::parse(words.next()?)?;
    let target = words.next()?;
    if !target.starts_with('/') && !target.contains('/') {
        return None;
    }
    match words.next() {
        None => {}
        Some(version) if version.starts_with("HTTP/") && words.next().is_none() => {}
        Some(_) => return None,
    }
    let target_offset = line.text.find(target)?;
    let (path, query) = match target.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (target, None),
    };
    Some(RequestLine {
        pos: line.pos(),
        method,
        path,
        path_pos: line.pos_in(target_offset),
        query,
        query_pos: line.pos_in(target_offset + path.len() + 1),
        text: line.text,
    })
}

/// A status line: `HTTP/1.1 200 OK`.
#[derive(Clone, Debug)]
pub struct StatusLine<'s> {
    /// Where the line starts.
    pub pos: Pos,
    /// The status code.
    pub code: u16,
    /// The whole line.
    pub text: &'s str,
}

/// Reads line `index` as a status line.
pub fn status_line<'s>(page: &Page<'s>, index: usize) -> Option<StatusLine<'s>> {
    let line = page.lines.get(index)?;
    let mut words = line.text.split_whitespace();
    if !words.next()?.starts_with("HTTP/") {
        return None;
    }
    let code = words.next()?;
    if code.len() != 3 {
        return None;
    }
    Some(StatusLine {
        pos: line.pos(),
        code: code.parse().ok()?,
        text: line.text,
    })
}

/// A header line: `SOAPAction: "http://www.sansejour.com/Logout"`.
#[derive(Clone, Debug)]
pub struct HeaderLine<'s> {
    /// The header name as written.
    pub name: &'s str,
    /// The value, trimmed.
    pub value: &'s str,
    /// Where the value starts.
    pub value_pos: Pos,
}

/// Reads line `index` as a header line: an HTTP token, a colon, and a value.
pub fn header_line<'s>(page: &Page<'s>, index: usize) -> Option<HeaderLine<'s>> {
    let line = page.lines.get(index)?;
    let (name, value) = line.text.split_once(':')?;
    let is_token = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c));
    if !is_token || HttpMethod::parse(name).is_some() {
        return None;
    }
    let value_offset = line.text.len() - value.trim_start().len();
    Some(HeaderLine {
        name,
        value: value.trim(),
        value_pos: line.pos_in(value_offset),
    })
}

/// Reads the header lines from `index` on, and returns them with the index after them.
pub fn headers<'s>(page: &Page<'s>, mut index: usize) -> (Vec<HeaderLine<'s>>, usize) {
    let mut found = Vec::new();
    while let Some(header) = header_line(page, index) {
        found.push(header);
        index += 1;
    }
    (found, index)
}

/// The value of the header `name` (case-insensitively).
pub fn header<'a, 's>(headers: &'a [HeaderLine<'s>], name: &str) -> Option<&'a HeaderLine<'s>> {
    headers.iter().find(|h| h.name.eq_ignore_ascii_case(name))
}

/// Where a sample message whose line ends a copy collapsed to spaces breaks into its lines
/// (`POST /Service.asmx HTTP/1.1 Host: example.org Content-Type: text/xml; charset=utf-8
/// Content-Length: length SOAPAction: "…" <?xml …?> <soap:Envelope …`): after the request or
/// status line, before each header, before the body, and before the status line of a
/// response run into the request. Byte offsets into `text`; none for a line that starts
/// with no request or status line, or that has nothing after it.
pub fn collapsed_breaks(text: &str) -> Vec<usize> {
    let mut breaks = Vec::new();
    let mut at = 0;
    while let Some(head_end) = head_end(&text[at..]).map(|end| at + end) {
        let mut p = skip_spaces(text, head_end);
        if p >= text.len() {
            break;
        }
        breaks.push(p);
        // Headers, each up to the next one, the body or the end; `Content-Length: length`
        // (ASMX's placeholder) is one word, after which the body starts.
        while let Some(colon) = header_name_end(&text[p..]).map(|end| p + end) {
            let name = &text[p..colon];
            let value_start = skip_spaces(text, colon + 1);
            let value_end = if name.eq_ignore_ascii_case("Content-Length") {
                text[value_start..]
                    .find(' ')
                    .map_or(text.len(), |i| value_start + i)
            } else {
                next_part(text, value_start)
            };
            p = skip_spaces(text, value_end);
            if p >= text.len() {
                break;
            }
            breaks.push(p);
        }
        // The response's status line follows the headers (a GET has no body), or the body
        // runs to it, on the same line.
        if is_status_start(&text[p..]) {
            at = p;
            continue;
        }
        match status_after(text, p) {
            Some(status) => {
                breaks.push(status);
                at = status;
            }
            None => break,
        }
    }
    breaks
}

/// The end of a request line (`POST /x.asmx HTTP/1.1`) or status line (`HTTP/1.1 200 OK`)
/// at the start of `text` that more text follows.
fn head_end(text: &str) -> Option<usize> {
    let mut words = text.split(' ');
    let first = words.next()?;
    if is_status_start(text) {
        // The reason phrase runs to the first header or the body.
        let after_code = first.len() + 1 + words.next()?.len();
        let end = next_part(text, after_code);
        return (end < text.len()).then_some(end);
    }
    HttpMethod::parse(first)?;
    let target = words.next()?;
    let version = words.next()?;
    if !target.contains('/') || !version.starts_with("HTTP/") {
        return None;
    }
    let end = first.len() + target.len() + version.len() + 2;
    (end < text.len()).then_some(end)
}

/// The length of a header's name at the start of `text`, where `text` starts with one
/// (`Content-Type: …`).
fn header_name_end(text: &str) -> Option<usize> {
    // Only the name's own characters are looked at, so that finding the parts of a long
    // line costs its length, not its length for every space in it.
    let end = text
        .bytes()
        .position(|b| !(b.is_ascii_alphanumeric() || b == b'-'))?;
    let starts_alphabetic = text.bytes().next().is_some_and(|b| b.is_ascii_alphabetic());
    (end > 0 && starts_alphabetic && text[end..].starts_with(": ")).then_some(end)
}

/// Where the part that starts at `from` ends: before the next header (` Name: `) or the
/// body (` <`), or at the end.
fn next_part(text: &str, from: usize) -> usize {
    let mut i = from;
    while let Some(space) = text[i..].find(' ').map(|s| i + s) {
        let next = &text[space + 1..];
        if next.starts_with('<') || header_name_end(next).is_some() || is_status_start(next) {
            return space;
        }
        i = space + 1;
    }
    text.len()
}

/// The start of a status line (` HTTP/1.1 200 `) after `from`.
fn status_after(text: &str, from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(found) = text[i..].find(" HTTP/").map(|f| i + f + 1) {
        if is_status_start(&text[found..]) {
            return Some(found);
        }
        i = found;
    }
    None
}

/// Whether `text` starts with a status line's version and code (`HTTP/1.1 200`).
fn is_status_start(text: &str) -> bool {
    let mut words = text.split(' ');
    words.next().is_some_and(|v| v.starts_with("HTTP/"))
        && words
            .next()
            .is_some_and(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_digit()))
}

fn skip_spaces(text: &str, from: usize) -> usize {
    from + (text[from..].len() - text[from..].trim_start().len())
}

/// The names in a query or form string (`token=string&bookingId=string`), with the byte offset
/// of each within it. Values are the page's placeholders or examples and carry no type.
pub fn pair_names(pairs: &str) -> Vec<(&str, usize)> {
    let mut names = Vec::new();
    let mut offset = 0;
    for pair in pairs.split('&') {
        let name = pair.split_once('=').map_or(pair, |(name, _)| name);
        if !name.is_empty() {
            names.push((name, offset));
        }
        offset += pair.len() + 1;
    }
    names
}

#[cfg(test)]
mod tests {
    use super::collapsed_breaks;
    use crate::read::page::parts_at;

    fn parts(text: &str) -> Vec<&str> {
        parts_at(text, collapsed_breaks(text))
    }

    #[test]
    fn a_collapsed_soap_request_breaks_where_its_lines_ended() {
        let text = "POST /s.asmx HTTP/1.1 Host: example.org Content-Type: text/xml; \
                    charset=utf-8 Content-Length: length SOAPAction: \"http://x/Logout\" \
                    <?xml version=\"1.0\"?> <a xmlns:b=\"c\">d: e</a>";
        assert_eq!(
            parts(text),
            [
                "POST /s.asmx HTTP/1.1",
                "Host: example.org",
                "Content-Type: text/xml; charset=utf-8",
                "Content-Length: length",
                "SOAPAction: \"http://x/Logout\"",
                "<?xml version=\"1.0\"?> <a xmlns:b=\"c\">d: e</a>",
            ]
        );
    }

    #[test]
    fn a_collapsed_form_post_and_its_response_break_apart() {
        let text = "POST /s.asmx/Logout HTTP/1.1 Host: example.org Content-Type: \
                    application/x-www-form-urlencoded Content-Length: length token=string \
                    HTTP/1.1 200 OK Content-Type: text/xml; charset=utf-8 Content-Length: \
                    length <boolean>boolean</boolean>";
        assert_eq!(
            parts(text),
            [
                "POST /s.asmx/Logout HTTP/1.1",
                "Host: example.org",
                "Content-Type: application/x-www-form-urlencoded",
                "Content-Length: length",
                "token=string",
                "HTTP/1.1 200 OK",
                "Content-Type: text/xml; charset=utf-8",
                "Content-Length: length",
                "<boolean>boolean</boolean>",
            ]
        );
    }

    #[test]
    fn lines_that_are_whole_do_not_break() {
        assert!(collapsed_breaks("POST /s.asmx HTTP/1.1").is_empty());
        assert!(collapsed_breaks("HTTP/1.1 200 OK").is_empty());
        assert!(collapsed_breaks("Host: example.org").is_empty());
        assert!(collapsed_breaks("The following is a sample SOAP 1.1 request").is_empty());
        let get = "GET /s.asmx/Logout?token=string HTTP/1.1 Host: example.org HTTP/1.1 200 OK";
        assert_eq!(
            parts(get),
            [
                "GET /s.asmx/Logout?token=string HTTP/1.1",
                "Host: example.org",
                "HTTP/1.1 200 OK"
            ]
        );
        let get_and_body = "GET /s.asmx/Logout HTTP/1.1 Host: example.org HTTP/1.1 200 OK \
                            Content-Type: text/xml Content-Length: length <boolean>boolean</boolean>";
        assert_eq!(
            parts(get_and_body),
            [
                "GET /s.asmx/Logout HTTP/1.1",
                "Host: example.org",
                "HTTP/1.1 200 OK",
                "Content-Type: text/xml",
                "Content-Length: length",
                "<boolean>boolean</boolean>"
            ]
        );
    }
}
