//! Table cells, whatever the rendering a browser copy gave the table: markdown rows
//! (`| a | b |`), pipe-terminated cells (`a | b |`, spilling over lines), tab-separated cells,
//! or one cell per line.

use crate::model::{Doc, Pos};
use crate::source::Line;

/// A table cell and where it starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell<'s> {
    /// The text, trimmed.
    pub text: &'s str,
    /// Where it starts.
    pub pos: Pos,
}

impl Cell<'_> {
    /// The cell as a paragraph of documentation.
    pub fn doc(&self) -> Doc {
        Doc {
            text: self.text.to_owned(),
            pos: self.pos,
        }
    }
}

/// The non-empty cells of `lines`, in reading order. Separator rows (`---|---|`) are dropped,
/// and so are empty cells, which some renderings keep and others lose.
pub fn cells<'s>(lines: &[Line<'s>]) -> Vec<Cell<'s>> {
    let mut cells = Vec::new();
    for line in lines.iter().filter(|line| !line.is_blank()) {
        let separator = if line.text.contains('|') {
            '|'
        } else if line.text.contains('\t') {
            '\t'
        } else {
            cells.push(Cell {
                text: line.text,
                pos: line.pos(),
            });
            continue;
        };
        let mut offset = 0;
        for part in line.text.split(separator) {
            let trimmed = part.trim();
            let lead = part.len() - part.trim_start().len();
            if !trimmed.is_empty() && !is_rule(trimmed) {
                cells.push(Cell {
                    text: trimmed,
                    pos: line.pos_in(offset + lead),
                });
            }
            offset += part.len() + separator.len_utf8();
        }
    }
    cells
}

/// Whether a cell is part of a markdown separator row (`---`, `:--:`).
fn is_rule(text: &str) -> bool {
    text.contains("---") && text.chars().all(|c| c == '-' || c == ':')
}

/// Whether a line is rendered as cells (pipes or tabs) rather than as one cell.
pub fn is_row(line: &Line<'_>) -> bool {
    line.text.contains('|') || line.text.contains('\t')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Source;

    fn texts(text: &str) -> Vec<String> {
        let source = Source::new("t", text);
        cells(&source.lines())
            .into_iter()
            .map(|c| c.text.to_owned())
            .collect()
    }

    #[test]
    fn every_rendering_gives_the_same_cells() {
        let expected = ["Name", "Type", "token", "string"];
        assert_eq!(
            texts("| Name | Type |\n|---|---|\n| token | string |"),
            expected
        );
        assert_eq!(
            texts("Name | Type |\n---|---|\ntoken |\nstring |"),
            expected
        );
        assert_eq!(texts("Name\tType\ntoken\tstring"), expected);
        assert_eq!(texts("Name\n\nType\ntoken\n  string"), expected);
    }

    #[test]
    fn cells_know_their_columns() {
        let source = Source::new("t", "x\nlanguage | Language |");
        let found = cells(&source.lines()[1..]);
        assert_eq!(found[1].pos, Pos::new(2, 12));
    }
}
