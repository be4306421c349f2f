//! `Request` and `Response`: enums over every operation's messages, to write and read them
//! by operation name, as a server or a generic client does.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::emit::docs::{self, code};
use crate::emit::plan::Plan;

/// `Request` or `Response`: an enum over every operation's message, to write and read them
/// by operation name, as a server or a generic client does.
pub fn message_enum(plan: &Plan<'_>, request: bool, outcomes: &[bool]) -> TokenStream {
    let (name, what) = if request {
        ("Request", "request")
    } else {
        ("Response", "response")
    };
    let ident = format_ident!("{}", name);
    let derive = crate::emit::types::derives(&["Clone", "Debug", "PartialEq"], &plan.service.rust);
    let variants: Vec<(proc_macro2::Ident, &str, proc_macro2::Ident)> = plan
        .operations
        .iter()
        .map(|op| {
            let variant = format_ident!("{}", op.variant);
            let ty = format_ident!("{}", if request { &op.request } else { &op.response });
            (variant, op.op.key(), ty)
        })
        .collect();
    // Each message is boxed: messages differ in size by hundreds of bytes, and the enum
    // would be as large as its largest.
    let items = variants.iter().map(|(variant, operation, ty)| {
        let doc = docs::attrs(&[format!("The {what} of {}.", code(operation))]);
        quote!(#doc #variant(Box<#ty>),)
    });
    let names = variants
        .iter()
        .map(|(variant, operation, _)| quote!(Self::#variant(_) => #operation,));
    let (write_method, read_as, read_error) = if request {
        (
            quote!(write_request),
            quote!(request),
            quote!(rt::DecodeError),
        )
    } else {
        (
            quote!(write_response),
            quote!(response),
            quote!(rt::ResponseError),
        )
    };
    let into = (!request).then(|| quote!(.into()));
    // A service without operations has enums of no variant, and a reference to one is no
    // value to match on: the value it refers to is.
    let (scrutinee, unused_binding, unused_payload) = if variants.is_empty() {
        (
            quote!(*self),
            Some(quote!(let _ = binding;)),
            Some(quote!(let _ = (binding, payload);)),
        )
    } else {
        (quote!(self), None, None)
    };
    let writes = variants
        .iter()
        .map(|(variant, _, _)| quote!(Self::#variant(message) => message.#write_method(binding),));
    let reads = variants
        .iter()
        .map(|(variant, operation, _)| quote!(#operation => inbound.#read_as(Self::#variant),));
    let known = plan
        .operations
        .iter()
        .map(|op| format!("`{}`", op.op.key()))
        .collect::<Vec<_>>()
        .join(", ");
    let expected = if known.is_empty() {
        "an operation of this service (it has none)".to_owned()
    } else {
        format!("an operation of this service ({known})")
    };
    // `found` names the variable that holds the unknown name.
    let unknown = |found: &str| {
        let found = format!("`{{{found}}}`");
        quote! {
            Err(rt::DecodeError::new(
                "the message",
                rt::DecodeProblem::Unexpected {
                    expected: #expected.to_owned(),
                    found: format!(#found),
                },
            )#into)
        }
    };
    // Without operations, every name is unknown: a match of one arm would be no match.
    let read_body = if variants.is_empty() {
        unknown("operation")
    } else {
        let other = unknown("other");
        quote! {
            let inbound = rt::Inbound { binding, payload };
            match operation {
                #(#reads)*
                other => #other,
            }
        }
    };
    let doc = docs::attrs(&[format!("The {what} of any operation of this service.")]);
    let failure = (!request).then(|| {
        // An arm for each response that reports failures; the others report none.
        let arms: Vec<TokenStream> = variants
            .iter()
            .zip(outcomes)
            .filter(|(_, has_outcome)| **has_outcome)
            .map(|((variant, _, _), _)| {
                quote!(Self::#variant(message) => message.outcome().err().map(|failure| failure.to_string()),)
            })
            .collect();
        let body = if arms.is_empty() {
            quote!(None)
        } else {
            let rest = (arms.len() < variants.len()).then(|| quote!(_ => None,));
            quote! {
                match self {
                    #(#arms)*
                    #rest
                }
            }
        };
        quote! {
            /// The failure the response reports (an error code, a status that is not a
            /// success), described; `None` when it reports success or cannot report failure.
            pub fn reported_failure(&self) -> Option<String> {
                #body
            }
        }
    });
    // A server reads requests and writes responses; a client, only the other way.
    let server_side = quote!(#[cfg(feature = "server")]);
    let (server_side_write, server_side_read) = if request {
        (None, Some(server_side))
    } else {
        (Some(server_side), None)
    };
    quote! {
        #doc
        #derive
        pub enum #ident {
            #(#items)*
        }

        impl #ident {
            /// The operation's name on the wire.
            pub fn operation(&self) -> &'static str {
                match #scrutinee {
                    #(#names)*
                }
            }

            /// Writes the message for `binding`.
            #server_side_write
            pub fn write(
                &self,
                binding: rt::BindingKind,
            ) -> rt::Encoded {
                #unused_binding
                match #scrutinee {
                    #(#writes)*
                }
            }

            /// Reads a message of `operation` received with `binding`.
            #server_side_read
            pub fn read(
                operation: &str,
                binding: rt::BindingKind,
                payload: &rt::Payload,
            ) -> ::std::result::Result<Self, #read_error> {
                #unused_payload
                #read_body
            }

            #failure
        }
    }
}
