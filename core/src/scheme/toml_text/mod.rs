//! The scheme file's TOML, read and written by the core itself.
//!
//! A scheme file is small, and what it needs of TOML is fixed: keys and tables, strings,
//! integers, the odd float, booleans and arrays. Reading it here rather than through a general
//! TOML library does two things for the user: every syntax or type mistake is reported in
//! Chinese at its line and column (`第 12 行第 7 列：未知的设置「bureua」…`), and the page
//! carries about 150 KB less code.
//!
//! - [`parse`](parse::parse): text → a tree that remembers where each key and value was written
//!   (TOML 1.0's syntax and its rules against defining anything twice).
//! - [`from_str`]: that tree handed to serde, so the file's types (`file.rs`) keep their derives;
//!   an error raised anywhere below a value is placed at that value, or at the key it names.
//! - [`to_string`]: a serialisable value written in the form `toml::to_string_pretty` (toml
//!   0.8) gave, byte for byte, because a scheme's fingerprint is the SHA-256 of that text: a
//!   fingerprint printed by an older build stays the fingerprint of the same rules. A test
//!   compares both writers on every preset and on generated schemes.

mod de;
mod parse;
mod ser;

use std::fmt;

pub(crate) use de::from_str;
pub(crate) use ser::to_string;

/// A mistake in a scheme file's text: where, and what was expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TomlError {
    /// Byte offset into the text, once known.
    at: Option<usize>,
    /// What is wrong, in Chinese.
    message: String,
}

impl TomlError {
    pub(crate) fn at(at: usize, message: String) -> TomlError {
        TomlError {
            at: Some(at),
            message,
        }
    }

    /// The message with its place in `text`: `第 3 行第 5 列：…` (the column counts
    /// characters, as an editor shows them).
    pub(crate) fn located(&self, text: &str) -> String {
        let Some(at) = self.at else {
            return self.message.clone();
        };
        let at = floor_char_boundary(text, at.min(text.len()));
        let before = &text[..at];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = text[line_start..at].chars().count() + 1;
        format!("第 {line} 行第 {column} 列：{}", self.message)
    }
}

impl fmt::Display for TomlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for TomlError {}

/// The largest char boundary at or below `i` (`str::floor_char_boundary` is not stable).
fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests;
