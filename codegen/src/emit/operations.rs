//! Each operation's messages on each of its bindings: `write_request` and `read_request`,
//! `write_response` and `read_response`, the `Request` and `Response` enums over all
//! operations, and the `OPERATIONS` table of how each is bound.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::emit::docs::{self, code};
use crate::emit::plan::{Field, MessageKind, OperationPlan, Plan, StructPlan, Wire};
use crate::emit::rust_types::Shape;
use crate::emit::{pairs_codec, soap_codec, xml_codec};
use crate::model::{
    Binding, BindingKind, HttpMethod, HttpReply, JsonReply, MediaFormat, Message, SoapReply, Syntax,
};

/// The runtime's name of a binding kind, or `None` for one the runtime cannot carry: Web API
/// form bodies, which the help pages never show a sample of.
fn runtime_kind(kind: BindingKind) -> Option<TokenStream> {
    Some(match kind {
        BindingKind::Soap11 => quote!(rt::BindingKind::Soap11),
        BindingKind::Soap12 => quote!(rt::BindingKind::Soap12),
        BindingKind::HttpGet => quote!(rt::BindingKind::HttpGet),
        BindingKind::HttpPost => quote!(rt::BindingKind::HttpPost),
        BindingKind::JsonGet => quote!(rt::BindingKind::JsonGet),
        BindingKind::JsonPost => quote!(rt::BindingKind::JsonPost),
        BindingKind::WebApi(Syntax::Json) => quote!(rt::BindingKind::WebApiJson),
        BindingKind::WebApi(Syntax::Xml) => quote!(rt::BindingKind::WebApiXml),
        BindingKind::WebApi(Syntax::Form) => return None,
    })
}

/// The kinds of a binding that generated code carries, with their runtime names.
pub fn carried_kinds(binding: &Binding) -> Vec<(BindingKind, TokenStream)> {
    binding
        .kinds()
        .into_iter()
        .filter_map(|kind| Some((kind, runtime_kind(kind)?)))
        .collect()
}

/// The Rust type whose methods carry a message.
fn target(kind: &MessageKind, name: &str) -> String {
    match kind {
        MessageKind::Struct(_) => name.to_owned(),
        MessageKind::Alias(target) | MessageKind::Named(target) => target.clone(),
    }
}

/// The struct that holds a message's fields: its own, or its named body type's.
fn holder<'p, 'm>(
    plan: &'p Plan<'m>,
    kind: &MessageKind,
    message: &Message,
) -> Option<&'p StructPlan<'m>> {
    match kind {
        MessageKind::Struct(_) => plan.message_struct(kind),
        _ => match message.body.as_ref().map(|b| &b.ty.value) {
            Some(crate::model::TypeUse::Named(name)) => plan.named_struct(name),
            _ => None,
        },
    }
}

/// Every operation's message methods, the enums over all messages, and the binding table.
/// `outcomes` says, per operation, whether its response has an `outcome()`.
pub fn operation_items(plan: &Plan<'_>, outcomes: &[bool]) -> Vec<TokenStream> {
    let mut items = Vec::new();
    let mut done: BTreeSet<(String, bool)> = BTreeSet::new();
    for op in &plan.operations {
        let request_type = target(&op.request_kind, &op.request);
        if done.insert((request_type.clone(), true)) {
            items.push(request_methods(plan, op, &request_type));
        }
        let response_type = target(&op.response_kind, &op.response);
        if done.insert((response_type.clone(), false)) {
            items.push(response_methods(plan, op, &response_type));
        }
    }
    items.push(operations_table(plan));
    items.push(message_enum(plan, true, outcomes));
    items.push(message_enum(plan, false, outcomes));
    items
}

fn unsupported_encode(operation: &str) -> TokenStream {
    quote! {
        other => Err(rt::EncodeError {
            at: #operation.to_owned(),
            problem: rt::EncodeProblem::UnsupportedBinding(other),
        }),
    }
}

fn unsupported_decode(operation: &str, response: bool) -> TokenStream {
    let into = response.then(|| quote!(.into()));
    quote! {
        other => Err(rt::DecodeError::new(
            #operation,
            rt::DecodeProblem::UnsupportedBinding(other),
        )#into),
    }
}

fn soap_version(kind: BindingKind) -> TokenStream {
    if kind == BindingKind::Soap11 {
        quote!(rt::SoapVersion::Soap11)
    } else {
        quote!(rt::SoapVersion::Soap12)
    }
}

/// The body of a Web API message, and the parts of its struct that are URI parameters.
struct WebApiParts {
    /// How to reach the body value from `self` (`self` or `&self.body`), if there is a body.
    body: Option<TokenStream>,
    /// The body's type, for reading.
    body_ty: TokenStream,
    /// Whether the message struct is the body itself.
    is_body: bool,
}

fn webapi_parts(
    holder: Option<&StructPlan<'_>>,
    message: &Message,
    is_struct: bool,
) -> WebApiParts {
    let body_field = holder.and_then(|h| h.fields.iter().find(|f| matches!(f.wire, Wire::Body)));
    match (message.body.is_some(), body_field) {
        (false, _) => WebApiParts {
            body: None,
            body_ty: quote!(()),
            is_body: false,
        },
        (true, Some(field)) => {
            let member = field.ident();
            WebApiParts {
                body: Some(quote!(&self.#member)),
                body_ty: field.value_ty.clone(),
                is_body: false,
            }
        }
        (true, None) => WebApiParts {
            body: Some(quote!(self)),
            body_ty: quote!(Self),
            is_body: !is_struct || holder.is_some(),
        },
    }
}

fn request_methods(plan: &Plan<'_>, op: &OperationPlan<'_>, type_name: &str) -> TokenStream {
    let operation = op.op.key();
    let ident = format_ident!("{}", type_name);
    let message = &op.op.input;
    let holder = holder(plan, &op.request_kind, message);
    let fields: &[Field] = holder.map_or(&[], |h| &h.fields);
    let (body_ns, body_local) = message
        .body
        .as_ref()
        .map(|b| (b.name.namespace.clone(), b.name.local.clone()))
        .unwrap_or_default();
    let mut writes = Vec::new();
    let mut reads = Vec::new();
    let mut needs_pairs = false;
    let soap_kinds: Vec<TokenStream> = op
        .op
        .bindings
        .iter()
        .flat_map(carried_kinds)
        .filter(|(kind, _)| matches!(kind, BindingKind::Soap11 | BindingKind::Soap12))
        .map(|(_, tokens)| tokens)
        .collect();
    if !soap_kinds.is_empty() {
        let (write, read) = soap_codec::arms(holder, message, &soap_kinds, false);
        writes.push(write);
        reads.push(read);
    }
    for binding in &op.op.bindings {
        for (kind, tokens) in carried_kinds(binding) {
            match kind {
                BindingKind::Soap11 | BindingKind::Soap12 => {}
                BindingKind::HttpGet | BindingKind::JsonGet => {
                    needs_pairs = true;
                    writes.push(quote!(#tokens => Ok(rt::Payload::query(self.write_pairs()?)),));
                    reads.push(quote!(#tokens => Self::read_pairs(payload.query.as_deref().unwrap_or(""), "the query"),));
                }
                BindingKind::HttpPost => {
                    needs_pairs = true;
                    writes.push(quote!(#tokens => Ok(rt::Payload::body(self.write_pairs()?)),));
                    reads.push(quote!(#tokens => Self::read_pairs(&payload.body, "the form"),));
                }
                BindingKind::JsonPost => {
                    let wrapper = match binding {
                        Binding::Json(json) => json.wrapper.as_ref().map(|w| w.value.clone()),
                        _ => None,
                    }
                    .unwrap_or_else(|| operation.to_owned());
                    writes.push(quote! {
                        #tokens => {
                            let mut object = rt::json_value::Map::new();
                            object.insert(#wrapper.to_owned(), rt::json_value::JsonType::to_json(self)?);
                            Ok(rt::Payload::body(
                                rt::json_value::Value::Object(object).to_string(),
                            ))
                        }
                    });
                    let missing = format!("member `{wrapper}`");
                    reads.push(quote! {
                        #tokens => {
                            let json = rt::json_value::parse(&payload.body)?;
                            let root = rt::json_value::JsonPath::Root;
                            let object = rt::json_value::object(&json, &root)?;
                            match object.get(#wrapper) {
                                Some(inner) => rt::json_value::JsonType::from_json(inner, &root.member(#wrapper)),
                                None => Err(rt::DecodeError::new(
                                    "$",
                                    rt::DecodeProblem::Missing(#missing.to_owned()),
                                )),
                            }
                        }
                    });
                }
                BindingKind::WebApi(_) => {
                    let parts = webapi_parts(
                        holder,
                        message,
                        matches!(op.request_kind, MessageKind::Struct(_)),
                    );
                    let (write, read) = webapi_request(kind, &parts, fields, &body_ns, &body_local);
                    writes.push(quote!(#tokens => { #write }));
                    reads.push(quote!(#tokens => { #read }));
                }
            }
        }
    }
    let pairs = needs_pairs.then(|| match holder {
        Some(holder) => pairs_codec::pairs_fns(holder, operation),
        None => TokenStream::new(),
    });
    let unsupported_w = unsupported_encode(operation);
    let unsupported_r = unsupported_decode(operation, false);
    let unused_payload = reads.is_empty().then(|| quote!(let _ = payload;));
    let write_doc = docs::attrs(&[format!(
        "Writes the request of {} for `binding`, as a client sends it.",
        code(operation)
    )]);
    let read_doc = docs::attrs(&[format!(
        "Reads a request of {} sent with `binding`, as a server receives it. Its errors never \
         show a credential's value.",
        code(operation)
    )]);
    quote! {
        impl #ident {
            #write_doc
            pub fn write_request(
                &self,
                binding: rt::BindingKind,
            ) -> ::std::result::Result<rt::Payload, rt::EncodeError> {
                match binding {
                    #(#writes)*
                    #unsupported_w
                }
            }

            #read_doc
            pub fn read_request(
                binding: rt::BindingKind,
                payload: &rt::Payload,
            ) -> ::std::result::Result<Self, rt::DecodeError> {
                #unused_payload
                let read = || -> ::std::result::Result<Self, rt::DecodeError> {
                    match binding {
                        #(#reads)*
                        #unsupported_r
                    }
                };
                read().map_err(|error| rt::redacted(error, &rt::Secrets::named(SECRET_NAMES)))
            }

            #pairs
        }
    }
}

/// A Web API request: URI parameters into the path and query, the body as JSON or XML.
fn webapi_request(
    kind: BindingKind,
    parts: &WebApiParts,
    fields: &[Field<'_>],
    body_ns: &str,
    body_local: &str,
) -> (TokenStream, TokenStream) {
    let mut path_writes = Vec::new();
    let mut query_writes = Vec::new();
    let mut param_inits = Vec::new();
    for field in fields {
        let Wire::Parameter { name, in_path } = &field.wire else {
            continue;
        };
        let member = field.ident();
        let value_ty = &field.value_ty;
        let (writes, write_one, read_one) = if *in_path {
            (
                &mut path_writes,
                quote!(payload.set_path_parameter(#name, value);),
                quote!(payload.path_parameter::<#value_ty>(#name)?),
            )
        } else {
            (
                &mut query_writes,
                quote!(pairs.add(#name, value);),
                quote!(pairs.get::<#value_ty>(#name)?),
            )
        };
        match field.shape {
            Shape::Required => {
                writes.push(quote!({ let value = &self.#member; #write_one }));
                let missing = format!("the URI parameter `{name}`");
                param_inits.push(quote! {
                    #member: #read_one.ok_or_else(|| {
                        rt::DecodeError::new("the request", rt::DecodeProblem::Missing(#missing.to_owned()))
                    })?
                });
            }
            _ => {
                writes.push(quote!(if let Some(value) = &self.#member { #write_one }));
                param_inits.push(quote!(#member: #read_one));
            }
        }
    }
    let (write_body, read_body) = match (&parts.body, kind) {
        (None, _) => (quote!(String::new()), quote!(())),
        (Some(body), BindingKind::WebApi(Syntax::Json)) => {
            let body_ty = &parts.body_ty;
            (
                quote!(rt::json_value::JsonType::to_json(#body)?.to_string()),
                quote! {
                    <#body_ty as rt::json_value::JsonType>::from_json(
                        &rt::json_value::parse(&payload.body)?,
                        &rt::json_value::JsonPath::Root,
                    )?
                },
            )
        }
        (Some(body), _) => {
            let body_ty = &parts.body_ty;
            (
                quote! {{
                    let mut w = rt::xml::XmlWriter::new();
                    let open = w.start(#body_ns, #body_local);
                    w.declare("i", rt::xml::XSI);
                    rt::xml::XmlType::write_content(#body, &mut w)?;
                    w.end(open);
                    w.finish()
                }},
                quote! {{
                    let doc = rt::xml::parse(&payload.body)?;
                    let root = rt::xml::root(&doc, #body_ns, #body_local)?;
                    <#body_ty as rt::xml::XmlType>::read_element(root)?
                }},
            )
        }
    };
    let query = (!query_writes.is_empty()).then(|| {
        quote! {
            let mut pairs = rt::pair::PairsWriter::new();
            #(#query_writes)*
            let query = pairs.finish();
            if !query.is_empty() {
                payload.query = Some(query);
            }
        }
    });
    let write = if path_writes.is_empty() && query_writes.is_empty() {
        quote!(Ok(rt::Payload::body(#write_body)))
    } else {
        quote! {
            let mut payload = rt::Payload::body(#write_body);
            #(#path_writes)*
            #query
            Ok(payload)
        }
    };
    let read = if parts.is_body {
        quote!(Ok(#read_body))
    } else {
        let body_init = fields
            .iter()
            .find(|f| matches!(f.wire, Wire::Body))
            .map(|f| {
                let member = f.ident();
                quote!(#member: #read_body,)
            });
        let defaults = fields
            .iter()
            .filter(|f| {
                matches!(
                    f.wire,
                    Wire::Header { .. } | Wire::Element { .. } | Wire::Attribute { .. }
                )
            })
            .map(|f| {
                let member = f.ident();
                quote!(#member: Default::default(),)
            });
        let pairs = (!query_writes.is_empty())
            .then(|| quote!(let pairs = rt::pair::Pairs::parse(payload.query.as_deref().unwrap_or(""), "the query");));
        quote! {
            #pairs
            Ok(Self {
                #(#param_inits,)*
                #body_init
                #(#defaults)*
            })
        }
    };
    (write, read)
}

fn response_methods(plan: &Plan<'_>, op: &OperationPlan<'_>, type_name: &str) -> TokenStream {
    let operation = op.op.key();
    let ident = format_ident!("{}", type_name);
    let message = &op.op.output;
    let holder = holder(plan, &op.response_kind, message);
    let fields: &[Field] = holder.map_or(&[], |h| &h.fields);
    let (body_ns, body_local) = message
        .body
        .as_ref()
        .map(|b| (b.name.namespace.clone(), b.name.local.clone()))
        .unwrap_or_default();
    // The single member that HTTP and JSON replies carry alone.
    let result = fields
        .iter()
        .find(|f| matches!(f.wire, Wire::Element { .. }));
    let mut writes = Vec::new();
    let mut reads = Vec::new();
    let soap_kinds: Vec<TokenStream> = op
        .op
        .bindings
        .iter()
        .filter(|b| matches!(b, Binding::Soap(soap) if soap.reply.value == SoapReply::Body))
        .flat_map(carried_kinds)
        .map(|(_, tokens)| tokens)
        .collect();
    if !soap_kinds.is_empty() {
        let (write, read) = soap_codec::arms(holder, message, &soap_kinds, true);
        writes.push(write);
        reads.push(read);
    }
    let empty_read = quote! {{
        if payload.body.trim().is_empty() {
            Ok(Self::default())
        } else {
            Err(rt::DecodeError::new(
                "the body",
                rt::DecodeProblem::Unexpected {
                    expected: "an empty body".to_owned(),
                    found: format!("`{}`", rt::excerpt(&payload.body)),
                },
            ).into())
        }
    }};
    for binding in &op.op.bindings {
        for (kind, tokens) in carried_kinds(binding) {
            match (binding, kind) {
                (Binding::Soap(soap), _) => {
                    if let SoapReply::Wrapped { response, result } = &soap.reply.value {
                        let version = soap_version(kind);
                        let (wrapper_ns, response_local, result_local) =
                            (&response.namespace, &response.local, &result.local);
                        writes.push(quote! {
                            #tokens => {
                                let mut soap = rt::soap_envelope::SoapWriter::new(#version);
                                let w = soap.body();
                                let response = w.start(#wrapper_ns, #response_local);
                                let result = w.start(#wrapper_ns, #result_local);
                                rt::xml::write_element(w, #body_ns, #body_local, self)?;
                                w.end(result);
                                w.end(response);
                                Ok(rt::Payload::body(soap.finish()))
                            }
                        });
                        reads.push(quote! {
                            #tokens => rt::soap_envelope::read_carried(
                                binding,
                                &payload.body,
                                #body_ns,
                                #body_local,
                                (#wrapper_ns, #response_local, #result_local),
                                <Self as rt::xml::XmlType>::read_element,
                            ),
                        });
                    }
                }
                (Binding::Http(http), _) => match &http.reply.value {
                    HttpReply::Empty => {
                        writes.push(quote!(#tokens => Ok(rt::Payload::default()),));
                        reads.push(quote!(#tokens => #empty_read,));
                    }
                    HttpReply::Body => {
                        writes.push(quote! {
                            #tokens => {
                                let mut w = rt::xml::XmlWriter::new();
                                w.declaration();
                                rt::xml::write_element(&mut w, #body_ns, #body_local, self)?;
                                Ok(rt::Payload::body(w.finish()))
                            }
                        });
                        reads.push(quote! {
                            #tokens => {
                                let doc = rt::xml::parse(&payload.body)?;
                                let root = rt::xml::root(&doc, #body_ns, #body_local)?;
                                Ok(<Self as rt::xml::XmlType>::read_element(root)?)
                            }
                        });
                    }
                    HttpReply::Result { root } => {
                        if let Some(result) = result {
                            let (write, read) =
                                http_result(result, fields, &root.namespace, &root.local);
                            writes.push(quote!(#tokens => { #write }));
                            reads.push(quote!(#tokens => { #read }));
                        }
                    }
                    HttpReply::Raw => {
                        let raw = quote!(rt::XmlContent).to_string();
                        match result {
                            Some(result) if result.value_ty.to_string() == raw => {
                                let (write, read) = raw_reply(result, fields);
                                writes.push(quote!(#tokens => { #write }));
                                reads.push(quote!(#tokens => { #read }));
                            }
                            // Content that is not raw is the result element as the document.
                            Some(result) => {
                                if let Some(element) = result.element {
                                    let (write, read) = http_result(
                                        result,
                                        fields,
                                        &element.name.namespace,
                                        &element.name.local,
                                    );
                                    writes.push(quote!(#tokens => { #write }));
                                    reads.push(quote!(#tokens => { #read }));
                                }
                            }
                            None => {}
                        }
                    }
                },
                (Binding::Json(json), _) => match (json.reply.value, result) {
                    (JsonReply::Result, Some(result)) => {
                        let member = result.ident();
                        let ty = result.ty();
                        writes.push(quote! {
                            #tokens => Ok(rt::Payload::body(
                                rt::json_value::JsonType::to_json(&self.#member)?.to_string(),
                            )),
                        });
                        let others = fields.iter().filter(|f| f.name != result.name).map(|f| {
                            let member = f.ident();
                            quote!(#member: Default::default(),)
                        });
                        reads.push(quote! {
                            #tokens => {
                                let json = rt::json_value::parse(&payload.body)?;
                                Ok(Self {
                                    #member: <#ty as rt::json_value::JsonType>::from_json(
                                        &json,
                                        &rt::json_value::JsonPath::Root,
                                    )?,
                                    #(#others)*
                                })
                            }
                        });
                    }
                    _ => {
                        writes.push(quote!(#tokens => Ok(rt::Payload::default()),));
                        reads.push(quote!(#tokens => #empty_read,));
                    }
                },
                (Binding::WebApi(_), BindingKind::WebApi(Syntax::Json)) => {
                    if message.body.is_some() {
                        writes.push(quote! {
                            #tokens => Ok(rt::Payload::body(
                                rt::json_value::JsonType::to_json(self)?.to_string(),
                            )),
                        });
                        reads.push(quote! {
                            #tokens => Ok(rt::json_value::JsonType::from_json(
                                &rt::json_value::parse(&payload.body)?,
                                &rt::json_value::JsonPath::Root,
                            )?),
                        });
                    } else {
                        writes.push(quote!(#tokens => Ok(rt::Payload::default()),));
                        reads.push(quote!(#tokens => #empty_read,));
                    }
                }
                (Binding::WebApi(_), _) => {
                    if message.body.is_some() {
                        writes.push(quote! {
                            #tokens => {
                                let mut w = rt::xml::XmlWriter::new();
                                let open = w.start(#body_ns, #body_local);
                                w.declare("i", rt::xml::XSI);
                                rt::xml::XmlType::write_content(self, &mut w)?;
                                w.end(open);
                                Ok(rt::Payload::body(w.finish()))
                            }
                        });
                        reads.push(quote! {
                            #tokens => {
                                let doc = rt::xml::parse(&payload.body)?;
                                let root = rt::xml::root(&doc, #body_ns, #body_local)?;
                                Ok(<Self as rt::xml::XmlType>::read_element(root)?)
                            }
                        });
                    } else {
                        writes.push(quote!(#tokens => Ok(rt::Payload::default()),));
                        reads.push(quote!(#tokens => #empty_read,));
                    }
                }
            }
        }
    }
    let unsupported_w = unsupported_encode(operation);
    let unsupported_r = unsupported_decode(operation, true);
    let unused_payload = reads.is_empty().then(|| quote!(let _ = payload;));
    let write_doc = docs::attrs(&[format!(
        "Writes the response of {} for `binding`, as a server sends it.",
        code(operation)
    )]);
    let read_doc = docs::attrs(&[format!(
        "Reads a response of {} received with `binding`: the output, or the SOAP fault the \
         service answered with, or what keeps the body from reading.",
        code(operation)
    )]);
    quote! {
        impl #ident {
            #write_doc
            pub fn write_response(
                &self,
                binding: rt::BindingKind,
            ) -> ::std::result::Result<rt::Payload, rt::EncodeError> {
                match binding {
                    #(#writes)*
                    #unsupported_w
                }
            }

            #read_doc
            pub fn read_response(
                binding: rt::BindingKind,
                payload: &rt::Payload,
            ) -> ::std::result::Result<Self, rt::ResponseError> {
                #unused_payload
                let read = || -> ::std::result::Result<Self, rt::ResponseError> {
                    match binding {
                        #(#reads)*
                        #unsupported_r
                    }
                };
                read().map_err(|error| rt::redacted(error, &rt::Secrets::named(SECRET_NAMES)))
            }
        }
    }
}

/// An ASMX HTTP reply that is the result member alone, as a root element of its type's name.
fn http_result(
    result: &Field<'_>,
    fields: &[Field<'_>],
    ns: &str,
    local: &str,
) -> (TokenStream, TokenStream) {
    let member = result.ident();
    let one = xml_codec::write_value(&result.value, result.boxed, ns, local, quote!(value));
    let nil = quote!(rt::xml::write_nil(w, #ns, #local););
    let write = match result.shape {
        Shape::Required => xml_codec::write_value(
            &result.value,
            result.boxed,
            ns,
            local,
            quote!(&self.#member),
        ),
        Shape::Tristate => quote! {
            match &self.#member {
                rt::Nillable::Value(value) => { #one }
                _ => { #nil }
            }
        },
        Shape::Optional => quote! {
            match &self.#member {
                Some(value) => { #one }
                None => { #nil }
            }
        },
        Shape::List => quote! {
            match self.#member.last() {
                Some(value) => { #one }
                None => { #nil }
            }
        },
    };
    let read_one = xml_codec::read_value(&result.value, result.boxed, &result.value_ty);
    let value = match result.shape {
        Shape::Required => quote!({ let child = root; #read_one }),
        Shape::Optional => quote! {
            if rt::xml::is_nil(root) { None } else { let child = root; Some(#read_one) }
        },
        Shape::Tristate => quote! {
            if rt::xml::is_nil(root) {
                rt::Nillable::Nil
            } else {
                let child = root;
                rt::Nillable::Value(#read_one)
            }
        },
        Shape::List => quote! {
            if rt::xml::is_nil(root) { Vec::new() } else { let child = root; vec![#read_one] }
        },
    };
    let others = fields.iter().filter(|f| f.name != result.name).map(|f| {
        let member = f.ident();
        quote!(#member: Default::default(),)
    });
    (
        quote! {
            let mut writer = rt::xml::XmlWriter::new();
            writer.declaration();
            let w = &mut writer;
            #write
            Ok(rt::Payload::body(writer.finish()))
        },
        quote! {
            let doc = rt::xml::parse(&payload.body)?;
            let root = rt::xml::root(&doc, #ns, #local)?;
            Ok(Self {
                #member: #value,
                #(#others)*
            })
        },
    )
}

/// An ASMX HTTP reply of `text/xml`: the raw result as the whole document.
fn raw_reply(result: &Field<'_>, fields: &[Field<'_>]) -> (TokenStream, TokenStream) {
    let member = result.ident();
    let (held, read) = match result.shape {
        Shape::Required => (
            quote!(Some(&self.#member)),
            quote!(rt::XmlContent::of_document(&payload.body)?),
        ),
        Shape::Optional => (
            quote!(self.#member.as_ref()),
            quote!(Some(rt::XmlContent::of_document(&payload.body)?)),
        ),
        Shape::Tristate => (
            quote!(self.#member.value()),
            quote!(rt::Nillable::Value(rt::XmlContent::of_document(
                &payload.body
            )?)),
        ),
        Shape::List => (
            quote!(self.#member.last()),
            quote!(vec![rt::XmlContent::of_document(&payload.body)?]),
        ),
    };
    let others = fields.iter().filter(|f| f.name != result.name).map(|f| {
        let member = f.ident();
        quote!(#member: Default::default(),)
    });
    (
        quote! {
            let empty = rt::XmlContent::default();
            Ok(rt::Payload::body(rt::XmlContent::to_document(#held.unwrap_or(&empty))))
        },
        quote! {
            Ok(Self {
                #member: #read,
                #(#others)*
            })
        },
    )
}

/// How one binding is addressed: method, path, action, and the media types to send and ask for.
struct Addressing {
    method: String,
    path: Option<String>,
    action: Option<String>,
    content_type: Option<String>,
    accept: Option<String>,
}

fn addressing(binding: &Binding, kind: BindingKind) -> Addressing {
    match binding {
        Binding::Soap(soap) => Addressing {
            method: "POST".to_owned(),
            path: soap.path.as_ref().map(|p| p.value.clone()),
            action: Some(soap.action.value.clone()),
            content_type: Some(
                if kind == BindingKind::Soap11 {
                    "text/xml; charset=utf-8"
                } else {
                    "application/soap+xml; charset=utf-8"
                }
                .to_owned(),
            ),
            accept: None,
        },
        Binding::Http(http) => Addressing {
            method: http.method.as_str().to_owned(),
            path: Some(http.path.value.clone()),
            action: None,
            content_type: (http.method != HttpMethod::Get)
                .then(|| "application/x-www-form-urlencoded".to_owned()),
            accept: None,
        },
        Binding::Json(json) => Addressing {
            method: json.method.as_str().to_owned(),
            path: Some(json.path.value.clone()),
            action: None,
            content_type: (json.method != HttpMethod::Get).then(|| "application/json".to_owned()),
            accept: None,
        },
        Binding::WebApi(api) => {
            // The media types of the kind's syntax: its first is the one to send.
            let first = |formats: &[MediaFormat]| {
                formats
                    .iter()
                    .find(|f| kind == BindingKind::WebApi(f.syntax))
                    .and_then(|f| f.media_types.first())
                    .map(|m| m.value.clone())
            };
            Addressing {
                method: api.method.value.as_str().to_owned(),
                path: Some(api.route.value.clone()),
                action: None,
                content_type: first(&api.request_formats),
                accept: first(&api.response_formats),
            }
        }
    }
}

/// `OPERATIONS`: each operation's bindings with method, path, action and media types.
fn operations_table(plan: &Plan<'_>) -> TokenStream {
    let some = |value: &Option<String>| match value {
        Some(value) => quote!(Some(#value)),
        None => quote!(None),
    };
    let entries = plan.operations.iter().map(|op| {
        let name = op.op.key();
        let bindings: Vec<TokenStream> = op
            .op
            .bindings
            .iter()
            .flat_map(|binding| {
                carried_kinds(binding)
                    .into_iter()
                    .map(move |(kind, tokens)| (binding, kind, tokens))
            })
            .map(|(binding, kind, tokens)| {
                let Addressing {
                    method,
                    path,
                    action,
                    content_type,
                    accept,
                } = addressing(binding, kind);
                let (path, action, content_type, accept) = (
                    some(&path),
                    some(&action),
                    some(&content_type),
                    some(&accept),
                );
                quote! {
                    rt::BindingInfo {
                        kind: #tokens,
                        method: #method,
                        path: #path,
                        action: #action,
                        content_type: #content_type,
                        accept: #accept,
                    }
                }
            })
            .collect();
        quote! {
            rt::OperationInfo {
                name: #name,
                bindings: &[#(#bindings),*],
            }
        }
    });
    let doc = docs::attrs(&[
        "Each operation of the service and how it is bound: method, path, SOAP action and media types."
            .to_owned(),
    ]);
    quote! {
        #doc
        pub const OPERATIONS: &[rt::OperationInfo] = &[#(#entries),*];
    }
}

/// `Request` or `Response`: an enum over every operation's message, to write and read them
/// by operation name, as a server or a generic client does.
fn message_enum(plan: &Plan<'_>, request: bool, outcomes: &[bool]) -> TokenStream {
    let (name, what) = if request {
        ("Request", "request")
    } else {
        ("Response", "response")
    };
    let ident = format_ident!("{}", name);
    let variants: Vec<(proc_macro2::Ident, &str, proc_macro2::Ident)> = plan
        .operations
        .iter()
        .map(|op| {
            let variant = format_ident!("{}", op.variant);
            let ty = format_ident!("{}", if request { &op.request } else { &op.response });
            (variant, op.op.key(), ty)
        })
        .collect();
    let items = variants.iter().map(|(variant, operation, ty)| {
        let doc = docs::attrs(&[format!("The {what} of {}.", code(operation))]);
        quote!(#doc #variant(#ty),)
    });
    let names = variants
        .iter()
        .map(|(variant, operation, _)| quote!(Self::#variant(_) => #operation,));
    let (write_method, read_method, read_error) = if request {
        (
            quote!(write_request),
            quote!(read_request),
            quote!(rt::DecodeError),
        )
    } else {
        (
            quote!(write_response),
            quote!(read_response),
            quote!(rt::ResponseError),
        )
    };
    let into = (!request).then(|| quote!(.into()));
    let writes = variants
        .iter()
        .map(|(variant, _, _)| quote!(Self::#variant(message) => message.#write_method(binding),));
    let reads = variants.iter().map(|(variant, operation, ty)| {
        quote!(#operation => #ty::#read_method(binding, payload).map(Self::#variant),)
    });
    let known = plan
        .operations
        .iter()
        .map(|op| format!("`{}`", op.op.key()))
        .collect::<Vec<_>>()
        .join(", ");
    let expected = format!("an operation of this service ({known})");
    let doc = docs::attrs(&[format!("The {what} of any operation of this service.")]);
    let failure = (!request).then(|| {
        let arms = variants.iter().zip(outcomes).map(|((variant, _, _), has_outcome)| {
            if *has_outcome {
                quote!(Self::#variant(message) => message.outcome().err().map(|failure| failure.to_string()),)
            } else {
                quote!(Self::#variant(_) => None,)
            }
        });
        quote! {
            /// The failure the response reports (an error code, a status that is not a
            /// success), described; `None` when it reports success or cannot report failure.
            pub fn reported_failure(&self) -> Option<String> {
                match self {
                    #(#arms)*
                }
            }
        }
    });
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq)]
        pub enum #ident {
            #(#items)*
        }

        impl #ident {
            /// The operation's name on the wire.
            pub fn operation(&self) -> &'static str {
                match self {
                    #(#names)*
                }
            }

            /// Writes the message for `binding`.
            pub fn write(
                &self,
                binding: rt::BindingKind,
            ) -> ::std::result::Result<rt::Payload, rt::EncodeError> {
                match self {
                    #(#writes)*
                }
            }

            /// Reads a message of `operation` received with `binding`.
            pub fn read(
                operation: &str,
                binding: rt::BindingKind,
                payload: &rt::Payload,
            ) -> ::std::result::Result<Self, #read_error> {
                match operation {
                    #(#reads)*
                    other => Err(rt::DecodeError::new(
                        "the message",
                        rt::DecodeProblem::Unexpected {
                            expected: #expected.to_owned(),
                            found: format!("`{other}`"),
                        },
                    )#into),
                }
            }

            #failure
        }
    }
}
