//! Marking credentials: members whose names say they hold a token, a ticket, a password, a
//! key or a session, and whose values are text, so that generated `Debug` output and errors
//! never show them; then what `service.toml` marks or unmarks by hand.

use std::collections::HashSet;

use crate::diagnostic::{Diagnostics, Problem};
use crate::model::{
    Attribute, Builtin, ComplexType, Element, Fact, Message, Particle, Pos, QName, Rule, Service,
    SourceId, TypeKind, TypeUse,
};
use crate::settings::{Credentials, MemberRef};
use crate::source::Source;

/// Words of a wire name that mark a credential, and their usual abbreviations.
const SECRET_WORDS: &[&str] = &[
    "token",
    "ticket",
    "password",
    "passwd",
    "pwd",
    "passphrase",
    "passcode",
    "pin",
    "secret",
    "credential",
    "credentials",
    "apikey",
    "authkey",
    "sessionid",
    "connstr",
    "connectionstring",
];

/// Word pairs of a wire name that mark a credential (`securityCode`, `apiKey`, `sessionId`,
/// `connStr`).
const SECRET_PAIRS: &[(&str, &str)] = &[
    ("security", "code"),
    ("api", "key"),
    ("access", "key"),
    ("auth", "key"),
    ("auth", "code"),
    ("private", "key"),
    ("license", "key"),
    ("session", "id"),
    ("session", "key"),
    ("conn", "str"),
    ("connection", "string"),
];

/// Whether a wire name says the value is a credential.
pub fn is_secret_name(name: &str) -> bool {
    let words = crate::names::words(name);
    words.iter().any(|w| SECRET_WORDS.contains(&w.as_str()))
        || words
            .windows(2)
            .any(|pair| SECRET_PAIRS.contains(&(pair[0].as_str(), pair[1].as_str())))
}

/// Marks every member of the service whose name says it is a credential and whose values are
/// text (a `bool` named `MustChangePassword` is no secret).
pub fn mark(service: &mut Service) {
    let text_types = text_types(service);
    walk(service, &mut |_: &[&str], member| {
        if member.holds_text(&text_types) && is_secret_name(member.name()) {
            let pos = member.pos();
            *member.secret() = Some(Fact::inferred(true, Rule::SecretByName, pos));
        }
    });
}

/// Marks and unmarks the members `credentials` names, as stated in the settings (document
/// `settings` of the service); a name that matches no member is an error.
pub fn apply(
    service: &mut Service,
    credentials: &Credentials,
    settings: &Source,
) -> Result<(), Diagnostics> {
    let lists = [
        (&credentials.secret, true),
        (&credentials.not_secret, false),
    ];
    let mut matched: Vec<Vec<bool>> = lists.iter().map(|(l, _)| vec![false; l.len()]).collect();
    let source = settings.id();
    walk(service, &mut |owners: &[&str], member| {
        for (list_index, (list, secret)) in lists.iter().enumerate() {
            for (index, reference) in list.iter().enumerate() {
                if reference.matches(owners, member.name()) {
                    matched[list_index][index] = true;
                    *member.secret() = Some(Fact::stated(*secret, at(reference, source)));
                }
            }
        }
    });
    let mut diagnostics = Diagnostics::default();
    for ((list, _), found) in lists.iter().zip(&matched) {
        for (reference, found) in list.iter().zip(found) {
            if !found {
                diagnostics.push(settings.error(
                    reference.pos,
                    Problem::UnknownMember {
                        name: reference.text(),
                    },
                ));
            }
        }
    }
    diagnostics.into_result(())
}

fn at(reference: &MemberRef, source: SourceId) -> Pos {
    Pos {
        source,
        ..reference.pos
    }
}

/// The named simple types whose values are text: restrictions of text, however deep.
fn text_types(service: &Service) -> HashSet<QName> {
    let mut found: HashSet<QName> = HashSet::new();
    // Each round adds the restrictions of what the last found; a chain of n types takes n.
    loop {
        let before = found.len();
        for def in &service.types {
            if let TypeKind::Restriction(restriction) = &def.kind
                && is_text(&restriction.base.value, &found)
            {
                found.insert(def.name.value.clone());
            }
        }
        if found.len() == before {
            return found;
        }
    }
}

fn is_text(ty: &TypeUse, text_types: &HashSet<QName>) -> bool {
    match ty {
        TypeUse::Builtin(builtin) => builtin.is_text() || *builtin == Builtin::Guid,
        TypeUse::Named(name) => text_types.contains(name),
        TypeUse::Anonymous(_) => false,
    }
}

/// An element or an attribute: a member that may hold a credential.
enum Member<'a> {
    Element(&'a mut Element),
    Attribute(&'a mut Attribute),
}

impl Member<'_> {
    fn name(&self) -> &str {
        match self {
            Member::Element(element) => &element.name.local,
            Member::Attribute(attribute) => &attribute.name.local,
        }
    }

    fn pos(&self) -> Pos {
        match self {
            Member::Element(element) => element.pos,
            Member::Attribute(attribute) => attribute.pos,
        }
    }

    fn holds_text(&self, text_types: &HashSet<QName>) -> bool {
        match self {
            Member::Element(element) => is_text(&element.ty.value, text_types),
            Member::Attribute(attribute) => is_text(&attribute.ty.value, text_types),
        }
    }

    fn secret(&mut self) -> &mut Option<Fact<bool>> {
        match self {
            Member::Element(element) => &mut element.secret,
            Member::Attribute(attribute) => &mut attribute.secret,
        }
    }
}

/// Visits every member of the service with the names of its owner: the named type that
/// holds it, or the element whose anonymous type does, and for a message's members (an
/// operation's wrapper element's included) the operation.
fn walk(service: &mut Service, visit: &mut impl FnMut(&[&str], &mut Member<'_>)) {
    for operation in &mut service.operations {
        let owner = operation.name.value.clone();
        walk_message(&owner, &mut operation.input, visit);
        walk_message(&owner, &mut operation.output, visit);
    }
    for def in &mut service.types {
        if let TypeKind::Complex(complex) = &mut def.kind {
            let owner = def.name.value.local.clone();
            walk_complex(&[&owner], complex, visit);
        }
    }
}

fn walk_message(
    operation: &str,
    message: &mut Message,
    visit: &mut impl FnMut(&[&str], &mut Member<'_>),
) {
    let elements = message
        .body
        .iter_mut()
        .chain(message.headers.iter_mut().map(|h| &mut h.element))
        .chain(message.parameters.iter_mut());
    for element in elements {
        visit(&[operation], &mut Member::Element(element));
        if let TypeUse::Anonymous(complex) = &mut element.ty.value {
            let owner = element.name.local.clone();
            walk_complex(&[&owner, operation], complex, visit);
        }
    }
}

fn walk_element(
    element: &mut Element,
    owners: &[&str],
    visit: &mut impl FnMut(&[&str], &mut Member<'_>),
) {
    visit(owners, &mut Member::Element(element));
    if let TypeUse::Anonymous(complex) = &mut element.ty.value {
        let owner = element.name.local.clone();
        walk_complex(&[&owner], complex, visit);
    }
}

fn walk_complex(
    owners: &[&str],
    complex: &mut ComplexType,
    visit: &mut impl FnMut(&[&str], &mut Member<'_>),
) {
    walk_particles(owners, &mut complex.sequence, visit);
    for attribute in &mut complex.attributes {
        visit(owners, &mut Member::Attribute(attribute));
    }
}

/// Groups nest no deeper than the schema reader allows, so recursion is bounded.
fn walk_particles(
    owners: &[&str],
    particles: &mut [Particle],
    visit: &mut impl FnMut(&[&str], &mut Member<'_>),
) {
    for particle in particles {
        match particle {
            Particle::Element(element) => walk_element(element, owners, visit),
            Particle::Sequence(group) | Particle::Choice(group) | Particle::All(group) => {
                walk_particles(owners, &mut group.particles, visit)
            }
            Particle::Any(_) => {}
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
            "AuthKey",
            "connStr",
            "ConnectionString",
            "sessionId",
            "sessionIdCookie",
            "SessionID",
            "pwd",
            "pin",
            "PinCode",
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
            "Spin",
            "session",
            "SessionTimeout",
            "KeyId",
        ] {
            assert!(!is_secret_name(name), "{name}");
        }
    }
}
