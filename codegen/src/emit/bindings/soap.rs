//! SOAP 1.1 and 1.2: a message in an envelope, headers and body, written and read by the
//! runtime's generic functions in one arm for both versions, which differ only in the
//! envelope; srv.asmx's replies carried inside a result element; the faults an operation
//! declares, as an enum of their details; and how SOAP bindings are addressed.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::emit::bindings::{Addressing, Arms, Bound, MessageContext};
use crate::emit::docs::{self, code};
use crate::emit::plan::{FaultsPlan, Field, OperationPlan, StructPlan, ValueKind, Wire};
use crate::emit::xml_codec;
use crate::model::{BindingKind, Message, SoapBinding, SoapReply};

/// The arms of a request's SOAP bindings: one for every version.
pub fn request(ctx: &MessageContext<'_, '_>, bound: &[Bound<'_>], arms: &mut Arms) {
    for (writer, kinds) in by_encoding(bound.iter()) {
        if let Some((ns, local)) = body_alone(ctx, writer) {
            arms.push(
                quote!(#(#kinds)|* => rt::soap_envelope::write_body(binding, #ns, #local, self),),
                quote!(#(#kinds)|* => rt::soap_envelope::read_body(binding, payload, #ns, #local),),
            );
            continue;
        }
        let fill = fill(ctx.holder, ctx.message);
        let take = take(ctx.holder, ctx.message);
        let understood = understood(ctx);
        let write = write_call(writer, fill);
        arms.push(
            quote!(#(#kinds)|* => #write,),
            quote!(#(#kinds)|* => rt::soap_envelope::read_message(binding, payload, &[#(#understood),*], #take),),
        );
    }
}

/// The body element of a literal message that is nothing but that element, of the message
/// type itself, with no header: the commonest shape, which one runtime call each way writes
/// and reads.
pub(super) fn body_alone<'c>(
    ctx: &MessageContext<'c, '_>,
    encoding_style: Option<&str>,
) -> Option<(&'c str, &'c str)> {
    let element = ctx.message.body.as_ref()?;
    let alone = encoding_style.is_none()
        && headers(ctx.holder, ctx.message).is_empty()
        && matches!(body_of(ctx.holder, ctx.message), Body::SelfValue);
    alone.then_some((&element.name.namespace, &element.name.local))
}

/// The headers a message declares, which one marked `mustUnderstand` may be.
fn understood(ctx: &MessageContext<'_, '_>) -> Vec<TokenStream> {
    headers(ctx.holder, ctx.message)
        .into_iter()
        .map(|(_, ns, local, _)| quote!((#ns, #local)))
        .collect()
}

/// The SOAP bindings of `bound`, grouped by how their messages are written: literal (`None`)
/// or SOAP-encoded with their `encodingStyle`.
fn by_encoding<'a, 'b: 'a>(
    bound: impl Iterator<Item = &'a Bound<'b>>,
) -> Vec<(Option<&'b str>, Vec<&'a TokenStream>)> {
    let mut groups: Vec<(Option<&'b str>, Vec<&'a TokenStream>)> = Vec::new();
    for (binding, _, tokens) in bound {
        let style = match binding {
            crate::model::Binding::Soap(soap) => {
                soap.encoding_style.as_ref().map(|s| s.value.as_str())
            }
            _ => None,
        };
        match groups.iter_mut().find(|(s, _)| *s == style) {
            Some((_, kinds)) => kinds.push(tokens),
            None => groups.push((style, vec![tokens])),
        }
    }
    groups
}

/// The call that writes a message, literal or SOAP-encoded.
fn write_call(encoding_style: Option<&str>, fill: TokenStream) -> TokenStream {
    match encoding_style {
        None => quote!(rt::soap_envelope::write_message(binding, #fill)),
        Some(style) => {
            quote!(rt::soap_envelope::write_encoded_message(binding, #style, #fill))
        }
    }
}

/// The arms of a response's SOAP bindings: one for every version whose reply is the output's
/// body itself, which comes back as a fault where it is one and refuses a header it must
/// understand and does not know; one per binding whose reply is carried in a result element.
pub fn response(ctx: &MessageContext<'_, '_>, bound: &[Bound<'_>], arms: &mut Arms) {
    let in_body = bound.iter().filter(|(binding, _, _)| {
        matches!(binding, crate::model::Binding::Soap(soap) if soap.reply.value == SoapReply::Body)
    });
    for (writer, in_body) in by_encoding(in_body) {
        if let Some((ns, local)) = body_alone(ctx, writer) {
            arms.push(
                quote!(#(#in_body)|* => rt::soap_envelope::write_body(binding, #ns, #local, self),),
                quote!(#(#in_body)|* => rt::soap_envelope::read_reply_body(binding, payload, #ns, #local),),
            );
            continue;
        }
        let fill = fill(ctx.holder, ctx.message);
        let take = take(ctx.holder, ctx.message);
        let understood = understood(ctx);
        let one_way = ctx.message.body.is_none() && understood.is_empty();
        let read = if one_way {
            // A one-way operation is answered with nothing (HTTP 202), or a fault.
            quote!(rt::soap_envelope::read_empty_reply(binding, payload, #take))
        } else {
            quote!(rt::soap_envelope::read_reply(binding, payload, &[#(#understood),*], #take))
        };
        let write = if one_way {
            // ... and a server answers it so: no envelope, which the dispatcher sends as 202
            // Accepted (WS-I Basic Profile R2714, as ASMX does).
            quote!(Ok(rt::Payload::default()))
        } else {
            write_call(writer, fill)
        };
        arms.push(
            quote!(#(#in_body)|* => #write,),
            quote!(#(#in_body)|* => #read,),
        );
    }
    for (binding, kind, tokens) in bound {
        let crate::model::Binding::Soap(soap) = binding else {
            continue;
        };
        let SoapReply::Wrapped { response, result } = &soap.reply.value else {
            continue;
        };
        let version = if *kind == BindingKind::Soap11 {
            quote!(rt::SoapVersion::Soap11)
        } else {
            quote!(rt::SoapVersion::Soap12)
        };
        let (body_ns, body_local) = &ctx.body;
        let (wrapper_ns, response_local, result_local) =
            (&response.namespace, &response.local, &result.local);
        arms.push(
            quote! {
                #tokens => {
                    let mut soap = rt::soap_envelope::SoapWriter::new(#version);
                    let w = soap.body();
                    let response = w.start(#wrapper_ns, #response_local);
                    let result = w.start(#wrapper_ns, #result_local);
                    w.element(#body_ns, #body_local, self)?;
                    w.end(result);
                    w.end(response);
                    Ok(rt::Payload::body(soap.finish()))
                }
            },
            quote! {
                #tokens => rt::soap_envelope::read_carried(
                    binding,
                    payload,
                    #body_ns,
                    #body_local,
                    (#wrapper_ns, #response_local, #result_local),
                    <Self as rt::xml::XmlType>::read_element,
                ),
            },
        );
    }
}

/// A SOAP binding is a POST of the version's media type to the endpoint, with its action.
pub fn addressing(soap: &SoapBinding, kind: BindingKind) -> Addressing {
    Addressing {
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
    }
}

/// How a message's body element is reached from `self`.
enum Body {
    /// The message has no body element.
    None,
    /// The message type is the body's content.
    SelfValue,
    /// The body's value stands in this field, beside the headers.
    Field(proc_macro2::Ident),
    /// The message type holds the parts of a bare message: its elements are the Body's.
    Parts,
}

/// The field that holds the body's value beside the headers, if one does.
fn body_field<'h, 'm>(holder: Option<&'h StructPlan<'m>>) -> Option<&'h Field<'m>> {
    holder.and_then(|h| h.fields.iter().find(|f| matches!(f.wire, Wire::Body)))
}

/// The field that holds the body's value, where that value is an array: its items stand in
/// the body's element, which no one runtime call writes.
fn array_body<'h, 'm>(holder: Option<&'h StructPlan<'m>>) -> Option<&'h Field<'m>> {
    body_field(holder).filter(|field| matches!(field.value, ValueKind::Array { .. }))
}

fn body_of(holder: Option<&StructPlan<'_>>, message: &Message) -> Body {
    if message.body.is_none() {
        return Body::None;
    }
    if message.bare {
        return Body::Parts;
    }
    match body_field(holder) {
        Some(field) => Body::Field(field.ident()),
        None => Body::SelfValue,
    }
}

/// The header fields: (field, namespace, local name, required).
fn headers<'h>(
    holder: Option<&'h StructPlan<'_>>,
    message: &Message,
) -> Vec<(proc_macro2::Ident, &'h str, &'h str, bool)> {
    let Some(holder) = holder else {
        return Vec::new();
    };
    holder
        .fields
        .iter()
        .filter_map(|f| match &f.wire {
            Wire::Header { ns, local } => {
                let required = message
                    .headers
                    .iter()
                    .any(|h| h.element.name.local == *local && h.required.value);
                Some((f.ident(), ns.as_str(), local.as_str(), required))
            }
            _ => None,
        })
        .collect()
}

/// The closure that fills an envelope with a message's headers and body.
fn fill(holder: Option<&StructPlan<'_>>, message: &Message) -> TokenStream {
    let headers: Vec<TokenStream> = headers(holder, message)
        .into_iter()
        .map(|(member, ns, local, required)| {
            let missing = required.then(|| {
                let what = format!("the SOAP header <{local}>");
                quote! {
                    else {
                        return Err(rt::EncodeError {
                            at: #what.to_owned(),
                            problem: rt::EncodeProblem::Missing,
                        });
                    }
                }
            });
            quote! {
                if let Some(header) = &self.#member {
                    soap.header().element(#ns, #local, header)?;
                } #missing
            }
        })
        .collect();
    let body = match (body_of(holder, message), &message.body) {
        (Body::SelfValue, Some(element)) => {
            let (ns, local) = (&element.name.namespace, &element.name.local);
            quote!(soap.body().element(#ns, #local, self))
        }
        (Body::Field(member), Some(element)) => {
            let (ns, local) = (&element.name.namespace, &element.name.local);
            match array_body(holder) {
                // An array's items stand in the body's element.
                Some(field) => {
                    let write = xml_codec::write_value(
                        &field.value,
                        field.boxed,
                        ns,
                        local,
                        quote!(&self.#member),
                    );
                    quote! {{
                        let w = soap.body();
                        #write
                        Ok(())
                    }}
                }
                None => quote!(soap.body().element(#ns, #local, &self.#member)),
            }
        }
        (Body::Parts, _) => quote!(rt::xml::XmlType::write_content(self, soap.body())),
        _ => quote!(Ok(())),
    };
    if headers.is_empty() && message.body.is_none() {
        return quote!(|_| Ok(()));
    }
    quote! {
        |soap| {
            #(#headers)*
            #body
        }
    }
}

/// The closure that reads a message from an envelope.
fn take(holder: Option<&StructPlan<'_>>, message: &Message) -> TokenStream {
    let headers = headers(holder, message);
    let header_value = |ns: &str, local: &str, required: bool| {
        if required {
            quote!(Some(envelope.required_header(#ns, #local)?))
        } else {
            quote!(envelope.header_value(#ns, #local)?)
        }
    };
    let body = body_of(holder, message);
    let read_self = match (&body, &message.body) {
        (Body::SelfValue, Some(element)) => {
            let (ns, local) = (&element.name.namespace, &element.name.local);
            Some(quote!(envelope.body_value(#ns, #local)))
        }
        (Body::Parts, _) => Some(quote!(envelope.body_content())),
        _ => None,
    };
    match (body, &message.body) {
        (Body::SelfValue | Body::Parts, Some(_)) => {
            let read_self = read_self.unwrap_or_default();
            if headers.is_empty() {
                return quote!(|envelope| #read_self);
            }
            let sets = headers.iter().map(|(member, hns, hlocal, required)| {
                let value = header_value(hns, hlocal, *required);
                quote!(value.#member = #value;)
            });
            quote! {
                |envelope| {
                    let mut value: Self = #read_self?;
                    #(#sets)*
                    Ok(value)
                }
            }
        }
        (body, element) => {
            let mut inits: Vec<TokenStream> = headers
                .iter()
                .map(|(member, hns, hlocal, required)| {
                    let value = header_value(hns, hlocal, *required);
                    quote!(#member: #value,)
                })
                .collect();
            if let (Body::Field(member), Some(element)) = (body, element) {
                let (ns, local) = (&element.name.namespace, &element.name.local);
                inits.push(match array_body(holder) {
                    Some(field) => {
                        let read =
                            xml_codec::read_value(&field.value, field.boxed, &field.value_ty);
                        quote!(#member: {
                            let child = envelope.expect_content(#ns, #local)?;
                            #read
                        },)
                    }
                    None => quote!(#member: envelope.body_value(#ns, #local)?,),
                });
            }
            let envelope = if inits.is_empty() {
                quote!(_)
            } else {
                quote!(envelope)
            };
            quote!(|#envelope| Ok(Self { #(#inits)* }))
        }
    }
}

/// The enum of the faults an operation declares: a variant per fault, holding its detail;
/// read from a SOAP fault's detail, and written into one.
pub fn faults_items(
    op: &OperationPlan<'_>,
    options: &crate::model::RustOptions,
) -> Option<TokenStream> {
    let derive = crate::emit::types::derives(&["Clone", "Debug", "PartialEq"], options);
    let FaultsPlan { name, variants } = op.faults.as_ref()?;
    let ident = format_ident!("{}", name);
    let doc = docs::attrs(&[format!(
        "The faults {} declares, by the element their detail carries. \
         [`{name}::from_fault`] reads one from the detail of a `rt::SoapFault`.",
        code(op.op.key())
    )]);
    let items = variants.iter().map(|v| {
        let variant = format_ident!("{}", v.name);
        let ty = &v.ty;
        let ty = if v.boxed {
            quote!(Box<#ty>)
        } else {
            quote!(#ty)
        };
        let doc = docs::attrs(&[format!("The fault whose detail is {}.", code(&v.local))]);
        quote!(#doc #variant(#ty),)
    });
    let reads = variants.iter().map(|v| {
        let (variant, ns, local) = (format_ident!("{}", v.name), &v.ns, &v.local);
        let read = xml_codec::read_value(&v.value, v.boxed, &v.ty);
        quote! {
            if rt::xml::is(child, #ns, #local) {
                return Ok(Some(Self::#variant(#read)));
            }
        }
    });
    let writes = variants.iter().map(|v| {
        let variant = format_ident!("{}", v.name);
        let write = xml_codec::write_value(&v.value, v.boxed, &v.ns, &v.local, quote!(value));
        quote!(Self::#variant(value) => { #write })
    });
    Some(quote! {
        #doc
        #derive
        pub enum #ident {
            #(#items)*
        }

        impl #ident {
            /// The declared fault whose detail `fault` carries; `None` when it carries none
            /// of them (a fault the service did not declare, such as a server error).
            pub fn from_fault(
                fault: &rt::SoapFault,
            ) -> rt::Decoded<Option<Self>> {
                let Some(detail) = &fault.detail else {
                    return Ok(None);
                };
                let text = rt::xml::wrap_content(detail);
                let doc = rt::xml::parse(&text)?;
                for child in rt::xml::elements(doc.root_element()) {
                    #(#reads)*
                }
                Ok(None)
            }

            /// The fault's detail, as a server puts it in a SOAP fault.
            pub fn to_detail(&self) -> rt::Encoded<rt::XmlContent> {
                let mut writer = rt::xml::XmlWriter::new();
                let w = &mut writer;
                match self {
                    #(#writes)*
                }
                Ok(rt::XmlContent(writer.finish()))
            }
        }
    })
}
