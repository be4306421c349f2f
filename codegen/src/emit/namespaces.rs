//! Namespaces as constants: a service's code names the same few namespaces in every element
//! it reads and writes, so each becomes a constant declared once, and every string literal
//! of the code that is one of the service's namespaces becomes a reference to it.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Group, Literal, TokenStream, TokenTree};
use quote::{format_ident, quote};

use crate::emit::docs::{self, code};
use crate::model::{ComplexType, Element, Message, Particle, Service, TypeKind, TypeUse};
use crate::names::{self, Scope};

/// `tokens` with each literal that is one of the service's namespaces replaced by its
/// constant, and the constants' declarations, for the namespaces the code uses.
pub fn share(service: &Service, tokens: TokenStream) -> (TokenStream, TokenStream) {
    let mut scope = Scope::default();
    // The literal's text, as `quote!` writes it, to the constant's name and the namespace.
    let constants: BTreeMap<String, (proc_macro2::Ident, String)> = namespaces(service)
        .into_iter()
        .map(|ns| {
            let name = format_ident!("{}", scope.claim(&names::namespace_const(&ns)));
            (Literal::string(&ns).to_string(), (name, ns))
        })
        .collect();
    let mut used = BTreeSet::new();
    let tokens = replace(tokens, &constants, &mut used);
    let declarations = constants
        .values()
        .filter(|(name, _)| used.contains(&name.to_string()))
        .map(|(name, ns)| {
            let doc = docs::attrs(&[format!("The namespace {}.", code(ns))]);
            quote! {
                #doc
                pub const #name: &str = #ns;
            }
        });
    (tokens, quote!(#(#declarations)*))
}

fn replace(
    tokens: TokenStream,
    constants: &BTreeMap<String, (proc_macro2::Ident, String)>,
    used: &mut BTreeSet<String>,
) -> TokenStream {
    let mut out = Vec::new();
    let mut tokens = tokens.into_iter().peekable();
    while let Some(token) = tokens.next() {
        match token {
            // Documentation stays as written: `#[doc = "…"]` is an attribute's group.
            TokenTree::Punct(punct) if punct.as_char() == '#' => {
                out.push(TokenTree::Punct(punct));
                if let Some(TokenTree::Punct(bang)) = tokens.peek()
                    && bang.as_char() == '!'
                {
                    out.extend(tokens.next());
                }
                if let Some(TokenTree::Group(group)) = tokens.peek()
                    && group.stream().to_string().starts_with("doc")
                {
                    out.extend(tokens.next());
                }
            }
            TokenTree::Group(group) => {
                let mut replaced =
                    Group::new(group.delimiter(), replace(group.stream(), constants, used));
                replaced.set_span(group.span());
                out.push(TokenTree::Group(replaced));
            }
            TokenTree::Literal(literal) => match constants.get(&literal.to_string()) {
                Some((name, _)) => {
                    used.insert(name.to_string());
                    out.push(TokenTree::Ident(name.clone()));
                }
                None => out.push(TokenTree::Literal(literal)),
            },
            other => out.push(other),
        }
    }
    out.into_iter().collect()
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
