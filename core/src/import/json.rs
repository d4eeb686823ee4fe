//! JSON: the same table, either an array of objects (`[{"园区名称": "东山园区", …}]`, keys in
//! the order written) or `{"columns": [...], "rows": [[...], …]}`. Row 1 is the header, as if
//! the table had been pasted into a sheet.

use super::{Format, RawRow, RawTable, MAX_ROWS};
use crate::issue::{Issue, Location};
use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;
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
pub fn read_json(text: &str, file_name: &str, encoding: String) -> Result<RawTable, Issue> {
    let issue = |message: String| {
        Issue::error(
            Location {
                file: Some(file_name.to_owned()),
                ..Location::default()
            },
            message,
        )
        .with_expected(
            "对象数组 [{\"园区名称\": \"东山园区\", …}]，或 {\"columns\": […], \"rows\": [[…]]}",
        )
    };
    let table: JsonTable = serde_json::from_str(text)
        .map_err(|e| issue(format!("JSON 格式不对，无法读取为表格（{e}）")))?;
    let (header, body): (Vec<String>, Vec<Vec<String>>) = match table {
        JsonTable::Objects(objects) => {
            let mut header: Vec<String> = Vec::new();
            for o in &objects {
                for (k, _) in &o.0 {
                    if !header.contains(k) {
                        header.push(k.clone());
                    }
                }
            }
            let body = objects
                .iter()
                .map(|o| {
                    header
                        .iter()
                        .map(|h| {
                            o.0.iter()
                                .find(|(k, _)| k == h)
                                .map(|(_, v)| value_text(v))
                                .unwrap_or_default()
                        })
                        .collect()
                })
                .collect();
            (header, body)
        }
        JsonTable::ColumnsRows(cr) => (
            cr.columns.iter().map(value_text).collect(),
            cr.rows
                .iter()
                .map(|r| r.iter().map(value_text).collect())
                .collect(),
        ),
    };
    if body.len() > MAX_ROWS {
        return Err(issue(format!(
            "JSON 有 {} 行数据，超过上限 {MAX_ROWS} 行，未读取",
            body.len()
        )));
    }
    let rows = std::iter::once(header)
        .chain(body)
        .enumerate()
        .map(|(i, cells)| RawRow {
            number: i as u32 + 1,
            cells,
        })
        .collect();
    Ok(RawTable {
        file_name: file_name.to_owned(),
        format: Format::Json,
        encoding: Some(encoding),
        sheet: None,
        sheets: Vec::new(),
        rows: super::trim_rows(rows),
    })
}
