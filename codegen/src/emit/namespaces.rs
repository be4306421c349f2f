//! Namespaces as constants: a service's code names the same few namespaces in every element
//! it reads and writes, so each becomes a constant declared once, and every string literal
//! of the code that is one of the service's namespaces becomes a reference to it.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Delimiter, Literal, Spacing, TokenStream, TokenTree};
use quote::{format_ident, quote};

use crate::emit::docs::{self, code};
use crate::model::{ComplexType, Element, Message, Particle, Service, TypeKind, TypeUse};
use crate::names::{self, Scope};

/// The service's namespaces and the constants that stand for them. Plain data, so that each
/// thread that formats part of a module can replace what its part names.
pub struct Namespaces {
    /// The literal's text, as `quote!` writes it, to the constant's name and the namespace.
    constants: BTreeMap<String, (String, String)>,
}

impl Namespaces {
    /// The namespaces of `service`, each with its constant's name.
    pub fn of(service: &Service) -> Self {
        let mut scope = Scope::default();
        let constants = namespaces(service)
            .into_iter()
            .map(|ns| {
                let name = scope.claim(&names::namespace_const(&ns));
                (Literal::string(&ns).to_string(), (name, ns))
            })
            .collect();
        Namespaces { constants }
    }

    /// The text of `tokens`, as Rust lexes it back, with each literal that is one of the
    /// namespaces written as its constant; the names of the constants used go into `used`.
    /// Documentation (`#[doc = "…"]`) stays as written.
    pub fn text(&self, tokens: &TokenStream, used: &mut BTreeSet<String>) -> String {
        let mut out = String::new();
        self.write(tokens.clone(), &mut out, used);
        out
    }

    fn write(&self, tokens: TokenStream, out: &mut String, used: &mut BTreeSet<String>) {
        let mut in_doc = false;
        for token in tokens {
            match token {
                TokenTree::Group(group) => {
                    let (open, close) = match group.delimiter() {
                        Delimiter::Parenthesis => ("(", ")"),
                        Delimiter::Brace => ("{", "}"),
                        Delimiter::Bracket => ("[", "]"),
                        Delimiter::None => ("", ""),
                    };
                    out.push_str(open);
                    if in_doc {
                        out.push_str(&group.stream().to_string());
                    } else {
                        self.write(group.stream(), out, used);
                    }
                    out.push_str(close);
                    out.push(' ');
                    in_doc = false;
                }
                TokenTree::Punct(punct) => {
                    out.push(punct.as_char());
                    if punct.spacing() == Spacing::Alone {
                        out.push(' ');
                    }
                    in_doc = punct.as_char() == '#' || (in_doc && punct.as_char() == '!');
                }
                TokenTree::Ident(ident) => {
                    out.push_str(&ident.to_string());
                    out.push(' ');
                    in_doc = false;
                }
                TokenTree::Literal(literal) => {
                    let text = literal.to_string();
                    match self.constants.get(&text) {
                        Some((name, _)) => {
                            used.insert(name.clone());
                            out.push_str(name);
                        }
                        None => out.push_str(&text),
                    }
                    out.push(' ');
                    in_doc = false;
                }
            }
        }
    }

    /// The declarations of the constants in `used`.
    pub fn declarations(&self, used: &BTreeSet<String>) -> TokenStream {
        let declarations = self
            .constants
            .values()
            .filter(|(name, _)| used.contains(name))
            .map(|(name, ns)| {
                let ident = format_ident!("{}", name);
                let doc = docs::attrs(&[format!("The namespace {}.", code(ns))]);
                quote! {
                    #doc
                    pub const #ident: &str = #ns;
                }
            });
        quote!(#(#declarations)*)
    }
}

/// Every namespace the service's names stand in, but none.
fn namespaces(service: &Service) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for op in &service.operations {
        for message in [&op.input, &op.output] {
            message_namespaces(message, &mut found);
        }
        for fault in &op.faults {
            element_namespaces(&fault.detail, &mut found);
        }
    }
    for def in &service.types {
        found.insert(def.name.value.namespace.clone());
        if let TypeKind::Complex(complex) = &def.kind {
            complex_namespaces(complex, &mut found);
        }
    }
    found.remove("");
    found
}

fn message_namespaces(message: &Message, found: &mut BTreeSet<String>) {
    let elements = message
        .body
        .iter()
        .chain(message.headers.iter().map(|h| &h.element))
        .chain(&message.parameters);
    for element in elements {
        element_namespaces(element, found);
    }
}

fn element_namespaces(element: &Element, found: &mut BTreeSet<String>) {
    found.insert(element.name.namespace.clone());
    if let TypeUse::Anonymous(complex) = &element.ty.value {
        complex_namespaces(complex, found);
    }
}

fn complex_namespaces(complex: &ComplexType, found: &mut BTreeSet<String>) {
    particle_namespaces(&complex.sequence, found);
    for attribute in &complex.attributes {
        found.insert(attribute.name.namespace.clone());
    }
}

/// Groups nest no deeper than the schema reader allows, so recursion is bounded.
fn particle_namespaces(particles: &[Particle], found: &mut BTreeSet<String>) {
    for particle in particles {
        match particle {
            Particle::Element(element) => element_namespaces(element, found),
            Particle::Sequence(group) | Particle::Choice(group) | Particle::All(group) => {
                particle_namespaces(&group.particles, found)
            }
            Particle::Any(_) => {}
        }
    }
}
