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
/// `[901]` is not a link and `<root>` is not HTML, and a bare URL is an autolink
/// (`<http://...>`), as rustdoc asks of one.
pub fn text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut first = true;
    let mut after_word = false;
    while let Some(c) = rest.chars().next() {
        if !after_word && let Some(url) = url_at(rest) {
            out.push('<');
            out.push_str(url);
            out.push('>');
            rest = &rest[url.len()..];
            after_word = true;
            first = false;
            continue;
        }
        let special = matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|'
        ) || (first && matches!(c, '#' | '-' | '+' | '='));
        if special {
            out.push('\\');
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
        after_word = c.is_alphanumeric();
        first = false;
    }
    out
}

/// The URL that `text` starts with, if it starts with one (`http://` or `https://` and what
/// follows up to a space or a character no URL in prose holds), without the punctuation
/// that ends a sentence after it.
fn url_at(text: &str) -> Option<&str> {
    let scheme = ["https://", "http://"]
        .into_iter()
        .find(|scheme| text.starts_with(scheme))?;
    let end = text
        .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`' | '\\'))
        .unwrap_or(text.len());
    let url = text[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '\'']);
    (url.len() > scheme.len()).then_some(url)
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
    fn a_bare_url_is_an_autolink_without_the_sentence_s_end() {
        assert_eq!(
            text("see http://wiki.example.com/index.php?title=X_Y. Then https://a.b/c, or not"),
            "see <http://wiki.example.com/index.php?title=X_Y>. Then <https://a.b/c>, or not"
        );
        // Not a URL: a scheme alone, one inside a word, one the page put in brackets.
        assert_eq!(text("http:// xhttp://a"), "http:// xhttp://a");
        assert_eq!(text("(http://a.b)"), "(<http://a.b>)");
    }

    #[test]
    fn code_spans_hold_backticks() {
        assert_eq!(code("token"), "`token`");
        assert_eq!(code("a`b"), "``a`b``");
    }
}
