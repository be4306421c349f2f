//! How [`generate_with`](crate::generate_with) makes a crate, for a build script or a tool
//! that calls the generator: the crate's name, how it gets the runtime, and what every
//! service's types derive and which Rust types stand for XSD built-ins.
//!
//! The last two are per service too, in `specs/<service>/service.toml` (`[rust]`): the
//! builder's values hold for every service, and a service's own add to them (derives) or
//! override them (types). Both doors lead to the same settings.
//!
//! ```
//! use codegen::{Config, Runtime};
//!
//! let config = Config::new()
//!     .crate_name("vendor-clients")
//!     .runtime(Runtime::Dependency(r#"{ path = "../codegen/runtime" }"#.into()))
//!     .derive("Eq")
//!     .replace_type("dateTime", "my_types::When")
//!     .dependency("my-types", r#"{ path = "../my-types" }"#);
//! assert_eq!(config.name(), "vendor-clients");
//! ```

use std::collections::BTreeMap;

/// How a generated crate gets the runtime.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Runtime {
    /// It depends on the `codegen-runtime` crate, as this TOML value says (a version
    /// requirement such as `"0.1"`, or a table such as `{ path = "../codegen/runtime" }`),
    /// and names it `runtime`: every generated crate of a program shares one runtime.
    Dependency(String),
    /// The runtime's sources are copied in as the crate's `runtime` module, and the crate
    /// depends on what the runtime depends on instead: a crate with no dependency on ours.
    Copy,
}

/// The settings of a generated crate. [`Config::default`] is what `generate` uses: a crate
/// called `generated` that depends on `codegen-runtime` `0.1`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    name: String,
    runtime: Runtime,
    derives: Vec<String>,
    types: BTreeMap<String, String>,
    dependencies: BTreeMap<String, String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            name: "generated".to_owned(),
            runtime: Runtime::Dependency(format!("\"{}\"", env!("CARGO_PKG_VERSION"))),
            derives: Vec::new(),
            types: BTreeMap::new(),
            dependencies: BTreeMap::new(),
        }
    }
}

impl Config {
    /// The default settings.
    pub fn new() -> Self {
        Config::default()
    }

    /// Names the crate (`Cargo.toml`'s `name`): two generated crates of one workspace need
    /// two names.
    pub fn crate_name(mut self, name: &str) -> Self {
        name.clone_into(&mut self.name);
        self
    }

    /// How the crate gets the runtime.
    pub fn runtime(mut self, runtime: Runtime) -> Self {
        self.runtime = runtime;
        self
    }

    /// Adds a derive (`Eq`, `Hash`, `serde::Serialize`) to every struct and enum of the
    /// services' types. The crate that builds the generated one must make it derivable: the
    /// trait in scope by that path, and implemented by the types the fields hold.
    pub fn derive(mut self, path: &str) -> Self {
        if !self.derives.iter().any(|d| d == path) {
            self.derives.push(path.to_owned());
        }
        self
    }

    /// Has `rust` (a type path, such as `my_types::When`) stand for the XSD built-in `xsd`
    /// (its local name, such as `dateTime`) in every service. The type must implement the
    /// runtime's `XmlText` (and `JsonType` for services that speak JSON), `Clone`, `Debug`,
    /// `Default` and `PartialEq`.
    pub fn replace_type(mut self, xsd: &str, rust: &str) -> Self {
        self.types.insert(xsd.to_owned(), rust.to_owned());
        self
    }

    /// Adds a dependency to the crate's `Cargo.toml`: the crate a derive or a type the
    /// crate names comes from (`serde`, `"1"`; `my-types`, `{ path = "../my-types" }`).
    pub fn dependency(mut self, name: &str, requirement: &str) -> Self {
        self.dependencies
            .insert(name.to_owned(), requirement.to_owned());
        self
    }

    /// The crate's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// How the crate gets the runtime.
    pub fn runtime_mode(&self) -> &Runtime {
        &self.runtime
    }

    /// The derives every service's types get.
    pub fn derives(&self) -> &[String] {
        &self.derives
    }

    /// The Rust types that stand for XSD built-ins, by the built-in's local name.
    pub fn types(&self) -> &BTreeMap<String, String> {
        &self.types
    }

    /// The dependencies the crate gets besides the runtime's, by name.
    pub fn dependencies(&self) -> &BTreeMap<String, String> {
        &self.dependencies
    }
}
