//! The binding families, one file each: how a message travels on SOAP (`soap.rs`), ASMX's
//! HTTP GET and POST (`http.rs`), xWeb's JSON methods (`json.rs`) and Web API actions
//! (`webapi.rs`). Each family writes the match arms of `write_request`, `read_request`,
//! `write_response` and `read_response` for its bindings, in both directions, and says how
//! its bindings are addressed.

mod http;
mod json;
mod soap;
mod webapi;

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::plan::{Field, OperationPlan, StructPlan, Wire};
use crate::model::{Binding, BindingKind, Message};

pub use soap::faults_items;

/// What every family needs of one message of an operation.
pub struct MessageContext<'p, 'm> {
    /// The operation.
    pub op: &'p OperationPlan<'m>,
    /// The message.
    pub message: &'m Message,
    /// The struct that holds its fields, if it has any.
    pub holder: Option<&'p StructPlan<'m>>,
    /// The holder's fields.
    pub fields: &'p [Field<'m>],
    /// The body element's namespace and local name (empty for none).
    pub body: (String, String),
    /// Whether the message has a struct of its own (not a named type or an alias).
    pub own_struct: bool,
}

impl<'p, 'm> MessageContext<'p, 'm> {
    /// The context of `message` of `op`, held by `holder`.
    pub fn new(
        op: &'p OperationPlan<'m>,
        message: &'m Message,
        holder: Option<&'p StructPlan<'m>>,
        own_struct: bool,
    ) -> Self {
        MessageContext {
            op,
            message,
            holder,
            fields: holder.map_or(&[], |h| &h.fields),
            body: message
                .first_element()
                .map(|name| (name.namespace.clone(), name.local.clone()))
                .unwrap_or_default(),
            own_struct,
        }
    }

    /// The operation's name on the wire.
    pub fn operation(&self) -> &'m str {
        self.op.op.key()
    }

    /// The single member that HTTP and JSON replies carry alone: the first element.
    pub fn result(&self) -> Option<&'p Field<'m>> {
        self.fields
            .iter()
            .find(|f| matches!(f.wire, Wire::Element { .. }))
    }

    /// Default values for every field but `member`.
    pub fn others(&self, member: &str) -> Vec<TokenStream> {
        self.fields
            .iter()
            .filter(|f| f.name != member)
            .map(|f| {
                let member = f.ident();
                quote!(#member: Default::default(),)
            })
            .collect()
    }
}

/// The arms of a message's write and read methods.
#[derive(Default)]
pub struct Arms {
    /// Arms of `write_request` or `write_response`.
    pub writes: Vec<TokenStream>,
    /// Arms of `read_request` or `read_response`.
    pub reads: Vec<TokenStream>,
    /// Whether the arms call the message's `write_pairs` and `read_pairs`.
    pub needs_pairs: bool,
}

impl Arms {
    fn push(&mut self, write: TokenStream, read: TokenStream) {
        self.writes.push(write);
        self.reads.push(read);
    }
}

/// A binding of an operation that generated code carries: the binding, one of its kinds, and
/// the kind's runtime name.
pub type Bound<'m> = (&'m Binding, BindingKind, TokenStream);

/// The Body element of a message that is nothing but that element, where every binding of
/// its operation is literal SOAP with the reply in the Body: the runtime's `SoapRequest` and
/// `SoapResponse` write and read it, and the module says only which element it is.
pub fn soap_body_alone<'c>(ctx: &MessageContext<'c, '_>) -> Option<(&'c str, &'c str)> {
    let bindings = &ctx.op.op.bindings;
    let all_soap = !bindings.is_empty()
        && bindings.iter().all(|binding| {
            matches!(binding, Binding::Soap(soap)
                if soap.encoding_style.is_none()
                    && soap.reply.value == crate::model::SoapReply::Body)
        });
    if all_soap {
        soap::body_alone(ctx, None)
    } else {
        None
    }
}

/// The arms of every binding of a request.
pub fn request_arms(ctx: &MessageContext<'_, '_>) -> Arms {
    let mut arms = Arms::default();
    let (soap, http, json, webapi) = by_family(ctx.op);
    soap::request(ctx, &soap, &mut arms);
    http::request(ctx, &http, &mut arms);
    json::request(ctx, &json, &mut arms);
    webapi::request(ctx, &webapi, &mut arms);
    arms
}

/// The arms of every binding of a response.
pub fn response_arms(ctx: &MessageContext<'_, '_>) -> Arms {
    let mut arms = Arms::default();
    let (soap, http, json, webapi) = by_family(ctx.op);
    soap::response(ctx, &soap, &mut arms);
    http::response(ctx, &http, &mut arms);
    json::response(ctx, &json, &mut arms);
    webapi::response(ctx, &webapi, &mut arms);
    arms
}

type Families<'m> = (
    Vec<Bound<'m>>,
    Vec<Bound<'m>>,
    Vec<Bound<'m>>,
    Vec<Bound<'m>>,
);

/// The operation's carried bindings, by family, in the order the documents give them.
fn by_family<'m>(op: &OperationPlan<'m>) -> Families<'m> {
    let mut families: Families<'m> = Default::default();
    for binding in &op.op.bindings {
        for (kind, tokens) in carried_kinds(binding) {
            let family = match binding {
                Binding::Soap(_) => &mut families.0,
                Binding::Http(_) => &mut families.1,
                Binding::Json(_) => &mut families.2,
                Binding::WebApi(_) => &mut families.3,
            };
            family.push((binding, kind, tokens));
        }
    }
    families
}

/// How one binding is addressed: method, path, action, and the media types to send and ask for.
pub struct Addressing {
    /// The HTTP method.
    pub method: String,
    /// The path, when the documents give it.
    pub path: Option<String>,
    /// The SOAP action.
    pub action: Option<String>,
    /// The media type of the request body.
    pub content_type: Option<String>,
    /// The media type to ask for.
    pub accept: Option<String>,
}

/// How `binding` is addressed for `kind`.
pub fn addressing(binding: &Binding, kind: BindingKind) -> Addressing {
    match binding {
        Binding::Soap(soap) => soap::addressing(soap, kind),
        Binding::Http(http) => http::addressing(http),
        Binding::Json(json) => json::addressing(json),
        Binding::WebApi(api) => webapi::addressing(api, kind),
    }
}

/// The runtime's name of a binding kind, or `None` for one the runtime cannot carry: Web API
/// form bodies, which the help pages never show a sample of.
fn runtime_kind(kind: BindingKind) -> Option<TokenStream> {
    Some(match kind {
        BindingKind::Soap11 => quote!(rt::BindingKind::Soap11),
        BindingKind::Soap12 => quote!(rt::BindingKind::Soap12),
        BindingKind::HttpGet => quote!(rt::BindingKind::HttpGet),
        BindingKind::HttpPost => quote!(rt::BindingKind::HttpPost),
        BindingKind::JsonGet => quote!(rt::BindingKind::JsonGet),
        BindingKind::JsonPost => quote!(rt::BindingKind::JsonPost),
        BindingKind::WebApiJson => quote!(rt::BindingKind::WebApiJson),
        BindingKind::WebApiXml => quote!(rt::BindingKind::WebApiXml),
        BindingKind::WebApiForm => return None,
    })
}

/// The kinds of a binding that generated code carries, with their runtime names.
pub fn carried_kinds(binding: &Binding) -> Vec<(BindingKind, TokenStream)> {
    binding
        .kinds()
        .into_iter()
        .filter_map(|kind| Some((kind, runtime_kind(kind)?)))
        .collect()
}

/// The arms of a reply that carries nothing: written empty, read from an empty body.
fn empty_reply(tokens: &TokenStream) -> (TokenStream, TokenStream) {
    (
        quote!(#tokens => Ok(rt::Payload::default()),),
        quote!(#tokens => Ok(rt::read_empty_body(payload)?),),
    )
}
