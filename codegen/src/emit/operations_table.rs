//! `OPERATIONS`: how each operation is bound, for a client to address it: method, path,
//! SOAP action and media types, as each binding family says.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::bindings::{self, Addressing, carried_kinds};
use crate::emit::docs;
use crate::emit::plan::Plan;
use crate::model::{Binding, BindingKind};

/// `OPERATIONS`: each operation's bindings with method, path, action and media types.
pub fn operations_table(plan: &Plan<'_>) -> TokenStream {
    let entries = plan.operations.iter().map(|op| {
        let name = op.op.key();
        let carried: Vec<(&Binding, BindingKind, TokenStream, Addressing)> = op
            .op
            .bindings
            .iter()
            .flat_map(|binding| {
                carried_kinds(binding)
                    .into_iter()
                    .map(move |(kind, tokens)| {
                        (binding, kind, tokens, bindings::addressing(binding, kind))
                    })
            })
            .collect();
        let bindings = match carried.as_slice() {
            // The commonest case, an operation on both SOAP versions at one address with one
            // action, says so in one call.
            [
                (Binding::Soap(_), BindingKind::Soap11, _, v11),
                (Binding::Soap(_), BindingKind::Soap12, _, v12),
            ] if v11.action.is_some() && v11.path == v12.path && v11.action == v12.action => {
                let (path, action) = (some(&v11.path), &v11.action);
                quote!(&rt::BindingInfo::soap(#path, #action))
            }
            _ => {
                let each = carried.iter().map(|(binding, kind, tokens, addressing)| {
                    binding_info(binding, *kind, tokens, addressing)
                });
                quote!(&[#(#each),*])
            }
        };
        let element = match op.op.input.first_element() {
            Some(name) => {
                let (ns, local) = (&name.namespace, &name.local);
                quote!(Some((#ns, #local)))
            }
            None => quote!(None),
        };
        quote! {
            rt::OperationInfo {
                name: #name,
                element: #element,
                bindings: #bindings,
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

/// `Some("…")` or `None`, as a field of `rt::BindingInfo` takes it.
fn some(value: &Option<String>) -> TokenStream {
    match value {
        Some(value) => quote!(Some(#value)),
        None => quote!(None),
    }
}

/// One binding's `rt::BindingInfo`: a SOAP one by the runtime's constructor of its version,
/// which says it all (`soap::addressing`), any other field by field.
fn binding_info(
    binding: &Binding,
    kind: BindingKind,
    tokens: &TokenStream,
    addressing: &Addressing,
) -> TokenStream {
    let Addressing {
        method,
        path,
        action,
        content_type,
        accept,
    } = addressing;
    let made = match kind {
        BindingKind::Soap11 => Some(quote!(soap11)),
        BindingKind::Soap12 => Some(quote!(soap12)),
        _ => None,
    };
    if let (Binding::Soap(_), Some(made), Some(action)) = (binding, made, action) {
        let path = some(path);
        return quote!(rt::BindingInfo::#made(#path, #action));
    }
    let (path, action, content_type, accept) =
        (some(path), some(action), some(content_type), some(accept));
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
}
