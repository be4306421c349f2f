//! What a complex type's content becomes in Rust: its members once the base chain is laid
//! out (an extension's base members first) and nested groups are flattened, or content kept
//! whole as raw XML where no typed form says the same.

use crate::model::{
    Attribute, ComplexType, DerivationMethod, Element, Group, MAX_DERIVATION_DEPTH, MaxOccurs,
    Particle, QName, Service, TypeKind, TypeUse, XSD_NAMESPACE,
};

/// A member of a flattened complex type.
#[derive(Clone, Copy, Debug)]
pub enum Member<'m> {
    /// An element; `optional` when a group around it may be absent, `repeated` when a group
    /// around it repeats.
    Element {
        /// The element.
        element: &'m Element,
        /// A group around it may be absent.
        optional: bool,
        /// A group around it repeats.
        repeated: bool,
    },
    /// A choice among elements (and perhaps a wildcard).
    Choice {
        /// The group.
        group: &'m Group,
        /// The choice may be absent.
        optional: bool,
        /// The choice repeats.
        repeated: bool,
    },
    /// A wildcard: elements the schema does not name.
    Any,
}

/// What a complex type's content is, resolved.
#[derive(Clone, Debug, Default)]
pub struct Content<'m> {
    /// The attributes, the base's first.
    pub attributes: Vec<&'m Attribute>,
    /// Whether attributes beyond those declared are admitted.
    pub any_attribute: bool,
    /// The type of the text, for simple content.
    pub text: Option<&'m TypeUse>,
    /// The members, in wire order; empty when the content is raw.
    pub members: Vec<Member<'m>>,
    /// Why the content is kept whole as raw XML, if it is.
    pub raw: Option<&'static str>,
}

impl Content<'_> {
    /// Whether the type is nothing but raw content: no attributes to type.
    pub fn is_only_raw(&self) -> bool {
        self.raw.is_some() && self.attributes.is_empty() && !self.any_attribute
    }
}

/// The content of a complex type, its bases laid out.
pub fn content<'m>(service: &'m Service, complex: &'m ComplexType) -> Content<'m> {
    let mut chain = vec![complex];
    let mut current = complex;
    while let Some(base) = &current.base {
        let Some(TypeKind::Complex(next)) = service.find_type(&base.value.base).map(|d| &d.kind)
        else {
            break;
        };
        // The readers refuse deeper chains and cycles; this bounds a model made otherwise.
        if chain.len() > MAX_DERIVATION_DEPTH {
            break;
        }
        chain.push(next);
        current = next;
    }
    // From the root of the chain down: an extension adds to what its base has, a
    // restriction restates the content.
    chain.reverse();
    let mut out = Content::default();
    let mut particles: Vec<&'m Particle> = Vec::new();
    for (depth, ty) in chain.iter().enumerate() {
        let restricts = depth > 0
            && ty
                .base
                .as_ref()
                .is_some_and(|b| b.value.method == DerivationMethod::Restriction);
        if restricts {
            particles.clear();
            out.attributes
                .retain(|a| !ty.attributes.iter().any(|own| own.name == a.name));
        }
        particles.extend(ty.sequence.iter());
        out.attributes.extend(ty.attributes.iter());
        out.any_attribute |= ty.any_attribute.is_some();
        if let Some(text) = &ty.simple_content {
            out.text = Some(&text.value);
        }
        if ty.mixed {
            out.raw = Some("mixed content (text between elements)");
        }
    }
    if out.raw.is_some() {
        return out;
    }
    let mut members = Vec::new();
    if flatten(&particles, false, false, &mut members).is_err() {
        out.raw = Some("a content model no Rust type says the same of");
        return out;
    }
    let only_wildcards = !members.is_empty()
        && members.iter().all(|m| match m {
            Member::Any => true,
            // The DataSet pattern: `<s:element ref="s:schema"/><s:any/>`.
            Member::Element { element, .. } => element.name == QName::new(XSD_NAMESPACE, "schema"),
            Member::Choice { .. } => false,
        });
    if only_wildcards {
        out.raw = Some("any XML (a wildcard)");
        return out;
    }
    out.members = members;
    out
}

/// Flattens particles into members; `Err` for a shape no member says the same of (a
/// repeated sequence of several particles, a choice among groups).
fn flatten<'m>(
    particles: &[&'m Particle],
    optional: bool,
    repeated: bool,
    out: &mut Vec<Member<'m>>,
) -> Result<(), ()> {
    for particle in particles {
        match particle {
            Particle::Element(element) => out.push(Member::Element {
                element,
                optional,
                repeated,
            }),
            Particle::Any(_) => out.push(Member::Any),
            Particle::Sequence(group) | Particle::All(group) => {
                let inner: Vec<&Particle> = group.particles.iter().collect();
                let optional = optional || group.min_occurs.value == 0;
                if group.max_occurs.value == MaxOccurs::Bounded(1) {
                    flatten(&inner, optional, repeated, out)?;
                } else if let [single @ (Particle::Element(_) | Particle::Choice(_))] =
                    inner.as_slice()
                {
                    flatten(&[*single], optional, true, out)?;
                } else {
                    return Err(());
                }
            }
            Particle::Choice(group) => {
                let optional = optional || group.min_occurs.value == 0;
                let repeated = repeated || group.max_occurs.value != MaxOccurs::Bounded(1);
                match group.particles.as_slice() {
                    [] => {}
                    // A choice of one is a sequence of one.
                    [single] => {
                        let mut inner = Vec::new();
                        flatten(&[single], optional, repeated, &mut inner)?;
                        out.extend(inner);
                    }
                    alternatives => {
                        if !alternatives
                            .iter()
                            .all(|p| matches!(p, Particle::Element(_) | Particle::Any(_)))
                        {
                            return Err(());
                        }
                        out.push(Member::Choice {
                            group,
                            optional,
                            repeated,
                        });
                    }
                }
            }
        }
    }
    Ok(())
}

/// What a named complex type becomes.
#[derive(Clone, Copy, Debug)]
pub enum Form<'m> {
    /// A `Vec` of its item.
    Array(&'m Element),
    /// Raw XML content.
    Raw,
    /// A struct of its own.
    Struct,
}

/// What a complex type becomes: an array wrapper a `Vec`, content that is only raw XML an
/// `XmlContent`, anything else a struct. An array whose items are arrays themselves
/// (`FinancialReportList` of `FinancialReportItem`, which repeats an element of its own) is a
/// struct, whose member holds the items' `Vec`s: an item of a `Vec` is one element, which a
/// `Vec` of its own cannot be.
pub fn form<'m>(service: &'m Service, complex: &'m ComplexType) -> Form<'m> {
    if let Some(item) = complex.array_item() {
        let item_is_array = match &item.ty.value {
            TypeUse::Named(name) => matches!(
                service.find_type(name).map(|d| &d.kind),
                Some(TypeKind::Complex(inner)) if inner.array_item().is_some()
            ),
            _ => false,
        };
        if !item_is_array {
            return Form::Array(item);
        }
    }
    if content(service, complex).is_only_raw() {
        Form::Raw
    } else {
        Form::Struct
    }
}
