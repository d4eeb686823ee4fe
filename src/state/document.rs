//! The document: the round's files as text, each with the user's edits, and the log of
//! changes with undo and redo.
//!
//! A file stays the text the user sees and edits (validation always starts again from it), so
//! nothing typed is lost. Every edit is logged as a [`Change`] (before → after, the time the
//! caller's clock gave, an optional reason added later); undo takes the last change back and
//! keeps it for redo, a new edit forgets what could be redone. The keystrokes of one edit
//! (`3`, `38`, `38.6` typed into a cell) are one change: an edit of the cell last edited joins
//! its change until the cell is left ([`Document::seal`]), another cell is edited, or the
//! change is undone or given a reason. A cancelled edit (Esc) is typed back to the text the
//! cell had when the edit began ([`Document::cancel`]): the open change then disappears. A
//! paste is one change per cell, joined into one step of undo and redo
//! ([`LoggedChange::joined`]). Whole rows are inserted and deleted as changes of their own
//! ([`RowOp`]): the rows below move, and so do the cells keyed by [`CellRef`] here (the
//! edited cells' loaded text); the log's own cells need no moving, because undo and redo walk
//! it in order, so each entry meets the table exactly as it was made. A file is identified by
//! a [`FileId`] that stays the same while other files come and go.
//!
//! Plain Rust, no browser: the reducer ([`super::AppState`]) calls it, the native tests test it.

use super::CellRef;
use parkscore::import::{Cells, RawRow, RawTable};
use parkscore::round::{Change, ChangeKind};
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

/// A whole row inserted or deleted, with what undoing it needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum RowOp {
    /// An empty row was inserted at this index of the table's rows.
    Inserted {
        /// The index in [`RawTable::rows`].
        index: usize,
    },
    /// The row at this index was deleted.
    Deleted {
        /// The index in [`RawTable::rows`].
        index: usize,
        /// The row as it was (its number and text).
        row: RawRow,
        /// Its edited cells' loaded text, by column.
        #[serde(default)]
        originals: Vec<(usize, String)>,
    },
}

/// A logged change, with the file and cell it is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoggedChange {
    /// The file.
    pub file: FileId,
    /// The cell (a row's change: the row's first cell).
    pub cell: CellRef,
    /// What changed, as printed.
    pub change: Change,
    /// Undone and redone with the change before it, as one step (a paste's cells after the
    /// first).
    #[serde(default, skip_serializing_if = "is_false")]
    pub joined: bool,
    /// A row inserted or deleted (the change is then no cell's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<RowOp>,
}

/// Whether a flag is unset: serde skips writing it then (shared with the session's form).
pub(crate) fn is_false(b: &bool) -> bool {
    !*b
}

/// The logged change of a row inserted or deleted (`kind` names the row's number): Excel's
/// address of a whole row (`4:4`), the park a deleted row held and its cells, tab-separated.
fn row_change(
    file: String,
    park: Option<String>,
    before: String,
    at: String,
    kind: ChangeKind,
) -> Change {
    let number = match kind {
        ChangeKind::RowInserted { row } | ChangeKind::RowDeleted { row } => row,
        // Only rows' changes are made here.
        ChangeKind::Cell => 0,
    };
    Change {
        file,
        cell: format!("{number}:{number}"),
        park,
        column: String::new(),
        before,
        after: String::new(),
        at,
        reason: None,
        kind,
    }
}

/// Rows a table may have at most after insertions (the import's limit and its slack).
pub const MAX_TABLE_ROWS: usize = parkscore::import::MAX_ROWS + parkscore::import::ROW_SLACK;

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
            .unwrap_or("")
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
                kind: ChangeKind::Cell,
            },
            joined: false,
            row: None,
        });
        true
    }

    /// Cancels the edit of `cell` begun when it read `start` (Esc): the cell is typed back to
    /// `start`, so the change being typed disappears from the log (nothing else of the log is
    /// touched), and the next edit is a change of its own. `true` when the text changed back.
    pub fn cancel(&mut self, id: FileId, cell: CellRef, start: String, at: String) -> bool {
        if self.text(id, cell) == start {
            self.open = None;
            return false;
        }
        let changed = if self.open == Some((id, cell)) {
            self.edit(id, cell, start, at, EditPlace::default())
        } else {
            // No change of this cell is being typed (only a log written by hand gets here):
            // going back is then a change of its own, traced like any other.
            let place = self
                .log
                .iter()
                .rev()
                .find(|l| l.file == id && l.cell == cell && l.row.is_none())
                .map(|l| EditPlace {
                    park: l.change.park.clone(),
                    column: l.change.column.clone(),
                })
                .unwrap_or_default();
            self.edit(id, cell, start, at, place)
        };
        self.open = None;
        changed
    }

    /// Writes several cells of file `id` at once (a paste): one change per cell whose text
    /// differs, all undone and redone as one step. Cells outside the table are skipped (the
    /// caller refuses a paste past its edge). Returns how many cells changed.
    pub fn edit_many(
        &mut self,
        id: FileId,
        cells: Vec<(CellRef, String, EditPlace)>,
        at: &str,
    ) -> usize {
        self.open = None;
        let file = match self.file(id) {
            Some(f) => f.name().to_owned(),
            None => return 0,
        };
        let mut changed = 0usize;
        for (cell, text, place) in cells {
            let number = self.row_number(id, cell.row);
            let Some(before) = self.set(id, cell, text.clone()) else {
                continue;
            };
            self.log.push(LoggedChange {
                file: id,
                cell,
                change: Change {
                    file: file.clone(),
                    cell: format!("{}{number}", parkscore::import::column_letter(cell.col)),
                    park: place.park,
                    column: place.column,
                    before,
                    after: text,
                    at: at.to_owned(),
                    reason: None,
                    kind: ChangeKind::Cell,
                },
                joined: changed > 0,
                row: None,
            });
            changed += 1;
        }
        if changed > 0 {
            self.undone.clear();
        }
        changed
    }

    /// Inserts an empty row at `index` of file `id`'s rows (`index` = the row count appends
    /// one): it takes the number of the row that was there (the rows below count one more, as
    /// in Excel), or the last row's number + 1. `false` past the end or at [`MAX_TABLE_ROWS`].
    pub fn insert_row(&mut self, id: FileId, index: usize, at: String) -> bool {
        let Some(f) = self.file(id) else {
            return false;
        };
        let rows = &f.table.rows;
        if index > rows.len() || rows.len() >= MAX_TABLE_ROWS {
            return false;
        }
        let number = match rows.get(index) {
            Some(r) => r.number,
            None => rows
                .last()
                .map_or(Some(1), |r| r.number.checked_add(1))
                .unwrap_or(u32::MAX),
        };
        let name = f.name().to_owned();
        if !self.put_row(
            id,
            index,
            RawRow {
                number,
                cells: Cells::new(),
            },
            Vec::new(),
        ) {
            return false;
        }
        self.open = None;
        self.undone.clear();
        self.log.push(LoggedChange {
            file: id,
            cell: CellRef { row: index, col: 0 },
            change: row_change(
                name,
                None,
                String::new(),
                at,
                ChangeKind::RowInserted { row: number },
            ),
            joined: false,
            row: Some(RowOp::Inserted { index }),
        });
        true
    }

    /// Deletes row `index` of file `id` (the rows below count one less, as in Excel); the
    /// change names it with `park`. `false` when there is no such row.
    pub fn delete_row(
        &mut self,
        id: FileId,
        index: usize,
        park: Option<String>,
        at: String,
    ) -> bool {
        let Some(name) = self.file(id).map(|f| f.name().to_owned()) else {
            return false;
        };
        let Some((row, originals)) = self.take_row(id, index) else {
            return false;
        };
        self.open = None;
        self.undone.clear();
        let number = row.number;
        self.log.push(LoggedChange {
            file: id,
            cell: CellRef { row: index, col: 0 },
            change: row_change(
                name,
                park,
                row.cells.join("\t"),
                at,
                ChangeKind::RowDeleted { row: number },
            ),
            joined: false,
            row: Some(RowOp::Deleted {
                index,
                row,
                originals,
            }),
        });
        true
    }

    /// Ends the change being typed (the cell was left): the next edit is a change of its own.
    /// `false` when none was open.
    pub fn seal(&mut self) -> bool {
        self.open.take().is_some()
    }

    /// Takes the last step back (a change, or a paste's changes together); returns where its
    /// first change was.
    pub fn undo(&mut self) -> Option<(FileId, CellRef)> {
        self.open = None;
        loop {
            let last = self.log.pop()?;
            let joined = last.joined;
            let place = (last.file, last.cell);
            let last = self.apply(last, false)?;
            self.undone.push(last);
            if !joined {
                return Some(place);
            }
        }
    }

    /// Makes the last step taken back again; returns where its first change was.
    pub fn redo(&mut self) -> Option<(FileId, CellRef)> {
        self.open = None;
        let next = self.undone.pop()?;
        let place = (next.file, next.cell);
        let next = self.apply(next, true)?;
        self.log.push(next);
        while self.undone.last().is_some_and(|l| l.joined) {
            let Some(more) = self.undone.pop() else {
                break;
            };
            if let Some(more) = self.apply(more, true) {
                self.log.push(more);
            }
        }
        Some(place)
    }

    /// Makes (`forward`) or takes back a logged change on the table; `None` when it does not
    /// fit the table (only a hand-written session's log can): it is then dropped.
    fn apply(&mut self, entry: LoggedChange, forward: bool) -> Option<LoggedChange> {
        let id = entry.file;
        match (&entry.row, forward) {
            (None, _) => {
                let text = if forward {
                    entry.change.after.clone()
                } else {
                    entry.change.before.clone()
                };
                self.set(id, entry.cell, text);
            }
            (Some(RowOp::Inserted { index }), true) => {
                let number = match &entry.change.kind {
                    ChangeKind::RowInserted { row } => *row,
                    _ => return None,
                };
                let row = RawRow {
                    number,
                    cells: Cells::new(),
                };
                if !self.put_row(id, *index, row, Vec::new()) {
                    return None;
                }
            }
            (Some(RowOp::Inserted { index }), false)
            | (Some(RowOp::Deleted { index, .. }), true) => {
                self.take_row(id, *index)?;
            }
            (
                Some(RowOp::Deleted {
                    index,
                    row,
                    originals,
                }),
                false,
            ) => {
                if !self.put_row(id, *index, row.clone(), originals.clone()) {
                    return None;
                }
            }
        }
        Some(entry)
    }

    /// Puts `row` at `index` of file `id`'s rows, the rows from there on one number and one
    /// index further, and `originals` as the new row's edited cells. `false` when the index is
    /// past the end, the table is full or the row is wider than a table can be.
    fn put_row(
        &mut self,
        id: FileId,
        index: usize,
        row: RawRow,
        originals: Vec<(usize, String)>,
    ) -> bool {
        use parkscore::import::{MAX_CELL_CHARS, MAX_COLUMNS};
        if row.cells.len() > MAX_COLUMNS
            || row.cells.iter().any(|c| c.chars().count() > MAX_CELL_CHARS)
        {
            return false;
        }
        let Some(file) = self.files.iter_mut().find(|f| f.id == id) else {
            return false;
        };
        if index > file.table.rows.len() || file.table.rows.len() >= MAX_TABLE_ROWS {
            return false;
        }
        let table = Rc::make_mut(&mut file.table);
        for r in table.rows.iter_mut().skip(index) {
            r.number = r.number.saturating_add(1);
        }
        table.rows.insert(index, row);
        let moved = std::mem::take(&mut file.originals);
        file.originals = parkscore::order::map(moved.into_iter().map(|(c, t)| {
            let row = if c.row >= index { c.row + 1 } else { c.row };
            (CellRef { row, col: c.col }, t)
        }));
        for (col, text) in originals {
            if col < MAX_COLUMNS {
                file.originals.insert(CellRef { row: index, col }, text);
            }
        }
        true
    }

    /// Takes row `index` out of file `id`, the rows after it one number and one index back;
    /// returns it with its edited cells' loaded text.
    fn take_row(&mut self, id: FileId, index: usize) -> Option<(RawRow, Vec<(usize, String)>)> {
        let file = self.files.iter_mut().find(|f| f.id == id)?;
        if index >= file.table.rows.len() {
            return None;
        }
        let table = Rc::make_mut(&mut file.table);
        let row = table.rows.remove(index);
        for r in table.rows.iter_mut().skip(index) {
            r.number = r.number.saturating_sub(1);
        }
        let mut taken = Vec::new();
        let moved = std::mem::take(&mut file.originals);
        file.originals = parkscore::order::map(moved.into_iter().filter_map(|(c, t)| {
            if c.row == index {
                taken.push((c.col, t));
                None
            } else if c.row > index {
                Some((
                    CellRef {
                        row: c.row - 1,
                        col: c.col,
                    },
                    t,
                ))
            } else {
                Some((c, t))
            }
        }));
        Some((row, taken))
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
        if row.cells.get(cell.col).unwrap_or("") == text {
            return None;
        }
        let old = row.cells.set(cell.col, &text);
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
                    cells: Cells::from(vec!["园区名称", "新增工业总产值（亿元）"]),
                },
                RawRow {
                    number: 2,
                    cells: Cells::from(vec!["红山园区", "12.3"]),
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

    #[test]
    fn rows_move_the_edited_cells_and_undo_in_order() {
        let mut doc = Document::default();
        let a = doc.put(0, table("工信局.csv"), None);
        assert!(doc.edit(a, B2, "40".into(), "t1".into(), place()));
        // Typing into B2 and then inserting a row seals the change.
        assert!(doc.insert_row(a, 1, "t2".into()));
        let numbers = |doc: &Document| -> Vec<u32> {
            doc.file(a)
                .unwrap()
                .table
                .rows
                .iter()
                .map(|r| r.number)
                .collect()
        };
        assert_eq!(numbers(&doc), [1, 2, 3]);
        let b3 = CellRef { row: 2, col: 1 };
        assert_eq!(doc.text(a, b3), "40");
        assert!(doc.is_edited(a, b3) && !doc.is_edited(a, B2));
        assert_eq!(doc.log()[1].change.cell, "2:2");
        // A keystroke after the insert is a change of its own (nothing coalesces over a row).
        assert!(doc.edit(a, b3, "41".into(), "t3".into(), place()));
        assert_eq!(doc.log().len(), 3);
        // Delete the row with the edit: its original goes with it, and comes back with undo.
        assert!(doc.delete_row(a, 2, Some("红山园区".into()), "t4".into()));
        assert_eq!(numbers(&doc), [1, 2]);
        assert_eq!(doc.edited_cells(), 0);
        assert_eq!(doc.log()[3].change.before, "红山园区\t41");
        assert!(!doc.delete_row(a, 2, None, "t".into()), "no such row");
        assert_eq!(doc.undo(), Some((a, CellRef { row: 2, col: 0 })));
        assert_eq!(doc.text(a, b3), "41");
        assert_eq!(
            doc.file(a).unwrap().originals.get(&b3).map(String::as_str),
            Some("12.3")
        );
        assert_eq!(doc.undo(), Some((a, b3)));
        assert_eq!(doc.undo(), Some((a, CellRef { row: 1, col: 0 })));
        assert_eq!(numbers(&doc), [1, 2]);
        assert_eq!(doc.text(a, B2), "40");
        assert_eq!(doc.undo(), Some((a, B2)));
        assert_eq!(doc.text(a, B2), "12.3");
        assert_eq!(doc.edited_cells(), 0);
        for _ in 0..4 {
            assert!(doc.redo().is_some());
        }
        assert_eq!(numbers(&doc), [1, 2]);
        assert_eq!(doc.log().len(), 4);
        // A hand-written log whose row does not fit the table: dropped, never a panic.
        doc.restore_log(
            vec![LoggedChange {
                file: a,
                cell: CellRef::default(),
                change: doc.log()[1].change.clone(),
                joined: false,
                row: Some(RowOp::Inserted { index: 99 }),
            }],
            Vec::new(),
        );
        assert_eq!(doc.undo(), None);
        assert!(doc.log().is_empty());
    }

    #[test]
    fn cancel_removes_the_change_being_typed_only() {
        let mut doc = Document::default();
        let a = doc.put(0, table("工信局.csv"), None);
        assert!(doc.edit(a, B2, "4".into(), "t1".into(), place()));
        assert!(doc.edit(a, B2, "40".into(), "t2".into(), place()));
        assert!(doc.cancel(a, B2, "12.3".into(), "t3".into()));
        assert!(doc.log().is_empty() && !doc.is_edited(a, B2));
        assert_eq!(doc.text(a, B2), "12.3");
        assert!(
            !doc.cancel(a, B2, "12.3".into(), "t".into()),
            "nothing typed"
        );
        // A paste of three cells, one unchanged: two changes, one step.
        let cells = vec![
            (B2, "1".to_owned(), place()),
            (CellRef { row: 1, col: 0 }, "红山园区".to_owned(), place()),
            (CellRef { row: 0, col: 1 }, "x".to_owned(), place()),
        ];
        assert_eq!(doc.edit_many(a, cells, "t4"), 2);
        assert_eq!(doc.undo(), Some((a, B2)));
        assert!(doc.log().is_empty());
        assert_eq!(doc.redo(), Some((a, B2)));
        assert_eq!(doc.log().len(), 2);
        assert_eq!(doc.text(a, CellRef { row: 0, col: 1 }), "x");
    }
}
