//! Operation selection: of a service whose documents describe hundreds of operations, only
//! those its user names in `service.toml`, and the types they reach, are generated. A type is
//! reached through what an operation's messages and faults use, what those types use in
//! turn, and the types derived from a reached type, which may stand in its place on the wire.

use crate::diagnostic::{Diagnostics, Problem};
use crate::model::Service;
use crate::model::walk;
use crate::settings::Named as NamedSetting;
use crate::source::Source;

/// Keeps the operations `names` names (by name, or by message name for an overload) and the
/// types they reach; a name no operation has is an error where the settings give it.
pub fn select(
    service: &mut Service,
    names: &[NamedSetting],
    settings: &Source,
) -> Result<(), Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    for named in names {
        let known = service
            .operations
            .iter()
            .any(|op| op.name.value == named.name || op.key() == named.name);
        if !known {
            diagnostics.push(settings.error(
                named.pos,
                Problem::UnknownOperation {
                    name: named.name.clone(),
                    close: closest(service, &named.name),
                },
            ));
        }
    }
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    service.operations.retain(|op| {
        names
            .iter()
            .any(|n| op.name.value == n.name || op.key() == n.name)
    });
    let reached = walk::reached(service, &service.operations);
    service
        .types
        .retain(|def| reached.contains(&def.name.value));
    Ok(())
}

/// An operation whose name differs from `name` only in case, to suggest.
fn closest(service: &Service, name: &str) -> Option<String> {
    service
        .operations
        .iter()
        .map(|op| op.key())
        .find(|key| key.eq_ignore_ascii_case(name))
        .map(str::to_owned)
}
