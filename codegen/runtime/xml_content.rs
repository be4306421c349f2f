//! Element content whose type the service description does not give.

/// The content of an element kept as raw XML, exactly as it came: the page showed only
/// `xsi:nil` for it, or declared it as any XML.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct XmlContent(pub String);

impl XmlContent {
    /// The raw XML.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}
