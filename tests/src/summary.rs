//! A readable summary of a service model, for documents too big to snapshot whole: its
//! operations with their messages and bindings, and its types with their members, each line
//! with where the document states it (`@line:column`), namespaces shortened to prefixes
//! listed at the top.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use codegen::model::{
    Attribute, Binding, ComplexType, Element, HttpReply, MaxOccurs, Message, Particle, Pos, QName,
    Service, SoapVersion, TypeKind, TypeUse,
};

/// The summary of a service.
pub fn summary(service: &Service) -> String {
    let mut s = Summary::default();
    let mut body = String::new();
    for op in &service.operations {
        s.operation(&mut body, op);
    }
    for def in &service.types {
        write!(
            body,
            "type {} {}",
            s.name(&def.name.value),
            at(def.name.origin.pos())
        )
        .unwrap();
        for doc in &def.documentation {
            write!(body, "\n  /// {}", doc.text).unwrap();
        }
        match &def.kind {
            TypeKind::Complex(complex) => {
                body.push_str(" complex\n");
                s.complex(&mut body, complex, 1);
            }
            TypeKind::Enumeration(e) => {
                let values: Vec<String> = e
                    .members
                    .iter()
                    .map(|m| format!("{:?}", m.name.value))
                    .collect();
                writeln!(
                    body,
                    " enumeration of xs:{}: {}",
                    e.base.xsd_name(),
                    values.join(", ")
                )
                .unwrap();
            }
            TypeKind::Restriction(r) => {
                let facets: Vec<String> =
                    r.facets.iter().map(|f| format!("{:?}", f.value)).collect();
                writeln!(
                    body,
                    " restriction of {}: {}",
                    s.ty(&r.base.value),
                    facets.join(", ")
                )
                .unwrap();
            }
            TypeKind::List(l) => writeln!(body, " list of {}", s.ty(&l.item.value)).unwrap(),
            TypeKind::Union(u) => {
                let members: Vec<String> = u.members.iter().map(|m| s.ty(&m.value)).collect();
                writeln!(body, " union of {}", members.join(", ")).unwrap();
            }
        }
    }
    let mut out = format!(
        "service {} {}\n",
        service.name.value,
        at(service.name.origin.pos())
    );
    if let Some(host) = &service.host {
        writeln!(out, "host {} {}", host.value, at(host.origin.pos())).unwrap();
    }
    for doc in &service.documentation {
        writeln!(out, "/// {}", doc.text).unwrap();
    }
    for (namespace, prefix) in &s.prefixes {
        writeln!(out, "namespace {prefix} = {namespace}").unwrap();
    }
    out.push('\n');
    out + &body
}

fn at(pos: Pos) -> String {
    format!("{pos:?}")
}

fn occurs(min: u32, max: MaxOccurs) -> String {
    match max {
        MaxOccurs::Bounded(max) if max == min => format!("[{min}]"),
        MaxOccurs::Bounded(max) => format!("[{min}..{max}]"),
        MaxOccurs::Unbounded => format!("[{min}..*]"),
    }
}

#[derive(Default)]
struct Summary {
    prefixes: BTreeMap<String, String>,
}

impl Summary {
    fn name(&mut self, name: &QName) -> String {
        if name.namespace.is_empty() {
            return name.local.clone();
        }
        let count = self.prefixes.len();
        let prefix = self
            .prefixes
            .entry(name.namespace.clone())
            .or_insert_with(|| format!("ns{count}"));
        format!("{prefix}:{}", name.local)
    }

    fn ty(&mut self, ty: &TypeUse) -> String {
        match ty {
            TypeUse::Builtin(builtin) => format!("xs:{}", builtin.xsd_name()),
            TypeUse::Named(name) => self.name(name),
            TypeUse::Anonymous(_) => "anonymous".to_owned(),
        }
    }

    fn operation(&mut self, out: &mut String, op: &codegen::model::Operation) {
        write!(
            out,
            "operation {} {}",
            op.name.value,
            at(op.name.origin.pos())
        )
        .unwrap();
        if let Some(message) = &op.message_name {
            write!(out, " (message {})", message.value).unwrap();
        }
        out.push('\n');
        for doc in &op.documentation {
            writeln!(out, "  /// {}", doc.text).unwrap();
        }
        self.message(out, "input", &op.input);
        self.message(out, "output", &op.output);
        for fault in &op.faults {
            write!(
                out,
                "  fault {} {}: ",
                fault.name.value,
                at(fault.name.origin.pos())
            )
            .unwrap();
            self.element(out, &fault.detail, 2);
        }
        for binding in &op.bindings {
            match binding {
                Binding::Soap(soap) => {
                    let version = match soap.version {
                        SoapVersion::Soap11 => "SOAP 1.1",
                        SoapVersion::Soap12 => "SOAP 1.2",
                    };
                    let path = soap
                        .path
                        .as_ref()
                        .map_or_else(|| "(no address)".to_owned(), |p| p.value.clone());
                    writeln!(
                        out,
                        "  {version} {path} action {:?} {:?}",
                        soap.action.value, soap.action.origin
                    )
                    .unwrap();
                }
                Binding::Http(http) => {
                    let reply = match &http.reply.value {
                        HttpReply::Empty => "nothing".to_owned(),
                        HttpReply::Body => "the body".to_owned(),
                        HttpReply::Result { root } => format!("result as {}", self.name(root)),
                        HttpReply::Raw => "raw XML".to_owned(),
                    };
                    writeln!(
                        out,
                        "  HTTP {} {} → {reply} {}",
                        http.method,
                        http.path.value,
                        at(http.pos)
                    )
                    .unwrap();
                }
                other => writeln!(out, "  {other:?}").unwrap(),
            }
        }
    }

    fn message(&mut self, out: &mut String, what: &str, message: &Message) {
        for header in &message.headers {
            write!(out, "  {what} header ").unwrap();
            let required = if header.required.value {
                "required"
            } else {
                "optional"
            };
            let echoed = if header.echoed.as_ref().is_some_and(|e| e.value) {
                ", echoed"
            } else {
                ""
            };
            write!(out, "({required}{echoed}) ").unwrap();
            self.element(out, &header.element, 2);
        }
        match &message.body {
            Some(body) => {
                write!(out, "  {what} ").unwrap();
                self.element(out, body, 2);
            }
            None => writeln!(out, "  {what}: no body").unwrap(),
        }
    }

    fn element(&mut self, out: &mut String, element: &Element, depth: usize) {
        let mut notes = Vec::new();
        if element.nillable.value {
            notes.push("nillable".to_owned());
        }
        if let Some(default) = &element.default {
            notes.push(format!("default {:?}", default.value));
        }
        for facet in &element.facets {
            notes.push(format!("{:?}", facet.value));
        }
        if element.secret.as_ref().is_some_and(|s| s.value) {
            notes.push("secret".to_owned());
        }
        let notes = if notes.is_empty() {
            String::new()
        } else {
            format!(" ({})", notes.join(", "))
        };
        let name = self.name(&element.name);
        let ty = self.ty(&element.ty.value);
        writeln!(
            out,
            "{name}: {ty} {}{notes} {}",
            occurs(element.min_occurs.value, element.max_occurs.value),
            at(element.pos)
        )
        .unwrap();
        for doc in &element.documentation {
            writeln!(out, "{}/// {}", "  ".repeat(depth + 1), doc.text).unwrap();
        }
        if let TypeUse::Anonymous(complex) = &element.ty.value {
            self.complex(out, complex, depth + 1);
        }
    }

    fn complex(&mut self, out: &mut String, complex: &ComplexType, depth: usize) {
        let indent = "  ".repeat(depth);
        if let Some(base) = &complex.base {
            let base_name = self.name(&base.value.base);
            writeln!(out, "{indent}base {base_name} by {:?}", base.value.method).unwrap();
        }
        if complex.is_abstract {
            writeln!(out, "{indent}abstract").unwrap();
        }
        if complex.mixed {
            writeln!(out, "{indent}mixed").unwrap();
        }
        if let Some(text) = &complex.simple_content {
            let ty = self.ty(&text.value);
            writeln!(out, "{indent}text: {ty}").unwrap();
        }
        for attribute in &complex.attributes {
            self.attribute(out, attribute, &indent);
        }
        if let Some(any) = &complex.any_attribute {
            writeln!(out, "{indent}@* {} {}", any.namespace, at(any.pos)).unwrap();
        }
        self.particles(out, &complex.sequence, depth);
    }

    fn attribute(&mut self, out: &mut String, attribute: &Attribute, indent: &str) {
        let name = self.name(&attribute.name);
        let ty = self.ty(&attribute.ty.value);
        let mut notes = vec![
            if attribute.required.value {
                "required"
            } else {
                "optional"
            }
            .to_owned(),
        ];
        if let Some(default) = &attribute.default {
            notes.push(format!("default {:?}", default.value));
        }
        for facet in &attribute.facets {
            notes.push(format!("{:?}", facet.value));
        }
        writeln!(
            out,
            "{indent}@{name}: {ty} ({}) {}",
            notes.join(", "),
            at(attribute.pos)
        )
        .unwrap();
    }

    fn particles(&mut self, out: &mut String, particles: &[Particle], depth: usize) {
        let indent = "  ".repeat(depth);
        for particle in particles {
            match particle {
                Particle::Element(element) => {
                    out.push_str(&indent);
                    self.element(out, element, depth);
                }
                Particle::Sequence(group) | Particle::Choice(group) | Particle::All(group) => {
                    let kind = match particle {
                        Particle::Sequence(_) => "sequence",
                        Particle::Choice(_) => "choice",
                        _ => "all",
                    };
                    writeln!(
                        out,
                        "{indent}{kind} {} {}",
                        occurs(group.min_occurs.value, group.max_occurs.value),
                        at(group.pos)
                    )
                    .unwrap();
                    self.particles(out, &group.particles, depth + 1);
                }
                Particle::Any(any) => writeln!(
                    out,
                    "{indent}any {} {} {}",
                    any.namespace,
                    occurs(any.min_occurs.value, any.max_occurs.value),
                    at(any.pos)
                )
                .unwrap(),
            }
        }
    }
}
