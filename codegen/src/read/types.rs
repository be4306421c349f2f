//! The named types a reader collects, one per qualified name.

use std::collections::BTreeMap;

use crate::diagnostic::Problem;
use crate::model::{QName, TypeDef, without_positions};

/// Named types by qualified name.
#[derive(Default)]
pub struct TypeSet {
    types: BTreeMap<QName, TypeDef>,
}

/// Why a type could not be added.
pub struct Conflict<'a> {
    /// The type that holds the name already.
    pub existing: &'a TypeDef,
}

impl Conflict<'_> {
    /// What is wrong with a type named `wanted` that the page shows again in another shape.
    pub fn problem(&self, wanted: &QName) -> Problem {
        Problem::Inconsistent {
            what: format!("the type {wanted} shown here"),
            other: self.existing.name.origin.pos(),
        }
    }
}

impl TypeSet {
    /// Adds a type. A type of the same name and shape is the same type and is kept once; a
    /// type of the same name and another shape goes under `alternative`, if given and free.
    /// Returns the name the type stands under.
    pub fn add(&mut self, def: TypeDef, alternative: Option<QName>) -> Result<QName, Conflict<'_>> {
        let name = def.name.value.clone();
        let Some(existing) = self.types.get(&name) else {
            self.types.insert(name.clone(), def);
            return Ok(name);
        };
        if same_shape(existing, &def) {
            return Ok(name);
        }
        match alternative {
            Some(alternative) if !self.types.contains_key(&alternative) => {
                let mut def = def;
                def.name.value = alternative.clone();
                self.types.insert(alternative.clone(), def);
                Ok(alternative)
            }
            Some(alternative) if same_shape(&self.types[&alternative], &def) => Ok(alternative),
            _ => Err(Conflict {
                existing: &self.types[&name],
            }),
        }
    }

    /// Adds a type whose name the reader chose, not the page: a name taken by a type of
    /// another shape goes to `alternative`, and when that is taken too, to `alternative2`,
    /// `alternative3` and on, since the wire never carries the name. Returns the name given.
    pub fn add_inferred(&mut self, mut def: TypeDef, alternative: QName) -> QName {
        let mut wanted = def.name.value.clone();
        let mut tried: u64 = 0;
        loop {
            match self.types.get(&wanted) {
                None => {
                    def.name.value = wanted.clone();
                    self.types.insert(wanted.clone(), def);
                    return wanted;
                }
                Some(existing) if same_shape(existing, &def) => return wanted,
                Some(_) => {
                    tried += 1;
                    wanted = match tried {
                        1 => alternative.clone(),
                        n => {
                            QName::new(&alternative.namespace, format!("{}{n}", alternative.local))
                        }
                    };
                }
            }
        }
    }

    /// Adds a type whose name the reader chose, like [`TypeSet::add_inferred`], stepping
    /// over the names `reserved` says belong to types still to come.
    pub fn add_inferred_beside(
        &mut self,
        mut def: TypeDef,
        alternative: QName,
        reserved: impl Fn(&QName) -> bool,
    ) -> QName {
        let mut wanted = def.name.value.clone();
        let mut tried: u64 = 0;
        loop {
            if !reserved(&wanted) {
                match self.types.get(&wanted) {
                    None => {
                        def.name.value = wanted.clone();
                        self.types.insert(wanted.clone(), def);
                        return wanted;
                    }
                    Some(existing) if same_shape(existing, &def) => return wanted,
                    Some(_) => {}
                }
            }
            tried += 1;
            wanted = match tried {
                1 => alternative.clone(),
                n => QName::new(&alternative.namespace, format!("{}{n}", alternative.local)),
            };
        }
    }

    /// The type named `name`.
    pub fn get(&self, name: &QName) -> Option<&TypeDef> {
        self.types.get(name)
    }

    /// The type named `name`, to amend.
    pub fn get_mut(&mut self, name: &QName) -> Option<&mut TypeDef> {
        self.types.get_mut(name)
    }

    /// The types, ordered by name.
    pub fn into_vec(self) -> Vec<TypeDef> {
        self.types.into_values().collect()
    }
}

/// Whether two definitions say the same, wherever they stand.
pub fn same_shape(a: &TypeDef, b: &TypeDef) -> bool {
    without_positions(&a.kind) == without_positions(&b.kind)
}
