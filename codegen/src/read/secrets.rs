//! Marking credentials: elements and attributes whose names say they hold a token, a ticket,
//! a password or a security code, so that generated `Debug` output never shows them.

use crate::model::{ComplexType, Element, Fact, Message, Rule, Service, TypeKind, TypeUse};

/// Words of a wire name that mark a credential.
const SECRET_WORDS: &[&str] = &[
    "token",
    "ticket",
    "password",
    "passwd",
    "secret",
    "credential",
    "credentials",
    "apikey",
];

/// Word pairs of a wire name that mark a credential (`securityCode`, `apiKey`).
const SECRET_PAIRS: &[(&str, &str)] = &[("security", "code"), ("api", "key"), ("access", "key")];

/// Whether a wire name says the value is a credential.
pub fn is_secret_name(name: &str) -> bool {
    let words = crate::names::words(name);
    words.iter().any(|w| SECRET_WORDS.contains(&w.as_str()))
        || words
            .windows(2)
            .any(|pair| SECRET_PAIRS.contains(&(pair[0].as_str(), pair[1].as_str())))
}

/// Marks every element and attribute of the service whose name says it is a credential.
pub fn mark(service: &mut Service) {
    for operation in &mut service.operations {
        mark_message(&mut operation.input);
        mark_message(&mut operation.output);
    }
    for def in &mut service.types {
        if let TypeKind::Complex(complex) = &mut def.kind {
            mark_complex(complex);
        }
    }
}

fn mark_message(message: &mut Message) {
    message.body.iter_mut().for_each(mark_element);
    message
        .headers
        .iter_mut()
        .for_each(|h| mark_element(&mut h.element));
    message.parameters.iter_mut().for_each(mark_element);
}

/// Marks an element of a simple type; an element of a complex type keeps its members' marks,
/// so that `Debug` still shows the structure around a credential.
fn mark_element(element: &mut Element) {
    if matches!(element.ty.value, TypeUse::Builtin(_)) && is_secret_name(&element.name.local) {
        element.secret = Some(Fact::inferred(true, Rule::SecretByName, element.pos));
    }
    if let TypeUse::Anonymous(complex) = &mut element.ty.value {
        mark_complex(complex);
    }
}

fn mark_complex(complex: &mut ComplexType) {
    complex.elements_mut().for_each(mark_element);
    for attribute in &mut complex.attributes {
        if is_secret_name(&attribute.name.local) {
            attribute.secret = Some(Fact::inferred(true, Rule::SecretByName, attribute.pos));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_secret_name;

    #[test]
    fn credentials_are_recognised_by_their_words() {
        for name in [
            "token",
            "Token",
            "authenticationToken",
            "AuthenticationTicket",
            "accessToken",
            "Password",
            "securityCode",
            "apiKey",
        ] {
            assert!(is_secret_name(name), "{name}");
        }
        for name in [
            "userID",
            "UserName",
            "respTime",
            "status",
            "tokenizer",
            "keyword",
        ] {
            assert!(!is_secret_name(name), "{name}");
        }
    }
}
