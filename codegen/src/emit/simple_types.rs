//! Named simple types that are types of their own: restrictions by facets, lists and unions,
//! each a newtype over what its values are, with the facets in its documentation.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::emit::docs::{self, code};
use crate::emit::plan::{Plan, facet_doc};
use crate::emit::rust_types;
use crate::model::{TypeDef, TypeKind, TypeUse};

/// The Rust type of a simple type use: a built-in's, or a named type's item.
fn inner(plan: &Plan<'_>, ty: &TypeUse) -> TokenStream {
    match ty {
        TypeUse::Builtin(builtin) => rust_types::builtin(*builtin, &plan.service.rust),
        TypeUse::Named(name) => match plan.names.get(name) {
            Some(rust) => {
                let ident = format_ident!("{}", rust);
                quote!(#ident)
            }
            None => quote!(String),
        },
        TypeUse::Anonymous(_) => quote!(String),
    }
}

/// How a type use reads in documentation.
fn describe(ty: &TypeUse) -> String {
    match ty {
        TypeUse::Builtin(builtin) => code(&format!("xs:{}", builtin.xsd_name())),
        TypeUse::Named(name) => code(&name.local),
        TypeUse::Anonymous(_) => "a complex type".to_owned(),
    }
}

/// The newtype of a restriction, list or union, or nothing for other kinds.
pub fn simple_type_items(plan: &Plan<'_>, def: &TypeDef, json: bool) -> Option<TokenStream> {
    let name = plan.names.get(&def.name.value)?;
    let ident = format_ident!("{}", name);
    let mut paragraphs = vec![docs::type_heading(&def.name.value)];
    paragraphs.extend(def.documentation.iter().map(|d| docs::text(&d.text)));
    let (inner_ty, has_default, text_impl) = match &def.kind {
        TypeKind::Restriction(restriction) => {
            paragraphs.push(format!(
                "A restriction of {}.",
                describe(&restriction.base.value)
            ));
            paragraphs.extend(restriction.facets.iter().map(|f| facet_doc(&f.value)));
            paragraphs.push(
                "The facets are the service's to check; values are kept as they come.".to_owned(),
            );
            let inner_ty = inner(plan, &restriction.base.value);
            let has_default = plan.has_default(&restriction.base.value);
            let text = quote! {
                const EXPECTED: &'static str = <#inner_ty as rt::XmlText>::EXPECTED;

                fn to_text(&self) -> ::std::borrow::Cow<'_, str> {
                    rt::XmlText::to_text(&self.0)
                }

                fn from_text(text: &str) -> Option<Self> {
                    <#inner_ty as rt::XmlText>::from_text(text).map(Self)
                }
            };
            (inner_ty, has_default, text)
        }
        TypeKind::List(list) => {
            paragraphs.push(format!(
                "A list of {}, separated by white space.",
                describe(&list.item.value)
            ));
            let item = inner(plan, &list.item.value);
            let text = quote! {
                const EXPECTED: &'static str = "values separated by white space";

                fn to_text(&self) -> ::std::borrow::Cow<'_, str> {
                    ::std::borrow::Cow::Owned(rt::list_to_text(&self.0))
                }

                fn from_text(text: &str) -> Option<Self> {
                    rt::list_from_text(text).map(Self)
                }
            };
            (quote!(Vec<#item>), true, text)
        }
        TypeKind::Union(union) => {
            let members: Vec<String> = union.members.iter().map(|m| describe(&m.value)).collect();
            paragraphs.push(format!(
                "A value of any of {}, kept as its text.",
                members.join(", ")
            ));
            let text = quote! {
                const EXPECTED: &'static str = "text";

                fn to_text(&self) -> ::std::borrow::Cow<'_, str> {
                    ::std::borrow::Cow::Borrowed(&self.0)
                }

                fn from_text(text: &str) -> Option<Self> {
                    Some(Self(text.to_owned()))
                }
            };
            (quote!(String), true, text)
        }
        _ => return None,
    };
    let doc = docs::attrs(&paragraphs);
    let base: &[&str] = if has_default {
        &["Clone", "Debug", "Default", "PartialEq"]
    } else {
        &["Clone", "Debug", "PartialEq"]
    };
    let derive = crate::emit::types::derives(base, &plan.service.rust);
    let json_impl = json.then(|| {
        quote! {
            impl rt::json_value::JsonType for #ident {
                fn to_json(&self) -> rt::Encoded<rt::json_value::Value> {
                    rt::json_value::JsonType::to_json(&self.0)
                }

                fn from_json(
                    value: &rt::json_value::Value,
                    at: &rt::json_value::JsonPath<'_>,
                ) -> rt::Decoded<Self> {
                    <#inner_ty as rt::json_value::JsonType>::from_json(value, at).map(Self)
                }
            }
        }
    });
    Some(quote! {
        #doc
        #derive
        pub struct #ident(pub #inner_ty);

        impl From<#inner_ty> for #ident {
            fn from(value: #inner_ty) -> Self {
                Self(value)
            }
        }

        impl rt::XmlText for #ident {
            #text_impl
        }

        #json_impl
    })
}
