//! Bodies a broken or hostile server sends in answer to srv.asmx's `LogOut` over HTTP GET:
//! the shapes that cost the decoders time or memory out of proportion to their size, each as
//! big as fits the transports' limit. Some go past a limit and must be refused by it; the
//! others stay within every limit and must be read. `hostile.rs` checks what each comes to,
//! `benches/decode.rs` what each costs.

use generated::runtime::{Limit, Limits};

/// One hostile body.
pub struct Hostile {
    /// What it is, for messages.
    pub what: &'static str,
    /// The body.
    pub body: String,
    /// The limit that refuses it, or `None` for a body within every limit, which reads.
    pub refused_by: Option<Limit>,
}

/// `each(0)`, `each(1)`, … joined, for as long as the whole stays within `bytes`.
fn repeated_within(bytes: usize, each: impl Fn(usize) -> String) -> String {
    let mut out = String::new();
    for i in 0.. {
        let next = each(i);
        if out.len() + next.len() > bytes {
            break;
        }
        out.push_str(&next);
    }
    out
}

/// `each(0)` to `each(count - 1)`, joined.
fn many(count: usize, each: impl Fn(usize) -> String) -> String {
    (0..count).map(each).collect()
}

/// Every hostile body, with the default [`Limits`].
pub fn hostile_bodies() -> Vec<Hostile> {
    let limits = Limits::default();
    // Room for `<root success="true" …>` and `</root>` within the body's limit.
    let room = limits.body - 4096;
    let refused = |what, body, limit| Hostile {
        what,
        body,
        refused_by: Some(limit),
    };
    let read = |what, body| Hostile {
        what,
        body,
        refused_by: None,
    };
    vec![
        refused(
            "300 000 attributes on <root>",
            format!(
                r#"<root success="true"{}/>"#,
                many(300_000, |i| format!(" a{i}=\"x\""))
            ),
            Limit::Attributes(limits.attributes),
        ),
        refused(
            "60 000 namespace declarations on <root>, and 10 children",
            format!(
                r#"<root success="true"{}>{}</root>"#,
                many(60_000, |i| format!(" xmlns:p{i}=\"urn:{i}\"")),
                "<c/>".repeat(10)
            ),
            Limit::Attributes(limits.attributes),
        ),
        refused(
            "a namespace declared on each of 10 000 elements",
            format!(
                r#"<root success="true">{}</root>"#,
                many(10_000, |i| format!("<c xmlns:p{i}=\"urn:{i}\"/>"))
            ),
            Limit::Namespaces(limits.namespaces),
        ),
        refused(
            "elements nested 100 000 deep",
            format!(
                r#"<root success="true">{}{}</root>"#,
                "<c>".repeat(100_000),
                "</c>".repeat(100_000)
            ),
            Limit::Depth(limits.depth),
        ),
        refused(
            "an attribute value one byte longer than its limit",
            format!(
                r#"<root success="false" error="{}"/>"#,
                "x".repeat(limits.string + 1)
            ),
            Limit::String(limits.string),
        ),
        refused(
            "a text one byte longer than its limit",
            format!(
                r#"<root success="true">{}</root>"#,
                "x".repeat(limits.string + 1)
            ),
            Limit::String(limits.string),
        ),
        refused(
            "a 50 MB attribute value",
            format!(
                r#"<root success="false" error="{}"/>"#,
                "x".repeat(50_000_000)
            ),
            Limit::Body(limits.body),
        ),
        refused(
            "a 50 MB text",
            format!(r#"<root success="true">{}</root>"#, "x".repeat(50_000_000)),
            Limit::Body(limits.body),
        ),
        read(
            "4 MiB of elements with 255 attributes each",
            format!(
                r#"<root success="true">{}</root>"#,
                repeated_within(room, |_| format!(
                    "<c{}/>",
                    many(limits.attributes - 1, |i| format!(" a{i}=\"x\""))
                ))
            ),
        ),
        read(
            "255 namespaces declared on <root>, and 4 MiB of children using the last",
            format!(
                r#"<root success="true"{}>{}</root>"#,
                many(limits.attributes - 1, |i| format!(
                    " xmlns:p{i}=\"urn:{i}\""
                )),
                repeated_within(room - 8192, |_| format!(
                    "<p{0}:c p{0}:a=\"x\"/>",
                    limits.attributes - 2
                ))
            ),
        ),
        read(
            "4 MiB of elements nested 63 deep, over and over",
            format!(
                r#"<root success="true">{}</root>"#,
                repeated_within(room, |_| format!(
                    "{}{}",
                    "<c>".repeat(limits.depth - 1),
                    "</c>".repeat(limits.depth - 1)
                ))
            ),
        ),
        read(
            "a 1 MiB error message of character references",
            format!(
                r#"<root success="false" error="[9] {}"/>"#,
                "&#233;".repeat((limits.string - 4) / 6)
            ),
        ),
    ]
}
