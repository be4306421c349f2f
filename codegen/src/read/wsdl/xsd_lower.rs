//! Lowering XSD into the model: named and anonymous complex types with their particle trees,
//! derivation, simple and mixed content, attributes and wildcards; named simple types
//! (enumerations, restrictions with facets, lists, unions); built-ins by namespace and name.
//! Every construct keeps its position in its document.

use std::collections::HashMap;

use roxmltree::Node;

use crate::diagnostic::{Diagnostics, Problem};
use crate::model::{
    Attribute, Builtin, ComplexType, Derivation, DerivationMethod, Doc, Element, EnumMember,
    Enumeration, Facet, Fact, Group, ListType, MAX_DERIVATION_DEPTH, MaxOccurs, Particle, Pos,
    QName, Restriction, SOAP_ENCODING_NAMESPACE, TypeDef, TypeKind, TypeUse, UnionType, Wildcard,
    XSD_NAMESPACE,
};
use crate::read::types::TypeSet;
use crate::read::wsdl::xml_document::{XmlDocument, children, is};
use crate::read::wsdl::xsd::{Decl, Kind, SchemaSet, WSDL_NAMESPACE};

/// How deeply groups and anonymous types may nest: far beyond real schemas, near enough to
/// bound the reader's stack.
pub const MAX_NESTING: usize = 100;

/// How many particles one reading may produce, counting those that group references copy:
/// a schema whose groups refer to each other many times over would otherwise grow without
/// bound.
pub const MAX_PARTICLES: usize = 500_000;

/// Lowers the components of a schema set.
pub struct Lowering<'x, 'a, 's> {
    set: &'x SchemaSet<'a, 's>,
    types: TypeSet,
    diagnostics: Diagnostics,
    /// Global elements with anonymous complex types that a `ref` names: the named type each
    /// becomes, so that an element may contain itself.
    element_types: HashMap<QName, QName>,
    /// Groups being expanded, to tell a group that contains itself.
    expanding: Vec<QName>,
    particles: usize,
    /// Whether the particle budget has been reported.
    over_budget: bool,
    /// Each global element lowered so far, as it lowered: the messages of every binding of an
    /// operation name the same elements, which are lowered (and their particles counted)
    /// once.
    global_elements: HashMap<QName, Option<Element>>,
}

/// Where a declaration stands: its document and node.
#[derive(Clone, Copy)]
struct At<'x, 'a, 's> {
    doc: &'x XmlDocument<'s>,
    node: Node<'a, 's>,
    schema: usize,
}

impl<'x, 'a, 's> Lowering<'x, 'a, 's> {
    /// A lowering of `set`'s components.
    pub fn new(set: &'x SchemaSet<'a, 's>) -> Self {
        Lowering {
            set,
            types: TypeSet::default(),
            diagnostics: Diagnostics::default(),
            element_types: HashMap::new(),
            expanding: Vec::new(),
            particles: 0,
            over_budget: false,
            global_elements: HashMap::new(),
        }
    }

    /// Whether the content went past [`MAX_PARTICLES`], and what was lowered after is cut
    /// short: the limit is then the one thing to report.
    pub fn over_budget(&self) -> bool {
        self.over_budget
    }

    /// The types and problems found.
    pub fn finish(self) -> (TypeSet, Diagnostics) {
        (self.types, self.diagnostics)
    }

    fn at(&self, decl: Decl<'a, 's>) -> At<'x, 'a, 's> {
        At {
            doc: self.set.doc_of(decl),
            node: decl.node,
            schema: decl.schema,
        }
    }

    fn child(&self, at: At<'x, 'a, 's>, node: Node<'a, 's>) -> At<'x, 'a, 's> {
        At { node, ..at }
    }

    fn error(&mut self, at: At<'_, '_, '_>, attr: &str, problem: Problem) {
        let diagnostic = at.doc.error_at(at.node, attr, problem);
        self.diagnostics.push(diagnostic);
    }

    /// Lowers every named type of the set, in document order, and checks that no type
    /// derives from itself.
    pub fn named_types(&mut self) {
        let set = self.set;
        for (kind, name) in &set.types {
            // .NET's `guid` and `char` are declared as types, and are built-ins to us.
            if Builtin::resolve(name).is_some() {
                continue;
            }
            let Some(decl) = set.get(*kind, name) else {
                continue;
            };
            let at = self.at(decl);
            let pos = at.doc.attr_pos(at.node, "name");
            let documentation = documentation(at);
            let kind = match kind {
                Kind::Complex => TypeKind::Complex(self.complex_type(at, name, 0)),
                _ => self.simple_type(at, name, 0),
            };
            self.add(TypeDef {
                name: Fact::stated(name.clone(), pos),
                source: at.doc.source.id(),
                documentation,
                kind,
            });
        }
        self.check_derivations();
    }

    fn add(&mut self, def: TypeDef) {
        let pos = def.name.origin.pos();
        let name = def.name.value.clone();
        if let Err(conflict) = self.types.add(def, None) {
            let problem = conflict.problem(&name);
            let source = self
                .set
                .docs
                .iter()
                .find(|d| d.source.id() == pos.source)
                .map(|d| d.source);
            if let Some(source) = source {
                self.diagnostics.push(source.error(pos, problem));
            }
        }
    }

    /// A type that derives from itself, by complex or simple derivation, is refused where
    /// each type on the cycle is named, and one that derives through more than
    /// [`MAX_DERIVATION_DEPTH`] bases where the chain passes the limit. Each type has at
    /// most one base, so one walk along the bases visits every type once: the cost is
    /// linear in the types, however long the chains.
    fn check_derivations(&mut self) {
        /// Where a walk along the bases has been.
        enum Visit {
            /// On the walk now, at this index of its path.
            OnPath(usize),
            /// Walked before: how many bases the type derives through, `None` when the
            /// chain runs into a cycle.
            Done(Option<usize>),
        }
        let set = self.set;
        let types = &self.types;
        let base_of = |name: &QName| {
            let base = match types.get(name).map(|d| &d.kind) {
                Some(TypeKind::Complex(complex)) => complex.base.as_ref().map(|b| &b.value.base),
                Some(TypeKind::Restriction(restriction)) => match &restriction.base.value {
                    TypeUse::Named(base) => Some(base),
                    _ => None,
                },
                _ => None,
            };
            base.filter(|base| types.get(base).is_some())
        };
        let mut visits: HashMap<&QName, Visit> = HashMap::new();
        // Each cycle, and for each type on one, its cycle and its place on it.
        let mut cycles: Vec<Vec<&QName>> = Vec::new();
        let mut on_cycle: HashMap<&QName, (usize, usize)> = HashMap::new();
        for (_, name) in &set.types {
            let mut path: Vec<&QName> = Vec::new();
            let mut current = Some(name);
            // The depth of the type the path's last one derives from (`Some(None)` past a
            // cycle), or `None` when the last one derives from nothing.
            let mut below: Option<Option<usize>> = None;
            while let Some(here) = current {
                match visits.get(here) {
                    Some(Visit::Done(depth)) => {
                        below = Some(*depth);
                        break;
                    }
                    Some(Visit::OnPath(start)) => {
                        let cycle = path[*start..].to_vec();
                        for (place, member) in cycle.iter().enumerate() {
                            on_cycle.insert(member, (cycles.len(), place));
                        }
                        cycles.push(cycle);
                        below = Some(None);
                        break;
                    }
                    None => {}
                }
                visits.insert(here, Visit::OnPath(path.len()));
                path.push(here);
                current = base_of(here);
            }
            let mut depth = below.map(|depth| depth.map(|d| d + 1));
            for walked in path.into_iter().rev() {
                let own = depth.unwrap_or(Some(0));
                visits.insert(walked, Visit::Done(own));
                depth = Some(own.map(|d| d + 1));
            }
        }
        let mut found = Vec::new();
        for (kind, name) in &set.types {
            let Some(decl) = set.get(*kind, name) else {
                continue;
            };
            if let Some(&(cycle, place)) = on_cycle.get(name) {
                let cycle = &cycles[cycle];
                let through = cycle[place..].iter().chain(&cycle[..place]);
                found.push((
                    self.at(decl),
                    Problem::Cycle {
                        what: format!(
                            "the type {name} derives from itself (through {})",
                            shown_chain(through.map(|n| n.local.as_str()), cycle.len())
                        ),
                    },
                ));
            } else if let Some(Visit::Done(Some(depth))) = visits.get(name)
                && *depth == MAX_DERIVATION_DEPTH + 1
            {
                // Only where the chain passes the limit: the deeper types derive from this.
                let mut chain = Vec::new();
                let mut current = base_of(name);
                while let Some(base) = current.filter(|_| chain.len() < 8) {
                    chain.push(base.local.as_str());
                    current = base_of(base);
                }
                found.push((
                    self.at(decl),
                    Problem::TooLarge {
                        what: format!(
                            "the chain of bases of the type {name} (through {})",
                            shown_chain(chain.into_iter(), *depth)
                        ),
                        limit: format!("{MAX_DERIVATION_DEPTH} bases"),
                    },
                ));
            }
        }
        for (at, problem) in found {
            self.error(at, "name", problem);
        }
    }

    /// The type a `type`, `base` or `itemType` attribute names: a built-in, or a type of the
    /// set. A name that resolves to neither is a diagnostic.
    fn type_ref(&mut self, at: At<'_, 'a, 's>, attr: &str) -> Option<Fact<TypeUse>> {
        let name = match at.doc.qname(at.node, attr) {
            Ok(name) => name?,
            Err(diagnostic) => {
                self.diagnostics.push(diagnostic);
                return None;
            }
        };
        let pos = at.doc.attr_pos(at.node, attr);
        Some(Fact::stated(self.resolve(at, attr, &name), pos))
    }

    /// A type name resolved.
    fn resolve(&mut self, at: At<'_, 'a, 's>, attr: &str, name: &QName) -> TypeUse {
        if let Some(builtin) = Builtin::resolve(name) {
            return TypeUse::Builtin(builtin);
        }
        let known = self.set.get(Kind::Complex, name).is_some()
            || self.set.get(Kind::Simple, name).is_some();
        if !known {
            self.error(
                at,
                attr,
                Problem::Unresolved {
                    kind: "type",
                    name: name.to_string(),
                },
            );
            return TypeUse::Builtin(Builtin::AnyType);
        }
        TypeUse::Named(name.clone())
    }

    fn nest(&mut self, at: At<'_, '_, '_>, depth: usize) -> bool {
        if depth <= MAX_NESTING {
            return true;
        }
        self.error(
            at,
            "",
            Problem::TooLarge {
                what: "the nesting of types and groups".into(),
                limit: format!("{MAX_NESTING} levels"),
            },
        );
        false
    }

    fn count_particle(&mut self, at: At<'_, '_, '_>) -> bool {
        self.particles += 1;
        if self.particles <= MAX_PARTICLES {
            return true;
        }
        if !self.over_budget {
            self.over_budget = true;
            self.error(
                at,
                "",
                Problem::TooLarge {
                    what: "the content the schema's groups expand to".into(),
                    limit: format!("{MAX_PARTICLES} particles"),
                },
            );
        }
        false
    }

    /// A complex type: content, attributes, derivation, mixed and abstract.
    fn complex_type(&mut self, at: At<'x, 'a, 's>, owner: &QName, depth: usize) -> ComplexType {
        let mut complex = ComplexType {
            is_abstract: boolean(at.node.attribute("abstract")),
            mixed: boolean(at.node.attribute("mixed")),
            ..ComplexType::default()
        };
        if !self.nest(at, depth) {
            return complex;
        }
        for child in children(at.node) {
            let child_at = self.child(at, child);
            if child.tag_name().namespace() != Some(XSD_NAMESPACE) {
                continue;
            }
            match child.tag_name().name() {
                "annotation" => {}
                "sequence" | "choice" | "all" | "group" => {
                    complex.sequence = self.content(child_at, owner, depth);
                }
                "attribute" | "attributeGroup" | "anyAttribute" => {
                    self.attribute_decl(child_at, owner, &mut complex, depth);
                }
                "simpleContent" => self.simple_content(child_at, owner, &mut complex, depth),
                "complexContent" => {
                    complex.mixed |= boolean(child.attribute("mixed"));
                    self.complex_content(child_at, owner, &mut complex, depth);
                }
                other => self.unsupported_child(child_at, other),
            }
        }
        complex
    }

    fn unsupported_child(&mut self, at: At<'_, '_, '_>, local: &str) {
        // Identity constraints and assertions say nothing about the wire's shape.
        if matches!(
            local,
            "key" | "keyref" | "unique" | "assert" | "openContent" | "notation"
        ) {
            return;
        }
        self.error(
            at,
            "",
            Problem::Unsupported {
                what: format!("`xs:{local}` here"),
                hint: "the XSD that ASMX and WCF services write (see README)".into(),
            },
        );
    }

    /// The particles of a content model: the outermost sequence's, or the group alone.
    fn content(&mut self, at: At<'x, 'a, 's>, owner: &QName, depth: usize) -> Vec<Particle> {
        let Some(particle) = self.particle(at, owner, depth + 1) else {
            return Vec::new();
        };
        match particle {
            Particle::Sequence(group)
                if group.min_occurs.value == 1
                    && group.max_occurs.value == MaxOccurs::Bounded(1) =>
            {
                group.particles
            }
            other => vec![other],
        }
    }

    /// One particle: an element, a group (nested or referenced), or a wildcard.
    fn particle(&mut self, at: At<'x, 'a, 's>, owner: &QName, depth: usize) -> Option<Particle> {
        if !self.nest(at, depth) || !self.count_particle(at) {
            return None;
        }
        // `maxOccurs="0"`: the type forbids the particle, which is then no member at all.
        if at
            .node
            .attribute("maxOccurs")
            .is_some_and(|max| max.trim().parse::<u32>() == Ok(0))
        {
            return None;
        }
        let pos = at.doc.pos(at.node);
        match at.node.tag_name().name() {
            "element" => Some(Particle::Element(self.local_element(at, owner, depth)?)),
            "any" => Some(Particle::Any(Wildcard {
                pos,
                min_occurs: self.min_occurs(at),
                max_occurs: self.max_occurs(at),
                namespace: at.node.attribute("namespace").unwrap_or("##any").to_owned(),
            })),
            kind @ ("sequence" | "choice" | "all") => {
                let mut particles = Vec::new();
                for child in children(at.node) {
                    if child.tag_name().namespace() != Some(XSD_NAMESPACE)
                        || is(child, XSD_NAMESPACE, "annotation")
                    {
                        continue;
                    }
                    let child_at = self.child(at, child);
                    if let Some(particle) = self.particle(child_at, owner, depth + 1) {
                        particles.push(particle);
                    }
                }
                let group = Group {
                    pos,
                    min_occurs: self.min_occurs(at),
                    max_occurs: self.max_occurs(at),
                    particles,
                };
                Some(match kind {
                    "sequence" => Particle::Sequence(group),
                    "choice" => Particle::Choice(group),
                    _ => Particle::All(group),
                })
            }
            "group" => self.group_ref(at, owner, depth),
            other => {
                self.unsupported_child(at, other);
                None
            }
        }
    }

    /// A reference to a named group: its model group, with the reference's occurrences.
    fn group_ref(&mut self, at: At<'x, 'a, 's>, owner: &QName, depth: usize) -> Option<Particle> {
        let name = match at.doc.qname(at.node, "ref") {
            Ok(Some(name)) => name,
            Ok(None) => {
                self.error(
                    at,
                    "",
                    Problem::MissingPart {
                        what: "the `ref` of this group".into(),
                    },
                );
                return None;
            }
            Err(diagnostic) => {
                self.diagnostics.push(diagnostic);
                return None;
            }
        };
        let Some(decl) = self.set.get(Kind::Group, &name) else {
            self.error(
                at,
                "ref",
                Problem::Unresolved {
                    kind: "group",
                    name: name.to_string(),
                },
            );
            return None;
        };
        if self.expanding.contains(&name) {
            self.error(
                at,
                "ref",
                Problem::Cycle {
                    what: format!("the group {name} contains itself"),
                },
            );
            return None;
        }
        let group_at = self.at(decl);
        let model = children(decl.node).find(|c| {
            c.tag_name().namespace() == Some(XSD_NAMESPACE)
                && matches!(c.tag_name().name(), "sequence" | "choice" | "all")
        })?;
        self.expanding.push(name);
        let inner = self.particle(self.child(group_at, model), owner, depth + 1);
        self.expanding.pop();
        // The group stands where the reference does, as often as the reference says.
        let (pos, min, max) = (
            at.doc.pos(at.node),
            self.min_occurs(at),
            self.max_occurs(at),
        );
        let placed = |group: Group| Group {
            pos,
            min_occurs: min,
            max_occurs: max,
            ..group
        };
        inner.map(|particle| match particle {
            Particle::Sequence(group) => Particle::Sequence(placed(group)),
            Particle::Choice(group) => Particle::Choice(placed(group)),
            Particle::All(group) => Particle::All(placed(group)),
            other => other,
        })
    }

    /// A local element declaration, or a reference to a global one.
    fn local_element(
        &mut self,
        at: At<'x, 'a, 's>,
        owner: &QName,
        depth: usize,
    ) -> Option<Element> {
        let pos = at.doc.pos(at.node);
        if at.node.attribute("ref").is_some() {
            let name = match at.doc.qname(at.node, "ref") {
                Ok(name) => name?,
                Err(diagnostic) => {
                    self.diagnostics.push(diagnostic);
                    return None;
                }
            };
            let mut element = self.referenced_element(at, &name)?;
            element.pos = pos;
            element.min_occurs = self.min_occurs(at);
            element.max_occurs = self.max_occurs(at);
            let mut docs = documentation(at);
            docs.append(&mut element.documentation);
            element.documentation = docs;
            return Some(element);
        }
        let elements_qualified = self.set.schemas[at.schema].elements_qualified;
        let name = self.local_name(at, "element", elements_qualified)?;
        let mut element = self.declaration(at, name, owner, depth)?;
        element.min_occurs = self.min_occurs(at);
        element.max_occurs = self.max_occurs(at);
        Some(element)
    }

    /// The name of a local element or attribute declaration: in the schema's target
    /// namespace when its `form` (or the schema's default, `qualified_by_default`) says
    /// qualified, else in none.
    fn local_name(
        &mut self,
        at: At<'_, 'a, 's>,
        what: &str,
        qualified_by_default: bool,
    ) -> Option<QName> {
        let Some(local) = at.node.attribute("name") else {
            self.error(
                at,
                "",
                Problem::MissingPart {
                    what: format!("the `name` or `ref` of this {what}"),
                },
            );
            return None;
        };
        let qualified = match at.node.attribute("form") {
            Some(form) => form == "qualified",
            None => qualified_by_default,
        };
        let namespace = if qualified {
            self.set.schemas[at.schema].target.clone()
        } else {
            String::new()
        };
        Some(QName::new(namespace, local))
    }

    /// What an element declaration says of its type, nillability, default and facets.
    fn declaration(
        &mut self,
        at: At<'x, 'a, 's>,
        name: QName,
        owner: &QName,
        depth: usize,
    ) -> Option<Element> {
        let pos = at.doc.pos(at.node);
        if at.node.attribute("substitutionGroup").is_some() {
            self.error(
                at,
                "substitutionGroup",
                Problem::Unsupported {
                    what: "a substitution group".into(),
                    hint:
                        "elements that stand for themselves, and derived types marked by `xsi:type`"
                            .into(),
                },
            );
        }
        let mut facets = Vec::new();
        let ty = if at.node.attribute("type").is_some() {
            self.type_ref(at, "type")?
        } else if let Some(complex) =
            children(at.node).find(|c| is(*c, XSD_NAMESPACE, "complexType"))
        {
            let inner_owner = QName::new(&name.namespace, &name.local);
            let complex = self.complex_type(self.child(at, complex), &inner_owner, depth + 1);
            Fact::stated(TypeUse::Anonymous(Box::new(complex)), pos)
        } else if let Some(simple) = children(at.node).find(|c| is(*c, XSD_NAMESPACE, "simpleType"))
        {
            let (ty, own_facets) =
                self.anonymous_simple(self.child(at, simple), &name, owner, depth)?;
            facets = own_facets;
            ty
        } else {
            // XSD: an element declared without a type holds anything.
            Fact::stated(TypeUse::Builtin(Builtin::AnyType), pos)
        };
        let nillable = nillable_of(at);
        if let Some(fixed) = at.node.attribute("fixed") {
            facets.push(Fact::stated(
                Facet::Fixed(fixed.to_owned()),
                at.doc.attr_pos(at.node, "fixed"),
            ));
        }
        Some(Element {
            nillable,
            default: at
                .node
                .attribute("default")
                .map(|d| Fact::stated(d.to_owned(), at.doc.attr_pos(at.node, "default"))),
            facets,
            documentation: documentation(at),
            ..Element::once(name, pos, ty)
        })
    }

    /// The global element `name` as a reference names it: an anonymous complex type becomes
    /// a named type of the element's name, so that an element that contains itself is a type
    /// that holds itself.
    fn referenced_element(&mut self, at: At<'_, 'a, 's>, name: &QName) -> Option<Element> {
        let Some(decl) = self.set.get(Kind::Element, name) else {
            if *name == QName::new(XSD_NAMESPACE, "schema") {
                // The DataSet pattern's inline schema: any XML, kept whole.
                return Some(Element::once(
                    name.clone(),
                    at.doc.pos(at.node),
                    Fact::stated(TypeUse::Builtin(Builtin::AnyType), at.doc.pos(at.node)),
                ));
            }
            self.error(
                at,
                "ref",
                Problem::Unresolved {
                    kind: "element",
                    name: name.to_string(),
                },
            );
            return None;
        };
        let global = self.at(decl);
        let anonymous = children(decl.node).find(|c| is(*c, XSD_NAMESPACE, "complexType"));
        let Some(complex) = anonymous else {
            return self.global_element(name);
        };
        let type_name = match self.element_types.get(name) {
            Some(type_name) => type_name.clone(),
            None => {
                let wanted = QName::new(&name.namespace, &name.local);
                let alternative = QName::new(&name.namespace, format!("{}Element", name.local));
                let mut chosen = wanted.clone();
                if self.set.get(Kind::Complex, &wanted).is_some()
                    || self.set.get(Kind::Simple, &wanted).is_some()
                {
                    chosen = alternative;
                }
                self.element_types.insert(name.clone(), chosen.clone());
                let pos = global.doc.pos(decl.node);
                let lowered = self.complex_type(self.child(global, complex), name, 1);
                self.add(TypeDef {
                    name: Fact::inferred(
                        chosen.clone(),
                        crate::model::Rule::XmlSerializerTypeFromElement,
                        pos,
                    ),
                    source: global.doc.source.id(),
                    documentation: documentation(global),
                    kind: TypeKind::Complex(lowered),
                });
                chosen
            }
        };
        let pos = global.doc.pos(decl.node);
        Some(Element {
            nillable: nillable_of(global),
            documentation: documentation(global),
            ..Element::once(
                name.clone(),
                pos,
                Fact::inferred(
                    TypeUse::Named(type_name),
                    crate::model::Rule::XmlSerializerTypeFromElement,
                    pos,
                ),
            )
        })
    }

    /// The global element `name`, as a message part names it: its anonymous type stays in
    /// place. `None` when the set declares no such element.
    pub fn global_element(&mut self, name: &QName) -> Option<Element> {
        if let Some(lowered) = self.global_elements.get(name) {
            return lowered.clone();
        }
        let decl = self.set.get(Kind::Element, name)?;
        let global = self.at(decl);
        let lowered = self.declaration(global, name.clone(), name, 0);
        self.global_elements.insert(name.clone(), lowered.clone());
        lowered
    }

    /// An anonymous simple type: a restriction of a built-in or named simple type by facets
    /// stays that type with the facets on its declaration; an enumeration, list or union
    /// becomes a type of its own, named after the declaration.
    fn anonymous_simple(
        &mut self,
        at: At<'x, 'a, 's>,
        name: &QName,
        owner: &QName,
        depth: usize,
    ) -> Option<(Fact<TypeUse>, Vec<Fact<Facet>>)> {
        let pos = at.doc.pos(at.node);
        let kind = self.simple_type(at, name, depth + 1);
        if let TypeKind::Restriction(restriction) = kind {
            return Some((restriction.base, restriction.facets));
        }
        let wanted = Fact::inferred(
            QName::new(&name.namespace, &name.local),
            crate::model::Rule::XmlSerializerTypeFromElement,
            pos,
        );
        let alternative = QName::new(&name.namespace, format!("{}{}", owner.local, name.local));
        let def = TypeDef {
            name: wanted,
            source: at.doc.source.id(),
            documentation: documentation(at),
            kind,
        };
        let set = self.set;
        let chosen = self.types.add_inferred_beside(def, alternative, |q| {
            set.get(Kind::Complex, q).is_some() || set.get(Kind::Simple, q).is_some()
        });
        Some((
            Fact::inferred(
                TypeUse::Named(chosen),
                crate::model::Rule::XmlSerializerTypeFromElement,
                pos,
            ),
            Vec::new(),
        ))
    }

    /// A simple type: an enumeration, a restriction by facets, a list or a union.
    fn simple_type(&mut self, at: At<'x, 'a, 's>, owner: &QName, depth: usize) -> TypeKind {
        let pos = at.doc.pos(at.node);
        let fallback = || {
            TypeKind::Restriction(Restriction {
                base: Fact::stated(TypeUse::Builtin(Builtin::String), pos),
                facets: Vec::new(),
            })
        };
        if !self.nest(at, depth) {
            return fallback();
        }
        let Some(body) = children(at.node).find(|c| {
            c.tag_name().namespace() == Some(XSD_NAMESPACE)
                && matches!(c.tag_name().name(), "restriction" | "list" | "union")
        }) else {
            self.error(
                at,
                "",
                Problem::MissingPart {
                    what: "the `restriction`, `list` or `union` of this simple type".into(),
                },
            );
            return fallback();
        };
        let body_at = self.child(at, body);
        match body.tag_name().name() {
            "restriction" => {
                let base = match self.simple_base(body_at, "base", owner, depth) {
                    Some(base) => base,
                    None => return fallback(),
                };
                let mut facets = Vec::new();
                let mut members = Vec::new();
                for facet in children(body) {
                    if facet.tag_name().namespace() != Some(XSD_NAMESPACE) {
                        continue;
                    }
                    let facet_at = self.child(at, facet);
                    let value_pos = at.doc.attr_pos(facet, "value");
                    let value = facet.attribute("value").unwrap_or("").to_owned();
                    let number = |lowering: &mut Self| match value.trim().parse::<u32>() {
                        Ok(n) => Some(n),
                        Err(_) => {
                            lowering.error(
                                facet_at,
                                "value",
                                Problem::BadValue {
                                    expected: "a non-negative number".into(),
                                    found: value.clone(),
                                },
                            );
                            None
                        }
                    };
                    let made = match facet.tag_name().name() {
                        "enumeration" => {
                            members.push(EnumMember {
                                name: Fact::stated(value.clone(), value_pos),
                                value: None,
                            });
                            None
                        }
                        "length" => number(self).map(Facet::Length),
                        "minLength" => number(self).map(Facet::MinLength),
                        "maxLength" => number(self).map(Facet::MaxLength),
                        "totalDigits" => number(self).map(Facet::TotalDigits),
                        "fractionDigits" => number(self).map(Facet::FractionDigits),
                        "minInclusive" => Some(Facet::MinInclusive(value.clone())),
                        "maxInclusive" => Some(Facet::MaxInclusive(value.clone())),
                        "minExclusive" => Some(Facet::MinExclusive(value.clone())),
                        "maxExclusive" => Some(Facet::MaxExclusive(value.clone())),
                        "pattern" => Some(Facet::Pattern(value.clone())),
                        "whiteSpace" => Some(Facet::WhiteSpace(value.clone())),
                        _ => None,
                    };
                    if let Some(made) = made {
                        facets.push(Fact::stated(made, value_pos));
                    }
                }
                if members.is_empty() {
                    TypeKind::Restriction(Restriction { base, facets })
                } else {
                    TypeKind::Enumeration(Enumeration {
                        base: self.builtin_of(&base.value),
                        members,
                        json_numbers: None,
                    })
                }
            }
            "list" => {
                let item = match self.simple_base(body_at, "itemType", owner, depth) {
                    Some(item) => item,
                    None => return fallback(),
                };
                TypeKind::List(ListType { item })
            }
            _ => {
                let mut members = Vec::new();
                if let Some(list) = body.attribute("memberTypes") {
                    let attr_pos = at.doc.attr_pos(body, "memberTypes");
                    for token in list.split_whitespace() {
                        let (prefix, local) = match token.split_once(':') {
                            Some((prefix, local)) => (Some(prefix), local),
                            None => (None, token),
                        };
                        let namespace = match prefix {
                            Some(prefix) => match body.lookup_namespace_uri(Some(prefix)) {
                                Some(namespace) => namespace,
                                None => {
                                    self.error(
                                        body_at,
                                        "memberTypes",
                                        Problem::UnboundPrefix {
                                            prefix: prefix.to_owned(),
                                            value: token.to_owned(),
                                        },
                                    );
                                    continue;
                                }
                            },
                            None => body.lookup_namespace_uri(None).unwrap_or(""),
                        };
                        let name = QName::new(namespace, local);
                        let ty = self.resolve(body_at, "memberTypes", &name);
                        members.push(Fact::stated(ty, attr_pos));
                    }
                }
                for inner in children(body).filter(|c| is(*c, XSD_NAMESPACE, "simpleType")) {
                    let member_name = QName::new(
                        &owner.namespace,
                        format!("{}Member{}", owner.local, members.len() + 1),
                    );
                    if let Some((ty, _)) =
                        self.anonymous_simple(self.child(at, inner), &member_name, owner, depth)
                    {
                        members.push(ty);
                    }
                }
                TypeKind::Union(UnionType { members })
            }
        }
    }

    /// The base of a restriction or the item of a list: the attribute's type, or an
    /// anonymous simple type inside.
    fn simple_base(
        &mut self,
        at: At<'x, 'a, 's>,
        attr: &str,
        owner: &QName,
        depth: usize,
    ) -> Option<Fact<TypeUse>> {
        if at.node.attribute(attr).is_some() {
            return self.type_ref(at, attr);
        }
        match children(at.node).find(|c| is(*c, XSD_NAMESPACE, "simpleType")) {
            Some(inner) => {
                let name = QName::new(&owner.namespace, format!("{}Base", owner.local));
                self.anonymous_simple(self.child(at, inner), &name, owner, depth)
                    .map(|(ty, _)| ty)
            }
            None => {
                self.error(
                    at,
                    "",
                    Problem::MissingPart {
                        what: format!("the `{attr}`, or a simple type inside,"),
                    },
                );
                None
            }
        }
    }

    /// The built-in a simple type use comes down to, through named restrictions.
    fn builtin_of(&self, ty: &TypeUse) -> Builtin {
        let mut current = ty.clone();
        for _ in 0..MAX_NESTING {
            match current {
                TypeUse::Builtin(builtin) => return builtin,
                TypeUse::Named(name) => {
                    let Some(decl) = self.set.get(Kind::Simple, &name) else {
                        return Builtin::String;
                    };
                    let base = children(decl.node)
                        .find(|c| is(*c, XSD_NAMESPACE, "restriction"))
                        .and_then(|r| {
                            let doc = self.set.doc_of(decl);
                            doc.qname(r, "base").ok().flatten()
                        });
                    current = match base {
                        Some(base) => match Builtin::resolve(&base) {
                            Some(builtin) => TypeUse::Builtin(builtin),
                            None => TypeUse::Named(base),
                        },
                        None => return Builtin::String,
                    };
                }
                TypeUse::Anonymous(_) => return Builtin::String,
            }
        }
        Builtin::String
    }

    /// `simpleContent`: a value of a simple type with attributes, by extension or
    /// restriction of a simple type or of a complex type with simple content.
    fn simple_content(
        &mut self,
        at: At<'x, 'a, 's>,
        owner: &QName,
        complex: &mut ComplexType,
        depth: usize,
    ) {
        let Some(derivation) = children(at.node)
            .find(|c| is(*c, XSD_NAMESPACE, "extension") || is(*c, XSD_NAMESPACE, "restriction"))
        else {
            return;
        };
        let derivation_at = self.child(at, derivation);
        let Some(base) = self.type_ref(derivation_at, "base") else {
            return;
        };
        let method = if derivation.tag_name().name() == "extension" {
            DerivationMethod::Extension
        } else {
            DerivationMethod::Restriction
        };
        let pos = base.origin.pos();
        match &base.value {
            TypeUse::Named(name) if self.set.get(Kind::Complex, name).is_some() => {
                complex.base = Some(Fact::stated(
                    Derivation {
                        base: name.clone(),
                        method,
                    },
                    pos,
                ));
                complex.simple_content = self.simple_content_of(name).map(|t| Fact::stated(t, pos));
            }
            _ => complex.simple_content = Some(base),
        }
        for child in children(derivation) {
            if matches!(
                child.tag_name().name(),
                "attribute" | "attributeGroup" | "anyAttribute"
            ) {
                self.attribute_decl(self.child(at, child), owner, complex, depth);
            }
        }
    }

    /// The text type of a complex type with simple content, through its bases.
    fn simple_content_of(&self, name: &QName) -> Option<TypeUse> {
        let mut current = name.clone();
        for _ in 0..MAX_NESTING {
            let decl = self.set.get(Kind::Complex, &current)?;
            let doc = self.set.doc_of(decl);
            let content = children(decl.node).find(|c| is(*c, XSD_NAMESPACE, "simpleContent"))?;
            let derivation = children(content).find(|c| {
                is(*c, XSD_NAMESPACE, "extension") || is(*c, XSD_NAMESPACE, "restriction")
            })?;
            let base = doc.qname(derivation, "base").ok().flatten()?;
            if let Some(builtin) = Builtin::resolve(&base) {
                return Some(TypeUse::Builtin(builtin));
            }
            if self.set.get(Kind::Simple, &base).is_some() {
                return Some(TypeUse::Named(base));
            }
            current = base;
        }
        None
    }

    /// `complexContent`: an extension or restriction of a complex type, with the content
    /// and attributes it adds or restates.
    fn complex_content(
        &mut self,
        at: At<'x, 'a, 's>,
        owner: &QName,
        complex: &mut ComplexType,
        depth: usize,
    ) {
        let Some(derivation) = children(at.node)
            .find(|c| is(*c, XSD_NAMESPACE, "extension") || is(*c, XSD_NAMESPACE, "restriction"))
        else {
            return;
        };
        let derivation_at = self.child(at, derivation);
        let method = if derivation.tag_name().name() == "extension" {
            DerivationMethod::Extension
        } else {
            DerivationMethod::Restriction
        };
        // SOAP encoding's own types are known as XSD's built-ins are, never fetched: an
        // array, and a struct that is any type of elements.
        let encoding_base = at
            .doc
            .qname(derivation, "base")
            .ok()
            .flatten()
            .filter(|base| base.namespace == SOAP_ENCODING_NAMESPACE);
        match encoding_base.as_ref().map(|base| base.local.as_str()) {
            Some("Array") => return self.soap_array(derivation_at, owner, complex, depth),
            Some("Struct") => {
                return self.restated_content(derivation_at, owner, complex, depth);
            }
            _ => {}
        }
        if let Some(base) = self.type_ref(derivation_at, "base") {
            match base.value {
                // Restricting anyType is how a type without a base is sometimes written.
                TypeUse::Builtin(Builtin::AnyType) => {}
                TypeUse::Named(name) if self.set.get(Kind::Complex, &name).is_some() => {
                    complex.base = Some(Fact {
                        value: Derivation { base: name, method },
                        origin: base.origin,
                    });
                }
                _ => self.error(
                    derivation_at,
                    "base",
                    Problem::Expected {
                        expected: "a complex type as the base of complex content".into(),
                        found: derivation.attribute("base").unwrap_or("").to_owned(),
                    },
                ),
            }
        }
        self.restated_content(derivation_at, owner, complex, depth);
    }

    /// The content and attributes an extension or restriction (`at`) adds or restates.
    fn restated_content(
        &mut self,
        at: At<'x, 'a, 's>,
        owner: &QName,
        complex: &mut ComplexType,
        depth: usize,
    ) {
        for child in children(at.node) {
            if child.tag_name().namespace() != Some(XSD_NAMESPACE) {
                continue;
            }
            let child_at = self.child(at, child);
            match child.tag_name().name() {
                "sequence" | "choice" | "all" | "group" => {
                    complex.sequence = self.content(child_at, owner, depth);
                }
                "attribute" | "attributeGroup" | "anyAttribute" => {
                    self.attribute_decl(child_at, owner, complex, depth);
                }
                _ => {}
            }
        }
    }

    /// A restriction of `soapenc:Array` (`at`): an array whose items are the one element its
    /// content restates (ASMX's `AbstractTypes`: `<element name="String" maxOccurs="unbounded"
    /// …/>`), or, as SOAP section 5 has it, whose `soapenc:arrayType` attribute the schema
    /// gives a `wsdl:arrayType` of (`xsd:string[]`); items of the latter are `item` here, as
    /// they may be called anything on the wire.
    fn soap_array(
        &mut self,
        at: At<'x, 'a, 's>,
        owner: &QName,
        complex: &mut ComplexType,
        depth: usize,
    ) {
        self.restated_content(at, owner, complex, depth);
        complex.soap_array = true;
        let pos = at.doc.pos(at.node);
        let mut items = complex
            .sequence
            .iter_mut()
            .filter_map(Particle::as_element_mut);
        if let (Some(item), None) = (items.next(), items.next()) {
            // The element is the items', however often the restriction says it stands.
            item.max_occurs = Fact::stated(MaxOccurs::Unbounded, item.max_occurs.origin.pos());
            return;
        }
        let declared = children(at.node)
            .filter(|c| is(*c, XSD_NAMESPACE, "attribute"))
            .find_map(|c| c.attribute((WSDL_NAMESPACE, "arrayType")).map(|v| (c, v)));
        let Some((attribute, array_type)) = declared else {
            self.error(
                at,
                "",
                Problem::MissingPart {
                    what: "the items' type of this SOAP-encoded array (an element, or \
                           `wsdl:arrayType` on its `soapenc:arrayType` attribute)"
                        .into(),
                },
            );
            return;
        };
        let attr_at = self.child(at, attribute);
        let attr_pos = at.doc.attr_pos(attribute, "arrayType");
        let item_type = array_type.trim().strip_suffix("[]").map(str::trim_end);
        let Some(item_type) = item_type.filter(|t| !t.ends_with(']') && !t.is_empty()) else {
            self.diagnostics.push(at.doc.source.error(
                attr_pos,
                Problem::Unsupported {
                    what: format!(
                        "the SOAP-encoded array type `{array_type}` (arrays of arrays, or of \
                         several dimensions)"
                    ),
                    hint: "SOAP-encoded arrays of one dimension (`xsd:string[]`)".into(),
                },
            ));
            return;
        };
        let name = match at.doc.resolve_qname(attribute, "arrayType", item_type) {
            Ok(name) => name,
            Err(diagnostic) => {
                self.diagnostics.push(diagnostic);
                return;
            }
        };
        let ty = self.resolve(attr_at, "arrayType", &name);
        complex.sequence = vec![Particle::Element(Element {
            min_occurs: Fact::stated(0, pos),
            max_occurs: Fact::stated(MaxOccurs::Unbounded, pos),
            ..Element::once(QName::new("", "item"), pos, Fact::stated(ty, attr_pos))
        })];
    }

    /// An attribute, a reference to an attribute group (its attributes inlined), or an
    /// attribute wildcard.
    fn attribute_decl(
        &mut self,
        at: At<'x, 'a, 's>,
        owner: &QName,
        complex: &mut ComplexType,
        depth: usize,
    ) {
        if !self.nest(at, depth) {
            return;
        }
        match at.node.tag_name().name() {
            "anyAttribute" => {
                complex.any_attribute = Some(Wildcard {
                    pos: at.doc.pos(at.node),
                    min_occurs: Fact::stated(0, at.doc.pos(at.node)),
                    max_occurs: Fact::stated(MaxOccurs::Unbounded, at.doc.pos(at.node)),
                    namespace: at.node.attribute("namespace").unwrap_or("##any").to_owned(),
                });
            }
            "attributeGroup" => {
                let name = match at.doc.qname(at.node, "ref") {
                    // SOAP encoding's `commonAttributes` are its `id` and `href`, no data.
                    Ok(Some(name)) if name.namespace == SOAP_ENCODING_NAMESPACE => return,
                    Ok(Some(name)) => name,
                    Ok(None) => return,
                    Err(diagnostic) => {
                        self.diagnostics.push(diagnostic);
                        return;
                    }
                };
                let Some(decl) = self.set.get(Kind::AttributeGroup, &name) else {
                    self.error(
                        at,
                        "ref",
                        Problem::Unresolved {
                            kind: "attribute group",
                            name: name.to_string(),
                        },
                    );
                    return;
                };
                if self.expanding.contains(&name) {
                    self.error(
                        at,
                        "ref",
                        Problem::Cycle {
                            what: format!("the attribute group {name} contains itself"),
                        },
                    );
                    return;
                }
                let group_at = self.at(decl);
                self.expanding.push(name);
                for child in children(decl.node) {
                    if matches!(
                        child.tag_name().name(),
                        "attribute" | "attributeGroup" | "anyAttribute"
                    ) {
                        self.attribute_decl(self.child(group_at, child), owner, complex, depth + 1);
                    }
                }
                self.expanding.pop();
            }
            _ => {
                if let Some(attribute) = self.attribute(at, owner, depth) {
                    complex.attributes.retain(|a| a.name != attribute.name);
                    complex.attributes.push(attribute);
                }
            }
        }
    }

    /// One attribute declaration; `None` for a prohibited one.
    fn attribute(&mut self, at: At<'x, 'a, 's>, owner: &QName, depth: usize) -> Option<Attribute> {
        let pos = at.doc.pos(at.node);
        let usage = at.node.attribute("use").unwrap_or("optional");
        if usage == "prohibited" {
            return None;
        }
        let (name, decl_at) = if at.node.attribute("ref").is_some() {
            let name = match at.doc.qname(at.node, "ref") {
                Ok(name) => name?,
                Err(diagnostic) => {
                    self.diagnostics.push(diagnostic);
                    return None;
                }
            };
            if name.namespace == SOAP_ENCODING_NAMESPACE || name.namespace == WSDL_NAMESPACE {
                // The SOAP encoding's own attributes (`id`, `href`, `arrayType`) and WSDL's
                // (`wsdl:arrayType`) are no data, and known without their schemas.
                return None;
            }
            if name.namespace == "http://www.w3.org/XML/1998/namespace" {
                (name, at)
            } else {
                let Some(decl) = self.set.get(Kind::Attribute, &name) else {
                    self.error(
                        at,
                        "ref",
                        Problem::Unresolved {
                            kind: "attribute",
                            name: name.to_string(),
                        },
                    );
                    return None;
                };
                (name, self.at(decl))
            }
        } else {
            let attributes_qualified = self.set.schemas[at.schema].attributes_qualified;
            (self.local_name(at, "attribute", attributes_qualified)?, at)
        };
        let mut facets = Vec::new();
        let ty = if decl_at.node.attribute("type").is_some() {
            self.type_ref(decl_at, "type")?
        } else if let Some(simple) =
            children(decl_at.node).find(|c| is(*c, XSD_NAMESPACE, "simpleType"))
        {
            let (ty, own) =
                self.anonymous_simple(self.child(decl_at, simple), &name, owner, depth)?;
            facets = own;
            ty
        } else {
            Fact::stated(TypeUse::Builtin(Builtin::AnySimpleType), pos)
        };
        let value_of = |attr: &str| {
            at.node
                .attribute(attr)
                .or_else(|| decl_at.node.attribute(attr))
                .map(|v| (v.to_owned(), at.doc.attr_pos(at.node, attr)))
        };
        if let Some((fixed, fixed_pos)) = value_of("fixed") {
            facets.push(Fact::stated(Facet::Fixed(fixed), fixed_pos));
        }
        let mut documentation = documentation(at);
        if decl_at.node != at.node {
            documentation.extend(crate::read::wsdl::xsd_lower::documentation(decl_at));
        }
        Some(Attribute {
            required: Fact::stated(usage == "required", at.doc.attr_pos(at.node, "use")),
            default: value_of("default").map(|(d, p)| Fact::stated(d, p)),
            facets,
            documentation,
            ..Attribute::optional(name, pos, ty)
        })
    }

    /// `minOccurs`, 1 when absent (as XSD says).
    fn min_occurs(&mut self, at: At<'_, '_, '_>) -> Fact<u32> {
        match at.node.attribute("minOccurs") {
            None => Fact::stated(1, at.doc.pos(at.node)),
            Some(text) => match text.trim().parse() {
                Ok(n) => Fact::stated(n, at.doc.attr_pos(at.node, "minOccurs")),
                Err(_) => {
                    self.error(
                        at,
                        "minOccurs",
                        Problem::BadValue {
                            expected: "a number of occurrences".into(),
                            found: text.to_owned(),
                        },
                    );
                    Fact::stated(1, at.doc.pos(at.node))
                }
            },
        }
    }

    /// `maxOccurs`, 1 when absent.
    fn max_occurs(&mut self, at: At<'_, '_, '_>) -> Fact<MaxOccurs> {
        match at.node.attribute("maxOccurs") {
            None => Fact::stated(MaxOccurs::Bounded(1), at.doc.pos(at.node)),
            Some("unbounded") => {
                Fact::stated(MaxOccurs::Unbounded, at.doc.attr_pos(at.node, "maxOccurs"))
            }
            Some(text) => match text.trim().parse() {
                Ok(n) => Fact::stated(MaxOccurs::Bounded(n), at.doc.attr_pos(at.node, "maxOccurs")),
                Err(_) => {
                    self.error(
                        at,
                        "maxOccurs",
                        Problem::BadValue {
                            expected: "a number of occurrences or `unbounded`".into(),
                            found: text.to_owned(),
                        },
                    );
                    Fact::stated(MaxOccurs::Bounded(1), at.doc.pos(at.node))
                }
            },
        }
    }
}

/// `nillable`, false when absent.
fn nillable_of(at: At<'_, '_, '_>) -> Fact<bool> {
    match at.node.attribute("nillable") {
        Some(value) => Fact::stated(boolean(Some(value)), at.doc.attr_pos(at.node, "nillable")),
        None => Fact::stated(false, at.doc.pos(at.node)),
    }
}

/// `true` and `1` are true, as XSD's booleans.
fn boolean(value: Option<&str>) -> bool {
    matches!(value.map(str::trim), Some("true" | "1"))
}

/// The documentation of a declaration: the text of each `annotation/documentation`, a
/// paragraph per blank-line-separated block, lines joined by spaces.
fn documentation(at: At<'_, '_, '_>) -> Vec<Doc> {
    let mut docs = Vec::new();
    for annotation in children(at.node).filter(|c| is(*c, XSD_NAMESPACE, "annotation")) {
        for doc in children(annotation).filter(|c| is(*c, XSD_NAMESPACE, "documentation")) {
            docs.extend(paragraphs(at.doc, doc));
        }
    }
    docs
}

/// The paragraphs of a documentation element's text.
pub fn paragraphs(doc: &XmlDocument<'_>, node: Node<'_, '_>) -> Vec<Doc> {
    let text: String = node
        .descendants()
        .filter(Node::is_text)
        .filter_map(|t| t.text())
        .collect();
    let pos: Pos = doc.text_pos(node);
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            if !current.is_empty() {
                out.push(Doc {
                    text: current.join(" "),
                    pos,
                });
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        out.push(Doc {
            text: current.join(" "),
            pos,
        });
    }
    out
}

/// The names of a chain of bases joined by arrows: whole when it is short, its start and
/// its length when it is long, so that a message stays a line however long the chain.
fn shown_chain<'n>(names: impl Iterator<Item = &'n str>, len: usize) -> String {
    const SHOWN: usize = 8;
    let mut shown = names.take(SHOWN).collect::<Vec<_>>().join(" → ");
    if len > SHOWN {
        shown.push_str(&format!(" → … ({len} in all)"));
    }
    shown
}
