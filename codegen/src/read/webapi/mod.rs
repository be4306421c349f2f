//! The reader of ASP.NET Web API help pages (`Help/Api/POST-api-Session-Logout`).
//!
//! The page gives the route, URI parameters and body parameters as tables, the request's
//! formats with a sample each, the response's resource description as a table, and the
//! response's formats with a sample each.

pub(super) mod datacontract;
pub(super) mod table;

use self::datacontract::{Shaper, XmlAt};
use self::table::{ModelSection, model_section};
use crate::diagnostic::{Diagnostic, Diagnostics, Problem};
use crate::model::{
    Binding, Builtin, Element, Fact, HttpMethod, MediaFormat, Message, Operation, Outcome, Pos,
    QName, Rule, SampleKind, SourceId, Syntax, TypeKind, TypeUse, WebApiBinding, route_has,
};
use crate::read::page::Page;
use crate::read::page::json_sample::Json;
use crate::read::page::placeholder::{WebApiType, webapi_type};
use crate::read::page::table::Cell;
use crate::read::page::xml_sample::XmlSample;
use crate::read::types::TypeSet;
use crate::read::{DocumentRead, FamilyReader, sample_of};
use crate::source::Line;

const REQUEST_INFORMATION: &str = "Request Information";
const URI_PARAMETERS: &str = "URI Parameters";
const BODY_PARAMETERS: &str = "Body Parameters";
const REQUEST_FORMATS: &str = "Request Formats";
const RESPONSE_INFORMATION: &str = "Response Information";
const RESOURCE_DESCRIPTION: &str = "Resource Description";
const RESPONSE_FORMATS: &str = "Response Formats";

/// The method and route of the page's first line (`POST api/Session/Refresh/{sessionId}`).
fn route_line(text: &str) -> Option<(HttpMethod, &str, usize)> {
    let (method, route) = text.split_once(' ')?;
    let route = route.trim();
    if route.is_empty() || route.contains(char::is_whitespace) {
        return None;
    }
    Some((HttpMethod::parse(method)?, route, text.len() - route.len()))
}

/// The path and query of a route (`api/Session/End?user={user}&key={key}`): the path, and
/// the names of the parameters the query carries. A query pair is `name={name}`, as Web API's
/// API explorer writes it; anything else is refused where it stands.
fn split_route<'r>(
    page: &Page<'_>,
    route: &'r str,
    route_pos: Pos,
) -> Result<(&'r str, Vec<&'r str>), Diagnostic> {
    let Some((path, query)) = route.split_once('?') else {
        return Ok((route, Vec::new()));
    };
    let mut names = Vec::new();
    let mut offset = path.len() + 1;
    for pair in query.split('&') {
        let name = pair
            .split_once('=')
            .filter(|(name, value)| {
                !name.is_empty()
                    && value.strip_prefix('{').and_then(|v| v.strip_suffix('}')) == Some(*name)
            })
            .map(|(name, _)| name);
        let Some(name) = name else {
            return Err(page.error(
                Pos {
                    column: route_pos.column + offset as u32,
                    ..route_pos
                },
                Problem::Expected {
                    expected: "query pairs such as `user={user}` after the route's `?`".into(),
                    found: pair.to_owned(),
                },
            ));
        };
        names.push(name);
        offset += pair.len() + 1;
    }
    Ok((path, names))
}

/// The family's entry in the readers' table.
pub(crate) const FAMILY: FamilyReader = FamilyReader {
    family: crate::model::Family::WebApiHelp,
    recognizes: |source| recognizes(&Page::new(source)),
    read: |source, _| read(&unglued(Page::new(source)), source.id()),
};

/// The headings of a help page, in the order it writes them.
const HEADINGS: [&str; 7] = [
    REQUEST_INFORMATION,
    URI_PARAMETERS,
    BODY_PARAMETERS,
    REQUEST_FORMATS,
    RESPONSE_INFORMATION,
    RESOURCE_DESCRIPTION,
    RESPONSE_FORMATS,
];

/// The page with what a browser's copy glued into one line apart: a heading run into the
/// text before it (`booleanResponse Formats`, a type and the next heading), `None.` run into
/// the type it follows (`Collection of ObjectNone.`), and `Sample:` run into the media types
/// it follows. Only a type, the end of a sentence or of a sample is taken for text glued to
/// a heading, so that a description that mentions one stays whole.
fn unglued(page: Page<'_>) -> Page<'_> {
    page.split_lines(glued_at)
}

/// Where a line's text is glued together: see [`unglued`].
fn glued_at(text: &str) -> Vec<usize> {
    let is_type = |text: &str| {
        webapi_type(text.trim(), &|name| {
            name.starts_with(|c: char| c.is_uppercase())
        })
        .is_some()
    };
    let mut at = Vec::new();
    let mut end = text.len();
    if let Some(heading) = HEADINGS
        .iter()
        .find(|h| text.len() > h.len() && text.ends_with(*h))
    {
        let before = &text[..text.len() - heading.len()];
        let ends_a_sentence_or_sample = before.trim_end().ends_with(['.', ':', ')', '}', ']', '>']);
        if is_type(before) || ends_a_sentence_or_sample {
            end = before.len();
            at.push(end);
        }
    }
    let head = &text[..end];
    if let Some(ty) = head.strip_suffix("None.")
        && !ty.trim().is_empty()
        && is_type(ty)
    {
        at.push(ty.len());
    }
    if let Some(i) = head.find("Sample:")
        && i > 0
        && head[..i].split(',').all(is_media_type)
    {
        at.push(i);
    }
    at
}

/// Whether a page is a Web API help page: it starts with a method and a route. What must
/// follow is the reader's to ask for, so that a page cut short is reported as such.
pub fn recognizes(page: &Page<'_>) -> bool {
    !page.lines.is_empty() && route_line(page.text(0)).is_some()
}

/// A format section's entry: media types and the sample.
struct Format<'s> {
    syntax: Syntax,
    media_types: Vec<Fact<String>>,
    pos: Pos,
    sample: Option<FormatSample<'s>>,
}

enum FormatSample<'s> {
    Json(Json, Fact<String>),
    Xml(XmlSample<'s>),
}

/// Reads a Web API help page.
pub fn read(page: &Page<'_>, source_id: SourceId) -> Result<DocumentRead, Diagnostics> {
    let first = &page.lines[0];
    let (method, route, route_offset) =
        route_line(first.text).ok_or_else(|| page.expected(0, "a method and a route"))?;
    let route_pos = first.pos_in(route_offset);
    let (route, in_query) = split_route(page, route, route_pos)?;

    // The headings, in the order the help page writes them.
    let find = |from: usize, text: &str| page.find_text(from, text);
    // A heading that is missing where a later one stands: the page is not as the help page
    // writes it. Missing with all that follows: the page was cut short.
    let heading = |from: usize, text: &str| {
        find(from, text).ok_or_else(|| {
            let order = [
                REQUEST_INFORMATION,
                URI_PARAMETERS,
                BODY_PARAMETERS,
                RESPONSE_INFORMATION,
                RESOURCE_DESCRIPTION,
            ];
            let later = order
                .iter()
                .skip_while(|h| **h != text)
                .skip(1)
                .any(|h| find(from, h).is_some());
            page.expected(if later { from + 1 } else { page.lines.len() }, text)
        })
    };
    let request_info = heading(1, REQUEST_INFORMATION)?;
    let uri = heading(request_info, URI_PARAMETERS)?;
    let body = heading(uri, BODY_PARAMETERS)?;
    let response_info = heading(body, RESPONSE_INFORMATION)?;
    let request_formats = find(body, REQUEST_FORMATS).filter(|&i| i < response_info);
    let resource = heading(response_info, RESOURCE_DESCRIPTION)?;
    let response_formats = find(resource, RESPONSE_FORMATS);
    let end = page.lines.len();

    let mut documentation = page.docs(1, request_info);
    let section = |from: usize, to: usize| {
        model_section(page, from, to).map_err(|(pos, expected)| {
            let found = page.lines.iter().position(|l| l.number == pos.line);
            let text = found.map_or("", |i| page.lines[i].text);
            if text.starts_with("Pair of ") {
                // A lone `KeyValuePair`: Json.NET writes `{"Key": …, "Value": …}` and
                // DataContract a `KeyValuePairOf…` with `key` and `value`, a shape the model
                // does not hold yet.
                return page.error(
                    pos,
                    Problem::Unsupported {
                        what: format!("a body or resource of type `{text}`"),
                        hint: "member tables, simple types and collections".into(),
                    },
                );
            }
            match found {
                // A section that runs to the page's end, because the headings after it are
                // missing, and is unfinished there.
                Some(_) if to == end => page.error(page.end_pos(), Problem::CutShort { expected }),
                _ => page.error(
                    pos,
                    Problem::Expected {
                        expected,
                        found: found.map_or("", |i| page.lines[i].text).to_owned(),
                    },
                ),
            }
        })
    };
    let uri_section = section(uri + 1, body)?;
    let body_section = section(body + 1, request_formats.unwrap_or(response_info))?;
    let resource_section = section(resource + 1, response_formats.unwrap_or(end))?;
    // The help page writes the formats of every body it describes; a resource without them
    // is a page cut short (a request body's would be missing before `Response Information`).
    if response_formats.is_none() && describes_a_body(&resource_section) {
        return Err(page.expected(end, RESPONSE_FORMATS).into());
    }
    if request_formats.is_none() && describes_a_body(&body_section) {
        return Err(page.expected(response_info, REQUEST_FORMATS).into());
    }
    let formats_of = |heading: Option<usize>, to: usize| match heading {
        Some(i) => formats(page, i + 1, to).map(|f| (f, Some(i))),
        None => Ok((Formats::default(), None)),
    };
    let (request_formats, request_heading) = formats_of(request_formats, response_info)?;
    let (response_formats, response_heading) = formats_of(response_formats, end)?;
    let mut body_section = kept_whole_unless_sampled(body_section, &request_formats);
    let mut resource_section = kept_whole_unless_sampled(resource_section, &response_formats);
    name_lost_rows(page, &mut body_section, &request_formats)?;
    name_lost_rows(page, &mut resource_section, &response_formats)?;
    for (section, formats, heading) in [
        (&body_section, &request_formats, request_heading),
        (&resource_section, &response_formats, response_heading),
    ] {
        if let Some(heading) = heading
            && describes_a_body(section)
            && !formats.formats.iter().any(|f| f.syntax != Syntax::Form)
        {
            let listed: Vec<String> = formats
                .formats
                .iter()
                .flat_map(|f| &f.media_types)
                .chain(&formats.other_media_types)
                .map(|m| format!("`{}`", m.value))
                .collect();
            return Err(page
                .error(
                    page.pos(heading),
                    Problem::Unsupported {
                        what: format!("a body in {} alone", listed.join(", ")),
                        hint: "bodies in JSON (`application/json`, `text/json`) and XML \
                               (`application/xml`, `text/xml`)"
                            .into(),
                    },
                )
                .into());
        }
    }

    let mut types = TypeSet::default();
    let mut diagnostics = Diagnostics::default();
    let mut shaper = Shaper {
        page,
        source_id,
        types: &mut types,
        diagnostics: &mut diagnostics,
    };
    let parameters = uri_parameters(page, &uri_section, route, &in_query, route_pos)?;
    let input_body = body_element(&mut shaper, &body_section, &request_formats.formats);
    let output_body = body_element(&mut shaper, &resource_section, &response_formats.formats);
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }

    // What the page says of a body or parameters it shows none of is the operation's.
    for section in [&uri_section, &body_section, &resource_section] {
        if let ModelSection::None {
            documentation: docs,
        }
        | ModelSection::Type {
            ty: WebApiType::ActionResult(_),
            documentation: docs,
            ..
        } = section
        {
            documentation.extend(docs.iter().cloned());
        }
    }
    let (action, controller) = names(route, method, route_pos);
    let mut samples = Vec::new();
    for (formats, kind) in [
        (&request_formats, SampleKind::Request),
        (&response_formats, SampleKind::Response),
    ] {
        for format in &formats.formats {
            let body = match &format.sample {
                Some(FormatSample::Json(_, text)) => text.clone(),
                Some(FormatSample::Xml(xml)) => {
                    Fact::stated(xml.text().to_owned(), xml.pos(xml.doc.root()))
                }
                None => continue,
            };
            let content_type = format
                .media_types
                .first()
                .map(|m| m.value.as_str())
                .unwrap_or("");
            let headers = [crate::read::page::http_message::HeaderLine {
                name: "Content-Type",
                value: content_type,
                value_pos: format.pos,
            }];
            samples.push(sample_of(
                format.pos,
                Some(format.syntax.web_api()),
                kind,
                None,
                &headers,
                Some(body),
            ));
        }
    }
    let binding = WebApiBinding {
        pos: first.pos(),
        method: Fact::stated(method, first.pos()),
        route: Fact::stated(route.to_owned(), route_pos),
        request_formats: media_formats(&request_formats, &body_section),
        response_formats: media_formats(&response_formats, &resource_section),
        other_media_types: request_formats
            .other_media_types
            .iter()
            .chain(&response_formats.other_media_types)
            .cloned()
            .collect(),
    };
    let binding = Binding::WebApi(binding);
    // A page that reads is an operation that can be called: in a format whose request the
    // generated code writes and whose response it reads.
    if binding.kinds().is_empty() {
        return Err(page
            .error(
                first.pos(),
                Problem::NoUsableFormat {
                    operation: action.value.clone(),
                },
            )
            .into());
    }
    let output = Message {
        body: output_body,
        bare: false,
        headers: Vec::new(),
        parameters: Vec::new(),
        unknown_body: action_result(&resource_section),
    };
    let outcome = status_outcome(&output, &types);
    Ok(DocumentRead {
        name: Some(controller),
        documentation: Vec::new(),
        host: None,
        operations: vec![Operation {
            name: action,
            message_name: None,
            source: source_id,
            documentation,
            input: Message {
                body: input_body,
                bare: false,
                headers: Vec::new(),
                parameters,
                unknown_body: action_result(&body_section),
            },
            output,
            faults: Vec::new(),
            error_codes: Vec::new(),
            outcome,
            cookies: Vec::new(),
            bindings: vec![binding],
            samples,
        }],
        types,
    })
}

/// The action and controller a route names. After the conventional `api` prefix, the last
/// two fixed segments are controller and action (`api/{controller}/{action}/{id}`); a route
/// with one fixed segment names the controller alone, and the action is chosen by the HTTP
/// method (`api/{controller}/{id}`), so it takes the method's name.
fn names(route: &str, method: HttpMethod, pos: Pos) -> (Fact<String>, Fact<String>) {
    let mut fixed: Vec<&str> = route
        .split('/')
        .filter(|s| !s.is_empty() && !s.starts_with('{'))
        .collect();
    if fixed.len() > 1 && fixed[0].eq_ignore_ascii_case("api") {
        fixed.remove(0);
    }
    let (controller, action) = match fixed.as_slice() {
        [.., controller, action] => (controller.to_string(), action.to_string()),
        [controller] => (controller.to_string(), verb_action(method).to_owned()),
        [] => (route.to_owned(), verb_action(method).to_owned()),
    };
    (
        Fact::inferred(action, Rule::WebApiNameFromRoute, pos),
        Fact::inferred(controller, Rule::WebApiNameFromRoute, pos),
    )
}

/// The action Web API selects by the HTTP method alone: the one whose name is the verb's.
fn verb_action(method: HttpMethod) -> &'static str {
    match method {
        HttpMethod::Get => "Get",
        HttpMethod::Post => "Post",
        HttpMethod::Put => "Put",
        HttpMethod::Delete => "Delete",
        HttpMethod::Patch => "Patch",
        HttpMethod::Head => "Head",
        HttpMethod::Options => "Options",
    }
}

/// The URI parameters: typed by the table, required when the route has them in its path or
/// the table says so, or the route's query names them and the table gives no default. Every
/// parameter the route names must be in the table.
fn uri_parameters(
    page: &Page<'_>,
    section: &ModelSection<'_>,
    route: &str,
    in_query: &[&str],
    route_pos: Pos,
) -> Result<Vec<Element>, Diagnostic> {
    let rows: &[crate::read::webapi::table::Row<'_>] = match section {
        ModelSection::None { .. } => &[],
        ModelSection::Model { rows, .. } => rows,
        ModelSection::Type { pos, .. } => {
            return Err(page.error(
                *pos,
                Problem::Expected {
                    expected: "a table of URI parameters".into(),
                    found: "a type".into(),
                },
            ));
        }
    };
    rows.iter()
        .map(|row| {
            // No sample shows URI parameters, to name a row that lost its name.
            if row.lost_name {
                return Err(page.error(
                    row.name.pos,
                    Problem::LostName {
                        members: Vec::new(),
                        sampled: false,
                    },
                ));
            }
            let builtin = match row.ty.clone() {
                Some((WebApiType::Builtin(builtin), pos)) => {
                    Fact::stated(TypeUse::Builtin(builtin), pos)
                }
                Some((_, pos)) => {
                    return Err(page.error(
                        pos,
                        Problem::UnknownType {
                            text: format!(
                                "{} (a URI parameter must have a simple type)",
                                row.name.text
                            ),
                        },
                    ));
                }
                None => Fact::inferred(
                    TypeUse::Builtin(Builtin::String),
                    Rule::TypeFromSampleValue,
                    row.name.pos,
                ),
            };
            let in_path = route_has(route, row.name.text);
            let queried = in_query.contains(&row.name.text) && row.default_value().is_none();
            let min_occurs = match (in_path, row.required()) {
                (true, _) => Fact::stated(1, route_pos),
                (false, Some(pos)) => Fact::stated(1, pos),
                (false, None) if queried => Fact::inferred(1, Rule::WebApiQueryInRoute, route_pos),
                (false, None) => Fact::inferred(0, Rule::DataContractOptional, row.name.pos),
            };
            Ok(Element {
                min_occurs,
                default: row.default_value(),
                facets: row.facets(),
                documentation: row
                    .description_docs()
                    .into_iter()
                    .chain(row.notes())
                    .collect(),
                ..Element::once(QName::new("", row.name.text), row.name.pos, builtin)
            })
        })
        .collect()
}

/// The body element of a request or response, from its table and its samples.
fn body_element<'a, 's>(
    shaper: &mut Shaper<'a, 's>,
    section: &ModelSection<'_>,
    formats: &'a [Format<'s>],
) -> Option<Element> {
    let json = formats.iter().find_map(|f| match &f.sample {
        Some(FormatSample::Json(json, _)) => Some(json),
        _ => None,
    });
    let xml = formats.iter().find_map(|f| match &f.sample {
        Some(FormatSample::Xml(sample)) => Some(XmlAt {
            sample,
            node: sample.doc.root_element(),
        }),
        _ => None,
    });
    match section {
        ModelSection::None { .. } => None,
        ModelSection::Model {
            name: Some(name),
            collection,
            documentation,
            rows,
            ..
        } => {
            let model = (name.text, name.pos);
            Some(if *collection {
                shaper.collection_body(model, documentation.clone(), rows, json, xml)
            } else {
                shaper.body(model, documentation.clone(), rows, json, xml)
            })
        }
        ModelSection::Model {
            name: None, pos, ..
        } => {
            shaper.diagnostics.push(shaper.page.error(
                *pos,
                Problem::Missing {
                    what: "model name before the member table".into(),
                },
            ));
            None
        }
        ModelSection::Type {
            ty: WebApiType::ActionResult(_),
            ..
        } => None,
        ModelSection::Type {
            ty,
            pos,
            documentation,
        } => {
            let mut element = shaper.simple_body(ty, *pos, json, xml);
            element.documentation.extend(documentation.iter().cloned());
            Some(element)
        }
    }
}

/// Whether a section describes a body, whose formats the page then shows.
fn describes_a_body(section: &ModelSection<'_>) -> bool {
    !matches!(
        section,
        ModelSection::None { .. }
            | ModelSection::Type {
                ty: WebApiType::ActionResult(_),
                ..
            }
    )
}

/// The type of a body the page cannot describe (`IHttpActionResult`).
fn action_result(section: &ModelSection<'_>) -> Option<Fact<String>> {
    match section {
        ModelSection::Type {
            ty: WebApiType::ActionResult(name),
            pos,
            ..
        } => Some(Fact::stated(name.clone(), *pos)),
        _ => None,
    }
}

/// The format entries of a `Request Formats` or `Response Formats` section: a line of media
/// types, `Sample:`, and a sample or `Sample not available.`. The help page puts media types
/// whose samples are the same on one line (`application/json, text/json, application/xml,
/// text/xml` over one `Sample not available.`): each syntax of the line is a format of its
/// own, and the sample goes with the syntax it is written in. Media types the generator does
/// not speak (`text/html`, `text/plain`, `multipart/form-data`) are returned apart, their
/// samples passed over, as are a form's (whose formatter writes none: `Sample not
/// available.`, `… not supported.`, `Failed to generate the sample …`, or nothing).
fn formats<'s>(page: &Page<'s>, from: usize, to: usize) -> Result<Formats<'s>, Diagnostic> {
    let mut found = Formats {
        formats: Vec::new(),
        other_media_types: Vec::new(),
    };
    let mut i = from;
    while i < to {
        let line = &page.lines[i];
        let media_types = media_types(line)
            .ok_or_else(|| page.expected(i, "media types such as `application/json, text/json`"))?;
        let sample_line = page.lines.get(i + 1).filter(|_| i + 1 < to);
        let Some(sample_line) = sample_line.filter(|l| l.text.starts_with("Sample:")) else {
            return Err(page.expected(i + 1, "`Sample:`"));
        };
        // Where the next entry starts: a sample ends there at the latest.
        let next_entry = (i + 2..to)
            .find(|&j| media_types_entry(page, j))
            .unwrap_or(to);
        // The sample follows `Sample:` on its line, or on the next.
        let inline = sample_line.text["Sample:".len()..].trim_start();
        let sample_start = if !inline.is_empty() {
            Some(sample_line.text_start + (sample_line.text.len() - inline.len()))
        } else if i + 2 < next_entry {
            Some(page.lines[i + 2].text_start)
        } else {
            // Nothing between `Sample:` and the next entry: no sample.
            None
        };
        let rest = sample_start.map_or("", |start| &page.source.text()[start..]);
        let spoken: Vec<Syntax> = {
            let mut syntaxes: Vec<Syntax> = Vec::new();
            for (_, syntax) in &media_types {
                if let Some(syntax) = syntax
                    && !syntaxes.contains(syntax)
                {
                    syntaxes.push(*syntax);
                }
            }
            syntaxes
        };
        // The syntax the sample is written in, among the line's JSON and XML.
        let sample_syntax = if no_sample(rest) {
            None
        } else if rest.starts_with('<') {
            spoken.iter().copied().find(|s| *s == Syntax::Xml)
        } else {
            spoken.iter().copied().find(|s| *s == Syntax::Json)
        };
        let mut sample = None;
        let mut next = next_entry;
        if let (Some(syntax), Some(start)) = (sample_syntax, sample_start) {
            match syntax {
                Syntax::Xml => {
                    let (xml, after) =
                        XmlSample::parse_within(page.source, start, &|end| page.part_end(end))?;
                    sample = Some(FormatSample::Xml(xml));
                    next = page.index_after(after);
                }
                _ => {
                    let (json, after) =
                        Json::parse_within(page.source, start, &|end| page.part_end(end))?;
                    let text =
                        Fact::stated(page.source.sample_text()[start..after].to_owned(), json.pos);
                    sample = Some(FormatSample::Json(json, text));
                    next = page.index_after(after);
                }
            }
            if next < next_entry {
                return Err(page.expected(next, "the next media types or the next heading"));
            }
        }
        for syntax in spoken {
            found.formats.push(Format {
                syntax,
                pos: line.pos(),
                media_types: media_types
                    .iter()
                    .filter(|(_, s)| *s == Some(syntax))
                    .map(|(m, _)| m.clone())
                    .collect(),
                sample: if sample_syntax == Some(syntax) {
                    sample.take()
                } else {
                    None
                },
            });
        }
        found.other_media_types.extend(
            media_types
                .iter()
                .filter(|(_, s)| s.is_none())
                .map(|(m, _)| m.clone()),
        );
        i = next;
    }
    if found.formats.is_empty() && found.other_media_types.is_empty() {
        // A formats heading and nothing under it.
        return Err(page.expected(to, "media types such as `application/json, text/json`"));
    }
    Ok(found)
}

/// The formats of a body, and the media types the page lists for it that the generator does
/// not speak.
#[derive(Default)]
struct Formats<'s> {
    formats: Vec<Format<'s>>,
    other_media_types: Vec<Fact<String>>,
}

/// A line of media types (`application/json, text/json`), each with the syntax the
/// generator speaks it in, or `None` where it does not.
fn media_types(line: &Line<'_>) -> Option<Vec<(Fact<String>, Option<Syntax>)>> {
    let mut found = Vec::new();
    let mut offset = 0;
    for part in line.text.split(',') {
        if !is_media_type(part) {
            return None;
        }
        let lead = part.len() - part.trim_start().len();
        let media_type = part.trim();
        found.push((
            Fact::stated(media_type.to_owned(), line.pos_in(offset + lead)),
            syntax(media_type),
        ));
        offset += part.len() + 1;
    }
    Some(found)
}

/// Whether a part of a media types line, trimmed, is a media type (`text/json`).
fn is_media_type(part: &str) -> bool {
    let media_type = part.trim();
    media_type.contains('/') && !media_type.contains(char::is_whitespace)
}

/// Whether line `index` starts a format entry: media types, then `Sample:`.
fn media_types_entry(page: &Page<'_>, index: usize) -> bool {
    media_types(&page.lines[index]).is_some() && page.text(index + 1).starts_with("Sample:")
}

/// Whether the text after `Sample:` says there is no sample: the help page's
/// `Sample not available.`, a formatter's refusal (`Failed to generate the sample for media
/// type '…'. Cannot use formatter '…' to write type '…'.`, `application/x-www-form-urlencoded
/// not supported.`), or nothing.
fn no_sample(rest: &str) -> bool {
    let first_line = rest.lines().next().unwrap_or("").trim();
    first_line.is_empty()
        || first_line.starts_with("Sample not available.")
        || first_line.starts_with("Failed to generate the sample")
        || first_line.ends_with(" not supported.")
}

fn syntax(media_type: &str) -> Option<Syntax> {
    let essence = media_type
        .split(';')
        .next()
        .unwrap_or(media_type)
        .to_ascii_lowercase();
    if essence.ends_with("/json") || essence.ends_with("+json") {
        Some(Syntax::Json)
    } else if essence.ends_with("/xml") || essence.ends_with("+xml") {
        Some(Syntax::Xml)
    } else if essence == "application/x-www-form-urlencoded" {
        Some(Syntax::Form)
    } else {
        None
    }
}

/// The formats of a body as the model keeps them: which the generated code can write and
/// read (see [`MediaFormat::usable`]).
fn media_formats(formats: &Formats<'_>, section: &ModelSection<'_>) -> Vec<MediaFormat> {
    let kept_whole = action_result(section).is_some();
    formats
        .formats
        .iter()
        .map(|format| {
            let usable = match (format.sample.is_some(), format.syntax) {
                (true, _) => Fact::stated(true, format.pos),
                (false, Syntax::Form) => {
                    Fact::inferred(false, Rule::WebApiSampleNotAvailable, format.pos)
                }
                (false, _) if kept_whole => {
                    Fact::inferred(true, Rule::WebApiBodyKeptWhole, format.pos)
                }
                (false, Syntax::Json) => Fact::inferred(true, Rule::JsonNetDefaults, format.pos),
                (false, Syntax::Xml) => {
                    Fact::inferred(false, Rule::WebApiSampleNotAvailable, format.pos)
                }
            };
            MediaFormat {
                syntax: format.syntax,
                media_types: format.media_types.clone(),
                usable,
            }
        })
        .collect()
}

/// A non-generic collection (`Collection of Object`: the help page names `JObject`,
/// `JArray` and `ArrayList` alike) that no sample shows is a body the page cannot
/// describe: JSON writes a `JObject` as an object. It is kept whole, as an action result is.
fn kept_whole_unless_sampled<'s>(
    section: ModelSection<'s>,
    formats: &Formats<'_>,
) -> ModelSection<'s> {
    let sampled = formats.formats.iter().any(|f| f.sample.is_some());
    match section {
        ModelSection::Type {
            ty: WebApiType::Collection(item),
            pos,
            documentation,
        } if !sampled && *item == WebApiType::Builtin(Builtin::AnyType) => ModelSection::Type {
            ty: WebApiType::ActionResult("Collection of Object".into()),
            pos,
            documentation,
        },
        other => other,
    }
}

/// Names the rows of a member table whose name cell the copy lost (`| string |` then
/// `Required |`) from the samples: the members no other row names, in the order of the
/// JSON sample, which Json.NET writes in the order the table lists them. Where the samples
/// cannot say, the row is reported where it stands.
fn name_lost_rows<'s>(
    page: &Page<'s>,
    section: &mut ModelSection<'s>,
    formats: &Formats<'s>,
) -> Result<(), Diagnostic> {
    let ModelSection::Model { rows, .. } = section else {
        return Ok(());
    };
    let lost: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].lost_name).collect();
    let Some(&first_lost) = lost.first() else {
        return Ok(());
    };
    let named = |name: &str| {
        rows.iter()
            .any(|r| !r.lost_name && r.name.text.eq_ignore_ascii_case(name))
    };
    // The sample's members that no row names, each as the page writes it.
    let mut unnamed: Vec<Cell<'s>> = Vec::new();
    let json = formats.formats.iter().find_map(|f| match &f.sample {
        Some(FormatSample::Json(json, _)) => json.members(),
        _ => None,
    });
    let xml = formats.formats.iter().find_map(|f| match &f.sample {
        Some(FormatSample::Xml(xml)) => Some(xml),
        _ => None,
    });
    let in_order = json.is_some();
    if let Some(members) = json {
        for (name, pos, _) in members {
            if !named(name)
                && let Some(text) = page.source.text_at(*pos, 1, name)
            {
                unnamed.push(Cell { text, pos: *pos });
            }
        }
    } else if let Some(xml) = xml {
        for child in xml.doc.root_element().children().filter(|n| n.is_element()) {
            let name = child.tag_name().name();
            let pos = xml.pos(child);
            let prefix = child
                .tag_name()
                .namespace()
                .and_then(|ns| child.lookup_prefix(ns))
                .map_or(0, |p| {
                    if p.is_empty() {
                        0
                    } else {
                        p.chars().count() as u32 + 1
                    }
                });
            if !named(name)
                && let Some(text) = page.source.text_at(pos, 1 + prefix, name)
            {
                unnamed.push(Cell { text, pos });
            }
        }
    }
    // JSON gives the members in the table's order; XML in the serializer's, which says
    // which member a row is only when one row is nameless and one member unnamed.
    if unnamed.len() != lost.len() || (!in_order && lost.len() > 1) {
        let row = &rows[first_lost];
        return Err(page.error(
            row.name.pos,
            Problem::LostName {
                members: unnamed.iter().map(|c| c.text.to_owned()).collect(),
                sampled: json.is_some() || xml.is_some(),
            },
        ));
    }
    for (index, name) in lost.into_iter().zip(unnamed) {
        let row = &mut rows[index];
        row.description.push(Cell {
            text: "The copy of the page lost this row's name cell: the samples name the member.",
            pos: row.name.pos,
        });
        row.name = name;
    }
    Ok(())
}

/// Words that say a status means success, and words that say it means failure.
const SUCCESS_WORDS: &[&str] = &["SUCCESS", "SUCCEEDED", "SUCCESSFUL", "OK"];
const FAILURE_WORDS: &[&str] = &["FAILED", "FAILURE", "FAIL", "ERROR"];

/// A response member that says success or failure by value decides the outcome; a string
/// member named as the message carries the reason.
fn status_outcome(output: &Message, types: &TypeSet) -> Option<Fact<Outcome>> {
    let body = output.body.as_ref()?;
    let TypeUse::Named(name) = &body.ty.value else {
        return None;
    };
    let TypeKind::Complex(complex) = &types.get(name)?.kind else {
        return None;
    };
    complex.elements().find_map(|member| {
        let TypeUse::Named(enum_name) = &member.ty.value else {
            return None;
        };
        let TypeKind::Enumeration(enumeration) = &types.get(enum_name)?.kind else {
            return None;
        };
        let pick = |words: &[&str]| -> Vec<String> {
            enumeration
                .members
                .iter()
                .filter(|m| words.iter().any(|w| m.name.value.eq_ignore_ascii_case(w)))
                .map(|m| m.name.value.clone())
                .collect()
        };
        let (success, failure) = (pick(SUCCESS_WORDS), pick(FAILURE_WORDS));
        if success.is_empty() || failure.is_empty() {
            return None;
        }
        let message = complex
            .elements()
            .find(|m| m.name.local.to_ascii_lowercase().ends_with("message"))
            .map(|m| m.name.clone());
        Some(Fact::inferred(
            Outcome::Status {
                member: member.name.clone(),
                success,
                failure,
                message,
            },
            Rule::StatusMemberOutcome,
            member.pos,
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::glued_at;
    use crate::read::page::parts_at;

    fn parts(text: &str) -> Vec<&str> {
        parts_at(text, glued_at(text))
    }

    #[test]
    fn what_a_copy_glued_is_taken_apart() {
        assert_eq!(
            parts("booleanResponse Formats"),
            ["boolean", "Response Formats"]
        );
        assert_eq!(
            parts("Collection of ObjectNone.Response Formats"),
            ["Collection of Object", "None.", "Response Formats"]
        );
        assert_eq!(
            parts("Sample not available.Response Information"),
            ["Sample not available.", "Response Information"]
        );
        assert_eq!(
            parts("application/json, text/jsonSample:"),
            ["application/json, text/json", "Sample:"]
        );
        assert_eq!(parts("AuthResponseNone."), ["AuthResponse", "None."]);
    }

    #[test]
    fn a_heading_glued_after_a_sample_still_ends_it() {
        let page = "POST api/Devices/Rename\nRequest Information\nURI Parameters\nNone.\n\
                    Body Parameters\nDeviceNameName | Description | Type | Additional \
                    information |\nName | string |\nNone. |\nRequest Formats\n\
                    application/json, text/json\nSample:\n{ \"Name\": \"sample string 1\" }\n\
                    application/xml, text/xml\nSample:\n<DeviceName xmlns=\"urn:x\">\
                    <Name>sample string 1</Name></DeviceName>Response Information\n\
                    Resource Description\nboolean\nResponse Formats\n\
                    application/json, text/json\nSample:\ntrue\n";
        let service =
            crate::read_document("page.txt", page.as_bytes()).unwrap_or_else(|d| panic!("{d}"));
        assert_eq!(service.operations[0].samples.len(), 3);
        let glued_json = page.replace("\" }\napplication/xml", "\" }application/xml");
        assert!(crate::read_document("page.txt", glued_json.as_bytes()).is_err());
    }

    #[test]
    fn text_that_only_mentions_a_heading_stays_whole() {
        for text in [
            "The formats are listed under Response Formats",
            "Response Formats",
            "None.",
            "The value is None.",
            "See the Sample: below",
        ] {
            assert_eq!(parts(text), [text]);
        }
    }
}
