//! A serialisable value written as TOML, in exactly the form `toml::to_string_pretty` (toml
//! 0.8.23 over toml_edit 0.22 and toml_write 0.1) gave: a scheme's fingerprint hashes this
//! text, so the form is part of the file format.
//!
//! That form, as its source states it and the tests check:
//! - a table's plain values first, in field order (`key = value`), then its sub-tables and
//!   arrays of tables, depth first, each under a header (`[a.b]`, `[[a.b]]`) preceded by a
//!   blank line (none before the document's very first line);
//! - a table holding only tables gets no header of its own; an empty table does;
//! - an array of two or more values one per line, indented four spaces, with a trailing
//!   comma; of none or one, on one line; an array of tables as `[[…]]` sections;
//! - a string in the first of these forms that can hold it: `"basic"` (nothing to escape),
//!   `'literal'`, `"""multi-line"""`, `'''multi-line'''`, then escaped `"…"` / `"""…"""`; a key
//!   bare when it is letters, digits, `_` and `-`, else quoted likewise;
//! - `None` fields left out; integers in decimal.

use super::TomlError;
use serde::ser::{self, Serialize};
use std::fmt::Write as _;

/// `value` as the TOML text described above.
pub(crate) fn to_string<T: Serialize>(value: &T) -> Result<String, TomlError> {
    let root = match value.serialize(Ser)? {
        Some(Node::Table(entries)) => entries,
        _ => return Err(unsupported("文档的顶层必须是表")),
    };
    let mut out = String::new();
    let mut path = Vec::new();
    let mut first = true;
    write_table(&mut out, &mut path, &root, None, &mut first);
    Ok(out)
}

/// A value on its way to text.
#[derive(Debug)]
enum Node {
    Str(String),
    Int(i64),
    Bool(bool),
    Array(Vec<Node>),
    Table(Vec<(String, Node)>),
}

impl Node {
    /// An array written as `[[…]]` sections: not empty, every element a table.
    fn is_array_of_tables(&self) -> bool {
        matches!(self, Node::Array(items) if !items.is_empty()
            && items.iter().all(|i| matches!(i, Node::Table(_))))
    }

    fn is_section(&self) -> bool {
        matches!(self, Node::Table(_)) || self.is_array_of_tables()
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Header {
    Table,
    ArrayOfTables,
}

fn write_table(
    out: &mut String,
    path: &mut Vec<String>,
    entries: &[(String, Node)],
    header: Option<Header>,
    first: &mut bool,
) {
    let values: Vec<&(String, Node)> = entries.iter().filter(|(_, n)| !n.is_section()).collect();
    let visible = match header {
        None => {
            if !values.is_empty() {
                *first = false;
            }
            false
        }
        Some(Header::ArrayOfTables) => true,
        // Implicit (hidden) when it holds tables only; an empty table is shown.
        Some(Header::Table) => !values.is_empty() || entries.is_empty(),
    };
    if visible {
        if !std::mem::take(first) {
            out.push('\n');
        }
        let (open, close) = match header {
            Some(Header::ArrayOfTables) => ("[[", "]]"),
            _ => ("[", "]"),
        };
        out.push_str(open);
        for (i, key) in path.iter().enumerate() {
            if i > 0 {
                out.push('.');
            }
            write_key(out, key);
        }
        out.push_str(close);
        out.push('\n');
    }
    for (key, node) in values {
        write_key(out, key);
        out.push_str(" = ");
        write_value(out, node);
        out.push('\n');
    }
    for (key, node) in entries {
        match node {
            Node::Table(sub) => {
                path.push(key.clone());
                write_table(out, path, sub, Some(Header::Table), first);
                path.pop();
            }
            Node::Array(items) if node.is_array_of_tables() => {
                for item in items {
                    if let Node::Table(sub) = item {
                        path.push(key.clone());
                        write_table(out, path, sub, Some(Header::ArrayOfTables), first);
                        path.pop();
                    }
                }
            }
            _ => {}
        }
    }
}

fn write_value(out: &mut String, node: &Node) {
    match node {
        Node::Str(s) => write_string(out, s),
        Node::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Node::Array(items) => {
            out.push('[');
            if items.len() <= 1 {
                for item in items {
                    write_value(out, item);
                }
            } else {
                for item in items {
                    out.push_str("\n    ");
                    write_value(out, item);
                    out.push(',');
                }
                out.push('\n');
            }
            out.push(']');
        }
        Node::Table(entries) => {
            // An inline table (a table inside an array that also holds other values).
            out.push('{');
            for (i, (key, value)) in entries.iter().enumerate() {
                out.push_str(if i == 0 { " " } else { ", " });
                write_key(out, key);
                out.push_str(" = ");
                write_value(out, value);
            }
            out.push_str(if entries.is_empty() { "}" } else { " }" });
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    Basic,
    Literal,
    MlBasic,
    MlLiteral,
}

/// The facts about a text that decide its form.
struct Metrics {
    max_single_quotes: usize,
    max_double_quotes: usize,
    /// An ASCII control character other than tab and newline.
    escape_codes: bool,
    /// A backslash.
    backslash: bool,
    newline: bool,
}

fn metrics(s: &str) -> Metrics {
    let mut m = Metrics {
        max_single_quotes: 0,
        max_double_quotes: 0,
        escape_codes: false,
        backslash: false,
        newline: false,
    };
    let (mut single, mut double) = (0, 0);
    for b in s.bytes() {
        single = if b == b'\'' { single + 1 } else { 0 };
        double = if b == b'"' { double + 1 } else { 0 };
        m.max_single_quotes = m.max_single_quotes.max(single);
        m.max_double_quotes = m.max_double_quotes.max(double);
        match b {
            b'\\' => m.backslash = true,
            b'\t' => {}
            b'\n' => m.newline = true,
            c if c <= 0x1f || c == 0x7f => m.escape_codes = true,
            _ => {}
        }
    }
    m
}

fn write_string(out: &mut String, s: &str) {
    let m = metrics(s);
    let form = if !m.escape_codes && !m.backslash && m.max_double_quotes == 0 && !m.newline {
        Form::Basic
    } else if !m.escape_codes && m.max_single_quotes == 0 && !m.newline {
        Form::Literal
    } else if !m.escape_codes && !m.backslash && m.max_double_quotes <= 2 {
        Form::MlBasic
    } else if !m.escape_codes && m.max_single_quotes <= 2 {
        Form::MlLiteral
    } else if m.newline {
        Form::MlBasic
    } else {
        Form::Basic
    };
    write_in_form(out, s, form, m.newline);
}

fn write_key(out: &mut String, key: &str) {
    let bare = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if bare {
        out.push_str(key);
        return;
    }
    let escape_codes = key.bytes().any(|b| (b <= 0x1f && b != b'\t') || b == 0x7f);
    let form = if !escape_codes && !key.contains(['\\', '"']) {
        Form::Basic
    } else if !escape_codes && !key.contains('\'') {
        Form::Literal
    } else {
        Form::Basic
    };
    write_in_form(out, key, form, false);
}

fn write_in_form(out: &mut String, s: &str, form: Form, newline: bool) {
    let delimiter = match form {
        Form::Basic => "\"",
        Form::Literal => "'",
        Form::MlBasic => "\"\"\"",
        Form::MlLiteral => "'''",
    };
    let multi_line = matches!(form, Form::MlBasic | Form::MlLiteral);
    out.push_str(delimiter);
    if newline && multi_line {
        out.push('\n');
    }
    if matches!(form, Form::Literal | Form::MlLiteral) {
        out.push_str(s);
    } else {
        // At most two quotes in a row inside """…""", none inside "…".
        let max_quotes = if multi_line { 2 } else { 0 };
        let mut quotes = 0;
        for c in s.chars() {
            quotes = if c == '"' { quotes + 1 } else { 0 };
            match c {
                '"' if quotes > max_quotes => {
                    out.push_str("\\\"");
                    quotes = 0;
                }
                '\u{8}' => out.push_str("\\b"),
                '\t' => out.push_str("\\t"),
                '\n' if !multi_line => out.push_str("\\n"),
                '\u{c}' => out.push_str("\\f"),
                '\r' => out.push_str("\\r"),
                '\\' => out.push_str("\\\\"),
                c if c != '\n' && ((c as u32) <= 0x1f || c == '\u{7f}') => {
                    let _ = write!(out, "\\u{:04X}", c as u32);
                }
                c => out.push(c),
            }
        }
    }
    out.push_str(delimiter);
}

fn unsupported(what: &str) -> TomlError {
    TomlError {
        at: None,
        message: format!("无法写成 TOML：{what}"),
    }
}

impl ser::Error for TomlError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        TomlError {
            at: None,
            message: msg.to_string(),
        }
    }
}

/// serde → [`Node`]; `None` means "leave this field out".
struct Ser;

type Out = Result<Option<Node>, TomlError>;

impl ser::Serializer for Ser {
    type Ok = Option<Node>;
    type Error = TomlError;
    type SerializeSeq = SeqSer;
    type SerializeTuple = SeqSer;
    type SerializeTupleStruct = SeqSer;
    type SerializeTupleVariant = ser::Impossible<Option<Node>, TomlError>;
    type SerializeMap = MapSer;
    type SerializeStruct = MapSer;
    type SerializeStructVariant = ser::Impossible<Option<Node>, TomlError>;

    fn serialize_bool(self, v: bool) -> Out {
        Ok(Some(Node::Bool(v)))
    }
    fn serialize_i8(self, v: i8) -> Out {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Out {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Out {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Out {
        Ok(Some(Node::Int(v)))
    }
    fn serialize_u8(self, v: u8) -> Out {
        self.serialize_i64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Out {
        self.serialize_i64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Out {
        self.serialize_i64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Out {
        i64::try_from(v)
            .map(|i| Some(Node::Int(i)))
            .map_err(|_| unsupported("超出范围的整数"))
    }
    fn serialize_f32(self, _v: f32) -> Out {
        Err(unsupported("浮点数"))
    }
    fn serialize_f64(self, _v: f64) -> Out {
        Err(unsupported("浮点数"))
    }
    fn serialize_char(self, v: char) -> Out {
        Ok(Some(Node::Str(v.to_string())))
    }
    fn serialize_str(self, v: &str) -> Out {
        Ok(Some(Node::Str(v.to_owned())))
    }
    fn serialize_bytes(self, _v: &[u8]) -> Out {
        Err(unsupported("字节串"))
    }
    fn serialize_none(self) -> Out {
        Ok(None)
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Out {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Out {
        Err(unsupported("空值"))
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Out {
        Err(unsupported("空值"))
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Out {
        Ok(Some(Node::Str(variant.to_owned())))
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, value: &T) -> Out {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Out {
        Err(unsupported("带数据的枚举"))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<SeqSer, TomlError> {
        Ok(SeqSer(Vec::with_capacity(len.unwrap_or(0))))
    }
    fn serialize_tuple(self, len: usize) -> Result<SeqSer, TomlError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<SeqSer, TomlError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, TomlError> {
        Err(unsupported("带数据的枚举"))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<MapSer, TomlError> {
        Ok(MapSer {
            entries: Vec::new(),
            key: None,
        })
    }
    fn serialize_struct(self, _: &'static str, _len: usize) -> Result<MapSer, TomlError> {
        self.serialize_map(None)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, TomlError> {
        Err(unsupported("带数据的枚举"))
    }
}

struct SeqSer(Vec<Node>);

impl SeqSer {
    fn push<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), TomlError> {
        match value.serialize(Ser)? {
            Some(node) => {
                self.0.push(node);
                Ok(())
            }
            None => Err(unsupported("数组中的空值")),
        }
    }
}

impl ser::SerializeSeq for SeqSer {
    type Ok = Option<Node>;
    type Error = TomlError;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), TomlError> {
        self.push(value)
    }
    fn end(self) -> Out {
        Ok(Some(Node::Array(self.0)))
    }
}

impl ser::SerializeTuple for SeqSer {
    type Ok = Option<Node>;
    type Error = TomlError;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), TomlError> {
        self.push(value)
    }
    fn end(self) -> Out {
        Ok(Some(Node::Array(self.0)))
    }
}

impl ser::SerializeTupleStruct for SeqSer {
    type Ok = Option<Node>;
    type Error = TomlError;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), TomlError> {
        self.push(value)
    }
    fn end(self) -> Out {
        Ok(Some(Node::Array(self.0)))
    }
}

struct MapSer {
    entries: Vec<(String, Node)>,
    key: Option<String>,
}

impl MapSer {
    fn insert(&mut self, key: String, node: Option<Node>) {
        if let Some(node) = node {
            self.entries.push((key, node));
        }
    }
}

impl ser::SerializeMap for MapSer {
    type Ok = Option<Node>;
    type Error = TomlError;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), TomlError> {
        match key.serialize(Ser)? {
            Some(Node::Str(s)) => {
                self.key = Some(s);
                Ok(())
            }
            _ => Err(unsupported("表的键必须是文字")),
        }
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), TomlError> {
        let key = self.key.take().ok_or_else(|| unsupported("表的值缺少键"))?;
        let node = value.serialize(Ser)?;
        self.insert(key, node);
        Ok(())
    }
    fn end(self) -> Out {
        Ok(Some(Node::Table(self.entries)))
    }
}

impl ser::SerializeStruct for MapSer {
    type Ok = Option<Node>;
    type Error = TomlError;
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), TomlError> {
        let node = value.serialize(Ser)?;
        self.insert(key.to_owned(), node);
        Ok(())
    }
    fn end(self) -> Out {
        Ok(Some(Node::Table(self.entries)))
    }
}
