//! Support code shared by every generated service: value types that keep whole what the wire
//! says, written once and emitted verbatim by the generator.

mod datetime;
mod decimal;
mod error_code;
mod nillable;
mod redacted;
mod xml_content;

pub use datetime::{DateTime, DateTimeError, Offset};
pub use decimal::{Decimal, DecimalError};
pub use error_code::bracketed_code;
pub use nillable::Nillable;
pub use redacted::Redacted;
pub use xml_content::XmlContent;

/// A .NET `Guid`: the `uuid` crate's type, written in .NET's lowercase hyphenated form.
pub type Guid = uuid::Uuid;
