//! Forgetting positions, to compare what two parts of a page say rather than where they say it.

use super::*;

/// Values whose positions can be reset, leaving only what they say.
pub trait ErasePositions {
    /// Sets every position to the default; inference rules stay.
    fn erase_positions(&mut self);
}

impl ErasePositions for Pos {
    fn erase_positions(&mut self) {
        *self = Pos::default();
    }
}

impl ErasePositions for Origin {
    fn erase_positions(&mut self) {
        match self {
            Origin::Stated(pos) | Origin::Inferred { from: pos, .. } => pos.erase_positions(),
        }
    }
}

impl<T: ErasePositions> ErasePositions for Fact<T> {
    fn erase_positions(&mut self) {
        self.value.erase_positions();
        self.origin.erase_positions();
    }
}

impl<T: ErasePositions> ErasePositions for Option<T> {
    fn erase_positions(&mut self) {
        if let Some(value) = self {
            value.erase_positions();
        }
    }
}

impl<T: ErasePositions> ErasePositions for Vec<T> {
    fn erase_positions(&mut self) {
        self.iter_mut().for_each(ErasePositions::erase_positions);
    }
}

impl<T: ErasePositions> ErasePositions for Box<T> {
    fn erase_positions(&mut self) {
        self.as_mut().erase_positions();
    }
}

/// Values without positions of their own.
macro_rules! plain {
    ($($ty:ty),*) => {
        $(impl ErasePositions for $ty {
            fn erase_positions(&mut self) {}
        })*
    };
}

plain!(
    bool,
    DerivationMethod,
    u16,
    u32,
    i64,
    String,
    QName,
    Builtin,
    MaxOccurs,
    SequenceOrder,
    Facet,
    SoapVersion,
    AddressingVersion,
    HttpMethod,
    HttpReply,
    SoapReply,
    JsonReply,
    Syntax,
    Outcome,
    SourceId,
    BindingKind,
    SampleKind,
    Family
);

impl ErasePositions for (String, String) {
    fn erase_positions(&mut self) {}
}

impl ErasePositions for Doc {
    fn erase_positions(&mut self) {
        self.pos.erase_positions();
    }
}

impl ErasePositions for TypeUse {
    fn erase_positions(&mut self) {
        if let TypeUse::Anonymous(complex) = self {
            complex.erase_positions();
        }
    }
}

impl ErasePositions for Element {
    fn erase_positions(&mut self) {
        let Element {
            name: _,
            pos,
            ty,
            min_occurs,
            max_occurs,
            nillable,
            default,
            facets,
            secret,
            documentation,
            json_name,
        } = self;
        pos.erase_positions();
        ty.erase_positions();
        json_name.erase_positions();
        min_occurs.erase_positions();
        max_occurs.erase_positions();
        nillable.erase_positions();
        default.erase_positions();
        facets.erase_positions();
        secret.erase_positions();
        documentation.erase_positions();
    }
}

impl ErasePositions for Attribute {
    fn erase_positions(&mut self) {
        let Attribute {
            name: _,
            pos,
            ty,
            required,
            default,
            facets,
            secret,
            documentation,
        } = self;
        pos.erase_positions();
        ty.erase_positions();
        required.erase_positions();
        default.erase_positions();
        facets.erase_positions();
        secret.erase_positions();
        documentation.erase_positions();
    }
}

impl ErasePositions for Derivation {
    fn erase_positions(&mut self) {}
}

impl ErasePositions for Wildcard {
    fn erase_positions(&mut self) {
        self.pos.erase_positions();
        self.min_occurs.erase_positions();
        self.max_occurs.erase_positions();
    }
}

impl ErasePositions for Group {
    fn erase_positions(&mut self) {
        self.pos.erase_positions();
        self.min_occurs.erase_positions();
        self.max_occurs.erase_positions();
        self.particles.erase_positions();
    }
}

impl ErasePositions for Particle {
    fn erase_positions(&mut self) {
        match self {
            Particle::Element(element) => element.erase_positions(),
            Particle::Sequence(group) | Particle::Choice(group) | Particle::All(group) => {
                group.erase_positions();
            }
            Particle::Any(wildcard) => wildcard.erase_positions(),
        }
    }
}

impl ErasePositions for ComplexType {
    fn erase_positions(&mut self) {
        let ComplexType {
            base,
            is_abstract: _,
            mixed: _,
            sequence,
            attributes,
            any_attribute,
            simple_content,
            order,
            key_value: _,
            soap_array: _,
        } = self;
        base.erase_positions();
        sequence.erase_positions();
        attributes.erase_positions();
        any_attribute.erase_positions();
        simple_content.erase_positions();
        order.erase_positions();
    }
}

impl ErasePositions for EnumMember {
    fn erase_positions(&mut self) {
        self.name.erase_positions();
        self.value.erase_positions();
    }
}

impl ErasePositions for TypeKind {
    fn erase_positions(&mut self) {
        match self {
            TypeKind::Complex(complex) => complex.erase_positions(),
            TypeKind::Enumeration(enumeration) => {
                enumeration.members.erase_positions();
                enumeration.json_numbers.erase_positions();
            }
            TypeKind::Restriction(restriction) => {
                restriction.base.erase_positions();
                restriction.facets.erase_positions();
            }
            TypeKind::List(list) => list.item.erase_positions(),
            TypeKind::Union(union) => union.members.erase_positions(),
        }
    }
}

impl ErasePositions for TypeDef {
    fn erase_positions(&mut self) {
        self.name.erase_positions();
        self.documentation.erase_positions();
        self.kind.erase_positions();
    }
}

impl ErasePositions for Header {
    fn erase_positions(&mut self) {
        self.element.erase_positions();
        self.required.erase_positions();
        self.echoed.erase_positions();
    }
}

impl ErasePositions for Message {
    fn erase_positions(&mut self) {
        self.body.erase_positions();
        self.headers.erase_positions();
        self.parameters.erase_positions();
        self.unknown_body.erase_positions();
    }
}

impl ErasePositions for Fault {
    fn erase_positions(&mut self) {
        self.name.erase_positions();
        self.detail.erase_positions();
    }
}

impl ErasePositions for ErrorCode {
    fn erase_positions(&mut self) {
        self.code.erase_positions();
        self.message.erase_positions();
        self.documentation.erase_positions();
    }
}

impl ErasePositions for MediaFormat {
    fn erase_positions(&mut self) {
        self.media_types.erase_positions();
        self.usable.erase_positions();
    }
}

impl ErasePositions for Policy {
    fn erase_positions(&mut self) {
        // Every field named, so that a new one cannot be forgotten here.
        let Policy {
            binding: _,
            addressing,
            https,
            username_token,
            timestamp,
            client_certificate,
            basic_auth,
            unsupported,
        } = self;
        addressing.erase_positions();
        https.erase_positions();
        username_token.erase_positions();
        timestamp.erase_positions();
        client_certificate.erase_positions();
        basic_auth.erase_positions();
        unsupported.erase_positions();
    }
}

impl ErasePositions for Binding {
    fn erase_positions(&mut self) {
        match self {
            Binding::Soap(b) => {
                // Every field named, so that a new one cannot be forgotten here.
                let crate::model::SoapBinding {
                    pos,
                    version: _,
                    action,
                    path,
                    reply,
                    encoding_style,
                    policy,
                    reply_action,
                } = b;
                pos.erase_positions();
                action.erase_positions();
                path.erase_positions();
                reply.erase_positions();
                encoding_style.erase_positions();
                policy.erase_positions();
                reply_action.erase_positions();
            }
            Binding::Http(b) => {
                b.pos.erase_positions();
                b.path.erase_positions();
                b.reply.erase_positions();
            }
            Binding::Json(b) => {
                b.pos.erase_positions();
                b.path.erase_positions();
                b.wrapper.erase_positions();
                b.success_status.erase_positions();
                b.reply.erase_positions();
            }
            Binding::WebApi(b) => {
                b.pos.erase_positions();
                b.method.erase_positions();
                b.route.erase_positions();
                b.request_formats.erase_positions();
                b.response_formats.erase_positions();
                b.other_media_types.erase_positions();
            }
        }
    }
}

impl ErasePositions for CookieFallback {
    fn erase_positions(&mut self) {
        self.cookie.erase_positions();
    }
}

impl ErasePositions for Sample {
    fn erase_positions(&mut self) {
        self.pos.erase_positions();
        self.body.erase_positions();
    }
}

impl ErasePositions for Operation {
    fn erase_positions(&mut self) {
        self.name.erase_positions();
        self.message_name.erase_positions();
        self.documentation.erase_positions();
        self.input.erase_positions();
        self.output.erase_positions();
        self.faults.erase_positions();
        self.error_codes.erase_positions();
        self.outcome.erase_positions();
        self.cookies.erase_positions();
        self.bindings.erase_positions();
        self.samples.erase_positions();
    }
}

impl ErasePositions for Service {
    fn erase_positions(&mut self) {
        self.name.erase_positions();
        self.host.erase_positions();
        self.documentation.erase_positions();
        self.operations.erase_positions();
        self.types.erase_positions();
        for derive in &mut self.rust.derives {
            derive.erase_positions();
        }
        for (_, rust) in &mut self.rust.types {
            rust.erase_positions();
        }
    }
}

/// A copy of `value` without positions.
pub fn without_positions<T: ErasePositions + Clone>(value: &T) -> T {
    let mut copy = value.clone();
    copy.erase_positions();
    copy
}
