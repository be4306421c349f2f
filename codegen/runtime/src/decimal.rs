//! `xs:decimal` values, kept as written: `1.10` stays `1.10`.

use std::fmt;
use std::str::FromStr;

/// A decimal number in its written form, checked to be an `xs:decimal`. .NET's `decimal` has
/// 28 significant digits, more than `f64` holds, so the text is the value.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Decimal(String);

/// Why a text is not an `xs:decimal`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecimalError {
    text: String,
}

impl fmt::Display for DecimalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a decimal number such as -12.50", self.text)
    }
}

impl std::error::Error for DecimalError {}

impl Decimal {
    /// The number as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for Decimal {
    type Err = DecimalError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
        let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if (whole.is_empty() && fraction.is_empty()) || !all_digits(whole) || !all_digits(fraction)
        {
            return Err(DecimalError {
                text: text.to_owned(),
            });
        }
        Ok(Decimal(text.to_owned()))
    }
}

impl From<i64> for Decimal {
    fn from(value: i64) -> Self {
        Decimal(value.to_string())
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Decimal({})", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_forms_are_kept() {
        for text in [
            "0",
            "1.10",
            "-12.50",
            "+.5",
            "7.",
            "79228162514264337593543950335",
        ] {
            assert_eq!(text.parse::<Decimal>().unwrap().as_str(), text);
        }
        for text in ["", ".", "-", "1e5", "1,5", "NaN", " 1"] {
            assert!(text.parse::<Decimal>().is_err(), "{text}");
        }
    }
}
