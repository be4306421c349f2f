//! Query strings and forms: `name=value` pairs, percent-encoded as browsers and ASMX do.

use std::borrow::Cow;

use super::error::{DecodeError, DecodeProblem, EncodeError, EncodeProblem, excerpt};
use super::text::XmlText;

/// Writes pairs, percent-encoded.
pub struct PairsWriter {
    out: form_urlencoded::Serializer<'static, String>,
}

impl Default for PairsWriter {
    fn default() -> Self {
        PairsWriter::new()
    }
}

impl PairsWriter {
    /// No pairs yet.
    pub fn new() -> Self {
        PairsWriter {
            out: form_urlencoded::Serializer::new(String::new()),
        }
    }

    /// Adds a pair.
    pub fn add<T: XmlText>(&mut self, name: &str, value: &T) {
        self.out.append_pair(name, &value.to_text());
    }

    /// Adds a pair for each item of an array whose items may be nil, the name repeated
    /// (`ids=1&ids=2`), as ASMX reads an array parameter; a nil item has no pair to be and is
    /// refused.
    pub fn add_items<T: XmlText>(
        &mut self,
        name: &str,
        items: &[Option<T>],
    ) -> Result<(), EncodeError> {
        for (index, item) in items.iter().enumerate() {
            match item {
                Some(value) => self.add(name, value),
                None => {
                    return Err(EncodeError {
                        at: format!("{name}[{index}]"),
                        problem: EncodeProblem::NilPair,
                    });
                }
            }
        }
        Ok(())
    }

    /// The encoded pairs.
    pub fn finish(mut self) -> String {
        self.out.finish()
    }
}

/// Pairs read from a query or form, in order.
pub struct Pairs<'a> {
    pairs: Vec<(Cow<'a, str>, Cow<'a, str>)>,
    /// What the pairs came as, for errors (`the query`, `the form`).
    what: &'static str,
}

impl<'a> Pairs<'a> {
    /// Decodes a query or form.
    pub fn parse(text: &'a str, what: &'static str) -> Self {
        Pairs {
            pairs: form_urlencoded::parse(text.as_bytes()).collect(),
            what,
        }
    }

    /// The last value of `name`, read as `T`.
    pub fn get<T: XmlText>(&self, name: &str) -> Result<Option<T>, DecodeError> {
        match self.pairs.iter().rev().find(|(key, _)| key == name) {
            None => Ok(None),
            Some((_, value)) => self.value(name, value).map(Some),
        }
    }

    /// The value of `name`, which must be there.
    pub fn required<T: XmlText>(&self, name: &str) -> Result<T, DecodeError> {
        self.get(name)?.ok_or_else(|| {
            DecodeError::new(
                self.what,
                DecodeProblem::Missing(format!("the pair `{name}`")),
            )
        })
    }

    /// Every value of `name`, in order.
    pub fn all<T: XmlText>(&self, name: &str) -> Result<Vec<T>, DecodeError> {
        self.pairs
            .iter()
            .filter(|(key, _)| key == name)
            .map(|(_, value)| self.value(name, value))
            .collect()
    }

    fn value<T: XmlText>(&self, name: &str, value: &str) -> Result<T, DecodeError> {
        T::from_text(value).ok_or_else(|| {
            DecodeError::new(
                format!("{} pair `{name}`", self.what),
                DecodeProblem::BadValue {
                    expected: T::EXPECTED,
                    found: excerpt(value),
                },
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_percent_encoded_both_ways() {
        let mut w = PairsWriter::new();
        w.add("token", &"a b&c=d/é+".to_owned());
        w.add("n", &7i32);
        let text = w.finish();
        assert_eq!(text, "token=a+b%26c%3Dd%2F%C3%A9%2B&n=7");
        let pairs = Pairs::parse(&text, "the query");
        assert_eq!(pairs.required::<String>("token").unwrap(), "a b&c=d/é+");
        assert_eq!(pairs.get::<i32>("n").unwrap(), Some(7));
        assert_eq!(pairs.get::<i32>("missing").unwrap(), None);
        let error = pairs.required::<i32>("token").unwrap_err();
        assert_eq!(error.at, "the query pair `token`");
    }
}
