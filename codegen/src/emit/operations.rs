//! Each operation's messages on each of its bindings: `write_request` and `read_request`,
//! `write_response` and `read_response`, whose arms the binding families write
//! (`bindings/`); with the `OPERATIONS` table and the message enums beside them.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::emit::bindings::{self, MessageContext};
use crate::emit::docs::{self, code};
use crate::emit::plan::{MessageKind, OperationPlan, Plan, StructPlan};
use crate::emit::{message_enums, operations_table, pairs_codec};
use crate::model::Message;

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

/// Every operation's message codecs, the enums over all messages, and the binding table.
/// `outcomes` says, per operation, whether its response has an `outcome()`. Also returns the
/// imports of the runtime's codec traits, in whose methods (`write_request`, `read_response`
/// and the server's two) every message is written and read.
pub fn operation_items(plan: &Plan<'_>, outcomes: &[bool]) -> (Vec<TokenStream>, TokenStream) {
    let redacts = !crate::emit::secrets::secret_names(plan).is_empty();
    let mut items = Vec::new();
    let mut done: BTreeSet<(String, bool)> = BTreeSet::new();
    for (index, op) in plan.operations.iter().enumerate() {
        let request_type = target(&op.request_kind, &op.request);
        if done.insert((request_type.clone(), true)) {
            let ctx = context(plan, op, true);
            items.push(match bindings::soap_body_alone(&ctx) {
                Some(element) => soap_body(op, index, &request_type, element, true, redacts),
                None => request_methods(&ctx, &request_type, redacts),
            });
        }
        let response_type = target(&op.response_kind, &op.response);
        if done.insert((response_type.clone(), false)) {
            let ctx = context(plan, op, false);
            items.push(match bindings::soap_body_alone(&ctx) {
                Some(element) => soap_body(op, index, &response_type, element, false, redacts),
                None => response_methods(&ctx, &response_type, redacts),
            });
        }
    }
    items.push(operations_table::operations_table(plan));
    items.push(message_enums::message_enum(plan, true, outcomes));
    items.push(message_enums::message_enum(plan, false, outcomes));
    let imports = (!plan.operations.is_empty()).then(|| {
        quote! {
            use rt::{ReadResponse as _, WriteRequest as _};
            #[cfg(feature = "server")]
            use rt::{WriteResponse as _, server::Reply as _};
        }
    });
    (items, imports.unwrap_or_default())
}

/// A read method's body: the arms' match, its errors cut free of credentials by name where
/// the service has any.
fn read_body(arms: &[TokenStream], unsupported: TokenStream, redacts: bool) -> TokenStream {
    let unused_payload = arms.is_empty().then(|| quote!(let _ = payload;));
    let read = quote! {
        match binding {
            #(#arms)*
            #unsupported
        }
    };
    if redacts {
        quote! {
            #unused_payload
            rt::redacting(SECRET_NAMES, || #read)
        }
    } else {
        quote!(#unused_payload #read)
    }
}

/// The context of an operation's request or response.
fn context<'p, 'm>(
    plan: &'p Plan<'m>,
    op: &'p OperationPlan<'m>,
    request: bool,
) -> MessageContext<'p, 'm> {
    let (kind, message) = if request {
        (&op.request_kind, &op.op.input)
    } else {
        (&op.response_kind, &op.op.output)
    };
    let holder = holder(plan, kind, message);
    MessageContext::new(op, message, holder, matches!(kind, MessageKind::Struct(_)))
}

/// A message of the commonest shape, its Body's one element on SOAP bindings alone: the
/// runtime writes and reads it (`rt::WriteRequest` and the other codec traits), told its
/// operation and element.
fn soap_body(
    op: &OperationPlan<'_>,
    index: usize,
    type_name: &str,
    (ns, local): (&str, &str),
    request: bool,
    redacts: bool,
) -> TokenStream {
    let ident = format_ident!("{}", type_name);
    let index = proc_macro2::Literal::usize_unsuffixed(index);
    let trait_name = if request {
        quote!(SoapRequest)
    } else {
        quote!(SoapResponse)
    };
    let secrets = redacts.then(|| {
        quote!(
            const SECRETS: &'static [&'static str] = SECRET_NAMES;
        )
    });
    // A request's element is, but for an odd operation, the one its row of `OPERATIONS`
    // names, which the runtime takes by default.
    let in_row = request
        && op
            .op
            .input
            .first_element()
            .is_some_and(|name| name.namespace == ns && name.local == local);
    let element = (!in_row).then(|| quote!(const ELEMENT: rt::ElementName = (#ns, #local);));
    quote! {
        impl rt::#trait_name for #ident {
            const OPERATION: &'static rt::OperationInfo = &OPERATIONS[#index];
            #element
            #secrets
        }
    }
}

fn request_methods(ctx: &MessageContext<'_, '_>, type_name: &str, redacts: bool) -> TokenStream {
    let operation = ctx.operation();
    let ident = format_ident!("{}", type_name);
    let holder = ctx.holder;
    let arms = bindings::request_arms(ctx);
    let pairs = arms.needs_pairs.then(|| match holder {
        Some(holder) => pairs_codec::pairs_fns(holder, operation),
        None => TokenStream::new(),
    });
    let writes = &arms.writes;
    let read = read_body(
        &arms.reads,
        quote!(other => Err(rt::DecodeError::unsupported(#operation, other)),),
        redacts,
    );
    // A request with neither body nor parameters reads nothing from its payload.
    let payload = if crate::emit::mentions(&read, "payload") {
        format_ident!("payload")
    } else {
        format_ident!("_payload")
    };
    let doc = docs::attrs(&[format!(
        "The request of {} on each of its bindings, as a client writes it.",
        code(operation)
    )]);
    let read_doc = docs::attrs(&[format!(
        "The request of {} on each of its bindings, as a server reads it; no error shows a \
         credential's value.",
        code(operation)
    )]);
    let pairs = pairs
        .filter(|p| !p.is_empty())
        .map(|pairs| quote!(impl #ident { #pairs }));
    quote! {
        #doc
        impl rt::WriteRequest for #ident {
            fn write_request(&self, binding: rt::BindingKind) -> rt::Encoded {
                match binding {
                    #(#writes)*
                    other => Err(rt::EncodeError::unsupported(#operation, other)),
                }
            }
        }

        #read_doc
        #[cfg(feature = "server")]
        impl rt::ReadRequest for #ident {
            fn read_request(binding: rt::BindingKind, #payload: &rt::Payload) -> rt::Decoded<Self> {
                #read
            }
        }

        #pairs
    }
}

fn response_methods(ctx: &MessageContext<'_, '_>, type_name: &str, redacts: bool) -> TokenStream {
    let operation = ctx.operation();
    let ident = format_ident!("{}", type_name);
    let arms = bindings::response_arms(ctx);
    let writes = &arms.writes;
    let read = read_body(
        &arms.reads,
        quote!(other => Err(rt::DecodeError::unsupported(#operation, other).into()),),
        redacts,
    );
    let write_doc = docs::attrs(&[format!(
        "The response of {} on each of its bindings, as a server writes it.",
        code(operation)
    )]);
    let read_doc = docs::attrs(&[format!(
        "The response of {} on each of its bindings, as a client reads it: the output, or the \
         SOAP fault the service answered with, or what keeps the body from reading.",
        code(operation)
    )]);
    quote! {
        #write_doc
        #[cfg(feature = "server")]
        impl rt::WriteResponse for #ident {
            fn write_response(&self, binding: rt::BindingKind) -> rt::Encoded {
                match binding {
                    #(#writes)*
                    other => Err(rt::EncodeError::unsupported(#operation, other)),
                }
            }
        }

        #read_doc
        impl rt::ReadResponse for #ident {
            fn read_response(binding: rt::BindingKind, payload: &rt::Payload) -> rt::Replied<Self> {
                #read
            }
        }
    }
}
