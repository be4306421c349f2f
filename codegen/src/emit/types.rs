//! Struct definitions, with a `Debug` that keeps credentials out.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::emit::docs;
use crate::emit::plan::StructPlan;
use crate::emit::rust_types::Shape;
use crate::model::RustOptions;

/// `#[derive(…)]` of a service's type: `base`, then each derive the user adds (`Eq`,
/// `serde::Serialize`) that `base` does not have already.
pub fn derives(base: &[&str], options: &RustOptions) -> TokenStream {
    let extra = options
        .derives
        .iter()
        .map(|d| d.value.as_str())
        .filter(|d| !base.contains(d));
    let paths = base.iter().copied().chain(extra).map(|path| {
        path.parse::<TokenStream>().unwrap_or_else(|_| {
            let message = format!("`{path}` is not the path of a derive");
            quote!(::core::compile_error!(#message))
        })
    });
    quote!(#[derive(#(#paths),*)])
}

/// The definition of a planned struct, and its `Debug` where it holds credentials.
pub fn struct_item(
    plan: &StructPlan<'_>,
    extra_docs: &[String],
    options: &RustOptions,
) -> TokenStream {
    let ident = format_ident!("{}", plan.name);
    let mut paragraphs = plan.docs.clone();
    paragraphs.extend(extra_docs.iter().cloned());
    let doc = docs::attrs(&paragraphs);
    let has_secret = plan.fields.iter().any(|f| f.secret);
    let has_default = plan.fields.iter().all(|f| f.has_default);
    let mut base = vec!["Clone"];
    if !has_secret {
        base.push("Debug");
    }
    if has_default {
        base.push("Default");
    }
    base.push("PartialEq");
    let derive = derives(&base, options);
    let fields = plan.fields.iter().map(|f| {
        let field = f.ident();
        let ty = f.ty();
        let doc = docs::attrs(&f.docs);
        quote! {
            #doc
            pub #field: #ty,
        }
    });
    let debug = has_secret.then(|| {
        let entries = plan.fields.iter().map(|f| {
            let field = f.ident();
            let label = &f.name;
            let value = match (f.secret, f.shape) {
                (false, _) => quote!(&self.#field),
                (true, Shape::Required) => quote!(&rt::Redacted),
                (true, Shape::Optional | Shape::Tristate) => {
                    quote!(&self.#field.as_ref().map(|_| rt::Redacted))
                }
                (true, Shape::List) => quote!(&self
                    .#field
                    .iter()
                    .map(|_| rt::Redacted)
                    .collect::<Vec<_>>()),
            };
            quote!(debug.field(#label, #value);)
        });
        let label = &plan.name;
        // A statement per field, not one chain of calls: a chain nests as deep as the struct
        // is wide, and a struct of thousands of members would overflow the stack of
        // whatever walks it.
        quote! {
            impl ::std::fmt::Debug for #ident {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    let mut debug = f.debug_struct(#label);
                    #(#entries)*
                    debug.finish()
                }
            }
        }
    });
    // A struct of no members stays a struct with braces, not a unit struct: clippy flags
    // `Name::default()` of a unit struct in the user's code.
    quote! {
        #doc
        #derive
        pub struct #ident {
            #(#fields)*
        }

        #debug
    }
}

/// `pub type Alias = Target;`
pub fn alias_item(name: &str, target: &str, paragraphs: &[String]) -> TokenStream {
    let alias = format_ident!("{}", name);
    let target = format_ident!("{}", target);
    let doc = docs::attrs(paragraphs);
    quote! {
        #doc
        pub type #alias = #target;
    }
}
