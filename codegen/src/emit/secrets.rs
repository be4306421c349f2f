//! What a module says of its credentials: the wire names of the members that hold them, by
//! which the runtime cuts their values out of errors and `Debug`, and how the service's own
//! failures lose them too.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::emit::plan::{Plan, Wire};

/// The wire names of the service's credentials: members marked secret, wherever they stand
/// (element, attribute, header, URI parameter, choice), and the cookies such members travel as.
pub fn secret_names(plan: &Plan<'_>) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for field in plan.structs.iter().flat_map(|s| &s.fields) {
        if !field.secret {
            continue;
        }
        match &field.wire {
            Wire::Element { local, .. } | Wire::Header { local, .. } => {
                names.insert(local.clone());
            }
            Wire::Attribute { name, .. } | Wire::Parameter { name, .. } => {
                names.insert(name.clone());
            }
            _ => {}
        }
    }
    for variant in plan.choices.iter().flat_map(|c| &c.variants) {
        if let (true, Some((_, local))) = (variant.secret, &variant.element) {
            names.insert(local.clone());
        }
    }
    for op in &plan.operations {
        for cookie in &op.op.cookies {
            if names.contains(&cookie.member) {
                names.insert(cookie.cookie.value.clone());
            }
        }
    }
    names
}

/// `SECRET_NAMES`, the module's list of its credentials' wire names.
pub fn secret_names_item(plan: &Plan<'_>) -> TokenStream {
    let names = secret_names(plan).into_iter();
    quote! {
        /// The wire names of the members that hold credentials (tokens, tickets, passwords,
        /// keys): errors and `Debug` output never show their values, nor what a request sent
        /// in them.
        pub const SECRET_NAMES: &[&str] = &[#(#names),*];
    }
}

/// `rt::Redact` for a failure the service reports (a type with a `message`): its message loses
/// the credentials it echoes.
pub fn failure_redact(type_name: &str) -> TokenStream {
    let ident = format_ident!("{}", type_name);
    quote! {
        impl rt::Redact for #ident {
            fn redact(&mut self, secrets: &rt::Secrets) {
                rt::Redact::redact(&mut self.message, secrets);
            }
        }
    }
}
