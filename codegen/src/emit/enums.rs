//! Enumerations, which keep values the documents do not list, and a service's error codes.

use std::collections::BTreeMap;

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::emit::docs::{self, code};
use crate::model::{Doc, Enumeration, Service};
use crate::names::{self, Scope};

/// The variant names of an enumeration's members, by wire name.
pub fn variant_names(enumeration: &Enumeration) -> Vec<(String, String)> {
    let mut scope = Scope::with_reserved(&["Other"]);
    enumeration
        .members
        .iter()
        .map(|m| {
            (
                m.name.value.clone(),
                scope.claim(&names::variant_name(&m.name.value)),
            )
        })
        .collect()
}

/// An enumeration: a variant per known value, and `Other` for the rest, kept as it came;
/// with its text for XML, and its JSON (the number where the page shows one) when `json`.
pub fn enumeration(
    name: &str,
    mut paragraphs: Vec<String>,
    enumeration: &Enumeration,
    json: bool,
    options: &crate::model::RustOptions,
    xsi_type: Option<&crate::model::QName>,
) -> TokenStream {
    let derive =
        crate::emit::types::derives(&["Clone", "Debug", "PartialEq", "Eq", "Hash"], options);
    let ident = format_ident!("{}", name);
    let numbered = enumeration.numbered();
    if enumeration.members.is_empty() {
        paragraphs.push(
            "The documents show none of its values, and no sample: it is read and written as \
             ASP.NET writes an enumeration by default, Json.NET its number and the \
             DataContractSerializer its member name."
                .to_owned(),
        );
    }
    paragraphs.push(if numbered {
        "XML carries the name of a value, JSON its number. A value the documents do not list is \
         kept as it came, and written back the same: a name in `Other`, a number in \
         `OtherNumber`."
            .to_owned()
    } else {
        "A value the documents do not list is kept in `Other` as it came, and written back the same."
            .to_owned()
    });
    let doc = docs::attrs(&paragraphs);
    let variants: Vec<(proc_macro2::Ident, &str, Option<i64>)> = enumeration
        .members
        .iter()
        .zip(variant_names(enumeration))
        .map(|(m, (_, variant))| {
            (
                format_ident!("{}", variant),
                m.name.value.as_str(),
                m.value.as_ref().map(|v| v.value),
            )
        })
        .collect();
    let variant_items = variants.iter().map(|(variant, wire, number)| {
        let text = match number {
            Some(n) => format!("{}, number {n} in JSON.", code(wire)),
            None => format!("{}.", code(wire)),
        };
        let doc = docs::attrs(&[text]);
        quote!(#doc #variant,)
    });
    let as_str = variants.iter().map(|(variant, wire, _)| {
        if numbered {
            quote!(Self::#variant => ::std::borrow::Cow::Borrowed(#wire),)
        } else {
            quote!(Self::#variant => #wire,)
        }
    });
    // The names and numbers a value is read from are tables, sorted here and searched by
    // halves: an enumeration of thousands of values costs a line per value and direction, not
    // a `match` arm that the compiler checks against every other. Where the documents list a
    // name or a number twice, the first member has it, as the first arm of a `match` would.
    let name_rows = sorted_table(variants.iter().map(|(variant, wire, _)| (*wire, variant)));
    let name_table = (!name_rows.is_empty()).then(|| {
        let rows = name_rows
            .iter()
            .map(|(wire, variant)| quote!((#wire, Self::#variant),));
        quote! {
            /// The known values by the names the wire carries, sorted by name.
            const BY_NAME: &'static [(&'static str, Self)] = &[#(#rows)*];
        }
    });
    // A search of the known names, then what `unknown` makes of any other; where no name
    // is known, `unknown` of the name itself.
    let by_name = |unknown: &dyn Fn(TokenStream) -> TokenStream| {
        if name_table.is_none() {
            unknown(quote!(name))
        } else {
            let other = unknown(quote!(name));
            quote! {
                match Self::BY_NAME.binary_search_by(|(known, _)| (*known).cmp(name)) {
                    Ok(found) => Self::BY_NAME[found].1.clone(),
                    Err(_) => #other,
                }
            }
        }
    };
    let number_fns = numbered.then(|| {
        let to_number = variants.iter().map(|(variant, _, number)| match number {
            Some(n) => {
                let n = Literal::i64_unsuffixed(*n);
                quote!(Self::#variant => Some(#n),)
            }
            None => quote!(Self::#variant => None,),
        });
        let number_rows = sorted_table(
            variants
                .iter()
                .filter_map(|(variant, _, number)| number.map(|n| (n, variant))),
        );
        let number_table = (!number_rows.is_empty()).then(|| {
            let rows = number_rows.iter().map(|(n, variant)| {
                let n = Literal::i64_unsuffixed(*n);
                quote!((#n, Self::#variant),)
            });
            quote! {
                /// The known values by the numbers Json.NET writes, sorted by number.
                const BY_NUMBER: &'static [(i64, Self)] = &[#(#rows)*];
            }
        });
        // Where no member shows a number, every number is another.
        let from_number = if number_table.is_none() {
            quote!(Self::OtherNumber(number))
        } else {
            quote! {
                match Self::BY_NUMBER.binary_search_by_key(&number, |(known, _)| *known) {
                    Ok(found) => Self::BY_NUMBER[found].1.clone(),
                    Err(_) => Self::OtherNumber(number),
                }
            }
        };
        quote! {
            /// The number Json.NET writes for the value, where the page shows it or the
            /// number came from JSON.
            pub fn number(&self) -> Option<i64> {
                match self {
                    #(#to_number)*
                    Self::Other(_) => None,
                    Self::OtherNumber(number) => Some(*number),
                }
            }

            /// The value a number stands for; numbers the documents do not show are kept in
            /// `OtherNumber`.
            pub fn from_number(number: i64) -> Self {
                #from_number
            }

            #number_table
        }
    });
    let expected = format!("a value of {name}");
    // A number for an enumeration the page shows no numbers of is kept as it came.
    let from_number = if numbered {
        quote!(Self::from_number)
    } else {
        quote!(|number: i64| Self::Other(number.to_string()))
    };
    let json_impl = json.then(|| {
        let to_json = if numbered {
            quote! {
                Ok(match self.number() {
                    Some(number) => rt::json_value::Value::from(number),
                    None => rt::json_value::Value::String(self.as_str().into_owned()),
                })
            }
        } else {
            quote!(Ok(rt::json_value::Value::String(self.as_str().to_owned())))
        };
        quote! {
            impl rt::json_value::JsonType for #ident {
                fn to_json(
                    &self,
                ) -> rt::Encoded<rt::json_value::Value> {
                    #to_json
                }

                fn from_json(
                    value: &rt::json_value::Value,
                    at: &rt::json_value::JsonPath<'_>,
                ) -> rt::Decoded<Self> {
                    match value {
                        rt::json_value::Value::String(name) => Ok(Self::from_name(name)),
                        rt::json_value::Value::Number(number) => number
                            .as_i64()
                            .map(#from_number)
                            .ok_or_else(|| rt::json_value::bad_json(at, #expected, value)),
                        _ => Err(rt::json_value::bad_json(at, #expected, value)),
                    }
                }
            }
        }
    });
    // A .NET name is never digits: digits are a number, as Json.NET and this crate's
    // `OtherNumber` write one where a name goes.
    let from_name_fn = if numbered {
        let body = by_name(&|other| {
            quote! {
                match #other.parse::<i64>() {
                    Ok(number) if number.to_string() == #other => Self::from_number(number),
                    _ => Self::Other(#other.to_owned()),
                }
            }
        });
        quote! {
            /// The value a wire name stands for; digits are the number they spell, and
            /// other names the documents do not list are kept in `Other`.
            pub fn from_name(name: &str) -> Self {
                #body
            }
        }
    } else {
        let body = by_name(&|other| quote!(Self::Other(#other.to_owned())));
        quote! {
            /// The value a wire name stands for; names the documents do not list are kept in `Other`.
            pub fn from_name(name: &str) -> Self {
                #body
            }
        }
    };
    let other_doc = docs::attrs(&[if numbered {
        "A name the documents do not list, as it came."
    } else {
        "A value the documents do not list, as it came."
    }
    .to_owned()]);
    let to_text = if numbered {
        quote!(self.as_str())
    } else {
        quote!(::std::borrow::Cow::Borrowed(self.as_str()))
    };
    // A number from JSON has no name: it is written as its digits where a name must go.
    let (other_number, as_str) = if numbered {
        (
            Some(quote! {
                /// A number the documents do not show, as JSON carried it; its name is not
                /// known, so XML carries its digits.
                OtherNumber(i64),
            }),
            quote! {
                /// The name the wire carries (the digits of an `OtherNumber`).
                pub fn as_str(&self) -> ::std::borrow::Cow<'_, str> {
                    match self {
                        #(#as_str)*
                        Self::Other(other) => ::std::borrow::Cow::Borrowed(other),
                        Self::OtherNumber(number) => ::std::borrow::Cow::Owned(number.to_string()),
                    }
                }
            },
        )
    } else {
        (
            None,
            quote! {
                /// The name the wire carries.
                pub fn as_str(&self) -> &str {
                    match self {
                        #(#as_str)*
                        Self::Other(other) => other,
                    }
                }
            },
        )
    };
    // A SOAP-encoded message names the type of each value.
    let xsi_type = xsi_type.map(|name| {
        let (ns, local) = (&name.namespace, &name.local);
        quote!(const XSI_TYPE: Option<(&'static str, &'static str)> = Some((#ns, #local));)
    });
    quote! {
        #doc
        #derive
        pub enum #ident {
            #(#variant_items)*
            #other_doc
            Other(String),
            #other_number
        }

        impl #ident {
            #as_str

            #from_name_fn

            #name_table

            #number_fns
        }

        impl rt::XmlText for #ident {
            const EXPECTED: &'static str = #expected;
            #xsi_type

            fn to_text(&self) -> ::std::borrow::Cow<'_, str> {
                #to_text
            }

            fn from_text(text: &str) -> Option<Self> {
                Some(Self::from_name(text))
            }
        }

        #json_impl
    }
}

/// `rows` sorted by key, the first of each key kept.
fn sorted_table<K: Ord + Copy, V>(rows: impl Iterator<Item = (K, V)>) -> Vec<(K, V)> {
    let mut rows: Vec<(K, V)> = rows.collect();
    rows.sort_by_key(|(key, _)| *key);
    rows.dedup_by_key(|(key, _)| *key);
    rows
}

/// The error codes of a service's operations, as `ErrorCode`, and the error they report, as
/// `ServiceError`; nothing when its pages list no codes and no operation reports errors.
pub fn error_codes(service: &Service) -> Option<TokenStream> {
    let mut codes: BTreeMap<u32, (&str, Vec<&Doc>)> = BTreeMap::new();
    for op in &service.operations {
        for error in &op.error_codes {
            let entry = codes
                .entry(error.code.value)
                .or_insert((error.message.value.as_str(), Vec::new()));
            for doc in &error.documentation {
                if !entry.1.iter().any(|d| d.text == doc.text) {
                    entry.1.push(doc);
                }
            }
        }
    }
    let reports_errors = service.operations.iter().any(|op| {
        matches!(
            op.outcome.as_ref().map(|o| &o.value),
            Some(crate::model::Outcome::SuccessFlag { .. })
        )
    });
    if codes.is_empty() && !reports_errors {
        return None;
    }
    let redact = crate::emit::secrets::failure_redact("ServiceError");
    let mut scope = Scope::with_reserved(&["Other"]);
    let variants: Vec<(proc_macro2::Ident, u32, &str, Vec<&Doc>)> = codes
        .into_iter()
        .map(|(number, (message, docs))| {
            let wanted = if message.is_empty() {
                format!("Code{number}")
            } else {
                names::variant_name(message)
            };
            (
                format_ident!("{}", scope.claim(&wanted)),
                number,
                message,
                docs,
            )
        })
        .collect();
    let variant_items = variants
        .iter()
        .map(|(variant, number, message, page_docs)| {
            let mut paragraphs = vec![format!("`[{number}]` {}", docs::text(message))];
            paragraphs.extend(page_docs.iter().map(|d| docs::text(&d.text)));
            let doc = docs::attrs(&paragraphs);
            quote!(#doc #variant,)
        });
    let from_code = variants.iter().map(|(variant, number, _, _)| {
        let number = Literal::u32_unsuffixed(*number);
        quote!(#number => Self::#variant,)
    });
    let to_code = variants.iter().map(|(variant, number, _, _)| {
        let number = Literal::u32_unsuffixed(*number);
        quote!(Self::#variant => #number,)
    });
    let messages = variants
        .iter()
        .map(|(variant, _, message, _)| quote!(Self::#variant => Some(#message),));
    let name = &service.name.value;
    let enum_doc = docs::attrs(&[format!(
        "The error codes the pages of {} list. A code they do not list is kept in `Other`.",
        code(name)
    )]);
    let error_doc = docs::attrs(&[format!(
        "An error {} reported: its code and the message as sent (`[901] Session expired or Invalid ticket`).",
        code(name)
    )]);
    Some(quote! {
        #enum_doc
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum ErrorCode {
            #(#variant_items)*
            /// A code the pages do not list.
            Other(u32),
        }

        impl ErrorCode {
            /// The code for a number.
            pub fn from_code(code: u32) -> Self {
                match code {
                    #(#from_code)*
                    other => Self::Other(other),
                }
            }

            /// The number of the code.
            pub fn code(self) -> u32 {
                match self {
                    #(#to_code)*
                    Self::Other(other) => other,
                }
            }

            /// The message the pages give for the code.
            pub fn documented_message(self) -> Option<&'static str> {
                match self {
                    #(#messages)*
                    Self::Other(_) => None,
                }
            }
        }

        #error_doc
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub struct ServiceError {
            /// The code, when the message starts with one in brackets.
            pub code: Option<ErrorCode>,
            /// The message, as the service sent it.
            pub message: String,
        }

        impl ServiceError {
            /// Reads `[901] Session expired or Invalid ticket`; `None` when the text does not
            /// start with a code in brackets.
            pub fn parse(text: &str) -> Option<Self> {
                let (code, message) = rt::bracketed_code(text)?;
                Some(ServiceError {
                    code: Some(ErrorCode::from_code(code)),
                    message: message.to_owned(),
                })
            }

            /// The error a text reports: its code and message, or the whole text as the
            /// message when it has no code.
            pub fn from_text(text: &str) -> Self {
                Self::parse(text).unwrap_or_else(|| ServiceError {
                    code: None,
                    message: text.to_owned(),
                })
            }
        }

        impl ::std::fmt::Display for ServiceError {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self.code {
                    Some(code) => write!(f, "[{}] {}", code.code(), self.message),
                    None => f.write_str(&self.message),
                }
            }
        }

        impl ::std::error::Error for ServiceError {}

        #redact
    })
}

#[cfg(test)]
mod tests {
    use super::sorted_table;

    #[test]
    fn a_table_is_sorted_by_key_and_keeps_the_first_member_of_a_key() {
        // Numbers as a Web API page may show them: out of order, one given twice.
        let rows = [
            (3, "Closed"),
            (-1, "Unknown"),
            (1, "Open"),
            (3, "Shut"),
            (2, "Held"),
        ];
        assert_eq!(
            sorted_table(rows.into_iter()),
            vec![(-1, "Unknown"), (1, "Open"), (2, "Held"), (3, "Closed")]
        );
        // Names sort as `str::cmp` compares them, which the generated search uses.
        let names = [("b", 0), ("B", 1), ("≤12", 2), ("1", 3), ("a-b", 4)];
        let sorted: Vec<&str> = sorted_table(names.into_iter())
            .into_iter()
            .map(|(name, _)| name)
            .collect();
        assert_eq!(sorted, ["1", "B", "a-b", "b", "≤12"]);
    }
}
