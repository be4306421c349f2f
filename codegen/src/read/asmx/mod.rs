//! The reader of ASMX help pages: the page an ASMX server shows for `Service.asmx?op=Name`.
//!
//! The page names the service and the operation, describes it, and then has up to four
//! sections, SOAP 1.1, SOAP 1.2, HTTP GET and HTTP POST, each a sample request and response
//! in which every value is a placeholder naming its type.

use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, Diagnostics, Problem};
use crate::model::ComplexType;
use crate::model::{
    Binding, BindingKind, Doc, Element, Fact, Header, HttpBinding, HttpMethod, HttpReply, Message,
    Operation, QName, Rule, Sample, SampleKind, SoapBinding, SoapReply, SoapVersion, SourceId,
    TypeKind, TypeUse, without_positions,
};
use crate::read::page::http_message::{self, HeaderLine, RequestLine, StatusLine};
use crate::read::page::soap_sample::envelope;
use crate::read::page::table;
use crate::read::page::xml_sample::XmlSample;
use crate::read::page::xml_shape::{Shaper, Values, element_name};
use crate::read::page::{Page, doc_of};
use crate::read::types::TypeSet;
use crate::read::{DocumentRead, FamilyReader, sample_of};

const OPERATIONS_LINK: &str = "Click here for a complete list of operations.";

/// The sections of an ASMX help page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Soap11,
    Soap12,
    HttpGet,
    HttpPost,
}

impl Kind {
    fn title(self) -> &'static str {
        match self {
            Kind::Soap11 => "SOAP 1.1",
            Kind::Soap12 => "SOAP 1.2",
            Kind::HttpGet => "HTTP GET",
            Kind::HttpPost => "HTTP POST",
        }
    }

    fn binding_kind(self) -> BindingKind {
        match self {
            Kind::Soap11 => BindingKind::Soap11,
            Kind::Soap12 => BindingKind::Soap12,
            Kind::HttpGet => BindingKind::HttpGet,
            Kind::HttpPost => BindingKind::HttpPost,
        }
    }
}

/// The kind of section a line introduces: `The following is a sample SOAP 1.1 request and
/// response. The placeholders shown need to be replaced with actual values.`
fn marker(text: &str) -> Option<Kind> {
    let rest = text.strip_prefix("The following is a sample ")?;
    let (title, _) = rest.split_once(" request and response")?;
    [Kind::Soap11, Kind::Soap12, Kind::HttpGet, Kind::HttpPost]
        .into_iter()
        .find(|kind| kind.title() == title)
}

/// The family's entry in the readers' table.
pub(crate) const FAMILY: FamilyReader = FamilyReader {
    family: crate::model::Family::AsmxHelp,
    recognizes: |source| recognizes(&Page::new(source).split_lines(breaks)),
    read: |source, _| read(&Page::new(source).split_lines(breaks), source.id()),
};

/// The sentence that ends a section's marker.
const MARKER_END: &str = "The placeholders shown need to be replaced with actual values.";

/// Where a line breaks that a copy collapsed: a section's title glued to its marker
/// (`SOAP 1.2The following is a sample …`), the marker glued to the request, and each
/// sample message's lines collapsed to spaces (see [`http_message::collapsed_breaks`]).
fn breaks(text: &str) -> Vec<usize> {
    let mut at = Vec::new();
    let mut parts = vec![0];
    if let Some(i) = text.find("The following is a sample ")
        && i > 0
    {
        parts.push(i);
    }
    if let Some(i) = text.find(MARKER_END).map(|i| i + MARKER_END.len())
        && i < text.len()
    {
        parts.push(i);
    }
    parts.sort_unstable();
    parts.dedup();
    at.extend(parts.iter().copied().filter(|&i| i > 0));
    parts.push(text.len());
    for pair in parts.windows(2) {
        let part = &text[pair[0]..pair[1]];
        let lead = part.len() - part.trim_start().len();
        at.extend(
            http_message::collapsed_breaks(part.trim_start())
                .into_iter()
                .map(|i| pair[0] + lead + i),
        );
    }
    at
}

/// Whether a page is an ASMX help page.
pub fn recognizes(page: &Page<'_>) -> bool {
    page.lines.iter().any(|line| marker(line.text).is_some())
        && page.find_text(0, OPERATIONS_LINK).is_some()
}

/// One section's sample request and response.
struct Section<'s> {
    kind: Kind,
    pos: crate::model::Pos,
    request: RequestLine<'s>,
    request_headers: Vec<HeaderLine<'s>>,
    request_xml: Option<XmlSample<'s>>,
    form: Option<(&'s str, crate::model::Pos)>,
    status: StatusLine<'s>,
    response_headers: Vec<HeaderLine<'s>>,
    response_xml: Option<XmlSample<'s>>,
}

/// Reads an ASMX help page.
pub fn read(page: &Page<'_>, source_id: SourceId) -> Result<DocumentRead, Diagnostics> {
    let markers: Vec<(usize, Kind)> = (0..page.lines.len())
        .filter_map(|i| marker(page.text(i)).map(|kind| (i, kind)))
        .collect();
    // A section starts at its title line when the page has one, else at its marker.
    let starts: Vec<usize> = markers
        .iter()
        .map(|&(i, kind)| {
            if i > 0 && page.text(i - 1) == kind.title() {
                i - 1
            } else {
                i
            }
        })
        .collect();
    let header_end = starts.first().copied().unwrap_or(page.lines.len());

    let link = page
        .find_text(0, OPERATIONS_LINK)
        .filter(|&i| i < header_end)
        .ok_or_else(|| page.expected(1, format!("`{OPERATIONS_LINK}`")))?;
    if link == 0 {
        return Err(page.expected(0, "the service's name").into());
    }
    let service_line = &page.lines[0];
    let op_index = link + 1;
    if op_index >= header_end {
        return Err(page.expected(op_index, "the operation's name").into());
    }
    let op_line = &page.lines[op_index];
    let test = page
        .find_text(op_index + 1, "Test")
        .filter(|&i| i < header_end)
        .unwrap_or(header_end);
    let (documentation, parameter_docs) = description(page, op_index + 1, test);

    let mut sections: Vec<Section> = Vec::new();
    let mut diagnostics = Diagnostics::default();
    for (n, &(marker_index, kind)) in markers.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(page.lines.len());
        if let Some(first) = sections.iter().find(|s| s.kind == kind) {
            diagnostics.push(page.error(
                page.pos(starts[n]),
                Problem::Duplicate {
                    what: format!("the {} section", kind.title()),
                    first: first.pos,
                },
            ));
            continue;
        }
        match section(page, kind, starts[n], marker_index, end) {
            Ok(section) => sections.push(section),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }

    let mut reader = Lowering {
        page,
        source_id,
        types: TypeSet::default(),
        diagnostics: Diagnostics::default(),
    };
    let operation = reader.operation(
        Fact::stated(op_line.text.to_owned(), op_line.pos()),
        documentation,
        &sections,
    );
    let host = reader.host(&sections);
    let Lowering {
        types, diagnostics, ..
    } = reader;
    let mut types = types;
    let operation = operation.map(|mut operation| {
        document_parameters(&mut operation, &mut types, parameter_docs);
        operation
    });
    let operation = match operation {
        Ok(operation) if diagnostics.is_empty() => operation,
        Ok(_) => return Err(diagnostics),
        Err(diagnostic) => {
            let mut all = diagnostics;
            all.push(diagnostic);
            return Err(all);
        }
    };
    Ok(DocumentRead {
        name: Some(Fact::stated(
            service_line.text.to_owned(),
            service_line.pos(),
        )),
        documentation: Vec::new(),
        host: host?,
        operations: vec![operation],
        types,
    })
}

/// The operation's description (`from..to`), as paragraphs, and the rows of a parameter
/// table in it (`| Token | The session token identifier. |`): each parameter's name with its
/// description, and the paragraph the row stood for, in case no parameter has that name.
/// A run of lines rendered as cells is a table when it has a header (`Parameter |
/// Description`) or a separator row (`|---|`): a copy of a table without a header makes its
/// first row the header of a markdown table, and that row is a parameter too. Other lines
/// with pipes are prose.
fn description(page: &Page<'_>, from: usize, to: usize) -> (Vec<Doc>, Vec<ParameterDoc>) {
    let mut docs = Vec::new();
    let mut parameters = Vec::new();
    let mut index = from;
    while index < to {
        let line = &page.lines[index];
        if !table::is_row(line) {
            docs.push(doc_of(line));
            index += 1;
            continue;
        }
        let end = (index..to)
            .find(|&i| !table::is_row(&page.lines[i]))
            .unwrap_or(to);
        let rows: Vec<Vec<table::Cell<'_>>> = page.lines[index..end]
            .iter()
            .map(|line| table::cells(std::slice::from_ref(line)))
            .collect();
        let is_header = |cells: &[table::Cell<'_>]| {
            cells.len() >= 2
                && matches!(
                    cells[0].text.to_ascii_lowercase().as_str(),
                    "parameter" | "name" | "parameter name"
                )
                && cells
                    .iter()
                    .any(|c| c.text.eq_ignore_ascii_case("description"))
        };
        let has_header = rows.iter().any(|cells| is_header(cells));
        let is_table = has_header || rows.iter().any(Vec::is_empty);
        // A heading such as `Parameters` just before the table goes with it.
        if has_header
            && docs
                .last()
                .is_some_and(|d: &Doc| d.text.eq_ignore_ascii_case("parameters"))
        {
            docs.pop();
        }
        for (line, cells) in page.lines[index..end].iter().zip(&rows) {
            match cells.as_slice() {
                _ if !is_table => docs.push(doc_of(line)),
                // A separator row, or the header.
                [] => {}
                cells if is_header(cells) => {}
                [name, .., text] => parameters.push(ParameterDoc {
                    name: name.text.to_owned(),
                    doc: text.doc(),
                    row: Doc {
                        text: format!("{}: {}", name.text, text.text),
                        pos: name.pos,
                    },
                }),
                [_] => docs.push(doc_of(line)),
            }
        }
        index = end;
    }
    (docs, parameters)
}

/// A parameter's description from a table in the operation's description.
struct ParameterDoc {
    name: String,
    doc: Doc,
    /// The row as a paragraph (`Name: description`), for the operation where no
    /// parameter has the name.
    row: Doc,
}

/// Gives each input member the description a parameter table states for it (names compared
/// without case); a row that names no member stays in the operation's documentation.
fn document_parameters(operation: &mut Operation, types: &mut TypeSet, rows: Vec<ParameterDoc>) {
    for row in rows {
        let member = operation.input.body.as_mut().and_then(|body| {
            let complex = match &mut body.ty.value {
                TypeUse::Anonymous(complex) => Some(complex.as_mut()),
                TypeUse::Named(name) => match types.get_mut(name).map(|t| &mut t.kind) {
                    Some(TypeKind::Complex(complex)) => Some(complex),
                    _ => None,
                },
                TypeUse::Builtin(_) => None,
            }?;
            complex
                .elements_mut()
                .find(|e| e.name.local.eq_ignore_ascii_case(&row.name))
        });
        match member {
            Some(member) => member.documentation.push(row.doc),
            None => operation.documentation.push(row.row),
        }
    }
}

/// Reads one section: request line, headers, body; status line, headers, body.
fn section<'s>(
    page: &Page<'s>,
    kind: Kind,
    start: usize,
    marker_index: usize,
    end: usize,
) -> Result<Section<'s>, Diagnostic> {
    let source = page.source;
    let mut i = marker_index + 1;
    let request = http_message::request_line(page, i)
        .filter(|_| i < end)
        .ok_or_else(|| page.expected(i, "a request line such as `POST /Service.asmx HTTP/1.1`"))?;
    let (request_headers, next) = http_message::headers(page, i + 1);
    i = next;
    let mut request_xml = None;
    let mut form = None;
    match kind {
        Kind::Soap11 | Kind::Soap12 => {
            if !page.text(i).starts_with('<') || i >= end {
                return Err(page.expected(i, format!("the {} request envelope", kind.title())));
            }
            let (sample, after) =
                XmlSample::parse_within(source, page.lines[i].text_start, &|end| {
                    page.part_end(end)
                })?;
            request_xml = Some(sample);
            i = page.index_after(after);
        }
        Kind::HttpPost => {
            if i < end && http_message::status_line(page, i).is_none() {
                form = Some((page.lines[i].text, page.lines[i].pos()));
                i += 1;
            }
        }
        Kind::HttpGet => {}
    }
    let status = http_message::status_line(page, i)
        .filter(|s| i < end && (200..300).contains(&s.code))
        .ok_or_else(|| page.expected(i, "a successful status line such as `HTTP/1.1 200 OK`"))?;
    let (response_headers, next) = http_message::headers(page, i + 1);
    i = next;
    let mut response_xml = None;
    if i < end && page.text(i).starts_with('<') {
        let (sample, after) =
            XmlSample::parse_within(source, page.lines[i].text_start, &|end| page.part_end(end))?;
        response_xml = Some(sample);
        i = page.index_after(after);
    }
    if i < end {
        return Err(page.expected(i, "the next section or the end of the page"));
    }
    Ok(Section {
        kind,
        pos: page.pos(start),
        request,
        request_headers,
        request_xml,
        form,
        status,
        response_headers,
        response_xml,
    })
}

struct Lowering<'p, 's> {
    page: &'p Page<'s>,
    source_id: SourceId,
    types: TypeSet,
    diagnostics: Diagnostics,
}

impl Lowering<'_, '_> {
    fn operation(
        &mut self,
        name: Fact<String>,
        documentation: Vec<crate::model::Doc>,
        sections: &[Section<'_>],
    ) -> Result<Operation, Diagnostic> {
        let soap: Vec<&Section> = sections
            .iter()
            .filter(|s| matches!(s.kind, Kind::Soap11 | Kind::Soap12))
            .collect();
        let Some(first_soap) = soap.first() else {
            return Err(self.page.error(
                self.page.pos(0),
                Problem::Missing {
                    what: "SOAP 1.1 or SOAP 1.2 section, which gives the message types".into(),
                },
            ));
        };
        let type_names = self.result_type_names(first_soap, sections)?;

        // The first SOAP section gives the messages; the other must say the same.
        let mut messages: Option<(Message, Message, &Section)> = None;
        let mut bindings = Vec::new();
        for section in &soap {
            let (input, output) = self.soap_messages(section, &type_names)?;
            match &messages {
                None => messages = Some((input, output, section)),
                Some((first_in, first_out, first)) => {
                    for (mine, theirs, what) in [
                        (&input, first_in, "request"),
                        (&output, first_out, "response"),
                    ] {
                        if without_positions(mine) != without_positions(theirs) {
                            let at = mine.body.as_ref().map_or(section.pos, |b| b.pos);
                            let other = theirs.body.as_ref().map_or(first.pos, |b| b.pos);
                            self.diagnostics.push(self.page.error(
                                at,
                                Problem::Inconsistent {
                                    what: format!("the {} {what}", section.kind.title()),
                                    other,
                                },
                            ));
                        }
                    }
                }
            }
        }
        let Some((input, output, _)) = messages else {
            unreachable!("there is at least one SOAP section")
        };
        let namespace = input
            .body
            .as_ref()
            .map(|b| b.name.namespace.clone())
            .unwrap_or_default();

        let soap11_action = sections
            .iter()
            .find(|s| s.kind == Kind::Soap11)
            .and_then(|s| http_message::header(&s.request_headers, "SOAPAction"))
            .map(|h| Fact::stated(h.value.trim_matches('"').to_owned(), h.value_pos));
        for section in sections {
            let binding = match section.kind {
                Kind::Soap11 | Kind::Soap12 => Binding::Soap(self.soap_binding(
                    section,
                    &name,
                    &namespace,
                    soap11_action.as_ref(),
                    &input,
                )),
                Kind::HttpGet | Kind::HttpPost => {
                    Binding::Http(self.http_binding(section, &input, &output)?)
                }
            };
            bindings.push(binding);
        }

        let samples = sections.iter().flat_map(|s| self.samples(s)).collect();
        Ok(Operation {
            name,
            message_name: None,
            source: self.source_id,
            documentation,
            input,
            output,
            faults: Vec::new(),
            error_codes: Vec::new(),
            outcome: None,
            cookies: Vec::new(),
            bindings,
            samples,
        })
    }

    /// The type names that the HTTP GET or POST response shows: ASMX writes the result value
    /// there as a root element named after its type, which names the type of the SOAP result.
    fn result_type_names(
        &self,
        soap: &Section<'_>,
        sections: &[Section<'_>],
    ) -> Result<BTreeMap<String, Fact<QName>>, Diagnostic> {
        let mut names = BTreeMap::new();
        let Some(response) = &soap.response_xml else {
            return Ok(names);
        };
        let env = envelope(response, self.page.source)?;
        let result = env
            .body
            .and_then(|body| body.children().find(roxmltree::Node::is_element));
        let Some(result) = result else {
            return Ok(names);
        };
        for section in sections
            .iter()
            .filter(|s| matches!(s.kind, Kind::HttpGet | Kind::HttpPost))
        {
            if let Some(xml) = &section.response_xml {
                let root = xml.doc.root_element();
                if root.children().any(|c| c.is_element()) {
                    names
                        .entry(result.tag_name().name().to_owned())
                        .or_insert_with(|| Fact::stated(element_name(root), xml.pos(root)));
                }
            }
        }
        Ok(names)
    }

    fn soap_messages(
        &mut self,
        section: &Section<'_>,
        type_names: &BTreeMap<String, Fact<QName>>,
    ) -> Result<(Message, Message), Diagnostic> {
        let source = self.page.source;
        let request = section
            .request_xml
            .as_ref()
            .expect("SOAP sections have a request");
        let mut input = self.soap_message(request, type_names)?;
        let output = match &section.response_xml {
            Some(response) => self.soap_message(response, type_names)?,
            None => {
                return Err(self.page.error(
                    section.status.pos,
                    Problem::Missing {
                        what: format!("{} response envelope", section.kind.title()),
                    },
                ));
            }
        };
        if input.body.is_none() {
            return Err(source.error(
                request.pos(request.doc.root_element()),
                Problem::UnexpectedSample {
                    expected: "a request body with the operation's element".into(),
                    found: "an empty body".into(),
                },
            ));
        }
        for header in &mut input.headers {
            header.required = Fact::inferred(false, Rule::AsmxHeaderOptional, header.element.pos);
        }
        Ok((input, output))
    }

    fn soap_message(
        &mut self,
        sample: &XmlSample<'_>,
        type_names: &BTreeMap<String, Fact<QName>>,
    ) -> Result<Message, Diagnostic> {
        let env = envelope(sample, self.page.source)?;
        let mut shaper = Shaper {
            sample,
            source: self.page.source,
            source_id: self.source_id,
            values: Values::Placeholders,
            types: &mut self.types,
            diagnostics: &mut self.diagnostics,
            type_names,
        };
        let headers = env
            .headers
            .iter()
            .map(|node| {
                let element = shaper.named(*node);
                Header {
                    required: Fact::inferred(false, Rule::AsmxHeaderOptional, element.pos),
                    element,
                    echoed: None,
                }
            })
            .collect();
        let body = env.body.map(|node| shaper.anonymous(node));
        Ok(Message {
            body,
            bare: false,
            headers,
            parameters: Vec::new(),
            unknown_body: None,
        })
    }

    fn soap_binding(
        &self,
        section: &Section<'_>,
        operation: &Fact<String>,
        namespace: &str,
        soap11_action: Option<&Fact<String>>,
        input: &Message,
    ) -> SoapBinding {
        let body_pos = input.body.as_ref().map_or(section.pos, |b| b.pos);
        let convention = || {
            Fact::inferred(
                format!("{namespace}{}", operation.value),
                Rule::AsmxSoapAction,
                body_pos,
            )
        };
        let (version, action) = match section.kind {
            Kind::Soap11 => (
                SoapVersion::Soap11,
                soap11_action.cloned().unwrap_or_else(convention),
            ),
            _ => {
                let stated = http_message::header(&section.request_headers, "Content-Type")
                    .and_then(|h| action_parameter(h));
                let action = match (stated, soap11_action) {
                    (Some(stated), _) => stated,
                    (None, Some(soap11)) => Fact::inferred(
                        soap11.value.clone(),
                        Rule::AsmxSoap12SameAction,
                        soap11.origin.pos(),
                    ),
                    (None, None) => convention(),
                };
                (SoapVersion::Soap12, action)
            }
        };
        SoapBinding {
            pos: section.pos,
            version,
            action,
            path: Some(Fact::stated(
                section.request.path.to_owned(),
                section.request.path_pos,
            )),
            reply: Fact::stated(SoapReply::Body, section.status.pos),
            encoding_style: section
                .request_xml
                .as_ref()
                .and_then(|request| envelope(request, self.page.source).ok())
                .and_then(|env| env.encoding_style)
                .map(|(style, pos)| Fact::stated(style, pos)),
            policy: None,
            reply_action: None,
        }
    }

    fn http_binding(
        &mut self,
        section: &Section<'_>,
        input: &Message,
        output: &Message,
    ) -> Result<HttpBinding, Diagnostic> {
        let (method, pairs) = match section.kind {
            Kind::HttpGet => (
                HttpMethod::Get,
                section
                    .request
                    .query
                    .map(|q| (q, section.request.query_pos)),
            ),
            _ => (HttpMethod::Post, section.form),
        };
        // The pairs name the operation's parameters, in order; the values are all `string`
        // whatever the type, so only the names are worth comparing.
        let expected: Vec<&str> = input
            .body
            .as_ref()
            .map(|b| member_names(b))
            .unwrap_or_default();
        let shown: Vec<(&str, usize)> = pairs
            .map(|(p, _)| http_message::pair_names(p))
            .unwrap_or_default();
        if shown.iter().map(|(n, _)| *n).ne(expected.iter().copied()) {
            let pos = pairs.map_or(section.request.pos, |(_, pos)| pos);
            self.diagnostics.push(self.page.error(
                pos,
                Problem::Inconsistent {
                    what: format!(
                        "the list of {} parameters ({})",
                        section.kind.title(),
                        shown.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
                    ),
                    other: input.body.as_ref().map_or(section.pos, |b| b.pos),
                },
            ));
        }
        let reply = match &section.response_xml {
            None => Fact::stated(HttpReply::Empty, section.status.pos),
            Some(xml) => {
                let root = xml.doc.root_element();
                let result = match output.body.as_ref().map(|b| &b.ty.value) {
                    Some(TypeUse::Anonymous(complex))
                        if let [crate::model::Particle::Element(result)] =
                            complex.sequence.as_slice() =>
                    {
                        result
                    }
                    _ => {
                        return Err(self.page.error(
                            xml.pos(root),
                            Problem::UnexpectedSample {
                                expected:
                                    "no response body, as the SOAP response carries no result"
                                        .into(),
                                found: format!("<{}>", root.tag_name().name()),
                            },
                        ));
                    }
                };
                self.check_result_root(xml, result)?;
                Fact::inferred(
                    HttpReply::Result {
                        root: element_name(root),
                    },
                    Rule::AsmxHttpResultRoot,
                    xml.pos(root),
                )
            }
        };
        Ok(HttpBinding {
            pos: section.pos,
            method,
            path: Fact::stated(section.request.path.to_owned(), section.request.path_pos),
            reply,
        })
    }

    /// The root of an HTTP GET or POST response must hold what the SOAP result holds.
    fn check_result_root(
        &mut self,
        xml: &XmlSample<'_>,
        result: &Element,
    ) -> Result<(), Diagnostic> {
        let root = xml.doc.root_element();
        // The root's content, shaped apart from the page's types.
        let mut scratch = TypeSet::default();
        let mut diagnostics = Diagnostics::default();
        let no_names = BTreeMap::new();
        let mut shaper = Shaper {
            sample: xml,
            source: self.page.source,
            source_id: self.source_id,
            values: Values::Placeholders,
            types: &mut scratch,
            diagnostics: &mut diagnostics,
            type_names: &no_names,
        };
        let kind = |c: ComplexType| without_positions(&TypeKind::Complex(c));
        let matches = match &result.ty.value {
            TypeUse::Named(name) => {
                let shown = kind(shaper.content(root, &name.local));
                diagnostics.is_empty()
                    && self
                        .types
                        .get(name)
                        .is_some_and(|def| without_positions(&def.kind) == shown)
            }
            TypeUse::Builtin(builtin) => {
                root.text()
                    .map(str::trim)
                    .and_then(crate::read::page::placeholder::asmx_placeholder)
                    == Some(*builtin)
            }
            // A DataSet: its schema and data, which the root holds as the result does.
            TypeUse::Anonymous(complex) => match shaper.element_type(root) {
                TypeUse::Anonymous(shown) => {
                    diagnostics.is_empty() && kind(*shown) == kind((**complex).clone())
                }
                _ => false,
            },
        };
        if matches {
            Ok(())
        } else {
            Err(self.page.error(
                xml.pos(root),
                Problem::Inconsistent {
                    what: format!("the result <{}>", root.tag_name().name()),
                    other: result.pos,
                },
            ))
        }
    }

    /// The host the sections' `Host` headers show; they must agree.
    fn host(&self, sections: &[Section<'_>]) -> Result<Option<Fact<String>>, Diagnostics> {
        let mut host: Option<Fact<String>> = None;
        for section in sections {
            if let Some(header) = http_message::header(&section.request_headers, "Host") {
                match &host {
                    None => host = Some(Fact::stated(header.value.to_owned(), header.value_pos)),
                    Some(first) if first.value != header.value => {
                        return Err(self
                            .page
                            .error(
                                header.value_pos,
                                Problem::Inconsistent {
                                    what: format!("the host `{}`", header.value),
                                    other: first.origin.pos(),
                                },
                            )
                            .into());
                    }
                    Some(_) => {}
                }
            }
        }
        Ok(host)
    }

    fn samples(&self, section: &Section<'_>) -> Vec<Sample> {
        let binding = Some(section.kind.binding_kind());
        let request_body = section
            .request_xml
            .as_ref()
            .map(|xml| Fact::stated(xml.text().to_owned(), xml.pos(xml.doc.root())))
            .or_else(|| {
                section
                    .form
                    .map(|(text, pos)| Fact::stated(text.to_owned(), pos))
            });
        let response_body = section
            .response_xml
            .as_ref()
            .map(|xml| Fact::stated(xml.text().to_owned(), xml.pos(xml.doc.root())));
        vec![
            sample_of(
                section.request.pos,
                binding,
                SampleKind::Request,
                Some(section.request.text),
                &section.request_headers,
                request_body,
            ),
            sample_of(
                section.status.pos,
                binding,
                SampleKind::Response,
                Some(section.status.text),
                &section.response_headers,
                response_body,
            ),
        ]
    }
}

/// The `action` parameter of a SOAP 1.2 content type, where a page shows it.
fn action_parameter(header: &HeaderLine<'_>) -> Option<Fact<String>> {
    let (_, rest) = header.value.split_once("action=")?;
    let action = rest.split(';').next()?.trim().trim_matches('"');
    Some(Fact::stated(action.to_owned(), header.value_pos))
}

/// The local names of the members of a wrapper element.
fn member_names(element: &crate::model::Element) -> Vec<&str> {
    match &element.ty.value {
        crate::model::TypeUse::Anonymous(complex) => {
            complex.elements().map(|e| e.name.local.as_str()).collect()
        }
        _ => Vec::new(),
    }
}
