//! Query and form pairs for operations' requests: each simple member a `name=value` pair,
//! an array member one pair per item, in the order of the request's members.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::plan::{StructPlan, ValueKind, Wire};
use crate::emit::rust_types::Shape;

/// `write_pairs` and `read_pairs` for a request struct, or code that refuses, naming the
/// operation, when a member cannot be a pair.
pub fn pairs_fns(plan: &StructPlan<'_>, operation: &str) -> TokenStream {
    let members: Vec<_> = plan
        .fields
        .iter()
        .filter(|f| matches!(f.wire, Wire::Element { .. }))
        .collect();
    if members.iter().any(|f| !f.simple) {
        return quote! {
            fn write_pairs(&self) -> rt::Encoded<String> {
                Err(rt::EncodeError {
                    at: #operation.to_owned(),
                    problem: rt::EncodeProblem::NotAPair,
                })
            }

            #[cfg(feature = "server")]
            fn read_pairs(
                _text: &str,
                what: &'static str,
            ) -> rt::Decoded<Self> {
                Err(rt::DecodeError::new(
                    what,
                    rt::DecodeProblem::Unexpected {
                        expected: "a SOAP envelope".to_owned(),
                        found: "pairs, which cannot carry this operation's members".to_owned(),
                    },
                ))
            }
        };
    }
    let mut writes = Vec::new();
    let mut inits = Vec::new();
    for field in &plan.fields {
        let member = field.ident();
        let Wire::Element { local, .. } = &field.wire else {
            inits.push(quote!(#member: Default::default()));
            continue;
        };
        let is_array = matches!(field.value, ValueKind::Array { .. });
        let nillable_items = matches!(
            field.value,
            ValueKind::Array {
                item_nillable: true,
                ..
            }
        );
        let add = |value: TokenStream| {
            if nillable_items {
                quote!(pairs.add_items(#local, #value)?;)
            } else if is_array {
                quote!(for item in #value { pairs.add(#local, item); })
            } else {
                quote!(pairs.add(#local, #value);)
            }
        };
        // Items read from pairs are never nil.
        let all = if nillable_items {
            quote!(pairs.all(#local)?.into_iter().map(Some).collect::<Vec<_>>())
        } else {
            quote!(pairs.all(#local)?)
        };
        let read = if is_array {
            all.clone()
        } else {
            quote!(pairs.get(#local)?)
        };
        match field.shape {
            Shape::Required => {
                writes.push(add(quote!(&self.#member)));
                inits.push(if is_array {
                    quote!(#member: #all)
                } else {
                    quote!(#member: pairs.required(#local)?)
                });
            }
            Shape::Optional => {
                let add = add(quote!(value));
                writes.push(quote!(if let Some(value) = &self.#member { #add }));
                inits.push(if is_array {
                    quote!(#member: Some(#all).filter(|items: &Vec<_>| !items.is_empty()))
                } else {
                    quote!(#member: #read)
                });
            }
            Shape::Tristate => {
                let add = add(quote!(value));
                writes.push(quote!(if let rt::Nillable::Value(value) = &self.#member { #add }));
                inits.push(if is_array {
                    quote! {
                        #member: {
                            let items = #all;
                            if items.is_empty() {
                                rt::Nillable::Absent
                            } else {
                                rt::Nillable::Value(items)
                            }
                        }
                    }
                } else {
                    quote! {
                        #member: match pairs.get(#local)? {
                            Some(value) => rt::Nillable::Value(value),
                            None => rt::Nillable::Absent,
                        }
                    }
                });
            }
            Shape::List => {
                writes.push(quote!(for value in &self.#member { pairs.add(#local, value); }));
                inits.push(quote!(#member: pairs.all(#local)?));
            }
        }
    }
    let mutable = (!writes.is_empty()).then(|| quote!(mut));
    let unused = writes.is_empty().then(|| quote!(let _ = &pairs;));
    quote! {
        fn write_pairs(&self) -> rt::Encoded<String> {
            let #mutable pairs = rt::pair::PairsWriter::new();
            #(#writes)*
            Ok(pairs.finish())
        }

        #[cfg(feature = "server")]
        fn read_pairs(
            text: &str,
            what: &'static str,
        ) -> rt::Decoded<Self> {
            let pairs = rt::pair::Pairs::parse(text, what);
            #unused
            Ok(Self {
                #(#inits,)*
            })
        }
    }
}
