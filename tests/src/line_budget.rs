//! Where a generated module's lines go: to the types (structs and enums, their XML, JSON and
//! text codecs, `Debug` and `From`), or to the operations (their messages' methods on each
//! binding, `OPERATIONS`, the message enums, the client, the server half). The second part,
//! divided by the operations, is what an operation costs beyond its request and response
//! types: the figure the benchmarks report to keep it small.

/// A module's lines, by what they are for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LineBudget {
    /// Lines of the types and their codecs.
    pub types: usize,
    /// Lines of what each operation adds and the service-wide machinery.
    pub operations: usize,
    /// Every other line: the file's head, its documentation and constants.
    pub other: usize,
}

impl LineBudget {
    /// Classifies every top-level item of `module` (formatted code, as the generator writes
    /// it) by its first line.
    pub fn of(module: &str) -> LineBudget {
        let mut budget = LineBudget::default();
        let mut current = Part::Other;
        for line in module.lines() {
            if let Some(part) = starts(line) {
                current = part;
            }
            match current {
                Part::Types => budget.types += 1,
                Part::Operations => budget.operations += 1,
                Part::Other => budget.other += 1,
            }
        }
        budget
    }
}

#[derive(Clone, Copy)]
enum Part {
    Types,
    Operations,
    Other,
}

/// The part an item that begins on `line` belongs to, if an item begins there. Documentation
/// and attributes before an item count with the item before them: a line or two each.
fn starts(line: &str) -> Option<Part> {
    const OPERATIONS: &[&str] = &[
        "pub const OPERATIONS",
        "pub enum Request",
        "pub enum Response",
        "impl Request",
        "impl Response",
        "pub struct Client",
        "impl Client",
        "pub enum Error",
        "impl From<rt::CallError> for Error",
        "impl From<rt::EncodeError> for Error",
        "pub trait Server",
        "impl rt::server::",
        "impl<S: Server>",
        "pub async fn dispatch",
        "pub fn router",
        "impl rt::SoapRequest",
        "impl rt::SoapResponse",
        "impl rt::WriteRequest",
        "impl rt::ReadRequest",
        "impl rt::WriteResponse",
        "impl rt::ReadResponse",
        "pub trait Operation",
        "pub mod op",
    ];
    if line.starts_with(char::is_whitespace) || line.starts_with("//") || line.starts_with('#') {
        return None;
    }
    if OPERATIONS.iter().any(|start| line.starts_with(start)) {
        return Some(Part::Operations);
    }
    // A message's own helpers for its bindings (pairs): `impl FooRequest {`.
    if let Some(name) = line
        .strip_prefix("impl ")
        .and_then(|r| r.strip_suffix(" {"))
        && !name.contains(' ')
        && (name.ends_with("Request") || name.ends_with("Response"))
    {
        return Some(Part::Operations);
    }
    let item = ["pub struct", "pub enum", "pub type", "impl"];
    if item.iter().any(|start| line.starts_with(start)) {
        return Some(Part::Types);
    }
    (line.starts_with("pub const") || line.starts_with("use ") || line.starts_with("pub fn"))
        .then_some(Part::Other)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_count_by_their_first_line_with_what_follows() {
        let module = "\
use crate::runtime as rt;

pub struct EchoRequest {
    pub text: String,
}

impl rt::xml::XmlType for EchoRequest {
    fn f() {}
}

impl rt::WriteRequest for EchoRequest {
    fn write_request() {}
}

/// Each operation.
pub const OPERATIONS: &[rt::OperationInfo] = &[];

impl Client {
    fn a() {}
}

pub mod op {
    pub struct Echo;
}
";
        let budget = LineBudget::of(module);
        assert_eq!(budget.types, 8);
        assert_eq!(budget.operations, 14);
        assert_eq!(budget.other, 2);
    }
}
