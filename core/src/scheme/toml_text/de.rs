//! The parsed tree handed to serde: `Deserialize` types read a scheme file as they would any
//! format, and every error they raise comes back in Chinese at the value or key it is about.
//!
//! serde's derived code words its errors in English (`unknown field`, `invalid type: …,
//! expected a string`); [`TomlError`] implements each of `serde::de::Error`'s constructors,
//! so those are phrased here instead, from their structured parts. A custom message (the
//! scheme types' own, already Chinese) is kept as it is.

use super::parse::{parse, Item, Table, Value};
use super::TomlError;
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Expected, IntoDeserializer, MapAccess, SeqAccess,
    Unexpected, Visitor,
};
use std::fmt;

/// Parses `text` and deserialises it as a `T`; the error carries its line and column.
pub(crate) fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    let root = parse(text).map_err(|e| e.located(text))?;
    let item = Item {
        value: Value::Table(root),
        at: 0,
    };
    T::deserialize(ItemDe(&item)).map_err(|e| e.located(text))
}

impl de::Error for TomlError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        TomlError {
            at: None,
            message: msg.to_string(),
        }
    }

    fn invalid_type(unexp: Unexpected<'_>, exp: &dyn Expected) -> Self {
        TomlError::custom(format!(
            "应为{}，这里是{}",
            expected_zh(exp),
            unexpected_zh(&unexp)
        ))
    }

    fn invalid_value(unexp: Unexpected<'_>, exp: &dyn Expected) -> Self {
        TomlError::custom(format!(
            "{}不可用，应为{}",
            unexpected_zh(&unexp),
            expected_zh(exp)
        ))
    }

    fn invalid_length(len: usize, exp: &dyn Expected) -> Self {
        TomlError::custom(format!("有 {len} 项，应为{}", expected_zh(exp)))
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        TomlError::custom(format!(
            "未知的取值「{variant}」，可用的取值：{}",
            expected.join("、")
        ))
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        TomlError::custom(format!(
            "未知的设置「{field}」（此处可用的设置：{}）",
            expected.join("、")
        ))
    }

    fn missing_field(field: &'static str) -> Self {
        TomlError::custom(format!("缺少设置「{field}」"))
    }

    fn duplicate_field(field: &'static str) -> Self {
        TomlError::custom(format!("设置「{field}」重复"))
    }
}

impl TomlError {
    /// Places an error raised below a value at that value, unless a deeper place is known.
    fn or_at(mut self, at: usize) -> TomlError {
        self.at.get_or_insert(at);
        self
    }
}

/// What a visitor expected, in Chinese: the scheme's own visitors already say it in Chinese;
/// serde's built-in ones are named by what they read.
fn expected_zh(exp: &dyn Expected) -> String {
    let text = exp.to_string();
    if !text.is_ascii() {
        return text;
    }
    let zh = match text.as_str() {
        "a string" | "a borrowed string" | "a character" => "文字（加引号，例如 \"东山园区\"）",
        "a sequence" | "a tuple" => "数组（例如 [\"a\", \"b\"]）",
        "a boolean" => "开关值 true 或 false",
        "a map" => "表",
        t if t.starts_with("struct ") || t.starts_with("a map") => "表",
        t if t.starts_with("enum ") || t.contains("variant") => "一个取值（加引号的文字）",
        "u8" | "u16" | "u32" | "u64" | "usize" => "不小于 0 的整数",
        "i8" | "i16" | "i32" | "i64" | "isize" => "整数",
        t if t.starts_with("an integer") || t.starts_with("integer") => "整数",
        "f32" | "f64" | "a number" => "数",
        // Whatever else serde names (the file's types use none of it today): never its English.
        _ => "其他类型的值",
    };
    zh.to_owned()
}

/// What the file has instead, in Chinese.
fn unexpected_zh(unexp: &Unexpected<'_>) -> String {
    match unexp {
        Unexpected::Bool(b) => format!("开关值 {b}"),
        Unexpected::Unsigned(n) => format!("整数 {n}"),
        Unexpected::Signed(n) => format!("整数 {n}"),
        Unexpected::Float(f) => format!("数 {f}"),
        Unexpected::Char(c) => format!("文字「{c}」"),
        Unexpected::Str(s) => format!("文字「{s}」"),
        Unexpected::Seq => "数组".to_owned(),
        Unexpected::Map => "表".to_owned(),
        Unexpected::Unit | Unexpected::Option => "空值".to_owned(),
        Unexpected::Bytes(_) => "字节串".to_owned(),
        Unexpected::NewtypeStruct | Unexpected::StructVariant | Unexpected::TupleVariant => {
            "表".to_owned()
        }
        Unexpected::UnitVariant | Unexpected::NewtypeVariant | Unexpected::Enum => {
            "一个取值".to_owned()
        }
        Unexpected::Other(s) => (*s).to_owned(),
    }
}

/// A value of the tree as a serde `Deserializer`.
struct ItemDe<'a>(&'a Item);

impl<'de> de::Deserializer<'de> for ItemDe<'_> {
    type Error = TomlError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TomlError> {
        let at = self.0.at;
        let result = match &self.0.value {
            Value::Str(s) => visitor.visit_str(s),
            Value::Int(i) => visitor.visit_i64(*i),
            Value::Float(f) => visitor.visit_f64(*f),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Array(items, _) => visitor.visit_seq(Seq {
                items: items.iter(),
            }),
            Value::Table(table) => visitor.visit_map(Map::new(table)),
        };
        result.map_err(|e| e.or_at(at))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TomlError> {
        let at = self.0.at;
        visitor.visit_some(self).map_err(|e| e.or_at(at))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, TomlError> {
        let at = self.0.at;
        visitor.visit_newtype_struct(self).map_err(|e| e.or_at(at))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, TomlError> {
        let at = self.0.at;
        match &self.0.value {
            // A unit variant written as its name: `direction = "lower_is_better"`.
            Value::Str(s) => visitor
                .visit_enum(IntoDeserializer::<TomlError>::into_deserializer(s.as_str()))
                .map_err(|e| e.or_at(at)),
            _ => self.deserialize_any(visitor),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

/// An array's items.
struct Seq<'a> {
    items: std::slice::Iter<'a, Item>,
}

impl<'de> SeqAccess<'de> for Seq<'_> {
    type Error = TomlError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, TomlError> {
        match self.items.next() {
            Some(item) => seed.deserialize(ItemDe(item)).map(Some),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// A table's entries; a key's errors (an unknown setting) are placed at the key.
struct Map<'a> {
    entries: std::slice::Iter<'a, (String, usize, Item)>,
    value: Option<&'a Item>,
}

impl<'a> Map<'a> {
    fn new(table: &'a Table) -> Map<'a> {
        Map {
            entries: table.entries.iter(),
            value: None,
        }
    }
}

impl<'de> MapAccess<'de> for Map<'_> {
    type Error = TomlError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, TomlError> {
        let Some((key, key_at, item)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(item);
        seed.deserialize(IntoDeserializer::<TomlError>::into_deserializer(
            key.as_str(),
        ))
        .map(Some)
        .map_err(|e| e.or_at(*key_at))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, TomlError> {
        match self.value.take() {
            Some(item) => seed.deserialize(ItemDe(item)),
            None => Err(<TomlError as de::Error>::custom(
                "内部错误：表的值先于键读取",
            )),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}
