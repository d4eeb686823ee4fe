//! [`Session`]: the user's work as JSON — the round's files as text with their edits, the log
//! of changes, the settings, the decisions of conflicts and awards, and the round's facts —
//! for local storage (autosave) and for 保存会话 / 打开会话 files.
//!
//! The files' bytes are not kept (a workbook can be megabytes, local storage holds about
//! five): the tables already are everything validation needs. Version 1 (one table, its
//! edits, the 园区公共服务平台 choice) and version 2 are still read. A session is written as
//! version 2 unless its log inserts or deletes rows: that needs version 3 (a version 2 reader
//! would take a row's change for a cell's and undo it wrongly, so it must refuse it).

use crate::state::document::RowOp;
use crate::state::{AppState, CellRef, FileId, LoggedChange, Settings};
use parkscore::import::merge::Choices;
use parkscore::import::RawTable;
use parkscore::round::{AwardDecision, Change, RoundFacts};
use parkscore::ParkName;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The format's newest version; a newer one is refused. A session without rows inserted or
/// deleted is written as [`SESSION_VERSION_CELLS`], so that the versions before still read it.
pub const SESSION_VERSION: u32 = 3;

/// The version written when the log changes cells only (read by every version since 2).
pub const SESSION_VERSION_CELLS: u32 = 2;

/// Files a round holds at most (a city has a handful of bureaus; a province a few dozen).
pub const MAX_FILES: usize = 100;

/// Changes a saved log holds at most.
pub const MAX_LOG: usize = 100_000;

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

/// One file of the round.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionFile {
    /// The table, edits applied.
    pub table: RawTable,
    /// The cells edited, with their loaded text.
    #[serde(default)]
    pub edits: Vec<Edit>,
}

/// One change of the log, its file by index in [`Session::files`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionChange {
    /// The file's index.
    pub file: usize,
    /// The cell.
    pub cell: CellRef,
    /// The change.
    pub change: Change,
    /// One step of undo with the change before (a paste's cells after the first).
    #[serde(default, skip_serializing_if = "crate::state::document::is_false")]
    pub joined: bool,
    /// A row inserted or deleted (version 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<RowOp>,
}

/// The user's work, saved and restored as a whole.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// Always [`SESSION_KIND`].
    pub kind: String,
    /// [`SESSION_VERSION`] when written.
    pub version: u32,
    /// The round's files, in order.
    #[serde(default)]
    pub files: Vec<SessionFile>,
    /// The index of the file shown in the grid.
    #[serde(default)]
    pub active: usize,
    /// The changes made, oldest first.
    #[serde(default)]
    pub log: Vec<SessionChange>,
    /// The changes taken back (for redo), the last taken back last.
    #[serde(default)]
    pub undone: Vec<SessionChange>,
    /// The reading chosen.
    pub settings: Settings,
    /// The decisions of conflicts between files.
    #[serde(default)]
    pub choices: Choices,
    /// The round's facts.
    #[serde(default)]
    pub round: RoundFacts,
    /// The committee's award decisions.
    #[serde(default)]
    pub decisions: Vec<AwardDecision>,
    /// The scheme the work is scored under, as its TOML file, when it is not the built-in
    /// one (absent: the built-in 赤峰 2020 scheme). A reader without this field scores the
    /// work under the built-in scheme.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheme: Option<String>,
    /// Version 1: the one table (read, never written).
    #[serde(default, skip_serializing)]
    pub table: Option<RawTable>,
    /// Version 1: its edits.
    #[serde(default, skip_serializing)]
    pub edits: Vec<Edit>,
    /// Version 1: the park chosen for 园区公共服务平台.
    #[serde(default, skip_serializing)]
    pub platform_choice: Option<ParkName>,
}

/// A session taken apart for the state to restore.
#[derive(Clone, Debug, PartialEq)]
pub struct Restored {
    /// The files with their edited cells' loaded text.
    pub files: Vec<(RawTable, BTreeMap<CellRef, String>)>,
    /// The index of the file shown.
    pub active: usize,
    /// The log, files by index (`FileId(index)`).
    pub log: Vec<LoggedChange>,
    /// What was undone, files by index.
    pub undone: Vec<LoggedChange>,
    /// The reading.
    pub settings: Settings,
    /// Conflict decisions.
    pub choices: Choices,
    /// The round's facts.
    pub round: RoundFacts,
    /// Award decisions (version 1's platform choice among them).
    pub decisions: Vec<AwardDecision>,
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
    /// Beyond what a round can hold (files, rows, columns, cell length, log entries): what.
    TooBig(String),
}

impl fmt::Display for SessionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // The JSON parser's own words (English) stay in the value, not on screen.
            SessionError::Malformed(_) => {
                f.write_str("会话文件无法读取：不是本工具保存的会话，或文件已损坏")
            }
            SessionError::NotASession => f.write_str("这不是本工具保存的会话文件"),
            SessionError::TooBig(what) => {
                write!(f, "会话文件超出本工具的上限，未打开：{what}")
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
    /// The session of `state`'s work.
    pub fn of(state: &AppState) -> Session {
        let index = |id: FileId| state.doc.index(id).unwrap_or(usize::MAX);
        let change = |l: &LoggedChange| SessionChange {
            file: index(l.file),
            cell: l.cell,
            change: l.change.clone(),
            joined: l.joined,
            row: l.row.clone(),
        };
        let rows_changed = state
            .doc
            .log()
            .iter()
            .chain(state.doc.undone())
            .any(|l| l.row.is_some());
        Session {
            kind: SESSION_KIND.to_owned(),
            version: if rows_changed {
                SESSION_VERSION
            } else {
                SESSION_VERSION_CELLS
            },
            files: state
                .doc
                .files()
                .iter()
                .map(|f| SessionFile {
                    table: RawTable::clone(&f.table),
                    edits: f
                        .originals
                        .iter()
                        .map(|(cell, original)| Edit {
                            cell: *cell,
                            original: original.clone(),
                        })
                        .collect(),
                })
                .collect(),
            active: state.active.and_then(|id| state.doc.index(id)).unwrap_or(0),
            log: state.doc.log().iter().map(change).collect(),
            undone: state.doc.undone().iter().map(change).collect(),
            settings: state.settings.clone(),
            choices: Choices::clone(&state.choices),
            round: state.round.clone(),
            decisions: state.decisions.clone(),
            scheme: (!state.scheme_is_builtin()).then(|| state.scheme.to_toml()),
            table: None,
            edits: Vec::new(),
            platform_choice: None,
        }
    }

    /// The session's parts, a version 1 session read as a round of one file. The award left
    /// to the committee is named by `open_award` (the scheme's special award without a
    /// measuring group) for version 1's platform choice.
    pub fn into_parts(self, open_award: Option<&str>) -> Restored {
        let edits =
            |list: Vec<Edit>| parkscore::order::map(list.into_iter().map(|e| (e.cell, e.original)));
        let mut files: Vec<(RawTable, BTreeMap<CellRef, String>)> = self
            .files
            .into_iter()
            .map(|f| (f.table, edits(f.edits)))
            .collect();
        if let Some(table) = self.table {
            files.insert(0, (table, edits(self.edits)));
        }
        let logged = |c: SessionChange| LoggedChange {
            file: FileId(u32::try_from(c.file).unwrap_or(u32::MAX)),
            cell: c.cell,
            change: c.change,
            joined: c.joined,
            row: c.row,
        };
        let mut decisions = self.decisions;
        if let (Some(park), Some(award)) = (self.platform_choice, open_award) {
            if !decisions.iter().any(|d| d.award == award) {
                decisions.push(AwardDecision {
                    award: award.to_owned(),
                    park,
                    note: String::new(),
                });
            }
        }
        Restored {
            files,
            active: self.active,
            log: self.log.into_iter().map(logged).collect(),
            undone: self.undone.into_iter().map(logged).collect(),
            settings: self.settings,
            choices: self.choices,
            round: self.round,
            decisions,
        }
    }

    /// The session as pretty JSON.
    pub fn to_json(&self) -> String {
        // A session holds only strings, numbers and enums: serialising it cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Reads a session written by [`Session::to_json`] (or by a version 1 parkscore).
    pub fn from_json(text: &str) -> Result<Session, SessionError> {
        let text = text.trim_start_matches('\u{feff}');
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| SessionError::Malformed(e.to_string()))?;
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
        drop(value);
        // Read again from the text, not from the tree: `from_value` would build a second copy
        // of every session type's reading code in the page (the `Value` deserialiser's), some
        // 26 KB of its wasm (issue 14); the text's deserialiser is there anyway. A judgement
        // call: a key written twice in one object (only a hand-edited file has one) is now
        // refused as malformed, where the tree kept the last.
        let session: Session =
            serde_json::from_str(text).map_err(|e| SessionError::Malformed(e.to_string()))?;
        session.check_limits()?;
        Ok(session)
    }

    /// A session is a user's file like any other: its tables are held to the import's limits
    /// (rows, columns, characters a cell), a round to [`MAX_FILES`] files and its log to
    /// [`MAX_LOG`] changes, so that no session can make the page allocate or render without
    /// bound.
    fn check_limits(&self) -> Result<(), SessionError> {
        use parkscore::import::{MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS, ROW_SLACK};
        let tables: Vec<&RawTable> = self
            .table
            .iter()
            .chain(self.files.iter().map(|f| &f.table))
            .collect();
        let too = |what: String| Err(SessionError::TooBig(what));
        if tables.len() > MAX_FILES {
            return too(format!(
                "{} 个文件（一轮最多 {MAX_FILES} 个）",
                tables.len()
            ));
        }
        for t in tables {
            if t.rows.len() > MAX_ROWS + ROW_SLACK {
                return too(format!(
                    "「{}」有 {} 行（最多 {MAX_ROWS} 行数据）",
                    t.file_name,
                    t.rows.len()
                ));
            }
            for row in &t.rows {
                if row.cells.len() > MAX_COLUMNS {
                    return too(format!(
                        "「{}」第 {} 行超过 {MAX_COLUMNS} 列",
                        t.file_name, row.number
                    ));
                }
                if row.cells.iter().any(|c| c.chars().count() > MAX_CELL_CHARS) {
                    return too(format!(
                        "「{}」第 {} 行有单元格超过 {MAX_CELL_CHARS} 个字符",
                        t.file_name, row.number
                    ));
                }
            }
        }
        if self.log.len() + self.undone.len() > MAX_LOG {
            return too(format!("修改记录超过 {MAX_LOG} 条"));
        }
        // A deleted row kept for undo is held to the same limits as a table's rows.
        for c in self.log.iter().chain(&self.undone) {
            if let Some(RowOp::Deleted { row, originals, .. }) = &c.row {
                if row.cells.len() > MAX_COLUMNS
                    || originals.len() > MAX_COLUMNS
                    || row
                        .cells
                        .iter()
                        .chain(originals.iter().map(|(_, t)| t.as_str()))
                        .any(|c| c.chars().count() > MAX_CELL_CHARS)
                {
                    return too(format!(
                        "修改记录中删除的第 {} 行超过 {MAX_COLUMNS} 列或单元格过长",
                        row.number
                    ));
                }
            }
        }
        Ok(())
    }

    /// The file name offered when saving: `工业园区评价会话-<first file's name without
    /// extension>.json` (`…等3个文件` for a round of several).
    pub fn file_name(&self) -> String {
        let first = self
            .files
            .first()
            .map(|f| &f.table)
            .or(self.table.as_ref())
            .map_or("", |t| t.file_name.as_str());
        let stem = first.rsplit_once('.').map_or(first, |(stem, _)| stem);
        let count = self.files.len() + usize::from(self.table.is_some());
        if count > 1 {
            format!("工业园区评价会话-{stem}等{count}个文件.json")
        } else {
            format!("工业园区评价会话-{stem}.json")
        }
    }
}
