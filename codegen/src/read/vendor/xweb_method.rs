//! The reader of xWeb method pages (netFORUM's documentation of its `xWeb` web methods).
//!
//! The page names the method, gives a small table of facts (build, product, kind, response
//! type), a description, the parameters as a VB signature (`o.WebLogout(authenticationToken
//! as string)`), a SOAP sample request and response with example values, and a JSON method:
//! a GET line, a POST line with its JSON body, and the result's HTTP status and body.

use crate::diagnostic::{Diagnostic, Diagnostics, Problem};
use crate::model::{
    Binding, BindingKind, Builtin, Doc, Element, Fact, Header, HttpMethod, JsonBinding, JsonReply,
    Message, Operation, Rule, SampleKind, SoapBinding, SoapReply, SourceId, TypeUse,
};
use crate::read::page::http_message::{self, pair_names};
use crate::read::page::json_sample::{Json, JsonValue};
use crate::read::page::placeholder::vendor_type;
use crate::read::page::soap_sample::{envelope, is_infrastructure_header};
use crate::read::page::table::cells;
use crate::read::page::xml_sample::XmlSample;
use crate::read::page::xml_shape::{Shaper, Values};
use crate::read::page::{Page, doc_of};
use crate::read::types::TypeSet;
use crate::read::{DocumentRead, FamilyReader, keep, sample_of};
use crate::source::Line;

const SAMPLE_REQUEST: &str = "Sample Request";
const SAMPLE_RESPONSE: &str = "Sample Response";
const PARAMETERS: &str = "Parameters";
const JSON_METHOD: &str = "JSON Method";
const RESPONSE_TYPE: &str = "Response Type";

/// The family's entry in the readers' table.
pub(crate) const FAMILY: FamilyReader = FamilyReader {
    family: crate::model::Family::XwebMethod,
    recognizes: |source| recognizes(&Page::new(source)),
    read: |source, _| read(&Page::new(source), source.id()),
};

/// Whether a page is an xWeb method page.
pub fn recognizes(page: &Page<'_>) -> bool {
    page.find_text(0, SAMPLE_REQUEST).is_some()
        && page.find_text(0, SAMPLE_RESPONSE).is_some()
        && page.find(0, |t| signature(t).is_some()).is_some()
}

/// A parameter of the signature: its name, type and where they stand.
struct Parameter<'s> {
    name: &'s str,
    name_pos: crate::model::Pos,
    ty: Fact<Builtin>,
}

/// A VB signature: `o.WebLogout(authenticationToken as string)`.
struct Signature<'s> {
    method: &'s str,
    /// Each parameter's name, type word, and byte offset in the line.
    params: Vec<(&'s str, &'s str, usize)>,
}

/// Reads the signature `o.Name(a as string, b as integer)`.
fn signature(text: &str) -> Option<Signature<'_>> {
    let rest = text.strip_prefix("o.")?;
    let open = rest.find('(')?;
    let name = &rest[..open];
    let inner = rest[open + 1..].strip_suffix(')')?;
    if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
        return None;
    }
    let mut params = Vec::new();
    let mut offset = 2 + open + 1;
    for part in inner.split(',') {
        let lead = part.len() - part.trim_start().len();
        if !part.trim().is_empty() {
            let (param, ty) = part.trim().split_once(" as ")?;
            params.push((param.trim(), ty.trim(), offset + lead));
        }
        offset += part.len() + 1;
    }
    Some(Signature {
        method: name,
        params,
    })
}

/// The parts of an xWeb method page, each read on its own.
struct Sections<'p, 's> {
    title: &'p Line<'s>,
    product: Fact<String>,
    response_type: Fact<String>,
    result_type: Option<Fact<crate::model::Builtin>>,
    documentation: Vec<Doc>,
    params: Vec<Parameter<'s>>,
    param_docs: Vec<(String, Doc)>,
    request_at: usize,
    response_at: usize,
    request_xml: (XmlSample<'s>, usize),
    response_xml: (XmlSample<'s>, usize),
    /// Problems found in parts that still let the rest be read.
    diagnostics: Diagnostics,
}

/// Reads an xWeb method page: its parts, then what they say together.
pub fn read(page: &Page<'_>, source_id: SourceId) -> Result<DocumentRead, Diagnostics> {
    let sections = sections(page)?;
    lower(page, source_id, sections)
}

/// Finds the page's parts (facts, description, signature, samples) and reads each.
fn sections<'p, 's>(page: &'p Page<'s>) -> Result<Sections<'p, 's>, Diagnostics> {
    let title = &page.lines[0];
    let parameters_at = page
        .find_text(1, PARAMETERS)
        .ok_or_else(|| page.expected(1, PARAMETERS))?;
    let Facts {
        product,
        response_type,
        description_start,
    } = facts(page, parameters_at)?;
    // From here on, each part of the page is checked on its own, and every problem found is
    // reported together.
    let mut diagnostics = Diagnostics::default();
    let result_type = match response_type.value.as_str() {
        "none" | "None" | "void" => None,
        text => keep(
            &mut diagnostics,
            vendor_type(text)
                .map(|b| Fact::stated(b, response_type.origin.pos()))
                .ok_or_else(|| {
                    page.error(
                        response_type.origin.pos(),
                        Problem::UnknownType {
                            text: text.to_owned(),
                        },
                    )
                }),
        ),
    };
    let documentation = page.docs(description_start, parameters_at);

    let request_at = page
        .find_text(parameters_at, SAMPLE_REQUEST)
        .ok_or_else(|| page.expected(parameters_at + 1, SAMPLE_REQUEST))?;
    let (
        signature_at,
        Signature {
            method,
            params: raw_params,
        },
    ) = (parameters_at + 1..request_at)
        .find_map(|i| signature(page.text(i)).map(|s| (i, s)))
        .ok_or_else(|| {
            page.expected(parameters_at + 1, "the signature `o.Method(name as type)`")
        })?;
    let sig_line = &page.lines[signature_at];
    if method != title.text {
        diagnostics.push(page.error(
            sig_line.pos_in(2),
            Problem::Inconsistent {
                what: format!("the signature's method `{method}`"),
                other: title.pos(),
            },
        ));
    }
    let mut params = Vec::new();
    for (name, ty, offset) in raw_params {
        let ty_pos = sig_line.pos_in(offset + name.len() + " as ".len());
        let builtin = vendor_type(ty).unwrap_or_else(|| {
            diagnostics.push(page.error(
                ty_pos,
                Problem::UnknownType {
                    text: ty.to_owned(),
                },
            ));
            // Only so that the rest of the page is checked: the page fails.
            crate::model::Builtin::String
        });
        params.push(Parameter {
            name,
            name_pos: sig_line.pos_in(offset),
            ty: Fact::stated(builtin, ty_pos),
        });
    }
    // `The authenticationToken as string` describes a parameter.
    let param_docs: Vec<(String, Doc)> = (parameters_at + 1..signature_at)
        .filter_map(|i| {
            let text = page.text(i);
            let name = text.strip_prefix("The ")?.split(" as ").next()?;
            Some((name.to_owned(), doc_of(&page.lines[i])))
        })
        .collect();

    let response_at = page
        .find_text(request_at, SAMPLE_RESPONSE)
        .ok_or_else(|| page.expected(request_at + 1, SAMPLE_RESPONSE))?;
    let request_xml = keep(
        &mut diagnostics,
        xml_after(page, request_at, "the sample request envelope"),
    );
    let response_xml = keep(
        &mut diagnostics,
        xml_after(page, response_at, "the sample response envelope"),
    );
    let (Some(request_xml), Some(response_xml)) = (request_xml, response_xml) else {
        return Err(diagnostics);
    };
    Ok(Sections {
        title,
        product,
        response_type,
        result_type,
        documentation,
        params,
        param_docs,
        request_at,
        response_at,
        request_xml,
        response_xml,
        diagnostics,
    })
}

/// What the parts say together: the messages of the samples, typed by the signature; the
/// SOAP binding; the JSON method's bindings; the samples.
fn lower(
    page: &Page<'_>,
    source_id: SourceId,
    sections: Sections<'_, '_>,
) -> Result<DocumentRead, Diagnostics> {
    let Sections {
        title,
        product,
        response_type,
        result_type,
        documentation,
        params,
        param_docs,
        request_at,
        response_at,
        request_xml,
        response_xml,
        mut diagnostics,
    } = sections;

    let mut types = TypeSet::default();
    let type_names = Default::default();
    let input = soap_message(
        page,
        &request_xml.0,
        source_id,
        &mut types,
        &mut diagnostics,
        &type_names,
    );
    let input = keep(&mut diagnostics, input);
    let output = soap_message(
        page,
        &response_xml.0,
        source_id,
        &mut types,
        &mut diagnostics,
        &type_names,
    );
    let output = keep(&mut diagnostics, output);
    let (Some((mut input, version)), Some((mut output, response_version))) = (input, output) else {
        return Err(diagnostics);
    };
    if response_version != version {
        diagnostics.push(page.error(
            response_xml.0.pos(response_xml.0.doc.root_element()),
            Problem::Inconsistent {
                what: "the response's SOAP version (the request's differs)".into(),
                other: request_xml.0.pos(request_xml.0.doc.root_element()),
            },
        ));
    }
    // A header the response brings back as the request sent it carries the value for the
    // next call.
    for header in &mut input.headers {
        if let Some(back) = output
            .headers
            .iter()
            .find(|h| h.element.name == header.element.name)
        {
            header.echoed = Some(Fact::inferred(
                true,
                Rule::HeaderInBothSamples,
                back.element.pos,
            ));
        }
    }
    let sample_binding = match version {
        crate::model::SoapVersion::Soap11 => BindingKind::Soap11,
        crate::model::SoapVersion::Soap12 => BindingKind::Soap12,
    };
    match input.body.as_mut() {
        Some(body) => {
            keep(
                &mut diagnostics,
                type_members(page, body, &params, &param_docs),
            );
        }
        None => diagnostics
            .push(page.expected(request_at + 1, "a request body with the method's element")),
    }
    if let Some(result_type) = &result_type {
        keep(
            &mut diagnostics,
            type_result(page, &mut output, result_type, &response_type),
        );
    }

    let namespace = input
        .body
        .as_ref()
        .map(|b| b.name.namespace.clone())
        .unwrap_or_default();
    let body_pos = input.body.as_ref().map_or(title.pos(), |b| b.pos);
    let mut bindings = vec![Binding::Soap(SoapBinding {
        pos: page.pos(request_at),
        version,
        action: Fact::inferred(
            format!("{namespace}{}", title.text),
            Rule::AsmxSoapAction,
            body_pos,
        ),
        path: None,
        reply: Fact::stated(SoapReply::Body, page.pos(response_at)),
        encoding_style: None,
        policy: None,
        reply_action: None,
    })];
    let mut samples = vec![
        envelope_sample(
            page.pos(request_at),
            sample_binding,
            SampleKind::Request,
            &request_xml.0,
        ),
        envelope_sample(
            page.pos(response_at),
            sample_binding,
            SampleKind::Response,
            &response_xml.0,
        ),
    ];
    if let Some(json_at) = page.find_text(response_xml.1, JSON_METHOD) {
        let members: Vec<String> = match input.body.as_ref().map(|b| &b.ty.value) {
            Some(TypeUse::Anonymous(complex)) => {
                complex.elements().map(|e| e.name.local.clone()).collect()
            }
            _ => Vec::new(),
        };
        if let Some(json) = keep(
            &mut diagnostics,
            json_method(page, json_at, &members, result_type.is_some()),
        ) {
            bindings.extend(json.bindings);
            samples.extend(json.samples);
        }
    } else if response_xml.1 < page.lines.len() {
        diagnostics.push(page.expected(
            response_xml.1,
            format!("`{JSON_METHOD}` or the end of the page"),
        ));
    }
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }

    Ok(DocumentRead {
        name: Some(product),
        documentation: Vec::new(),
        host: None,
        operations: vec![Operation {
            name: Fact::stated(title.text.to_owned(), title.pos()),
            message_name: None,
            source: source_id,
            documentation,
            input,
            output,
            faults: Vec::new(),
            error_codes: Vec::new(),
            outcome: None,
            cookies: Vec::new(),
            bindings,
            samples,
        }],
        types,
    })
}

/// Types the response's one result element by the page's response type.
fn type_result(
    page: &Page<'_>,
    output: &mut Message,
    result_type: &Fact<crate::model::Builtin>,
    response_type: &Fact<String>,
) -> Result<(), Diagnostic> {
    let Some(body) = output.body.as_mut() else {
        return Ok(());
    };
    let TypeUse::Anonymous(complex) = &mut body.ty.value else {
        return Ok(());
    };
    match complex.sequence.as_mut_slice() {
        [crate::model::Particle::Element(result)] => {
            result.ty = result_type.clone().map(TypeUse::Builtin);
            if !result_type.value.is_value_type() {
                result.min_occurs =
                    Fact::inferred(0, Rule::XmlSerializerReferenceOptional, result.pos);
            }
            Ok(())
        }
        _ => Err(page.error(
            body.pos,
            Problem::UnexpectedSample {
                expected: format!(
                    "one result element, as the response type is {}",
                    response_type.value
                ),
                found: format!("{} elements", complex.sequence.len()),
            },
        )),
    }
}

/// A sample envelope of the page, as a sample of `binding`.
fn envelope_sample(
    pos: crate::model::Pos,
    binding: BindingKind,
    kind: SampleKind,
    xml: &XmlSample<'_>,
) -> crate::model::Sample {
    sample_of(
        pos,
        Some(binding),
        kind,
        None,
        &[],
        Some(Fact::stated(xml.text().to_owned(), xml.pos(xml.doc.root()))),
    )
}

/// The facts table at the top of the page.
struct Facts {
    /// The product (`xWEB`), which names the service.
    product: Fact<String>,
    /// The response type (`none`, `string`).
    response_type: Fact<String>,
    /// The line where the description starts, after the table.
    description_start: usize,
}

/// Reads the facts table: `Initial Build | 2006.02 | xWEB | Web Method | Response Type |
/// none |`, in any rendering. The build and the response type have keys; the product and the
/// kind of method stand between them without.
fn facts(page: &Page<'_>, end: usize) -> Result<Facts, Diagnostic> {
    let mut pending_key: Option<&str> = None;
    let mut unkeyed: Vec<Fact<String>> = Vec::new();
    for i in 1..end {
        for cell in cells(&page.lines[i..=i]) {
            match pending_key.take() {
                Some(RESPONSE_TYPE) => {
                    let product = unkeyed.into_iter().next().ok_or_else(|| {
                        page.error(
                            cell.pos,
                            Problem::Missing {
                                what: "product (`xWEB`) in the facts table".into(),
                            },
                        )
                    })?;
                    return Ok(Facts {
                        product,
                        response_type: Fact::stated(cell.text.to_owned(), cell.pos),
                        description_start: i + 1,
                    });
                }
                // The initial build's value is history, not part of the contract.
                Some(_) => {}
                None if cell.text == "Initial Build" || cell.text == RESPONSE_TYPE => {
                    pending_key = Some(if cell.text == RESPONSE_TYPE {
                        RESPONSE_TYPE
                    } else {
                        ""
                    });
                }
                None => unkeyed.push(Fact::stated(cell.text.to_owned(), cell.pos)),
            }
        }
    }
    Err(page.expected(
        end,
        format!("`{RESPONSE_TYPE}` and its value before the parameters"),
    ))
}

/// The XML sample on the line after a heading.
fn xml_after<'s>(
    page: &Page<'s>,
    heading: usize,
    what: &str,
) -> Result<(XmlSample<'s>, usize), Diagnostic> {
    let at = heading + 1;
    if !page.text(at).starts_with('<') {
        return Err(page.expected(at, what.to_owned()));
    }
    let (sample, after) = XmlSample::parse(page.source, page.lines[at].text_start)?;
    Ok((sample, page.index_after(after)))
}

/// The message of a SOAP sample with example values: headers the service declares (not those
/// of WS-Addressing and WS-Security) and the body element.
fn soap_message(
    page: &Page<'_>,
    sample: &XmlSample<'_>,
    source_id: SourceId,
    types: &mut TypeSet,
    diagnostics: &mut Diagnostics,
    type_names: &std::collections::BTreeMap<String, Fact<crate::model::QName>>,
) -> Result<(Message, crate::model::SoapVersion), Diagnostic> {
    let env = envelope(sample, page.source)?;
    let mut shaper = Shaper {
        sample,
        source: page.source,
        source_id,
        values: Values::Literals,
        types,
        diagnostics,
        type_names,
    };
    let headers = env
        .headers
        .iter()
        .filter(|node| !is_infrastructure_header(**node))
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
    Ok((
        Message {
            body,
            bare: false,
            headers,
            parameters: Vec::new(),
            unknown_body: None,
        },
        env.version,
    ))
}

/// Types the body's members by the signature, and documents them; the sample must show
/// exactly the signature's parameters, in order.
fn type_members(
    page: &Page<'_>,
    body: &mut Element,
    params: &[Parameter<'_>],
    docs: &[(String, Doc)],
) -> Result<(), Diagnostic> {
    let TypeUse::Anonymous(complex) = &mut body.ty.value else {
        return Ok(());
    };
    let shown: Vec<&str> = complex.elements().map(|e| e.name.local.as_str()).collect();
    let declared: Vec<&str> = params.iter().map(|p| p.name).collect();
    if shown != declared {
        return Err(page.error(
            body.pos,
            Problem::Inconsistent {
                what: format!("the list of the sample's parameters ({})", shown.join(", ")),
                other: params.first().map_or(body.pos, |p| p.name_pos),
            },
        ));
    }
    for (member, param) in complex.elements_mut().zip(params) {
        member.ty = param.ty.clone().map(TypeUse::Builtin);
        member.min_occurs = if param.ty.value.is_value_type() {
            Fact::inferred(1, Rule::XmlSerializerValueRequired, member.pos)
        } else {
            Fact::inferred(0, Rule::XmlSerializerReferenceOptional, member.pos)
        };
        member.documentation = docs
            .iter()
            .filter(|(name, _)| name == param.name)
            .map(|(_, doc)| doc.clone())
            .collect();
    }
    Ok(())
}

struct JsonMethod {
    bindings: Vec<Binding>,
    samples: Vec<crate::model::Sample>,
}

/// The JSON method section: GET and POST lines, the POST body after `DATA: JSON`, and the
/// result after `SAMPLE RESULT`.
fn json_method(
    page: &Page<'_>,
    heading: usize,
    members: &[String],
    has_result: bool,
) -> Result<JsonMethod, Diagnostic> {
    let end = page.lines.len();
    let mut i = heading + 1;
    while i < end && http_message::request_line(page, i).is_none() {
        i += 1;
    }
    let mut requests = Vec::new();
    while let Some(request) = http_message::request_line(page, i) {
        requests.push(request);
        i += 1;
    }
    if requests.is_empty() {
        return Err(page.expected(heading + 1, "the JSON method's GET or POST line"));
    }
    let skip_copy = |mut i: usize| {
        while page.text(i) == "Copy" {
            i += 1;
        }
        i
    };
    i = skip_copy(i);
    let mut post_body: Option<(Json, Fact<String>)> = None;
    if page.text(i) == "DATA: JSON" {
        i += 1;
        let at = page
            .lines
            .get(i)
            .ok_or_else(|| page.expected(i, "the JSON body"))?;
        let (json, after) = Json::parse(page.source, at.text_start)?;
        let text = Fact::stated(
            page.source.sample_text()[at.text_start..after].to_owned(),
            json.pos,
        );
        post_body = Some((json, text));
        i = skip_copy(page.index_after(after));
    }
    if page.text(i) != "SAMPLE RESULT" {
        return Err(page.expected(i, "`SAMPLE RESULT`"));
    }
    i += 1;
    let status_line = page.text(i);
    let status = status_line
        .strip_prefix("HTTP STATUS:")
        .and_then(|s| s.trim().parse::<u16>().ok())
        .ok_or_else(|| page.expected(i, "`HTTP STATUS: 200`"))?;
    let status = Fact::stated(status, page.pos(i));
    i += 1;
    let mut result = None;
    if i < end {
        let at = &page.lines[i];
        let (json, after) = Json::parse(page.source, at.text_start)?;
        let text = Fact::stated(
            page.source.sample_text()[at.text_start..after].to_owned(),
            json.pos,
        );
        result = Some((json, text));
        i = page.index_after(after);
        if i < end {
            return Err(page.expected(i, "the end of the page"));
        }
    }
    let reply = match (&result, has_result) {
        (Some((json, _)), true) => Fact::stated(JsonReply::Result, json.pos),
        (None, false) => Fact::stated(JsonReply::Empty, status.origin.pos()),
        (Some((json, _)), false) => {
            return Err(page.error(
                json.pos,
                Problem::Inconsistent {
                    what: "a JSON result for a method whose response type is none".into(),
                    other: page.pos(1),
                },
            ));
        }
        (None, true) => Fact::inferred(
            JsonReply::Result,
            Rule::TypeFromSampleValue,
            status.origin.pos(),
        ),
    };

    let mut bindings = Vec::new();
    let mut samples = Vec::new();
    for request in &requests {
        let (wrapper, sample_binding, body) = match request.method {
            HttpMethod::Get => {
                let shown: Vec<&str> = request
                    .query
                    .map(pair_names)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(n, _)| n)
                    .collect();
                if shown.iter().ne(members.iter()) {
                    return Err(page.error(
                        request.query_pos,
                        Problem::Inconsistent {
                            what: format!(
                                "the list of the JSON method's query parameters ({})",
                                shown.join(", ")
                            ),
                            other: page.pos(0),
                        },
                    ));
                }
                (None, BindingKind::JsonGet, None)
            }
            _ => {
                let Some((json, text)) = &post_body else {
                    return Err(page.error(
                        request.pos,
                        Problem::Missing {
                            what: "`DATA: JSON` body for the POST".into(),
                        },
                    ));
                };
                let wrapper = wrapper_of(page, json, members)?;
                (Some(wrapper), BindingKind::JsonPost, Some(text.clone()))
            }
        };
        bindings.push(Binding::Json(JsonBinding {
            pos: request.pos,
            method: request.method,
            path: Fact::stated(request.path.to_owned(), request.path_pos),
            wrapper,
            success_status: status.clone(),
            reply: reply.clone(),
        }));
        samples.push(sample_of(
            request.pos,
            Some(sample_binding),
            SampleKind::Request,
            Some(request.text),
            &[],
            body,
        ));
    }
    if let Some((_, text)) = result {
        samples.push(sample_of(
            status.origin.pos(),
            None,
            SampleKind::Response,
            None,
            &[],
            Some(text),
        ));
    }
    Ok(JsonMethod { bindings, samples })
}

/// The wrapper of a JSON POST body, `{"WebLogout": {"authenticationToken": "…"}}`: one member
/// whose object holds the parameters.
fn wrapper_of(
    page: &Page<'_>,
    json: &Json,
    members: &[String],
) -> Result<Fact<String>, Diagnostic> {
    let wrapped = match &json.value {
        JsonValue::Object(outer) if outer.len() == 1 => match &outer[0] {
            (
                name,
                pos,
                Json {
                    value: JsonValue::Object(inner),
                    ..
                },
            ) => Some((name, *pos, inner)),
            _ => None,
        },
        _ => None,
    };
    let Some((name, pos, inner)) = wrapped else {
        return Err(page.error(
            json.pos,
            Problem::UnexpectedSample {
                expected: "an object with one member that wraps the parameters".into(),
                found: "another shape".into(),
            },
        ));
    };
    let shown: Vec<&String> = inner.iter().map(|(n, _, _)| n).collect();
    if shown.iter().copied().ne(members.iter()) {
        return Err(page.error(
            pos,
            Problem::Inconsistent {
                what: "the list of the JSON body's parameters".into(),
                other: page.pos(0),
            },
        ));
    }
    Ok(Fact::stated(name.clone(), pos))
}
