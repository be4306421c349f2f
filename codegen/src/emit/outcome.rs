//! Outcomes: a response that arrived fine can still report failure, by a success flag and an
//! error text (srv.asmx) or by a status member (Cebes). `outcome()` says which.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::emit::docs::{self, code};
use crate::emit::enums::variant_names;
use crate::emit::plan::{Field, StructPlan, Wire};
use crate::emit::rust_types::Shape;
use crate::model::{Outcome, QName, Service, TypeKind, TypeUse};

fn field<'p, 'm>(holder: &'p StructPlan<'m>, name: &QName) -> Option<&'p Field<'m>> {
    holder.fields.iter().find(|f| match &f.wire {
        Wire::Element { ns, local } => *ns == name.namespace && *local == name.local,
        Wire::Attribute {
            ns,
            name: attribute,
        } => *ns == name.namespace && *attribute == name.local,
        _ => false,
    })
}

/// A value for a field of its shape.
fn wrap(field: &Field<'_>, value: TokenStream) -> Option<TokenStream> {
    match field.shape {
        Shape::Required => Some(value),
        Shape::Optional => Some(quote!(Some(#value))),
        Shape::Tristate => Some(quote!(rt::Nillable::Value(#value))),
        Shape::List => None,
    }
}

/// `fn failed`, which makes the response that reports a failure: `values` for their fields,
/// the rest by default (nothing when a field cannot be set so, or the others have no
/// default). Behind the `server` feature: a client reads failures, a server writes them.
fn failed_fn(
    holder: &StructPlan<'_>,
    values: &[(&Field<'_>, Option<TokenStream>)],
    parameters: TokenStream,
    doc: String,
) -> Option<TokenStream> {
    let mut inits = Vec::new();
    for (field, value) in values {
        let member = field.ident();
        let value = value.as_ref()?;
        inits.push(quote!(#member: #value));
    }
    let others = holder.fields.len() > values.len();
    if others && !holder.fields.iter().all(|f| f.has_default) {
        return None;
    }
    let rest = others.then(|| quote!(..Default::default()));
    let doc = docs::attrs(&[doc]);
    Some(quote! {
        #doc
        #[cfg(feature = "server")]
        pub fn failed(#parameters) -> Self {
            Self {
                #(#inits,)*
                #rest
            }
        }
    })
}

/// `fn outcome` on a response type, and the failure type it returns for a status member.
/// `failure_name` is the name planned for that failure type.
pub fn outcome_items(
    service: &Service,
    outcome: &Outcome,
    holder: &StructPlan<'_>,
    type_name: &str,
    failure_name: &str,
) -> Option<TokenStream> {
    let ident = format_ident!("{}", type_name);
    match outcome {
        Outcome::SuccessFlag { flag, error } => {
            let flag = field(holder, flag)?;
            let error = field(holder, error)?;
            let (flag_member, error_member) = (flag.ident(), error.ident());
            let succeeded = match flag.shape {
                Shape::Required => quote!(self.#flag_member),
                _ => quote!(self.#flag_member == Some(true)),
            };
            let text = match error.shape {
                Shape::Required => quote!(Some(self.#error_member.as_str())),
                _ => quote!(self.#error_member.as_deref()),
            };
            let doc = docs::attrs(&[format!(
                "`Ok` when {} is true; otherwise the error the service reports in {}, such as \
                 `[901] Session expired or Invalid ticket`.",
                code(&flag.name),
                code(&error.name)
            )]);
            let failed = failed_fn(
                holder,
                &[
                    (flag, wrap(flag, quote!(false))),
                    (error, wrap(error, quote!(error.to_string()))),
                ],
                quote!(error: &ServiceError),
                format!(
                    "The response that reports `error` as the service does: {} false and the \
                     error's text in {}. For a stand-in's `Server`.",
                    code(&flag.name),
                    code(&error.name)
                ),
            );
            Some(quote! {
                impl #ident {
                    #failed

                    #doc
                    pub fn outcome(&self) -> ::std::result::Result<(), ServiceError> {
                        if #succeeded {
                            return Ok(());
                        }
                        Err(match #text {
                            Some(text) => ServiceError::from_text(text),
                            None => ServiceError {
                                code: None,
                                message: String::new(),
                            },
                        })
                    }
                }
            })
        }
        Outcome::Status {
            member,
            success,
            message,
            ..
        } => {
            let status = field(holder, member)?;
            let enum_name = match status.element.map(|e| &e.ty.value) {
                Some(TypeUse::Named(name)) => name,
                _ => return None,
            };
            let TypeKind::Enumeration(enumeration) = &service.find_type(enum_name)?.kind else {
                return None;
            };
            let enum_ty = &status.value_ty;
            let variants = variant_names(enumeration);
            let successes = success.iter().filter_map(|wire| {
                let (_, variant) = variants.iter().find(|(w, _)| w == wire)?;
                let variant = format_ident!("{}", variant);
                Some(quote!(Some(#enum_ty::#variant)))
            });
            let status_member = status.ident();
            let status_value = match status.shape {
                Shape::Required => quote!(Some(&self.#status_member)),
                Shape::Optional => quote!(self.#status_member.as_ref()),
                Shape::Tristate => quote!(self.#status_member.value()),
                Shape::List => quote!(self.#status_member.last()),
            };
            let message_value = match message.as_ref().and_then(|m| field(holder, m)) {
                Some(m) if m.value_ty.to_string() == "String" => {
                    let member = m.ident();
                    match m.shape {
                        Shape::Required => quote!(Some(self.#member.clone())),
                        Shape::Optional => quote!(self.#member.clone()),
                        Shape::Tristate => quote!(self.#member.value().cloned()),
                        Shape::List => quote!(self.#member.last().cloned()),
                    }
                }
                _ => quote!(None),
            };
            let failure = format_ident!("{}", failure_name);
            let redact = crate::emit::secrets::failure_redact(failure_name);
            let success_list = success
                .iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let doc = docs::attrs(&[format!(
                "`Ok` when {} is {success_list}; otherwise the status and the message the \
                 service gives. A status the pages do not list is not taken for success.",
                code(&member.local)
            )]);
            let failure_doc = docs::attrs(&[format!(
                "A response of {} whose status is not a success.",
                code(&service.name.value)
            )]);
            let message_field = message
                .as_ref()
                .and_then(|m| field(holder, m))
                .filter(|m| m.value_ty.to_string() == "String");
            let failed = message_field.and_then(|message_field| {
                failed_fn(
                    holder,
                    &[
                        (status, wrap(status, quote!(status))),
                        (message_field, wrap(message_field, quote!(message.into()))),
                    ],
                    quote!(status: #enum_ty, message: impl Into<String>),
                    format!(
                        "The response that reports a status that is not a success, with its \
                         message, as the service does ({} and {}). For a stand-in's `Server`.",
                        code(&status.name),
                        code(&message_field.name)
                    ),
                )
            });
            Some(quote! {
                impl #ident {
                    #failed

                    #doc
                    pub fn outcome(&self) -> ::std::result::Result<(), #failure> {
                        let status = #status_value;
                        if matches!(status, #(#successes)|*) {
                            return Ok(());
                        }
                        Err(#failure {
                            status: status.cloned(),
                            message: #message_value,
                        })
                    }
                }

                #failure_doc
                #[derive(Clone, Debug, PartialEq, Eq)]
                pub struct #failure {
                    /// The status, if the response has one.
                    pub status: Option<#enum_ty>,
                    /// The message that explains it, if the response has one.
                    pub message: Option<String>,
                }

                impl ::std::fmt::Display for #failure {
                    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        match &self.status {
                            Some(status) => write!(f, "status {}", status.as_str())?,
                            None => f.write_str("no status")?,
                        }
                        match &self.message {
                            Some(message) => write!(f, ": {message}"),
                            None => Ok(()),
                        }
                    }
                }

                impl ::std::error::Error for #failure {}

                #redact
            })
        }
    }
}
