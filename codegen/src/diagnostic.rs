//! Diagnostics: what is wrong with a document, where, rendered with the offending line.
//!
//! Every message the generator can report stands in [`Problem`], one catalogue, so that the
//! wording stays consistent and the rendered diagnostics can be snapshot-tested.

use std::fmt;

use crate::model::Pos;

/// A problem in a document, at a position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The document's name.
    pub file: String,
    /// Where the problem is.
    pub pos: Pos,
    /// What the problem is.
    pub problem: Problem,
    /// The text of the offending line: all of it, or of a long line the part around `pos`,
    /// with `…` where it was cut.
    pub line_text: String,
    /// The column of the line at which `line_text` starts (after its `…`): 1 for a whole line.
    pub line_from: u32,
    /// Other places the problem is about: what a contradiction contradicts, where a duplicate
    /// first stood.
    pub related: Vec<Related>,
}

/// Another place a diagnostic is about, in any document of the service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    /// The document's name.
    pub file: String,
    /// Where.
    pub pos: Pos,
    /// The text of that line, as [`Diagnostic::line_text`].
    pub line_text: String,
    /// The column at which `line_text` starts, as [`Diagnostic::line_from`].
    pub line_from: u32,
    /// What stands there (`the other statement`).
    pub note: &'static str,
}

impl Diagnostic {
    /// The same diagnostic, about `related` too.
    pub fn with_related(mut self, related: Related) -> Self {
        self.related.push(related);
        self
    }
}

/// `file:line:column: kind: message`, then the line with a caret under the column.
fn write_place(
    f: &mut fmt::Formatter<'_>,
    file: &str,
    pos: Pos,
    kind: &str,
    message: &dyn fmt::Display,
    line_text: &str,
    line_from: u32,
) -> fmt::Result {
    // What a document says reaches the terminal with its control characters escaped (an
    // escape sequence in a hostile page shows as `\u{1b}`, and does nothing).
    let message = codegen_runtime::shown(&message.to_string()).into_owned();
    writeln!(f, "{file}:{pos}: {kind}: {message}")?;
    let number = pos.line.to_string();
    let gutter = " ".repeat(number.len());
    writeln!(f, "{gutter} |")?;
    // Keep tabs as tabs so that the caret lines up however the terminal renders them, and
    // count an escaped character as wide as its escape. A window of a long line starts with
    // `…` and its column `line_from`.
    let before = pos.column.saturating_sub(line_from) as usize + usize::from(line_from > 1);
    let (mut shown, mut lead) = (String::with_capacity(line_text.len()), String::new());
    for (index, c) in line_text.chars().enumerate() {
        let from = shown.len();
        codegen_runtime::push_shown(&mut shown, c);
        if index < before {
            let width = shown[from..].chars().count();
            lead.extend(std::iter::repeat_n(
                if c == '\t' { '\t' } else { ' ' },
                width,
            ));
        }
    }
    writeln!(f, "{number} | {shown}")?;
    write!(f, "{gutter} | {lead}^")
}

impl fmt::Display for Diagnostic {
    /// The problem where it stands, then each related place as a note.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_place(
            f,
            &self.file,
            self.pos,
            "error",
            &self.problem,
            &self.line_text,
            self.line_from,
        )?;
        for related in &self.related {
            f.write_str("\n")?;
            write_place(
                f,
                &related.file,
                related.pos,
                "note",
                &related.note,
                &related.line_text,
                related.line_from,
            )?;
        }
        Ok(())
    }
}

/// Several diagnostics, reported together: the first [`MAX_DIAGNOSTICS`], and how many more
/// there were.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>, usize);

/// The most diagnostics kept: a document broken in thousands of places (a sample whose every
/// element contradicts another) is reported by its first problems and a count of the rest,
/// so that reporting costs no more than reading.
pub const MAX_DIAGNOSTICS: usize = 100;

impl Diagnostics {
    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty() && self.1 == 0
    }

    /// Adds one; past [`MAX_DIAGNOSTICS`], only counts it.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        if self.0.len() < MAX_DIAGNOSTICS {
            self.0.push(diagnostic);
        } else {
            self.1 += 1;
        }
    }

    /// Adds all of another set.
    pub fn extend(&mut self, other: Diagnostics) {
        self.1 += other.1;
        for diagnostic in other.0 {
            self.push(diagnostic);
        }
    }

    /// `Ok(value)` when there are none, else `Err(self)`.
    pub fn into_result<T>(self, value: T) -> Result<T, Diagnostics> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        let mut diagnostics = Diagnostics::default();
        for diagnostic in iter {
            diagnostics.push(diagnostic);
        }
        diagnostics
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Self {
        Diagnostics(vec![diagnostic], 0)
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, diagnostic) in self.0.iter().enumerate() {
            if index > 0 {
                f.write_str("\n\n")?;
            }
            write!(f, "{diagnostic}")?;
        }
        if self.1 > 0 {
            write!(
                f,
                "\n\nand {} more problems, left out past the first {MAX_DIAGNOSTICS}",
                self.1
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// Everything the generator can find wrong with a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The bytes are not UTF-8.
    NotUtf8 {
        /// The first byte that is not.
        byte: u8,
    },
    /// An XML declaration names an encoding no one knows.
    UnknownEncoding {
        /// The name it gives.
        label: String,
    },
    /// The bytes are not text in the encoding the document's byte order mark or declaration
    /// says.
    NotInEncoding {
        /// The encoding.
        encoding: &'static str,
        /// The last byte read when the text stopped.
        byte: u8,
    },
    /// The document has no text.
    EmptyDocument,
    /// The document is none of the families the readers know.
    UnknownFamily {
        /// The first line, which usually says what the page is.
        first_line: String,
        /// The families there are.
        families: Vec<&'static str>,
    },
    /// A line other than the one the page's structure calls for.
    Expected {
        /// What should stand here.
        expected: String,
        /// What stands here instead.
        found: String,
    },
    /// A part the page must have is missing.
    Missing {
        /// What is missing.
        what: String,
    },
    /// A part a document must have is missing.
    MissingPart {
        /// What is missing (`the name of this global element`).
        what: String,
    },
    /// The documents of a service describe no operation.
    NoOperation,
    /// A service's folder holds no document to read.
    NoDocument,
    /// No binding of a WSDL runs over HTTP: its endpoints speak transports no HTTP client
    /// can call.
    NoHttpBinding {
        /// The transports its bindings run over, as messages name them.
        transports: Vec<String>,
    },
    /// No document says how an operation is called.
    NoBinding {
        /// The operation.
        operation: String,
    },
    /// The page ends where more must follow: it was cut short when copied.
    CutShort {
        /// What must follow.
        expected: String,
    },
    /// A part of the page occurs twice.
    Duplicate {
        /// What occurs twice.
        what: String,
        /// Where it stood first.
        first: Pos,
    },
    /// A sample runs into the end of the page with an element still open.
    TruncatedXml {
        /// The element that is still open.
        element: String,
        /// Where it was opened.
        opened: Pos,
    },
    /// An element is closed by the end tag of another.
    UnclosedElement {
        /// The element that is still open.
        element: String,
        /// Where it was opened.
        opened: Pos,
        /// The end tag found instead.
        found: String,
    },
    /// An end tag with no element open.
    StrayEndTag {
        /// The end tag.
        found: String,
    },
    /// The XML parser's complaint about a sample.
    XmlSyntax {
        /// What the parser says.
        message: String,
    },
    /// A JSON sample runs into the end of the page with a bracket still open.
    TruncatedJson {
        /// Where the unclosed bracket stands.
        opened: Pos,
    },
    /// The JSON parser's complaint about a sample.
    JsonSyntax {
        /// What the parser says.
        message: String,
    },
    /// An ASMX placeholder that names no type the platform writes.
    UnknownPlaceholder {
        /// The placeholder.
        text: String,
        /// The element or attribute it stands in.
        owner: String,
    },
    /// A type name in a table or signature that the reader does not know.
    UnknownType {
        /// The type as written.
        text: String,
    },
    /// A sample that does not have the shape its section calls for.
    UnexpectedSample {
        /// What the sample should be.
        expected: String,
        /// What it is.
        found: String,
    },
    /// Two parts of a page that must agree do not.
    Inconsistent {
        /// What disagrees.
        what: String,
        /// Where the other side stands.
        other: Pos,
    },
    /// A value that cannot be read as what it must be.
    BadValue {
        /// What the value must be.
        expected: String,
        /// The value.
        found: String,
    },
    /// A name that cannot become a Rust module name.
    BadModuleName {
        /// The name.
        name: String,
    },
    /// The generator made code that does not parse: a bug of the generator, reported with the
    /// document that led to it rather than as a panic.
    Internal {
        /// What the Rust parser says.
        message: String,
    },
    /// A document ends with an element still open.
    TruncatedDocument {
        /// The element that is still open.
        element: String,
        /// Where it was opened.
        opened: Pos,
    },
    /// The XML parser's complaint about a document.
    XmlDocumentSyntax {
        /// What the parser says.
        message: String,
    },
    /// Input past a limit the generator sets to bound its cost.
    TooLarge {
        /// What is too large.
        what: String,
        /// The limit.
        limit: String,
    },
    /// A qualified name whose prefix no declaration binds where it stands.
    UnboundPrefix {
        /// The prefix.
        prefix: String,
        /// The whole value.
        value: String,
    },
    /// A reference to something the documents do not declare.
    Unresolved {
        /// What kind of thing is named (`type`, `element`, `message`, `binding`).
        kind: &'static str,
        /// The name.
        name: String,
    },
    /// A definition that refers back to itself where it must not.
    Cycle {
        /// What goes round.
        what: String,
    },
    /// A construct the generator does not support, named, rather than read as another.
    Unsupported {
        /// The construct.
        what: String,
        /// What the generator reads instead.
        hint: String,
    },
    /// A Web API page's operation that can be called in no format: none whose request the
    /// generated code writes and whose response it reads.
    NoUsableFormat {
        /// The operation.
        operation: String,
    },
    /// A member table row whose name cell the copy lost, which the samples do not name.
    LostName {
        /// The members of the samples that no other row names.
        members: Vec<String>,
        /// Whether any sample shows the members.
        sampled: bool,
    },
    /// An import of a document that is not in the service's folder.
    ExternalImport {
        /// Where the import points.
        location: String,
        /// The namespace imported.
        namespace: String,
    },
    /// Two documents of one service define the same type differently.
    ConflictingType {
        /// The type's name.
        name: String,
        /// The other document.
        other: String,
    },
    /// `service.toml` is not TOML.
    SettingsSyntax {
        /// What the TOML parser says.
        message: String,
    },
    /// A setting `service.toml` does not know.
    UnknownSetting {
        /// The key, with its tables (`credentials.secrets`).
        key: String,
        /// The keys known there.
        known: &'static [&'static str],
    },
    /// A setting whose value is not of its kind.
    SettingType {
        /// The key, with its tables.
        key: String,
        /// What it must be.
        expected: &'static str,
    },
    /// A member the settings name that the service does not have.
    UnknownMember {
        /// The name as the settings give it.
        name: String,
    },
    /// An operation the settings name that the service does not have.
    UnknownOperation {
        /// The name as the settings give it.
        name: String,
        /// An operation of the same name in another case, to suggest.
        close: Option<String>,
    },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::NotUtf8 { byte } => {
                write!(
                    f,
                    "the document is not UTF-8 text: byte 0x{byte:02X} starts no character"
                )
            }
            Problem::UnknownEncoding { label } => write!(
                f,
                "the document declares the encoding `{label}`, which is none known"
            ),
            Problem::NotInEncoding { encoding, byte } => write!(
                f,
                "the document is not {encoding} text, as its byte order mark or declaration \
                 says: it stops being text here (at byte 0x{byte:02X})"
            ),
            Problem::EmptyDocument => f.write_str("the document is empty"),
            Problem::UnknownFamily {
                first_line,
                families,
            } => write!(
                f,
                "not a document of any known family ({}); it begins with `{first_line}`",
                families.join(", ")
            ),
            Problem::Expected { expected, found } => {
                write!(f, "expected {expected}, found `{found}`")
            }
            Problem::Missing { what } => write!(f, "the page has no {what}"),
            Problem::MissingPart { what } => write!(f, "{what} is missing"),
            Problem::NoOperation => f.write_str(
                "the documents of this service describe no operation: a WSDL needs a binding \
                 of an operation, a schema alone is not a service",
            ),
            Problem::CutShort { expected } => write!(
                f,
                "expected {expected}, but the page ends: it looks cut short; copy the whole page \
                 again"
            ),
            Problem::NoHttpBinding { transports } => write!(
                f,
                "no binding of this service runs over HTTP, which is all the generated client \
                 can call: its bindings run over {}",
                transports.join(", ")
            ),
            Problem::NoBinding { operation } => write!(
                f,
                "no document says how `{operation}` is called (no endpoint or route, no SOAP \
                 action, no HTTP method): the page may be cut short"
            ),
            Problem::NoDocument => f.write_str(
                "this folder of specs/ holds no document to read (hidden files and \
                 service.toml are none); put the service's WSDL or help pages in it, or remove it",
            ),
            Problem::Duplicate { what, .. } => write!(f, "{what} occurs twice"),
            Problem::TruncatedXml { element, opened } => write!(
                f,
                "the sample ends before <{element}> (opened at {opened}) is closed; the page looks truncated"
            ),
            Problem::UnclosedElement {
                element,
                opened,
                found,
            } => write!(
                f,
                "<{element}> (opened at {opened}) is not closed: found </{found}> instead"
            ),
            Problem::StrayEndTag { found } => {
                write!(f, "</{found}> closes no open element")
            }
            Problem::XmlSyntax { message } => write!(f, "the XML sample is malformed: {message}"),
            Problem::TruncatedJson { opened } => write!(
                f,
                "the JSON sample ends before the bracket at {opened} is closed; the page looks truncated"
            ),
            Problem::JsonSyntax { message } => write!(f, "the JSON sample is malformed: {message}"),
            Problem::UnknownPlaceholder { text, owner } => write!(
                f,
                "unknown placeholder type `{text}` in {owner}: expected an XSD type such as \
                 `string`, `int`, `boolean`, `dateTime`, or values as `A or B`"
            ),
            Problem::UnknownType { text } => write!(f, "unknown type `{text}`"),
            Problem::UnexpectedSample { expected, found } => {
                write!(f, "expected {expected}, but the sample is {found}")
            }
            // Where the other statement stands is the diagnostic's note.
            Problem::Inconsistent { what, .. } => write!(f, "{what} contradicts another statement"),
            Problem::BadValue { expected, found } => {
                write!(f, "`{found}` is not {expected}")
            }
            Problem::BadModuleName { name } => write!(
                f,
                "`{name}` cannot name a Rust module; use letters, digits and underscores, and neither \
                 a keyword nor `lib`, `main` or `runtime`, which the crate takes for itself"
            ),
            Problem::Internal { message } => write!(
                f,
                "the generator made code that does not parse ({message}); please report this with the document"
            ),
            Problem::TruncatedDocument { element, opened } => write!(
                f,
                "the document ends before <{element}> (opened at {opened}) is closed; the file looks truncated"
            ),
            Problem::XmlDocumentSyntax { message } => {
                write!(f, "the document is not well-formed XML: {message}")
            }
            Problem::TooLarge { what, limit } => {
                write!(f, "{what} goes past the limit of {limit}")
            }
            Problem::UnboundPrefix { prefix, value } => write!(
                f,
                "the prefix `{prefix}` of `{value}` is bound to no namespace here"
            ),
            Problem::Unresolved { kind, name } => write!(
                f,
                "no {kind} named {name} is declared in the documents of this service"
            ),
            Problem::Cycle { what } => write!(f, "{what}"),
            Problem::Unsupported { what, hint } => {
                write!(f, "{what} is not supported; the generator reads {hint}")
            }
            Problem::NoUsableFormat { operation } => write!(
                f,
                "`{operation}` can be called in no format the page lists: the generated code \
                 writes JSON and XML requests and reads JSON and XML responses, and an XML body \
                 needs a sample, which shows its DataContract namespace"
            ),
            Problem::LostName { members, sampled } => {
                f.write_str(
                    "this row lost its name cell in the copy (its first cell is its type), \
                     and the samples do not say which member it is: ",
                )?;
                if !sampled {
                    f.write_str("no sample shows the members; copy the page again")
                } else if members.is_empty() {
                    f.write_str("they show no member that another row does not name")
                } else {
                    let names: Vec<String> = members.iter().map(|m| format!("`{m}`")).collect();
                    write!(
                        f,
                        "the members no other row names are {}; copy the page again",
                        names.join(", ")
                    )
                }
            }
            Problem::ExternalImport {
                location,
                namespace,
            } => write!(
                f,
                "the import of `{location}` names no document of this folder, and the generator \
                 never fetches one: save the document of namespace `{namespace}` into the folder \
                 (under any name)"
            ),
            Problem::ConflictingType { name, other } => {
                write!(f, "type {name} is defined differently in {other}")
            }
            Problem::SettingsSyntax { message } => {
                write!(f, "the settings are not TOML: {}", message.trim_end())
            }
            Problem::UnknownSetting { key, known } => write!(
                f,
                "unknown setting `{key}`; known here: {}",
                known
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Problem::SettingType { key, expected } => write!(f, "`{key}` must be {expected}"),
            Problem::UnknownOperation { name, close } => {
                write!(f, "no operation of this service is named `{name}`")?;
                match close {
                    Some(close) => write!(f, "; did you mean `{close}`?"),
                    None => Ok(()),
                }
            }
            Problem::UnknownMember { name } => write!(
                f,
                "`{name}` names no member of this service (a member is named by its wire name, \
                 or as `Owner.member` with the local name of its type, element or operation)"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceId;

    #[test]
    fn control_characters_of_a_document_are_shown_escaped_with_the_caret_still_under_its_place() {
        let line = "<a>\u{1b}]0;owned\u{7}<b x=\"\u{1b}[2J\"/>";
        let column = line.chars().position(|c| c == 'x').unwrap() as u32 + 1;
        let diagnostic = Diagnostic {
            file: "page.txt".to_owned(),
            pos: Pos {
                source: SourceId(0),
                line: 3,
                column,
            },
            problem: Problem::Expected {
                expected: "a name".to_owned(),
                found: "\u{1b}[2J\r".to_owned(),
            },
            line_text: line.to_owned(),
            line_from: 1,
            related: Vec::new(),
        };
        let text = diagnostic.to_string();
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{text:?}"
        );
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "page.txt:3:17: error: expected a name, found `\\u{1b}[2J\\r`"
        );
        assert_eq!(
            lines[2],
            "3 | <a>\\u{1b}]0;owned\\u{7}<b x=\"\\u{1b}[2J\"/>"
        );
        let caret = lines[3].find('^').unwrap();
        assert_eq!(&lines[2][caret..caret + 1], "x", "{text}");
    }
}
