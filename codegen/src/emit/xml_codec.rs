//! XML for every struct: `XmlType`, writing attributes and elements in the order the wire
//! carries them, reading children by namespace and local name in any order.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::emit::plan::{Field, StructPlan, ValueKind, Wire};
use crate::emit::rust_types::Shape;

/// Whether a struct is XML content: it has no URI parameters or whole-body field.
pub fn is_xml(plan: &StructPlan<'_>) -> bool {
    plan.fields
        .iter()
        .all(|f| !matches!(f.wire, Wire::Parameter { .. } | Wire::Body))
}

/// `impl XmlType` for a struct: its attributes and elements; header fields are the SOAP
/// envelope's business and read as absent here.
pub fn xml_type_impl(plan: &StructPlan<'_>) -> TokenStream {
    let ident = format_ident!("{}", plan.name);
    let attribute_writes = plan.fields.iter().filter_map(write_attribute);
    let element_writes = plan
        .xml_order
        .iter()
        .map(|&(index, last)| write_element_field(&plan.fields[index], last));
    let reads = read_fields(plan);
    let writes_nothing = plan
        .fields
        .iter()
        .all(|f| !matches!(f.wire, Wire::Element { .. } | Wire::Attribute { .. }));
    let unused = writes_nothing.then(|| quote!(let _ = w;));
    quote! {
        impl rt::xml::XmlType for #ident {
            fn write_content(
                &self,
                w: &mut rt::xml::XmlWriter,
            ) -> ::std::result::Result<(), rt::EncodeError> {
                #unused
                #(#attribute_writes)*
                #(#element_writes)*
                Ok(())
            }

            fn read_element(
                node: rt::xml::Node<'_, '_>,
            ) -> ::std::result::Result<Self, rt::DecodeError> {
                #reads
            }
        }
    }
}

/// A local variable for a field while reading.
pub fn var(field: &Field<'_>) -> proc_macro2::Ident {
    format_ident!("f_{}", field.name.trim_start_matches("r#"))
}

fn write_attribute(field: &Field<'_>) -> Option<TokenStream> {
    let Wire::Attribute { name } = &field.wire else {
        return None;
    };
    let member = field.ident();
    Some(match field.shape {
        Shape::Required => quote! {
            w.attribute(#name, &rt::XmlText::to_text(&self.#member))?;
        },
        _ => quote! {
            if let Some(value) = &self.#member {
                w.attribute(#name, &rt::XmlText::to_text(value))?;
            }
        },
    })
}

/// Writes one value of a field as its element.
fn write_value(field: &Field<'_>, ns: &str, local: &str, value: TokenStream) -> TokenStream {
    match &field.value {
        ValueKind::Plain => quote! {
            rt::xml::write_element(w, #ns, #local, #value)?;
        },
        ValueKind::Array {
            item_ns,
            item_local,
            item_nillable,
        } => {
            let item = if *item_nillable {
                quote! {
                    match item {
                        Some(item) => rt::xml::write_element(w, #item_ns, #item_local, item)?,
                        None => rt::xml::write_nil(w, #item_ns, #item_local),
                    }
                }
            } else {
                quote!(rt::xml::write_element(w, #item_ns, #item_local, item)?;)
            };
            quote! {
                let open = w.start(#ns, #local);
                for item in #value {
                    #item
                }
                w.end(open);
            }
        }
    }
}

/// Writes a field's element; an occurrence that is not the last of a repeated name is nil
/// whenever the field is there at all, as the DataContractSerializer writes a redeclared member.
pub fn write_element_field(field: &Field<'_>, last: bool) -> TokenStream {
    let Wire::Element { ns, local } = &field.wire else {
        return TokenStream::new();
    };
    let member = field.ident();
    let nil = quote!(rt::xml::write_nil(w, #ns, #local););
    if !last {
        return match field.shape {
            Shape::Required => nil,
            Shape::Optional if field.nil_when_none => nil,
            Shape::Optional => quote!(if self.#member.is_some() { #nil }),
            Shape::Tristate => quote!(if !self.#member.is_absent() { #nil }),
            Shape::List => TokenStream::new(),
        };
    }
    let write = write_value(field, ns, local, quote!(value));
    match field.shape {
        Shape::Required => {
            let write = write_value(field, ns, local, quote!(&self.#member));
            quote!(#write)
        }
        Shape::Optional if field.nil_when_none => quote! {
            match &self.#member {
                Some(value) => { #write }
                None => { #nil }
            }
        },
        Shape::Optional => quote! {
            if let Some(value) = &self.#member {
                #write
            }
        },
        Shape::Tristate => quote! {
            match &self.#member {
                rt::Nillable::Absent => {}
                rt::Nillable::Nil => { #nil }
                rt::Nillable::Value(value) => { #write }
            }
        },
        Shape::List => quote! {
            for value in &self.#member {
                #write
            }
        },
    }
}

/// Reads one value of a field from `child`.
fn read_value(field: &Field<'_>) -> TokenStream {
    let value_ty = &field.value_ty;
    match &field.value {
        ValueKind::Plain => quote!(<#value_ty as rt::xml::XmlType>::read_element(child)?),
        ValueKind::Array {
            item_ns,
            item_local,
            item_nillable,
        } => {
            let item = if *item_nillable {
                quote! {
                    if rt::xml::is_nil(item) {
                        None
                    } else {
                        Some(rt::xml::XmlType::read_element(item)?)
                    }
                }
            } else {
                quote!(rt::xml::XmlType::read_element(item)?)
            };
            quote! {{
                let mut items = Vec::new();
                for item in rt::xml::elements(child) {
                    if rt::xml::is(item, #item_ns, #item_local) {
                        items.push(#item);
                    }
                }
                items
            }}
        }
    }
}

/// The body of `read_element`: a variable per field, one pass over the children, then the
/// struct. A repeated name keeps its last value that is not nil.
pub fn read_fields(plan: &StructPlan<'_>) -> TokenStream {
    let mut declarations = Vec::new();
    let mut arms = Vec::new();
    let mut inits = Vec::new();
    for field in &plan.fields {
        let member = field.ident();
        let v = var(field);
        let value_ty = &field.value_ty;
        match &field.wire {
            Wire::Attribute { name } => {
                let missing = format!("attribute `{name}`");
                inits.push(match field.shape {
                    Shape::Required => quote! {
                        #member: rt::xml::read_attribute::<#value_ty>(node, #name)?
                            .ok_or_else(|| rt::xml::missing(node, #missing))?
                    },
                    _ => quote!(#member: rt::xml::read_attribute::<#value_ty>(node, #name)?),
                });
            }
            Wire::Element { ns, local } => {
                let read = read_value(field);
                let this = quote!(rt::xml::is(child, #ns, #local));
                let not_nil = quote!(!rt::xml::is_nil(child));
                match field.shape {
                    Shape::Required | Shape::Optional => {
                        declarations.push(quote!(let mut #v: Option<#value_ty> = None;));
                        arms.push(quote!(if #this && #not_nil { #v = Some(#read); }));
                        inits.push(if field.shape == Shape::Required {
                            let missing = format!("<{local}>");
                            quote!(#member: #v.ok_or_else(|| rt::xml::missing(node, #missing))?)
                        } else {
                            quote!(#member: #v)
                        });
                    }
                    Shape::Tristate => {
                        declarations.push(quote! {
                            let mut #v: rt::Nillable<#value_ty> = rt::Nillable::Absent;
                        });
                        arms.push(quote! {
                            if #this && #not_nil {
                                #v = rt::Nillable::Value(#read);
                            } else if #this && #v.is_absent() {
                                #v = rt::Nillable::Nil;
                            }
                        });
                        inits.push(quote!(#member: #v));
                    }
                    Shape::List => {
                        declarations.push(quote!(let mut #v: Vec<#value_ty> = Vec::new();));
                        arms.push(quote!(if #this && #not_nil { #v.push(#read); }));
                        inits.push(quote!(#member: #v));
                    }
                }
            }
            // Headers come from the envelope; URI parameters and bodies are not XML content.
            _ => inits.push(quote!(#member: Default::default())),
        }
    }
    // Children of other names are tolerated: servers add members before clients know them.
    let children = (!arms.is_empty()).then(|| {
        quote! {
            for child in rt::xml::elements(node) {
                #(#arms)else*
            }
        }
    });
    let reads_node = !arms.is_empty()
        || plan
            .fields
            .iter()
            .any(|f| matches!(f.wire, Wire::Attribute { .. }));
    let unused = (!reads_node).then(|| quote!(let _ = node;));
    quote! {
        #unused
        #(#declarations)*
        #children
        Ok(Self {
            #(#inits,)*
        })
    }
}
