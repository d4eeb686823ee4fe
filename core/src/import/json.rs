//! JSON: the same table, either an array of objects (`[{"园区名称": "东山园区", …}]`, keys in
//! the order written) or `{"columns": [...], "rows": [[...], …]}`. Row 1 is the header, as if
//! the table had been pasted into a sheet.

use super::{
    cell_too_long, column_letter, too_many_rows, Cells, Format, RawRow, RawTable, MAX_CELL_CHARS,
    MAX_COLUMNS, MAX_ROWS,
};
use crate::issue::{Issue, Location};
use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;
use std::collections::HashMap;
use std::fmt;

/// A JSON object with its keys in the order written.
struct OrderedObject(Vec<(String, Value)>);

impl<'de> Deserialize<'de> for OrderedObject {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = OrderedObject;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<OrderedObject, A::Error> {
                let mut entries = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, Value>()? {
                    entries.push((k, v));
                }
                Ok(OrderedObject(entries))
            }
        }
        deserializer.deserialize_map(V)
    }
}

/// `{"columns": [...], "rows": [[...]]}`.
#[derive(Deserialize)]
struct ColumnsRows {
    columns: Vec<Value>,
    rows: Vec<Vec<Value>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum JsonTable {
    Objects(Vec<OrderedObject>),
    ColumnsRows(ColumnsRows),
}

fn value_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => if *b { "是" } else { "否" }.to_owned(),
        Value::Number(n) => n.to_string(),
        other => other.to_string(),
    }
}

/// Reads a JSON table from already-decoded text.
/// Reads a JSON table from already-decoded text; `noun` is the scheme's word for a unit
/// (`Scheme::unit_noun`), for the refusals of a table too large.
pub fn read_json(
    text: &str,
    file_name: &str,
    encoding: String,
    noun: &str,
) -> Result<RawTable, Issue> {
    let at_file = || Location {
        file: Some(file_name.to_owned()),
        ..Location::default()
    };
    // Chifeng's example as it always was; another scheme's name header, with no example name.
    let shape = if noun == crate::scheme::DEFAULT_UNIT_NOUN {
        "对象数组 [{\"园区名称\": \"东山园区\", …}]，或 {\"columns\": […], \"rows\": [[…]]}"
            .to_owned()
    } else {
        format!(
            "对象数组 [{{\"{}\": \"…\", …}}]，或 {{\"columns\": […], \"rows\": [[…]]}}",
            super::header::name_header_for(noun).0
        )
    };
    let table: JsonTable = serde_json::from_str(text).map_err(|e| {
        let what = if serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok() {
            "是有效的 JSON，但不是一张表格".to_owned()
        } else {
            format!("不是有效的 JSON（第 {} 行第 {} 个字符附近有错）", e.line(), e.column())
        };
        Issue::error(
            at_file(),
            format!("文件「{file_name}」{what}，无法导入；请用 Excel/WPS 打开数据后另存为 .xlsx 或 .csv 再导入"),
        )
        .with_expected(shape)
        .with_detail(e.to_string())
    })?;
    let (header, body): (Vec<String>, Vec<Vec<String>>) = match table {
        JsonTable::Objects(objects) => {
            // Keys in first-seen order, found by a map: 100,000 keys cost 100,000 look-ups.
            let mut header: Vec<String> = Vec::new();
            let mut index: HashMap<String, usize> = HashMap::new();
            for o in &objects {
                for (k, _) in &o.0 {
                    if !index.contains_key(k) {
                        if header.len() >= MAX_COLUMNS {
                            return Err(too_wide_json(file_name, k));
                        }
                        index.insert(k.clone(), header.len());
                        header.push(k.clone());
                    }
                }
            }
            let body = objects
                .iter()
                .map(|o| {
                    let mut cells = vec![String::new(); o.0.len().min(header.len())];
                    for (k, v) in &o.0 {
                        if let Some(&i) = index.get(k) {
                            if i >= cells.len() {
                                cells.resize(i + 1, String::new());
                            }
                            cells[i] = value_text(v);
                        }
                    }
                    cells
                })
                .collect();
            (header, body)
        }
        JsonTable::ColumnsRows(cr) => {
            let widest = cr.rows.iter().map(Vec::len).max().unwrap_or(0);
            if cr.columns.len() > MAX_COLUMNS || widest > MAX_COLUMNS {
                let name = cr
                    .columns
                    .get(MAX_COLUMNS)
                    .map(value_text)
                    .unwrap_or_default();
                return Err(too_wide_json(file_name, &name));
            }
            (
                cr.columns.iter().map(value_text).collect(),
                cr.rows
                    .iter()
                    .map(|r| r.iter().map(value_text).collect())
                    .collect(),
            )
        }
    };
    if body.len() > MAX_ROWS {
        return Err(too_many_rows(at_file(), noun));
    }
    let rows: Vec<RawRow> = std::iter::once(header)
        .chain(body)
        .enumerate()
        .map(|(i, cells)| RawRow {
            number: i as u32 + 1,
            cells: Cells::from(cells),
        })
        .collect();
    for row in &rows {
        if let Some(c) = row
            .cells
            .iter()
            .position(|c| c.chars().count() > MAX_CELL_CHARS)
        {
            return Err(cell_too_long(
                Location {
                    row: Some(row.number),
                    column: Some(format!("{} 列", column_letter(c))),
                    ..at_file()
                },
                noun,
            ));
        }
    }
    Ok(RawTable {
        file_name: file_name.to_owned(),
        format: Format::Json,
        encoding: Some(encoding),
        sheet: None,
        sheets: Vec::new(),
        rows: super::trim_rows(rows),
        notes: Vec::new(),
    })
}

/// The refusal of a JSON table with more than [`MAX_COLUMNS`] keys.
fn too_wide_json(file_name: &str, key: &str) -> Issue {
    Issue::error(
        Location {
            file: Some(file_name.to_owned()),
            column: Some(key.to_owned()),
            ..Location::default()
        },
        format!("JSON 表格的列（键）超过 {MAX_COLUMNS} 个，超出上限，未读取"),
    )
    .with_expected(format!("不超过 {MAX_COLUMNS} 列"))
}
