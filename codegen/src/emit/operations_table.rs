//! `OPERATIONS`: how each operation is bound, for a client to address it: method, path,
//! SOAP action and media types, as each binding family says.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::emit::bindings::{self, Addressing, carried_kinds};
use crate::emit::docs;
use crate::emit::plan::{OperationPlan, Plan};
use crate::model::{AddressingVersion, Binding, BindingKind, Policy};
use crate::names;

/// `OPERATIONS`: each operation's bindings with method, path, action and media types, and
/// before it a constant for each WS-Policy a binding states.
pub fn operations_table(plan: &Plan<'_>) -> TokenStream {
    let policies = policy_consts(plan);
    let rows: Vec<Row<'_>> = plan.operations.iter().map(Row::of).collect();
    // The path that every operation bound the common way posts to, where two or more share
    // it, is a constant the rows name: the literal in each made a row of five lines one of
    // eight.
    let paths: Vec<Option<&str>> = rows
        .iter()
        .filter_map(|row| row.common.as_ref().map(|(path, _)| path.as_deref()))
        .collect();
    let shared_path = match paths.as_slice() {
        [Some(first), rest @ ..] if !rest.is_empty() && rest.iter().all(|p| p == &Some(*first)) => {
            Some(*first)
        }
        _ => None,
    };
    let path_const = shared_path.map(|path| {
        let doc = docs::attrs(&[
            "The path every operation of the service is posted to on both SOAP versions."
                .to_owned(),
        ]);
        quote! {
            #doc
            pub const PATH: Option<&str> = Some(#path);
        }
    });
    // Where every operation bound the common way has for its request the element of its own
    // name in one namespace, such a row is one call of two helpers (`row`,
    // `soap`) of a line or two, where the struct took five to eight.
    let shared_ns = shared_path.and_then(|_| {
        let mut namespaces = rows.iter().filter(|row| row.common.is_some()).map(|row| {
            match row.op.op.input.first_element() {
                Some(element) if element.local == row.op.op.key() => {
                    Some(element.namespace.as_str())
                }
                _ => None,
            }
        });
        let first = namespaces.next()??;
        namespaces.all(|ns| ns == Some(first)).then_some(first)
    });
    let helpers = shared_ns.map(|ns| {
        let row_doc = docs::attrs(&[format!(
            "A row of [`OPERATIONS`] bound the common way: its request is the element `name` \
             of {}, on `bindings`.",
            docs::code(ns)
        )]);
        let both_doc = docs::attrs(&["Both SOAP versions at [`PATH`], with `action`.".to_owned()]);
        quote! {
            #row_doc
            const fn row(
                name: &'static str,
                bindings: &'static [rt::BindingInfo],
            ) -> rt::OperationInfo {
                rt::OperationInfo {
                    name,
                    element: Some((#ns, name)),
                    bindings,
                }
            }

            #both_doc
            const fn soap(action: &'static str) -> [rt::BindingInfo; 2] {
                rt::BindingInfo::soap(PATH, action)
            }
        }
    });
    let entries = rows.iter().map(|row| {
        let op = row.op;
        let name = op.op.key();
        if let (Some(_), Some((_, action))) = (&helpers, &row.common) {
            return quote!(row(#name, &soap(#action)));
        }
        let bindings = match &row.common {
            Some((path, action)) => {
                let path = match path {
                    Some(_) if shared_path.is_some() => quote!(PATH),
                    Some(path) => quote!(Some(#path)),
                    None => quote!(None),
                };
                quote!(&rt::BindingInfo::soap(#path, #action))
            }
            None => {
                let each = row
                    .carried
                    .iter()
                    .map(|(binding, kind, tokens, addressing)| {
                        binding_info(binding, *kind, tokens, addressing, &policies.names)
                    });
                quote!(&[#(#each),*])
            }
        };
        let element = match op.op.input.first_element() {
            Some(name) => {
                let (ns, local) = (&name.namespace, &name.local);
                quote!(Some((#ns, #local)))
            }
            None => quote!(None),
        };
        quote! {
            rt::OperationInfo {
                name: #name,
                element: #element,
                bindings: #bindings,
            }
        }
    });
    let doc = docs::attrs(&[
        "Each operation of the service and how it is bound: method, path, SOAP action and media types."
            .to_owned(),
    ]);
    let consts = policies.items;
    quote! {
        #(#consts)*
        #path_const
        #helpers
        #doc
        pub const OPERATIONS: &[rt::OperationInfo] = &[#(#entries),*];
    }
}

/// An operation's row of `OPERATIONS`: the bindings it is carried by, and, for the commonest
/// case (both SOAP versions at one address with one action, no policy), that path and action.
struct Row<'p> {
    op: &'p OperationPlan<'p>,
    carried: Vec<(&'p Binding, BindingKind, TokenStream, Addressing)>,
    common: Option<(Option<String>, String)>,
}

impl<'p> Row<'p> {
    fn of(op: &'p OperationPlan<'p>) -> Self {
        let carried: Vec<(&Binding, BindingKind, TokenStream, Addressing)> = op
            .op
            .bindings
            .iter()
            .flat_map(|binding| {
                carried_kinds(binding)
                    .into_iter()
                    .map(move |(kind, tokens)| {
                        (binding, kind, tokens, bindings::addressing(binding, kind))
                    })
            })
            .collect();
        let common = match carried.as_slice() {
            [
                (Binding::Soap(_), BindingKind::Soap11, _, v11),
                (Binding::Soap(_), BindingKind::Soap12, _, v12),
            ] if v11.path == v12.path
                && v11.action == v12.action
                && carried
                    .iter()
                    .all(|(binding, ..)| policy_of(binding).is_none()) =>
            {
                v11.action.clone().map(|action| (v11.path.clone(), action))
            }
            _ => None,
        };
        Row {
            op,
            carried,
            common,
        }
    }
}

/// The policy a binding states, if it is a SOAP binding that states one.
fn policy_of(binding: &Binding) -> Option<&Policy> {
    match binding {
        Binding::Soap(soap) => soap.policy.as_deref(),
        _ => None,
    }
}

/// The constants of the bindings' policies, one per WSDL binding that states one.
struct PolicyConsts<'m> {
    /// Each policy's constant.
    names: Vec<(&'m Policy, Ident)>,
    /// The constants.
    items: Vec<TokenStream>,
}

/// A constant for each WSDL binding's policy, named after the binding
/// (`WS_HTTP_BINDING_I_SERVICE_POLICY`), its documentation what the policy asks and how the
/// generated code follows it.
fn policy_consts<'m>(plan: &Plan<'m>) -> PolicyConsts<'m> {
    let mut consts = PolicyConsts {
        names: Vec::new(),
        items: Vec::new(),
    };
    for (policy, name) in policy_names(plan) {
        let ident = names::ident(&name);
        let addressing = match policy.addressing.as_ref().map(|a| a.value) {
            Some(AddressingVersion::W3c) => quote!(Some(rt::wsa::Version::W3c)),
            Some(AddressingVersion::Submission) => quote!(Some(rt::wsa::Version::Submission)),
            None => quote!(None),
        };
        let (https, username_token) = (policy.https.is_some(), policy.username_token.is_some());
        let basic_auth = policy.basic_auth.is_some();
        let doc = docs::attrs(&policy_docs(policy));
        consts.items.push(quote! {
            #doc
            pub const #ident: rt::Policy = rt::Policy {
                addressing: #addressing,
                https: #https,
                username_token: #username_token,
                basic_auth: #basic_auth,
            };
        });
        consts.names.push((policy, ident));
    }
    consts
}

/// Each WSDL binding's policy, once, with the name of its constant.
pub fn policy_names<'m>(plan: &Plan<'m>) -> Vec<(&'m Policy, String)> {
    let mut named: Vec<(&Policy, String)> = Vec::new();
    let mut scope = names::Scope::with_reserved(&["OPERATIONS", "SECRET_NAMES"]);
    let policies = plan
        .operations
        .iter()
        .flat_map(|op| &op.op.bindings)
        .filter_map(policy_of);
    for policy in policies {
        // One constant per policy: the operations of a binding share theirs; another
        // binding's of the same name (in another document) gets a name of its own.
        if named.iter().all(|(seen, _)| *seen != policy) {
            let name = scope.claim(&names::const_name(&format!("{} policy", policy.binding)));
            named.push((policy, name));
        }
    }
    named
}

/// What a policy asks, and how the generated code follows it, for its constant's
/// documentation and the module's.
pub fn policy_docs(policy: &Policy) -> Vec<String> {
    let mut lines = vec![format!(
        "The WS-Policy of the binding {}, which the client and the server half follow:",
        docs::code(&policy.binding)
    )];
    let mut asks = Vec::new();
    if let Some(addressing) = &policy.addressing {
        let version = match addressing.value {
            AddressingVersion::W3c => "1.0",
            AddressingVersion::Submission => "of the 2004/08 submission",
        };
        asks.push(format!(
            "- WS-Addressing {version} on every message: the client sends `Action`, \
             `MessageID`, `ReplyTo` and `To`, and refuses a reply whose `RelatesTo` or \
             `Action` is not its request's; the server half answers with both."
        ));
    }
    if policy.https.is_some() {
        asks.push(
            "- HTTPS (`sp:TransportBinding`): the client refuses an endpoint that is not \
             `https`."
                .to_owned(),
        );
    }
    if policy.client_certificate.is_some() {
        asks.push(
            "- A client certificate: give the transport one with `rt::Tls::with_client_certificate`."
                .to_owned(),
        );
    }
    if policy.username_token.is_some() {
        let timestamp = if policy.timestamp.is_some() {
            ", with a timestamp (`with_timestamp`), as the policy asks"
        } else {
            ""
        };
        asks.push(format!(
            "- A WS-Security UsernameToken in every request: give the client one with \
             `Client::with_username_token`{timestamp}; a call without one is refused before it \
             goes. The server half refuses a request without one, and checks its password \
             where `rt::server::check_username_token` is put before `dispatch`."
        ));
    }
    if policy.basic_auth.is_some() {
        asks.push(
            "- HTTP Basic authentication: give the client the user and password with \
             `Client::with_basic_auth`. The server half answers a request without it `401`, \
             as IIS does; it checks no password."
                .to_owned(),
        );
    }
    for unsupported in &policy.unsupported {
        asks.push(format!(
            "- {}: not done by the generated code. Call the binding through an HTTP stack of \
             your own that does it, with the client's `request` and `response`, or use another \
             binding.",
            docs::text(&unsupported.value)
        ));
    }
    if asks.is_empty() {
        asks.push("- Nothing the generated code needs to do.".to_owned());
    }
    lines.push(asks.join("\n"));
    lines
}

/// `Some("…")` or `None`, as a field of `rt::BindingInfo` takes it.
fn some(value: &Option<String>) -> TokenStream {
    match value {
        Some(value) => quote!(Some(#value)),
        None => quote!(None),
    }
}

/// One binding's `rt::BindingInfo`: a SOAP one by the runtime's constructor of its version,
/// which says it all (`soap::addressing`), any other field by field.
fn binding_info(
    binding: &Binding,
    kind: BindingKind,
    tokens: &TokenStream,
    addressing: &Addressing,
    policies: &[(&Policy, Ident)],
) -> TokenStream {
    let Addressing {
        method,
        path,
        action,
        content_type,
        accept,
    } = addressing;
    let made = match kind {
        BindingKind::Soap11 => Some(quote!(soap11)),
        BindingKind::Soap12 => Some(quote!(soap12)),
        _ => None,
    };
    if let (Binding::Soap(soap), Some(made), Some(action)) = (binding, made, action) {
        let path = some(path);
        let made = quote!(rt::BindingInfo::#made(#path, #action));
        let named = soap.policy.as_deref().and_then(|policy| {
            policies
                .iter()
                .find(|(named, _)| *named == policy)
                .map(|(_, ident)| ident)
        });
        return match named {
            Some(policy) => {
                let reply = soap
                    .reply_action
                    .as_ref()
                    .map_or("", |reply| reply.value.as_str());
                quote!(#made.with_policy(#policy, #reply))
            }
            None => made,
        };
    }
    let (path, action, content_type, accept) =
        (some(path), some(action), some(content_type), some(accept));
    quote! {
        rt::BindingInfo {
            kind: #tokens,
            method: #method,
            path: #path,
            action: #action,
            content_type: #content_type,
            accept: #accept,
            policy: rt::Policy::NONE,
            reply_action: None,
        }
    }
}
