//! TOML text → a tree of [`Item`]s that remember where they were written.
//!
//! TOML 1.0 as a scheme file uses it: comments, bare / quoted / dotted keys, `[table]` and
//! `[[array of tables]]` headers, the four kinds of string with their escapes, integers
//! (decimal with `_`, `0x`, `0o`, `0b`), floats, booleans, arrays and inline tables. A date or
//! time is refused (no scheme setting is one). Every refusal is a [`TomlError`] at the byte
//! where the text stopped making sense, with what was expected, in Chinese.
//!
//! The rules that keep a document unambiguous are enforced as the TOML specification states
//! them: a key is defined once; a table is defined once by a header (an intermediate table a
//! header implied may be defined later, once); a table made by dotted keys is not reopened by a
//! header, nor a header's table extended by dotted keys from outside it; an inline table and a
//! static array are closed.
//!
//! The parser is iterative over the text and recursive only into arrays and inline tables, to a
//! depth of [`MAX_DEPTH`]: hostile nesting is refused, never a stack overflow.

use super::TomlError;
use std::collections::HashMap;

/// Deepest nesting of arrays and inline tables accepted (a scheme file needs three); the keys
/// of a dotted key inside an inline table count as levels too.
pub(crate) const MAX_DEPTH: usize = 64;

/// Most keys in one dotted key or header (`a.b.c`: three; a scheme file needs three). Each key
/// is a level of nested tables: without a bound, `[a.a.….a]` of a few hundred KB would nest
/// tables past the stack's depth (when the tree is dropped) and make every later line walk the
/// whole path.
pub(crate) const MAX_KEYS: usize = 16;

/// A value and the byte offset where it was written.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Item {
    /// The value.
    pub value: Value,
    /// Byte offset of its first character (for a table made by a header: the header's `[`).
    pub at: usize,
}

/// A TOML value.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value {
    /// A string, escapes resolved.
    Str(String),
    /// An integer.
    Int(i64),
    /// A float, parsed from its text (`_` removed) by [`str::parse`]; the scheme's numbers turn
    /// it into a decimal through its shortest representation (`file.rs`).
    Float(f64),
    /// `true` / `false`.
    Bool(bool),
    /// An array: written with `[…]` (static) or made by `[[…]]` headers.
    Array(Vec<Item>, ArrayKind),
    /// A table.
    Table(Table),
}

/// How an array came to be, which decides whether `[[…]]` may append to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ArrayKind {
    /// `key = […]`: closed.
    Static,
    /// `[[key]]` headers: each header appends a table.
    OfTables,
}

/// How a table came to be, which decides what may still be added to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TableKind {
    /// The document itself.
    Root,
    /// Named by a `[header]` (or an element of `[[header]]`).
    Header,
    /// Implied by a longer header (`[a.b]` implies `a`): may be defined by a header later, once.
    Implicit,
    /// Made by a dotted key (`a.b = 1` makes `a`).
    Dotted,
    /// `{ … }`: closed.
    Inline,
}

/// A table: its entries in the order written.
#[derive(Clone, Debug)]
pub(crate) struct Table {
    /// Key, the key's byte offset, and the item.
    pub entries: Vec<(String, usize, Item)>,
    /// How it was made.
    pub kind: TableKind,
    /// Each key's index in `entries`: a file of 1 MiB can hold 200,000 keys, and a linear
    /// search per key would make reading it quadratic.
    index: HashMap<String, usize>,
}

impl PartialEq for Table {
    fn eq(&self, other: &Table) -> bool {
        self.entries == other.entries && self.kind == other.kind
    }
}

impl Table {
    fn new(kind: TableKind) -> Table {
        Table {
            entries: Vec::new(),
            kind,
            index: HashMap::new(),
        }
    }

    fn position(&self, key: &str) -> Option<usize> {
        self.index.get(key).copied()
    }

    /// Appends an entry whose key is not in the table yet; returns its index.
    fn push(&mut self, key: String, key_at: usize, item: Item) -> usize {
        let i = self.entries.len();
        self.index.insert(key.clone(), i);
        self.entries.push((key, key_at, item));
        i
    }
}

/// Parses a whole document into its root table.
pub(crate) fn parse(text: &str) -> Result<Table, TomlError> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        // A UTF-8 byte-order mark (Notepad writes one) is not part of the document.
        i: if text.starts_with('\u{feff}') { 3 } else { 0 },
    };
    let mut root = Table::new(TableKind::Root);
    // The path of the table that key/value lines go into (empty: the root).
    let mut current: Vec<String> = Vec::new();
    loop {
        p.skip_blank_lines()?;
        if p.i >= p.bytes.len() {
            return Ok(root);
        }
        let line_start = p.i;
        if p.peek() == Some(b'[') {
            let array = p.bytes.get(p.i + 1) == Some(&b'[');
            p.i += if array { 2 } else { 1 };
            p.skip_ws();
            let keys = p.key_path()?;
            p.skip_ws();
            let close: &[u8] = if array { b"]]" } else { b"]" };
            if !p.bytes[p.i..].starts_with(close) {
                return Err(p.error(if array {
                    "表头应以 ]] 结束"
                } else {
                    "表头应以 ] 结束"
                }));
            }
            p.i += close.len();
            p.end_of_line()?;
            open_header(&mut root, &keys, array, line_start)?;
            current = keys.into_iter().map(|(k, _)| k).collect();
        } else {
            let keys = p.key_path()?;
            p.skip_ws();
            if p.peek() != Some(b'=') {
                return Err(p.error("键后应为 =（每行写作 键 = 值）"));
            }
            p.i += 1;
            p.skip_ws();
            let value = p.value(0)?;
            p.end_of_line()?;
            let table = table_at(&mut root, &current)
                .ok_or_else(|| TomlError::at(line_start, "内部错误：找不到当前的表".to_owned()))?;
            insert_dotted(table, keys, value)?;
        }
    }
}

/// Opens `[keys]` (or appends to `[[keys]]`) below `root`.
fn open_header(
    root: &mut Table,
    keys: &[(String, usize)],
    array: bool,
    at: usize,
) -> Result<(), TomlError> {
    let Some((last, prefix)) = keys.split_last() else {
        return Err(TomlError::at(at, "表头缺少键".to_owned()));
    };
    let mut table = root;
    for (key, key_at) in prefix {
        let index = match table.position(key) {
            Some(i) => i,
            None => table.push(
                key.clone(),
                *key_at,
                Item {
                    value: Value::Table(Table::new(TableKind::Implicit)),
                    at,
                },
            ),
        };
        table = descend(&mut table.entries[index], *key_at)?;
    }
    let (key, key_at) = last;
    match table.position(key) {
        None => {
            let fresh = Item {
                value: Value::Table(Table::new(TableKind::Header)),
                at,
            };
            let value = if array {
                Value::Array(vec![fresh], ArrayKind::OfTables)
            } else {
                fresh.value
            };
            table.push(key.clone(), *key_at, Item { value, at });
            Ok(())
        }
        Some(i) => {
            let entry = &mut table.entries[i];
            match (&mut entry.2.value, array) {
                (Value::Array(items, ArrayKind::OfTables), true) => {
                    items.push(Item {
                        value: Value::Table(Table::new(TableKind::Header)),
                        at,
                    });
                    Ok(())
                }
                (Value::Table(t), false) if t.kind == TableKind::Implicit => {
                    t.kind = TableKind::Header;
                    Ok(())
                }
                (Value::Table(_), false) => Err(TomlError::at(
                    *key_at,
                    format!("表 [{}] 重复定义", dotted(keys)),
                )),
                _ => Err(TomlError::at(
                    *key_at,
                    format!(
                        "键「{key}」已定义为其他类型的值，不能再作为表头 [{}]",
                        dotted(keys)
                    ),
                )),
            }
        }
    }
}

/// The table an entry holds for a header path: a table not closed, or the last table of an
/// array of tables.
fn descend(entry: &mut (String, usize, Item), key_at: usize) -> Result<&mut Table, TomlError> {
    let key = &entry.0;
    match &mut entry.2.value {
        Value::Table(t) if t.kind != TableKind::Inline => Ok(t),
        Value::Array(items, ArrayKind::OfTables) => match items.last_mut() {
            Some(Item {
                value: Value::Table(t),
                ..
            }) => Ok(t),
            _ => Err(TomlError::at(key_at, format!("「{key}」不是表"))),
        },
        _ => Err(TomlError::at(
            key_at,
            format!("「{key}」已定义为一个值，不能再在其下定义表"),
        )),
    }
}

/// The table at `path`. [`open_header`] made every step of it, and entries never change
/// type, so `None` cannot happen; the caller turns it into an error rather than a panic.
fn table_at<'t>(root: &'t mut Table, path: &[String]) -> Option<&'t mut Table> {
    let mut table = root;
    for key in path {
        let i = table.position(key)?;
        table = match &mut table.entries[i].2.value {
            Value::Table(t) => t,
            Value::Array(items, ArrayKind::OfTables) => {
                match items.last_mut().map(|it| &mut it.value) {
                    Some(Value::Table(t)) => t,
                    _ => return None,
                }
            }
            _ => return None,
        };
    }
    Some(table)
}

/// Inserts `a.b.c = value` into `table`.
fn insert_dotted(
    table: &mut Table,
    keys: Vec<(String, usize)>,
    value: Item,
) -> Result<(), TomlError> {
    let mut keys = keys;
    let Some((last, last_at)) = keys.pop() else {
        return Err(TomlError::at(value.at, "缺少键".to_owned()));
    };
    let mut table = table;
    for (key, key_at) in keys {
        let index = match table.position(&key) {
            Some(i) => i,
            None => table.push(
                key.clone(),
                key_at,
                Item {
                    value: Value::Table(Table::new(TableKind::Dotted)),
                    at: key_at,
                },
            ),
        };
        table = match &mut table.entries[index].2.value {
            Value::Table(t) if t.kind == TableKind::Dotted => t,
            Value::Table(_) => {
                return Err(TomlError::at(
                    key_at,
                    format!("表「{key}」已在别处定义，不能再用带点的键向其中添加"),
                ))
            }
            _ => {
                return Err(TomlError::at(
                    key_at,
                    format!("键「{key}」已定义为一个值，不能再在其下定义键"),
                ))
            }
        };
    }
    if table.position(&last).is_some() {
        return Err(TomlError::at(last_at, format!("键「{last}」重复定义")));
    }
    table.push(last, last_at, value);
    Ok(())
}

fn dotted(keys: &[(String, usize)]) -> String {
    keys.iter()
        .map(|(k, _)| k.as_str())
        .collect::<Vec<_>>()
        .join(".")
}

struct Parser<'t> {
    text: &'t str,
    bytes: &'t [u8],
    i: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.i).copied()
    }

    fn error(&self, message: impl Into<String>) -> TomlError {
        TomlError::at(self.i, message.into())
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.i += 1;
        }
    }

    /// A comment up to the end of its line; control characters other than tab are refused.
    fn skip_comment(&mut self) -> Result<(), TomlError> {
        if self.peek() != Some(b'#') {
            return Ok(());
        }
        while let Some(b) = self.peek() {
            match b {
                b'\n' => break,
                b'\r' if self.bytes.get(self.i + 1) == Some(&b'\n') => break,
                b'\t' => {}
                0..=0x1f | 0x7f => return Err(self.error("注释中有控制字符")),
                _ => {}
            }
            self.i += 1;
        }
        Ok(())
    }

    /// Blank lines and comment lines; stops at the first character of a line with content
    /// (its indentation skipped) or at the end of the text.
    fn skip_blank_lines(&mut self) -> Result<(), TomlError> {
        loop {
            self.skip_ws();
            self.skip_comment()?;
            match self.peek() {
                Some(b'\n') => self.i += 1,
                Some(b'\r') if self.bytes.get(self.i + 1) == Some(&b'\n') => self.i += 2,
                _ => return Ok(()),
            }
        }
    }

    /// After a value or a header: spaces, an optional comment, then a line break or the end.
    fn end_of_line(&mut self) -> Result<(), TomlError> {
        self.skip_ws();
        self.skip_comment()?;
        match self.peek() {
            None | Some(b'\n') => Ok(()),
            Some(b'\r') if self.bytes.get(self.i + 1) == Some(&b'\n') => Ok(()),
            Some(_) => Err(self.error("一行只能写一个 键 = 值（值后只可有 # 注释）")),
        }
    }

    /// `a.b."c d"`: the keys and where each was written.
    fn key_path(&mut self) -> Result<Vec<(String, usize)>, TomlError> {
        let mut keys = Vec::new();
        loop {
            self.skip_ws();
            let at = self.i;
            if keys.len() == MAX_KEYS {
                return Err(self.error(format!("带点的键或表头最多 {MAX_KEYS} 段")));
            }
            let key = self.key()?;
            keys.push((key, at));
            self.skip_ws();
            if self.peek() == Some(b'.') {
                self.i += 1;
            } else {
                return Ok(keys);
            }
        }
    }

    fn key(&mut self) -> Result<String, TomlError> {
        match self.peek() {
            Some(b'"') => {
                if self.bytes[self.i..].starts_with(b"\"\"\"") {
                    return Err(self.error("键不能是多行字符串"));
                }
                self.basic_string()
            }
            Some(b'\'') => {
                if self.bytes[self.i..].starts_with(b"'''") {
                    return Err(self.error("键不能是多行字符串"));
                }
                self.literal_string()
            }
            _ => {
                let start = self.i;
                while matches!(
                    self.peek(),
                    Some(b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-')
                ) {
                    self.i += 1;
                }
                if self.i == start {
                    Err(self.error(
                        "此处应为键（字母、数字、_ 或 -；其他字符的键请加引号，例如 \"东山园区\"）",
                    ))
                } else {
                    Ok(self.text[start..self.i].to_owned())
                }
            }
        }
    }

    fn value(&mut self, depth: usize) -> Result<Item, TomlError> {
        if depth > MAX_DEPTH {
            return Err(self.error(format!("数组或内联表嵌套超过 {MAX_DEPTH} 层")));
        }
        let at = self.i;
        let value = match self.peek() {
            Some(b'"') => {
                if self.bytes[self.i..].starts_with(b"\"\"\"") {
                    Value::Str(self.ml_basic_string()?)
                } else {
                    Value::Str(self.basic_string()?)
                }
            }
            Some(b'\'') => {
                if self.bytes[self.i..].starts_with(b"'''") {
                    Value::Str(self.ml_literal_string()?)
                } else {
                    Value::Str(self.literal_string()?)
                }
            }
            Some(b'[') => self.array(depth)?,
            Some(b'{') => self.inline_table(depth)?,
            Some(b't') if self.bytes[self.i..].starts_with(b"true") => {
                self.i += 4;
                Value::Bool(true)
            }
            Some(b'f') if self.bytes[self.i..].starts_with(b"false") => {
                self.i += 5;
                Value::Bool(false)
            }
            Some(b'+' | b'-' | b'0'..=b'9' | b'i' | b'n') => self.number()?,
            None | Some(b'\n' | b'\r' | b'#') => return Err(self.error("= 后缺少值")),
            Some(_) => {
                return Err(self.error(
                    "无法识别的值：文字请加引号（例如 \"东山园区\"），数写作 6 或 \"0.5\"，开关写作 true / false",
                ))
            }
        };
        // A value runs up to a delimiter; anything glued to it (`6x`, `truex`) is an error.
        match self.peek() {
            None | Some(b' ' | b'\t' | b'\n' | b'\r' | b'#' | b',' | b']' | b'}') => {
                Ok(Item { value, at })
            }
            Some(_) => Err(self.error("值后有多余的字符")),
        }
    }

    fn number(&mut self) -> Result<Value, TomlError> {
        let start = self.i;
        while let Some(b) = self.peek() {
            if b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'_' | b'.') {
                self.i += 1;
            } else {
                break;
            }
        }
        let word = &self.text[start..self.i];
        let bad = |what: &str| TomlError::at(start, format!("「{word}」不是有效的{what}"));
        // A time (`07:32:00`) stops the scan at its colon; a date has a `-` after four digits.
        if self.peek() == Some(b':') || (word.len() >= 10 && word.as_bytes().get(4) == Some(&b'-'))
        {
            return Err(TomlError::at(start, "方案文件不使用日期和时间".to_owned()));
        }
        let (sign, body) = match word.as_bytes().first() {
            Some(b'+') => (1, &word[1..]),
            Some(b'-') => (-1, &word[1..]),
            _ => (1, word),
        };
        if matches!(body, "inf" | "nan") {
            return Ok(Value::Float(if body == "nan" {
                f64::NAN
            } else {
                f64::INFINITY * f64::from(sign)
            }));
        }
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
            if let Some(digits) = body.strip_prefix(prefix) {
                if sign != 1 || word.starts_with('+') || !underscores_ok(digits, radix) {
                    return Err(bad("整数"));
                }
                let clean: String = digits.chars().filter(|&c| c != '_').collect();
                return i64::from_str_radix(&clean, radix)
                    .map(Value::Int)
                    .map_err(|_| bad("整数（超出范围）"));
            }
        }
        let float = body.contains(['.', 'e', 'E']);
        if float {
            // TOML: an integer part without leading zeros, then `.digits` and/or an exponent,
            // each digit run non-empty, `_` only between digits.
            let (mantissa, exponent) = match body.find(['e', 'E']) {
                Some(e) => (&body[..e], Some(&body[e + 1..])),
                None => (body, None),
            };
            let (int_part, frac) = match mantissa.split_once('.') {
                Some((i, f)) => (i, Some(f)),
                None => (mantissa, None),
            };
            let exp_ok = exponent.is_none_or(|e| {
                let e = e.strip_prefix(['+', '-']).unwrap_or(e);
                underscores_ok(e, 10)
            });
            if !decimal_int_ok(int_part) || !frac.is_none_or(|f| underscores_ok(f, 10)) || !exp_ok {
                return Err(bad("数"));
            }
            let clean: String = word.chars().filter(|&c| c != '_').collect();
            return clean
                .parse::<f64>()
                .map(Value::Float)
                .map_err(|_| bad("数"));
        }
        if !decimal_int_ok(body) {
            return Err(bad("整数"));
        }
        let clean: String = word.chars().filter(|&c| c != '_').collect();
        clean
            .parse::<i64>()
            .map(Value::Int)
            .map_err(|_| bad("整数（超出范围）"))
    }

    fn array(&mut self, depth: usize) -> Result<Value, TomlError> {
        self.i += 1; // [
        let mut items = Vec::new();
        loop {
            self.skip_array_space()?;
            if self.peek() == Some(b']') {
                self.i += 1;
                return Ok(Value::Array(items, ArrayKind::Static));
            }
            items.push(self.value(depth + 1)?);
            self.skip_array_space()?;
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b']') => {
                    self.i += 1;
                    return Ok(Value::Array(items, ArrayKind::Static));
                }
                _ => return Err(self.error("数组的元素之间应以逗号分隔，并以 ] 结束")),
            }
        }
    }

    /// Inside an array: spaces, comments and line breaks.
    fn skip_array_space(&mut self) -> Result<(), TomlError> {
        loop {
            self.skip_ws();
            self.skip_comment()?;
            match self.peek() {
                Some(b'\n') => self.i += 1,
                Some(b'\r') if self.bytes.get(self.i + 1) == Some(&b'\n') => self.i += 2,
                None => return Err(self.error("数组缺少结尾的 ]")),
                _ => return Ok(()),
            }
        }
    }

    fn inline_table(&mut self, depth: usize) -> Result<Value, TomlError> {
        self.i += 1; // {
        let mut table = Table::new(TableKind::Inline);
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.i += 1;
            return Ok(Value::Table(table));
        }
        loop {
            self.skip_ws();
            let keys = self.key_path()?;
            self.skip_ws();
            if self.peek() != Some(b'=') {
                return Err(self.error("内联表中键后应为 ="));
            }
            self.i += 1;
            self.skip_ws();
            let value = self.value(depth + keys.len())?;
            insert_dotted(&mut table, keys, value)?;
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b'}') => {
                    self.i += 1;
                    // Tables made by dotted keys inside an inline table are closed with it.
                    close(&mut table);
                    return Ok(Value::Table(table));
                }
                _ => return Err(self.error("内联表应写在一行内，项之间以逗号分隔，并以 } 结束")),
            }
        }
    }

    fn basic_string(&mut self) -> Result<String, TomlError> {
        let start = self.i;
        self.i += 1;
        let mut out = String::new();
        loop {
            match self.text[self.i..].chars().next() {
                Some('"') => {
                    self.i += 1;
                    return Ok(out);
                }
                Some('\\') => self.escape(&mut out)?,
                None | Some('\n' | '\r') => {
                    return Err(TomlError::at(start, "字符串缺少结尾的引号 \"".to_owned()))
                }
                Some(c) => self.content_char(c, false, &mut out)?,
            }
        }
    }

    fn ml_basic_string(&mut self) -> Result<String, TomlError> {
        let start = self.i;
        self.i += 3;
        self.trim_first_newline();
        let mut out = String::new();
        loop {
            if self.ml_close(b'"', &mut out) {
                return Ok(out);
            }
            match self.text[self.i..].chars().next() {
                None => {
                    return Err(TomlError::at(
                        start,
                        "多行字符串缺少结尾的 \"\"\"".to_owned(),
                    ))
                }
                Some('\\') => {
                    // A line-ending backslash swallows the break and the next line's indent.
                    let mut j = self.i + 1;
                    while matches!(self.bytes.get(j), Some(b' ' | b'\t')) {
                        j += 1;
                    }
                    if matches!(self.bytes.get(j), Some(b'\n'))
                        || self.bytes[j..].starts_with(b"\r\n")
                    {
                        self.i = j;
                        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n'))
                            || self.bytes[self.i..].starts_with(b"\r\n")
                        {
                            self.i += 1;
                        }
                    } else {
                        self.escape(&mut out)?;
                    }
                }
                Some(c) => self.content_char(c, true, &mut out)?,
            }
        }
    }

    fn literal_string(&mut self) -> Result<String, TomlError> {
        let start = self.i;
        self.i += 1;
        let mut out = String::new();
        loop {
            match self.text[self.i..].chars().next() {
                Some('\'') => {
                    self.i += 1;
                    return Ok(out);
                }
                None | Some('\n' | '\r') => {
                    return Err(TomlError::at(start, "字符串缺少结尾的引号 '".to_owned()))
                }
                Some(c) => self.content_char(c, false, &mut out)?,
            }
        }
    }

    fn ml_literal_string(&mut self) -> Result<String, TomlError> {
        let start = self.i;
        self.i += 3;
        self.trim_first_newline();
        let mut out = String::new();
        loop {
            if self.ml_close(b'\'', &mut out) {
                return Ok(out);
            }
            match self.text[self.i..].chars().next() {
                None => return Err(TomlError::at(start, "多行字符串缺少结尾的 '''".to_owned())),
                Some(c) => self.content_char(c, true, &mut out)?,
            }
        }
    }

    /// At a multi-line string's closing `"""` or `'''`: consumes it, with up to two more
    /// quotes, which end the content (`""""` closes after one `"`), and says so.
    fn ml_close(&mut self, quote: u8, out: &mut String) -> bool {
        if !self.bytes[self.i..].starts_with(&[quote; 3]) {
            return false;
        }
        let mut quotes = 3;
        while quotes < 5 && self.bytes.get(self.i + quotes) == Some(&quote) {
            quotes += 1;
        }
        out.extend(std::iter::repeat_n(char::from(quote), quotes - 3));
        self.i += quotes;
        true
    }

    /// One character of a string's content, `c` at `self.i`: a tab; in a multi-line string a
    /// line break (`\r\n` read as `\n`); any character but a control character, which TOML
    /// admits only escaped.
    fn content_char(
        &mut self,
        c: char,
        multi_line: bool,
        out: &mut String,
    ) -> Result<(), TomlError> {
        match c {
            '\t' => self.i += 1,
            '\n' if multi_line => self.i += 1,
            '\r' if multi_line && self.bytes.get(self.i + 1) == Some(&b'\n') => {
                out.push('\n');
                self.i += 2;
                return Ok(());
            }
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                return Err(self.error("字符串中有控制字符（换行、制表符以外的请写成 \\n 等转义）"))
            }
            c => self.i += c.len_utf8(),
        }
        out.push(c);
        Ok(())
    }

    fn trim_first_newline(&mut self) {
        if self.peek() == Some(b'\n') {
            self.i += 1;
        } else if self.bytes[self.i..].starts_with(b"\r\n") {
            self.i += 2;
        }
    }

    /// `\x` at `self.i`: pushes what it stands for.
    fn escape(&mut self, out: &mut String) -> Result<(), TomlError> {
        let at = self.i;
        let code = self.bytes.get(self.i + 1).copied();
        let simple = match code {
            Some(b'b') => Some('\u{8}'),
            Some(b't') => Some('\t'),
            Some(b'n') => Some('\n'),
            Some(b'f') => Some('\u{c}'),
            Some(b'r') => Some('\r'),
            Some(b'"') => Some('"'),
            Some(b'\\') => Some('\\'),
            _ => None,
        };
        if let Some(c) = simple {
            out.push(c);
            self.i += 2;
            return Ok(());
        }
        let digits = match code {
            Some(b'u') => 4,
            Some(b'U') => 8,
            _ => {
                return Err(TomlError::at(
                    at,
                    "无效的转义（可用 \\\" \\\\ \\n \\t \\r \\b \\f \\uXXXX \\UXXXXXXXX）"
                        .to_owned(),
                ))
            }
        };
        let hex = self
            .text
            .get(self.i + 2..self.i + 2 + digits)
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
        let c = hex
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .and_then(char::from_u32)
            .ok_or_else(|| TomlError::at(at, "无效的 Unicode 转义".to_owned()))?;
        out.push(c);
        self.i += 2 + digits;
        Ok(())
    }
}

/// Marks the dotted-key tables inside a finished inline table as closed too.
fn close(table: &mut Table) {
    table.kind = TableKind::Inline;
    for (_, _, item) in &mut table.entries {
        if let Value::Table(t) = &mut item.value {
            close(t);
        }
    }
}

/// Digits of `radix` with single `_` only between digits; not empty.
fn underscores_ok(digits: &str, radix: u32) -> bool {
    let b = digits.as_bytes();
    !b.is_empty()
        && b.first() != Some(&b'_')
        && b.last() != Some(&b'_')
        && !digits.contains("__")
        && digits.chars().all(|c| c == '_' || c.is_digit(radix))
}

/// A decimal integer part: `0`, or digits without a leading zero.
fn decimal_int_ok(digits: &str) -> bool {
    underscores_ok(digits, 10) && (digits == "0" || !digits.starts_with('0'))
}
