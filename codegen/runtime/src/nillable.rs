//! Members that may be absent and may be nil, told apart.

/// A member that the wire may leave out and may send as nil (`i:nil="true"`, JSON `null`).
/// The DataContractSerializer and Json.NET write nil for a null member; other writers leave
/// it out; the two read back differently, so they are kept apart.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum Nillable<T> {
    /// Not on the wire.
    #[default]
    Absent,
    /// On the wire as nil.
    Nil,
    /// On the wire with a value.
    Value(T),
}

impl<T> Nillable<T> {
    /// The value, if there is one.
    pub fn value(&self) -> Option<&T> {
        match self {
            Nillable::Value(value) => Some(value),
            _ => None,
        }
    }

    /// The value, if there is one, taking it.
    pub fn into_value(self) -> Option<T> {
        match self {
            Nillable::Value(value) => Some(value),
            _ => None,
        }
    }

    /// Whether the member is absent.
    pub fn is_absent(&self) -> bool {
        matches!(self, Nillable::Absent)
    }

    /// Whether the member is nil.
    pub fn is_nil(&self) -> bool {
        matches!(self, Nillable::Nil)
    }

    /// The same state, borrowing the value.
    pub fn as_ref(&self) -> Nillable<&T> {
        match self {
            Nillable::Absent => Nillable::Absent,
            Nillable::Nil => Nillable::Nil,
            Nillable::Value(value) => Nillable::Value(value),
        }
    }

    /// The same state, with the value mapped.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Nillable<U> {
        match self {
            Nillable::Absent => Nillable::Absent,
            Nillable::Nil => Nillable::Nil,
            Nillable::Value(value) => Nillable::Value(f(value)),
        }
    }
}

impl<T> From<T> for Nillable<T> {
    fn from(value: T) -> Self {
        Nillable::Value(value)
    }
}

impl From<&str> for Nillable<String> {
    fn from(value: &str) -> Self {
        Nillable::Value(value.to_owned())
    }
}
