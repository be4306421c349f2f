//! How much of a message a decoder takes, like WCF's reader quotas: a body may be hostile
//! (a broken or malicious server, a request to a server), and what it costs to read must grow
//! no faster than its size. A document past a limit is refused before it is parsed, with an
//! error that names the limit; one within the limits is parsed in time linear in its size.
//!
//! The XML parser spends time on each element in proportion to the square of its attributes
//! and namespace declarations; bounding those per element and per document, and the depth,
//! bounds the whole parse by a constant times the body's size.

use std::fmt;

use super::error::{DecodeError, DecodeProblem};

/// The limits of what a decoder reads. [`Limits::default`] suits any answer these services
/// give; raise them for a service that sends more.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Limits {
    /// The most bytes a body may have: 4 MiB, as the transports read.
    pub body: usize,
    /// The deepest elements (or JSON arrays and objects) may nest: 64.
    pub depth: usize,
    /// The most attributes, namespace declarations among them, one element may carry: 256.
    pub attributes: usize,
    /// The most namespace declarations a document may make: 512.
    pub namespaces: usize,
    /// The longest a text, an attribute's value or a JSON string may be, in bytes: 1 MiB, so
    /// that a body raised for long lists still bounds each value.
    pub string: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            body: 4 * 1024 * 1024,
            depth: 64,
            attributes: 256,
            namespaces: 512,
            string: 1024 * 1024,
        }
    }
}

/// A limit a message went past.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Limit {
    /// The body's size ([`Limits::body`]).
    Body(usize),
    /// The depth of nesting ([`Limits::depth`]).
    Depth(usize),
    /// The attributes of one element ([`Limits::attributes`]).
    Attributes(usize),
    /// The namespace declarations of a document ([`Limits::namespaces`]).
    Namespaces(usize),
    /// The length of a text or value ([`Limits::string`]).
    String(usize),
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Limit::Body(max) => write!(f, "the body is longer than {max} bytes (`Limits::body`)"),
            Limit::Depth(max) => write!(f, "it nests deeper than {max} levels (`Limits::depth`)"),
            Limit::Attributes(max) => write!(
                f,
                "an element carries more than {max} attributes (`Limits::attributes`)"
            ),
            Limit::Namespaces(max) => write!(
                f,
                "it declares more than {max} namespaces (`Limits::namespaces`)"
            ),
            Limit::String(max) => write!(
                f,
                "a text or value is longer than {max} bytes (`Limits::string`)"
            ),
        }
    }
}

impl Limits {
    /// The error of a message past `limit`.
    pub fn refuse(limit: Limit) -> DecodeError {
        DecodeError::new("the message", DecodeProblem::Limit(limit))
    }

    /// Refuses a body longer than [`Limits::body`].
    pub fn check_body(&self, body: &str) -> Result<(), DecodeError> {
        if body.len() > self.body {
            return Err(Limits::refuse(Limit::Body(self.body)));
        }
        Ok(())
    }

    /// Refuses an XML document past any limit, in one pass over its text. What is not
    /// well-formed is left to the parser to report: the pass only counts.
    pub fn check_xml(&self, text: &str) -> Result<(), DecodeError> {
        self.check_body(text)?;
        let bytes = text.as_bytes();
        let mut scan = XmlScan {
            bytes,
            at: 0,
            limits: self,
            depth: 0,
            namespaces: 0,
            text: 0,
        };
        scan.run()
    }
}

struct XmlScan<'a> {
    bytes: &'a [u8],
    at: usize,
    limits: &'a Limits,
    depth: usize,
    namespaces: usize,
    /// The bytes of text since the last tag: the parser joins text, CDATA sections and
    /// references into one text node across comments and processing instructions, so each
    /// piece within the limit does not make the whole so.
    text: usize,
}

impl XmlScan<'_> {
    /// The position of `needle` at or after `from`, or `None`.
    fn find(&self, from: usize, needle: &[u8]) -> Option<usize> {
        let rest = self.bytes.get(from..)?;
        rest.windows(needle.len())
            .position(|w| w == needle)
            .map(|i| from + i)
    }

    fn run(&mut self) -> Result<(), DecodeError> {
        let len = self.bytes.len();
        while self.at < len {
            // Text up to the next tag.
            let next = self.bytes[self.at..]
                .iter()
                .position(|&b| b == b'<')
                .map_or(len, |i| self.at + i);
            self.add_text(next - self.at)?;
            self.at = next;
            if self.at >= len {
                return Ok(());
            }
            let rest = &self.bytes[self.at..];
            if rest.starts_with(b"<!--") {
                let Some(end) = self.find(self.at + 4, b"-->") else {
                    return Ok(());
                };
                self.at = end + 3;
            } else if rest.starts_with(b"<![CDATA[") {
                let start = self.at + 9;
                let Some(end) = self.find(start, b"]]>") else {
                    return Ok(());
                };
                self.add_text(end - start)?;
                self.at = end + 3;
            } else if rest.starts_with(b"<?") {
                let Some(end) = self.find(self.at + 2, b"?>") else {
                    return Ok(());
                };
                self.at = end + 2;
            } else if rest.starts_with(b"<!") || rest.starts_with(b"</") {
                self.text = 0;
                if rest.starts_with(b"</") {
                    self.depth = self.depth.saturating_sub(1);
                }
                let Some(end) = self.find(self.at + 2, b">") else {
                    return Ok(());
                };
                self.at = end + 1;
            } else {
                self.text = 0;
                if !self.start_tag()? {
                    return Ok(());
                }
            }
        }
        Ok(())
    }

    /// Counts `bytes` more of the current text; a reference only shortens what it stands in.
    fn add_text(&mut self, bytes: usize) -> Result<(), DecodeError> {
        self.text += bytes;
        if self.text > self.limits.string {
            return Err(Limits::refuse(Limit::String(self.limits.string)));
        }
        Ok(())
    }

    /// Counts a start tag's attributes and declarations; `false` when the text ends inside it.
    fn start_tag(&mut self) -> Result<bool, DecodeError> {
        let limits = self.limits;
        let len = self.bytes.len();
        self.depth += 1;
        if self.depth > limits.depth {
            return Err(Limits::refuse(Limit::Depth(limits.depth)));
        }
        // The element's name.
        let mut i = self.at + 1;
        while i < len
            && !self.bytes[i].is_ascii_whitespace()
            && !matches!(self.bytes[i], b'>' | b'/')
        {
            i += 1;
        }
        let mut attributes = 0;
        loop {
            while i < len && self.bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i >= len {
                return Ok(false);
            }
            match self.bytes[i] {
                b'>' => {
                    self.at = i + 1;
                    return Ok(true);
                }
                b'/' => {
                    self.depth -= 1;
                    let Some(end) = self.find(i, b">") else {
                        return Ok(false);
                    };
                    self.at = end + 1;
                    return Ok(true);
                }
                _ => {}
            }
            // An attribute: its name, `=`, its quoted value.
            let name_start = i;
            while i < len
                && !matches!(self.bytes[i], b'=' | b'>' | b'/')
                && !self.bytes[i].is_ascii_whitespace()
            {
                i += 1;
            }
            let name = &self.bytes[name_start..i];
            while i < len && self.bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i >= len || self.bytes[i] != b'=' {
                // Not well-formed: the parser says so.
                return Ok(false);
            }
            i += 1;
            while i < len && self.bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            let Some(&quote) = self.bytes.get(i) else {
                return Ok(false);
            };
            if quote != b'"' && quote != b'\'' {
                return Ok(false);
            }
            let Some(end) = self.bytes[i + 1..]
                .iter()
                .position(|&b| b == quote)
                .map(|p| i + 1 + p)
            else {
                return Ok(false);
            };
            if end - (i + 1) > limits.string {
                return Err(Limits::refuse(Limit::String(limits.string)));
            }
            i = end + 1;
            attributes += 1;
            if attributes > limits.attributes {
                return Err(Limits::refuse(Limit::Attributes(limits.attributes)));
            }
            if name == b"xmlns" || name.starts_with(b"xmlns:") {
                self.namespaces += 1;
                if self.namespaces > limits.namespaces {
                    return Err(Limits::refuse(Limit::Namespaces(limits.namespaces)));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(limits: &Limits, text: &str) -> Option<Limit> {
        match limits.check_xml(text) {
            Ok(()) => None,
            Err(error) => match error.problem {
                DecodeProblem::Limit(limit) => Some(limit),
                other => panic!("{other:?}"),
            },
        }
    }

    #[test]
    fn each_limit_is_refused_by_name_and_what_is_within_them_passes() {
        let limits = Limits {
            body: 200,
            depth: 3,
            attributes: 2,
            namespaces: 2,
            string: 10,
        };
        assert_eq!(
            refused(&limits, "<a><b x='1' y=\"2\"/><!-- <c><c><c><c> --></a>"),
            None
        );
        assert_eq!(refused(&limits, &"x".repeat(201)), Some(Limit::Body(200)));
        assert_eq!(
            refused(&limits, "<a><b><c><d/></c></b></a>"),
            Some(Limit::Depth(3))
        );
        // Siblings do not add up to depth.
        assert_eq!(refused(&limits, "<a><b/><b/><b></b><b/></a>"), None);
        assert_eq!(
            refused(&limits, "<a x='1' y='2' z='3'/>"),
            Some(Limit::Attributes(2))
        );
        assert_eq!(
            refused(&limits, "<a xmlns='u'><b xmlns:p='v'/><c xmlns:q='w'/></a>"),
            Some(Limit::Namespaces(2))
        );
        assert_eq!(
            refused(&limits, "<a>01234567890</a>"),
            Some(Limit::String(10))
        );
        assert_eq!(
            refused(&limits, "<a x='01234567890'/>"),
            Some(Limit::String(10))
        );
        assert_eq!(
            refused(&limits, "<a><![CDATA[01234567890]]></a>"),
            Some(Limit::String(10))
        );
        // Pieces within the limit that the parser joins into one text are not.
        for text in [
            "<a>012345<![CDATA[67890]]></a>",
            "<a>012345<!-- -->67890</a>",
            "<a>012345<?pi?>67890</a>",
        ] {
            assert_eq!(refused(&limits, text), Some(Limit::String(10)), "{text}");
        }
        assert_eq!(refused(&limits, "<a>012345<b/>67890</a>"), None);
        // What is cut short or malformed is left to the parser.
        for text in ["<a x='1", "<a x=1>", "<a", "<!-- ", "<![CDATA[", "<?xml"] {
            assert_eq!(refused(&limits, text), None, "{text}");
        }
    }
}
