//! A service's settings: `specs/<service>/service.toml`, beside the documents that describe
//! the service, for what its user says of it that no document does.
//!
//! ```toml
//! # Generate these operations only, and the types they reach.
//! operations = ["WebLogout", "WebLogin", "WebValidate"]
//!
//! [rust]
//! # Every struct and enum of the service derives these too.
//! derive = ["Eq", "Hash"]
//! # Rust types that stand for XSD built-ins, by the built-in's local name.
//! types = { dateTime = "my_types::When" }
//!
//! [credentials]
//! # Members that hold credentials though their names do not say so: a wire name, for every
//! # member of that name, or `Owner.member`, for the member of one type, element or operation.
//! secret = ["connStr", "Login.pin"]
//! # Members whose names look like a credential's and whose values are not.
//! not_secret = ["TokenCount"]
//! ```
//!
//! Every table and key is optional; one the generator does not know is an error, so that a
//! misspelt setting is never silently ignored.

use toml::de::{DeTable, DeValue};

use crate::diagnostic::{Diagnostics, Problem};
use crate::model::Pos;
use crate::source::Source;

/// The file name of a service's settings.
pub const FILE_NAME: &str = "service.toml";

/// The keys of the top-level table.
const TOP_KEYS: &[&str] = &["operations", "rust", "credentials"];

/// The keys of `[rust]`.
const RUST_KEYS: &[&str] = &["derive", "types"];

/// The keys of `[credentials]`.
const CREDENTIAL_KEYS: &[&str] = &["secret", "not_secret"];

/// What `service.toml` says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Settings {
    /// The operations to generate, by name; `None` for all of them.
    pub operations: Option<Vec<Named>>,
    /// Members marked as credentials, or unmarked.
    pub credentials: Credentials,
    /// What the Rust code derives and which types it uses.
    pub rust: Rust,
}

/// `[rust]`: derives every struct and enum gets, and Rust types for XSD built-ins.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rust {
    /// Paths of derives.
    pub derives: Vec<Named>,
    /// A built-in (by its XSD local name) and the Rust type that stands for it.
    pub types: Vec<(crate::model::Builtin, Named)>,
}

/// A name the settings give, with where they give it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Named {
    /// The name.
    pub name: String,
    /// Where it stands.
    pub pos: Pos,
}

/// `[credentials]`: members whose values are credentials (kept out of `Debug` and errors)
/// against what their names suggest.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Credentials {
    /// Members that hold credentials.
    pub secret: Vec<MemberRef>,
    /// Members that do not.
    pub not_secret: Vec<MemberRef>,
}

/// A member named in the settings: by its wire name, perhaps of one owner only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberRef {
    /// The owner: a type's or element's local name, or an operation's name; `None` for every
    /// member of the name.
    pub owner: Option<String>,
    /// The member's wire name.
    pub member: String,
    /// Where the settings name it.
    pub pos: Pos,
}

impl MemberRef {
    /// Whether this names the member `member` of an owner known by any of `owners`.
    pub fn matches(&self, owners: &[&str], member: &str) -> bool {
        self.member == member
            && self
                .owner
                .as_deref()
                .is_none_or(|owner| owners.contains(&owner))
    }

    /// The reference as written.
    pub fn text(&self) -> String {
        match &self.owner {
            Some(owner) => format!("{owner}.{}", self.member),
            None => self.member.clone(),
        }
    }
}

impl Settings {
    /// Reads `service.toml`: what it says, and every problem in it, each where it stands
    /// (what reads of a file with problems is what a caller can check further, so that one
    /// run reports them all).
    pub fn read(source: &Source) -> (Settings, Diagnostics) {
        let mut diagnostics = Diagnostics::default();
        let at = |offset: usize| source.pos_at(offset);
        let table = match DeTable::parse(source.text()) {
            Ok(table) => table.into_inner(),
            Err(error) => {
                let offset = error.span().map_or(0, |span| span.start);
                let problem = Problem::SettingsSyntax {
                    message: error.message().to_owned(),
                };
                return (
                    Settings::default(),
                    source.error(at(offset), problem).into(),
                );
            }
        };
        let mut settings = Settings::default();
        for (key, value) in &table {
            match key.get_ref().as_ref() {
                "operations" => {
                    let (names, found) =
                        strings(source, "operations", value.get_ref(), value.span().start);
                    diagnostics.extend(found);
                    settings.operations = Some(names);
                }
                "rust" => {
                    let DeValue::Table(rust) = value.get_ref() else {
                        diagnostics.push(source.error(
                            at(value.span().start),
                            Problem::SettingType {
                                key: "rust".to_owned(),
                                expected: "a table",
                            },
                        ));
                        continue;
                    };
                    diagnostics.extend(read_rust(source, rust, &mut settings.rust));
                }
                "credentials" => {
                    let DeValue::Table(credentials) = value.get_ref() else {
                        diagnostics.push(source.error(
                            at(value.span().start),
                            Problem::SettingType {
                                key: "credentials".to_owned(),
                                expected: "a table",
                            },
                        ));
                        continue;
                    };
                    for (key, value) in credentials {
                        let list = match key.get_ref().as_ref() {
                            "secret" => &mut settings.credentials.secret,
                            "not_secret" => &mut settings.credentials.not_secret,
                            other => {
                                diagnostics.push(source.error(
                                    at(key.span().start),
                                    Problem::UnknownSetting {
                                        key: format!("credentials.{other}"),
                                        known: CREDENTIAL_KEYS,
                                    },
                                ));
                                continue;
                            }
                        };
                        let name = format!("credentials.{}", key.get_ref());
                        match members(source, &name, value.get_ref(), value.span().start) {
                            Ok(found) => list.extend(found),
                            Err(found) => diagnostics.extend(found),
                        }
                    }
                }
                other => diagnostics.push(source.error(
                    at(key.span().start),
                    Problem::UnknownSetting {
                        key: other.to_owned(),
                        known: TOP_KEYS,
                    },
                )),
            }
        }
        (settings, diagnostics)
    }
}

/// Reads `[rust]`: each derive must be a path, each key of `types` an XSD built-in, and each
/// of its values a Rust type.
fn read_rust(source: &Source, table: &DeTable<'_>, rust: &mut Rust) -> Diagnostics {
    let mut diagnostics = Diagnostics::default();
    for (key, value) in table {
        match key.get_ref().as_ref() {
            "derive" => {
                let (names, found) =
                    strings(source, "rust.derive", value.get_ref(), value.span().start);
                diagnostics.extend(found);
                for named in names {
                    if syn::parse_str::<syn::Path>(&named.name).is_ok() {
                        rust.derives.push(named);
                    } else {
                        diagnostics.push(source.error(
                            named.pos,
                            Problem::SettingType {
                                key: "rust.derive".to_owned(),
                                expected: "an array of paths of derives (`\"Eq\"`, `\"serde::Serialize\"`)",
                            },
                        ));
                    }
                }
            }
            "types" => {
                let DeValue::Table(types) = value.get_ref() else {
                    diagnostics.push(source.error(
                        source.pos_at(value.span().start),
                        Problem::SettingType {
                            key: "rust.types".to_owned(),
                            expected: "a table of XSD built-ins and Rust types (`{ dateTime = \"my::When\" }`)",
                        },
                    ));
                    continue;
                };
                for (xsd, rust_type) in types {
                    let xsd_pos = source.pos_at(xsd.span().start);
                    let Some(builtin) = crate::model::Builtin::from_xsd_name(xsd.get_ref()) else {
                        diagnostics.push(source.error(
                            xsd_pos,
                            Problem::UnknownType {
                                text: xsd.get_ref().to_string(),
                            },
                        ));
                        continue;
                    };
                    let pos = source.pos_at(rust_type.span().start);
                    match rust_type.get_ref() {
                        DeValue::String(text) if syn::parse_str::<syn::Type>(text).is_ok() => {
                            rust.types.push((
                                builtin,
                                Named {
                                    name: text.to_string(),
                                    pos,
                                },
                            ));
                        }
                        _ => diagnostics.push(source.error(
                            pos,
                            Problem::SettingType {
                                key: format!("rust.types.{}", xsd.get_ref()),
                                expected: "a Rust type (`\"my_types::When\"`)",
                            },
                        )),
                    }
                }
            }
            other => diagnostics.push(source.error(
                source.pos_at(key.span().start),
                Problem::UnknownSetting {
                    key: format!("rust.{other}"),
                    known: RUST_KEYS,
                },
            )),
        }
    }
    diagnostics
}

/// The non-empty strings of an array, each with where it stands, and what else it holds.
fn strings(
    source: &Source,
    key: &str,
    value: &DeValue<'_>,
    offset: usize,
) -> (Vec<Named>, Diagnostics) {
    let mistyped = |offset: usize| {
        Diagnostics::from(source.error(
            source.pos_at(offset),
            Problem::SettingType {
                key: key.to_owned(),
                expected: "an array of names (`[\"A\", \"B\"]`)",
            },
        ))
    };
    let DeValue::Array(items) = value else {
        return (Vec::new(), mistyped(offset));
    };
    let mut found = Vec::new();
    let mut diagnostics = Diagnostics::default();
    for item in items {
        let start = item.span().start;
        match item.get_ref() {
            DeValue::String(text) if !text.is_empty() => found.push(Named {
                name: text.to_string(),
                pos: source.pos_at(start),
            }),
            _ => diagnostics.extend(mistyped(start)),
        }
    }
    (found, diagnostics)
}

/// The members an array of strings names.
fn members(
    source: &Source,
    key: &str,
    value: &DeValue<'_>,
    offset: usize,
) -> Result<Vec<MemberRef>, Diagnostics> {
    let (names, mut diagnostics) = strings(source, key, value, offset);
    let mut found = Vec::new();
    for named in names {
        let (owner, member) = match named.name.rsplit_once('.') {
            Some((owner, member)) => (Some(owner.to_owned()), member.to_owned()),
            None => (None, named.name.clone()),
        };
        if member.is_empty() || owner.as_deref().is_some_and(str::is_empty) {
            diagnostics.push(source.error(
                named.pos,
                Problem::SettingType {
                    key: key.to_owned(),
                    expected: "an array of member names (`\"name\"` or `\"Owner.name\"`)",
                },
            ));
            continue;
        }
        found.push(MemberRef {
            owner,
            member,
            pos: named.pos,
        });
    }
    diagnostics.into_result(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Settings, Diagnostics> {
        let (settings, diagnostics) = Settings::read(&Source::new("specs/s/service.toml", text));
        diagnostics.into_result(settings)
    }

    #[test]
    fn credentials_are_read_with_their_places() {
        let settings = read(
            "# a comment\n[credentials]\nsecret = [\"connStr\", \"Login.pin\"]\nnot_secret = [\n  \"TokenCount\",\n]\n",
        )
        .unwrap();
        let texts = |list: &[MemberRef]| list.iter().map(MemberRef::text).collect::<Vec<_>>();
        assert_eq!(
            texts(&settings.credentials.secret),
            ["connStr", "Login.pin"]
        );
        assert_eq!(texts(&settings.credentials.not_secret), ["TokenCount"]);
        assert_eq!(settings.credentials.secret[1].pos, Pos::new(3, 22));
        assert_eq!(settings.credentials.not_secret[0].pos, Pos::new(5, 3));
        assert_eq!(read("").unwrap(), Settings::default());
        let selected = read("operations = [\"WebLogout\", \"WebLogin\"]\n").unwrap();
        let names: Vec<&str> = selected
            .operations
            .iter()
            .flatten()
            .map(|n| n.name.as_str())
            .collect();
        assert_eq!(names, ["WebLogout", "WebLogin"]);
        let rust = read("[rust]\nderive = [\"Eq\", \"serde::Serialize\"]\ntypes = { dateTime = \"my::When\" }\n")
            .unwrap()
            .rust;
        assert_eq!(rust.derives.len(), 2);
        assert_eq!(rust.types[0].0, crate::model::Builtin::DateTime);
        assert_eq!(rust.types[0].1.name, "my::When");
        let errors = read("[rust]\nderive = [\"not a path\"]\ntypes = { when = \"X\", int = \"1 +\" }\nother = 1\n")
            .unwrap_err();
        assert_eq!(errors.0.len(), 4, "{errors}");
    }

    #[test]
    fn every_mistake_is_reported_where_it_stands() {
        let errors = read("[credentials]\nsecret = \"x\"\nsecrets = []\n[renames]\n").unwrap_err();
        let lines: Vec<String> = errors
            .0
            .iter()
            .map(|d| format!("{}: {}", d.pos, d.problem))
            .collect();
        assert_eq!(lines.len(), 3, "{lines:#?}");
        assert!(
            lines[0].starts_with("2:10: `credentials.secret` must be an array"),
            "{lines:#?}"
        );
        assert!(
            lines[1].starts_with("3:1: unknown setting `credentials.secrets`"),
            "{lines:#?}"
        );
        assert!(
            lines[2].starts_with("4:2: unknown setting `renames`"),
            "{lines:#?}"
        );
        let syntax = read("[credentials\n").unwrap_err();
        assert!(matches!(
            syntax.0[0].problem,
            Problem::SettingsSyntax { .. }
        ));
        assert_eq!(syntax.0[0].pos.line, 1);
        assert!(
            read("[credentials]\nsecret = [\"a.\", 1]\n")
                .unwrap_err()
                .0
                .len()
                == 2
        );
    }
}
