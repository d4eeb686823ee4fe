//! The document: the round's files as text, each with the user's edits, and the log of
//! changes with undo and redo.
//!
//! A file stays the text the user sees and edits (validation always starts again from it), so
//! nothing typed is lost. Every edit is logged as a [`Change`] (before → after, the time the
//! caller's clock gave, an optional reason added later); undo takes the last change back and
//! keeps it for redo, a new edit forgets what could be redone. The keystrokes of one edit
//! (`3`, `38`, `38.6` typed into a cell) are one change: an edit of the cell last edited joins
//! its change until the cell is left ([`Document::seal`]), another cell is edited, or the
//! change is undone or given a reason. A file is identified by a
//! [`FileId`] that stays the same while other files come and go.
//!
//! Plain Rust, no browser: the reducer ([`super::AppState`]) calls it, the native tests test it.

use super::CellRef;
use parkscore::import::RawTable;
use parkscore::round::Change;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::rc::Rc;

/// A file of the round, stable while other files are added and removed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct FileId(pub u32);

/// One file of the round.
#[derive(Clone, Debug, PartialEq)]
pub struct DataFile {
    /// Its id.
    pub id: FileId,
    /// The table as text, edits applied.
    pub table: Rc<RawTable>,
    /// The file's bytes, to read another of its worksheets (not after a restore).
    pub bytes: Option<Rc<Vec<u8>>>,
    /// The cells edited, with the text they had when loaded.
    pub originals: BTreeMap<CellRef, String>,
}

impl DataFile {
    /// The file's name.
    pub fn name(&self) -> &str {
        &self.table.file_name
    }
}

/// A logged change, with the file and cell it is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoggedChange {
    /// The file.
    pub file: FileId,
    /// The cell.
    pub cell: CellRef,
    /// What changed, as printed.
    pub change: Change,
}

/// Where an edit is, as printed in the log: the park of its row and its column's header.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EditPlace {
    /// The park of the row, when it is a park's.
    pub park: Option<String>,
    /// The column's header (or its letter).
    pub column: String,
}

/// The round's files and the log of their changes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    files: Vec<DataFile>,
    next_id: u32,
    /// The changes made, oldest first.
    log: Vec<LoggedChange>,
    /// The changes taken back, the last taken back last.
    undone: Vec<LoggedChange>,
    /// The cell whose change is still being typed (the last change's), until sealed.
    open: Option<(FileId, CellRef)>,
}

impl Document {
    /// The files, in order.
    pub fn files(&self) -> &[DataFile] {
        &self.files
    }

    /// Whether there is no file.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The file `id`.
    pub fn file(&self, id: FileId) -> Option<&DataFile> {
        self.files.iter().find(|f| f.id == id)
    }

    /// The index of file `id`.
    pub fn index(&self, id: FileId) -> Option<usize> {
        self.files.iter().position(|f| f.id == id)
    }

    /// The file named `name`.
    pub fn by_name(&self, name: &str) -> Option<&DataFile> {
        self.files.iter().find(|f| f.name() == name)
    }

    /// The tables, in order (for a job).
    pub fn tables(&self) -> Vec<Rc<RawTable>> {
        self.files.iter().map(|f| Rc::clone(&f.table)).collect()
    }

    /// The changes made, oldest first.
    pub fn log(&self) -> &[LoggedChange] {
        &self.log
    }

    /// The changes, as printed.
    pub fn changes(&self) -> Vec<Change> {
        self.log.iter().map(|l| l.change.clone()).collect()
    }

    /// Whether there is a change to take back.
    pub fn can_undo(&self) -> bool {
        !self.log.is_empty()
    }

    /// Whether there is a change taken back to make again.
    pub fn can_redo(&self) -> bool {
        !self.undone.is_empty()
    }

    /// How many cells differ from the files as loaded.
    pub fn edited_cells(&self) -> usize {
        self.files.iter().map(|f| f.originals.len()).sum()
    }

    /// Puts `table` at `at` (clamped), replacing a file of the same name wherever it was
    /// (its edits and their log go with it: they were about the old version). Returns the new
    /// file's id.
    pub fn put(&mut self, at: usize, table: RawTable, bytes: Option<Rc<Vec<u8>>>) -> FileId {
        if let Some(old) = self.by_name(&table.file_name).map(|f| f.id) {
            self.remove(old);
        }
        let id = FileId(self.next_id);
        self.next_id += 1;
        let at = at.min(self.files.len());
        self.files.insert(
            at,
            DataFile {
                id,
                table: Rc::new(table),
                bytes,
                originals: BTreeMap::new(),
            },
        );
        id
    }

    /// Puts a restored file (its edits already applied, with their originals) at the end.
    pub fn restore(&mut self, table: RawTable, originals: BTreeMap<CellRef, String>) -> FileId {
        let id = self.put(usize::MAX, table, None);
        if let Some(f) = self.files.iter_mut().find(|f| f.id == id) {
            f.originals = originals;
        }
        id
    }

    /// Restores the log and what was undone (a saved session); entries about files that are
    /// not here are dropped.
    pub fn restore_log(&mut self, log: Vec<LoggedChange>, undone: Vec<LoggedChange>) {
        let known = |l: &LoggedChange| self.file(l.file).is_some();
        let log: Vec<_> = log.into_iter().filter(known).collect();
        let undone: Vec<_> = undone.into_iter().filter(known).collect();
        self.log = log;
        self.undone = undone;
    }

    /// What was undone, the last undone last (for saving).
    pub fn undone(&self) -> &[LoggedChange] {
        &self.undone
    }

    /// Removes file `id` with its edits and their log; `false` when there is no such file.
    pub fn remove(&mut self, id: FileId) -> bool {
        let Some(at) = self.index(id) else {
            return false;
        };
        self.files.remove(at);
        self.open = self.open.filter(|(f, _)| *f != id);
        self.log.retain(|l| l.file != id);
        self.undone.retain(|l| l.file != id);
        true
    }

    /// The text of a cell (`""` outside the table).
    pub fn text(&self, id: FileId, cell: CellRef) -> &str {
        self.file(id)
            .and_then(|f| f.table.rows.get(cell.row))
            .and_then(|r| r.cells.get(cell.col))
            .map_or("", String::as_str)
    }

    /// Writes `text` into `cell` of file `id` and logs it (at `at`, placed at `place`);
    /// forgets what could be redone. `false` when nothing changed (the same text, no such
    /// cell).
    pub fn edit(
        &mut self,
        id: FileId,
        cell: CellRef,
        text: String,
        at: String,
        place: EditPlace,
    ) -> bool {
        let Some(before) = self.set(id, cell, text.clone()) else {
            return false;
        };
        self.undone.clear();
        if self.open == Some((id, cell)) {
            if let Some(last) = self.log.last_mut() {
                last.change.after = text;
                last.change.at = at;
                // Typed back to what it was: no change at all.
                if last.change.after == last.change.before {
                    self.log.pop();
                    self.open = None;
                }
                return true;
            }
        }
        self.open = Some((id, cell));
        let file = self
            .file(id)
            .map(|f| f.name().to_owned())
            .unwrap_or_default();
        self.log.push(LoggedChange {
            file: id,
            cell,
            change: Change {
                file,
                cell: format!(
                    "{}{}",
                    parkscore::import::column_letter(cell.col),
                    self.row_number(id, cell.row)
                ),
                park: place.park,
                column: place.column,
                before,
                after: text,
                at,
                reason: None,
            },
        });
        true
    }

    /// Ends the change being typed (the cell was left): the next edit is a change of its own.
    /// `false` when none was open.
    pub fn seal(&mut self) -> bool {
        self.open.take().is_some()
    }

    /// Takes the last change back; returns where it was.
    pub fn undo(&mut self) -> Option<(FileId, CellRef)> {
        let last = self.log.pop()?;
        self.open = None;
        self.set(last.file, last.cell, last.change.before.clone());
        let place = (last.file, last.cell);
        self.undone.push(last);
        Some(place)
    }

    /// Makes the last change taken back again; returns where it was.
    pub fn redo(&mut self) -> Option<(FileId, CellRef)> {
        let next = self.undone.pop()?;
        self.open = None;
        self.set(next.file, next.cell, next.change.after.clone());
        let place = (next.file, next.cell);
        self.log.push(next);
        Some(place)
    }

    /// Gives change `index` of the log a reason (an empty one clears it); `false` when there
    /// is no such change or the reason is the same.
    pub fn set_reason(&mut self, index: usize, reason: &str) -> bool {
        let Some(entry) = self.log.get_mut(index) else {
            return false;
        };
        self.open = None;
        let reason = Some(reason.trim().to_owned()).filter(|r| !r.is_empty());
        if entry.change.reason == reason {
            return false;
        }
        entry.change.reason = reason;
        true
    }

    /// Whether `cell` of file `id` differs from the file as loaded.
    pub fn is_edited(&self, id: FileId, cell: CellRef) -> bool {
        self.file(id)
            .is_some_and(|f| f.originals.contains_key(&cell))
    }

    /// The Excel row number of row index `row` of file `id` (its index + 1 when unknown).
    fn row_number(&self, id: FileId, row: usize) -> u32 {
        self.file(id)
            .and_then(|f| f.table.rows.get(row))
            .map_or(u32::try_from(row + 1).unwrap_or(u32::MAX), |r| r.number)
    }

    /// Sets a cell's text, keeping its loaded text in `originals`; the text it had, or
    /// `None` when nothing changed.
    fn set(&mut self, id: FileId, cell: CellRef, text: String) -> Option<String> {
        // A cell past the import's column limit is no cell of a table (only a hostile session
        // could name one): widening a row to it would allocate by a number the file claims.
        if cell.col >= parkscore::import::MAX_COLUMNS {
            return None;
        }
        let file = self.files.iter_mut().find(|f| f.id == id)?;
        let row = Rc::make_mut(&mut file.table).rows.get_mut(cell.row)?;
        if row.cells.len() <= cell.col {
            row.cells.resize(cell.col + 1, String::new());
        }
        let old = std::mem::replace(&mut row.cells[cell.col], text.clone());
        if old == text {
            return None;
        }
        let original = file.originals.remove(&cell).unwrap_or_else(|| old.clone());
        if original != text {
            file.originals.insert(cell, original);
        }
        Some(old)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use parkscore::import::{Format, RawRow};

    fn table(name: &str) -> RawTable {
        RawTable {
            file_name: name.to_owned(),
            format: Format::Csv,
            encoding: None,
            sheet: None,
            sheets: Vec::new(),
            rows: vec![
                RawRow {
                    number: 1,
                    cells: vec!["园区名称".into(), "新增工业总产值（亿元）".into()],
                },
                RawRow {
                    number: 2,
                    cells: vec!["红山园区".into(), "12.3".into()],
                },
            ],
            notes: Vec::new(),
        }
    }

    fn place() -> EditPlace {
        EditPlace {
            park: Some("红山园区".into()),
            column: "新增工业总产值（亿元）".into(),
        }
    }

    const B2: CellRef = CellRef { row: 1, col: 1 };

    #[test]
    fn edits_are_logged_undone_and_redone() {
        let mut doc = Document::default();
        let a = doc.put(0, table("工信局.csv"), None);
        assert!(
            !doc.edit(a, B2, "12.3".into(), "t0".into(), place()),
            "same text"
        );
        assert!(doc.edit(a, B2, "40".into(), "t1".into(), place()));
        assert!(doc.seal());
        assert!(!doc.seal());
        assert!(doc.edit(a, B2, "41".into(), "t2".into(), place()));
        assert_eq!(doc.text(a, B2), "41");
        assert_eq!(doc.log().len(), 2);
        let first = &doc.log()[0].change;
        assert_eq!(
            (
                first.cell.as_str(),
                first.before.as_str(),
                first.after.as_str()
            ),
            ("B2", "12.3", "40")
        );
        assert_eq!(first.at, "t1");
        assert!(doc.set_reason(0, " 复核调整 "));
        assert_eq!(doc.log()[0].change.reason.as_deref(), Some("复核调整"));
        assert!(!doc.set_reason(0, "复核调整"));
        assert!(!doc.set_reason(7, "x"));
        assert!(doc.is_edited(a, B2));
        assert_eq!(doc.edited_cells(), 1);

        assert_eq!(doc.undo(), Some((a, B2)));
        assert_eq!(doc.text(a, B2), "40");
        assert_eq!(doc.undo(), Some((a, B2)));
        assert_eq!(doc.text(a, B2), "12.3");
        assert!(!doc.is_edited(a, B2), "back to the loaded text");
        assert_eq!(doc.undo(), None);
        assert!(doc.can_redo() && !doc.can_undo());
        assert_eq!(doc.redo(), Some((a, B2)));
        assert_eq!(doc.text(a, B2), "40");
        // The reason given before the undo came back with the change.
        assert_eq!(doc.log()[0].change.reason.as_deref(), Some("复核调整"));
        // A new edit forgets what could be redone.
        assert!(doc.edit(a, B2, "39".into(), "t3".into(), place()));
        assert!(!doc.can_redo());
        assert_eq!(doc.redo(), None);
    }

    #[test]
    fn the_keystrokes_of_one_edit_are_one_change() {
        let mut doc = Document::default();
        let a = doc.put(0, table("工信局.csv"), None);
        for (i, typed) in ["1", "12", "12.", "12.5"].into_iter().enumerate() {
            assert!(doc.edit(a, B2, typed.into(), format!("t{i}"), place()));
        }
        assert_eq!(doc.log().len(), 1);
        let c = &doc.log()[0].change;
        assert_eq!(
            (c.before.as_str(), c.after.as_str(), c.at.as_str()),
            ("12.3", "12.5", "t3")
        );
        // Another cell starts a change of its own; back in B2, another again.
        let c2 = CellRef { row: 1, col: 0 };
        assert!(doc.edit(a, c2, "红山".into(), "t4".into(), place()));
        assert!(doc.edit(a, B2, "13".into(), "t5".into(), place()));
        assert_eq!(doc.log().len(), 3);
        // Typed back to the text before: the change disappears.
        assert!(doc.edit(a, B2, "12.5".into(), "t6".into(), place()));
        assert_eq!(doc.log().len(), 2);
        // One undo takes the whole of a typed change back.
        assert_eq!(doc.undo(), Some((a, c2)));
        assert_eq!(doc.text(a, c2), "红山园区");
        assert_eq!(doc.undo(), Some((a, B2)));
        assert_eq!(doc.text(a, B2), "12.3");
    }

    #[test]
    fn files_come_and_go_with_their_edits() {
        let mut doc = Document::default();
        let a = doc.put(0, table("工信局.csv"), None);
        let b = doc.put(1, table("科技局.csv"), None);
        assert!(doc.edit(a, B2, "40".into(), "t".into(), place()));
        assert!(doc.edit(b, B2, "2".into(), "t".into(), place()));
        assert_eq!(doc.changes().len(), 2);
        // A new version of 工信局.csv replaces the old one in its place, without its edits.
        let a2 = doc.put(0, table("工信局.csv"), None);
        assert_ne!(a2, a);
        let names: Vec<&str> = doc.files().iter().map(DataFile::name).collect();
        assert_eq!(names, ["工信局.csv", "科技局.csv"]);
        assert_eq!(doc.text(a2, B2), "12.3");
        assert_eq!(doc.log().len(), 1);
        assert_eq!(doc.log()[0].file, b);
        assert!(doc.remove(b));
        assert!(!doc.remove(b));
        assert!(doc.log().is_empty());
        assert_eq!(doc.files().len(), 1);
        // An edit past the end of a row widens it; one past the last row changes nothing.
        assert!(doc.edit(
            a2,
            CellRef { row: 1, col: 3 },
            "x".into(),
            "t".into(),
            place()
        ));
        assert_eq!(doc.log()[0].change.cell, "D2");
        assert!(!doc.edit(
            a2,
            CellRef { row: 9, col: 0 },
            "x".into(),
            "t".into(),
            place()
        ));
        // Nor one past the column limit (a hostile session's log could name one).
        let far = CellRef {
            row: 1,
            col: usize::MAX,
        };
        assert!(!doc.edit(a2, far, "x".into(), "t".into(), place()));
    }
}
