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
                } = bindings::addressing(binding, kind);
                // A SOAP binding is addressed as SOAP says (`soap::addressing`): the runtime's
                // constructor of its version says it all.
                let made = match kind {
                    BindingKind::Soap11 => Some(quote!(soap11)),
                    BindingKind::Soap12 => Some(quote!(soap12)),
                    _ => None,
                };
                if let (Binding::Soap(_), Some(made), Some(action)) = (binding, made, &action) {
                    let path = some(&path);
                    return quote!(rt::BindingInfo::#made(#path, #action));
                }
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
