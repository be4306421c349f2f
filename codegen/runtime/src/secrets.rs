//! Credentials (tokens, tickets, passwords, keys): what stands in for them in `Debug`, and how
//! they are cut out of every text an error or `Debug` shows.
//!
//! A service's credentials are known two ways. By name: the generator marks the members that
//! hold one, and each module lists their wire names, so that `<Token>…</Token>`,
//! `"accessToken": "…"`, `AuthenticationTicket=…` and `Token: …` lose their values wherever they
//! appear. By value: the values a request sent, so that an answer which echoes one anywhere
//! (an HTML error page, a fault's reason) has it cut out too.

use std::fmt;
use std::ops::Range;

use super::payload::{BindingKind, Payload};

/// What stands where a credential was cut out.
pub const REDACTED: &str = "<redacted>";

/// Values shorter than this, and runs of letters and digits shorter than this within a
/// value, are cut out only where their name shows them (`ticket=abc`): cutting every
/// occurrence of a few characters would leave no message readable.
const SHORTEST_VALUE: usize = 4;

/// The most of a text [`Secrets::excerpt`] scrubs before it cuts: an excerpt's characters
/// come from the start of it, and a value that begins there ends within it or is cut out
/// to its end.
const EXCERPT_WINDOW: usize = 4096;

/// Stands in for a token, ticket, password or key in `Debug` output, so that logs show
/// whether a credential was there but never what it was.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

/// The credentials a message may carry: the wire names of the members that hold them, and
/// the values a request sent.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secrets {
    names: &'static [&'static str],
    /// Each value in the forms it travels in (as is, escaped for XML, JSON, forms and
    /// paths), longest first, without repeats.
    values: Vec<String>,
}

impl fmt::Debug for Secrets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Secrets")
            .field("names", &self.names)
            .field("values", &format_args!("<{} redacted>", self.values.len()))
            .finish()
    }
}

impl Secrets {
    /// The credentials of a service whose members named `names` hold them.
    pub fn named(names: &'static [&'static str]) -> Self {
        Secrets {
            names,
            values: Vec::new(),
        }
    }

    /// The credentials a response answers: the names, and the values its request sent when
    /// the transport that carried it says (the transports of this runtime do; a caller with
    /// its own HTTP stack may insert the request's [`Secrets`] into the response's extensions).
    pub fn of_response<B>(names: &'static [&'static str], response: &http::Response<B>) -> Self {
        match response.extensions().get::<Secrets>() {
            Some(sent) => Secrets {
                names,
                values: sent.values.clone(),
            },
            None => Secrets::named(names),
        }
    }

    /// The credentials a request carries: the values of its members named as credentials,
    /// wherever the payload puts them (route, query, body), and the values of its cookies.
    pub fn of_request(
        names: &'static [&'static str],
        kind: BindingKind,
        payload: &Payload,
        cookies: &[(&str, String)],
    ) -> Self {
        let mut secrets = Secrets::named(names);
        if names.is_empty() && cookies.is_empty() {
            return secrets;
        }
        let mut found: Vec<String> = Vec::new();
        for (name, value) in &payload.path {
            if secrets.is_secret_name(name) {
                found.push(value.clone());
            }
        }
        if let Some(query) = &payload.query {
            secrets.pairs_into(query, &mut found);
        }
        match kind {
            BindingKind::Soap11 | BindingKind::Soap12 | BindingKind::WebApiXml => {
                secrets.xml_into(&payload.body, &mut found)
            }
            BindingKind::JsonPost | BindingKind::WebApiJson => {
                if let Ok(value) = serde_json::from_str::<serde_json::Value>(&payload.body) {
                    secrets.json_into(&value, &mut found);
                }
            }
            BindingKind::HttpPost | BindingKind::WebApiForm => {
                secrets.pairs_into(&payload.body, &mut found)
            }
            BindingKind::HttpGet | BindingKind::JsonGet => {}
        }
        found.extend(cookies.iter().map(|(_, value)| value.clone()));
        for value in found {
            secrets.add_value(&value);
        }
        secrets
    }

    /// Also cuts out `value`, in every form it may travel in.
    pub fn add_value(&mut self, value: &str) {
        if value.chars().count() < SHORTEST_VALUE {
            return;
        }
        let forms = [
            value.to_owned(),
            xml_escaped(value),
            serde_json::to_string(value)
                .map(|quoted| quoted[1..quoted.len() - 1].to_owned())
                .unwrap_or_default(),
            form_urlencoded::byte_serialize(value.as_bytes()).collect(),
            percent_encoding::utf8_percent_encode(value, percent_encoding::NON_ALPHANUMERIC)
                .to_string(),
            percent_encoding::utf8_percent_encode(value, super::client::SEGMENT).to_string(),
        ];
        // Letters and digits pass through every escaping unchanged, however deep: the runs of
        // them a value holds are cut out too, so that an echo of an echo still loses them;
        // those that may be words (`such-token`) are left, as cutting them would cut words.
        let runs = value
            .split(|c: char| !c.is_alphanumeric())
            .filter(|run| !could_be_word(run))
            .map(str::to_owned);
        for form in forms.into_iter().chain(runs) {
            if !form.is_empty() && !self.values.contains(&form) {
                self.values.push(form);
            }
        }
        // The longest first, so that a value is cut out whole before a shorter one in it.
        self.values.sort_by_key(|v| std::cmp::Reverse(v.len()));
    }

    /// Whether `name` is the wire name of a credential (ASCII letters compared without case).
    pub fn is_secret_name(&self, name: &str) -> bool {
        let local = name.rsplit(':').next().unwrap_or(name);
        self.names.iter().any(|n| n.eq_ignore_ascii_case(local))
    }

    /// Whether the text names a credential anywhere, as a word of its own.
    pub fn mentions_secret_name(&self, text: &str) -> bool {
        self.names
            .iter()
            .any(|name| occurrences(text, name).next().is_some())
    }

    /// `text` with every credential cut out: the values its names show, and the values known.
    pub fn scrub(&self, text: &str) -> String {
        let mut cuts: Vec<Range<usize>> = Vec::new();
        for name in self.names {
            for at in occurrences(text, name) {
                if let Some(range) = named_value(text, at, name.len()) {
                    cuts.push(range);
                }
            }
        }
        for value in &self.values {
            cuts.extend(
                text.match_indices(value.as_str())
                    .map(|(at, found)| at..at + found.len()),
            );
        }
        if cuts.is_empty() {
            return text.to_owned();
        }
        cuts.sort_by_key(|range| range.start);
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(cuts.len());
        for cut in cuts {
            match merged.last_mut() {
                Some(last) if cut.start <= last.end => last.end = last.end.max(cut.end),
                _ => merged.push(cut),
            }
        }
        let mut out = String::with_capacity(text.len());
        let mut done = 0;
        for cut in merged {
            out.push_str(&text[done..cut.start]);
            out.push_str(REDACTED);
            done = cut.end;
        }
        out.push_str(&text[done..]);
        out
    }

    /// Scrubs `text` where it stands.
    pub fn scrub_in_place(&self, text: &mut String) {
        if !self.names.is_empty() || !self.values.is_empty() {
            *text = self.scrub(text);
        }
    }

    /// The start of `text` for an error message, scrubbed, then cut short.
    pub fn excerpt(&self, text: &str) -> String {
        let mut end = text.len().min(EXCERPT_WINDOW);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        super::error::excerpt(self.scrub(&text[..end]).trim())
    }

    fn pairs_into(&self, text: &str, found: &mut Vec<String>) {
        for (name, value) in form_urlencoded::parse(text.as_bytes()) {
            if self.is_secret_name(&name) {
                found.push(value.into_owned());
            }
        }
    }

    fn xml_into(&self, text: &str, found: &mut Vec<String>) {
        let Ok(doc) = roxmltree::Document::parse(text) else {
            return;
        };
        for node in doc.descendants().filter(roxmltree::Node::is_element) {
            if self.is_secret_name(node.tag_name().name())
                && !node.children().any(|c| c.is_element())
            {
                let text: String = node.children().filter_map(|c| c.text()).collect();
                found.push(text);
            }
            for attribute in node.attributes() {
                if self.is_secret_name(attribute.name()) {
                    found.push(attribute.value().to_owned());
                }
            }
        }
    }

    fn json_into(&self, value: &serde_json::Value, found: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(members) => {
                for (name, member) in members {
                    match member {
                        serde_json::Value::String(text) if self.is_secret_name(name) => {
                            found.push(text.clone())
                        }
                        serde_json::Value::Number(number) if self.is_secret_name(name) => {
                            found.push(number.to_string())
                        }
                        other => self.json_into(other, found),
                    }
                }
            }
            serde_json::Value::Array(items) => {
                for item in items {
                    self.json_into(item, found);
                }
            }
            _ => {}
        }
    }
}

/// A value that may hold credentials in its text, and can cut them out.
pub trait Redact {
    /// Cuts every credential `secrets` knows out of the value's text.
    fn redact(&mut self, secrets: &Secrets);
}

/// `value` with every credential `secrets` knows cut out of its text.
pub fn redacted<T: Redact>(mut value: T, secrets: &Secrets) -> T {
    value.redact(secrets);
    value
}

/// What `read` gives, its error cut free of the values of the members `names` names (a
/// module's `SECRET_NAMES`), as every generated reader of a service with credentials answers.
pub fn redacting<T, E: Redact>(
    names: &'static [&'static str],
    read: impl FnOnce() -> Result<T, E>,
) -> Result<T, E> {
    read().map_err(|error| redacted(error, &Secrets::named(names)))
}

impl Redact for String {
    fn redact(&mut self, secrets: &Secrets) {
        secrets.scrub_in_place(self);
    }
}

impl<T: Redact> Redact for Option<T> {
    fn redact(&mut self, secrets: &Secrets) {
        if let Some(value) = self {
            value.redact(secrets);
        }
    }
}

impl<T: Redact> Redact for Box<T> {
    fn redact(&mut self, secrets: &Secrets) {
        (**self).redact(secrets);
    }
}

/// `url` as errors and `Debug` may show it: its user and password and its query replaced by
/// [`REDACTED`], its scheme, host, port and path kept.
pub fn redact_url(url: &str) -> String {
    let (before_query, query) = match url.find(['?', '#']) {
        Some(at) => (&url[..at], Some(&url[at..])),
        None => (url, None),
    };
    let mut out = String::with_capacity(url.len());
    match before_query.find("://") {
        Some(scheme_end) => {
            let rest = &before_query[scheme_end + 3..];
            out.push_str(&before_query[..scheme_end + 3]);
            // A password may hold a `/` its writer did not escape: anything before the last
            // `@` may be user and password.
            match rest.rfind('@') {
                Some(at) => {
                    out.push_str(REDACTED);
                    out.push_str(&rest[at..]);
                }
                None => out.push_str(rest),
            }
        }
        None => out.push_str(before_query),
    }
    if let Some(query) = query {
        out.push(query.as_bytes()[0] as char);
        out.push_str(REDACTED);
    }
    out
}

/// Whether a run of letters and digits might be a word of a message rather than part of a
/// token: shorter than [`SHORTEST_VALUE`], or shorter than eight characters and all letters
/// or all digits.
fn could_be_word(run: &str) -> bool {
    let length = run.chars().count();
    let mixed = run.chars().any(char::is_alphabetic) && run.chars().any(|c| c.is_ascii_digit());
    length < SHORTEST_VALUE || (length < 8 && !mixed)
}

fn xml_escaped(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            other => out.push(other),
        }
    }
    out
}

/// Whether a byte may be part of a word, so that a name found next to it is only part of a
/// longer one. `-` and `.` end words: `X-Auth-Token: …` and `$.accessToken` show a name.
fn name_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_' || byte >= 0x80
}

/// Where `name` stands in `text` as a word of its own, ASCII letters compared without case.
fn occurrences<'t>(text: &'t str, name: &'t str) -> impl Iterator<Item = usize> + 't {
    let bytes = text.as_bytes();
    let wanted = name.as_bytes();
    let first = wanted.first().map(u8::to_ascii_lowercase);
    (0..bytes.len()).filter(move |&at| {
        Some(bytes[at].to_ascii_lowercase()) == first
            && bytes.len() >= at + wanted.len()
            && bytes[at..at + wanted.len()].eq_ignore_ascii_case(wanted)
            && (at == 0 || !name_byte(bytes[at - 1]))
            && bytes.get(at + wanted.len()).is_none_or(|b| !name_byte(*b))
    })
}

/// The value a name at `at` (of `len` bytes) shows, in any form messages give it:
/// `<name …>value<`, `name="value"`, `"name": "value"`, `name=value`, `name: value`.
fn named_value(text: &str, at: usize, len: usize) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    let skip_space = |mut i: usize| {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        i
    };
    // An element's start tag, its name perhaps prefixed: its text is the value.
    let mut before = at;
    if before > 0 && bytes[before - 1] == b':' {
        before -= 1;
        while before > 0
            && (name_byte(bytes[before - 1]) || matches!(bytes[before - 1], b'-' | b'.'))
        {
            before -= 1;
        }
    }
    if before > 0 && bytes[before - 1] == b'<' {
        let close = at + len + text[at + len..].find('>')?;
        if bytes[close - 1] == b'/' {
            return None;
        }
        let start = close + 1;
        let end = text[start..].find('<').map_or(text.len(), |i| start + i);
        if text[start..end].trim().is_empty() {
            return None;
        }
        return Some(start..end);
    }
    if before > 0 && bytes[before - 1] == b'/' {
        return None;
    }
    // A JSON member's name ends with its quote.
    let mut i = at + len;
    if i < bytes.len() && matches!(bytes[i], b'"' | b'\'') {
        i += 1;
    }
    i = skip_space(i);
    let assignment = *bytes.get(i)?;
    if !matches!(assignment, b'=' | b':') {
        return None;
    }
    i = skip_space(i + 1);
    let open = *bytes.get(i)?;
    if matches!(open, b'"' | b'\'') {
        let start = i + 1;
        let mut end = start;
        while end < bytes.len() && bytes[end] != open {
            end += if bytes[end] == b'\\' { 2 } else { 1 };
        }
        let end = end.min(bytes.len());
        return (end > start).then_some(start..end);
    }
    if assignment == b':' && matches!(open, b'{' | b'[') {
        return None;
    }
    let start = i;
    let end = text[start..]
        .find(|c: char| {
            c.is_whitespace()
                || matches!(
                    c,
                    '&' | ';' | ',' | '<' | '>' | '"' | '\'' | '}' | ']' | ')'
                )
        })
        .map_or(text.len(), |found| start + found);
    (end > start).then_some(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAMES: &[&str] = &["AuthenticationTicket", "accessToken", "Token", "ticket"];

    fn secrets() -> Secrets {
        Secrets::named(NAMES)
    }

    #[test]
    fn named_values_are_cut_out_in_every_form() {
        let s = secrets();
        for (text, want) in [
            (
                "<s:Token>abc</s:Token><Other>x</Other>",
                "<s:Token><redacted></s:Token><Other>x</Other>",
            ),
            (
                r#"<Token xmlns="urn:a">abc</Token>"#,
                r#"<Token xmlns="urn:a"><redacted></Token>"#,
            ),
            (
                r#"{"accessToken": "a\"b", "userID": "u"}"#,
                r#"{"accessToken": "<redacted>", "userID": "u"}"#,
            ),
            (
                r#"{"accessToken":12345,"x":1}"#,
                r#"{"accessToken":<redacted>,"x":1}"#,
            ),
            (
                "AuthenticationTicket=a%20b&x=1",
                "AuthenticationTicket=<redacted>&x=1",
            ),
            ("ticket=t1; other=2", "ticket=<redacted>; other=2"),
            (
                r#"<root ticket="abc" error="e"/>"#,
                r#"<root ticket="<redacted>" error="e"/>"#,
            ),
            (
                "Invalid token: abc123 given",
                "Invalid token: <redacted> given",
            ),
            // Cut short: the value runs to the end.
            (r#"{"accessToken":"abcd"#, r#"{"accessToken":"<redacted>"#),
            ("<Token>abcd", "<Token><redacted>"),
            // Names inside longer names, closing tags, empty elements: nothing to cut.
            ("<Tokenizer>a</Tokenizer>", "<Tokenizer>a</Tokenizer>"),
            ("<Token/> </Token>", "<Token/> </Token>"),
            ("the token expired", "the token expired"),
        ] {
            assert_eq!(s.scrub(text), want, "{text}");
        }
    }

    #[test]
    fn known_values_are_cut_out_wherever_they_stand_and_however_escaped() {
        let mut s = secrets();
        s.add_value("MARK&ER 1");
        s.add_value("abc");
        for (text, want) in [
            (
                "ticket MARK&ER 1 is unknown",
                "ticket <redacted> is unknown",
            ),
            ("<p>MARK&amp;ER 1</p>", "<p><redacted></p>"),
            ("GET /x?a=MARK%26ER+1", "GET /x?a=<redacted>"),
            ("/path/MARK%26ER%201/end", "/path/<redacted>/end"),
            ("/path/MARK&ER%201/end", "/path/<redacted>/end"),
            // Too short to cut where no name shows it, or words a value holds.
            ("abc", "abc"),
            ("MARK the ER", "MARK the ER"),
        ] {
            assert_eq!(s.scrub(text), want, "{text}");
        }
    }

    #[test]
    fn request_values_are_found_by_their_names() {
        let payload = Payload {
            path: vec![("Token".into(), "path-secret".into())],
            query: Some("ticket=query-secret&x=1".into()),
            body: r#"<e:Envelope xmlns:e="urn:e"><e:Body><Logout><accessToken>body-secret</accessToken><user ticket="attr-secret">u</user></Logout></e:Body></e:Envelope>"#.into(),
            ..Payload::default()
        };
        let s = Secrets::of_request(
            NAMES,
            BindingKind::Soap11,
            &payload,
            &[("c", "cookie-secret".into())],
        );
        let text = "path-secret query-secret body-secret attr-secret cookie-secret";
        assert_eq!(
            s.scrub(text),
            "<redacted> <redacted> <redacted> <redacted> <redacted>"
        );
        let json = Payload::body(
            r#"{"Logout":{"accessToken":"json-secret","n":[{"Token":"deep-secret"}]}}"#.into(),
        );
        let s = Secrets::of_request(NAMES, BindingKind::JsonPost, &json, &[]);
        assert_eq!(s.scrub("json-secret deep-secret"), "<redacted> <redacted>");
        assert!(!format!("{s:?}").contains("secret\""));
    }

    #[test]
    fn urls_lose_their_user_and_query() {
        for (url, want) in [
            (
                "https://user:pw@host:8443/a/b?ticket=t#f",
                "https://<redacted>@host:8443/a/b?<redacted>",
            ),
            ("http://host/a", "http://host/a"),
            ("http://host?x", "http://host?<redacted>"),
            ("not a url?x=1", "not a url?<redacted>"),
            ("http://u:p/w@host/x", "http://<redacted>@host/x"),
        ] {
            assert_eq!(redact_url(url), want, "{url}");
        }
    }

    #[test]
    fn excerpts_are_scrubbed_before_they_are_cut() {
        let s = secrets();
        let body = format!(r#"{{"accessToken":"{}"}}"#, "x".repeat(500));
        assert_eq!(s.excerpt(&body), r#"{"accessToken":"<redacted>"}"#);
    }
}
