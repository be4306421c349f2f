//! Writing XML straight into a string: namespaces as default declarations, text escaped, and
//! characters XML 1.0 cannot carry refused.

use super::error::{EncodeError, EncodeProblem};
use super::multi_ref::{SOAP11_ENCODING, SOAP12_ENCODING};

/// The XML Schema instance namespace (`xsi:nil`).
pub const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
/// The XML Schema namespace, which ASMX declares on its envelopes.
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema";

/// An element whose end tag is still to come: what [`XmlWriter::end`] needs to write it and to
/// restore the namespaces around it. The caller keeps it, so the writer keeps no stack.
#[must_use = "an element must be ended"]
pub struct Open {
    prefix: &'static str,
    local: &'static str,
    /// The whole end tag, where the caller gave it; empty to write it from the name.
    end_tag: &'static str,
    /// The default namespace outside the element.
    outer_default: &'static str,
    /// The `xsi` prefix outside the element.
    outer_xsi: &'static str,
}

/// Writes XML. Elements get their namespace as the default one, declared only where it
/// changes; `xsi:nil` uses the prefix that an outer element declared, or declares one in place.
pub struct XmlWriter {
    out: String,
    default_ns: &'static str,
    xsi: &'static str,
    start_tag_open: bool,
    /// Prefixes declared on the element just started, for qualified attributes and
    /// `xsi:type` values: `q1`, `q2`, … (as XmlSerializer names them).
    tag_prefixes: u32,
    /// The prefix an outer element binds to the XML Schema namespace, or empty.
    xsd: &'static str,
    /// The encoding style (SOAP section 5 encoding, of SOAP 1.1 or 1.2) under which
    /// elements name the XML Schema type of their value, if they do.
    encoding: Option<&'static str>,
}

/// The XML namespace, whose `xml` prefix is always bound.
const XML_NAMESPACE: &str = "http://www.w3.org/XML/1998/namespace";

impl Default for XmlWriter {
    fn default() -> Self {
        XmlWriter::new()
    }
}

impl XmlWriter {
    /// An empty writer.
    pub fn new() -> Self {
        XmlWriter {
            out: String::with_capacity(512),
            default_ns: "",
            xsi: "",
            start_tag_open: false,
            tag_prefixes: 0,
            xsd: "",
            encoding: None,
        }
    }

    /// Says that an outer element (the SOAP envelope) binds `prefix` to the XML Schema
    /// namespace, for `xsi:type` values.
    pub fn assume_xsd(&mut self, prefix: &'static str) {
        self.xsd = prefix;
    }

    /// From now on, elements name the XML Schema type of their value (`xsi:type`), as SOAP
    /// section 5 encoding (`encoding_style`, SOAP 1.1's or 1.2's) has them.
    pub fn set_encoding(&mut self, encoding_style: &'static str) {
        self.encoding = Some(encoding_style);
    }

    /// Whether elements name the XML Schema type of their value.
    pub fn is_typed(&self) -> bool {
        self.encoding.is_some()
    }

    /// Says, on the array element just started, what a SOAP-encoded array says of its items:
    /// their type and how many there are. Nothing in a literal message.
    pub fn soap_array(
        &mut self,
        item_type: Option<(&str, &str)>,
        count: usize,
    ) -> Result<(), EncodeError> {
        let Some(encoding) = self.encoding else {
            return Ok(());
        };
        let soap12 = encoding.starts_with(SOAP12_ENCODING);
        let encoding_ns = if soap12 {
            SOAP12_ENCODING
        } else {
            SOAP11_ENCODING
        };
        let prefix = self.declare_fresh(encoding_ns)?;
        if !soap12 {
            if self.xsi.is_empty() {
                self.declare("xsi", XSI);
            }
            self.attribute(&format!("{}:type", self.xsi), &format!("{prefix}:Array"))?;
        }
        let item = match item_type {
            Some((ns, local)) => self.qualified(ns, local)?,
            // Items of no named type are of any type.
            None => self.qualified(XSD, "anyType")?,
        };
        if soap12 {
            self.attribute(&format!("{prefix}:itemType"), &item)?;
            self.attribute(&format!("{prefix}:arraySize"), &count.to_string())
        } else {
            self.attribute(&format!("{prefix}:arrayType"), &format!("{item}[{count}]"))
        }
    }

    /// A qualified name as an attribute's value, its prefix declared on the element just
    /// started where no outer element declares one.
    fn qualified(&mut self, ns: &str, local: &str) -> Result<String, EncodeError> {
        Ok(if ns.is_empty() {
            local.to_owned()
        } else if ns == XSD && !self.xsd.is_empty() {
            format!("{}:{local}", self.xsd)
        } else {
            let prefix = self.declare_fresh(ns)?;
            format!("{prefix}:{local}")
        })
    }

    /// Writes the XML declaration that ASMX puts before its messages.
    pub fn declaration(&mut self) {
        self.out
            .push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
    }

    fn finish_start_tag(&mut self) {
        if self.start_tag_open {
            self.out.push('>');
            self.start_tag_open = false;
        }
    }

    fn open(&mut self, prefix: &'static str, local: &'static str) -> Open {
        self.tag_prefixes = 0;
        Open {
            prefix,
            local,
            end_tag: "",
            outer_default: self.default_ns,
            outer_xsi: self.xsi,
        }
    }

    /// Starts the element `local` in namespace `ns` (empty for none). Attributes and
    /// declarations may follow until content or the end.
    pub fn start(&mut self, ns: &'static str, local: &'static str) -> Open {
        let open = self.open("", local);
        self.out
            .push_str(if self.start_tag_open { "><" } else { "<" });
        self.start_tag_open = false;
        self.out.push_str(local);
        if !same(ns, self.default_ns) {
            self.out.push_str(" xmlns=\"");
            self.out.push_str(ns);
            self.out.push('"');
            self.default_ns = ns;
        }
        self.start_tag_open = true;
        open
    }

    /// Starts `prefix:local`; the caller declares the prefix.
    pub fn start_prefixed(&mut self, prefix: &'static str, local: &'static str) -> Open {
        self.finish_start_tag();
        let open = self.open(prefix, local);
        self.out.push('<');
        self.out.push_str(prefix);
        self.out.push(':');
        self.out.push_str(local);
        self.start_tag_open = true;
        open
    }

    /// Starts an element whose start tag (`<soap:Envelope xmlns:soap="…"`, without `>`) and
    /// end tag (`</soap:Envelope>`) the caller writes whole: the envelope's elements, the same
    /// in every message, are written in one piece each.
    pub fn start_literal(&mut self, start_tag: &'static str, end_tag: &'static str) -> Open {
        self.finish_start_tag();
        let mut open = self.open("", "");
        open.end_tag = end_tag;
        self.out.push_str(start_tag);
        self.start_tag_open = true;
        open
    }

    /// Says that an outer element (the SOAP envelope) binds `prefix` to the XML Schema
    /// instance namespace, for `xsi:nil` and `xsi:type`.
    pub fn assume_xsi(&mut self, prefix: &'static str) {
        self.xsi = prefix;
    }

    /// Declares `prefix` for `ns` on the element just started.
    pub fn declare(&mut self, prefix: &'static str, ns: &'static str) {
        self.out.push_str(" xmlns:");
        self.out.push_str(prefix);
        self.out.push_str("=\"");
        self.out.push_str(ns);
        self.out.push('"');
        if ns == XSI {
            self.xsi = prefix;
        }
    }

    /// Writes an attribute of the element just started.
    pub fn attribute(&mut self, name: &str, value: &str) -> Result<(), EncodeError> {
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        self.escape(value, true).map_err(|mut error| {
            error.at = format!("/@{name}");
            error
        })?;
        self.out.push('"');
        Ok(())
    }

    /// Writes an attribute of the element just started, in namespace `ns` (empty for none,
    /// as most attributes are), declaring a prefix for it on the element.
    pub fn attribute_ns(&mut self, ns: &str, name: &str, value: &str) -> Result<(), EncodeError> {
        match ns {
            "" => return self.attribute(name, value),
            XML_NAMESPACE => return self.attribute(&format!("xml:{name}"), value),
            XSI if !self.xsi.is_empty() => {
                let prefix = self.xsi;
                return self.attribute(&format!("{prefix}:{name}"), value);
            }
            _ => {}
        }
        let prefix = self.declare_fresh(ns)?;
        self.attribute(&format!("{prefix}:{name}"), value)
    }

    /// Declares a fresh prefix for `ns` on the element just started, and returns it.
    fn declare_fresh(&mut self, ns: &str) -> Result<String, EncodeError> {
        self.tag_prefixes += 1;
        let prefix = format!("q{}", self.tag_prefixes);
        self.out.push_str(" xmlns:");
        self.out.push_str(&prefix);
        self.out.push_str("=\"");
        self.escape(ns, true)?;
        self.out.push('"');
        Ok(prefix)
    }

    /// Says which type the element just started holds (`xsi:type`), as a value of a type
    /// derived from the declared one says.
    pub fn xsi_type(&mut self, ns: &str, local: &str) -> Result<(), EncodeError> {
        if self.xsi.is_empty() {
            self.declare("xsi", XSI);
        }
        let value = self.qualified(ns, local)?;
        let name = format!("{}:type", self.xsi);
        self.attribute(&name, &value)
    }

    /// Marks the element just started as nil.
    pub fn nil(&mut self) {
        if self.xsi.is_empty() {
            self.declare("xsi", XSI);
        }
        self.out.push(' ');
        self.out.push_str(self.xsi);
        self.out.push_str(":nil=\"true\"");
    }

    /// Writes text content, escaped.
    pub fn text(&mut self, text: &str) -> Result<(), EncodeError> {
        if text.is_empty() {
            return Ok(());
        }
        self.finish_start_tag();
        self.escape(text, false)
    }

    /// Writes markup as it is; the caller has made sure it is well-formed.
    pub fn raw(&mut self, xml: &str) {
        if xml.is_empty() {
            return;
        }
        self.finish_start_tag();
        self.out.push_str(xml);
    }

    /// Ends an element.
    pub fn end(&mut self, open: Open) {
        if self.start_tag_open {
            self.out.push_str("/>");
            self.start_tag_open = false;
        } else if !open.end_tag.is_empty() {
            self.out.push_str(open.end_tag);
        } else {
            self.out.push_str("</");
            if !open.prefix.is_empty() {
                self.out.push_str(open.prefix);
                self.out.push(':');
            }
            self.out.push_str(open.local);
            self.out.push('>');
        }
        self.default_ns = open.outer_default;
        self.xsi = open.outer_xsi;
    }

    /// The XML written.
    pub fn finish(self) -> String {
        self.out
    }

    /// Escapes `text` into the output: markup characters always, and in attributes the
    /// quote and the white space that attribute normalization would otherwise change. A
    /// character XML 1.0 cannot carry is an error, whose path the enclosing elements fill in.
    fn escape(&mut self, text: &str, attribute: bool) -> Result<(), EncodeError> {
        if is_plain(text.as_bytes()) {
            self.out.push_str(text);
            return Ok(());
        }
        let mut start = 0;
        for (i, c) in text.char_indices() {
            let replacement = match c {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                // A parser turns CR and CRLF into LF; a character reference survives.
                '\r' => "&#xD;",
                '"' if attribute => "&quot;",
                '\t' if attribute => "&#x9;",
                '\n' if attribute => "&#xA;",
                '\t' | '\n' => continue,
                c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                    return Err(EncodeError {
                        at: String::new(),
                        problem: EncodeProblem::InvalidXmlChar { ch: c },
                    });
                }
                _ => continue,
            };
            self.out.push_str(&text[start..i]);
            self.out.push_str(replacement);
            start = i + c.len_utf8();
        }
        self.out.push_str(&text[start..]);
        Ok(())
    }
}

/// Whether two namespaces are the same, most often found by their address: the generated code
/// passes the same constant for each.
fn same(a: &str, b: &str) -> bool {
    std::ptr::eq(a, b) || a == b
}

/// Whether `text` needs no escaping, found out eight bytes at a time before going character by
/// character: a byte below 0x20 (a control character, or white space that an attribute must
/// escape), a markup character, or 0xEF (with which U+FFFE and U+FFFF start) sends the text the
/// slow way. Text with line breaks or tabs goes that way too, and comes out the same.
fn is_plain(text: &[u8]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    // Sets the high bit of each byte of `word` below `n` (1 to 0x80), and perhaps of bytes
    // after one that is, where its borrow runs on: never the high bit of a byte at or above `n`
    // when no byte before it was below.
    let below = |word: u64, n: u8| word.wrapping_sub(ONES * u64::from(n)) & !word;
    let holding = |word: u64, b: u8| below(word ^ (ONES * u64::from(b)), 1);
    let words = text.chunks_exact(8);
    let rest = words.remainder();
    for chunk in words {
        let mut bytes = [0; 8];
        bytes.copy_from_slice(chunk);
        let word = u64::from_ne_bytes(bytes);
        let found = below(word, 0x20)
            | holding(word, b'&')
            | holding(word, b'<')
            | holding(word, b'>')
            | holding(word, b'"')
            | holding(word, 0xEF);
        if found & HIGHS != 0 {
            return false;
        }
    }
    rest.iter()
        .all(|&b| b >= 0x20 && !matches!(b, b'&' | b'<' | b'>' | b'"' | 0xEF))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespaces_are_declared_where_they_change() {
        let mut w = XmlWriter::new();
        let a = w.start("urn:a", "A");
        let b = w.start("urn:a", "b");
        w.text("x").unwrap();
        w.end(b);
        let c = w.start("", "c");
        w.end(c);
        let d = w.start("urn:z", "d");
        w.nil();
        w.end(d);
        w.end(a);
        assert_eq!(
            w.finish(),
            r#"<A xmlns="urn:a"><b>x</b><c xmlns=""/><d xmlns="urn:z" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/></A>"#
        );
    }

    #[test]
    fn the_fast_test_for_plain_text_agrees_with_the_bytes() {
        let special = |b: u8| b < 0x20 || matches!(b, b'&' | b'<' | b'>' | b'"' | 0xEF);
        // Every byte, at every place of a word and in the remainder, among plain ones.
        for b in 0..=u8::MAX {
            for len in [1, 7, 8, 9, 16, 17] {
                for at in 0..len {
                    let mut text = vec![b'a'; len];
                    text[at] = b;
                    assert_eq!(is_plain(&text), !special(b), "byte {b:#x} at {at} of {len}");
                }
            }
        }
    }

    #[test]
    fn text_and_attributes_are_escaped() {
        let mut w = XmlWriter::new();
        let r = w.start("", "r");
        w.attribute("a", "\"<&>\t\n\r").unwrap();
        w.text("<&>\"\t\n\r é").unwrap();
        w.end(r);
        assert_eq!(
            w.finish(),
            "<r a=\"&quot;&lt;&amp;&gt;&#x9;&#xA;&#xD;\">&lt;&amp;&gt;\"\t\n&#xD; é</r>"
        );
    }

    #[test]
    fn characters_xml_cannot_carry_are_refused() {
        for bad in ["\u{0}", "a\u{1b}", "\u{FFFE}", "\u{FFFF}"] {
            let mut w = XmlWriter::new();
            let _ = w.start("", "r");
            let error = w.text(bad).unwrap_err();
            assert!(matches!(
                error.problem,
                EncodeProblem::InvalidXmlChar { .. }
            ));
        }
    }
}
