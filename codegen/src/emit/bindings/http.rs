//! ASMX's HTTP GET and POST: the request's members as query or form pairs, and a reply that
//! is nothing, the output's body element, its result member alone as a document, or raw XML
//! (`text/xml`); and how such bindings are addressed.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::bindings::{Addressing, Arms, Bound, MessageContext, empty_reply};
use crate::emit::plan::Field;
use crate::emit::rust_types::Shape;
use crate::emit::xml_codec;
use crate::model::{Binding, BindingKind, HttpBinding, HttpMethod, HttpReply};

/// The arms of a request's HTTP bindings: pairs in the query (GET) or the body (POST).
pub fn request(_ctx: &MessageContext<'_, '_>, bound: &[Bound<'_>], arms: &mut Arms) {
    for (_, kind, tokens) in bound {
        arms.needs_pairs = true;
        if *kind == BindingKind::HttpGet {
            arms.push(
                quote!(#tokens => Ok(rt::Payload::query(self.write_pairs()?)),),
                quote!(#tokens => Self::read_pairs(payload.query.as_deref().unwrap_or(""), "the query"),),
            );
        } else {
            arms.push(
                quote!(#tokens => Ok(rt::Payload::body(self.write_pairs()?)),),
                quote!(#tokens => Self::read_pairs(&payload.body, "the form"),),
            );
        }
    }
}

/// The arms of a response's HTTP bindings, as their reply says.
pub fn response(ctx: &MessageContext<'_, '_>, bound: &[Bound<'_>], arms: &mut Arms) {
    let (body_ns, body_local) = &ctx.body;
    for (binding, _, tokens) in bound {
        let Binding::Http(http) = binding else {
            continue;
        };
        let result = ctx.result();
        match (&http.reply.value, result) {
            (HttpReply::Empty, _) => {
                let (write, read) = empty_reply(tokens);
                arms.push(write, read);
            }
            (HttpReply::Body, _) => arms.push(
                quote! {
                    #tokens => {
                        let mut w = rt::xml::XmlWriter::new();
                        w.declaration();
                        w.element(#body_ns, #body_local, self)?;
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
            ),
            (HttpReply::Result { root }, Some(result)) => {
                let (write, read) = result_document(ctx, result, &root.namespace, &root.local);
                arms.push(quote!(#tokens => { #write }), quote!(#tokens => { #read }));
            }
            (HttpReply::Raw, Some(result))
                if result.value_ty.to_string() == quote!(rt::XmlContent).to_string() =>
            {
                let (write, read) = raw_reply(ctx, result);
                arms.push(quote!(#tokens => { #write }), quote!(#tokens => { #read }));
            }
            // Content that is not raw is the result element as the document.
            (HttpReply::Raw, Some(result)) => {
                if let Some(element) = result.element {
                    let (write, read) =
                        result_document(ctx, result, &element.name.namespace, &element.name.local);
                    arms.push(quote!(#tokens => { #write }), quote!(#tokens => { #read }));
                }
            }
            (HttpReply::Result { .. } | HttpReply::Raw, None) => {}
        }
    }
}

/// ASMX's HTTP bindings: the method, the path, and a form for POST.
pub fn addressing(http: &HttpBinding) -> Addressing {
    Addressing {
        method: http.method.as_str().to_owned(),
        path: Some(http.path.value.clone()),
        action: None,
        content_type: (http.method != HttpMethod::Get)
            .then(|| "application/x-www-form-urlencoded".to_owned()),
        accept: None,
    }
}

/// A reply that is the result member alone, as a root element of its type's name.
fn result_document(
    ctx: &MessageContext<'_, '_>,
    result: &Field<'_>,
    ns: &str,
    local: &str,
) -> (TokenStream, TokenStream) {
    let member = result.ident();
    let one = xml_codec::write_value(&result.value, result.boxed, ns, local, quote!(value));
    let nil = quote!(w.nil_element(#ns, #local););
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
    let others = ctx.others(&result.name);
    (
        quote! {
            let mut writer = rt::xml::XmlWriter::new();
            writer.declaration();
            let w = &mut writer;
            #write
            Ok(rt::Payload::body(writer.finish()))
        },
        quote! {
            let doc = payload.xml()?;
            let root = rt::xml::root(&doc, #ns, #local)?;
            Ok(Self {
                #member: #value,
                #(#others)*
            })
        },
    )
}

/// A reply of `text/xml`: the raw result as the whole document.
fn raw_reply(ctx: &MessageContext<'_, '_>, result: &Field<'_>) -> (TokenStream, TokenStream) {
    let member = result.ident();
    let (held, read) = match result.shape {
        Shape::Required => (
            quote!(Some(&self.#member)),
            quote!(rt::XmlContent::of_payload(payload)?),
        ),
        Shape::Optional => (
            quote!(self.#member.as_ref()),
            quote!(Some(rt::XmlContent::of_payload(payload)?)),
        ),
        Shape::Tristate => (
            quote!(self.#member.value()),
            quote!(rt::Nillable::Value(rt::XmlContent::of_payload(payload)?)),
        ),
        Shape::List => (
            quote!(self.#member.last()),
            quote!(vec![rt::XmlContent::of_payload(payload)?]),
        ),
    };
    let others = ctx.others(&result.name);
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
