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
