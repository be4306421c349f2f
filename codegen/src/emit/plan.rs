//! The plan of a module: every Rust name, every struct and enum with its fields and how each
//! field travels, decided once before any code is emitted.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::emit::content::{self, Content, Form, Member};
use crate::emit::docs::{self, code};
use crate::emit::recursion;
use crate::emit::rust_types::{self, Shape};
use crate::model::walk::{self, Named};
use crate::model::{
    Binding, Builtin, ComplexType, Element, Facet, MaxOccurs, Message, Operation, Particle, QName,
    Service, TypeKind, TypeUse,
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
    "Server",
    "Operation",
];

/// A module's plan.
pub struct Plan<'m> {
    /// The service.
    pub service: &'m Service,
    /// The Rust names of named types that become items of their own (arrays become `Vec`s
    /// and content kept raw becomes `XmlContent` instead).
    pub names: BTreeMap<QName, String>,
    /// The enums over a complex type and the types derived from it, by the base's name.
    pub polymorphic: BTreeMap<QName, Polymorphic>,
    /// The Rust names of those enums.
    polymorphic_names: BTreeSet<String>,
    /// Every struct, in the order it is emitted.
    pub structs: Vec<StructPlan<'m>>,
    /// Every choice enum, in the order it is emitted.
    pub choices: Vec<ChoicePlan>,
    /// Every operation's messages.
    pub operations: Vec<OperationPlan<'m>>,
    /// The named types that SOAP-encoded messages carry, whose values name their type
    /// (`xsi:type`) there.
    pub encoded: BTreeSet<QName>,
    scope: Scope,
}

/// An enum over a complex type and the types derived from it: the value an element of the
/// base type holds, told apart on the wire by `xsi:type`.
pub struct Polymorphic {
    /// The enum's name.
    pub name: String,
    /// The base type, when it may stand for itself (it is not abstract).
    pub base: Option<PolyVariant>,
    /// The derived types, direct and indirect, ordered by name.
    pub derived: Vec<PolyVariant>,
}

/// A variant of a [`Polymorphic`] enum.
pub struct PolyVariant {
    /// The type's qualified name, which `xsi:type` carries.
    pub ty: QName,
    /// Its Rust struct, which names the variant too.
    pub rust: String,
}

impl Polymorphic {
    /// Every variant, the base's first.
    pub fn variants(&self) -> impl Iterator<Item = &PolyVariant> {
        self.base.iter().chain(&self.derived)
    }
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
    /// The snake-case name of its `Server` method (`log_out`).
    pub method: String,
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
    /// The enum of the faults it declares, if it declares any.
    pub faults: Option<FaultsPlan>,
}

/// The faults an operation declares, as an enum of their details.
pub struct FaultsPlan {
    /// The enum's name.
    pub name: String,
    /// Each fault, a variant.
    pub variants: Vec<FaultVariant>,
}

/// A declared fault: a variant of its operation's faults enum.
pub struct FaultVariant {
    /// The variant's name.
    pub name: String,
    /// The detail element's namespace.
    pub ns: String,
    /// The detail element's local name.
    pub local: String,
    /// The detail's Rust type.
    pub ty: TokenStream,
    /// How the detail's value is made: an array's items stand in the element.
    pub value: ValueKind,
    /// Whether the detail is boxed: a struct, which may be much larger than the others.
    pub boxed: bool,
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

/// A choice: one of several elements, an enum with a variant per element.
pub struct ChoicePlan {
    /// The enum's name.
    pub name: String,
    /// Its documentation.
    pub docs: Vec<String>,
    /// Its variants, in the schema's order.
    pub variants: Vec<Variant>,
}

/// A variant of a choice.
pub struct Variant {
    /// Its name.
    pub name: String,
    /// The element it stands for: namespace and local name; `None` for a wildcard, which
    /// takes any element the others do not.
    pub element: Option<(String, String)>,
    /// The type of one value.
    pub value_ty: TokenStream,
    /// How the value is made.
    pub value: ValueKind,
    /// Whether the element may repeat within one occurrence of the choice (a `Vec`).
    pub repeated: bool,
    /// Whether the element may be nil (an `Option`, `None` for nil).
    pub nillable: bool,
    /// Whether the value is boxed, to break a cycle of types.
    pub boxed: bool,
    /// Whether the value is a credential, which `Debug` leaves out.
    pub secret: bool,
    /// The module's type the value is, for finding cycles.
    pub refers: Option<String>,
    /// Its documentation.
    pub docs: Vec<String>,
}

impl Variant {
    /// The type the variant holds.
    pub fn ty(&self) -> TokenStream {
        let mut ty = self.value_ty.clone();
        if self.boxed {
            ty = quote!(Box<#ty>);
        }
        if self.nillable {
            ty = quote!(Option<#ty>);
        }
        if self.repeated {
            ty = quote!(Vec<#ty>);
        }
        ty
    }
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
        /// Whether the items are a dictionary's pairs, which JSON writes as an object.
        keyed: bool,
        /// Whether the array is SOAP-encoded (`soapenc:Array`): its items are read whatever
        /// they are called, and an encoded message says their type and count.
        soap: bool,
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
        /// Its namespace (empty for an unqualified attribute, as most are).
        ns: String,
        /// Its local name.
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
    /// The whole body: a Web API action's with URI parameters, or a SOAP message's body
    /// element beside its headers.
    Body,
    /// The whole body as text, for a body no document describes.
    RawBody,
    /// The element's text, for simple content.
    Text,
    /// The element's whole content, kept as raw XML.
    Content,
    /// Child elements no other field takes, which a wildcard admits.
    AnyElements,
    /// Attributes no other field takes, which an attribute wildcard admits.
    AnyAttributes,
    /// A choice among child elements (index into [`Plan::choices`]).
    Choice(usize),
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
    /// Whether the value is boxed, to break a cycle of types.
    pub boxed: bool,
    /// The module's type the value is, for finding cycles.
    pub refers: Option<String>,
    /// Its documentation.
    pub docs: Vec<String>,
    /// The element it comes from, where it comes from one.
    pub element: Option<&'m Element>,
}

impl Field<'_> {
    /// The field's whole type.
    pub fn ty(&self) -> TokenStream {
        let value = &self.value_ty;
        let value = if self.boxed {
            quote!(Box<#value>)
        } else {
            value.clone()
        };
        self.shape.wrap(value)
    }

    /// The field's identifier.
    pub fn ident(&self) -> proc_macro2::Ident {
        names::ident(&self.name)
    }

    /// A field with nothing but a name, a type and a wire, for the parts of a message that
    /// are not declared elements.
    fn plain(name: String, value_ty: TokenStream, shape: Shape, wire: Wire) -> Self {
        Field {
            name,
            value_ty,
            shape,
            nil_when_none: false,
            value: ValueKind::Plain,
            simple: false,
            wire,
            secret: false,
            has_default: true,
            boxed: false,
            refers: None,
            docs: Vec::new(),
            element: None,
        }
    }
}

/// The Rust type of one value of a type use, and what goes with it.
struct ValueType {
    tokens: TokenStream,
    has_default: bool,
    value: ValueKind,
    refers: Option<String>,
}

impl<'m> Plan<'m> {
    /// Plans a module for `service`.
    pub fn new(service: &'m Service) -> Self {
        let mut reserved: Vec<&str> = PRELUDE_TYPES.to_vec();
        reserved.extend(MODULE_ITEMS);
        let mut scope = Scope::with_reserved(&reserved);
        let derived = derived_types(service, &direct_derived(service));
        // Wire types first: their names are the ones the documents use.
        let mut names = BTreeMap::new();
        for def in &service.types {
            let item = match &def.kind {
                // A dictionary's pair is the runtime's `KeyValue`.
                TypeKind::Complex(complex) if complex.key_value => false,
                TypeKind::Complex(complex) => {
                    derived.contains_key(&def.name.value)
                        || matches!(content::form(service, complex), Form::Struct)
                }
                _ => true,
            };
            if item {
                let wanted = names::type_name(&def.name.value.local);
                names.insert(
                    def.name.value.clone(),
                    scope.claim_first(&[wanted.clone(), format!("{wanted}Type")]),
                );
            }
        }
        let mut polymorphic = BTreeMap::new();
        for (base, below) in &derived {
            let Some(def) = service.find_type(base) else {
                continue;
            };
            let TypeKind::Complex(complex) = &def.kind else {
                continue;
            };
            let variant = |ty: &QName| {
                names.get(ty).map(|rust| PolyVariant {
                    ty: ty.clone(),
                    rust: rust.clone(),
                })
            };
            let name = scope.claim(&format!(
                "Any{}",
                names.get(base).map_or("", String::as_str)
            ));
            polymorphic.insert(
                base.clone(),
                Polymorphic {
                    name,
                    base: (!complex.is_abstract).then(|| variant(base)).flatten(),
                    derived: below.iter().filter_map(variant).collect(),
                },
            );
        }
        let encoded_operations = service.operations.iter().filter(|op| {
            op.bindings.iter().any(
                |binding| matches!(binding, Binding::Soap(soap) if soap.encoding_style.is_some()),
            )
        });
        let encoded = crate::model::walk::reached(service, encoded_operations);
        let polymorphic_names = polymorphic.values().map(|poly| poly.name.clone()).collect();
        let mut plan = Plan {
            service,
            names,
            polymorphic,
            polymorphic_names,
            structs: Vec::new(),
            choices: Vec::new(),
            operations: Vec::new(),
            encoded,
            scope,
        };
        let bases = operation_bases(service);
        let mut methods = Scope::default();
        let mut variants = Scope::default();
        for (index, (op, base)) in service.operations.iter().zip(bases).enumerate() {
            let (request, request_kind) = plan.message(index, op, &op.input, &base, "Request");
            let (response, response_kind) = plan.message(index, op, &op.output, &base, "Response");
            let faults = plan.faults(op, &base);
            plan.operations.push(OperationPlan {
                op,
                method: methods.claim(&names::field_name(&base)),
                request,
                request_kind,
                response,
                response_kind,
                variant: variants.claim(&names::type_name(&base)),
                faults,
            });
        }
        for def in &service.types {
            let (Some(name), TypeKind::Complex(complex)) =
                (plan.names.get(&def.name.value).cloned(), &def.kind)
            else {
                continue;
            };
            let mut paragraphs = vec![docs::type_heading(&def.name.value)];
            if complex.is_abstract {
                paragraphs.push(format!(
                    "Abstract: the wire carries only types derived from it{}.",
                    match self_poly_name(&plan, &def.name.value) {
                        Some(poly) => format!(", as [`{poly}`]"),
                        None => String::new(),
                    }
                ));
            }
            if let Some(base) = &complex.base {
                paragraphs.push(format!(
                    "Derived from {} by {}.",
                    code(&base.value.base.local),
                    match base.value.method {
                        crate::model::DerivationMethod::Extension => "extension",
                        crate::model::DerivationMethod::Restriction => "restriction",
                    }
                ));
            }
            paragraphs.extend(def.documentation.iter().map(|d| docs::text(&d.text)));
            plan.complex_struct(
                name,
                paragraphs,
                complex,
                StructOrigin::Named(def.name.value.clone()),
            );
        }
        recursion::box_cycles(&mut plan);
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
        let wanted = format!("{}{suffix}", names::type_stem(base));
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
            let mut field = self.element_field(&mut scope, &header.element, &name, false, false);
            // A header is an `Option` even where the message must carry it: the SOAP
            // envelope is what carries it, and writing or reading one without it says so.
            field.shape = Shape::Optional;
            field.nil_when_none = false;
            field.wire = Wire::Header {
                ns: header.element.name.namespace.clone(),
                local: header.element.name.local.clone(),
            };
            let presence = match (request, header.required.value) {
                (_, true) => "which the message must carry (`None` is refused)",
                (true, false) => "optional (`None` leaves it out)",
                (false, false) => "`None` when the response does not carry it",
            };
            field.docs[0] = format!(
                "SOAP header {}, {presence}.",
                code(&header.element.name.local)
            );
            field.has_default = true;
            fields.push(field);
        }
        for parameter in &message.parameters {
            let in_path = op.bindings.iter().any(|b| match b {
                Binding::WebApi(api) => api.route_has(&parameter.name.local),
                _ => false,
            });
            let mut field = self.element_field(&mut scope, parameter, &name, false, false);
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
                TypeUse::Anonymous(complex)
                    if !content::content(self.service, complex).is_only_raw() =>
                {
                    let offset = fields.len();
                    let (members, order) = self.members(&mut scope, complex, &name, offset);
                    fields.extend(members);
                    xml_order = order;
                }
                other => {
                    let value = self.value_type(other, &name, &body.name.local);
                    fields.push(Field {
                        value: value.value,
                        simple: matches!(other, TypeUse::Builtin(_)),
                        has_default: value.has_default,
                        refers: value.refers,
                        docs: std::iter::once(format!(
                            "The body, element {}.",
                            code(&body.name.local)
                        ))
                        .chain(body.documentation.iter().map(|d| docs::text(&d.text)))
                        .collect(),
                        element: Some(body),
                        ..Field::plain(
                            scope.claim("body"),
                            value.tokens,
                            Shape::Required,
                            Wire::Body,
                        )
                    });
                }
            }
        }
        if let Some(unknown) = &message.unknown_body {
            fields.push(Field {
                docs: vec![format!(
                    "The body as it travels: the documents describe no type for it ({}).",
                    code(&unknown.value)
                )],
                ..Field::plain(
                    scope.claim("body"),
                    quote!(String),
                    Shape::Required,
                    Wire::RawBody,
                )
            });
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

    /// The enum of the faults an operation declares, by their detail elements.
    fn faults(&mut self, op: &'m Operation, base: &str) -> Option<FaultsPlan> {
        if op.faults.is_empty() {
            return None;
        }
        let name = self
            .scope
            .claim(&format!("{}Fault", names::type_stem(base)));
        let mut variant_scope = Scope::default();
        let variants = op
            .faults
            .iter()
            .map(|fault| {
                // The detail's anonymous type is named after its element.
                let value = self.value_type(&fault.detail.ty.value, "", &fault.detail.name.local);
                FaultVariant {
                    name: variant_scope.claim(&names::variant_name(&fault.name.value)),
                    ns: fault.detail.name.namespace.clone(),
                    local: fault.detail.name.local.clone(),
                    ty: value.tokens,
                    boxed: self.is_struct(value.refers.as_deref()),
                    value: value.value,
                }
            })
            .collect();
        Some(FaultsPlan { name, variants })
    }

    /// The named type a message is, when it is nothing but its body of a named type.
    fn alias_target(&self, message: &Message) -> Option<String> {
        match message.body.as_ref().map(|b| &b.ty.value) {
            Some(TypeUse::Named(type_name))
                if message.headers.is_empty()
                    && message.parameters.is_empty()
                    && !self.polymorphic.contains_key(type_name) =>
            {
                match self.service.find_type(type_name).map(|d| &d.kind) {
                    Some(TypeKind::Complex(_)) => self.names.get(type_name).cloned(),
                    _ => None,
                }
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

    /// The fields of a complex type's content, and the XML order of its elements. `offset`
    /// is the number of fields before these in the struct.
    fn members(
        &mut self,
        scope: &mut Scope,
        complex: &'m ComplexType,
        owner: &str,
        offset: usize,
    ) -> (Vec<Field<'m>>, Vec<(usize, bool)>) {
        let content = content::content(self.service, complex);
        let mut fields = Vec::new();
        for attribute in &content.attributes {
            fields.push(self.attribute_field(scope, attribute, owner));
        }
        if content.any_attribute {
            fields.push(Field {
                docs: vec!["Attributes the schema does not name (`anyAttribute`).".to_owned()],
                ..Field::plain(
                    scope.claim("any_attributes"),
                    quote!(rt::xml::XmlAttribute),
                    Shape::List,
                    Wire::AnyAttributes,
                )
            });
        }
        let mut order = Vec::new();
        if let Some(reason) = content.raw {
            order.push((offset + fields.len(), true));
            fields.push(Field {
                docs: vec![format!("The content, kept whole as XML: {reason}.")],
                ..Field::plain(
                    scope.claim("content"),
                    quote!(rt::XmlContent),
                    Shape::Required,
                    Wire::Content,
                )
            });
            return (fields, order);
        }
        if let Some(text) = content.text {
            let value = self.value_type(text, owner, "value");
            fields.push(Field {
                has_default: value.has_default,
                simple: true,
                docs: vec![format!("The element's text{}.", type_note(text))],
                ..Field::plain(
                    scope.claim("value"),
                    value.tokens,
                    Shape::Required,
                    Wire::Text,
                )
            });
        }
        self.element_members(scope, &content, owner, offset, &mut fields, &mut order);
        (fields, order)
    }

    /// The fields of the members that are elements, choices and wildcards.
    fn element_members(
        &mut self,
        scope: &mut Scope,
        content: &Content<'m>,
        owner: &str,
        offset: usize,
        fields: &mut Vec<Field<'m>>,
        order: &mut Vec<(usize, bool)>,
    ) {
        // Each element name's count and last position, and the field it has become: a
        // derived class may redeclare a member, and a name may stand more than once.
        let mut occurrences: BTreeMap<&QName, (usize, usize)> = BTreeMap::new();
        for (position, member) in content.members.iter().enumerate() {
            if let Member::Element { element, .. } = member {
                let entry = occurrences.entry(&element.name).or_insert((0, position));
                *entry = (entry.0 + 1, position);
            }
        }
        let mut seen: BTreeMap<&QName, usize> = BTreeMap::new();
        let mut any_field: Option<usize> = None;
        for (position, member) in content.members.iter().enumerate() {
            match *member {
                Member::Element {
                    element,
                    optional,
                    repeated,
                } => {
                    let (repeats, last) = occurrences
                        .get(&element.name)
                        .copied()
                        .unwrap_or((1, position));
                    let is_last = last == position;
                    if let Some(index) = seen.get(&element.name) {
                        order.push((*index, is_last));
                        continue;
                    }
                    let mut field = self.element_field(scope, element, owner, optional, repeated);
                    if repeats > 1 {
                        field.docs.push(format!(
                            "The wire carries {} {repeats} times (a member redeclared by a \
                             derived class); this is the last value that is not nil, and the \
                             others are written as nil.",
                            code(&element.name.local)
                        ));
                    }
                    let index = offset + fields.len();
                    seen.insert(&element.name, index);
                    order.push((index, is_last));
                    fields.push(field);
                }
                Member::Choice {
                    group,
                    optional,
                    repeated,
                } => {
                    let choice = self.choice(group, owner);
                    let shape = match (optional, repeated) {
                        (_, true) => Shape::List,
                        (true, false) => Shape::Optional,
                        (false, false) => Shape::Required,
                    };
                    let name = &self.choices[choice].name;
                    let alternatives: Vec<String> = self.choices[choice]
                        .variants
                        .iter()
                        .map(|v| match &v.element {
                            Some((_, local)) => code(local),
                            None => "any other element".to_owned(),
                        })
                        .collect();
                    let ident = format_ident!("{}", name);
                    let index = offset + fields.len();
                    order.push((index, true));
                    fields.push(Field {
                        docs: vec![format!(
                            "A choice of {}, {}.",
                            alternatives.join(", "),
                            match shape {
                                Shape::List => "any number of times",
                                Shape::Optional => "or none (`None`)",
                                _ => "exactly one",
                            }
                        )],
                        has_default: shape != Shape::Required,
                        refers: Some(name.clone()),
                        ..Field::plain(
                            scope.claim("choice"),
                            quote!(#ident),
                            shape,
                            Wire::Choice(choice),
                        )
                    });
                }
                Member::Any => {
                    if let Some(index) = any_field {
                        order.push((index, true));
                        continue;
                    }
                    let index = offset + fields.len();
                    any_field = Some(index);
                    order.push((index, true));
                    fields.push(Field {
                        docs: vec![
                            "Elements the schema does not name (`any`), each kept whole as XML."
                                .to_owned(),
                        ],
                        ..Field::plain(
                            scope.claim("any"),
                            quote!(rt::XmlContent),
                            Shape::List,
                            Wire::AnyElements,
                        )
                    });
                }
            }
        }
    }

    /// Plans the enum of a choice and returns its index.
    fn choice(&mut self, group: &'m crate::model::Group, owner: &str) -> usize {
        let name = self.scope.claim(&format!("{owner}Choice"));
        let mut scope = Scope::default();
        let mut variants = Vec::new();
        for particle in &group.particles {
            match particle {
                Particle::Element(element) => {
                    let value = self.value_type(&element.ty.value, owner, &element.name.local);
                    let repeated = element.max_occurs.value != MaxOccurs::Bounded(1);
                    let mut docs = vec![format!(
                        "Element {}{}{}.",
                        code(&element.name.local),
                        type_note(&element.ty.value),
                        if repeated { ", repeated" } else { "" }
                    )];
                    docs.extend(element.documentation.iter().map(|d| docs::text(&d.text)));
                    let secret = element.secret.as_ref().is_some_and(|s| s.value);
                    if secret {
                        docs.push(SECRET_NOTE.to_owned());
                    }
                    // A struct is boxed, so that the enum is not as large as its largest
                    // alternative: a `Vec` of them is small already.
                    let boxed = !repeated && self.is_struct(value.refers.as_deref());
                    variants.push(Variant {
                        name: scope.claim(&names::variant_name(&element.name.local)),
                        element: Some((element.name.namespace.clone(), element.name.local.clone())),
                        value_ty: value.tokens,
                        value: value.value,
                        repeated,
                        nillable: element.nillable.value,
                        boxed,
                        secret,
                        refers: value.refers,
                        docs,
                    });
                }
                Particle::Any(_) => variants.push(Variant {
                    name: scope.claim("Other"),
                    element: None,
                    value_ty: quote!(rt::XmlContent),
                    value: ValueKind::Plain,
                    repeated: false,
                    nillable: false,
                    boxed: false,
                    secret: false,
                    refers: None,
                    docs: vec![
                        "An element the schema does not name, kept whole as XML.".to_owned(),
                    ],
                }),
                // The content planner keeps choices among groups raw.
                _ => {}
            }
        }
        self.choices.push(ChoicePlan {
            docs: vec![format!("A choice in {}: one of its elements.", code(owner))],
            name,
            variants,
        });
        self.choices.len() - 1
    }

    /// A field for an attribute.
    fn attribute_field(
        &mut self,
        scope: &mut Scope,
        attribute: &'m crate::model::Attribute,
        owner: &str,
    ) -> Field<'m> {
        let value = self.value_type(&attribute.ty.value, owner, &attribute.name.local);
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
        if let Some(default) = &attribute.default {
            field_docs.push(format!(
                "The server assumes {} when it is absent.",
                code(&default.value)
            ));
        }
        field_docs.extend(attribute.facets.iter().map(|f| facet_doc(&f.value)));
        let secret = attribute.secret.as_ref().is_some_and(|s| s.value);
        if secret {
            field_docs.push(SECRET_NOTE.to_owned());
        }
        Field {
            name: scope.claim(&names::field_name(&attribute.name.local)),
            value_ty: value.tokens,
            shape,
            nil_when_none: false,
            value: value.value,
            simple: true,
            wire: Wire::Attribute {
                ns: attribute.name.namespace.clone(),
                name: attribute.name.local.clone(),
            },
            secret,
            has_default: value.has_default || shape != Shape::Required,
            boxed: false,
            refers: None,
            docs: field_docs,
            element: None,
        }
    }

    /// A field for an element; `optional` and `repeated` when a group around it says so.
    fn element_field(
        &mut self,
        scope: &mut Scope,
        element: &'m Element,
        owner: &str,
        optional: bool,
        repeated: bool,
    ) -> Field<'m> {
        let value = self.value_type(&element.ty.value, owner, &element.name.local);
        let shape = match Shape::of(element) {
            _ if repeated => Shape::List,
            Shape::Required if optional && element.nillable.value => Shape::Tristate,
            Shape::Required if optional => Shape::Optional,
            Shape::Optional if optional && element.nillable.value => Shape::Tristate,
            shape => shape,
        };
        let json_name = element
            .json_name
            .as_ref()
            .map(|name| format!(" (`{}` in JSON)", name.value))
            .unwrap_or_default();
        let mut field_docs = vec![format!(
            "Element {}{}{json_name}, {}.",
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
        field_docs.extend(element.facets.iter().map(|f| facet_doc(&f.value)));
        let secret = element.secret.as_ref().is_some_and(|s| s.value);
        if secret {
            field_docs.push(SECRET_NOTE.to_owned());
        }
        Field {
            name: scope.claim(&names::field_name(&element.name.local)),
            value_ty: value.tokens,
            shape,
            nil_when_none: shape == Shape::Optional && element.nillable.value,
            // A repeated array is no run of pairs.
            simple: self.is_pair_value(&element.ty.value)
                && (shape != Shape::List || self.is_simple(&element.ty.value)),
            value: value.value,
            wire: Wire::Element {
                ns: element.name.namespace.clone(),
                local: element.name.local.clone(),
            },
            secret,
            has_default: value.has_default || shape != Shape::Required,
            boxed: false,
            refers: value.refers,
            docs: field_docs,
            element: Some(element),
        }
    }

    /// Whether values of `ty` are text: built-ins and named simple types.
    pub fn is_simple(&self, ty: &TypeUse) -> bool {
        match ty {
            TypeUse::Builtin(builtin) => *builtin != Builtin::AnyType,
            TypeUse::Named(name) => self
                .service
                .find_type(name)
                .is_some_and(|d| d.kind.is_simple()),
            TypeUse::Anonymous(_) => false,
        }
    }

    /// The value of an array whose items are a dictionary's pairs: `Vec<rt::KeyValue<K, V>>`,
    /// an object in JSON.
    fn dictionary(&mut self, item: &'m Element, owner: &str) -> Option<ValueType> {
        let TypeUse::Named(pair) = &item.ty.value else {
            return None;
        };
        let Some(TypeKind::Complex(complex)) = self.service.find_type(pair).map(|d| &d.kind) else {
            return None;
        };
        if !complex.key_value {
            return None;
        }
        let mut members = complex.elements();
        let (key, value) = (members.next()?, members.next()?);
        let key = self.value_type(&key.ty.value, owner, "Key").tokens;
        let value = self.value_type(&value.ty.value, owner, "Value").tokens;
        Some(ValueType {
            tokens: quote!(Vec<rt::KeyValue<#key, #value>>),
            has_default: true,
            value: ValueKind::Array {
                item_ns: item.name.namespace.clone(),
                item_local: item.name.local.clone(),
                item_nillable: false,
                keyed: true,
                soap: false,
            },
            refers: None,
        })
    }

    /// Whether values of `ty` can be query or form pairs: simple, or arrays of simple items
    /// (whose nil items, if they may be nil, cannot be sent).
    fn is_pair_value(&self, ty: &TypeUse) -> bool {
        if self.is_simple(ty) {
            return true;
        }
        match ty {
            TypeUse::Named(name) => match self.service.find_type(name).map(|d| &d.kind) {
                Some(TypeKind::Complex(complex)) => complex
                    .array_item()
                    .is_some_and(|item| self.is_simple(&item.ty.value)),
                _ => false,
            },
            _ => false,
        }
    }

    /// The Rust type of one value of `ty`, whether it has a `Default`, how it is made, and
    /// the module's type it is.
    fn value_type(&mut self, ty: &'m TypeUse, owner: &str, member: &str) -> ValueType {
        match ty {
            TypeUse::Builtin(builtin) => ValueType {
                tokens: rust_types::builtin(*builtin, &self.service.rust),
                has_default: rust_types::builtin_has_default(*builtin, &self.service.rust),
                value: ValueKind::Plain,
                refers: None,
            },
            TypeUse::Named(name) => {
                if let Some(poly) = self.polymorphic.get(name) {
                    let ident = format_ident!("{}", poly.name);
                    return ValueType {
                        tokens: quote!(#ident),
                        has_default: false,
                        value: ValueKind::Plain,
                        refers: Some(poly.name.clone()),
                    };
                }
                if let Some(rust) = self.names.get(name) {
                    let ident = format_ident!("{}", rust);
                    let def = self.service.find_type(name).map(|d| &d.kind);
                    return ValueType {
                        tokens: quote!(#ident),
                        has_default: match def {
                            Some(TypeKind::Restriction(r)) => self.has_default(&r.base.value),
                            Some(TypeKind::List(_) | TypeKind::Union(_)) => true,
                            _ => false,
                        },
                        value: ValueKind::Plain,
                        refers: matches!(def, Some(TypeKind::Complex(_))).then(|| rust.clone()),
                    };
                }
                let def = self.service.find_type(name).map(|d| &d.kind);
                match def {
                    Some(TypeKind::Complex(complex)) => {
                        match content::form(self.service, complex) {
                            Form::Array(item) => {
                                if let Some(pairs) = self.dictionary(item, owner) {
                                    return pairs;
                                }
                                let inner =
                                    self.value_type(&item.ty.value, owner, &item.name.local);
                                let value = inner.tokens;
                                let value = if item.nillable.value {
                                    quote!(Option<#value>)
                                } else {
                                    value
                                };
                                ValueType {
                                    tokens: quote!(Vec<#value>),
                                    has_default: true,
                                    value: ValueKind::Array {
                                        item_ns: item.name.namespace.clone(),
                                        item_local: item.name.local.clone(),
                                        item_nillable: item.nillable.value,
                                        keyed: false,
                                        // Nil items read by name, as a literal array's.
                                        soap: complex.soap_array && !item.nillable.value,
                                    },
                                    refers: None,
                                }
                            }
                            _ => raw_value(),
                        }
                    }
                    // The reader refuses names that resolve to nothing; were one to slip
                    // through, its content is kept rather than lost.
                    _ => raw_value(),
                }
            }
            TypeUse::Anonymous(complex) => {
                if content::content(self.service, complex).is_only_raw() {
                    return raw_value();
                }
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
                ValueType {
                    tokens: quote!(#ident),
                    has_default: false,
                    value: ValueKind::Plain,
                    refers: Some(name),
                }
            }
        }
    }

    /// Whether the Rust type of a simple type use has a `Default`.
    pub fn has_default(&self, ty: &TypeUse) -> bool {
        match ty {
            TypeUse::Builtin(builtin) => {
                rust_types::builtin_has_default(*builtin, &self.service.rust)
            }
            TypeUse::Named(name) => match self.service.find_type(name).map(|d| &d.kind) {
                Some(TypeKind::Restriction(r)) if &r.base.value != ty => {
                    self.has_default(&r.base.value)
                }
                Some(TypeKind::List(_) | TypeKind::Union(_)) => true,
                _ => false,
            },
            TypeUse::Anonymous(_) => false,
        }
    }

    /// Whether the module's type `refers` names is a struct: a type of the module that is
    /// not an enum over derived types.
    fn is_struct(&self, refers: Option<&str>) -> bool {
        refers.is_some_and(|name| !self.polymorphic_names.contains(name))
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
        let rust = self.names.get(name)?;
        self.structs
            .iter()
            .find(|s| s.origin == StructOrigin::Named(name.clone()) && s.name == *rust)
    }
}

/// The name of the enum over a type and those derived from it, if it has one.
fn self_poly_name(plan: &Plan<'_>, name: &QName) -> Option<String> {
    plan.polymorphic.get(name).map(|poly| poly.name.clone())
}

/// `rt::XmlContent`, for content kept whole.
fn raw_value() -> ValueType {
    ValueType {
        tokens: quote!(rt::XmlContent),
        has_default: true,
        value: ValueKind::Plain,
        refers: None,
    }
}

/// The complex types each complex type is the base of, directly.
fn direct_derived(service: &Service) -> BTreeMap<&QName, Vec<&QName>> {
    let mut direct: BTreeMap<&QName, Vec<&QName>> = BTreeMap::new();
    for def in &service.types {
        if let TypeKind::Complex(complex) = &def.kind
            && let Some(base) = &complex.base
            && service.find_type(&base.value.base).is_some()
        {
            direct
                .entry(&base.value.base)
                .or_default()
                .push(&def.name.value);
        }
    }
    direct
}

/// The named types that stand as the declared type of an element or attribute: of a
/// message, a fault, or a type's content. Only there can a derived type stand in a base's
/// place.
fn declared_types<'m>(service: &'m Service) -> BTreeSet<&'m QName> {
    let mut declared = BTreeSet::new();
    let mut visit = |found: Named<'m>| {
        if let Named::Use(ty) = found
            && let TypeUse::Named(name) = &ty.value
        {
            declared.insert(name);
        }
    };
    for op in &service.operations {
        walk::operation(op, &mut visit);
    }
    for def in &service.types {
        walk::kind(&def.kind, &mut visit);
    }
    declared
}

/// For each complex type that stands as a declared type and has types derived from it,
/// those types, direct and indirect, ordered by name and without abstract ones. Each
/// declared base costs its descendants once, so a chain of bases declared nowhere (the
/// usual shape of a deep hierarchy) costs nothing here.
fn derived_types(
    service: &Service,
    direct: &BTreeMap<&QName, Vec<&QName>>,
) -> BTreeMap<QName, Vec<QName>> {
    let mut all = BTreeMap::new();
    for base in declared_types(service) {
        let Some(children) = direct.get(base) else {
            continue;
        };
        let mut found: BTreeSet<&QName> = BTreeSet::new();
        let mut pending: Vec<&QName> = children.clone();
        while let Some(next) = pending.pop() {
            if next == base || !found.insert(next) {
                continue;
            }
            if let Some(below) = direct.get(next) {
                pending.extend(below);
            }
        }
        let found: Vec<QName> = found
            .into_iter()
            .filter(|name| {
                !matches!(service.find_type(name).map(|d| &d.kind),
                    Some(TypeKind::Complex(c)) if c.is_abstract)
            })
            .cloned()
            .collect();
        if !found.is_empty() {
            all.insert(base.clone(), found);
        }
    }
    all
}

/// The name each operation's Rust items are made from: its own, or its message name when
/// several operations share the name (ASMX `MessageName` overloads).
fn operation_bases(service: &Service) -> Vec<String> {
    let mut named: BTreeMap<&str, usize> = BTreeMap::new();
    for op in &service.operations {
        *named.entry(op.name.value.as_str()).or_default() += 1;
    }
    service
        .operations
        .iter()
        .map(|op| {
            let shared = named[op.name.value.as_str()] > 1;
            match &op.message_name {
                Some(message) if shared => message.value.clone(),
                _ => op.name.value.clone(),
            }
        })
        .collect()
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

/// What a facet says, as a sentence of documentation.
pub fn facet_doc(facet: &Facet) -> String {
    match facet {
        Facet::Length(n) => format!("Exactly {n} characters."),
        Facet::MaxLength(n) => format!("At most {n} characters."),
        Facet::MinLength(n) => format!("At least {n} characters."),
        Facet::Range { min, max } => {
            format!("Between {} and {}, inclusive.", code(min), code(max))
        }
        Facet::MinInclusive(v) => format!("At least {}.", code(v)),
        Facet::MaxInclusive(v) => format!("At most {}.", code(v)),
        Facet::MinExclusive(v) => format!("More than {}.", code(v)),
        Facet::MaxExclusive(v) => format!("Less than {}.", code(v)),
        Facet::TotalDigits(n) => format!("At most {n} digits."),
        Facet::FractionDigits(n) => format!("At most {n} digits after the decimal point."),
        Facet::Pattern(pattern) => format!("Matches {}.", code(pattern)),
        Facet::WhiteSpace(w) => format!("White space is {}.", code(w)),
        Facet::Fixed(v) => format!("Always {}.", code(v)),
    }
}
