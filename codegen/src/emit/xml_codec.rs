//! XML for every struct and choice: `XmlType`, writing attributes and elements in the order
//! the wire carries them, reading children by namespace and local name in any order.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::emit::plan::{ChoicePlan, Field, Plan, StructOrigin, StructPlan, ValueKind, Wire};
use crate::emit::rust_types::Shape;

/// Whether a struct is XML content: it has no URI parameters or whole-body field.
pub fn is_xml(plan: &StructPlan<'_>) -> bool {
    plan.fields
        .iter()
        .all(|f| !matches!(f.wire, Wire::Parameter { .. } | Wire::Body | Wire::RawBody))
}

/// `impl XmlType` for a struct: its attributes and content; header fields are the SOAP
/// envelope's business and read as absent here.
pub fn xml_type_impl(plan: &Plan<'_>, plan_struct: &StructPlan<'_>) -> TokenStream {
    let ident = format_ident!("{}", plan_struct.name);
    let attribute_writes = plan_struct.fields.iter().filter_map(write_attribute);
    let text_write = plan_struct.fields.iter().find_map(|f| {
        matches!(f.wire, Wire::Text).then(|| {
            let member = f.ident();
            quote!(rt::xml::XmlType::write_content(&self.#member, w)?;)
        })
    });
    let element_writes = plan_struct
        .xml_order
        .iter()
        .map(|&(index, last)| write_member(plan, &plan_struct.fields[index], last));
    let (reads, reads_node) = read_fields(plan, plan_struct);
    let node = if reads_node {
        quote!(node)
    } else {
        quote!(_node)
    };
    let writes_nothing = plan_struct.fields.iter().all(|f| {
        matches!(
            f.wire,
            Wire::Header { .. } | Wire::Parameter { .. } | Wire::Body | Wire::RawBody
        )
    });
    let w = if writes_nothing {
        quote!(_w)
    } else {
        quote!(w)
    };
    // A SOAP-encoded message names the type of each value.
    let xsi_type = match &plan_struct.origin {
        StructOrigin::Named(name) if plan.encoded.contains(name) => {
            let (ns, local) = (&name.namespace, &name.local);
            Some(quote! {
                fn xsi_type() -> Option<(&'static str, &'static str)> {
                    Some((#ns, #local))
                }
            })
        }
        _ => None,
    };
    quote! {
        impl rt::xml::XmlType for #ident {
            fn write_content(
                &self,
                #w: &mut rt::xml::XmlWriter,
            ) -> rt::Encoded<()> {
                #(#attribute_writes)*
                #text_write
                #(#element_writes)*
                Ok(())
            }

            fn read_element(
                #node: rt::xml::Node<'_, '_>,
            ) -> rt::Decoded<Self> {
                #reads
            }

            #xsi_type
        }
    }
}

/// A local variable for a field while reading.
pub fn var(field: &Field<'_>) -> proc_macro2::Ident {
    // `f__1st_choice` would be no snake case to rustc: a field that leads with `_` gets a
    // prefix of its own, so that `_x` and `x` stay apart.
    let name = field.name.trim_start_matches("r#");
    match name.strip_prefix('_') {
        Some(rest) => format_ident!("fu_{}", rest),
        None => format_ident!("f_{}", name),
    }
}

fn write_attribute(field: &Field<'_>) -> Option<TokenStream> {
    let member = field.ident();
    if matches!(field.wire, Wire::AnyAttributes) {
        return Some(quote!(rt::xml::write_attributes(w, &self.#member)?;));
    }
    let Wire::Attribute { ns, name } = &field.wire else {
        return None;
    };
    let write = |value: TokenStream| {
        if ns.is_empty() {
            quote!(w.attribute(#name, &rt::XmlText::to_text(#value))?;)
        } else {
            quote!(w.attribute_ns(#ns, #name, &rt::XmlText::to_text(#value))?;)
        }
    };
    Some(match field.shape {
        Shape::Required => write(quote!(&self.#member)),
        _ => {
            let write = write(quote!(value));
            quote! {
                if let Some(value) = &self.#member {
                    #write
                }
            }
        }
    })
}

/// The expression for one value held in `value` (a reference), unboxed.
fn unboxed(boxed: bool, value: TokenStream) -> TokenStream {
    if boxed { quote!(&**#value) } else { value }
}

/// Writes one value as its element: `value` is a reference to the value (boxed or not).
pub fn write_value(
    kind: &ValueKind,
    boxed: bool,
    ns: &str,
    local: &str,
    value: TokenStream,
) -> TokenStream {
    let value = unboxed(boxed, value);
    match kind {
        ValueKind::Plain => quote! {
            w.element(#ns, #local, #value)?;
        },
        ValueKind::Array {
            soap: true,
            item_ns,
            item_local,
            ..
        } => quote! {
            w.encoded_array(#ns, #local, #item_ns, #item_local, #value)?;
        },
        ValueKind::Array {
            item_ns,
            item_local,
            item_nillable,
            ..
        } => {
            let call = if *item_nillable {
                quote!(nillable_array)
            } else {
                quote!(array)
            };
            quote!(w.#call(#ns, #local, #item_ns, #item_local, #value)?;)
        }
    }
}

/// Writes the items of the array `value` (a reference) into the element open in `w`; nothing
/// for a plain value.
pub fn write_items(kind: &ValueKind, value: TokenStream) -> TokenStream {
    let ValueKind::Array {
        item_ns,
        item_local,
        item_nillable,
        ..
    } = kind
    else {
        return TokenStream::new();
    };
    let item = if *item_nillable {
        quote! {
            match item {
                Some(item) => w.element(#item_ns, #item_local, item)?,
                None => w.nil_element(#item_ns, #item_local),
            }
        }
    } else {
        quote!(w.element(#item_ns, #item_local, item)?;)
    };
    quote! {
        for item in #value {
            #item
        }
    }
}

/// Writes a member of the content in its place: an element, a choice, wildcard elements, or
/// raw content. An occurrence of an element that is not the last of a repeated name is nil
/// whenever the field is there at all, as the DataContractSerializer writes a redeclared member.
fn write_member(plan: &Plan<'_>, field: &Field<'_>, last: bool) -> TokenStream {
    let member = field.ident();
    match &field.wire {
        Wire::Element { ns, local } => write_element_field(field, ns, local, last),
        Wire::Content => quote!(rt::xml::XmlType::write_content(&self.#member, w)?;),
        Wire::AnyElements => quote! {
            for element in &self.#member {
                rt::xml::XmlType::write_content(element, w)?;
            }
        },
        Wire::Choice(index) => {
            let choice = format_ident!("{}", plan.choices[*index].name);
            match field.shape {
                Shape::Required => quote!(#choice::write(&self.#member, w)?;),
                Shape::List => quote! {
                    for item in &self.#member {
                        #choice::write(item, w)?;
                    }
                },
                _ => quote! {
                    if let Some(item) = &self.#member {
                        #choice::write(item, w)?;
                    }
                },
            }
        }
        _ => TokenStream::new(),
    }
}

/// Whether a field's element holds its value itself (not an array's items), in a shape the
/// runtime reads and writes with one call: all but a list of boxed values.
fn plain_field(field: &Field<'_>) -> bool {
    matches!(field.value, ValueKind::Plain) && !(field.boxed && field.shape == Shape::List)
}

/// Writes an element field.
fn write_element_field(field: &Field<'_>, ns: &str, local: &str, last: bool) -> TokenStream {
    let member = field.ident();
    let nil = quote!(w.nil_element(#ns, #local););
    if last && plain_field(field) {
        // The value, unboxed, as the runtime's call for the shape takes it.
        let (call, value) = match (field.shape, field.boxed) {
            (Shape::Required, false) => (quote!(element), quote!(&self.#member)),
            (Shape::Required, true) => (quote!(element), quote!(&*self.#member)),
            (Shape::Optional, boxed) => (
                if field.nil_when_none {
                    quote!(or_nil)
                } else {
                    quote!(optional)
                },
                if boxed {
                    quote!(self.#member.as_deref())
                } else {
                    quote!(self.#member.as_ref())
                },
            ),
            (Shape::Tristate, false) => (quote!(nillable), quote!(self.#member.as_ref())),
            (Shape::Tristate, true) => (
                quote!(nillable),
                quote!(self.#member.as_ref().map(|value| &**value)),
            ),
            (Shape::List, _) => (quote!(each), quote!(&self.#member)),
        };
        return quote!(w.#call(#ns, #local, #value)?;);
    }
    if !last {
        return match field.shape {
            Shape::Required => nil,
            Shape::Optional if field.nil_when_none => nil,
            Shape::Optional => quote!(if self.#member.is_some() { #nil }),
            Shape::Tristate => quote!(if !self.#member.is_absent() { #nil }),
            Shape::List => TokenStream::new(),
        };
    }
    let write = write_value(&field.value, field.boxed, ns, local, quote!(value));
    match field.shape {
        Shape::Required => write_value(&field.value, field.boxed, ns, local, quote!(&self.#member)),
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

/// Reads one value from the element `child`.
pub fn read_value(kind: &ValueKind, boxed: bool, value_ty: &TokenStream) -> TokenStream {
    let read = match kind {
        ValueKind::Plain => quote!(<#value_ty as rt::xml::XmlType>::read_element(child)?),
        ValueKind::Array { soap: true, .. } => quote!(rt::xml::read_soap_array(child)?),
        ValueKind::Array {
            item_ns,
            item_local,
            item_nillable,
            ..
        } => {
            let call = if *item_nillable {
                quote!(read_nillable_array)
            } else {
                quote!(read_array)
            };
            quote!(rt::xml::#call(child, #item_ns, #item_local)?)
        }
    };
    if boxed { quote!(Box::new(#read)) } else { read }
}

/// The most children a struct reads each by its name rather than in one loop over them all.
const MOST_READ_BY_NAME: usize = 3;

/// The body of `read_element`: a variable per field, one pass over the children, then the
/// struct; or, for a struct of a few plain elements, each read by name. An element that
/// stands once and comes again with another value is refused. With it, whether the body reads
/// the element at all (a struct of nothing but headers does not).
pub fn read_fields(plan: &Plan<'_>, plan_struct: &StructPlan<'_>) -> (TokenStream, bool) {
    let mut declarations = Vec::new();
    let mut arms = Vec::new();
    // Arms that only claim a field's element when it is nil, so that a wildcard does not.
    let mut claims = Vec::new();
    let mut choice_arms = Vec::new();
    // A plain field's arm as an `if`, for a struct of one element, where a match would be
    // a match of one arm.
    let mut single = Vec::new();
    let mut rest_arm = None;
    let mut inits = Vec::new();
    // Each plain element's init as one runtime call that finds and reads its element, for a
    // struct whose only children are a few of them: the index of the init it stands for.
    let mut by_name: Vec<(usize, TokenStream)> = Vec::new();
    let declared_attributes: Vec<TokenStream> = plan_struct
        .fields
        .iter()
        .filter_map(|f| match &f.wire {
            Wire::Attribute { ns, name } => Some(quote!((#ns, #name))),
            _ => None,
        })
        .collect();
    for field in &plan_struct.fields {
        let member = field.ident();
        let v = var(field);
        let value_ty = &field.value_ty;
        match &field.wire {
            Wire::Attribute { ns, name } => {
                let missing = format!("attribute `{name}`");
                inits.push(match field.shape {
                    Shape::Required => quote! {
                        #member: rt::xml::read_attribute::<#value_ty>(node, #ns, #name)?
                            .ok_or_else(|| rt::xml::missing(node, #missing))?
                    },
                    _ => quote!(#member: rt::xml::read_attribute::<#value_ty>(node, #ns, #name)?),
                });
            }
            Wire::AnyAttributes => inits.push(quote! {
                #member: rt::xml::other_attributes(node, &[#(#declared_attributes),*])
            }),
            Wire::Text => inits.push(quote! {
                #member: <#value_ty as rt::xml::XmlType>::read_element(node)?
            }),
            Wire::Content => inits.push(quote! {
                #member: <rt::XmlContent as rt::xml::XmlType>::read_element(node)?
            }),
            Wire::AnyElements => {
                declarations.push(quote!(let mut #v: Vec<rt::XmlContent> = Vec::new();));
                rest_arm = Some(quote!(#v.push(rt::XmlContent::of_element(child)),));
                inits.push(quote!(#member: #v));
            }
            Wire::Choice(index) => {
                let choice = format_ident!("{}", plan.choices[*index].name);
                declarations.push(quote!(let mut #v: Vec<#choice> = Vec::new();));
                choice_arms.push(quote!(_ if #choice::read_child(&mut #v, child)? => {}));
                let missing = format!("one of the elements of {}", plan.choices[*index].name);
                inits.push(match field.shape {
                    Shape::Required => quote! {
                        #member: #v.pop().ok_or_else(|| rt::xml::missing(node, #missing))?
                    },
                    Shape::List => quote!(#member: #v),
                    _ => quote!(#member: #v.pop()),
                });
            }
            Wire::Element { ns, local } if plain_field(field) => {
                // The runtime reads the element into the field's slot, nil and all.
                let (declaration, read) = match field.shape {
                    Shape::Required | Shape::Optional => (quote!(None), quote!(read_once)),
                    Shape::Tristate => (quote!(rt::Nillable::Absent), quote!(read_nillable)),
                    Shape::List => (quote!(Vec::new()), quote!(read_each)),
                };
                declarations.push(quote!(let mut #v = #declaration;));
                arms.push(quote!((#ns, #local) => rt::xml::#read(&mut #v, child)?,));
                single.push(quote! {
                    if rt::xml::is(child, #ns, #local) {
                        rt::xml::#read(&mut #v, child)?;
                    }
                });
                let value = match field.shape {
                    Shape::Required => quote!(rt::xml::required(#v, node, #local)?),
                    _ => quote!(#v),
                };
                let child = match field.shape {
                    Shape::Required => quote!(rt::xml::required_child(node, #ns, #local)?),
                    Shape::Optional => quote!(rt::xml::child(node, #ns, #local)?),
                    Shape::Tristate => quote!(rt::xml::nillable_child(node, #ns, #local)?),
                    Shape::List => quote!(rt::xml::each_child(node, #ns, #local)?),
                };
                let boxed = |value: TokenStream| match (field.boxed, field.shape) {
                    (false, _) => quote!(#member: #value),
                    (true, Shape::Required) => quote!(#member: Box::new(#value)),
                    (true, _) => quote!(#member: #value.map(Box::new)),
                };
                inits.push(boxed(value));
                by_name.push((inits.len() - 1, boxed(child)));
            }
            Wire::Element { ns, local } => {
                let read = read_value(&field.value, field.boxed, value_ty);
                let held = if field.boxed {
                    quote!(Box<#value_ty>)
                } else {
                    value_ty.clone()
                };
                let this = quote!((#ns, #local));
                let not_nil = quote!(!rt::xml::is_nil(child));
                let is_this = quote!(rt::xml::is(child, #ns, #local));
                match field.shape {
                    Shape::Required | Shape::Optional => {
                        declarations.push(quote!(let mut #v: Option<#held> = None;));
                        arms.push(
                            quote!(#this if #not_nil => rt::xml::once(&mut #v, child, #read)?,),
                        );
                        single.push(quote! {
                            if #is_this && #not_nil {
                                rt::xml::once(&mut #v, child, #read)?;
                            }
                        });
                        claims.push(quote!(#this => {}));
                        inits.push(if field.shape == Shape::Required {
                            let missing = format!("<{local}>");
                            quote!(#member: #v.ok_or_else(|| rt::xml::missing(node, #missing))?)
                        } else {
                            quote!(#member: #v)
                        });
                    }
                    Shape::Tristate => {
                        declarations.push(quote! {
                            let mut #v: rt::Nillable<#held> = rt::Nillable::Absent;
                        });
                        let body = quote! {
                            if #not_nil {
                                rt::xml::once_nillable(&mut #v, child, #read)?;
                            } else if #v.is_absent() {
                                #v = rt::Nillable::Nil;
                            }
                        };
                        arms.push(quote!(#this => { #body }));
                        single.push(quote!(if #is_this { #body }));
                        inits.push(quote!(#member: #v));
                    }
                    Shape::List => {
                        declarations.push(quote!(let mut #v: Vec<#held> = Vec::new();));
                        arms.push(quote!(#this if #not_nil => #v.push(#read),));
                        single.push(quote! {
                            if #is_this && #not_nil {
                                #v.push(#read);
                            }
                        });
                        claims.push(quote!(#this => {}));
                        inits.push(quote!(#member: #v));
                    }
                }
            }
            // Headers come from the envelope; URI parameters and bodies are not XML content.
            Wire::Header { .. } | Wire::Parameter { .. } | Wire::Body | Wire::RawBody => {
                inits.push(quote!(#member: Default::default()));
            }
        }
    }
    // A struct of at most `MOST_READ_BY_NAME` children, each a plain element, reads each by
    // name: a pass over the children per member costs no more than a match of as many arms,
    // and says it in a line where the loop took a dozen.
    let only_plain = by_name.len() == arms.len() && choice_arms.is_empty() && rest_arm.is_none();
    if only_plain && (1..=MOST_READ_BY_NAME).contains(&by_name.len()) {
        for (index, init) in by_name {
            inits[index] = init;
        }
        return (quote!(Ok(Self { #(#inits,)* })), true);
    }
    if rest_arm.is_some() || !choice_arms.is_empty() {
        arms.extend(claims);
    }
    arms.extend(choice_arms);
    // Children of other names are tolerated: servers add members before clients know them,
    // unless a wildcard keeps them.
    let children = (!arms.is_empty() || rest_arm.is_some()).then(|| {
        if let ([_], [only], None) = (arms.as_slice(), single.as_slice(), &rest_arm) {
            return quote! {
                for child in rt::xml::elements(node) {
                    #only
                }
            };
        }
        let rest = rest_arm.unwrap_or_else(|| quote!({}));
        quote! {
            for child in rt::xml::elements(node) {
                match rt::xml::name(child) {
                    #(#arms)*
                    _ => #rest
                }
            }
        }
    });
    let reads_node = children.is_some()
        || plan_struct.fields.iter().any(|f| {
            matches!(
                f.wire,
                Wire::Attribute { .. } | Wire::AnyAttributes | Wire::Text | Wire::Content
            ) || matches!(f.wire, Wire::Choice(_) if f.shape == Shape::Required)
        });
    if !reads_node {
        return (
            quote!(Ok(Self {
                #(#inits,)*
            })),
            false,
        );
    }
    let body = quote! {
        #(#declarations)*
        #children
        Ok(Self {
            #(#inits,)*
        })
    };
    (body, true)
}

/// A choice's enum, with how it writes itself and reads a child.
pub fn choice_items(choice: &ChoicePlan, options: &crate::model::RustOptions) -> TokenStream {
    let ident = format_ident!("{}", choice.name);
    let doc = crate::emit::docs::attrs(&choice.docs);
    let variants = choice.variants.iter().map(|v| {
        let name = format_ident!("{}", v.name);
        let ty = v.ty();
        let doc = crate::emit::docs::attrs(&v.docs);
        quote!(#doc #name(#ty),)
    });
    let writes = choice.variants.iter().map(|v| {
        let name = format_ident!("{}", v.name);
        let Some((ns, local)) = &v.element else {
            return quote!(Self::#name(value) => rt::xml::XmlType::write_content(value, w)?,);
        };
        let one = write_value(&v.value, v.boxed, ns, local, quote!(value));
        let one = if v.nillable {
            quote! {
                match value {
                    Some(value) => { #one }
                    None => w.nil_element(#ns, #local),
                }
            }
        } else {
            one
        };
        if v.repeated {
            quote! {
                Self::#name(values) => {
                    for value in values {
                        #one
                    }
                }
            }
        } else {
            quote!(Self::#name(value) => { #one })
        }
    });
    let mut reads = Vec::new();
    let mut rest = None;
    for v in &choice.variants {
        let name = format_ident!("{}", v.name);
        let Some((ns, local)) = &v.element else {
            rest = Some(quote! {
                items.push(Self::#name(rt::XmlContent::of_element(child)));
                Ok(true)
            });
            continue;
        };
        let read = read_value(&v.value, v.boxed, &v.value_ty);
        let read = if v.nillable {
            quote!(if rt::xml::is_nil(child) { None } else { Some(#read) })
        } else {
            read
        };
        reads.push(if v.repeated {
            quote! {
                if rt::xml::is(child, #ns, #local) {
                    let value = #read;
                    match items.last_mut() {
                        Some(Self::#name(values)) => values.push(value),
                        _ => items.push(Self::#name(vec![value])),
                    }
                    return Ok(true);
                }
            }
        } else {
            quote! {
                if rt::xml::is(child, #ns, #local) {
                    items.push(Self::#name(#read));
                    return Ok(true);
                }
            }
        });
    }
    let rest = rest.unwrap_or_else(|| quote!(Ok(false)));
    let unused_items = reads.is_empty().then(|| quote!(let _ = &items;));
    // A variant that is a credential shows only its name.
    let has_secret = choice.variants.iter().any(|v| v.secret);
    let derives = if has_secret {
        crate::emit::types::derives(&["Clone", "PartialEq"], options)
    } else {
        crate::emit::types::derives(&["Clone", "Debug", "PartialEq"], options)
    };
    let debug = has_secret.then(|| {
        let arms = choice.variants.iter().map(|v| {
            let name = format_ident!("{}", v.name);
            let label = &v.name;
            if v.secret {
                quote!(Self::#name(_) => f.debug_tuple(#label).field(&rt::Redacted).finish(),)
            } else {
                quote!(Self::#name(value) => f.debug_tuple(#label).field(value).finish(),)
            }
        });
        quote! {
            impl ::std::fmt::Debug for #ident {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    match self {
                        #(#arms)*
                    }
                }
            }
        }
    });
    quote! {
        #doc
        #derives
        pub enum #ident {
            #(#variants)*
        }

        #debug

        impl #ident {
            fn write(&self, w: &mut rt::xml::XmlWriter) -> rt::Encoded<()> {
                match self {
                    #(#writes)*
                }
                Ok(())
            }

            /// Reads `child` into `items` if it is one of the choice's elements; a run of a
            /// repeated element is one item.
            fn read_child(
                items: &mut Vec<Self>,
                child: rt::xml::Node<'_, '_>,
            ) -> rt::Decoded<bool> {
                #unused_items
                #(#reads)*
                #rest
            }
        }
    }
}
