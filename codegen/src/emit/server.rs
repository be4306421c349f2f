//! The server half of a service, behind the generated crate's `server` feature: a trait with a
//! method per operation, `dispatch`, which answers an `http::Request` by the runtime's
//! dispatcher and the trait, and behind `axum`, a router of it.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::emit::docs::{self, code};
use crate::emit::plan::Plan;
use crate::names;

/// `trait Server`, `dispatch` and `router`.
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
                &self,
                request: #request,
                call: &rt::server::Call<'_>,
            ) -> ::std::result::Result<#response, rt::server::Fault> {
                rt::server::not_implemented(#name, request, call)
            }
        }
    });
    let arms: Vec<TokenStream> = plan.operations.iter().map(|op| {
        let (method, variant) = (names::ident(&op.method), format_ident!("{}", op.variant));
        quote!(Request::#variant(request) => Response::#variant(Box::new(server.#method(*request, call)?)),)
    }).collect();
    let answer = quote! {
        let response = match Request::read(call.operation, call.binding, payload)? {
            #(#arms)*
        };
        Ok(response.write(call.reply_binding)?)
    };
    let trait_doc = docs::attrs(&[
        "The service itself, to stand in for it: a method per operation, which takes the \
         request (its SOAP headers among its fields) and gives the response (its headers too), \
         or a fault. An error the service reports in its responses (a code, a status) is a \
         response that says so."
            .to_owned(),
    ]);
    quote! {
        #trait_doc
        #[cfg(feature = "server")]
        pub trait Server {
            #(#methods)*
        }

        /// Answers an HTTP request as the service does, by `server`'s methods: the request is
        /// placed on an operation and binding by its path, method, action and media type,
        /// read within `limits`, and answered in its binding, or refused as the service
        /// refuses it.
        #[cfg(feature = "server")]
        pub fn dispatch<S: Server + ?Sized>(
            server: &S,
            request: &rt::http::Request<Vec<u8>>,
            limits: &rt::Limits,
        ) -> rt::http::Response<Vec<u8>> {
            rt::server::dispatch(OPERATIONS, request, limits, |call, payload| {
                #answer
            })
        }

        /// `server` as an `axum` router that answers every path by [`dispatch`], within the
        /// default limits; `rt::server::StandIn::start` serves it on loopback.
        #[cfg(feature = "axum")]
        pub fn router<S: Server + Send + Sync + 'static>(server: S) -> rt::server::Router {
            rt::server::router_of(server, dispatch::<S>)
        }
    }
}
