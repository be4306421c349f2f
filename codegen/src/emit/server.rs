//! The server half of a service, behind the generated crate's `server` feature: a trait with an
//! async method per operation; the module's `Request` as the runtime's `Incoming` (placed and
//! read by the runtime's dispatcher) and `Answer` (answered by the trait); `dispatch`, which
//! answers an `http::Request` by both, and behind `axum`, a router of it.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::emit::docs::{self, code};
use crate::emit::plan::Plan;
use crate::names;

/// `trait Server`, the service's requests as the runtime's server half receives and answers
/// them, `dispatch` and `router`.
pub fn server_items(plan: &Plan<'_>) -> TokenStream {
    let methods = plan.operations.iter().map(|op| {
        let method = names::ident(&op.method);
        let (request, response) = (
            format_ident!("{}", op.request),
            format_ident!("{}", op.response),
        );
        let name = op.op.key();
        let doc = docs::attrs(&[format!(
            "Answers {}. Left out, it answers with a fault that says it is not implemented.",
            code(name)
        )]);
        quote! {
            #doc
            fn #method(
                self: ::std::sync::Arc<Self>,
                request: #request,
                call: ::std::sync::Arc<rt::server::Call>,
            ) -> impl rt::server::Reply<#response> {
                rt::server::not_implemented(#name, request, call)
            }
        }
    });
    let arms: Vec<TokenStream> = plan
        .operations
        .iter()
        .map(|op| {
            let (method, variant) = (names::ident(&op.method), format_ident!("{}", op.variant));
            quote! {
                Self::#variant(request) => server.#method(*request, call).answer_in(binding),
            }
        })
        .collect();
    // A service without operations receives no request to answer.
    let answer = if arms.is_empty() {
        quote! {
            let _ = (server, call);
            match self {}
        }
    } else {
        quote! {
            let binding = call.reply_binding;
            match self {
                #(#arms)*
            }
        }
    };
    let trait_doc = docs::attrs(&[
        "The service itself, to stand in for it: a method per operation, which takes the \
         request (its SOAP headers among its fields) and gives the response (its headers too), \
         or a fault. An error the service reports in its responses (a code, a status) is a \
         response that says so. The methods are async (write them `async fn`), so that one \
         that waits on a database or another service holds up no other request. They take \
         the server and the call shared (`Arc`), not lent: what they give borrows nothing, \
         so it can be spawned, and a trait of a thousand methods whose futures borrowed \
         would cost the compiler time that grows with the square of their number."
            .to_owned(),
    ]);
    quote! {
        #trait_doc
        #[cfg(feature = "server")]
        pub trait Server: Send + Sync + 'static {
            #(#methods)*
        }

        #[cfg(feature = "server")]
        impl rt::server::Incoming for Request {
            fn receive(
                request: rt::http::Request<Vec<u8>>,
                limits: &rt::Limits,
            ) -> rt::server::Received<Self> {
                rt::server::receive(OPERATIONS, request, limits, |call, payload| {
                    Request::read(call.operation, call.binding, payload)
                })
            }
        }

        #[cfg(feature = "server")]
        impl<S: Server> rt::server::Answer<S> for Request {
            fn answer(
                self,
                server: ::std::sync::Arc<S>,
                call: ::std::sync::Arc<rt::server::Call>,
            ) -> rt::server::Answering {
                #answer
            }
        }

        /// Answers an HTTP request as the service does, by `server`'s methods: the request is
        /// placed on an operation and binding by its path, method, action and media type,
        /// read within `limits`, and answered in its binding, or refused as the service
        /// refuses it. Any executor runs it; [`router`] serves it on `axum`.
        #[cfg(feature = "server")]
        pub async fn dispatch<S: Server>(
            server: &::std::sync::Arc<S>,
            request: rt::http::Request<Vec<u8>>,
            limits: &rt::Limits,
        ) -> rt::http::Response<Vec<u8>> {
            rt::server::dispatch::<S, Request>(server, request, limits).await
        }

        /// `server` as an `axum` router that answers every path as [`dispatch`] does, within the
        /// default limits; `rt::server::StandIn::start` serves it on loopback.
        #[cfg(feature = "axum")]
        pub fn router<S: Server>(server: S) -> rt::server::Router {
            rt::server::router::<S, Request>(server, rt::Limits::default())
        }
    }
}
