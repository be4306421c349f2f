//! The reader of srv.asmx method pages: a vendor's documentation of the methods of its
//! `srv.asmx` API.
//!
//! The page names the method (`# LogOut API`), describes it, gives the endpoint, the methods
//! (GET, POST form, SOAP action), a parameter table, a success and an error response
//! (`<root success="…" error="[901] …"/>`), examples of each request, notes and an error-code
//! table.

use crate::diagnostic::{Diagnostic, Diagnostics, Problem};
use crate::model::{
    Attribute, Binding, BindingKind, ComplexType, Doc, Element, ErrorCode, Fact, HttpBinding,
    HttpMethod, HttpReply, Message, Operation, Outcome, Pos, QName, Rule, Sample, SampleKind,
    SoapBinding, SoapReply, SoapVersion, SourceId, TypeUse,
};
use crate::read::page::http_message::{self, HeaderLine, RequestLine, pair_names};
use crate::read::page::placeholder::{is_type_name, vendor_type};
use crate::read::page::soap_sample::envelope;
use crate::read::page::table::{Cell, cells, is_row};
use crate::read::page::xml_sample::XmlSample;
use crate::read::page::xml_shape::{Shaper, Values, element_name};
use crate::read::page::{Page, doc_of, strip_bullet};
use crate::read::types::TypeSet;
use crate::read::{DocumentRead, FamilyReader, keep, sample_of};

const HEADINGS: &[&str] = &[
    "Endpoint",
    "Methods",
    "Parameters",
    "Response",
    "Success Response",
    "Error Response",
    "Required Permissions",
    "Example",
    "Examples",
    "Notes",
    "Error Codes",
];

/// The method a `# LogOut API` heading names.
fn api_heading(text: &str) -> Option<&str> {
    let name = text
        .strip_prefix('#')?
        .trim_start_matches('#')
        .trim()
        .strip_suffix(" API")?;
    is_type_name(name).then_some(name)
}

/// The family's entry in the readers' table.
pub(crate) const FAMILY: FamilyReader = FamilyReader {
    family: crate::model::Family::SrvMethod,
    recognizes: |source| recognizes(&Page::new(source)),
    read: |source, _| read(&Page::new(source), source.id()),
};

/// Whether a page is a srv.asmx method page.
pub fn recognizes(page: &Page<'_>) -> bool {
    page.find(0, |t| api_heading(t).is_some()).is_some()
        && page.find_text(0, "Endpoint").is_some()
        && page.find_text(0, "Methods").is_some()
}

/// Whether a line is a heading of the page, or an example's heading (`Request (GET)`).
fn is_heading(text: &str) -> bool {
    HEADINGS.contains(&text) || example_kind(text).is_some()
}

/// The binding an example heading names: `Request (GET)`, `Request (SOAP 1.1)`.
fn example_kind(text: &str) -> Option<BindingKind> {
    let inner = text.strip_prefix("Request (")?.strip_suffix(')')?;
    Some(match inner {
        "GET" => BindingKind::HttpGet,
        "POST" => BindingKind::HttpPost,
        "SOAP 1.1" | "SOAP" => BindingKind::Soap11,
        "SOAP 1.2" => BindingKind::Soap12,
        _ => return None,
    })
}

/// The lines of the section under heading `name`: from after it to the next heading.
fn section(page: &Page<'_>, name: &str) -> Option<(usize, usize)> {
    let start = page.find_text(0, name)? + 1;
    let end = page.find(start, is_heading).unwrap_or(page.lines.len());
    Some((start, end))
}

/// An example request: its line, headers, and body.
struct Example<'s> {
    binding: BindingKind,
    request: RequestLine<'s>,
    headers: Vec<HeaderLine<'s>>,
    form: Option<(&'s str, Pos)>,
    xml: Option<XmlSample<'s>>,
}

/// A parameter row.
struct Param<'s> {
    name: Cell<'s>,
    ty: Fact<crate::model::Builtin>,
    required: Fact<bool>,
    description: Vec<Doc>,
}

/// The sections of a srv.asmx method page, each read on its own.
struct Sections<'s> {
    op_name: Fact<String>,
    service_name: Fact<String>,
    endpoint_path: Fact<String>,
    documentation: Vec<Doc>,
    params: Vec<Param<'s>>,
    examples: Vec<Example<'s>>,
    notes: Vec<Doc>,
    success: Option<(XmlSample<'s>, Pos)>,
    error: Option<(XmlSample<'s>, Pos)>,
    methods: Methods,
}

/// Reads a srv.asmx method page: its sections, then what they say together.
pub fn read(page: &Page<'_>, source_id: SourceId) -> Result<DocumentRead, Diagnostics> {
    let sections = sections(page)?;
    lower(page, source_id, sections)
}

/// Finds the page's sections and reads each, reporting every problem found in any of them.
fn sections<'s>(page: &Page<'s>) -> Result<Sections<'s>, Diagnostics> {
    let heading = page
        .find(0, |t| api_heading(t).is_some())
        .ok_or_else(|| page.expected(0, "a heading `# Name API`"))?;
    let heading_line = &page.lines[heading];
    let name = api_heading(heading_line.text).expect("found by api_heading()");
    let name_offset = heading_line.text.find(name).unwrap_or(0);
    let op_name = Fact::stated(name.to_owned(), heading_line.pos_in(name_offset));

    let (endpoint_start, endpoint_end) =
        section(page, "Endpoint").ok_or_else(|| page.expected(heading + 1, "`Endpoint`"))?;
    let mut documentation = page.docs(heading + 1, endpoint_start - 1);
    if endpoint_start >= endpoint_end || !page.text(endpoint_start).starts_with('/') {
        return Err(page.expected(endpoint_start, "the endpoint's path").into());
    }
    let endpoint = &page.lines[endpoint_start];
    let endpoint_path = Fact::stated(endpoint.text.to_owned(), endpoint.pos());
    // `/srv.asmx/LogOut`: the service is the `.asmx` file the path names.
    let service_name = endpoint
        .text
        .split('/')
        .find_map(|s| s.strip_suffix(".asmx"))
        .map(|s| {
            let offset = endpoint.text.find(s).unwrap_or(0);
            Fact::stated(s.to_owned(), endpoint.pos_in(offset))
        })
        .ok_or_else(|| page.expected(endpoint_start, "a path through an `.asmx` file"))?;

    let methods =
        section(page, "Methods").ok_or_else(|| page.expected(endpoint_end, "`Methods`"))?;
    // From here on, each section is checked on its own, and every problem found is reported
    // together.
    let mut diagnostics = Diagnostics::default();
    let params = match section(page, "Parameters") {
        Some((start, end)) => keep(&mut diagnostics, parameters(page, start, end)),
        None => Some(Vec::new()),
    };
    let examples = keep(&mut diagnostics, examples(page));
    let notes = section(page, "Notes")
        .map(|(s, e)| page.docs(s, e))
        .unwrap_or_default();
    for heading in ["Required Permissions", "Notes"] {
        if let Some((start, end)) = section(page, heading) {
            documentation.push(doc_of(&page.lines[start - 1]));
            documentation.extend(page.docs(start, end));
        }
    }
    // The responses: the result element, bare, on success and on error.
    let success = keep(&mut diagnostics, response_sample(page, "Success Response"));
    let error = keep(&mut diagnostics, response_sample(page, "Error Response"));
    // The methods: what each binding is called with.
    let methods = keep(&mut diagnostics, method_lines(page, methods));
    let (Some(params), Some(examples), Some(success), Some(error), Some(methods)) =
        (params, examples, success, error, methods)
    else {
        return Err(diagnostics);
    };
    Ok(Sections {
        op_name,
        service_name,
        endpoint_path,
        documentation,
        params,
        examples,
        notes,
        success,
        error,
        methods,
    })
}

/// What the sections say together: the result and the outcome from the responses, the
/// request from the SOAP example and the parameters, the bindings from the methods (checked
/// against the examples), the error codes, the samples.
fn lower(
    page: &Page<'_>,
    source_id: SourceId,
    sections: Sections<'_>,
) -> Result<DocumentRead, Diagnostics> {
    let Sections {
        op_name,
        service_name,
        endpoint_path,
        documentation,
        params,
        examples,
        notes,
        success,
        error,
        methods,
    } = sections;
    let mut diagnostics = Diagnostics::default();
    let mut types = TypeSet::default();
    let result = result_element(
        page,
        source_id,
        &mut types,
        &mut diagnostics,
        success.as_ref(),
        error.as_ref(),
    );
    let Some(result) = keep(&mut diagnostics, result) else {
        return Err(diagnostics);
    };
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    let outcome = result
        .as_ref()
        .and_then(|r| success_flag(r, error.as_ref()));

    // The request: the SOAP example's wrapper, typed and ordered by the parameter table.
    let soap_example = examples
        .iter()
        .find(|e| matches!(e.binding, BindingKind::Soap11 | BindingKind::Soap12));
    let Methods {
        soap_action,
        get_path,
        post_path,
    } = methods;
    let wrapper = wrapper(page, &op_name, soap_example, soap_action.as_ref(), &params)?;

    let reply_pos = success.as_ref().map_or(op_name.origin.pos(), |s| s.1);
    let mut bindings = http_bindings(
        page,
        &mut diagnostics,
        [(HttpMethod::Get, get_path), (HttpMethod::Post, post_path)],
        &examples,
        &params,
        Fact::stated(
            if result.is_some() {
                HttpReply::Body
            } else {
                HttpReply::Empty
            },
            reply_pos,
        ),
    );
    let action = soap_action.or_else(|| {
        soap_example
            .and_then(|e| http_message::header(&e.headers, "SOAPAction"))
            .map(|h| Fact::stated(h.value.trim_matches('"').to_owned(), h.value_pos))
    });
    if let Some(action) = action {
        bindings.push(soap_binding(
            page,
            &mut diagnostics,
            action,
            soap_example,
            &endpoint_path,
            &op_name,
            &wrapper,
        ));
    }

    let error_codes = keep(&mut diagnostics, error_codes(page, error.as_ref(), &notes));
    let Some(error_codes) = error_codes.filter(|_| diagnostics.is_empty()) else {
        return Err(diagnostics);
    };
    let host = examples
        .iter()
        .find_map(|e| http_message::header(&e.headers, "Host"))
        .map(|h| Fact::stated(h.value.to_owned(), h.value_pos));
    let samples = samples(&success, &error, &examples);
    Ok(DocumentRead {
        name: Some(service_name),
        documentation: Vec::new(),
        host,
        operations: vec![Operation {
            name: op_name,
            message_name: None,
            source: source_id,
            documentation,
            input: Message {
                body: Some(wrapper),
                bare: false,
                headers: Vec::new(),
                parameters: Vec::new(),
                unknown_body: None,
            },
            output: Message {
                body: result,
                bare: false,
                headers: Vec::new(),
                parameters: Vec::new(),
                unknown_body: None,
            },
            faults: Vec::new(),
            error_codes,
            outcome,
            cookies: params.iter().filter_map(cookie_fallback).collect(),
            bindings,
            samples,
        }],
        types,
    })
}

/// The HTTP GET and POST bindings the methods name, each checked against its example.
fn http_bindings(
    page: &Page<'_>,
    diagnostics: &mut Diagnostics,
    paths: [(HttpMethod, Option<Fact<String>>); 2],
    examples: &[Example<'_>],
    params: &[Param<'_>],
    reply: Fact<HttpReply>,
) -> Vec<Binding> {
    let mut bindings = Vec::new();
    for (method, path) in paths {
        let Some(path) = path else { continue };
        let binding = if method == HttpMethod::Get {
            BindingKind::HttpGet
        } else {
            BindingKind::HttpPost
        };
        if let Some(example) = examples.iter().find(|e| e.binding == binding) {
            keep(diagnostics, check_example_pairs(page, example, params));
            if example.request.path != path.value {
                diagnostics.push(page.error(
                    example.request.path_pos,
                    Problem::Inconsistent {
                        what: format!("the example's path `{}`", example.request.path),
                        other: path.origin.pos(),
                    },
                ));
            }
        }
        bindings.push(Binding::Http(HttpBinding {
            pos: path.origin.pos(),
            method,
            path,
            reply: reply.clone(),
        }));
    }
    bindings
}

/// The SOAP binding of `action`: at the SOAP example's path, else at the endpoint without
/// the method's name, as ASMX serves it; the example's SOAPAction must be the action.
fn soap_binding(
    page: &Page<'_>,
    diagnostics: &mut Diagnostics,
    action: Fact<String>,
    soap_example: Option<&Example<'_>>,
    endpoint_path: &Fact<String>,
    op_name: &Fact<String>,
    wrapper: &Element,
) -> Binding {
    let version = match soap_example.map(|e| e.binding) {
        Some(BindingKind::Soap12) => SoapVersion::Soap12,
        _ => SoapVersion::Soap11,
    };
    let path = match soap_example {
        Some(example) => Fact::stated(example.request.path.to_owned(), example.request.path_pos),
        None => {
            let trimmed = endpoint_path
                .value
                .strip_suffix(&format!("/{}", op_name.value))
                .unwrap_or(&endpoint_path.value)
                .to_owned();
            Fact::inferred(
                trimmed,
                Rule::AsmxEndpointFromMethodPath,
                endpoint_path.origin.pos(),
            )
        }
    };
    if let Some(example) = soap_example
        && let Some(header) = http_message::header(&example.headers, "SOAPAction")
        && header.value.trim_matches('"') != action.value
    {
        diagnostics.push(page.error(
            header.value_pos,
            Problem::Inconsistent {
                what: format!("the example's SOAPAction {}", header.value),
                other: action.origin.pos(),
            },
        ));
    }
    let ns = &wrapper.name.namespace;
    let reply = Fact::inferred(
        SoapReply::Wrapped {
            response: QName::new(ns, format!("{}Response", op_name.value)),
            result: QName::new(ns, format!("{}Result", op_name.value)),
        },
        Rule::AsmxSoapResponseWrapper,
        action.origin.pos(),
    );
    Binding::Soap(SoapBinding {
        pos: action.origin.pos(),
        version,
        action,
        path: Some(path),
        reply,
        encoding_style: None,
        policy: None,
        reply_action: None,
    })
}

/// The page's samples: the success and error responses, and each example request.
fn samples(
    success: &Option<(XmlSample<'_>, Pos)>,
    error: &Option<(XmlSample<'_>, Pos)>,
    examples: &[Example<'_>],
) -> Vec<Sample> {
    let mut samples: Vec<Sample> = Vec::new();
    for (sample, kind) in [
        (success, SampleKind::Response),
        (error, SampleKind::ErrorResponse),
    ] {
        if let Some((xml, pos)) = sample {
            samples.push(sample_of(
                *pos,
                None,
                kind,
                None,
                &[],
                Some(Fact::stated(xml.text().to_owned(), *pos)),
            ));
        }
    }
    for example in examples {
        let body = example
            .xml
            .as_ref()
            .map(|xml| Fact::stated(xml.text().to_owned(), xml.pos(xml.doc.root())))
            .or_else(|| {
                example
                    .form
                    .map(|(text, pos)| Fact::stated(text.to_owned(), pos))
            });
        samples.push(sample_of(
            example.request.pos,
            Some(example.binding),
            SampleKind::Request,
            Some(example.request.text),
            &example.headers,
            body,
        ));
    }
    samples
}

/// The `Methods` section: the SOAP action and the paths of GET and POST.
struct Methods {
    soap_action: Option<Fact<String>>,
    get_path: Option<Fact<String>>,
    post_path: Option<Fact<String>>,
}

/// Reads the `Methods` section's lines (`start..end`).
fn method_lines(page: &Page<'_>, (start, end): (usize, usize)) -> Result<Methods, Diagnostics> {
    let mut methods = Methods {
        soap_action: None,
        get_path: None,
        post_path: None,
    };
    let mut diagnostics = Diagnostics::default();
    for i in start..end {
        let line = &page.lines[i];
        let (text, offset) = strip_bullet(line.text);
        if let Some(action) = text.strip_prefix("SOAP Action:") {
            let lead = action.len() - action.trim_start().len();
            methods.soap_action = Some(Fact::stated(
                action.trim().to_owned(),
                line.pos_in(offset + "SOAP Action:".len() + lead),
            ));
        } else if let Some(rest) = text.strip_prefix("GET ") {
            let path = rest.split(['?', ' ']).next().unwrap_or("");
            methods.get_path = Some(Fact::stated(path.to_owned(), line.pos_in(offset + 4)));
        } else if let Some(rest) = text.strip_prefix("POST ") {
            let path = rest.split(['?', ' ']).next().unwrap_or("");
            methods.post_path = Some(Fact::stated(path.to_owned(), line.pos_in(offset + 5)));
        } else {
            diagnostics.push(page.expected(i, "a method: `GET /…`, `POST /…` or `SOAP Action: …`"));
        }
    }
    diagnostics.into_result(methods)
}

/// The parameter table: `Parameter | Type | Required | Description`, in any rendering. With
/// plain spaces between cells, the first three cells are single words and the description
/// takes the rest of the line.
fn parameters<'s>(page: &Page<'s>, start: usize, end: usize) -> Result<Vec<Param<'s>>, Diagnostic> {
    const COLUMNS: [&str; 4] = ["Parameter", "Type", "Required", "Description"];
    let Some(header) = page.lines.get(start).filter(|_| start < end) else {
        return Err(page.expected(start, "the header `Parameter Type Required Description`"));
    };
    let spaced = header.text.split_whitespace().eq(COLUMNS.iter().copied()) && !is_row(header);
    let rows: Vec<Vec<Cell>> = if spaced {
        page.lines[start + 1..end]
            .iter()
            .map(|line| {
                let mut cells = Vec::new();
                let mut rest = line.text;
                let mut offset = 0;
                for _ in 0..3 {
                    let word_len = rest.find(char::is_whitespace).unwrap_or(rest.len());
                    cells.push(Cell {
                        text: &rest[..word_len],
                        pos: line.pos_in(offset),
                    });
                    let after = &rest[word_len..];
                    let trimmed = after.trim_start();
                    offset += word_len + (after.len() - trimmed.len());
                    rest = trimmed;
                }
                if !rest.is_empty() {
                    cells.push(Cell {
                        text: rest,
                        pos: line.pos_in(offset),
                    });
                }
                cells
            })
            .collect()
    } else {
        let all = cells(&page.lines[start..end]);
        if all.len() < 4 || all[..4].iter().map(|c| c.text).ne(COLUMNS.iter().copied()) {
            return Err(page.expected(start, "the header `Parameter Type Required Description`"));
        }
        rows_by_name(&all[4..])
    };
    rows.into_iter()
        .map(|row| {
            let at = row.first().map_or(page.pos(start), |c| c.pos);
            if row.len() < 3 || !is_type_name(row[0].text) {
                return Err(page.error(
                    at,
                    Problem::Expected {
                        expected: "a row `name type Yes|No description`".into(),
                        found: row.iter().map(|c| c.text).collect::<Vec<_>>().join(" "),
                    },
                ));
            }
            let ty = vendor_type(row[1].text).ok_or_else(|| {
                page.error(
                    row[1].pos,
                    Problem::UnknownType {
                        text: row[1].text.to_owned(),
                    },
                )
            })?;
            let required = match row[2].text.to_ascii_lowercase().as_str() {
                "yes" | "true" | "required" => true,
                "no" | "false" | "optional" => false,
                _ => {
                    return Err(page.error(
                        row[2].pos,
                        Problem::BadValue {
                            expected: "`Yes` or `No`".into(),
                            found: row[2].text.to_owned(),
                        },
                    ));
                }
            };
            Ok(Param {
                name: row[0].clone(),
                ty: Fact::stated(ty, row[1].pos),
                required: Fact::stated(required, row[2].pos),
                description: row[3..].iter().map(Cell::doc).collect(),
            })
        })
        .collect()
}

/// Rows of cells where each row starts with a parameter name followed by a type.
fn rows_by_name<'s>(cells: &[Cell<'s>]) -> Vec<Vec<Cell<'s>>> {
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for (i, cell) in cells.iter().enumerate() {
        let starts_row = is_type_name(cell.text)
            && cells
                .get(i + 1)
                .is_some_and(|next| vendor_type(next.text).is_some())
            && rows.last().is_none_or(|row| row.len() >= 3);
        match rows.last_mut() {
            Some(row) if !starts_row => row.push(cell.clone()),
            _ => rows.push(vec![cell.clone()]),
        }
    }
    rows
}

/// The example requests: `Request (GET)` and so on, each a request line, headers and body.
fn examples<'s>(page: &Page<'s>) -> Result<Vec<Example<'s>>, Diagnostic> {
    let mut found = Vec::new();
    for i in 0..page.lines.len() {
        let Some(binding) = example_kind(page.text(i)) else {
            continue;
        };
        let end = page.find(i + 1, is_heading).unwrap_or(page.lines.len());
        let request = http_message::request_line(page, i + 1)
            .filter(|_| i + 1 < end)
            .ok_or_else(|| page.expected(i + 1, "the example's request line"))?;
        let (headers, mut next) = http_message::headers(page, i + 2);
        let mut form = None;
        let mut xml = None;
        if next < end {
            if page.text(next).starts_with('<') {
                let (sample, after) = XmlSample::parse(page.source, page.lines[next].text_start)?;
                xml = Some(sample);
                next = page.index_after(after);
            } else {
                form = Some((page.lines[next].text, page.lines[next].pos()));
                next += 1;
            }
        }
        if next < end {
            return Err(page.expected(next, "the next heading"));
        }
        found.push(Example {
            binding,
            request,
            headers,
            form,
            xml,
        });
    }
    Ok(found)
}

/// The XML sample under a response heading, and where it stands.
fn response_sample<'s>(
    page: &Page<'s>,
    heading: &str,
) -> Result<Option<(XmlSample<'s>, Pos)>, Diagnostic> {
    let Some((start, end)) = section(page, heading) else {
        return Ok(None);
    };
    if start >= end || !page.text(start).starts_with('<') {
        return Err(page.expected(start, format!("the {} as XML", heading.to_lowercase())));
    }
    let (sample, after) = XmlSample::parse(page.source, page.lines[start].text_start)?;
    if page.index_after(after) < end {
        return Err(page.expected(page.index_after(after), "the next heading"));
    }
    let pos = page.pos(start);
    Ok(Some((sample, pos)))
}

/// The result element from the success and error samples: the attributes of both, required
/// where both show them.
fn result_element(
    page: &Page<'_>,
    source_id: SourceId,
    types: &mut TypeSet,
    diagnostics: &mut Diagnostics,
    success: Option<&(XmlSample<'_>, Pos)>,
    error: Option<&(XmlSample<'_>, Pos)>,
) -> Result<Option<Element>, Diagnostic> {
    let samples: Vec<&(XmlSample, Pos)> = success.into_iter().chain(error).collect();
    let type_names = Default::default();
    let mut shaped: Vec<(Element, Pos)> = Vec::new();
    for (sample, pos) in &samples {
        let mut shaper = Shaper {
            sample,
            source: page.source,
            source_id,
            values: Values::Literals,
            types: &mut *types,
            diagnostics: &mut *diagnostics,
            type_names: &type_names,
        };
        shaped.push((shaper.anonymous(sample.doc.root_element()), *pos));
    }
    let Some((mut result, _)) = shaped.first().cloned() else {
        return Ok(None);
    };
    let mut attributes: Vec<Attribute> = Vec::new();
    for (element, _) in &shaped {
        if element.name != result.name {
            return Err(page.error(
                element.pos,
                Problem::Inconsistent {
                    what: format!("the result element <{}>", element.name.local),
                    other: result.pos,
                },
            ));
        }
        let TypeUse::Anonymous(complex) = &element.ty.value else {
            continue;
        };
        for attribute in &complex.attributes {
            match attributes.iter_mut().find(|a| a.name == attribute.name) {
                Some(known) if known.ty.value != attribute.ty.value => {
                    // `true` in one sample and text in the other: the type is the wider one.
                    known.ty = Fact::inferred(
                        TypeUse::Builtin(crate::model::Builtin::String),
                        Rule::TypeFromSampleValue,
                        attribute.pos,
                    );
                }
                Some(_) => {}
                None => attributes.push(attribute.clone()),
            }
        }
    }
    for attribute in &mut attributes {
        let missing = shaped.iter().find(|(element, _)| match &element.ty.value {
            TypeUse::Anonymous(complex) => {
                !complex.attributes.iter().any(|a| a.name == attribute.name)
            }
            _ => true,
        });
        attribute.required = match missing {
            Some((_, pos)) => Fact::stated(false, *pos),
            None => Fact::stated(true, attribute.pos),
        };
    }
    if let TypeUse::Anonymous(complex) = &mut result.ty.value {
        complex.attributes = attributes;
    }
    Ok(Some(result))
}

/// The outcome of a result with a boolean flag (`success="false"` in the error sample) and an
/// attribute that only the error sample shows, holding `[code] message`.
fn success_flag(result: &Element, error: Option<&(XmlSample<'_>, Pos)>) -> Option<Fact<Outcome>> {
    let (error_sample, pos) = error?;
    let root = error_sample.doc.root_element();
    let TypeUse::Anonymous(complex) = &result.ty.value else {
        return None;
    };
    let flag = complex.attributes.iter().find(|a| {
        a.ty.value == TypeUse::Builtin(crate::model::Builtin::Boolean)
            && root.attribute(a.name.local.as_str()) == Some("false")
    })?;
    let message = complex.attributes.iter().find(|a| {
        !a.required.value
            && root
                .attribute(a.name.local.as_str())
                .is_some_and(|v| bracketed_code(v).is_some())
    })?;
    Some(Fact::inferred(
        Outcome::SuccessFlag {
            flag: flag.name.clone(),
            error: message.name.clone(),
        },
        Rule::SuccessFlagResult,
        *pos,
    ))
}

/// `[901] Session expired` → (901, "Session expired", offset of the message): the runtime's
/// reading, so that a page's codes and a response's are read alike.
pub fn bracketed_code(text: &str) -> Option<(u32, &str, usize)> {
    codegen_runtime::bracketed_code_at(text).map(|(code, at)| (code, &text[at..], at))
}

/// The request wrapper: the SOAP example's element when there is one (its namespace and its
/// members' order), else the method in the namespace of the SOAP action; members typed and
/// ordered by the parameter table.
fn wrapper(
    page: &Page<'_>,
    op_name: &Fact<String>,
    example: Option<&Example<'_>>,
    action: Option<&Fact<String>>,
    params: &[Param<'_>],
) -> Result<Element, Diagnostic> {
    let (name, pos, shown) = match example.and_then(|e| e.xml.as_ref()) {
        Some(xml) => {
            let env = envelope(xml, page.source)?;
            let body = env.body.ok_or_else(|| {
                page.error(
                    xml.pos(xml.doc.root_element()),
                    Problem::Missing {
                        what: "element in the example's SOAP body".into(),
                    },
                )
            })?;
            let shown: Vec<(String, Pos)> = body
                .children()
                .filter(roxmltree::Node::is_element)
                .map(|c| (c.tag_name().name().to_owned(), xml.pos(c)))
                .collect();
            (element_name(body), xml.pos(body), Some(shown))
        }
        None => {
            let namespace = action
                .and_then(|a| a.value.strip_suffix(&op_name.value))
                .unwrap_or("")
                .to_owned();
            (
                QName::new(namespace, &op_name.value),
                op_name.origin.pos(),
                None,
            )
        }
    };
    // The example may leave optional parameters out, but not reorder or add any.
    if let Some(shown) = &shown {
        let mut next = 0;
        for (local, at) in shown {
            match params[next..].iter().position(|p| p.name.text == local) {
                Some(found) => next += found + 1,
                None => {
                    return Err(page.error(
                        *at,
                        Problem::Inconsistent {
                            what: format!(
                                "the example's <{local}> (not a parameter, or out of order)"
                            ),
                            other: params.first().map_or(pos, |p| p.name.pos),
                        },
                    ));
                }
            }
        }
    }
    let sequence = params
        .iter()
        .map(|param| Element {
            min_occurs: param.required.clone().map(u32::from),
            documentation: param.description.clone(),
            ..Element::once(
                QName::new(&name.namespace, param.name.text),
                param.name.pos,
                param.ty.clone().map(TypeUse::Builtin),
            )
        })
        .collect();
    let ty = TypeUse::Anonymous(Box::new(ComplexType::of_elements(sequence)));
    Ok(Element::once(name, pos, Fact::stated(ty, pos)))
}

/// The cookie a parameter's description says the server reads when the parameter is left
/// out: `If not supplied, the server checks the ticket HTTP cookie on the request.`
fn cookie_fallback(param: &Param<'_>) -> Option<crate::model::CookieFallback> {
    param.description.iter().find_map(|doc| {
        let text = doc.text.as_str();
        let fallback = text
            .find("not supplied")
            .or_else(|| text.find("not given"))?;
        let rest = &text[fallback..];
        let cookie_at = rest.find(" cookie")?;
        let before: Vec<&str> = rest[..cookie_at].split_whitespace().collect();
        let name = match before.as_slice() {
            [.., name, "HTTP"] | [.., name] => *name,
            [] => return None,
        };
        let name = name.trim_matches(|c: char| !c.is_alphanumeric() && c != '_' && c != '-');
        if name.is_empty() || name == "the" || name == "a" {
            return None;
        }
        let offset = fallback + rest[..cookie_at].rfind(name)?;
        let pos = doc.pos.right(text[..offset].chars().count() as u32);
        Some(crate::model::CookieFallback {
            member: param.name.text.to_owned(),
            cookie: Fact::stated(name.to_owned(), pos),
        })
    })
}

/// The names in a GET or POST example must be parameters.
fn check_example_pairs(
    page: &Page<'_>,
    example: &Example<'_>,
    params: &[Param<'_>],
) -> Result<(), Diagnostic> {
    let (pairs, pos) = match (example.request.query, example.form) {
        (Some(query), _) => (query, example.request.query_pos),
        (None, Some((form, pos))) => (form, pos),
        (None, None) => return Ok(()),
    };
    for (name, offset) in pair_names(pairs) {
        if !params.iter().any(|p| p.name.text == name) {
            return Err(page.error(
                pos.right(offset as u32),
                Problem::Inconsistent {
                    what: format!("the example's parameter `{name}`"),
                    other: params.first().map_or(pos, |p| p.name.pos),
                },
            ));
        }
    }
    Ok(())
}

/// The error codes: the table's, and the error sample's where the table lacks it; with the
/// notes that name each code. In a table rendered with plain spaces, the message runs to the
/// message the error sample shows for the code, or else to the first capitalised word after
/// its first, where the description starts.
fn error_codes(
    page: &Page<'_>,
    error: Option<&(XmlSample<'_>, Pos)>,
    notes: &[Doc],
) -> Result<Vec<ErrorCode>, Diagnostic> {
    let mut known: Vec<(u32, String, Pos)> = Vec::new();
    if let Some((sample, _)) = error {
        for attr in sample.doc.root_element().attributes() {
            if let Some((code, message, offset)) = bracketed_code(attr.value()) {
                known.push((
                    code,
                    message.to_owned(),
                    sample.offset_pos(attr.range_value().start + offset),
                ));
            }
        }
    }
    let mut codes: Vec<ErrorCode> = Vec::new();
    if let Some((start, end)) = section(page, "Error Codes") {
        let Some(header) = page.lines.get(start).filter(|_| start < end) else {
            return Err(page.expected(start, "the header `Error Description`"));
        };
        let spaced = header.text.split_whitespace().eq(["Error", "Description"]) && !is_row(header);
        let rows: Vec<(Cell, Option<Cell>, bool)> = if spaced {
            page.lines[start + 1..end]
                .iter()
                .map(|line| {
                    (
                        Cell {
                            text: line.text,
                            pos: line.pos(),
                        },
                        None,
                        true,
                    )
                })
                .collect()
        } else {
            let all = cells(&page.lines[start..end]);
            if all.len() < 2 || all[0].text != "Error" || all[1].text != "Description" {
                return Err(page.expected(start, "the header `Error Description`"));
            }
            let mut rows: Vec<(Cell, Option<Cell>, bool)> = Vec::new();
            for cell in &all[2..] {
                match rows.last_mut() {
                    Some((_, description @ None, _)) if bracketed_code(cell.text).is_none() => {
                        *description = Some(cell.clone());
                    }
                    _ => rows.push((cell.clone(), None, false)),
                }
            }
            rows
        };
        for (cell, description, spaced) in rows {
            let Some((code, rest, offset)) = bracketed_code(cell.text) else {
                return Err(page.error(
                    cell.pos,
                    Problem::Expected {
                        expected: "an error code such as `[901]`".into(),
                        found: cell.text.to_owned(),
                    },
                ));
            };
            let message_pos = cell.pos.right(offset as u32);
            let (message, described) = if !spaced {
                (
                    Fact::stated(rest.to_owned(), message_pos),
                    description.map(|d| (d.text.to_owned(), d.pos)),
                )
            } else if let Some((_, sample_message, _)) = known
                .iter()
                .find(|(c, m, _)| *c == code && rest.starts_with(m.as_str()))
            {
                let tail = rest[sample_message.len()..].trim_start();
                let tail_pos = message_pos.right((rest.len() - tail.len()) as u32);
                (
                    Fact::inferred(
                        sample_message.clone(),
                        Rule::ErrorMessageFromSample,
                        message_pos,
                    ),
                    (!tail.is_empty()).then(|| (tail.to_owned(), tail_pos)),
                )
            } else {
                let split = rest
                    .match_indices(' ')
                    .map(|(i, _)| i + 1)
                    .find(|&i| rest[i..].starts_with(char::is_uppercase))
                    .unwrap_or(rest.len());
                let tail = rest[split..].trim();
                let tail_pos = message_pos.right(split as u32);
                (
                    Fact::inferred(
                        rest[..split].trim_end().to_owned(),
                        Rule::ErrorMessageFromTable,
                        message_pos,
                    ),
                    (!tail.is_empty()).then(|| (tail.to_owned(), tail_pos)),
                )
            };
            let mut documentation: Vec<Doc> = described
                .map(|(text, pos)| Doc { text, pos })
                .into_iter()
                .collect();
            documentation.extend(notes_naming(notes, code));
            codes.push(ErrorCode {
                code: Fact::stated(code, cell.pos),
                message,
                documentation,
            });
        }
    }
    for (code, message, pos) in known {
        if !codes.iter().any(|c| c.code.value == code) {
            codes.push(ErrorCode {
                code: Fact::stated(code, pos),
                message: Fact::stated(message, pos),
                documentation: notes_naming(notes, code),
            });
        }
    }
    Ok(codes)
}

/// The notes that name `[code]`.
fn notes_naming(notes: &[Doc], code: u32) -> Vec<Doc> {
    let tag = format!("[{code}]");
    notes
        .iter()
        .filter(|d| d.text.contains(&tag))
        .cloned()
        .collect()
}
