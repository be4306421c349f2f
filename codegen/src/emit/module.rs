//! One service's module: its types, their XML and JSON, each operation's messages on each
//! binding, its error codes and outcomes.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::docs::{self, code};
use crate::emit::plan::{MessageKind, Plan, StructOrigin};
use crate::emit::{
    bindings, client, enums, json_codec, operations, outcome, polymorphic, secrets, server,
    simple_types, types, xml_codec,
};
use crate::model::{
    Binding, HttpMethod, JsonReply, MediaFormat, Service, SoapVersion, Syntax, TypeKind,
};

/// Where a module's items go, in order, as they are made: to a formatter that may start on
/// them before the rest are made. Each may be several Rust items.
pub struct Items<'a> {
    sink: &'a mut dyn FnMut(TokenStream),
}

impl<'a> Items<'a> {
    /// Items that go to `sink`.
    pub fn new(sink: &'a mut dyn FnMut(TokenStream)) -> Self {
        Items { sink }
    }

    fn push(&mut self, item: TokenStream) {
        (self.sink)(item);
    }

    fn extend(&mut self, items: impl IntoIterator<Item = TokenStream>) {
        items.into_iter().for_each(|item| self.push(item));
    }
}

/// Makes a service's module, its items into `items`; returns the module's inner
/// documentation.
pub fn module_tokens(service: &Service, items: &mut Items<'_>) -> TokenStream {
    let mut plan = Plan::new(service);
    let failures = failure_names(&mut plan);
    let json = uses_json(service);
    if let Some(host) = &service.host {
        let value = &host.value;
        let doc = docs::attrs(&[format!(
            "The host the pages show, {}: only a default, as the endpoint is the caller's to choose.",
            code(value)
        )]);
        items.push(quote! {
            #doc
            pub const DEFAULT_HOST: &str = #value;
        });
    }
    items.push(secrets::secret_names_item(&plan));
    for op in &plan.operations {
        for (kind, name, request) in [
            (&op.request_kind, &op.request, true),
            (&op.response_kind, &op.response, false),
        ] {
            let what = if request { "request" } else { "response" };
            let mut paragraphs = vec![format!("The {what} of {}.", code(op.op.key()))];
            if request {
                paragraphs.extend(op.op.documentation.iter().map(|d| docs::text(&d.text)));
            }
            let bindings = if request {
                binding_docs(op.op)
            } else {
                Vec::new()
            };
            match kind {
                MessageKind::Struct(_) => {
                    if let Some(plan_struct) = plan.message_struct(kind) {
                        items.push(types::struct_item(plan_struct, &bindings, &service.rust));
                    }
                }
                MessageKind::Alias(target) => {
                    paragraphs.extend(bindings);
                    items.push(types::alias_item(name, target, &paragraphs));
                }
                MessageKind::Named(_) => {}
            }
        }
    }
    // A named type that is an operation's message has the operation's documentation: what
    // each says of such types, gathered in one pass over the operations.
    let mut message_docs: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for op in &plan.operations {
        if let MessageKind::Named(name) = &op.request_kind {
            let extra = message_docs.entry(name.as_str()).or_default();
            extra.push(format!("The request of {}.", code(op.op.key())));
            extra.extend(op.op.documentation.iter().map(|d| docs::text(&d.text)));
            extra.extend(binding_docs(op.op));
        }
        if let MessageKind::Named(name) = &op.response_kind {
            let extra = message_docs.entry(name.as_str()).or_default();
            extra.push(format!("The response of {}.", code(op.op.key())));
        }
    }
    for plan_struct in plan.structs.iter().filter(|s| {
        !matches!(
            s.origin,
            StructOrigin::Request(_) | StructOrigin::Response(_)
        )
    }) {
        let extra = message_docs
            .get(plan_struct.name.as_str())
            .map_or(&[][..], Vec::as_slice);
        items.push(types::struct_item(plan_struct, extra, &service.rust));
    }
    for choice in &plan.choices {
        items.push(xml_codec::choice_items(choice, &service.rust));
        if json {
            items.push(json_codec::choice_json_impl(choice));
        }
    }
    for poly in plan.polymorphic.values() {
        items.push(polymorphic::polymorphic_items(poly, &service.rust));
        if json {
            items.push(json_codec::polymorphic_json_impl(poly));
        }
    }
    for def in &service.types {
        if let (Some(name), TypeKind::Enumeration(enumeration)) =
            (plan.names.get(&def.name.value), &def.kind)
        {
            let mut paragraphs = vec![docs::type_heading(&def.name.value)];
            paragraphs.extend(def.documentation.iter().map(|d| docs::text(&d.text)));
            items.push(enums::enumeration(
                name,
                paragraphs,
                enumeration,
                json,
                &service.rust,
                plan.encoded.get(&def.name.value),
            ));
        }
        items.extend(simple_types::simple_type_items(&plan, def, json));
    }
    for op in &plan.operations {
        items.extend(bindings::faults_items(op, &service.rust));
    }
    if let Some(errors) = enums::error_codes(service) {
        items.push(errors);
    }
    let mut done: Vec<(String, bool)> = Vec::new();
    let mut outcomes = Vec::new();
    for (op, failure) in plan.operations.iter().zip(&failures) {
        let (Some(outcome), Some(holder)) = (op.op.outcome.as_ref(), response_holder(&plan, op))
        else {
            outcomes.push(false);
            continue;
        };
        // A response type shared by operations gets its `outcome()` once.
        if let Some((_, has)) = done.iter().find(|(name, _)| *name == holder.name) {
            outcomes.push(*has);
            continue;
        }
        let tokens = outcome::outcome_items(service, &outcome.value, holder, &holder.name, failure);
        done.push((holder.name.clone(), tokens.is_some()));
        outcomes.push(tokens.is_some());
        items.extend(tokens);
    }
    for plan_struct in plan.structs.iter().filter(|s| xml_codec::is_xml(s)) {
        items.push(xml_codec::xml_type_impl(&plan, plan_struct));
    }
    if json {
        for plan_struct in plan.structs.iter().filter(|s| xml_codec::is_xml(s)) {
            items.push(json_codec::json_type_impl(plan_struct));
        }
    }
    let (operation_items, imports) = operations::operation_items(&plan, &outcomes);
    items.extend(operation_items);
    // A document of types alone has nothing to call, nor to answer.
    if !plan.operations.is_empty() {
        items.extend(client::client_items(&plan, &outcomes, &failures));
        items.push(server::server_items(&plan));
    }
    let docs = docs::inner_attrs(&module_docs(&plan));
    quote!(#docs #imports)
}

/// The struct a response's fields stand in: its own, or its named body type's.
fn response_holder<'p, 'm>(
    plan: &'p Plan<'m>,
    op: &crate::emit::plan::OperationPlan<'m>,
) -> Option<&'p crate::emit::plan::StructPlan<'m>> {
    match &op.response_kind {
        MessageKind::Struct(_) => plan.message_struct(&op.response_kind),
        _ => match op.op.output.body.as_ref().map(|b| &b.ty.value) {
            Some(crate::model::TypeUse::Named(name)) => plan.named_struct(name),
            _ => None,
        },
    }
}

/// The name of each operation's failure type, for outcomes by status: `{Enum}Failure`.
fn failure_names(plan: &mut Plan<'_>) -> Vec<String> {
    let wanted: Vec<Option<String>> = plan
        .operations
        .iter()
        .map(|op| match op.op.outcome.as_ref().map(|o| &o.value) {
            Some(crate::model::Outcome::Status { member, .. }) => {
                let holder = response_holder(plan, op)?;
                let field = holder.fields.iter().find(|f| {
                    matches!(&f.wire, crate::emit::plan::Wire::Element { local, .. } if *local == member.local)
                })?;
                Some(format!("{}Failure", field.value_ty))
            }
            _ => None,
        })
        .collect();
    let mut names: Vec<String> = Vec::new();
    for wanted in wanted {
        names.push(match wanted {
            Some(wanted) => match names.iter().find(|n| **n == wanted) {
                Some(existing) => existing.clone(),
                None => plan.claim(&wanted),
            },
            None => String::new(),
        });
    }
    names
}

/// Whether any binding of the service carries JSON.
fn uses_json(service: &Service) -> bool {
    service
        .operations
        .iter()
        .flat_map(|op| &op.bindings)
        .any(|b| match b {
            Binding::Json(_) => true,
            Binding::WebApi(api) => api
                .request_formats
                .iter()
                .chain(&api.response_formats)
                .any(|f| f.syntax == Syntax::Json && f.usable.value),
            _ => false,
        })
}

fn module_docs(plan: &Plan<'_>) -> Vec<String> {
    let service = plan.service;
    let mut paragraphs = vec![format!(
        "The {} service, generated from {}.",
        code(&service.name.value),
        service
            .sources
            .iter()
            .map(|s| format!("{} ({})", code(&s.name), s.family.describe()))
            .collect::<Vec<_>>()
            .join(", ")
    )];
    // What the documents say of the service, and what the reader left out of it.
    paragraphs.extend(service.documentation.iter().map(|d| docs::text(&d.text)));
    let operations: Vec<String> = plan
        .operations
        .iter()
        .map(|op| {
            format!(
                "- {} ([`op::{}`]): [`{}`] and [`{}`]",
                code(op.op.key()),
                op.variant,
                op.request,
                op.response
            )
        })
        .collect();
    if operations.is_empty() {
        paragraphs.push(
            "Its documents describe no operation: the module holds their types, and no client \
             or server."
                .to_owned(),
        );
        return paragraphs;
    }
    paragraphs.push(format!("Operations:\n\n{}", operations.join("\n")));
    // What each binding's WS-Policy asks, and above all what the generated code cannot do of
    // it, before a first call fails.
    for (policy, name) in crate::emit::operations_table::policy_names(plan) {
        let mut paragraph = format!(
            "The binding {} states a WS-Policy: [`{name}`] says what it asks and how the \
             generated code follows it.",
            code(&policy.binding)
        );
        if !policy.unsupported.is_empty() {
            let cannot: Vec<String> = policy
                .unsupported
                .iter()
                .map(|u| docs::text(&u.value))
                .collect();
            paragraph.push_str(&format!(
                " It also asks for what the generated code cannot do: {}. Call that binding \
                 through an HTTP stack of your own that does it (the client's `request` and \
                 `response`), or use another binding.",
                cannot.join("; ")
            ));
        }
        paragraphs.push(paragraph);
    }
    paragraphs.push(
        "[`Client`] calls an operation by its type in [`op`] (`client.call(&transport, \
         op::Name, &request)`). Each request type writes itself with `write_request` and each \
         response type reads itself with `read_response` (`rt::WriteRequest`, \
         `rt::ReadResponse`), for any binding in [`OPERATIONS`]. With the crate's `server` \
         feature, the other way too (`rt::ReadRequest`, `rt::WriteResponse`), and the \
         service's `Server` trait and `dispatch` answer HTTP requests as the service does; \
         with `axum`, `router` serves them."
            .to_owned(),
    );
    paragraphs
}

/// What the request's documentation says about each binding.
fn binding_docs(op: &crate::model::Operation) -> Vec<String> {
    let mut lines = Vec::new();
    for binding in &op.bindings {
        let line = match binding {
            Binding::Soap(soap) => {
                let version = match soap.version {
                    SoapVersion::Soap11 => "SOAP 1.1",
                    SoapVersion::Soap12 => "SOAP 1.2",
                };
                let path = match &soap.path {
                    Some(path) => format!("to {}", code(&path.value)),
                    None => {
                        "to an endpoint the documents do not show (the caller gives it)".to_owned()
                    }
                };
                let inferred = if soap.action.origin.is_inferred() {
                    ", inferred by convention"
                } else {
                    ""
                };
                let encoded = if soap.encoding_style.is_some() {
                    ", SOAP-encoded (each value names its type)"
                } else {
                    ""
                };
                let said = format!(
                    "{path}, action {}{inferred}{encoded}.",
                    code(&soap.action.value)
                );
                // SOAP 1.2 bound as SOAP 1.1 just before it (as ASMX binds every operation)
                // shares its line.
                let same_as_before = format!("- SOAP 1.1 {said}");
                if version == "SOAP 1.2" && lines.last() == Some(&same_as_before) {
                    lines.pop();
                    lines.push(format!("- SOAP 1.1 and 1.2 {said}"));
                    continue;
                }
                format!("- {version} {said}")
            }
            Binding::Http(http) => {
                let how = match http.method {
                    HttpMethod::Get => "HTTP GET with the members as query parameters",
                    _ => "HTTP POST with the members as a form",
                };
                format!("- {how}, to {}.", code(&http.path.value))
            }
            Binding::Json(json) => {
                let how = match &json.wrapper {
                    None => "JSON method by GET, with the members as query parameters".to_owned(),
                    Some(wrapper) => format!(
                        "JSON method by {}, with the members in a JSON object under {}",
                        json.method,
                        code(&wrapper.value)
                    ),
                };
                let reply = match json.reply.value {
                    JsonReply::Empty => format!("success is status {}", json.success_status.value),
                    JsonReply::Result => "the result comes back as JSON".to_owned(),
                };
                format!("- {how}, to {}; {reply}.", code(&json.path.value))
            }
            Binding::WebApi(api) => {
                let syntax = |f: &MediaFormat| match f.syntax {
                    Syntax::Json => "JSON",
                    Syntax::Xml => "XML",
                    Syntax::Form => "a form",
                };
                let kinds = binding.kinds();
                let called = |f: &&MediaFormat| kinds.contains(&f.syntax.web_api());
                let formats: Vec<String> = api
                    .request_formats
                    .iter()
                    .filter(called)
                    .map(|f| format!("{} ({})", syntax(f), code(&f.media_types[0].value)))
                    .collect();
                let body = if formats.is_empty() {
                    String::new()
                } else {
                    format!(", with the body as {}", formats.join(" or "))
                };
                let mut line = format!(
                    "- Web API {} {} relative to the API's base address{body}.",
                    api.method.value,
                    code(&api.route.value)
                );
                // What the page lists and the generated code leaves out, and why, so that
                // a user learns it here rather than from a server's 415.
                for left_out in [Syntax::Json, Syntax::Xml] {
                    if kinds.contains(&left_out.web_api()) {
                        continue;
                    }
                    let listed: Vec<&MediaFormat> = api
                        .request_formats
                        .iter()
                        .chain(&api.response_formats)
                        .filter(|f| f.syntax == left_out)
                        .collect();
                    let Some(first) = listed.first() else {
                        continue;
                    };
                    let mut media_types: Vec<String> = listed
                        .iter()
                        .flat_map(|f| &f.media_types)
                        .map(|m| code(&m.value))
                        .collect();
                    media_types.dedup();
                    let why = if listed.iter().any(|f| !f.usable.value) {
                        "no sample shows its DataContract namespace"
                    } else if api.request_formats.iter().any(|f| f.syntax == left_out) {
                        "the page lists it for the request alone"
                    } else {
                        "the page lists it for the response alone"
                    };
                    line.push_str(&format!(
                        " The page lists {} too ({}), which is left out: {why}.",
                        syntax(first),
                        media_types.join(", ")
                    ));
                }
                let mut others: Vec<String> = api
                    .other_media_types
                    .iter()
                    .map(|m| code(&m.value))
                    .collect();
                others.sort();
                others.dedup();
                if !others.is_empty() {
                    line.push_str(&format!(
                        " The page also lists {}, which the generator does not speak.",
                        others.join(", ")
                    ));
                }
                line
            }
        };
        lines.push(line);
    }
    match lines.as_slice() {
        [] => Vec::new(),
        // One line says it without a list.
        [only] => vec![format!(
            "Bindings: {}",
            only.strip_prefix("- ").unwrap_or(only)
        )],
        _ => vec![format!("Bindings:\n\n{}", lines.join("\n"))],
    }
}
