//! Rustdoc from page text: escaped so that what the page says reads as it was written.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc]` attributes for paragraphs: one attribute per line, an empty one between paragraphs.
pub fn attrs(paragraphs: &[String]) -> TokenStream {
    let lines = lines(paragraphs);
    quote!(#(#[doc = #lines])*)
}

/// `#![doc]` attributes for a module's own documentation.
pub fn inner_attrs(paragraphs: &[String]) -> TokenStream {
    let lines = lines(paragraphs);
    quote!(#(#![doc = #lines])*)
}

/// The lines of paragraphs, each led by a space as `///` comments are, with an empty line
/// between paragraphs.
fn lines(paragraphs: &[String]) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for paragraph in paragraphs.iter().filter(|p| !p.trim().is_empty()) {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        // A tab reads as some number of spaces, whichever a reader's editor chooses: one
        // space says what the text said.
        lines.extend(paragraph.lines().map(|line| {
            if line.trim().is_empty() {
                String::new()
            } else {
                format!(" {}", line.replace('\t', " "))
            }
        }));
    }
    lines
}

/// Page text made safe for Markdown: characters that would start markup are escaped, so that
/// `[901]` is not a link and `<root>` is not HTML.
pub fn text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        let special = matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|'
        ) || (i == 0 && matches!(c, '#' | '-' | '+' | '='));
        if special {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A code span, fenced with enough backticks for the text inside.
pub fn code(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(if text.contains('`') { longest + 1 } else { 1 });
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// The first paragraph of a type's documentation: its name, and its namespace where it
/// has one (a Web API model no XML sample shows has none the documents tell).
pub fn type_heading(name: &crate::model::QName) -> String {
    if name.namespace.is_empty() {
        format!("The type {}.", code(&name.local))
    } else {
        format!(
            "The type {} in namespace {}.",
            code(&name.local),
            code(&name.namespace)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_text_is_escaped() {
        assert_eq!(
            text("[901] Session <root> *x*"),
            "\\[901\\] Session \\<root\\> \\*x\\*"
        );
        assert_eq!(text("# not a heading"), "\\# not a heading");
    }

    #[test]
    fn code_spans_hold_backticks() {
        assert_eq!(code("token"), "`token`");
        assert_eq!(code("a`b"), "``a`b``");
    }
}
