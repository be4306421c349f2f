//! One service's module: request and response types of its operations, the named types they
//! use, and its error codes.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::emit::docs::{self, code};
use crate::emit::enums;
use crate::emit::rust_types::{self, Shape};
use crate::model::{
    Binding, ComplexType, Element, Facet, HttpMethod, JsonReply, Message, Operation, QName,
    Service, SoapVersion, Syntax, TypeKind, TypeUse,
};
use crate::names::{self, PRELUDE_TYPES, Scope, ident};

/// Names that generated modules define themselves.
pub const MODULE_ITEMS: &[&str] = &["ErrorCode", "ServiceError", "DEFAULT_HOST"];

/// The tokens of a service's module, without the `@generated` line.
pub fn module_tokens(service: &Service) -> TokenStream {
    let mut emitter = ModuleEmitter::new(service);
    emitter.emit();
    let module_doc = docs::inner_attrs(&emitter.module_docs());
    let items = &emitter.items;
    quote! {
        #module_doc
        #(#items)*
    }
}

struct ModuleEmitter<'m> {
    service: &'m Service,
    scope: Scope,
    named: BTreeMap<QName, String>,
    operations: Vec<(String, String)>,
    items: Vec<TokenStream>,
    /// Complex types without names, found inside others, still to emit as structs.
    pending: Vec<(String, &'m ComplexType)>,
}

/// A field of a generated struct.
struct Field {
    name: String,
    ty: TokenStream,
    shape: Shape,
    secret: bool,
    has_default: bool,
    docs: Vec<String>,
}

impl<'m> ModuleEmitter<'m> {
    fn new(service: &'m Service) -> Self {
        let mut reserved: Vec<&str> = PRELUDE_TYPES.to_vec();
        reserved.extend(MODULE_ITEMS);
        let mut scope = Scope::with_reserved(&reserved);
        // Wire types first: their names are the ones the pages use.
        let mut named = BTreeMap::new();
        for def in &service.types {
            let is_array = matches!(&def.kind, TypeKind::Complex(c) if c.array_item().is_some());
            if !is_array {
                named.insert(
                    def.name.value.clone(),
                    scope.claim(&names::type_name(&def.name.value.local)),
                );
            }
        }
        let operations = service
            .operations
            .iter()
            .map(|op| {
                let base = names::type_name(&op.name.value);
                let mut name = |message: &Message, suffix: &str| {
                    let wanted = format!("{base}{suffix}");
                    // A message that is its body's named type, and that type already has the
                    // name the message would get, needs no name of its own.
                    match alias_target(message, &named) {
                        Some(target) if *target == wanted => wanted,
                        _ => scope.claim_first(&[wanted.clone(), format!("{wanted}Message")]),
                    }
                };
                let request = name(&op.input, "Request");
                let response = name(&op.output, "Response");
                (request, response)
            })
            .collect();
        ModuleEmitter {
            service,
            scope,
            named,
            operations,
            items: Vec::new(),
            pending: Vec::new(),
        }
    }

    fn module_docs(&self) -> Vec<String> {
        let service = self.service;
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
        let operations: Vec<String> = self
            .service
            .operations
            .iter()
            .zip(&self.operations)
            .map(|(op, (request, response))| {
                format!(
                    "- {}: [`{request}`] and [`{response}`]",
                    code(&op.name.value)
                )
            })
            .collect();
        paragraphs.push(format!("Operations:\n\n{}", operations.join("\n")));
        paragraphs
    }

    fn emit(&mut self) {
        if let Some(host) = &self.service.host {
            let value = &host.value;
            let doc = docs::attrs(&[format!(
                "The host the pages show, {}: only a default, as the endpoint is the caller's to choose.",
                code(value)
            )]);
            self.items.push(quote! {
                #doc
                pub const DEFAULT_HOST: &str = #value;
            });
        }
        let service = self.service;
        for (index, op) in service.operations.iter().enumerate() {
            let (request, response) = self.operations[index].clone();
            self.message(op, &op.input, &request, true);
            self.message(op, &op.output, &response, false);
        }
        for def in &service.types {
            let Some(name) = self.named.get(&def.name.value).cloned() else {
                continue;
            };
            let mut paragraphs = vec![format!(
                "The type {} in namespace {}.",
                code(&def.name.value.local),
                code(&def.name.value.namespace)
            )];
            paragraphs.extend(def.documentation.iter().map(|d| docs::text(&d.text)));
            match &def.kind {
                TypeKind::Complex(complex) => {
                    let fields = self.complex_fields(complex, &name);
                    self.push_struct(&name, paragraphs, fields);
                }
                TypeKind::Enumeration(enumeration) => {
                    self.items
                        .push(enums::enumeration(&name, paragraphs, enumeration));
                }
            }
        }
        while let Some((name, complex)) = self.pending.pop() {
            let fields = self.complex_fields(complex, &name);
            self.push_struct(
                &name,
                vec![format!("A member type of {}.", code(&name))],
                fields,
            );
        }
        if let Some(errors) = enums::error_codes(service) {
            self.items.push(errors);
        }
    }

    /// The request or response type of an operation: a struct of its headers, its body's
    /// members and its URI parameters, or an alias of its body's named type.
    fn message(&mut self, op: &'m Operation, message: &'m Message, name: &str, request: bool) {
        let what = if request { "request" } else { "response" };
        let mut paragraphs = vec![format!("The {what} of {}.", code(&op.name.value))];
        if request {
            paragraphs.extend(op.documentation.iter().map(|d| docs::text(&d.text)));
            paragraphs.extend(self.binding_docs(op));
        }
        if let Some(target) = alias_target(message, &self.named) {
            if target == name {
                return;
            }
            let alias = format_ident!("{}", name);
            let target = format_ident!("{}", target);
            let doc = docs::attrs(&paragraphs);
            self.items.push(quote! {
                #doc
                pub type #alias = #target;
            });
            return;
        }
        let mut fields_scope = Scope::default();
        let mut fields = Vec::new();
        for header in &message.headers {
            let element = &header.element;
            let (value, _) = self.value_type(&element.ty.value, name, &element.name.local);
            let shape = if header.required.value {
                Shape::Required
            } else {
                Shape::Optional
            };
            let presence = match (request, header.required.value) {
                (_, true) => "always there",
                (true, false) => "optional (`None` leaves it out)",
                (false, false) => "`None` when the response does not carry it",
            };
            let mut field_docs = vec![format!(
                "SOAP header {}, {presence}.",
                code(&element.name.local)
            )];
            field_docs.extend(element.documentation.iter().map(|d| docs::text(&d.text)));
            fields.push(Field {
                name: fields_scope.claim(&names::field_name(&element.name.local)),
                ty: shape.wrap(value),
                shape,
                secret: element.secret.as_ref().is_some_and(|s| s.value),
                has_default: shape != Shape::Required,
                docs: field_docs,
            });
        }
        for parameter in &message.parameters {
            let mut field = self.element_field(&mut fields_scope, parameter, name);
            let in_path = op.bindings.iter().any(|b| match b {
                Binding::WebApi(api) => api
                    .route
                    .value
                    .contains(&format!("{{{}}}", parameter.name.local)),
                _ => false,
            });
            field.docs[0] = format!(
                "URI parameter {}, in the {}, {}.",
                code(&parameter.name.local),
                if in_path { "path" } else { "query" },
                Shape::of(parameter).describe(parameter)
            );
            fields.push(field);
        }
        if let Some(body) = message.body.as_ref() {
            match &body.ty.value {
                TypeUse::Anonymous(complex) => {
                    fields.extend(self.members(&mut fields_scope, complex, name))
                }
                other => {
                    let (ty, has_default) = self.value_type(other, name, &body.name.local);
                    fields.push(Field {
                        name: fields_scope.claim("body"),
                        ty,
                        shape: Shape::Required,
                        secret: false,
                        has_default,
                        docs: vec![format!("The body, element {}.", code(&body.name.local))],
                    });
                }
            }
        }
        self.push_struct(name, paragraphs, fields);
    }

    /// What the request's documentation says about each binding.
    fn binding_docs(&self, op: &Operation) -> Vec<String> {
        let mut lines = Vec::new();
        for binding in &op.bindings {
            let line =
                match binding {
                    Binding::Soap(soap) => {
                        let version = match soap.version {
                            SoapVersion::Soap11 => "SOAP 1.1",
                            SoapVersion::Soap12 => "SOAP 1.2",
                        };
                        let path = match &soap.path {
                            Some(path) => format!("to {}", code(&path.value)),
                            None => "to an endpoint the page does not show (the caller gives it)"
                                .to_owned(),
                        };
                        let inferred = if soap.action.origin.is_inferred() {
                            ", inferred by convention"
                        } else {
                            ""
                        };
                        format!(
                            "- {version} {path}, action {}{inferred}.",
                            code(&soap.action.value)
                        )
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
                            None => "JSON method by GET, with the members as query parameters"
                                .to_owned(),
                            Some(wrapper) => format!(
                                "JSON method by {}, with the members in a JSON object under {}",
                                json.method,
                                code(&wrapper.value)
                            ),
                        };
                        let reply = match json.reply.value {
                            JsonReply::Empty => {
                                format!("success is status {}", json.success_status.value)
                            }
                            JsonReply::Result => "the result comes back as JSON".to_owned(),
                        };
                        format!("- {how}, to {}; {reply}.", code(&json.path.value))
                    }
                    Binding::WebApi(api) => {
                        let formats: Vec<String> = api
                            .request_formats
                            .iter()
                            .filter(|f| f.available.value)
                            .map(|f| {
                                let syntax = match f.syntax {
                                    Syntax::Json => "JSON",
                                    Syntax::Xml => "XML",
                                    Syntax::Form => "a form",
                                };
                                format!("{syntax} ({})", code(&f.media_types[0].value))
                            })
                            .collect();
                        let body = if formats.is_empty() {
                            String::new()
                        } else {
                            format!(", with the body as {}", formats.join(" or "))
                        };
                        format!(
                            "- Web API {} {} relative to the API's base address{body}.",
                            api.method.value,
                            code(&api.route.value)
                        )
                    }
                };
            lines.push(line);
        }
        if lines.is_empty() {
            Vec::new()
        } else {
            vec![format!("Bindings:\n\n{}", lines.join("\n"))]
        }
    }

    /// The fields of a named or nested complex type.
    fn complex_fields(&mut self, complex: &'m ComplexType, owner: &str) -> Vec<Field> {
        let mut scope = Scope::default();
        self.members(&mut scope, complex, owner)
    }

    /// The fields of a complex type's attributes and elements. An element name that the
    /// sequence repeats (a member redeclared by a derived class) is one field.
    fn members(&mut self, scope: &mut Scope, complex: &'m ComplexType, owner: &str) -> Vec<Field> {
        let mut fields = Vec::new();
        for attribute in &complex.attributes {
            let (value, has_default) =
                self.value_type(&attribute.ty.value, owner, &attribute.name.local);
            let shape = if attribute.required.value {
                Shape::Required
            } else {
                Shape::Optional
            };
            let mut field_docs = vec![format!(
                "Attribute {}{}, {}.",
                code(&attribute.name.local),
                type_note(&attribute.ty.value),
                if attribute.required.value {
                    "always present"
                } else {
                    "may be absent (`None`)"
                }
            )];
            field_docs.extend(attribute.documentation.iter().map(|d| docs::text(&d.text)));
            let secret = attribute.secret.as_ref().is_some_and(|s| s.value);
            if secret {
                field_docs.push(SECRET_NOTE.to_owned());
            }
            fields.push(Field {
                name: scope.claim(&names::field_name(&attribute.name.local)),
                ty: shape.wrap(value),
                shape,
                secret,
                has_default: has_default || shape != Shape::Required,
                docs: field_docs,
            });
        }
        let mut seen: Vec<&QName> = Vec::new();
        for element in &complex.sequence {
            if seen.contains(&&element.name) {
                continue;
            }
            seen.push(&element.name);
            let repeated = complex
                .sequence
                .iter()
                .filter(|e| e.name == element.name)
                .count();
            let mut field = self.element_field(scope, element, owner);
            if repeated > 1 {
                field.docs.push(format!(
                    "The wire carries {} {repeated} times (a member redeclared by a derived class); \
                     this is the last value that is not nil.",
                    code(&element.name.local)
                ));
            }
            fields.push(field);
        }
        fields
    }

    fn element_field(&mut self, scope: &mut Scope, element: &'m Element, owner: &str) -> Field {
        let (value, has_default) = self.value_type(&element.ty.value, owner, &element.name.local);
        let shape = Shape::of(element);
        let mut field_docs = vec![format!(
            "Element {}{}, {}.",
            code(&element.name.local),
            type_note(&element.ty.value),
            shape.describe(element)
        )];
        field_docs.extend(element.documentation.iter().map(|d| docs::text(&d.text)));
        if let Some(default) = &element.default {
            field_docs.push(format!(
                "The server assumes {} when it is absent.",
                code(&default.value)
            ));
        }
        for facet in &element.facets {
            field_docs.push(match &facet.value {
                Facet::MaxLength(n) => format!("At most {n} characters."),
                Facet::MinLength(n) => format!("At least {n} characters."),
                Facet::Range { min, max } => {
                    format!("Between {} and {}, inclusive.", code(min), code(max))
                }
                Facet::Pattern(pattern) => format!("Matches {}.", code(pattern)),
            });
        }
        let secret = element.secret.as_ref().is_some_and(|s| s.value);
        if secret {
            field_docs.push(SECRET_NOTE.to_owned());
        }
        Field {
            name: scope.claim(&names::field_name(&element.name.local)),
            ty: shape.wrap(value),
            shape,
            secret,
            has_default: has_default || shape != Shape::Required,
            docs: field_docs,
        }
    }

    /// The Rust type of a value of `ty`, and whether it has a `Default`.
    fn value_type(&mut self, ty: &'m TypeUse, owner: &str, member: &str) -> (TokenStream, bool) {
        match ty {
            TypeUse::Builtin(builtin) => (
                rust_types::builtin(*builtin),
                rust_types::builtin_has_default(*builtin),
            ),
            TypeUse::Named(name) => {
                if let Some(rust) = self.named.get(name) {
                    let ident = format_ident!("{}", rust);
                    return (quote!(#ident), false);
                }
                match self.service.find_type(name).map(|d| &d.kind) {
                    Some(TypeKind::Complex(complex)) => match complex.array_item() {
                        Some(item) => {
                            let (value, _) =
                                self.value_type(&item.ty.value, owner, &item.name.local);
                            let value = if item.nillable.value {
                                quote!(Option<#value>)
                            } else {
                                value
                            };
                            (quote!(Vec<#value>), true)
                        }
                        None => (quote!(crate::runtime::XmlContent), true),
                    },
                    // Readers define every type they refer to; a dangling name keeps its content raw.
                    _ => (quote!(crate::runtime::XmlContent), true),
                }
            }
            TypeUse::Anonymous(complex) => {
                let name = self
                    .scope
                    .claim(&format!("{owner}{}", names::type_name(member)));
                self.pending.push((name.clone(), complex));
                let ident = format_ident!("{}", name);
                (quote!(#ident), false)
            }
        }
    }

    fn push_struct(&mut self, name: &str, paragraphs: Vec<String>, fields: Vec<Field>) {
        let struct_ident = format_ident!("{}", name);
        let doc = docs::attrs(&paragraphs);
        let has_secret = fields.iter().any(|f| f.secret);
        let has_default = fields.iter().all(|f| f.has_default);
        let mut derives = vec![quote!(Clone)];
        if !has_secret {
            derives.push(quote!(Debug));
        }
        if has_default {
            derives.push(quote!(Default));
        }
        derives.push(quote!(PartialEq));
        let field_items = fields.iter().map(|f| {
            let field_ident = ident(&f.name);
            let ty = &f.ty;
            let doc = docs::attrs(&f.docs);
            quote! {
                #doc
                pub #field_ident: #ty,
            }
        });
        self.items.push(quote! {
            #doc
            #[derive(#(#derives),*)]
            pub struct #struct_ident {
                #(#field_items)*
            }
        });
        if has_secret {
            let entries = fields.iter().map(|f| {
                let field_ident = ident(&f.name);
                let label = &f.name;
                let value = match (f.secret, f.shape) {
                    (false, _) => quote!(&self.#field_ident),
                    (true, Shape::Required) => quote!(&crate::runtime::Redacted),
                    (true, Shape::Optional | Shape::Tristate) => {
                        quote!(&self.#field_ident.as_ref().map(|_| crate::runtime::Redacted))
                    }
                    (true, Shape::List) => quote!(&self
                        .#field_ident
                        .iter()
                        .map(|_| crate::runtime::Redacted)
                        .collect::<Vec<_>>()),
                };
                quote!(.field(#label, #value))
            });
            let label = name;
            self.items.push(quote! {
                impl ::std::fmt::Debug for #struct_ident {
                    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.debug_struct(#label)
                            #(#entries)*
                            .finish()
                    }
                }
            });
        }
    }
}

/// The named type a message is, when it is nothing but its body of a named type.
fn alias_target<'a>(message: &Message, named: &'a BTreeMap<QName, String>) -> Option<&'a String> {
    match message.body.as_ref().map(|b| &b.ty.value) {
        Some(TypeUse::Named(type_name))
            if message.headers.is_empty() && message.parameters.is_empty() =>
        {
            named.get(type_name)
        }
        _ => None,
    }
}

const SECRET_NOTE: &str = "A credential: `Debug` shows `<redacted>` in its place.";

/// ` (`xs:string`)` for built-in types; nothing for named ones, whose Rust type says it.
fn type_note(ty: &TypeUse) -> String {
    match ty {
        TypeUse::Builtin(builtin) => format!(" ({})", code(&format!("xs:{}", builtin.xsd_name()))),
        _ => String::new(),
    }
}
