//! Pages too large or too odd to commit, made from the Cebes seed page: the shapes that once
//! cost the page readers time or memory out of proportion to their size, or crashed them.
//! `robustness.rs` checks what each comes to, `benches/pages.rs` what each costs.

use crate::workspace_root;

/// One generated page.
pub struct LargePage {
    /// What it is, for messages and snapshot names.
    pub name: &'static str,
    /// The page.
    pub text: String,
    /// Whether it reads (else it is reported).
    pub reads: bool,
}

/// The Cebes seed page.
pub fn seed() -> String {
    std::fs::read_to_string(workspace_root().join("specs/cebes/POST-Session-Logout.txt"))
        .expect("the seed page reads")
}

/// The seed with its XML request sample replaced by `sample`.
fn with_request_sample(sample: &str) -> String {
    let seed = seed();
    let line = seed
        .lines()
        .find(|line| line.starts_with("<AuthRequest"))
        .expect("the seed has an XML request sample");
    seed.replace(line, sample)
}

/// `<n>` holding two `<n>` down to `depth`: every element a shape of its own.
fn tree(depth: u32, out: &mut String) {
    if depth == 0 {
        out.push('x');
        return;
    }
    out.push_str("<n>");
    tree(depth - 1, out);
    tree(depth - 1, out);
    out.push_str("</n>");
}

/// Every large page.
pub fn large_pages() -> Vec<LargePage> {
    let ns = r#"xmlns="http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models""#;
    let mut binary = format!("<AuthRequest {ns}>");
    tree(15, &mut binary);
    binary.push_str("</AuthRequest>");
    let rows: String = (0..20_000)
        .map(|i| format!("member{i} |\nmember number {i} |\nstring |\nNone. |\n"))
        .collect();
    let seed = seed();
    vec![
        LargePage {
            name: "binary-tree-sample",
            text: with_request_sample(&binary),
            reads: false,
        },
        LargePage {
            name: "deep-sample",
            text: with_request_sample(&format!(
                "<AuthRequest {ns}>{}x{}</AuthRequest>",
                "<a>".repeat(2000),
                "</a>".repeat(2000)
            )),
            reads: false,
        },
        LargePage {
            name: "blank-lines",
            text: seed.replacen(
                "Request Information",
                &format!("{}Request Information", "\n".repeat(50_000_000)),
                1,
            ),
            reads: false,
        },
        LargePage {
            name: "wide-table",
            text: seed.replacen(
                "token |\ntimestamp token |",
                &format!("{rows}token |\ntimestamp token |"),
                1,
            ),
            reads: true,
        },
    ]
}
