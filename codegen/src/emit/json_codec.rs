//! JSON for every struct, as Json.NET writes it: members by wire name, `null` for nil, arrays
//! for lists, nothing for what is absent.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::emit::plan::{ChoicePlan, Polymorphic, StructPlan, ValueKind, Wire};
use crate::emit::rust_types::Shape;

/// `impl JsonType` for a struct: its elements and attributes as members, simple content as
/// `Value`, raw content as `Content`, wildcard elements as `Any` and a choice under the
/// field's name; SOAP headers and attribute wildcards do not travel in JSON and read as
/// absent.
pub fn json_type_impl(plan: &StructPlan<'_>) -> TokenStream {
    let ident = format_ident!("{}", plan.name);
    let mut writes = Vec::new();
    let mut inits = Vec::new();
    for field in &plan.fields {
        let member = field.ident();
        let name = match &field.wire {
            Wire::Element { local, .. } => field
                .element
                .and_then(|e| e.json_name.as_ref())
                .map_or_else(|| local.clone(), |name| name.value.clone()),
            Wire::Attribute { name, .. } => name.clone(),
            Wire::Text => "Value".to_owned(),
            Wire::Content => "Content".to_owned(),
            Wire::AnyElements => "Any".to_owned(),
            Wire::Choice(_) => field.name.clone(),
            _ => {
                inits.push(quote!(#member: Default::default()));
                continue;
            }
        };
        let name = name.as_str();
        let is_array = matches!(field.value, ValueKind::Array { .. });
        // A dictionary is an object of its pairs, other arrays are arrays.
        let keyed = matches!(field.value, ValueKind::Array { keyed: true, .. });
        let to_json = |value: TokenStream| {
            if keyed {
                quote!(rt::json_value::to_object(#value)?)
            } else if is_array {
                quote!(rt::json_value::to_array(#value)?)
            } else {
                quote!(rt::json_value::JsonType::to_json(#value)?)
            }
        };
        let value_ty = &field.value_ty;
        let value_ty = &if field.boxed {
            quote!(Box<#value_ty>)
        } else {
            value_ty.clone()
        };
        let from_json = |value: TokenStream| {
            if keyed {
                quote!(rt::json_value::pairs(#value, &at.member(#name))?)
            } else if is_array {
                quote!(rt::json_value::list(#value, &at.member(#name))?)
            } else {
                quote!(<#value_ty as rt::json_value::JsonType>::from_json(#value, &at.member(#name))?)
            }
        };
        if !is_array {
            // The runtime's call for the shape writes and reads the member.
            let (put, get, value) = match field.shape {
                Shape::Required => (quote!(put), quote!(required), quote!(&self.#member)),
                Shape::Optional if field.nil_when_none => (
                    quote!(put_or_null),
                    quote!(optional),
                    quote!(self.#member.as_ref()),
                ),
                Shape::Optional => (
                    quote!(put_optional),
                    quote!(optional),
                    quote!(self.#member.as_ref()),
                ),
                Shape::Tristate => (
                    quote!(put_nillable),
                    quote!(nillable),
                    quote!(self.#member.as_ref()),
                ),
                Shape::List => (quote!(put_list), quote!(list_member), quote!(&self.#member)),
            };
            writes.push(quote!(rt::json_value::#put(&mut object, #name, #value)?;));
            inits.push(quote!(#member: rt::json_value::#get(object, #name, at)?));
            continue;
        }
        let insert = |json: TokenStream| quote!(object.insert(#name.to_owned(), #json););
        writes.push(match field.shape {
            Shape::Required => insert(to_json(quote!(&self.#member))),
            Shape::Optional if field.nil_when_none => {
                let json = to_json(quote!(value));
                insert(quote! {
                    match &self.#member {
                        Some(value) => #json,
                        None => rt::json_value::Value::Null,
                    }
                })
            }
            Shape::Optional => {
                let insert = insert(to_json(quote!(value)));
                quote!(if let Some(value) = &self.#member { #insert })
            }
            Shape::Tristate => {
                let null = insert(quote!(rt::json_value::Value::Null));
                let value = insert(to_json(quote!(value)));
                quote! {
                    match &self.#member {
                        rt::Nillable::Absent => {}
                        rt::Nillable::Nil => { #null }
                        rt::Nillable::Value(value) => { #value }
                    }
                }
            }
            Shape::List => insert(to_json(quote!(&self.#member))),
        });
        let read_present = from_json(quote!(value));
        inits.push(match field.shape {
            Shape::Required => {
                let missing = format!("member `{name}`");
                quote! {
                    #member: match rt::json_value::get(object, #name) {
                        Some(value) => #read_present,
                        None => return Err(rt::DecodeError::new(
                            at.to_string(),
                            rt::DecodeProblem::Missing(#missing.to_owned()),
                        )),
                    }
                }
            }
            Shape::Optional => quote! {
                #member: match rt::json_value::get(object, #name) {
                    None | Some(rt::json_value::Value::Null) => None,
                    Some(value) => Some(#read_present),
                }
            },
            Shape::Tristate => quote! {
                #member: match rt::json_value::get(object, #name) {
                    None => rt::Nillable::Absent,
                    Some(rt::json_value::Value::Null) => rt::Nillable::Nil,
                    Some(value) => rt::Nillable::Value(#read_present),
                }
            },
            Shape::List => quote! {
                #member: match rt::json_value::get(object, #name) {
                    None | Some(rt::json_value::Value::Null) => Vec::new(),
                    Some(value) => rt::json_value::list(value, &at.member(#name))?,
                }
            },
        });
    }
    let object_used = (!writes.is_empty()).then(|| quote!(mut));
    let unused = writes.is_empty().then(|| quote!(let _ = &object;));
    quote! {
        impl rt::json_value::JsonType for #ident {
            fn to_json(
                &self,
            ) -> rt::Encoded<rt::json_value::Value> {
                let #object_used object = rt::json_value::Map::new();
                #(#writes)*
                Ok(rt::json_value::Value::Object(object))
            }

            fn from_json(
                value: &rt::json_value::Value,
                at: &rt::json_value::JsonPath<'_>,
            ) -> rt::Decoded<Self> {
                let object = rt::json_value::object(value, at)?;
                #unused
                Ok(Self {
                    #(#inits,)*
                })
            }
        }
    }
}

/// `impl JsonType` for a choice: an object with one member, named after the element chosen.
pub fn choice_json_impl(choice: &ChoicePlan) -> TokenStream {
    let ident = format_ident!("{}", choice.name);
    let writes = choice.variants.iter().map(|v| {
        let name = format_ident!("{}", v.name);
        let key = v
            .element
            .as_ref()
            .map_or("Other", |(_, local)| local.as_str());
        quote!(Self::#name(value) => (#key, rt::json_value::JsonType::to_json(value)?),)
    });
    let reads = choice.variants.iter().map(|v| {
        let name = format_ident!("{}", v.name);
        let key = v
            .element
            .as_ref()
            .map_or("Other", |(_, local)| local.as_str());
        let ty = v.ty();
        quote! {
            if let Some(value) = object.get(#key) {
                return Ok(Self::#name(<#ty as rt::json_value::JsonType>::from_json(
                    value,
                    &at.member(#key),
                )?));
            }
        }
    });
    let expected = format!("a member for one of the choices of {}", choice.name);
    quote! {
        impl rt::json_value::JsonType for #ident {
            fn to_json(&self) -> rt::Encoded<rt::json_value::Value> {
                let (key, value) = match self {
                    #(#writes)*
                };
                let mut object = rt::json_value::Map::new();
                object.insert(key.to_owned(), value);
                Ok(rt::json_value::Value::Object(object))
            }

            fn from_json(
                value: &rt::json_value::Value,
                at: &rt::json_value::JsonPath<'_>,
            ) -> rt::Decoded<Self> {
                let object = rt::json_value::object(value, at)?;
                #(#reads)*
                Err(rt::DecodeError::new(
                    at.to_string(),
                    rt::DecodeProblem::Missing(#expected.to_owned()),
                ))
            }
        }
    }
}

/// `impl JsonType` for a type and its derived types: the value's object, with `__type`
/// naming a derived type as the DataContractJsonSerializer does.
pub fn polymorphic_json_impl(poly: &Polymorphic) -> TokenStream {
    let ident = format_ident!("{}", poly.name);
    let base = poly.base.as_ref().map(|b| format_ident!("{}", b.rust));
    let writes = poly.variants().map(|v| {
        let name = format_ident!("{}", v.rust);
        let local = &v.ty.local;
        if Some(&name) == base.as_ref() {
            quote!(Self::#name(value) => rt::json_value::JsonType::to_json(value),)
        } else {
            quote! {
                Self::#name(value) => {
                    let mut json = rt::json_value::JsonType::to_json(value)?;
                    if let rt::json_value::Value::Object(object) = &mut json {
                        object.insert("__type".to_owned(), rt::json_value::Value::from(#local));
                    }
                    Ok(json)
                }
            }
        }
    });
    let reads = poly.derived.iter().map(|v| {
        let name = format_ident!("{}", v.rust);
        let local = &v.ty.local;
        quote! {
            Some(#local) => Ok(Self::#name(rt::json_value::JsonType::from_json(value, at)?)),
        }
    });
    let fallback = match &base {
        Some(base) => {
            quote!(_ => Ok(Self::#base(rt::json_value::JsonType::from_json(value, at)?)),)
        }
        None => {
            let expected = format!("`__type` naming a type derived from {}", poly.name);
            quote! {
                _ => Err(rt::DecodeError::new(
                    at.to_string(),
                    rt::DecodeProblem::Missing(#expected.to_owned()),
                )),
            }
        }
    };
    quote! {
        impl rt::json_value::JsonType for #ident {
            fn to_json(&self) -> rt::Encoded<rt::json_value::Value> {
                match self {
                    #(#writes)*
                }
            }

            fn from_json(
                value: &rt::json_value::Value,
                at: &rt::json_value::JsonPath<'_>,
            ) -> rt::Decoded<Self> {
                let kind = value
                    .get("__type")
                    .and_then(rt::json_value::Value::as_str)
                    .map(|t| t.split(':').next().unwrap_or(t));
                match kind {
                    #(#reads)*
                    #fallback
                }
            }
        }
    }
}
