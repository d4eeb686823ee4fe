//! [`Session`]: the user's work as JSON — the table as text with its edits, the settings and
//! the choices — for local storage (autosave) and for 保存会话 / 打开会话 files.
//!
//! The file's bytes are not kept (a workbook can be megabytes, local storage holds about five):
//! the table already is everything validation needs.

use crate::state::{CellRef, Settings};
use parkscore::import::RawTable;
use parkscore::ParkName;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The format's version, written into every session; a newer one is refused.
pub const SESSION_VERSION: u32 = 1;

/// What marks a file as a parkscore session.
pub const SESSION_KIND: &str = "parkscore-session";

/// One edited cell and the text it had when the file was loaded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edit {
    /// The cell.
    pub cell: CellRef,
    /// Its text as loaded.
    pub original: String,
}

/// The user's work, saved and restored as a whole.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// Always [`SESSION_KIND`].
    pub kind: String,
    /// [`SESSION_VERSION`] when written.
    pub version: u32,
    /// The table, edits applied.
    pub table: RawTable,
    /// The cells edited, with their loaded text.
    pub edits: Vec<Edit>,
    /// The reading chosen.
    pub settings: Settings,
    /// The park chosen for 园区公共服务平台.
    pub platform_choice: Option<ParkName>,
}

/// Why a session could not be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SessionError {
    /// Not JSON, or not the shape of a session.
    Malformed(String),
    /// JSON, but not a parkscore session.
    NotASession,
    /// Written by a newer parkscore.
    TooNew(u32),
}

impl fmt::Display for SessionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SessionError::Malformed(detail) => {
                write!(f, "会话文件无法读取：不是 parkscore 保存的会话（{detail}）")
            }
            SessionError::NotASession => {
                f.write_str("这不是 parkscore 保存的会话文件（缺少 \"kind\": \"parkscore-session\"）")
            }
            SessionError::TooNew(v) => write!(
                f,
                "会话文件的版本为 {v}，本工具只能打开版本 {SESSION_VERSION} 及以前的会话，请使用新版工具"
            ),
        }
    }
}

impl std::error::Error for SessionError {}

impl Session {
    /// A session of the current version.
    pub fn new(
        table: RawTable,
        edits: BTreeMap<CellRef, String>,
        settings: Settings,
        platform_choice: Option<ParkName>,
    ) -> Session {
        Session {
            kind: SESSION_KIND.to_owned(),
            version: SESSION_VERSION,
            table,
            edits: edits
                .into_iter()
                .map(|(cell, original)| Edit { cell, original })
                .collect(),
            settings,
            platform_choice,
        }
    }

    /// The session as pretty JSON.
    pub fn to_json(&self) -> String {
        // A session holds only strings, numbers and enums: serialising it cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Reads a session written by [`Session::to_json`].
    pub fn from_json(text: &str) -> Result<Session, SessionError> {
        let value: serde_json::Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
            .map_err(|e| SessionError::Malformed(e.to_string()))?;
        if value.get("kind").and_then(|k| k.as_str()) != Some(SESSION_KIND) {
            return Err(SessionError::NotASession);
        }
        let version = value
            .get("version")
            .and_then(serde_json::Value::as_u64)
            .unwrap_or(0);
        if version > u64::from(SESSION_VERSION) {
            return Err(SessionError::TooNew(
                u32::try_from(version).unwrap_or(u32::MAX),
            ));
        }
        serde_json::from_value(value).map_err(|e| SessionError::Malformed(e.to_string()))
    }

    /// The file name offered when saving: `parkscore-会话-<source name without extension>.json`.
    pub fn file_name(&self) -> String {
        let stem = self
            .table
            .file_name
            .rsplit_once('.')
            .map_or(self.table.file_name.as_str(), |(stem, _)| stem);
        format!("parkscore-会话-{stem}.json")
    }
}
