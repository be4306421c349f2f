//! Date-times as .NET writes them, kept exactly: `2025-01-23T00:09:38.9648983+07:00`.

use std::fmt;
use std::str::FromStr;

/// The offset part of a date-time, as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Offset {
    /// No offset: a local or unspecified time (.NET `DateTimeKind.Unspecified`).
    Unspecified,
    /// `Z`: UTC.
    Utc,
    /// `+07:00`, `-05:00` (and `+00:00`, which is not written as `Z`).
    Fixed(time::UtcOffset),
}

/// An `xs:dateTime` value that writes back exactly as it was read: the number of fractional
/// digits (.NET writes up to seven) and the form of the offset survive a round trip.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateTime {
    date: time::Date,
    time: time::Time,
    fraction_digits: u8,
    offset: Offset,
}

/// Why a text is not an `xs:dateTime`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateTimeError {
    text: String,
}

impl fmt::Display for DateTimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a date-time such as 2025-01-23T00:09:38.9648983+07:00",
            self.text
        )
    }
}

impl std::error::Error for DateTimeError {}

impl DateTime {
    /// A date-time from its parts; `fraction_digits` (at most 9) says how many fractional
    /// digits of the nanoseconds are written.
    pub fn new(
        date: time::Date,
        time: time::Time,
        fraction_digits: u8,
        offset: Offset,
    ) -> Option<Self> {
        let digits = u32::from(fraction_digits);
        let unwritten = 10u32.checked_pow(9u32.checked_sub(digits)?)?;
        time.nanosecond()
            .is_multiple_of(unwritten)
            .then_some(DateTime {
                date,
                time,
                fraction_digits,
                offset,
            })
    }

    /// A moment with a fixed offset, written as .NET does: seven fractional digits.
    pub fn from_offset_date_time(moment: time::OffsetDateTime) -> Self {
        let truncated = moment.nanosecond() - moment.nanosecond() % 100;
        let time = moment
            .time()
            .replace_nanosecond(truncated)
            .unwrap_or(moment.time());
        DateTime {
            date: moment.date(),
            time,
            fraction_digits: 7,
            offset: if moment.offset().is_utc() {
                Offset::Utc
            } else {
                Offset::Fixed(moment.offset())
            },
        }
    }

    /// The moment, where the offset says which; `None` for an unspecified offset.
    pub fn to_offset_date_time(&self) -> Option<time::OffsetDateTime> {
        let offset = match self.offset {
            Offset::Unspecified => return None,
            Offset::Utc => time::UtcOffset::UTC,
            Offset::Fixed(offset) => offset,
        };
        Some(time::PrimitiveDateTime::new(self.date, self.time).assume_offset(offset))
    }

    /// The calendar date.
    pub fn date(&self) -> time::Date {
        self.date
    }

    /// The time of day, to the nanosecond.
    pub fn time(&self) -> time::Time {
        self.time
    }

    /// The offset, as written.
    pub fn offset(&self) -> Offset {
        self.offset
    }

    /// How many fractional digits are written.
    pub fn fraction_digits(&self) -> u8 {
        self.fraction_digits
    }
}

/// Reads `count` ASCII digits at `at` of `bytes`.
fn digits(bytes: &[u8], at: usize, count: usize) -> Option<u32> {
    let slice = bytes.get(at..at + count)?;
    slice.iter().try_fold(0u32, |n, &b| {
        b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
    })
}

impl FromStr for DateTime {
    type Err = DateTimeError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let error = || DateTimeError {
            text: text.to_owned(),
        };
        let b = text.as_bytes();
        let separators = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')];
        if b.len() < 19 || separators.iter().any(|&(i, c)| b[i] != c) {
            return Err(error());
        }
        let year = digits(b, 0, 4).ok_or_else(error)?;
        let month = digits(b, 5, 2).ok_or_else(error)?;
        let day = digits(b, 8, 2).ok_or_else(error)?;
        let hour = digits(b, 11, 2).ok_or_else(error)?;
        let minute = digits(b, 14, 2).ok_or_else(error)?;
        let second = digits(b, 17, 2).ok_or_else(error)?;
        let mut at = 19;
        let mut nanos = 0u32;
        let mut fraction_digits = 0u8;
        if b.get(at) == Some(&b'.') {
            at += 1;
            let start = at;
            while b.get(at).is_some_and(u8::is_ascii_digit) {
                at += 1;
            }
            let count = at - start;
            if count == 0 || count > 9 {
                return Err(error());
            }
            nanos = digits(b, start, count).ok_or_else(error)? * 10u32.pow(9 - count as u32);
            fraction_digits = count as u8;
        }
        let offset = match &b[at..] {
            [] => Offset::Unspecified,
            [b'Z'] => Offset::Utc,
            [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
                let hours = digits(&[*h1, *h2], 0, 2).ok_or_else(error)?;
                let minutes = digits(&[*m1, *m2], 0, 2).ok_or_else(error)?;
                if hours > 14 || minutes > 59 {
                    return Err(error());
                }
                let sign = if *sign == b'-' { -1 } else { 1 };
                let offset = time::UtcOffset::from_hms(sign * hours as i8, sign * minutes as i8, 0)
                    .map_err(|_| error())?;
                Offset::Fixed(offset)
            }
            _ => return Err(error()),
        };
        let month = time::Month::try_from(month as u8).map_err(|_| error())?;
        let date =
            time::Date::from_calendar_date(year as i32, month, day as u8).map_err(|_| error())?;
        let time = time::Time::from_hms_nano(hour as u8, minute as u8, second as u8, nanos)
            .map_err(|_| error())?;
        Ok(DateTime {
            date,
            time,
            fraction_digits,
            offset,
        })
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (year, month, day) = self.date.to_calendar_date();
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            year,
            u8::from(month),
            day,
            self.time.hour(),
            self.time.minute(),
            self.time.second()
        )?;
        if self.fraction_digits > 0 {
            let digits = u32::from(self.fraction_digits);
            let fraction = self.time.nanosecond() / 10u32.pow(9 - digits);
            write!(f, ".{:0width$}", fraction, width = digits as usize)?;
        }
        match self.offset {
            Offset::Unspecified => Ok(()),
            Offset::Utc => f.write_str("Z"),
            Offset::Fixed(offset) => {
                let (hours, minutes, _) = offset.as_hms();
                let sign = if offset.is_negative() { '-' } else { '+' };
                write!(
                    f,
                    "{sign}{:02}:{:02}",
                    hours.unsigned_abs(),
                    minutes.unsigned_abs()
                )
            }
        }
    }
}

impl fmt::Debug for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DateTime({self})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotnet_forms_round_trip_exactly() {
        for text in [
            "2025-01-23T00:09:38.9648983+07:00",
            "2006-09-26T13:52:58Z",
            "2025-03-04T10:11:12.1234567+01:00",
            "2025-03-04T10:11:12",
            "2025-03-04T10:11:12.100-05:30",
            "2025-03-04T10:11:12.0000000+00:00",
        ] {
            let value: DateTime = text.parse().unwrap();
            assert_eq!(value.to_string(), text);
        }
    }

    #[test]
    fn malformed_text_is_refused() {
        for text in [
            "",
            "2025-01-23",
            "2025-13-01T00:00:00",
            "2025-02-30T00:00:00",
            "2025-01-23T24:00:00",
            "2025-01-23T00:00:00.",
            "2025-01-23T00:00:00.1234567890",
            "2025-01-23T00:00:00+7:00",
            "2025-01-23T00:00:00+15:00",
            "2025-01-23T00:00:00 ",
            "२०२५-01-23T00:00:00",
        ] {
            assert!(text.parse::<DateTime>().is_err(), "{text}");
        }
    }

    #[test]
    fn moments_convert_with_their_offset() {
        let value: DateTime = "2025-01-23T00:09:38.9648983+07:00".parse().unwrap();
        let moment = value.to_offset_date_time().unwrap();
        assert_eq!(moment.unix_timestamp(), 1_737_565_778);
        assert_eq!(DateTime::from_offset_date_time(moment), value);
        let local: DateTime = "2025-01-23T00:09:38".parse().unwrap();
        assert_eq!(local.to_offset_date_time(), None);
    }
}
