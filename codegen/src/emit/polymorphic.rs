//! A type and the types derived from it, as one enum: an element declared with the base type
//! may carry any of them, and says which with `xsi:type` (XmlSerializer's `[XmlInclude]`).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::emit::docs::{self, code};
use crate::emit::plan::Polymorphic;

/// The enum, `From` each variant's struct, and its XML: reading dispatches on `xsi:type`,
/// writing a derived value writes it.
pub fn polymorphic_items(poly: &Polymorphic, options: &crate::model::RustOptions) -> TokenStream {
    let derive = crate::emit::types::derives(&["Clone", "Debug", "PartialEq"], options);
    let ident = format_ident!("{}", poly.name);
    let base_name = poly.base.as_ref().map_or_else(
        || poly.name.trim_start_matches("Any").to_owned(),
        |b| b.rust.clone(),
    );
    let doc = docs::attrs(&[
        if poly.base.is_some() {
            format!(
                "A value where the documents declare {}: that type itself, or a type derived \
                 from it.",
                code(&base_name)
            )
        } else {
            format!(
                "A value where the documents declare {}, which is abstract: a type derived \
                 from it.",
                code(&base_name)
            )
        },
        "The wire tells which by `xsi:type`; a value of the declared type carries none. \
         `From` makes one of any of the structs, which the variants box: the types differ \
         in size, and the enum would be as large as the largest."
            .to_owned(),
    ]);
    let variants = poly.variants().map(|v| {
        let name = format_ident!("{}", v.rust);
        let doc = docs::attrs(&[docs::type_heading(&v.ty)]);
        quote!(#doc #name(Box<#name>),)
    });
    let froms = poly.variants().map(|v| {
        let name = format_ident!("{}", v.rust);
        quote! {
            impl From<#name> for #ident {
                fn from(value: #name) -> Self {
                    Self::#name(Box::new(value))
                }
            }
        }
    });
    let writes = poly.variants().map(|v| {
        let name = format_ident!("{}", v.rust);
        let (ns, local) = (&v.ty.namespace, &v.ty.local);
        if poly.base.as_ref().is_some_and(|b| b.rust == v.rust) {
            quote!(Self::#name(value) => rt::xml::XmlType::write_content(&**value, w),)
        } else {
            quote! {
                Self::#name(value) => {
                    w.xsi_type(#ns, #local)?;
                    rt::xml::XmlType::write_content(&**value, w)
                }
            }
        }
    });
    let reads = poly.variants().map(|v| {
        let name = format_ident!("{}", v.rust);
        let (ns, local) = (&v.ty.namespace, &v.ty.local);
        quote! {
            Some((#ns, #local)) => Ok(Self::#name(Box::new(rt::xml::XmlType::read_element(node)?))),
        }
    });
    let untyped = match &poly.base {
        Some(base) => {
            let name = format_ident!("{}", base.rust);
            quote!(None => Ok(Self::#name(Box::new(rt::xml::XmlType::read_element(node)?))),)
        }
        None => {
            let expected = format!("`xsi:type` naming a type derived from {base_name}");
            quote!(None => Err(rt::xml::missing(node, #expected)),)
        }
    };
    quote! {
        #doc
        #derive
        pub enum #ident {
            #(#variants)*
        }

        #(#froms)*

        impl rt::xml::XmlType for #ident {
            fn write_content(
                &self,
                w: &mut rt::xml::XmlWriter,
            ) -> rt::Encoded<()> {
                match self {
                    #(#writes)*
                }
            }

            fn read_element(
                node: rt::xml::Node<'_, '_>,
            ) -> rt::Decoded<Self> {
                let ty = rt::xml::xsi_type(node)?;
                match ty.as_ref().map(|(ns, local)| (ns.as_str(), local.as_str())) {
                    #(#reads)*
                    #untyped
                    Some(_) => Err(rt::xml::unknown_type(node)),
                }
            }
        }
    }
}
