//! The named types a reader collects, one per qualified name.

use std::collections::BTreeMap;

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
