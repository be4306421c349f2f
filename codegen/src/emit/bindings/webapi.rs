//! ASP.NET Web API actions: URI parameters in the route's path and query, the body as JSON
//! or DataContract XML as the binding's syntax says, in both directions; and how an action
//! is addressed, with the media types it sends and asks for.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::bindings::{Addressing, Arms, Bound, MessageContext, empty_reply};
use crate::emit::plan::{Field, StructPlan, Wire};
use crate::emit::rust_types::Shape;
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
    for (_, kind, tokens) in bound {
        if ctx.message.body.is_none() {
            let (write, read) = empty_reply(tokens);
            arms.push(write, read);
        } else if *kind == BindingKind::WebApiJson {
            arms.push(
                quote! {
                    #tokens => Ok(rt::Payload::body(
                        rt::json_value::JsonType::to_json(self)?.to_string(),
                    )),
                },
                quote! {
                    #tokens => Ok(rt::json_value::JsonType::from_json(
                        &payload.json()?,
                        &rt::json_value::JsonPath::Root,
                    )?),
                },
            );
        } else {
            arms.push(
                quote! {
                    #tokens => {
                        let mut w = rt::xml::XmlWriter::new();
                        let open = w.start(#body_ns, #body_local);
                        w.declare("i", rt::xml::XSI);
                        rt::xml::XmlType::write_content(self, &mut w)?;
                        w.end(open);
                        Ok(rt::Payload::body(w.finish()))
                    }
                },
                quote! {
                    #tokens => {
                        let doc = payload.xml()?;
                        let root = rt::xml::root(&doc, #body_ns, #body_local)?;
                        Ok(<Self as rt::xml::XmlType>::read_element(root)?)
                    }
                },
            );
        }
    }
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
        (Some(body), BindingKind::WebApiJson) => {
            let body_ty = &parts.body_ty;
            (
                quote!(rt::json_value::JsonType::to_json(#body)?.to_string()),
                quote! {
                    <#body_ty as rt::json_value::JsonType>::from_json(
                        &payload.json()?,
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
                    let doc = payload.xml()?;
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
