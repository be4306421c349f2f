//! The member tables of Web API help pages: `Name | Description | Type | Additional information`.
//!
//! Browser copies lose empty cells and split cells with several paragraphs over lines, so rows
//! are found by meaning, not by counting: every row starts with the member's name and ends with
//! its additional information, which the help page always fills (`None.` when there is none).

use crate::model::{Doc, Facet, Fact, Pos};
use crate::read::page::Page;
use crate::read::page::placeholder::{WebApiType, is_type_name, webapi_type};
use crate::read::page::table::{Cell, cells};

/// A member table, or the type that stands in its place. Paragraphs before it (the XML
/// documentation of a parameter or of a result) are its documentation.
#[derive(Debug)]
pub enum ModelSection<'s> {
    /// `None.`
    None {
        /// Text before it.
        documentation: Vec<Doc>,
    },
    /// A model: its name, documentation before the table, and rows.
    Model {
        /// The model's name (`AuthRequest`); URI parameter tables have none.
        name: Option<Cell<'s>>,
        /// Whether the body is a collection of the model (`Collection of Device` before the
        /// table of `Device`).
        collection: bool,
        /// Text before the table.
        documentation: Vec<Doc>,
        /// The rows.
        rows: Vec<Row<'s>>,
        /// Where the table (or the model's name) starts.
        pos: Pos,
    },
    /// A type with no table (`string`, `Collection of string`).
    Type {
        /// The type.
        ty: WebApiType,
        /// Where it is written.
        pos: Pos,
        /// Text before it.
        documentation: Vec<Doc>,
    },
}

/// Results whose body the action writes as it likes: the page can say nothing of it.
const ACTION_RESULTS: &[&str] = &["IHttpActionResult", "HttpResponseMessage"];

/// One row of a member table.
#[derive(Debug)]
pub struct Row<'s> {
    /// The member's name: empty where the copy lost the row's name cell, until the samples
    /// name it.
    pub name: Cell<'s>,
    /// Whether the copy lost the row's name cell, its first cell being its type; until the
    /// samples name it, `name` is empty where the row stands.
    pub lost_name: bool,
    /// Its description, one paragraph per cell.
    pub description: Vec<Cell<'s>>,
    /// Its type, where the row gives one.
    pub ty: Option<(WebApiType, Pos)>,
    /// Its additional information.
    pub annotations: Vec<(Annotation, Pos)>,
}

impl Row<'_> {
    /// The paragraphs of the description.
    pub fn description_docs(&self) -> Vec<Doc> {
        self.description.iter().map(Cell::doc).collect()
    }

    /// Where the row says `Required`.
    pub fn required(&self) -> Option<Pos> {
        self.annotations
            .iter()
            .find(|(a, _)| *a == Annotation::Required)
            .map(|(_, pos)| *pos)
    }

    /// The value the row says the server assumes (`Default value is …`).
    pub fn default_value(&self) -> Option<Fact<String>> {
        self.annotations.iter().find_map(|(a, pos)| match a {
            Annotation::Default(value) => Some(Fact::stated(value.clone(), *pos)),
            _ => None,
        })
    }

    /// The restrictions the row lists.
    pub fn facets(&self) -> Vec<Fact<Facet>> {
        self.annotations
            .iter()
            .filter_map(|(a, pos)| match a {
                Annotation::Facet(facet) => Some(Fact::stated(facet.clone(), *pos)),
                _ => None,
            })
            .collect()
    }

    /// The annotations kept as documentation (`Data type: EmailAddress`).
    pub fn notes(&self) -> impl Iterator<Item = Doc> + '_ {
        self.annotations.iter().filter_map(|(a, pos)| match a {
            Annotation::Other(text) => Some(Doc {
                text: text.clone(),
                pos: *pos,
            }),
            _ => None,
        })
    }
}

/// The data annotations a help page lists as additional information.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Annotation {
    /// `None.`
    None,
    /// `Required`.
    Required,
    /// `Default value is …`.
    Default(String),
    /// A restriction of the value.
    Facet(Facet),
    /// Another annotation the help page knows, kept as documentation (`Data type: EmailAddress`).
    Other(String),
}

/// Reads one annotation cell.
pub fn annotation(text: &str) -> Option<Annotation> {
    let number = |s: &str| s.trim().trim_end_matches('.').parse::<u32>().ok();
    if text == "None." {
        return Some(Annotation::None);
    }
    if text == "Required" {
        return Some(Annotation::Required);
    }
    if let Some(value) = text.strip_prefix("Default value is ") {
        return Some(Annotation::Default(value.trim().to_owned()));
    }
    if let Some(n) = text.strip_prefix("Max length: ").and_then(number) {
        return Some(Annotation::Facet(Facet::MaxLength(n)));
    }
    if let Some(n) = text.strip_prefix("Min length: ").and_then(number) {
        return Some(Annotation::Facet(Facet::MinLength(n)));
    }
    if let Some(range) = text.strip_prefix("Range: inclusive between ")
        && let Some((min, max)) = range.split_once(" and ")
    {
        return Some(Annotation::Facet(Facet::Range {
            min: min.trim().to_owned(),
            max: max.trim().to_owned(),
        }));
    }
    if let Some(pattern) = text.strip_prefix("Matching regular expression pattern: ") {
        return Some(Annotation::Facet(Facet::Pattern(pattern.trim().to_owned())));
    }
    if text.starts_with("Data type: ") || text.starts_with("String length: ") {
        return Some(Annotation::Other(text.to_owned()));
    }
    None
}

/// The header of a member table as a browser's rendered page gives it when copied: its four
/// cells glued into one line.
const GLUED_HEADER: &str = "NameDescriptionTypeAdditional information";

/// Where a member table's header stands among `cells`: the index of its first cell, the
/// index of the first row's, and the model's name where it ran into the header
/// (`AuthRequestName`). The header is four cells (`Name`, `Description`, `Type`,
/// `Additional information`), or the four glued into one.
fn header<'s>(cells: &[Cell<'s>]) -> Option<(usize, usize, Option<&'s str>)> {
    let model = |prefix: &'s str| Some(prefix.trim()).filter(|p| !p.is_empty());
    (0..cells.len()).find_map(|h| {
        let text = cells[h].text;
        if let Some(prefix) = text.strip_suffix(GLUED_HEADER) {
            return Some((h, h + 1, model(prefix)));
        }
        let rest = cells.get(h + 1..h + 4)?;
        let prefix = text.strip_suffix("Name")?;
        (rest[0].text == "Description"
            && rest[1].text == "Type"
            && rest[2].text == "Additional information")
            .then(|| (h, h + 4, model(prefix)))
    })
}

/// Reads the lines `from..to` of a page as a member table, `None.`, or a type.
pub fn model_section<'s>(
    page: &Page<'s>,
    from: usize,
    to: usize,
) -> Result<ModelSection<'s>, (Pos, String)> {
    let lines = &page.lines[from.min(to)..to];
    let cells = cells(lines);
    if cells.is_empty() {
        return Err((page.pos(from), "`None.`, a member table or a type".into()));
    }
    let Some((header, rows_from, model)) = header(&cells) else {
        // A table whose header is not the help page's: say so, rather than read its cells
        // as documentation.
        let partial = cells.windows(2).find(|pair| {
            (pair[0].text.ends_with("Name") && pair[1].text == "Description")
                || pair[0].text.contains("NameDescription")
        });
        if let Some(pair) = partial {
            return Err((
                pair[0].pos,
                "a member table's header `Name | Description | Type | Additional information`"
                    .into(),
            ));
        }
        // No table: `None.` or a type stands in its place, after its documentation.
        let (last, before) = cells.split_last().expect("cells is not empty");
        let docs = |cells: &[Cell<'_>]| cells.iter().map(Cell::doc).collect();
        if last.text == "None." {
            return Ok(match before.split_last() {
                // A simple type or a collection, and `None.` for the members it has not
                // (`Collection of Object` and `None.`).
                Some((ty, before)) if let Some(phrase) = webapi_type(ty.text, &|_| false) => {
                    ModelSection::Type {
                        ty: phrase,
                        pos: ty.pos,
                        documentation: docs(before),
                    }
                }
                // `IHttpActionResult` and `None.`: a result with no members the page shows.
                Some((ty, before)) if ACTION_RESULTS.contains(&ty.text) => ModelSection::Type {
                    ty: WebApiType::ActionResult(ty.text.to_owned()),
                    pos: ty.pos,
                    documentation: docs(before),
                },
                // A class without properties.
                Some((name, before)) if is_type_name(name.text) => ModelSection::Model {
                    name: Some(name.clone()),
                    collection: false,
                    documentation: docs(before),
                    rows: Vec::new(),
                    pos: name.pos,
                },
                _ => ModelSection::None {
                    documentation: docs(before),
                },
            });
        }
        return match webapi_type(last.text, &|_| false) {
            Some(ty) => Ok(ModelSection::Type {
                ty,
                pos: last.pos,
                documentation: docs(before),
            }),
            None => Err((last.pos, "`None.`, a member table or a type".into())),
        };
    };
    let name_cell = &cells[header];
    let (name, before) = match model {
        // `AuthRequestName | Description | …`: the model's name ran into the header.
        Some(model) => (
            Some(Cell {
                text: model,
                pos: name_cell.pos,
            }),
            &cells[..header],
        ),
        // `RefreshRequest` on a line of its own, then `Name`; or no name at all.
        None => match cells[..header].split_last() {
            Some((model, before)) if is_type_name(model.text) || collection_of(model).is_some() => {
                (Some(model.clone()), before)
            }
            _ => (None, &cells[..header]),
        },
    };
    // `Collection of Device` and the table of `Device`: the help page describes a
    // collection's items.
    let (name, collection) = match name.as_ref().and_then(collection_of) {
        Some(item) => (Some(item), true),
        None => (name.filter(|n| is_type_name(n.text)), false),
    };
    let documentation = before.iter().map(Cell::doc).collect();
    let rows = rows(&cells[rows_from..])?;
    Ok(ModelSection::Model {
        name,
        collection,
        documentation,
        rows,
        pos: name_cell.pos,
    })
}

/// The item of `Collection of Device`, a collection of a model, where a cell says one.
fn collection_of<'s>(cell: &Cell<'s>) -> Option<Cell<'s>> {
    const COLLECTION: &str = "Collection of ";
    let item = cell.text.strip_prefix(COLLECTION)?;
    is_type_name(item).then(|| Cell {
        text: item,
        pos: cell.pos.right(COLLECTION.len() as u32),
    })
}

/// Splits cells into rows. A row starts with the member's name and ends with its last
/// annotation; where the additional information cell is empty (`string | |`), which copies
/// keep or lose, the row ends with its type: a type phrase not followed by an annotation, or
/// the table's last cell. A row whose first cell is a type phrase followed by its annotations
/// lost its name cell in the copy (`| string |` then `Required |`); it is kept with an empty
/// name for the samples to name ([`Row::lost_name`]).
fn rows<'s>(cells: &[Cell<'s>]) -> Result<Vec<Row<'s>>, (Pos, String)> {
    let is_annotation = |i: usize| cells.get(i).is_some_and(|c| annotation(c.text).is_some());
    let is_phrase = |i: usize| webapi_type(cells[i].text, &|_| false).is_some();
    let named = |text: &str| text.starts_with(|c: char| c.is_uppercase());
    let is_type = |i: usize| webapi_type(cells[i].text, &named).is_some();
    let mut rows = Vec::new();
    let mut start = 0;
    while start < cells.len() {
        let lost_name = is_phrase(start) && is_annotation(start + 1);
        let first = if lost_name { start } else { start + 1 };
        // Where the annotations start, or where the row ends without any.
        let mut annotations_at = None;
        for i in first..cells.len() {
            if is_annotation(i) {
                annotations_at = Some(i);
                break;
            }
            let last = i + 1 == cells.len();
            if (is_phrase(i) || (last && i > start && is_type(i))) && !is_annotation(i + 1) {
                annotations_at = Some(i + 1);
                break;
            }
        }
        let Some(annotations_at) = annotations_at else {
            return Err((
                cells[start].pos,
                format!(
                    "the row of `{}` to end with its additional information (`None.` at least)",
                    cells[start].text
                ),
            ));
        };
        let end = (annotations_at..cells.len())
            .find(|&i| annotation(cells[i].text).is_none())
            .unwrap_or(cells.len());
        let name = if lost_name {
            Cell {
                text: "",
                pos: cells[start].pos,
            }
        } else {
            cells[start].clone()
        };
        if !lost_name && !is_type_name(name.text) {
            return Err((name.pos, "a member name at the start of a row".into()));
        }
        let mut middle = &cells[first..annotations_at];
        // The type is the last cell before the annotations: a phrase the help page uses for
        // types, or a single capitalised name (a link to a type's own page).
        let ty = middle
            .last()
            .and_then(|cell| webapi_type(cell.text, &named).map(|ty| (ty, cell.pos)));
        if ty.is_some() {
            middle = &middle[..middle.len() - 1];
        }
        rows.push(Row {
            name,
            lost_name,
            description: middle.to_vec(),
            ty,
            annotations: cells[annotations_at..end]
                .iter()
                .filter_map(|c| annotation(c.text).map(|a| (a, c.pos)))
                .collect(),
        });
        start = end;
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Source;

    fn section(text: &str) -> Vec<(String, Option<WebApiType>, Vec<Annotation>)> {
        let source = Source::new("t", text);
        let page = Page::new(&source);
        match model_section(&page, 0, page.lines.len()).unwrap() {
            ModelSection::Model { rows, .. } => rows
                .into_iter()
                .map(|r| {
                    (
                        r.name.text.to_owned(),
                        r.ty.map(|(t, _)| t),
                        r.annotations.into_iter().map(|(a, _)| a).collect(),
                    )
                })
                .collect(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_shifted_row_still_finds_its_type_and_annotations() {
        let rows = section(
            "AuthRequestName | Description | Type | Additional information |\n---|---|---|---|\n\
             token |\ntimestamp token |\nstring |\nNone. |\nlanguage | Language |\nNone. |\n|",
        );
        assert_eq!(
            rows[0].1,
            Some(WebApiType::Builtin(crate::model::Builtin::String))
        );
        assert_eq!(rows[1].0, "language");
        assert_eq!(rows[1].1, Some(WebApiType::Named("Language".into())));
        assert_eq!(rows[1].2, vec![Annotation::None]);
    }

    #[test]
    fn one_cell_per_line_with_several_annotations() {
        let rows = section(
            "RefreshRequest\nName\nDescription\nType\nAdditional information\nclientId\nstring\n\
             Required\nMax length: 64\nchannel\nChannel\nNone.",
        );
        assert_eq!(
            rows[0].2,
            vec![
                Annotation::Required,
                Annotation::Facet(Facet::MaxLength(64))
            ]
        );
        assert_eq!(rows[1].1, Some(WebApiType::Named("Channel".into())));
    }
}
