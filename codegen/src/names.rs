//! Rust names for wire names, all in one place: case, keywords, characters identifiers cannot
//! hold, names that start with a digit, and uniqueness within a scope.

use std::collections::BTreeSet;

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

/// Keywords, strict and reserved, in every edition up to 2024.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

/// Type names of the prelude, which a generated type must not shadow.
pub const PRELUDE_TYPES: &[&str] = &[
    "Option",
    "Result",
    "Vec",
    "String",
    "Box",
    "Some",
    "None",
    "Ok",
    "Err",
    "Default",
    "Clone",
    "Copy",
    "Debug",
    "Send",
    "Sync",
    "Sized",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "Iterator",
    "ToString",
    "ToOwned",
    "Eq",
    "PartialEq",
    "Ord",
    "PartialOrd",
    "From",
    "Into",
];

/// The words of a wire name, keeping only characters an identifier may hold, in NFKC as
/// rustc wants identifiers (`ﬁeld` is `field`, which it would otherwise warn is confusable).
fn sanitize(wire: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    wire.nfkc()
        .map(|c| {
            if unicode_ident::is_xid_continue(c) {
                c
            } else {
                ' '
            }
        })
        .collect()
}

/// Prefixes a name that does not start as an identifier must.
fn lead(name: String, prefix: &str) -> String {
    match name.chars().next() {
        None => prefix.to_owned(),
        Some(c) if unicode_ident::is_xid_start(c) || c == '_' => name,
        Some(_) => format!("{prefix}{name}"),
    }
}

/// Plural acronyms as one word (`TICs` → `Tics`, `IDs` → `Ids`): a run of capitals and a
/// lone `s` that ends a word, which case conversion would otherwise split before its last
/// capital (`GetTICs` → `get_ti_cs`).
fn plural_acronyms(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len());
    let mut i = 0;
    while i < chars.len() {
        let run = chars[i..].iter().take_while(|c| c.is_uppercase()).count();
        let after = chars.get(i + run + 1);
        let plural =
            run >= 2 && chars.get(i + run) == Some(&'s') && after.is_none_or(|c| !c.is_lowercase());
        if plural {
            out.push(chars[i]);
            out.extend(chars[i + 1..i + run].iter().flat_map(|c| c.to_lowercase()));
            i += run;
        } else if run > 0 {
            out.extend(&chars[i..i + run]);
            i += run;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// Whether a wire name already reads as a Rust type or variant name: a capital, then letters
/// and digits only, not all capitals (which would read as an acronym to shout).
fn is_upper_camel(wire: &str) -> bool {
    let mut chars = wire.chars();
    chars.next().is_some_and(char::is_uppercase)
        && wire
            .chars()
            .all(|c| c.is_alphanumeric() && unicode_ident::is_xid_continue(c))
        && wire.chars().any(char::is_lowercase)
}

/// A type name: the wire name where it reads as one already (`AuthRequest`,
/// `ArrayOfstring`, `TaxID`), else in upper camel case (`root` → `Root`, `av_user_Type` →
/// `AvUserType`).
pub fn type_name(wire: &str) -> String {
    not_self(match camel_joined(wire) {
        Some(joined) => joined,
        None => lead(plural_acronyms(&sanitize(wire)).to_upper_camel_case(), "T"),
    })
}

/// The parts of a wire name between separators (`_`, `-`, `.`, …), each with its first
/// letter capital and the rest as it stands, where that reads as a type name: `av_user_Type`
/// → `AvUserType`, `GetList_Ignore_PC` → `GetListIgnorePC`, `GetTICs` as it is.
fn camel_joined(wire: &str) -> Option<String> {
    let joined: String = sanitize(wire)
        .split([' ', '_'])
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            let first = chars.next().map(|c| c.to_uppercase().collect::<String>());
            first.unwrap_or_default() + chars.as_str()
        })
        .collect();
    is_upper_camel(&joined).then_some(joined)
}

/// `Self` names the type being defined, never another: `Self_` instead.
/// The type name of a wire name that a suffix follows (`SelfRequest`): the name without the
/// escape a keyword alone needs.
pub fn type_stem(wire: &str) -> String {
    let name = type_name(wire);
    match name.as_str() {
        "Self_" => "Self".to_owned(),
        _ => name,
    }
}

fn not_self(name: String) -> String {
    if name == "Self" {
        "Self_".to_owned()
    } else {
        name
    }
}

/// A variant name: the wire name where it reads as one already (`OnRequest`), else in
/// upper camel case: `SUCCESS` → `Success`, `ID` → `Id`, `2ndClass` → `V2ndClass`. Symbols an
/// enumeration value may hold become words (`≤12` → `Le12`, `C++` → `CPlusPlus`, `-1` →
/// `Minus1`), so that values told apart by them stay told apart.
pub fn variant_name(wire: &str) -> String {
    not_self(if is_upper_camel(wire) {
        wire.to_owned()
    } else {
        lead(
            plural_acronyms(&sanitize(&symbols_as_words(wire))).to_upper_camel_case(),
            "V",
        )
    })
}

/// The word a symbol stands for in a variant name.
fn symbol_word(c: char) -> Option<&'static str> {
    Some(match c {
        '<' => "Lt",
        '>' => "Gt",
        '≤' => "Le",
        '≥' => "Ge",
        '=' => "Eq",
        '≠' => "Ne",
        '+' => "Plus",
        '*' => "Star",
        '/' => "Slash",
        '%' => "Percent",
        '&' => "And",
        '|' => "Or",
        '#' => "Hash",
        '@' => "At",
        '$' => "Dollar",
        '€' => "Euro",
        '£' => "Pound",
        '¥' => "Yen",
        '°' => "Degree",
        '!' => "Bang",
        '?' => "Question",
        '~' => "Tilde",
        '^' => "Caret",
        _ => return None,
    })
}

/// A wire name with its symbols as words, each a word of its own; a `-` that starts a number
/// is `Minus`.
fn symbols_as_words(wire: &str) -> String {
    let mut out = String::with_capacity(wire.len());
    let mut previous: Option<char> = None;
    let mut chars = wire.chars().peekable();
    while let Some(c) = chars.next() {
        let starts_number = c == '-'
            && chars.peek().is_some_and(char::is_ascii_digit)
            && previous.is_none_or(|p| !p.is_alphanumeric());
        let word = if starts_number {
            Some("Minus")
        } else {
            symbol_word(c)
        };
        match word {
            Some(word) => {
                out.push(' ');
                out.push_str(word);
                out.push(' ');
            }
            None => out.push(c),
        }
        previous = Some(c);
    }
    out
}

/// A field name: `userID` → `user_id`, `AuthenticationTicket` → `authentication_ticket`,
/// `GetTICs` → `get_tics`.
pub fn field_name(wire: &str) -> String {
    lead(plural_acronyms(&sanitize(wire)).to_snake_case(), "_")
}

/// The words of a wire name, lower-case: `userID` → `user`, `id`; `AccessToken` → `access`,
/// `token`.
pub fn words(wire: &str) -> Vec<String> {
    sanitize(wire)
        .to_snake_case()
        .split('_')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A constant name: `Default host` → `DEFAULT_HOST`.
pub fn const_name(wire: &str) -> String {
    lead(sanitize(wire).to_shouty_snake_case(), "C")
}

/// The constant of a namespace, from its host and its last path segment:
/// `http://www.avectra.com/2005/` → `NS_AVECTRA_2005`, `http://tempuri.org/` → `NS_TEMPURI`,
/// `http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models` →
/// `NS_DATACONTRACT_MODELS`, `urn:example:orders` → `NS_EXAMPLE_ORDERS`.
pub fn namespace_const(uri: &str) -> String {
    let rest = uri
        .split_once("://")
        .map_or_else(|| uri.strip_prefix("urn:").unwrap_or(uri), |(_, rest)| rest);
    let (host, path) = match rest.split_once('/') {
        Some((host, path)) => (host, path),
        // A URN: its first part stands for the host.
        None => rest.split_once(':').unwrap_or((rest, "")),
    };
    let mut labels: Vec<&str> = host.split(['.', ':']).collect();
    if labels.len() > 1 {
        // The top-level domain, and the port, say nothing.
        labels.retain(|l| !l.is_empty() && !l.chars().all(|c| c.is_ascii_digit()));
        labels.pop();
    }
    labels.retain(|l| !matches!(*l, "www" | "schemas" | "schema" | "ws" | "api"));
    let last = path
        .split(['/', ':'])
        .rev()
        .find(|s| !s.is_empty())
        .map(|segment| segment.rsplit('.').next().unwrap_or(segment))
        .unwrap_or("");
    let words = labels.into_iter().chain(std::iter::once(last));
    let name: Vec<String> = words
        .map(|w| sanitize(w).to_shouty_snake_case())
        .filter(|w| !w.is_empty())
        .collect();
    format!("NS_{}", name.join("_"))
}

/// Names the generated crate takes for itself: `src/lib.rs` (a module `lib` would overwrite
/// the crate's root), `src/main.rs` (a module `main` would make it a binary), and `runtime`.
pub const RESERVED_MODULES: &[&str] = &["lib", "main", "runtime"];

/// A module name from a folder name, or `None` if it cannot be one.
pub fn module_name(folder: &str) -> Option<String> {
    let name = folder.to_snake_case();
    let valid = name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !KEYWORDS.contains(&name.as_str())
        && !RESERVED_MODULES.contains(&name.as_str());
    valid.then_some(name)
}

/// The identifier for a name: raw where it is a keyword, with `_` appended where it cannot be.
pub fn ident(name: &str) -> Ident {
    if NOT_RAW.contains(&name) {
        Ident::new(&format!("{name}_"), Span::call_site())
    } else if KEYWORDS.contains(&name) {
        Ident::new_raw(name, Span::call_site())
    } else {
        Ident::new(name, Span::call_site())
    }
}

/// Names taken within one scope (a module's types, a struct's fields, an enum's variants).
#[derive(Clone, Debug, Default)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    /// A scope in which `reserved` are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Scope {
            taken: reserved.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    /// Takes `wanted`, or the first free of `wanted2`, `wanted3`, … (with `_` before the number
    /// when `wanted` is snake case). Names are claimed in a fixed order, so the outcome is too.
    pub fn claim(&mut self, wanted: &str) -> String {
        if self.taken.insert(wanted.to_owned()) {
            return wanted.to_owned();
        }
        let separator = if wanted.starts_with(|c: char| c.is_lowercase() || c == '_') {
            "_"
        } else {
            ""
        };
        (2..)
            .map(|n| format!("{wanted}{separator}{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .expect("some number is free")
    }

    /// Takes the first of `candidates` that is free, else numbers the first.
    pub fn claim_first(&mut self, candidates: &[String]) -> String {
        for candidate in candidates {
            if self.taken.insert(candidate.clone()) {
                return candidate.clone();
            }
        }
        self.claim(&candidates[0])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespaces_are_named_by_host_and_last_segment() {
        for (uri, name) in [
            ("http://www.avectra.com/2005/", "NS_AVECTRA_2005"),
            ("http://tempuri.org/", "NS_TEMPURI"),
            (
                "http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models",
                "NS_DATACONTRACT_MODELS",
            ),
            (
                "http://schemas.microsoft.com/2003/10/Serialization/",
                "NS_MICROSOFT_SERIALIZATION",
            ),
            ("urn:example:orders", "NS_EXAMPLE_ORDERS"),
            ("http://example.org:8080/warehouse/", "NS_EXAMPLE_WAREHOUSE"),
            ("http://www.w3.org/2001/XMLSchema", "NS_W3_XML_SCHEMA"),
            ("urn:x", "NS_X"),
            ("", "NS_"),
        ] {
            assert_eq!(namespace_const(uri), name, "{uri}");
        }
    }

    #[test]
    fn wire_names_become_rust_names() {
        assert_eq!(field_name("userID"), "user_id");
        assert_eq!(field_name("AuthenticationTicket"), "authentication_ticket");
        assert_eq!(field_name("respTime"), "resp_time");
        assert_eq!(
            field_name("GetBookingStatusResult"),
            "get_booking_status_result"
        );
        assert_eq!(type_name("root"), "Root");
        assert_eq!(type_name("ArrayOfHistoryItem"), "ArrayOfHistoryItem");
        assert_eq!(variant_name("SUCCESS"), "Success");
        assert_eq!(variant_name("ID"), "Id");
        assert_eq!(variant_name("OnRequest"), "OnRequest");
        // A wire name that reads as a type name already is kept as it is.
        assert_eq!(type_name("TaxID"), "TaxID");
        assert_eq!(type_name("GetTICs"), "GetTICs");
        assert_eq!(type_name("av_user_Type"), "AvUserType");
        assert_eq!(type_name("GetList_Ignore_PC"), "GetListIgnorePC");
        assert_eq!(type_name("first-name"), "FirstName");
        assert_eq!(type_name("ROOT"), "Root");
        assert_eq!(type_name("self"), "Self_");
        assert_eq!(variant_name("Self"), "Self_");
        // A suffix makes it a name of its own.
        assert_eq!(format!("{}Request", type_stem("Self")), "SelfRequest");
        assert_eq!(type_stem("GetList"), "GetList");
    }

    #[test]
    fn plural_acronyms_are_one_word() {
        assert_eq!(field_name("GetTICs"), "get_tics");
        assert_eq!(field_name("GetTICsByGroup"), "get_tics_by_group");
        assert_eq!(field_name("customerIDs"), "customer_ids");
        assert_eq!(field_name("HTTPServer"), "http_server");
        assert_eq!(field_name("IDs"), "ids");
    }

    #[test]
    fn odd_characters_and_digits_are_handled() {
        assert_eq!(field_name("first-name"), "first_name");
        assert_eq!(field_name("2fa"), "_2fa");
        assert_eq!(variant_name("2ndClass"), "V2ndClass");
        assert_eq!(variant_name("€"), "Euro");
        assert_eq!(variant_name("≤12"), "Le12");
        assert_eq!(variant_name("C++"), "CPlusPlus");
        assert_eq!(variant_name("-1"), "Minus1");
        assert_eq!(variant_name("a-b"), "AB");
        assert_eq!(type_name("Größe"), "Größe");
    }

    #[test]
    fn keywords_become_raw_or_get_an_underscore() {
        assert_eq!(ident("type").to_string(), "r#type");
        assert_eq!(ident("self").to_string(), "self_");
        assert_eq!(ident("token").to_string(), "token");
    }

    #[test]
    fn collisions_get_numbers_in_claim_order() {
        let mut scope = Scope::with_reserved(PRELUDE_TYPES);
        assert_eq!(scope.claim("Result"), "Result2");
        assert_eq!(scope.claim("Status"), "Status");
        assert_eq!(scope.claim("Status"), "Status2");
        let mut fields = Scope::default();
        assert_eq!(fields.claim("access_token"), "access_token");
        assert_eq!(fields.claim("access_token"), "access_token_2");
    }

    #[test]
    fn module_names_come_from_folders() {
        assert_eq!(module_name("sejour").as_deref(), Some("sejour"));
        assert_eq!(module_name("srv-asmx").as_deref(), Some("srv_asmx"));
        assert_eq!(module_name("9lives"), None);
        assert_eq!(module_name("type"), None);
        assert_eq!(module_name("runtime"), None);
    }
}
