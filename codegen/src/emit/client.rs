//! A service's client: a sans-IO core that turns each operation's request into an
//! `http::Request` and an `http::Response` into its response or a typed `Error`, calls through
//! the runtime's transports when their features are on, and carries over what the pages say
//! carries over: a header the service sends back (xWeb's rotated token), and parameters that
//! may travel as cookies (srv.asmx's ticket). Each operation is a type of the module's `op`,
//! over which the client's methods are generic: what an operation carries over is its own
//! `Operation` impl, and nothing else of the client is written per operation.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::emit::bindings::carried_kinds;
use crate::emit::docs::{self, code};
use crate::emit::plan::{Field, MessageKind, OperationPlan, Plan, Wire};
use crate::emit::rust_types::Shape;
use crate::model::{Binding, BindingKind, Outcome};
use crate::names::{self, Scope};

/// A header that requests send and responses bring back: the client keeps the last one.
struct Echoed<'p> {
    /// The client's field for it.
    name: String,
    /// Its type.
    ty: &'p TokenStream,
    /// Its element's local name, for documentation.
    local: String,
}

/// The binding a client uses unless told otherwise: the first the pages fully address, in
/// order of preference; else the first SOAP binding, whose endpoint the caller must give.
fn default_binding(plan: &Plan<'_>) -> TokenStream {
    const PREFERENCE: [BindingKind; 8] = [
        BindingKind::Soap11,
        BindingKind::Soap12,
        BindingKind::WebApiJson,
        BindingKind::WebApiXml,
        BindingKind::JsonPost,
        BindingKind::HttpPost,
        BindingKind::JsonGet,
        BindingKind::HttpGet,
    ];
    let bindings = || plan.operations.iter().flat_map(|op| &op.op.bindings);
    let addressed =
        |binding: &&Binding| !matches!(binding, Binding::Soap(soap) if soap.path.is_none());
    let offered: Vec<(BindingKind, TokenStream)> = bindings()
        .filter(addressed)
        .flat_map(carried_kinds)
        .collect();
    let by_preference = PREFERENCE
        .iter()
        .find_map(|kind| offered.iter().find(|(k, _)| k == kind));
    match by_preference {
        Some((_, tokens)) => tokens.clone(),
        None => bindings()
            .flat_map(carried_kinds)
            .next()
            .map_or_else(|| quote!(rt::BindingKind::Soap11), |(_, tokens)| tokens),
    }
}

fn request_fields<'p, 'm>(plan: &'p Plan<'m>, op: &OperationPlan<'m>) -> &'p [Field<'m>] {
    plan.message_struct(&op.request_kind)
        .map_or(&[], |s| &s.fields)
}

fn response_fields<'p, 'm>(plan: &'p Plan<'m>, op: &OperationPlan<'m>) -> &'p [Field<'m>] {
    match &op.response_kind {
        MessageKind::Struct(_) => plan
            .message_struct(&op.response_kind)
            .map_or(&[], |s| &s.fields),
        _ => match op.op.output.body.as_ref().map(|b| &b.ty.value) {
            Some(crate::model::TypeUse::Named(name)) => {
                plan.named_struct(name).map_or(&[], |s| &s.fields)
            }
            _ => &[],
        },
    }
}

/// The headers of the service that come back in responses, as the model says: the client
/// keeps the last value and sends it with the next request.
fn echoed<'p>(plan: &'p Plan<'_>) -> Vec<Echoed<'p>> {
    let mut found: Vec<Echoed> = Vec::new();
    for op in &plan.operations {
        for sent in request_fields(plan, op) {
            let Wire::Header { ns, local } = &sent.wire else {
                continue;
            };
            let echoed = op.op.input.headers.iter().any(|h| {
                h.element.name.namespace == *ns
                    && h.element.name.local == *local
                    && h.echoed.as_ref().is_some_and(|e| e.value)
            });
            let back = response_fields(plan, op).iter().any(
                |f| matches!(&f.wire, Wire::Header { ns: n, local: l } if n == ns && l == local),
            );
            if echoed && back && !found.iter().any(|e| e.name == sent.name) {
                found.push(Echoed {
                    name: sent.name.clone(),
                    ty: &sent.value_ty,
                    local: local.clone(),
                });
            }
        }
    }
    found
}

/// The echoed headers among a message's `fields`: those a request sends (from what the
/// client kept) and a response brings back (for the client to keep).
fn kept<'e, 'p>(
    echoed: &'e [Echoed<'p>],
    fields: &'e [Field<'_>],
) -> impl Iterator<Item = &'e Echoed<'p>> {
    echoed.iter().filter(|e| {
        fields
            .iter()
            .any(|f| f.name == e.name && matches!(f.wire, Wire::Header { .. }))
    })
}

/// The service's `Client` and `Error`. `outcomes` says, per operation, whether its response
/// has an `outcome()`, and `failures` names the failure type of each that reports by status.
pub fn client_items(plan: &Plan<'_>, outcomes: &[bool], failures: &[String]) -> Vec<TokenStream> {
    let service = &plan.service.name.value;
    let echoed = echoed(plan);
    let has_cookies = plan.operations.iter().any(|op| !op.op.cookies.is_empty());
    let default = default_binding(plan);

    // The service's own failures, as `Error` variants.
    let mut variants = Scope::with_reserved(&[
        "Endpoint",
        "Encode",
        "Transport",
        "Status",
        "Fault",
        "Decode",
    ]);
    let reports_codes = plan.operations.iter().zip(outcomes).any(|(op, has)| {
        *has && matches!(
            op.op.outcome.as_ref().map(|o| &o.value),
            Some(Outcome::SuccessFlag { .. })
        )
    });
    let service_variant = reports_codes.then(|| variants.claim("Service"));
    let mut failed_variants: Vec<(String, String)> = Vec::new();
    for ((op, has), failure) in plan.operations.iter().zip(outcomes).zip(failures) {
        if *has
            && matches!(
                op.op.outcome.as_ref().map(|o| &o.value),
                Some(Outcome::Status { .. })
            )
            && !failed_variants.iter().any(|(f, _)| f == failure)
        {
            failed_variants.push((failure.clone(), variants.claim("Failed")));
        }
    }

    let echo_fields = echoed.iter().map(|e| {
        let field = names::ident(&e.name);
        let ty = e.ty;
        quote!(#field: ::std::sync::Mutex<Option<#ty>>,)
    });
    let echo_inits = echoed.iter().map(|e| {
        let field = names::ident(&e.name);
        quote!(#field: ::std::sync::Mutex::new(None),)
    });
    let echo_methods = echoed.iter().map(|e| {
        let field = names::ident(&e.name);
        let setter = format_ident!("set_{}", e.name);
        let ty = e.ty;
        let get_doc = docs::attrs(&[format!(
            "The last {} header the service sent, which the client sends with the next request \
             that sets none of its own.",
            code(&e.local)
        )]);
        let set_doc = docs::attrs(&[format!(
            "Sets the {} header the next requests send.",
            code(&e.local)
        )]);
        quote! {
            #get_doc
            pub fn #field(&self) -> Option<#ty> {
                self.#field.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).clone()
            }

            #set_doc
            pub fn #setter(&self, value: Option<#ty>) {
                *self.#field.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = value;
            }
        }
    });
    let speaks_soap = plan
        .operations
        .iter()
        .flat_map(|op| &op.op.bindings)
        .any(|binding| matches!(binding, Binding::Soap(_)));
    let token_field = speaks_soap.then(|| quote!(username_token: Option<rt::wsse::UsernameToken>,));
    let token_init = speaks_soap.then(|| quote!(username_token: None,));
    let token_method = speaks_soap.then(|| {
        quote! {
            /// Sends `token` (WS-Security's UsernameToken, its password as text or as a
            /// digest) in the header of every SOAP request; its password never shows in
            /// `Debug` or an error. A call on a binding without SOAP headers is refused.
            pub fn with_username_token(mut self, token: rt::wsse::UsernameToken) -> Self {
                self.username_token = Some(token);
                self
            }
        }
    });
    // A binding whose policy asks for a token refuses a call without one.
    let token_sign = speaks_soap.then(|| {
        quote! {
            rt::wsse::UsernameToken::secure(self.username_token.as_ref(), info, &mut payload)?;
        }
    });
    let token_secret = speaks_soap.then(|| {
        quote! {
            if let Some(token) = &self.username_token {
                request.add_secret(token.password());
            }
        }
    });
    let payload_binding = if speaks_soap {
        quote!(let (mut payload, cookies) = O::payload(self, request)?;)
    } else {
        quote!(let (payload, cookies) = O::payload(self, request)?;)
    };
    let cookie_field = has_cookies.then(|| quote!(send_cookies: bool,));
    let cookie_init = has_cookies.then(|| quote!(send_cookies: false,));
    let cookie_method = has_cookies.then(|| {
        let members: Vec<String> = plan
            .operations
            .iter()
            .flat_map(|op| &op.op.cookies)
            .map(|c| {
                format!(
                    "{} as the {} cookie",
                    code(&c.member),
                    code(&c.cookie.value)
                )
            })
            .collect();
        let doc = docs::attrs(&[format!(
            "Sends {} instead of as a parameter, as the pages say the server accepts.",
            members.join(", ")
        )]);
        quote! {
            #doc
            pub fn with_cookies(mut self, send_cookies: bool) -> Self {
                self.send_cookies = send_cookies;
                self
            }
        }
    });

    let operations: Vec<TokenStream> = plan
        .operations
        .iter()
        .enumerate()
        .zip(outcomes)
        .zip(failures)
        .map(|(((index, op), has_outcome), failure)| {
            operation_type(
                plan,
                index,
                op,
                *has_outcome,
                &echoed,
                service_variant.as_deref(),
                &failed_variants,
                failure,
            )
        })
        .collect();
    // The hooks an operation overrides use the runtime; those that write a request themselves
    // call its `write_request`.
    let uses = |name: &str| {
        operations
            .iter()
            .any(|tokens| crate::emit::mentions(tokens, name))
    };
    let runtime = uses("rt").then(|| {
        quote!(
            use super::rt;
        )
    });
    let writes = uses("payload").then(|| {
        quote!(
            use rt::WriteRequest as _;
        )
    });

    let client_doc = docs::attrs(&[
        format!("A client of the {} service.", code(service)),
        "It calls an operation by its type in [`op`]: its core builds the operation's \
         `http::Request` (`request`, as an `rt::ClientRequest`, which keeps credentials out of \
         `Debug`) and reads its `http::Response` (`response`), with no I/O of its own; with the \
         `blocking` or `async` feature, `call_blocking` and `call` send it through a transport."
            .to_owned(),
        "The endpoint is the caller's: the pages' host is only a default.".to_owned(),
    ]);
    let default_doc = docs::attrs(&[
        "The binding a client uses unless told otherwise: the first of SOAP 1.1, SOAP 1.2, Web API \
         JSON, Web API XML, JSON POST, HTTP POST, JSON GET and HTTP GET whose address the pages give."
            .to_owned(),
    ]);
    let mut error_variants = vec![
        quote! {
            /// The endpoint is not an absolute URL, or a binding needs one the pages do not give.
            #[error("endpoint: {0}")]
            Endpoint(String),
        },
        quote! {
            /// The request cannot be written.
            #[error(transparent)]
            Encode(rt::EncodeError),
        },
        quote! {
            /// The request did not make it there and back: no connection, no answer in time, a
            /// body too long.
            #[error("transport: {0}")]
            Transport(rt::TransportError),
        },
        quote! {
            /// The service answered with an HTTP error status.
            #[error("HTTP status {status}: {excerpt}")]
            Status {
                /// The status code.
                status: u16,
                /// The start of the body.
                excerpt: String,
            },
        },
        quote! {
            /// The service answered with a SOAP fault.
            #[error(transparent)]
            Fault(Box<rt::SoapFault>),
        },
        quote! {
            /// The body does not read as the operation's response.
            #[error("{error}; the body began `{excerpt}`")]
            Decode {
                /// What is wrong with it.
                error: rt::DecodeError,
                /// The start of the body.
                excerpt: String,
            },
        },
    ];
    if let Some(variant) = &service_variant {
        let variant = format_ident!("{}", variant);
        error_variants.push(quote! {
            /// The service reports an error code, such as `[901]`.
            #[error("the service reports {0}")]
            #variant(ServiceError),
        });
    }
    for (failure, variant) in &failed_variants {
        let variant = format_ident!("{}", variant);
        let failure = format_ident!("{}", failure);
        error_variants.push(quote! {
            /// The service reports a status that is not a success.
            #[error("the service reports {0}")]
            #variant(#failure),
        });
    }
    let error_doc = docs::attrs(&[format!(
        "Why a call of the {} service did not succeed.",
        code(service)
    )]);
    vec![quote! {
        #client_doc
        #[derive(Debug)]
        pub struct Client {
            base: rt::BaseUrl,
            binding: rt::BindingKind,
            endpoint: Option<rt::BaseUrl>,
            limits: rt::Limits,
            headers: rt::RequestHeaders,
            #token_field
            #cookie_field
            #(#echo_fields)*
        }

        impl Client {
            #default_doc
            pub const DEFAULT_BINDING: rt::BindingKind = #default;

            /// A client of the service at `base_url` (`https://host[:port][/prefix]`), to which
            /// each binding's path is added.
            pub fn new(base_url: &str) -> ::std::result::Result<Self, Error> {
                Ok(Client {
                    base: rt::base_url(base_url)?,
                    binding: Self::DEFAULT_BINDING,
                    endpoint: None,
                    limits: rt::Limits::default(),
                    headers: rt::RequestHeaders::default(),
                    #token_init
                    #cookie_init
                    #(#echo_inits)*
                })
            }

            /// Uses `binding` for every call.
            pub fn with_binding(mut self, binding: rt::BindingKind) -> Self {
                self.binding = binding;
                self
            }

            /// Sends the requests of bindings whose address the pages do not show (a SOAP
            /// endpoint, say) to `url`; the others go to the base URL and their paths.
            pub fn with_endpoint(mut self, url: &str) -> ::std::result::Result<Self, Error> {
                self.endpoint = Some(rt::base_url(url)?);
                Ok(self)
            }

            /// The binding the client uses.
            pub fn binding(&self) -> rt::BindingKind {
                self.binding
            }

            /// Reads responses within `limits` (body size, depth, attributes, namespaces,
            /// string length) instead of the defaults.
            pub fn with_limits(mut self, limits: rt::Limits) -> Self {
                self.limits = limits;
                self
            }

            /// Sends HTTP Basic authentication with every request. The password never shows
            /// in `Debug` or an error, and a redirect's request goes without it.
            pub fn with_basic_auth(
                mut self,
                user: &str,
                password: &str,
            ) -> ::std::result::Result<Self, Error> {
                self.headers.basic(user, password)?;
                Ok(self)
            }

            /// Sends a bearer token with every request, kept as the Basic password is.
            pub fn with_bearer_token(mut self, token: &str) -> ::std::result::Result<Self, Error> {
                self.headers.bearer(token)?;
                Ok(self)
            }

            /// Sends the header `name` with every request, in place of one of the same name
            /// the binding sets.
            pub fn with_header(mut self, name: &str, value: &str) -> ::std::result::Result<Self, Error> {
                self.headers.header(name, value, false)?;
                Ok(self)
            }

            /// Sends the header `name` with every request, its value a credential (an API key)
            /// kept as the Basic password is.
            pub fn with_secret_header(
                mut self,
                name: &str,
                value: &str,
            ) -> ::std::result::Result<Self, Error> {
                self.headers.header(name, value, true)?;
                Ok(self)
            }

            #token_method

            #cookie_method

            #(#echo_methods)*

            /// The HTTP request of `operation` (a type of [`op`]) for the client's binding,
            /// which knows the credentials it carries and keeps them out of `Debug`.
            pub fn request<O: Operation>(
                &self,
                _operation: O,
                request: &O::Request,
            ) -> ::std::result::Result<rt::ClientRequest, Error> {
                self.http_request::<O>(request)
            }

            /// The response of `operation` from the HTTP response, or why the call did not
            /// succeed, the failure the service reports included. No error shows a credential,
            /// nor what the request sent in one when the response came through a transport of
            /// this crate.
            pub fn response<O: Operation>(
                &self,
                _operation: O,
                response: rt::http::Response<Vec<u8>>,
            ) -> ::std::result::Result<O::Response, Error> {
                self.http_response::<O>(response)
            }

            /// Calls `operation` through a blocking transport.
            #[cfg(feature = "blocking")]
            pub fn call_blocking<O: Operation>(
                &self,
                transport: &rt::BlockingTransport,
                _operation: O,
                request: &O::Request,
            ) -> ::std::result::Result<O::Response, Error> {
                let response = transport.send(self.http_request::<O>(request)?).map_err(Error::Transport)?;
                self.http_response::<O>(response)
            }

            /// Calls `operation` through an async transport.
            #[cfg(feature = "async")]
            pub async fn call<O: Operation>(
                &self,
                transport: &rt::AsyncTransport,
                _operation: O,
                request: &O::Request,
            ) -> ::std::result::Result<O::Response, Error> {
                let response = transport
                    .send(self.http_request::<O>(request)?)
                    .await
                    .map_err(Error::Transport)?;
                self.http_response::<O>(response)
            }

            fn http_request<O: Operation>(
                &self,
                request: &O::Request,
            ) -> ::std::result::Result<rt::ClientRequest, Error> {
                let info = OPERATIONS[O::INDEX].bound(self.binding)?;
                #payload_binding
                #token_sign
                let mut request = rt::http_request(
                    info,
                    &self.base,
                    self.endpoint.as_ref(),
                    payload,
                    &cookies,
                    SECRET_NAMES,
                )?;
                self.headers.apply(&mut request);
                #token_secret
                Ok(request)
            }

            fn http_response<O: Operation>(
                &self,
                response: rt::http::Response<Vec<u8>>,
            ) -> ::std::result::Result<O::Response, Error> {
                let info = OPERATIONS[O::INDEX].bound(self.binding)?;
                let secrets = rt::Secrets::of_response(SECRET_NAMES, &response);
                let value = rt::response_value(
                    info,
                    response,
                    &secrets,
                    &self.limits,
                    O::Response::read_response,
                )?;
                O::settle(self, &value, &secrets)?;
                Ok(value)
            }
        }

        /// An operation of the service, which [`Client`] calls: what it sends and answers, its
        /// row of [`OPERATIONS`], and what the client carries over around it. Each type of
        /// [`op`] is one.
        pub trait Operation {
            /// What the operation sends.
            type Request: rt::WriteRequest;
            /// What it answers.
            type Response: rt::ReadResponse;
            /// Its index in [`OPERATIONS`].
            const INDEX: usize;

            /// The request's payload for `client`'s binding, and the cookies it sends: the
            /// request as it is, unless the operation carries something over (a header the
            /// service sent back, a parameter that travels as a cookie).
            fn payload(
                client: &Client,
                request: &Self::Request,
            ) -> ::std::result::Result<(rt::Payload, rt::Cookies), Error> {
                Ok((request.write_request(client.binding)?, Vec::new()))
            }

            /// What `client` keeps of a response (a header the service sends back), and the
            /// failure it reports, its credentials (`secrets`) left out; nothing, unless the
            /// operation says so.
            fn settle(
                _client: &Client,
                _response: &Self::Response,
                _secrets: &rt::Secrets,
            ) -> ::std::result::Result<(), Error> {
                Ok(())
            }
        }

        /// The operations of the service, a type each, which [`Client`]'s `call`,
        /// `call_blocking`, `request` and `response` take.
        pub mod op {
            #runtime
            #writes

            #(#operations)*
        }

        #error_doc
        #[derive(Debug, thiserror::Error)]
        pub enum Error {
            #(#error_variants)*
        }

        impl From<rt::CallError> for Error {
            fn from(error: rt::CallError) -> Self {
                match error {
                    rt::CallError::Endpoint(message) => Error::Endpoint(message),
                    rt::CallError::Encode(error) => Error::Encode(error),
                    rt::CallError::Transport(error) => Error::Transport(error),
                    rt::CallError::Status { status, excerpt } => Error::Status { status, excerpt },
                    rt::CallError::Fault(fault) => Error::Fault(fault),
                    rt::CallError::Decode { error, excerpt } => Error::Decode { error, excerpt },
                }
            }
        }

        impl From<rt::EncodeError> for Error {
            fn from(error: rt::EncodeError) -> Self {
                Error::Encode(error)
            }
        }
    }]
}

/// An operation's type in `op`: its messages and row, and the hooks it overrides where it
/// carries something over (an echoed header, a cookie) or reports a failure in its response.
#[allow(clippy::too_many_arguments)]
fn operation_type(
    plan: &Plan<'_>,
    index: usize,
    op: &OperationPlan<'_>,
    has_outcome: bool,
    echoed: &[Echoed<'_>],
    service_variant: Option<&str>,
    failed_variants: &[(String, String)],
    failure: &str,
) -> TokenStream {
    let marker = format_ident!("{}", op.variant);
    let request_ty = format_ident!("{}", op.request);
    let response_ty = format_ident!("{}", op.response);
    let index = proc_macro2::Literal::usize_unsuffixed(index);
    let request_fields = request_fields(plan, op);
    let response_fields = response_fields(plan, op);

    // What the request carries over: echoed headers it does not set, cookies it may send.
    let mut adjustments = Vec::new();
    for e in kept(echoed, request_fields) {
        let field = names::ident(&e.name);
        adjustments.push(quote! {
            if request.#field.is_none() {
                request.to_mut().#field = client.#field();
            }
        });
    }
    let mut cookie_pushes = Vec::new();
    for cookie in &op.op.cookies {
        let Some(field) = request_fields.iter().find(|f| {
            matches!(&f.wire, Wire::Element { local, .. } if *local == cookie.member)
                && f.shape == Shape::Optional
        }) else {
            continue;
        };
        let member = field.ident();
        let name = &cookie.cookie.value;
        let at = format!("the {name} cookie");
        cookie_pushes.push(quote! {
            if client.send_cookies && let Some(value) = request.#member.clone() {
                let text = rt::XmlText::to_text(&value).into_owned();
                if !rt::cookie_safe(&text) {
                    return Err(super::Error::Encode(rt::EncodeError {
                        at: #at.to_owned(),
                        problem: rt::EncodeProblem::NotACookie,
                    }));
                }
                cookies.push((#name, text));
                request.to_mut().#member = None;
            }
        });
    }
    let payload = (!adjustments.is_empty() || !cookie_pushes.is_empty()).then(|| {
        let cookies = if cookie_pushes.is_empty() {
            quote!(Vec::new())
        } else {
            quote!(cookies)
        };
        let cookies_decl =
            (!cookie_pushes.is_empty()).then(|| quote!(let mut cookies = Vec::new();));
        quote! {
            fn payload(
                client: &super::Client,
                request: &Self::Request,
            ) -> ::std::result::Result<(rt::Payload, rt::Cookies), super::Error> {
                let mut request = ::std::borrow::Cow::Borrowed(request);
                #(#adjustments)*
                #cookies_decl
                #(#cookie_pushes)*
                Ok((request.write_request(client.binding())?, #cookies))
            }
        }
    });

    // What the response carries over: echoed headers it brings; and the failure it reports.
    let keeps = kept(echoed, response_fields)
        .map(|e| {
            let field = names::ident(&e.name);
            let setter = format_ident!("set_{}", e.name);
            quote! {
                if response.#field.is_some() {
                    client.#setter(response.#field.clone());
                }
            }
        })
        .collect::<Vec<_>>();
    let outcome = has_outcome.then(|| {
        let variant = match op.op.outcome.as_ref().map(|o| &o.value) {
            Some(Outcome::SuccessFlag { .. }) => service_variant.unwrap_or("Service"),
            _ => failed_variants
                .iter()
                .find(|(f, _)| f == failure)
                .map_or("Failed", |(_, v)| v.as_str()),
        };
        let variant = format_ident!("{}", variant);
        quote! {
            response
                .outcome()
                .map_err(|failure| super::Error::#variant(rt::redacted(failure, secrets)))?;
        }
    });
    let settle = (!keeps.is_empty() || outcome.is_some()).then(|| {
        let client = if keeps.is_empty() {
            format_ident!("_client")
        } else {
            format_ident!("client")
        };
        let secrets = if outcome.is_none() {
            format_ident!("_secrets")
        } else {
            format_ident!("secrets")
        };
        quote! {
            fn settle(
                #client: &super::Client,
                response: &Self::Response,
                #secrets: &rt::Secrets,
            ) -> ::std::result::Result<(), super::Error> {
                #(#keeps)*
                #outcome
                Ok(())
            }
        }
    });
    let doc = docs::attrs(&[format!(
        "{}: sends [`super::{}`], answered by [`super::{}`].",
        code(op.op.key()),
        op.request,
        op.response
    )]);
    quote! {
        #doc
        pub struct #marker;

        impl super::Operation for #marker {
            type Request = super::#request_ty;
            type Response = super::#response_ty;
            const INDEX: usize = #index;
            #payload
            #settle
        }
    }
}
