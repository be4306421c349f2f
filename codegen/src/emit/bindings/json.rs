//! xWeb's JSON methods: the request's members as query pairs (GET) or as an object wrapped
//! in one named for the method (POST); a reply that is the result member as JSON, or nothing;
//! and how such bindings are addressed.

use quote::quote;

use crate::emit::bindings::{Addressing, Arms, Bound, MessageContext, empty_reply};
use crate::model::{Binding, BindingKind, HttpMethod, JsonBinding, JsonReply};

/// The arms of a request's JSON bindings.
pub fn request(ctx: &MessageContext<'_, '_>, bound: &[Bound<'_>], arms: &mut Arms) {
    for (binding, kind, tokens) in bound {
        if *kind == BindingKind::JsonGet {
            arms.needs_pairs = true;
            arms.push(
                quote!(#tokens => Ok(rt::Payload::query(self.write_pairs()?)),),
                quote!(#tokens => Self::read_pairs(payload.query.as_deref().unwrap_or(""), "the query"),),
            );
            continue;
        }
        let wrapper = match binding {
            Binding::Json(json) => json.wrapper.as_ref().map(|w| w.value.clone()),
            _ => None,
        }
        .unwrap_or_else(|| ctx.operation().to_owned());
        let missing = format!("member `{wrapper}`");
        arms.push(
            quote! {
                #tokens => {
                    let mut object = rt::json_value::Map::new();
                    rt::json_value::put(&mut object, #wrapper, self)?;
                    Ok(rt::Payload::body(rt::json_value::Value::Object(object).to_string()))
                }
            },
            quote! {
                #tokens => {
                    let json = payload.json()?;
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
            },
        );
    }
}

/// The arms of a response's JSON bindings: the result member as the whole body, or nothing.
pub fn response(ctx: &MessageContext<'_, '_>, bound: &[Bound<'_>], arms: &mut Arms) {
    for (binding, _, tokens) in bound {
        let Binding::Json(json) = binding else {
            continue;
        };
        match (json.reply.value, ctx.result()) {
            (JsonReply::Result, Some(result)) => {
                let member = result.ident();
                let ty = result.ty();
                let others = ctx.others(&result.name);
                arms.push(
                    quote! {
                        #tokens => Ok(rt::Payload::body(
                            rt::json_value::JsonType::to_json(&self.#member)?.to_string(),
                        )),
                    },
                    quote! {
                        #tokens => {
                            let json = payload.json()?;
                            Ok(Self {
                                #member: <#ty as rt::json_value::JsonType>::from_json(
                                    &json,
                                    &rt::json_value::JsonPath::Root,
                                )?,
                                #(#others)*
                            })
                        }
                    },
                );
            }
            _ => {
                let (write, read) = empty_reply(tokens);
                arms.push(write, read);
            }
        }
    }
}

/// A JSON method: its verb and path, and JSON for a body.
pub fn addressing(json: &JsonBinding) -> Addressing {
    Addressing {
        method: json.method.as_str().to_owned(),
        path: Some(json.path.value.clone()),
        action: None,
        content_type: (json.method != HttpMethod::Get).then(|| "application/json".to_owned()),
        accept: None,
    }
}
