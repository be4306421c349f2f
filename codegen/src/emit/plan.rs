//! The plan of a module: every Rust name, every struct with its fields and how each field
//! travels, decided once before any code is emitted.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::emit::docs::{self, code};
use crate::emit::rust_types::{self, Shape};
use crate::model::{
    Binding, ComplexType, Element, Facet, Message, Operation, QName, Service, TypeKind, TypeUse,
};
use crate::names::{self, PRELUDE_TYPES, Scope};

/// Names that generated modules define themselves.
pub const MODULE_ITEMS: &[&str] = &[
    "ErrorCode",
    "ServiceError",
    "DEFAULT_HOST",
    "OPERATIONS",
    "Request",
    "Response",
    "Client",
    "Error",
];

/// A module's plan.
pub struct Plan<'m> {
    /// The service.
    pub service: &'m Service,
    /// The Rust names of named types that become items (arrays become `Vec`s instead).
    pub names: BTreeMap<QName, String>,
    /// Every struct, in the order it is emitted.
    pub structs: Vec<StructPlan<'m>>,
    /// Every operation's messages.
    pub operations: Vec<OperationPlan<'m>>,
    scope: Scope,
}

/// What an operation's request or response is in Rust.
#[derive(Clone, Debug)]
pub enum MessageKind {
    /// A struct of its own (index into [`Plan::structs`]).
    Struct(usize),
    /// An alias of its body's named type (the named type's Rust name).
    Alias(String),
    /// Its body's named type, which already has the name the message would get.
    Named(String),
}

/// An operation's plan.
pub struct OperationPlan<'m> {
    /// The operation.
    pub op: &'m Operation,
    /// The Rust name of the request type.
    pub request: String,
    /// What the request type is.
    pub request_kind: MessageKind,
    /// The Rust name of the response type.
    pub response: String,
    /// What the response type is.
    pub response_kind: MessageKind,
    /// The enum variant for the operation in `Request` and `Response`.
    pub variant: String,
}

/// Where a struct comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StructOrigin {
    /// An operation's request (index into the service's operations).
    Request(usize),
    /// An operation's response.
    Response(usize),
    /// A named complex type.
    Named(QName),
    /// A complex type without a name, inside another.
    Nested,
}

/// A struct to emit.
pub struct StructPlan<'m> {
    /// Its name.
    pub name: String,
    /// Its documentation.
    pub docs: Vec<String>,
    /// Its fields.
    pub fields: Vec<Field<'m>>,
    /// The order its elements take in XML: (field index, whether this is the field's last
    /// occurrence). A name the sequence repeats is one field that occurs more than once.
    pub xml_order: Vec<(usize, bool)>,
    /// Where it comes from.
    pub origin: StructOrigin,
}

/// How a field's value is made.
#[derive(Clone, Debug)]
pub enum ValueKind {
    /// A simple value, a named complex type or an enumeration: one element or text.
    Plain,
    /// An array wrapper: the items stand in the element, each an element of their own.
    Array {
        /// The items' namespace.
        item_ns: String,
        /// The items' local name.
        item_local: String,
        /// Whether items may be nil (`Option` items).
        item_nillable: bool,
    },
}

/// Where a field travels.
#[derive(Clone, Debug)]
pub enum Wire {
    /// A child element.
    Element {
        /// Its namespace.
        ns: String,
        /// Its local name.
        local: String,
    },
    /// An attribute of the element.
    Attribute {
        /// Its name.
        name: String,
    },
    /// A SOAP header entry.
    Header {
        /// Its namespace.
        ns: String,
        /// Its local name.
        local: String,
    },
    /// A URI parameter of a Web API action.
    Parameter {
        /// Its name.
        name: String,
        /// Whether the route has it in its path (else it goes in the query).
        in_path: bool,
    },
    /// The whole body of a Web API action with URI parameters.
    Body,
}

/// A field of a struct.
pub struct Field<'m> {
    /// The Rust name.
    pub name: String,
    /// The type of one value, before the shape wraps it.
    pub value_ty: TokenStream,
    /// How it occurs.
    pub shape: Shape,
    /// For [`Shape::Optional`]: whether `None` is nil on the wire (else it is absent).
    pub nil_when_none: bool,
    /// How the value is made.
    pub value: ValueKind,
    /// Whether the value can travel as query or form pairs: a simple value, or an array of
    /// simple values (one pair per item).
    pub simple: bool,
    /// Where it travels.
    pub wire: Wire,
    /// Whether it is a credential.
    pub secret: bool,
    /// Whether its type has a `Default`.
    pub has_default: bool,
    /// Its documentation.
    pub docs: Vec<String>,
    /// The element it comes from, where it comes from one.
    pub element: Option<&'m Element>,
}

impl Field<'_> {
    /// The field's whole type.
    pub fn ty(&self) -> TokenStream {
        self.shape.wrap(self.value_ty.clone())
    }

    /// The field's identifier.
    pub fn ident(&self) -> proc_macro2::Ident {
        names::ident(&self.name)
    }
}

impl<'m> Plan<'m> {
    /// Plans a module for `service`.
    pub fn new(service: &'m Service) -> Self {
        let mut reserved: Vec<&str> = PRELUDE_TYPES.to_vec();
        reserved.extend(MODULE_ITEMS);
        let mut scope = Scope::with_reserved(&reserved);
        // Wire types first: their names are the ones the pages use.
        let mut names = BTreeMap::new();
        for def in &service.types {
            let is_array = matches!(&def.kind, TypeKind::Complex(c) if c.array_item().is_some());
            if !is_array {
                names.insert(
                    def.name.value.clone(),
                    scope.claim(&names::type_name(&def.name.value.local)),
                );
            }
        }
        let mut plan = Plan {
            service,
            names,
            structs: Vec::new(),
            operations: Vec::new(),
            scope,
        };
        let mut variants = Scope::default();
        for (index, op) in service.operations.iter().enumerate() {
            let base = names::type_name(&op.name.value);
            let (request, request_kind) = plan.message(index, op, &op.input, &base, "Request");
            let (response, response_kind) = plan.message(index, op, &op.output, &base, "Response");
            plan.operations.push(OperationPlan {
                op,
                request,
                request_kind,
                response,
                response_kind,
                variant: variants.claim(&base),
            });
        }
        for def in &service.types {
            let (Some(name), TypeKind::Complex(complex)) =
                (plan.names.get(&def.name.value).cloned(), &def.kind)
            else {
                continue;
            };
            let mut paragraphs = vec![format!(
                "The type {} in namespace {}.",
                code(&def.name.value.local),
                code(&def.name.value.namespace)
            )];
            paragraphs.extend(def.documentation.iter().map(|d| docs::text(&d.text)));
            plan.complex_struct(
                name,
                paragraphs,
                complex,
                StructOrigin::Named(def.name.value.clone()),
            );
        }
        plan
    }

    /// Plans an operation's request or response: a struct, or its body's named type.
    fn message(
        &mut self,
        index: usize,
        op: &'m Operation,
        message: &'m Message,
        base: &str,
        suffix: &str,
    ) -> (String, MessageKind) {
        let wanted = format!("{base}{suffix}");
        let request = suffix == "Request";
        if let Some(target) = self.alias_target(message) {
            if target == wanted {
                return (wanted, MessageKind::Named(target));
            }
            let name = self
                .scope
                .claim_first(&[wanted.clone(), format!("{wanted}Message")]);
            return (name, MessageKind::Alias(target));
        }
        let name = self
            .scope
            .claim_first(&[wanted.clone(), format!("{wanted}Message")]);
        let what = if request { "request" } else { "response" };
        let mut paragraphs = vec![format!("The {what} of {}.", code(&op.name.value))];
        if request {
            paragraphs.extend(op.documentation.iter().map(|d| docs::text(&d.text)));
        }
        let mut scope = Scope::default();
        let mut fields = Vec::new();
        for header in &message.headers {
            let mut field = self.element_field(&mut scope, &header.element, &name);
            field.shape = if header.required.value {
                Shape::Required
            } else {
                Shape::Optional
            };
            field.nil_when_none = false;
            field.wire = Wire::Header {
                ns: header.element.name.namespace.clone(),
                local: header.element.name.local.clone(),
            };
            let presence = match (request, header.required.value) {
                (_, true) => "always there",
                (true, false) => "optional (`None` leaves it out)",
                (false, false) => "`None` when the response does not carry it",
            };
            field.docs[0] = format!(
                "SOAP header {}, {presence}.",
                code(&header.element.name.local)
            );
            field.has_default = field.shape != Shape::Required;
            fields.push(field);
        }
        for parameter in &message.parameters {
            let in_path = op.bindings.iter().any(|b| match b {
                Binding::WebApi(api) => api.route_has(&parameter.name.local),
                _ => false,
            });
            let mut field = self.element_field(&mut scope, parameter, &name);
            field.docs[0] = format!(
                "URI parameter {}, in the {}, {}.",
                code(&parameter.name.local),
                if in_path { "path" } else { "query" },
                Shape::of(parameter).describe(parameter)
            );
            field.wire = Wire::Parameter {
                name: parameter.name.local.clone(),
                in_path,
            };
            fields.push(field);
        }
        let origin = if request {
            StructOrigin::Request(index)
        } else {
            StructOrigin::Response(index)
        };
        let mut xml_order = Vec::new();
        if let Some(body) = &message.body {
            match &body.ty.value {
                TypeUse::Anonymous(complex) => {
                    let (members, order) = self.members(&mut scope, complex, &name, fields.len());
                    fields.extend(members);
                    xml_order = order;
                }
                other => {
                    let (value_ty, has_default, value) =
                        self.value_type(other, &name, &body.name.local);
                    fields.push(Field {
                        name: scope.claim("body"),
                        value_ty,
                        shape: Shape::Required,
                        nil_when_none: false,
                        value,
                        simple: matches!(other, TypeUse::Builtin(_)),
                        wire: Wire::Body,
                        secret: false,
                        has_default,
                        docs: vec![format!("The body, element {}.", code(&body.name.local))],
                        element: Some(body),
                    });
                }
            }
        }
        let index = self.structs.len();
        self.structs.push(StructPlan {
            name: name.clone(),
            docs: paragraphs,
            fields,
            xml_order,
            origin,
        });
        (name, MessageKind::Struct(index))
    }

    /// The named type a message is, when it is nothing but its body of a named type.
    fn alias_target(&self, message: &Message) -> Option<String> {
        match message.body.as_ref().map(|b| &b.ty.value) {
            Some(TypeUse::Named(type_name))
                if message.headers.is_empty() && message.parameters.is_empty() =>
            {
                self.names.get(type_name).cloned()
            }
            _ => None,
        }
    }

    /// Plans a struct for a complex type.
    fn complex_struct(
        &mut self,
        name: String,
        docs: Vec<String>,
        complex: &'m ComplexType,
        origin: StructOrigin,
    ) {
        let mut scope = Scope::default();
        let (fields, xml_order) = self.members(&mut scope, complex, &name, 0);
        self.structs.push(StructPlan {
            name,
            docs,
            fields,
            xml_order,
            origin,
        });
    }

    /// The fields of a complex type's attributes and elements, and the XML order of the
    /// elements. `offset` is the number of fields before these in the struct.
    fn members(
        &mut self,
        scope: &mut Scope,
        complex: &'m ComplexType,
        owner: &str,
        offset: usize,
    ) -> (Vec<Field<'m>>, Vec<(usize, bool)>) {
        let mut fields = Vec::new();
        for attribute in &complex.attributes {
            let (value_ty, has_default, value) =
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
                value_ty,
                shape,
                nil_when_none: false,
                value,
                simple: true,
                wire: Wire::Attribute {
                    name: attribute.name.local.clone(),
                },
                secret,
                has_default: has_default || shape != Shape::Required,
                docs: field_docs,
                element: None,
            });
        }
        let mut order = Vec::new();
        let mut seen: Vec<(&QName, usize)> = Vec::new();
        for (position, element) in complex.sequence.iter().enumerate() {
            let is_last = !complex.sequence[position + 1..]
                .iter()
                .any(|e| e.name == element.name);
            if let Some((_, index)) = seen.iter().find(|(name, _)| **name == element.name) {
                order.push((*index, is_last));
                continue;
            }
            let repeated = complex
                .sequence
                .iter()
                .filter(|e| e.name == element.name)
                .count();
            let mut field = self.element_field(scope, element, owner);
            if repeated > 1 {
                field.docs.push(format!(
                    "The wire carries {} {repeated} times (a member redeclared by a derived class); \
                     this is the last value that is not nil, and the others are written as nil.",
                    code(&element.name.local)
                ));
            }
            let index = offset + fields.len();
            seen.push((&element.name, index));
            order.push((index, is_last));
            fields.push(field);
        }
        (fields, order)
    }

    /// A field for an element.
    fn element_field(&mut self, scope: &mut Scope, element: &'m Element, owner: &str) -> Field<'m> {
        let (value_ty, has_default, value) =
            self.value_type(&element.ty.value, owner, &element.name.local);
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
            value_ty,
            shape,
            nil_when_none: shape == Shape::Optional && element.nillable.value,
            simple: self.is_pair_value(&element.ty.value),
            value,
            wire: Wire::Element {
                ns: element.name.namespace.clone(),
                local: element.name.local.clone(),
            },
            secret,
            has_default: has_default || shape != Shape::Required,
            docs: field_docs,
            element: Some(element),
        }
    }

    /// Whether values of `ty` are text: built-ins and enumerations.
    fn is_simple(&self, ty: &TypeUse) -> bool {
        match ty {
            TypeUse::Builtin(builtin) => *builtin != crate::model::Builtin::AnyType,
            TypeUse::Named(name) => matches!(
                self.service.find_type(name).map(|d| &d.kind),
                Some(TypeKind::Enumeration(_))
            ),
            TypeUse::Anonymous(_) => false,
        }
    }

    /// Whether values of `ty` can be query or form pairs: simple, or arrays of simple items.
    fn is_pair_value(&self, ty: &TypeUse) -> bool {
        if self.is_simple(ty) {
            return true;
        }
        match ty {
            TypeUse::Named(name) => match self.service.find_type(name).map(|d| &d.kind) {
                Some(TypeKind::Complex(complex)) => complex
                    .array_item()
                    .is_some_and(|item| !item.nillable.value && self.is_simple(&item.ty.value)),
                _ => false,
            },
            _ => false,
        }
    }

    /// The Rust type of one value of `ty`, whether it has a `Default`, and how it is made.
    fn value_type(
        &mut self,
        ty: &'m TypeUse,
        owner: &str,
        member: &str,
    ) -> (TokenStream, bool, ValueKind) {
        match ty {
            TypeUse::Builtin(builtin) => (
                rust_types::builtin(*builtin),
                rust_types::builtin_has_default(*builtin),
                ValueKind::Plain,
            ),
            TypeUse::Named(name) => {
                if let Some(rust) = self.names.get(name) {
                    let ident = format_ident!("{}", rust);
                    return (quote!(#ident), false, ValueKind::Plain);
                }
                match self.service.find_type(name).map(|d| &d.kind) {
                    Some(TypeKind::Complex(complex)) => match complex.array_item() {
                        Some(item) => {
                            let (value, _, _) =
                                self.value_type(&item.ty.value, owner, &item.name.local);
                            let value = if item.nillable.value {
                                quote!(Option<#value>)
                            } else {
                                value
                            };
                            (
                                quote!(Vec<#value>),
                                true,
                                ValueKind::Array {
                                    item_ns: item.name.namespace.clone(),
                                    item_local: item.name.local.clone(),
                                    item_nillable: item.nillable.value,
                                },
                            )
                        }
                        None => (quote!(rt::XmlContent), true, ValueKind::Plain),
                    },
                    // Readers define every type they refer to; a dangling name keeps its content raw.
                    _ => (quote!(rt::XmlContent), true, ValueKind::Plain),
                }
            }
            TypeUse::Anonymous(complex) => {
                let name = self
                    .scope
                    .claim(&format!("{owner}{}", names::type_name(member)));
                self.complex_struct(
                    name.clone(),
                    vec![format!("A member type of {}.", code(owner))],
                    complex,
                    StructOrigin::Nested,
                );
                let ident = format_ident!("{}", name);
                (quote!(#ident), false, ValueKind::Plain)
            }
        }
    }

    /// Takes a module-level name for another item, numbered if it is taken.
    pub fn claim(&mut self, wanted: &str) -> String {
        self.scope.claim(wanted)
    }

    /// The struct planned for an operation's request or response, if it has one.
    pub fn message_struct(&self, kind: &MessageKind) -> Option<&StructPlan<'m>> {
        match kind {
            MessageKind::Struct(index) => self.structs.get(*index),
            _ => None,
        }
    }

    /// The struct planned for a named type.
    pub fn named_struct(&self, name: &QName) -> Option<&StructPlan<'m>> {
        self.structs
            .iter()
            .find(|s| s.origin == StructOrigin::Named(name.clone()))
    }
}

/// What `Debug` shows for a credential, said in its documentation.
pub const SECRET_NOTE: &str = "A credential: `Debug` shows `<redacted>` in its place.";

/// ` (`xs:string`)` for built-in types; nothing for named ones, whose Rust type says it.
fn type_note(ty: &TypeUse) -> String {
    match ty {
        TypeUse::Builtin(builtin) => format!(" ({})", code(&format!("xs:{}", builtin.xsd_name()))),
        _ => String::new(),
    }
}
