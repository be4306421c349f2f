//! ASP.NET Web API actions: URI parameters in the route's path and query, the body as JSON
//! or DataContract XML as the binding's syntax says, in both directions; and how an action
//! is addressed, with the media types it sends and asks for.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::bindings::{Addressing, Arms, Bound, MessageContext, empty_reply};
use crate::emit::plan::{Field, StructPlan, ValueKind, Wire};
use crate::emit::rust_types::Shape;
use crate::emit::xml_codec::{read_value, write_items};
use crate::model::{BindingKind, MediaFormat, Message, WebApiBinding};

/// The arms of a request's Web API bindings.
pub fn request(ctx: &MessageContext<'_, '_>, bound: &[Bound<'_>], arms: &mut Arms) {
    let (body_ns, body_local) = &ctx.body;
    for (_, kind, tokens) in bound {
        let parts = webapi_parts(ctx.holder, ctx.message, ctx.own_struct);
        let (write, read) = webapi_request(*kind, &parts, ctx.fields, body_ns, body_local);
        arms.push(quote!(#tokens => { #write }), quote!(#tokens => { #read }));
    }
}

/// The arms of a response's Web API bindings: the body in the binding's syntax, or nothing.
pub fn response(ctx: &MessageContext<'_, '_>, bound: &[Bound<'_>], arms: &mut Arms) {
    let (body_ns, body_local) = &ctx.body;
    let parts = webapi_parts(ctx.holder, ctx.message, ctx.own_struct);
    for (_, kind, tokens) in bound {
        let Some((write, read)) = body_codec(*kind, &parts, body_ns, body_local) else {
            let (write, read) = empty_reply(tokens);
            arms.push(write, read);
            continue;
        };
        let read = match &parts.member {
            Some(member) => quote!(Ok(Self { #member: #read })),
            None => quote!(Ok(#read)),
        };
        arms.push(
            quote!(#tokens => Ok(rt::Payload::body(#write)),),
            quote!(#tokens => { #read }),
        );
    }
}

/// How a Web API body is written (an expression of its text) and read (an expression of its
/// value, from `payload`), in the binding's syntax; `None` for a message without a body. A
/// body is the message struct itself, or a field of it that holds a simple value, a named
/// type or an array (`Collection of string` is `ArrayOfstring` in XML, an array in JSON).
fn body_codec(
    kind: BindingKind,
    parts: &WebApiParts,
    body_ns: &str,
    body_local: &str,
) -> Option<(TokenStream, TokenStream)> {
    let body = parts.body.as_ref()?;
    let body_ty = &parts.body_ty;
    if parts.raw {
        return Some((
            quote!(::std::clone::Clone::clone(#body)),
            quote!(payload.body.clone()),
        ));
    }
    let array = matches!(parts.value, ValueKind::Array { .. });
    let keyed = matches!(parts.value, ValueKind::Array { keyed: true, .. });
    Some(match (kind, array) {
        (BindingKind::WebApiJson, false) => (
            quote!(rt::json_value::JsonType::to_json(#body)?.to_string()),
            quote! {
                <#body_ty as rt::json_value::JsonType>::from_json(
                    &payload.json()?,
                    &rt::json_value::JsonPath::Root,
                )?
            },
        ),
        (BindingKind::WebApiJson, true) if keyed => (
            quote!(rt::json_value::to_object(#body)?.to_string()),
            quote!(rt::json_value::pairs(
                &payload.json()?,
                &rt::json_value::JsonPath::Root
            )?),
        ),
        (BindingKind::WebApiJson, true) => (
            quote!(rt::json_value::to_array(#body)?.to_string()),
            quote!(rt::json_value::list(
                &payload.json()?,
                &rt::json_value::JsonPath::Root
            )?),
        ),
        (_, _) => {
            let content = if array {
                let items = write_items(&parts.value, body.clone());
                quote!({ let w = &mut w; #items })
            } else {
                quote!(rt::xml::XmlType::write_content(#body, &mut w)?;)
            };
            let value = read_value(&parts.value, false, body_ty);
            (
                quote! {{
                    let mut w = rt::xml::XmlWriter::new();
                    let open = w.start(#body_ns, #body_local);
                    w.declare("i", rt::xml::XSI);
                    #content
                    w.end(open);
                    w.finish()
                }},
                quote! {{
                    let doc = payload.xml()?;
                    let child = rt::xml::root(&doc, #body_ns, #body_local)?;
                    #value
                }},
            )
        }
    })
}

/// An action: its method and route, and the media types of the kind's syntax, the first of
/// each to send and to ask for.
pub fn addressing(api: &WebApiBinding, kind: BindingKind) -> Addressing {
    let first = |formats: &[MediaFormat]| {
        formats
            .iter()
            .find(|f| kind == f.syntax.web_api())
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

/// The body of a Web API message, and the parts of its struct that are URI parameters.
struct WebApiParts {
    /// How to reach the body value from `self` (`self` or `&self.body`), if there is a body.
    body: Option<TokenStream>,
    /// The body's type, for reading.
    body_ty: TokenStream,
    /// Whether the message struct is the body itself.
    is_body: bool,
    /// The field that holds the body, where a struct wraps it.
    member: Option<proc_macro2::Ident>,
    /// The body's value: plain, or an array's items.
    value: ValueKind,
    /// Whether the body is kept as text, as it travels (no document describes it).
    raw: bool,
}

fn webapi_parts(
    holder: Option<&StructPlan<'_>>,
    message: &Message,
    is_struct: bool,
) -> WebApiParts {
    let body_field = holder.and_then(|h| {
        h.fields
            .iter()
            .find(|f| matches!(f.wire, Wire::Body | Wire::RawBody))
    });
    match (
        message.body.is_some() || message.unknown_body.is_some(),
        body_field,
    ) {
        (false, _) => WebApiParts {
            body: None,
            body_ty: quote!(()),
            is_body: false,
            member: None,
            value: ValueKind::Plain,
            raw: false,
        },
        (true, Some(field)) => {
            let member = field.ident();
            WebApiParts {
                body: Some(quote!(&self.#member)),
                body_ty: field.value_ty.clone(),
                is_body: false,
                member: Some(member),
                value: field.value.clone(),
                raw: matches!(field.wire, Wire::RawBody),
            }
        }
        (true, None) => WebApiParts {
            body: Some(quote!(self)),
            body_ty: quote!(Self),
            is_body: !is_struct || holder.is_some(),
            member: None,
            value: ValueKind::Plain,
            raw: false,
        },
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
    let (write_body, read_body) = body_codec(kind, parts, body_ns, body_local)
        .unwrap_or_else(|| (quote!(String::new()), quote!(())));
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
            .find(|f| matches!(f.wire, Wire::Body | Wire::RawBody))
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
