//! The data grid's behaviour as plain Rust, tested natively: the cursor and its modes (a cell
//! selected, or being edited), what a key does, the rectangular selection, the clipboard's
//! tab-separated text as Excel and WPS write it, the column titles, the cells' labels,
//! tooltips and coordinates, the page shown and the cell that holds the grid's one editor.
//!
//! The grid component ([`crate::components::data_grid`]) only turns browser events into the
//! calls here and carries out the [`Command`] they return.
//!
//! Modes, as in Excel:
//! - [`Mode::Select`]: a cell is selected; arrows, Enter / Shift+Enter, Tab / Shift+Tab, Home,
//!   Ctrl+Home / Ctrl+End move (Tab past the first or last column leaves the grid); Shift+arrows grow the selection; typing replaces the cell's
//!   text and begins an edit in [`Mode::Enter`]; F2 edits in place ([`Mode::Edit`]); Delete
//!   clears the selected cells.
//! - [`Mode::Enter`] (an edit begun by typing): arrows, Enter and Tab end the edit and move.
//! - [`Mode::Edit`] (F2): Left / Right / Home / End move the caret; Enter and Tab end the edit
//!   and move.
//!
//! In both edit modes Esc takes the cell back to the text it had when the edit began. Keys
//! pressed while an input method composes (Chinese is typed that way) are never commands.

use super::CellRef;
use parkscore::import::{column_letter, ColumnMatch, RawTable};
use parkscore::Scheme;

/// What the cursor is doing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// A cell (or a block) is selected; keys move.
    #[default]
    Select,
    /// An edit begun by typing over the cell: arrows end it and move.
    Enter,
    /// An edit in place (F2): arrows move the caret.
    Edit,
}

/// The grid's cursor: the cell with the focus, the other corner of the selection, and the
/// mode, with the text the cell had when an edit began (for Esc).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cursor {
    /// The cell with the focus.
    pub active: CellRef,
    /// The selection's other corner (the active cell when one cell is selected).
    pub anchor: CellRef,
    /// Selecting or editing.
    pub mode: Mode,
    /// The text the active cell had when the edit began.
    pub start: String,
}

/// The size of the table the cursor moves in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Extent {
    /// Rows of the table.
    pub rows: usize,
    /// Columns shown (the widest row's).
    pub cols: usize,
}

/// A key pressed, as the grid needs it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Key {
    /// `KeyboardEvent.key` (`ArrowDown`, `Enter`, `a`, `Process` …).
    pub key: String,
    /// Shift held.
    pub shift: bool,
    /// Ctrl (or ⌘) held.
    pub ctrl: bool,
    /// Alt held.
    pub alt: bool,
    /// An input method is composing (`KeyboardEvent.isComposing`).
    pub composing: bool,
}

impl Key {
    /// A key without modifiers.
    pub fn plain(key: &str) -> Key {
        Key {
            key: key.to_owned(),
            ..Key::default()
        }
    }

    /// The key with Shift.
    pub fn shifted(key: &str) -> Key {
        Key {
            shift: true,
            ..Key::plain(key)
        }
    }

    /// The key with Ctrl.
    pub fn ctrl(key: &str) -> Key {
        Key {
            ctrl: true,
            ..Key::plain(key)
        }
    }

    /// The character the key types (a printable key without Ctrl or Alt, no input method
    /// composing), if it types one.
    pub fn character(&self) -> Option<char> {
        if self.ctrl || self.alt || self.composing {
            return None;
        }
        let mut chars = self.key.chars();
        let c = chars.next()?;
        (chars.next().is_none() && !c.is_control()).then_some(c)
    }
}

/// What the grid does about a key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Not the grid's: the browser does what it does (a character typed, the caret moved).
    Pass,
    /// The grid's, with nothing else to do (the browser's default is prevented).
    Stay,
    /// The cursor moved or the selection changed: focus the active cell.
    Move,
    /// End the edit (the change typed is complete), then focus the active cell.
    CommitMove,
    /// Begin an edit in place, the caret at the end.
    EditInPlace,
    /// Take the cell back to this text (the edit is cancelled).
    Cancel(String),
    /// Clear the selected cells.
    Clear,
    /// Insert a row above the active cell's.
    InsertRow,
}

/// The cell `(dr, dc)` away from `cell`, kept inside `extent`.
fn step(cell: CellRef, dr: isize, dc: isize, extent: Extent) -> CellRef {
    let clamp = |at: usize, d: isize, len: usize| -> usize {
        let last = len.saturating_sub(1);
        let moved = if d < 0 {
            at.saturating_sub(d.unsigned_abs())
        } else {
            at.saturating_add(d.unsigned_abs())
        };
        moved.min(last)
    };
    CellRef {
        row: clamp(cell.row, dr, extent.rows),
        col: clamp(cell.col, dc, extent.cols),
    }
}

/// The arrow's direction, if the key is an arrow.
fn arrow(key: &str) -> Option<(isize, isize)> {
    Some(match key {
        "ArrowUp" | "Up" => (-1, 0),
        "ArrowDown" | "Down" => (1, 0),
        "ArrowLeft" | "Left" => (0, -1),
        "ArrowRight" | "Right" => (0, 1),
        _ => return None,
    })
}

impl Cursor {
    /// A cursor on `cell`, selecting it alone.
    pub fn at(cell: CellRef) -> Cursor {
        Cursor {
            active: cell,
            anchor: cell,
            mode: Mode::Select,
            start: String::new(),
        }
    }

    /// Whether an edit is under way.
    pub fn editing(&self) -> bool {
        self.mode != Mode::Select
    }

    /// The selection: (top-left, bottom-right).
    pub fn selection(&self) -> (CellRef, CellRef) {
        (
            CellRef {
                row: self.active.row.min(self.anchor.row),
                col: self.active.col.min(self.anchor.col),
            },
            CellRef {
                row: self.active.row.max(self.anchor.row),
                col: self.active.col.max(self.anchor.col),
            },
        )
    }

    /// Whether `cell` is in the selection.
    pub fn selects(&self, cell: CellRef) -> bool {
        let (a, b) = self.selection();
        (a.row..=b.row).contains(&cell.row) && (a.col..=b.col).contains(&cell.col)
    }

    /// The cursor kept inside `extent` (after rows were deleted, another file shown).
    pub fn within(&self, extent: Extent) -> Cursor {
        let fit = |c: CellRef| step(c, 0, 0, extent);
        Cursor {
            active: fit(self.active),
            anchor: fit(self.anchor),
            ..self.clone()
        }
    }

    /// The cell got the focus (a click, a tab into the grid, a focus request): selected alone,
    /// unless it is the active cell already.
    pub fn focused(&self, cell: CellRef) -> Cursor {
        if cell == self.active {
            self.clone()
        } else {
            Cursor::at(cell)
        }
    }

    /// The focus left the grid: any edit is over (the caller ends it).
    pub fn blurred(&self) -> Cursor {
        Cursor {
            mode: Mode::Select,
            start: String::new(),
            ..self.clone()
        }
    }

    /// The cell's text changed by typing (an `input` event), while it read `before`: typing
    /// over a selected cell begins an edit ([`Mode::Enter`]) that Esc takes back to `before`.
    pub fn typed(&self, before: &str) -> Cursor {
        match self.mode {
            Mode::Select => Cursor {
                anchor: self.active,
                mode: Mode::Enter,
                start: before.to_owned(),
                ..self.clone()
            },
            Mode::Enter | Mode::Edit => self.clone(),
        }
    }

    /// What `key` does, the active cell reading `text`: the cursor after it and the command.
    pub fn key(&self, key: &Key, text: &str, extent: Extent) -> (Cursor, Command) {
        // An input method composing owns every key (Enter picks a candidate, Esc drops the
        // composition): none is a command.
        if key.composing || key.key == "Process" || key.key == "Unidentified" {
            return (self.clone(), Command::Pass);
        }
        match self.mode {
            Mode::Select => self.select_key(key, text, extent),
            Mode::Enter | Mode::Edit => self.edit_key(key, extent),
        }
    }

    fn moved(&self, to: CellRef, extend: bool) -> Cursor {
        Cursor {
            active: to,
            anchor: if extend { self.anchor } else { to },
            mode: Mode::Select,
            start: String::new(),
        }
    }

    fn select_key(&self, key: &Key, text: &str, extent: Extent) -> (Cursor, Command) {
        if key.alt {
            return (self.clone(), Command::Pass);
        }
        if let Some((dr, dc)) = arrow(&key.key) {
            let to = if key.ctrl {
                // Ctrl+arrow: to the table's edge.
                let far = isize::try_from(extent.rows.max(extent.cols)).unwrap_or(isize::MAX);
                step(
                    self.active,
                    dr.saturating_mul(far),
                    dc.saturating_mul(far),
                    extent,
                )
            } else {
                step(self.active, dr, dc, extent)
            };
            return (self.moved(to, key.shift), Command::Move);
        }
        if key.ctrl {
            return match key.key.as_str() {
                "Home" => (self.moved(CellRef::default(), key.shift), Command::Move),
                "End" => {
                    let last = step(CellRef::default(), isize::MAX, isize::MAX, extent);
                    (self.moved(last, key.shift), Command::Move)
                }
                // Excel's Ctrl++ (Ctrl+Shift+=) inserts a row. A bare Ctrl+= and Ctrl+- are the
                // browser's zoom (a clerk zooms out on a small screen): they pass, and deleting a
                // row has no key of its own — its button (删除当前行) is in the Tab order.
                "+" if key.shift => (self.clone(), Command::InsertRow),
                _ => (self.clone(), Command::Pass),
            };
        }
        match key.key.as_str() {
            "Enter" => {
                let dr = if key.shift { -1 } else { 1 };
                (
                    self.moved(step(self.active, dr, 0, extent), false),
                    Command::Move,
                )
            }
            "Tab" => {
                // Past the first or last column Tab leaves the grid (no keyboard trap).
                let dc = if key.shift { -1 } else { 1 };
                let to = step(self.active, 0, dc, extent);
                if to == self.active {
                    return (self.clone(), Command::Pass);
                }
                (self.moved(to, false), Command::Move)
            }
            "Home" => {
                let to = CellRef {
                    row: self.active.row,
                    col: 0,
                };
                (self.moved(to, key.shift), Command::Move)
            }
            "F2" => (
                Cursor {
                    anchor: self.active,
                    mode: Mode::Edit,
                    start: text.to_owned(),
                    ..self.clone()
                },
                Command::EditInPlace,
            ),
            "Delete" => (self.clone(), Command::Clear),
            "Escape" if self.active != self.anchor => {
                (self.moved(self.active, false), Command::Move)
            }
            _ => (self.clone(), Command::Pass),
        }
    }

    fn edit_key(&self, key: &Key, extent: Extent) -> (Cursor, Command) {
        match key.key.as_str() {
            "Escape" => (
                self.moved(self.active, false),
                Command::Cancel(self.start.clone()),
            ),
            "Enter" if !key.alt => {
                let dr = if key.shift { -1 } else { 1 };
                (
                    self.moved(step(self.active, dr, 0, extent), false),
                    Command::CommitMove,
                )
            }
            "Tab" => {
                let dc = if key.shift { -1 } else { 1 };
                (
                    self.moved(step(self.active, 0, dc, extent), false),
                    Command::CommitMove,
                )
            }
            "F2" => {
                // F2 switches an edit begun by typing to editing in place, as Excel does.
                let mode = if self.mode == Mode::Enter {
                    Mode::Edit
                } else {
                    Mode::Enter
                };
                (
                    Cursor {
                        mode,
                        ..self.clone()
                    },
                    Command::Stay,
                )
            }
            k if self.mode == Mode::Enter && !key.ctrl && !key.alt => match arrow(k) {
                Some((dr, dc)) => (
                    self.moved(step(self.active, dr, dc, extent), false),
                    Command::CommitMove,
                ),
                None => (self.clone(), Command::Pass),
            },
            _ => (self.clone(), Command::Pass),
        }
    }
}

/// Reads the clipboard's text as Excel and WPS write a block: cells separated by tabs, rows
/// by `\r\n` (or `\n`, or `\r`), one line break at the end ignored; a cell that holds a tab,
/// a line break or a quote is quoted (`"a""b"` is `a"b`). A quote that never closes is taken
/// as text. Rows keep their own lengths (a shorter row leaves the cells to its right as they
/// are).
pub fn parse_tsv(text: &str) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0usize;
    let n = chars.len();
    if n == 0 {
        return rows;
    }
    loop {
        // One field from `i`.
        let mut field = String::new();
        let mut closed_quote = false;
        if chars.get(i) == Some(&'"') {
            // A quoted field: up to the quote not doubled.
            let mut j = i + 1;
            let mut quoted = String::new();
            while j < n {
                if chars[j] == '"' {
                    if chars.get(j + 1) == Some(&'"') {
                        quoted.push('"');
                        j += 2;
                        continue;
                    }
                    closed_quote = true;
                    break;
                }
                quoted.push(chars[j]);
                j += 1;
            }
            if closed_quote {
                field = quoted;
                i = j + 1;
            }
        }
        // Unquoted text (or what follows a closing quote) up to a tab or a line break.
        while i < n && !matches!(chars[i], '\t' | '\n' | '\r') {
            field.push(chars[i]);
            i += 1;
        }
        row.push(field);
        if i >= n {
            rows.push(row);
            break;
        }
        match chars[i] {
            '\t' => i += 1,
            _ => {
                // A line break: `\r\n`, `\n` or `\r`.
                if chars[i] == '\r' && chars.get(i + 1) == Some(&'\n') {
                    i += 1;
                }
                i += 1;
                rows.push(std::mem::take(&mut row));
                if i >= n {
                    // The line break at the end: no row after it.
                    break;
                }
            }
        }
    }
    rows
}

/// A cell as Excel writes it to the clipboard: quoted when it holds a tab, a line break or a
/// quote.
fn tsv_cell(text: &str) -> String {
    if text.contains(['\t', '\n', '\r', '"']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// The selection `from`–`to` (corners, inclusive) of `table` as Excel writes a block to the
/// clipboard: tab-separated, each row ended by `\r\n`. Cells past a row's end are empty.
pub fn selection_tsv(table: &RawTable, from: CellRef, to: CellRef) -> String {
    let mut out = String::new();
    for r in from.row..=to.row {
        let row = table.rows.get(r);
        let cells: Vec<String> = (from.col..=to.col)
            .map(|c| tsv_cell(row.and_then(|row| row.cells.get(c)).unwrap_or("")))
            .collect();
        out.push_str(&cells.join("\t"));
        out.push_str("\r\n");
    }
    out
}

/// The cells a block pasted at `at` writes (row by row; a short row writes only its cells),
/// or, when it reaches past the table's last row or column, why it is refused (nothing is
/// pasted). `address` names `at` as Excel does (`B4`).
pub fn paste_cells(
    block: &[Vec<String>],
    at: CellRef,
    extent: Extent,
    address: &str,
) -> Result<Vec<(CellRef, String)>, String> {
    let height = block.len();
    let width = block.iter().map(Vec::len).max().unwrap_or(0);
    if height == 0 || width == 0 {
        return Ok(Vec::new());
    }
    let fits = at
        .row
        .checked_add(height)
        .is_some_and(|bottom| bottom <= extent.rows)
        && at
            .col
            .checked_add(width)
            .is_some_and(|right| right <= extent.cols);
    if !fits {
        return Err(format!(
            "粘贴的区域（{height} 行 × {width} 列）从 {address} 起超出了表格（共 {} 行，到 {} 列为止），未粘贴：请先插入行，或从靠上、靠左的单元格开始粘贴",
            extent.rows,
            column_letter(extent.cols.saturating_sub(1))
        ));
    }
    Ok(block
        .iter()
        .enumerate()
        .flat_map(|(r, cells)| {
            cells.iter().enumerate().map(move |(c, text)| {
                (
                    CellRef {
                        row: at.row + r,
                        col: at.col + c,
                    },
                    text.clone(),
                )
            })
        })
        .collect())
}

/// A column of the grid as its header shows it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GridColumn {
    /// The title: the indicator's name with the unit of the file's header (else the
    /// scheme's), 园区名称 (the scheme's word and 名称) for the park-name column, else the file's header text, else the
    /// column's letter.
    pub title: String,
    /// The column's letter (`B`).
    pub letter: String,
    /// Whether the title is the letter alone (no header, no indicator).
    pub bare: bool,
}

/// The unit a header declares in its last parentheses (`新增工业总产值（万元）` → `万元`).
fn header_unit(header: &str) -> Option<&str> {
    let header = header.trim();
    let (open, close) = if header.ends_with('）') {
        ('（', '）')
    } else if header.ends_with(')') {
        ('(', ')')
    } else {
        return None;
    };
    let inner = header.strip_suffix(close)?;
    let at = inner.rfind(open)?;
    let unit = inner.get(at + open.len_utf8()..)?.trim();
    (!unit.is_empty()).then_some(unit)
}

/// The title of a matched column (`None` for one to show as the file wrote it).
fn matched_title(m: &ColumnMatch, scheme: &Scheme) -> Option<String> {
    if m.target == "name" {
        // The units as the scheme names them: 园区名称, 企业名称.
        return Some(format!("{}名称", scheme.unit_noun()));
    }
    let fixed = match m.target.as_str() {
        "provincial" => Some("省级认定数"),
        "national" => Some("国家级认定数"),
        "veto" => Some("一票否决"),
        "veto_reason" => Some("否决原因"),
        _ => None,
    };
    if let Some(f) = fixed {
        return Some(f.to_owned());
    }
    let indicator = scheme.indicators().find(|i| i.id.as_str() == m.target)?;
    let unit = header_unit(&m.header).unwrap_or(indicator.unit.trim());
    Some(if unit.is_empty() {
        indicator.name.clone()
    } else {
        format!("{}（{unit}）", indicator.name)
    })
}

/// The grid's columns `0..width`: matched columns named after what they feed, the others
/// after the file's header row, else their letter.
pub fn columns(
    width: usize,
    table: &RawTable,
    header_row: Option<usize>,
    matched: &[ColumnMatch],
    scheme: &Scheme,
) -> Vec<GridColumn> {
    let header = header_row.and_then(|h| table.rows.get(h));
    (0..width)
        .map(|c| {
            let letter = column_letter(c);
            let file_text = header
                .and_then(|h| h.cells.get(c))
                .map(|t| t.trim())
                .filter(|t| !t.is_empty());
            let title = matched
                .iter()
                .find(|m| m.index == c)
                .and_then(|m| matched_title(m, scheme))
                .or_else(|| file_text.map(str::to_owned));
            GridColumn {
                bare: title.is_none(),
                title: title.unwrap_or_else(|| letter.clone()),
                letter,
            }
        })
        .collect()
}

/// The park of row `row`: the park-name column's text, for a row below the header.
pub fn row_park(
    table: &RawTable,
    header_row: Option<usize>,
    name_col: Option<usize>,
    row: usize,
) -> Option<&str> {
    let (h, n) = (header_row?, name_col?);
    if row <= h {
        return None;
    }
    table
        .rows
        .get(row)?
        .cells
        .get(n)
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
}

/// A cell's accessible label: `红山园区 · 新增工业总产值（亿元）`; without a park the row
/// (`第 2 行`), without a title the column (`C 列`).
pub fn cell_label(park: Option<&str>, column: &GridColumn, row_number: u32) -> String {
    let who = park.map_or_else(|| format!("第 {row_number} 行"), str::to_owned);
    let what = if column.bare {
        format!("{} 列", column.letter)
    } else {
        column.title.clone()
    };
    format!("{who} · {what}")
}

/// The accessible name of a row's header where the row is a park's: `红山园区（第 4 行）` (the
/// number alone is shown). A screen reader names a cell with its row's and its column's
/// headers, so every cell has its park and its indicator without a label of its own (the
/// editor, on the active cell, carries [`cell_label`]); a row without a park is its number.
pub fn row_label(park: Option<&str>, row_number: u32) -> Option<String> {
    park.map(|p| format!("{p}（第 {row_number} 行）"))
}

/// A cell's tooltip: the file as printed and the cell's address as Excel writes it
/// (`示例数据-2020.csv B4`). Built only for the cell the pointer is on, and the active one.
pub fn cell_title(file_name: &str, col: usize, row_number: u32) -> String {
    format!("{file_name} {}{row_number}", column_letter(col))
}

/// `cell-R-C`: the test id of a grid cell.
pub fn cell_test_id(cell: CellRef) -> String {
    format!("cell-{}-{}", cell.row, cell.col)
}

/// The cell at a row's `aria-rowindex` and a cell's `aria-colindex` (the grid's coordinates: the
/// title row is row 1, the row numbers column 1), which is how an event's cell is read back.
pub fn cell_at(aria_row: &str, aria_col: &str) -> Option<CellRef> {
    Some(CellRef {
        row: aria_row.parse::<usize>().ok()?.checked_sub(2)?,
        col: aria_col.parse::<usize>().ok()?.checked_sub(2)?,
    })
}

/// A CSS selector of `cell` in the grid, by its coordinates (see [`cell_at`]).
pub fn cell_selector(cell: CellRef) -> String {
    format!(
        "table.data-grid tr[aria-rowindex=\"{}\"] > td[aria-colindex=\"{}\"]",
        cell.row + 2,
        cell.col + 2
    )
}

/// The page of a table the grid shows: rows `first..first + shown` of `rows`, page `page` of
/// `pages` (at least one, also for an empty table).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Page {
    /// The page shown (a page asked for past the end is the last).
    pub page: usize,
    /// How many pages the table has.
    pub pages: usize,
    /// The page's first row.
    pub first: usize,
    /// How many rows it shows.
    pub shown: usize,
}

impl Page {
    /// Page `page` of a table of `rows` rows, `per_page` rows a page.
    pub fn of(rows: usize, page: usize, per_page: usize) -> Page {
        let per_page = per_page.max(1);
        let pages = rows.div_ceil(per_page).max(1);
        let page = page.min(pages - 1);
        let first = page * per_page;
        Page {
            page,
            pages,
            first,
            shown: rows.saturating_sub(first).min(per_page),
        }
    }

    /// Whether `cell` is on this page, in a column shown.
    pub fn holds(&self, cell: CellRef, extent: Extent) -> bool {
        (self.first..self.first + self.shown).contains(&cell.row) && cell.col < extent.cols
    }

    /// The cell that holds the grid's one editor (its one stop in the Tab order, and where the
    /// keys are read): the active cell when it is on this page, else the page's first; none
    /// when the page has no cell.
    pub fn editor_cell(&self, cursor: &Cursor, extent: Extent) -> Option<CellRef> {
        if self.shown == 0 || extent.cols == 0 {
            return None;
        }
        Some(if self.holds(cursor.active, extent) {
            cursor.active
        } else {
            CellRef {
                row: self.first,
                col: 0,
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(row: usize, col: usize) -> CellRef {
        CellRef { row, col }
    }

    const EXTENT: Extent = Extent { rows: 16, cols: 28 };

    fn strings(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|c| (*c).to_owned()).collect())
            .collect()
    }

    #[test]
    fn tsv_as_excel_writes_it() {
        // Excel on Windows: CRLF after every row, the last included.
        assert_eq!(
            parse_tsv("12.5\t3\r\n4\t5.25\r\n"),
            strings(&[&["12.5", "3"], &["4", "5.25"]])
        );
        // WPS / a text editor: LF, no line break at the end.
        assert_eq!(
            parse_tsv("a\tb\nc\td"),
            strings(&[&["a", "b"], &["c", "d"]])
        );
        // Quoted cells: a tab, a line break and a doubled quote inside.
        assert_eq!(
            parse_tsv("\"x\ty\"\t\"line1\nline2\"\t\"say \"\"hi\"\"\"\r\n"),
            strings(&[&["x\ty", "line1\nline2", "say \"hi\""]])
        );
        // A quote inside an unquoted cell is text; one that never closes too.
        assert_eq!(parse_tsv("5\"\t\"abc"), strings(&[&["5\"", "\"abc"]]));
        // Ragged rows keep their lengths; empty cells stay.
        assert_eq!(
            parse_tsv("1\t\t3\n4\n"),
            strings(&[&["1", "", "3"], &["4"]])
        );
        // Only one line break at the end is dropped: an empty last row stays.
        assert_eq!(parse_tsv("1\n\n"), strings(&[&["1"], &[""]]));
        // Old Mac line breaks.
        assert_eq!(parse_tsv("1\r2"), strings(&[&["1"], &["2"]]));
        assert!(parse_tsv("").is_empty());
        // A single cell.
        assert_eq!(parse_tsv("38.6"), strings(&[&["38.6"]]));
    }

    #[test]
    fn copy_writes_what_paste_reads() {
        let table = RawTable {
            file_name: "a.csv".into(),
            format: parkscore::import::Format::Csv,
            encoding: None,
            sheet: None,
            sheets: Vec::new(),
            rows: vec![
                parkscore::import::RawRow {
                    number: 1,
                    cells: parkscore::import::Cells::from(vec!["园区", "x\"y", "1"]),
                },
                parkscore::import::RawRow {
                    number: 2,
                    cells: parkscore::import::Cells::from(vec!["红山园区", "a\tb"]),
                },
            ],
            notes: Vec::new(),
        };
        let tsv = selection_tsv(&table, cell(0, 1), cell(1, 2));
        assert_eq!(tsv, "\"x\"\"y\"\t1\r\n\"a\tb\"\t\r\n");
        assert_eq!(parse_tsv(&tsv), strings(&[&["x\"y", "1"], &["a\tb", ""]]));
    }

    #[test]
    fn a_paste_is_placed_at_the_cell_or_refused_past_the_edge() {
        let block = strings(&[&["1", "2"], &["3"], &["4", "5"]]);
        let cells = paste_cells(&block, cell(13, 26), EXTENT, "AA15").unwrap();
        assert_eq!(
            cells,
            [
                (cell(13, 26), "1".to_owned()),
                (cell(13, 27), "2".to_owned()),
                (cell(14, 26), "3".to_owned()),
                (cell(15, 26), "4".to_owned()),
                (cell(15, 27), "5".to_owned()),
            ]
        );
        // One row lower: the third row would be row index 16 of a 16-row table.
        let refused = paste_cells(&block, cell(14, 26), EXTENT, "AA16").unwrap_err();
        assert_eq!(
            refused,
            "粘贴的区域（3 行 × 2 列）从 AA16 起超出了表格（共 16 行，到 AB 列为止），未粘贴：请先插入行，或从靠上、靠左的单元格开始粘贴"
        );
        // One column further right: past AB.
        assert!(paste_cells(&block, cell(0, 27), EXTENT, "AB1").is_err());
        assert!(paste_cells(&block, cell(usize::MAX, usize::MAX), EXTENT, "?").is_err());
        assert_eq!(paste_cells(&[], cell(0, 0), EXTENT, "A1"), Ok(Vec::new()));
    }

    #[test]
    fn keys_move_the_selected_cell_as_in_excel() {
        let c = Cursor::at(cell(2, 1));
        let go = |c: &Cursor, k: Key| c.key(&k, "38.6", EXTENT);
        assert_eq!(
            go(&c, Key::plain("ArrowDown")),
            (Cursor::at(cell(3, 1)), Command::Move)
        );
        assert_eq!(go(&c, Key::plain("ArrowUp")).0.active, cell(1, 1));
        assert_eq!(go(&c, Key::plain("ArrowLeft")).0.active, cell(2, 0));
        assert_eq!(go(&c, Key::plain("ArrowRight")).0.active, cell(2, 2));
        assert_eq!(go(&c, Key::plain("Enter")).0.active, cell(3, 1));
        assert_eq!(go(&c, Key::shifted("Enter")).0.active, cell(1, 1));
        assert_eq!(go(&c, Key::plain("Tab")).0.active, cell(2, 2));
        assert_eq!(go(&c, Key::shifted("Tab")).0.active, cell(2, 0));
        assert_eq!(go(&c, Key::plain("Home")).0.active, cell(2, 0));
        assert_eq!(go(&c, Key::ctrl("Home")).0.active, cell(0, 0));
        assert_eq!(go(&c, Key::ctrl("End")).0.active, cell(15, 27));
        assert_eq!(go(&c, Key::ctrl("ArrowDown")).0.active, cell(15, 1));
        // At the edges the cursor stays.
        let corner = Cursor::at(cell(0, 0));
        assert_eq!(go(&corner, Key::plain("ArrowUp")).0.active, cell(0, 0));
        let last = Cursor::at(cell(15, 27));
        assert_eq!(go(&last, Key::plain("ArrowDown")).0.active, cell(15, 27));
        // Tab past the first or last column leaves the grid: the browser's.
        assert_eq!(
            go(&corner, Key::shifted("Tab")),
            (corner.clone(), Command::Pass)
        );
        assert_eq!(go(&last, Key::plain("Tab")), (last.clone(), Command::Pass));
        // Characters, Backspace and Ctrl+C/V are the browser's.
        assert_eq!(go(&c, Key::plain("5")).1, Command::Pass);
        assert_eq!(go(&c, Key::plain("Backspace")).1, Command::Pass);
        assert_eq!(go(&c, Key::ctrl("c")).1, Command::Pass);
        assert_eq!(go(&c, Key::plain("Delete")).1, Command::Clear);
        let ctrl_shift_plus = Key {
            shift: true,
            ..Key::ctrl("+")
        };
        assert_eq!(go(&c, ctrl_shift_plus).1, Command::InsertRow);
        // The browser's zoom keys are never row commands.
        assert_eq!(go(&c, Key::ctrl("=")).1, Command::Pass);
        assert_eq!(go(&c, Key::ctrl("-")).1, Command::Pass);
        assert_eq!(go(&c, Key::ctrl("+")).1, Command::Pass);
        // An empty table: nowhere to go, no panic.
        let none = Extent { rows: 0, cols: 0 };
        assert_eq!(
            c.key(&Key::plain("ArrowDown"), "", none).0.active,
            cell(0, 0)
        );
    }

    #[test]
    fn shift_and_arrows_grow_a_rectangular_selection() {
        let c = Cursor::at(cell(2, 1));
        let go = |c: &Cursor, k: Key| c.key(&k, "", EXTENT).0;
        let c = go(&c, Key::shifted("ArrowDown"));
        let c = go(&c, Key::shifted("ArrowRight"));
        let c = go(&c, Key::shifted("ArrowDown"));
        assert_eq!(c.active, cell(4, 2));
        assert_eq!(c.anchor, cell(2, 1));
        assert_eq!(c.selection(), (cell(2, 1), cell(4, 2)));
        assert!(c.selects(cell(3, 2)) && !c.selects(cell(5, 2)) && !c.selects(cell(3, 0)));
        // Up and left of the anchor: still the rectangle between the corners.
        let up = go(
            &go(&go(&c, Key::shifted("ArrowUp")), Key::shifted("ArrowUp")),
            Key::shifted("ArrowUp"),
        );
        assert_eq!(up.selection(), (cell(1, 1), cell(2, 2)));
        // Esc or a plain arrow ends the selection.
        assert_eq!(
            c.key(&Key::plain("Escape"), "", EXTENT),
            (Cursor::at(cell(4, 2)), Command::Move)
        );
        assert_eq!(go(&c, Key::plain("ArrowDown")), Cursor::at(cell(5, 2)));
    }

    #[test]
    fn typing_over_a_cell_edits_it_and_arrows_end_the_edit() {
        let c = Cursor::at(cell(2, 1));
        // The first character replaced the text 38.6: an edit begun by typing.
        let typing = c.typed("38.6");
        assert_eq!((typing.mode, typing.start.as_str()), (Mode::Enter, "38.6"));
        // Typing more keeps the text the edit began with.
        assert_eq!(typing.typed("4").start, "38.6");
        // An arrow ends the edit and moves.
        let (after, cmd) = typing.key(&Key::plain("ArrowRight"), "40", EXTENT);
        assert_eq!((after, cmd), (Cursor::at(cell(2, 2)), Command::CommitMove));
        // Enter, Shift+Enter, Tab likewise.
        assert_eq!(
            typing.key(&Key::plain("Enter"), "40", EXTENT),
            (Cursor::at(cell(3, 1)), Command::CommitMove)
        );
        assert_eq!(
            typing.key(&Key::shifted("Enter"), "40", EXTENT).0.active,
            cell(1, 1)
        );
        assert_eq!(
            typing.key(&Key::shifted("Tab"), "40", EXTENT).0.active,
            cell(2, 0)
        );
        // Esc takes it back to the text before.
        assert_eq!(
            typing.key(&Key::plain("Escape"), "40", EXTENT),
            (Cursor::at(cell(2, 1)), Command::Cancel("38.6".into()))
        );
    }

    #[test]
    fn f2_edits_in_place_where_arrows_move_the_caret() {
        let c = Cursor::at(cell(2, 1));
        let (editing, cmd) = c.key(&Key::plain("F2"), "38.6", EXTENT);
        assert_eq!(cmd, Command::EditInPlace);
        assert_eq!((editing.mode, editing.start.as_str()), (Mode::Edit, "38.6"));
        // Typing does not change the mode nor the text to go back to.
        assert_eq!(editing.typed("38.66"), editing);
        for k in ["ArrowLeft", "ArrowRight", "Home", "End", "a"] {
            assert_eq!(
                editing.key(&Key::plain(k), "38.66", EXTENT),
                (editing.clone(), Command::Pass),
                "{k}"
            );
        }
        assert_eq!(
            editing.key(&Key::plain("Enter"), "38.66", EXTENT),
            (Cursor::at(cell(3, 1)), Command::CommitMove)
        );
        assert_eq!(
            editing.key(&Key::plain("Escape"), "38.66", EXTENT).1,
            Command::Cancel("38.6".into())
        );
        // F2 again switches to the mode where arrows end the edit, and back.
        let (enter, cmd) = editing.key(&Key::plain("F2"), "", EXTENT);
        assert_eq!((enter.mode, cmd), (Mode::Enter, Command::Stay));
        assert_eq!(enter.key(&Key::plain("F2"), "", EXTENT).0.mode, Mode::Edit);
    }

    #[test]
    fn keys_of_an_input_method_are_never_commands() {
        let c = Cursor::at(cell(2, 0));
        let composing = Key {
            composing: true,
            ..Key::plain("Enter")
        };
        assert_eq!(c.key(&composing, "", EXTENT), (c.clone(), Command::Pass));
        assert_eq!(
            c.key(&Key::plain("Process"), "", EXTENT),
            (c.clone(), Command::Pass)
        );
        let typing = c.typed("红山园区");
        let esc = Key {
            composing: true,
            ..Key::plain("Escape")
        };
        assert_eq!(
            typing.key(&esc, "", EXTENT),
            (typing.clone(), Command::Pass)
        );
        assert_eq!(
            typing.key(&Key::plain("Process"), "", EXTENT).1,
            Command::Pass
        );
    }

    #[test]
    fn focus_and_blur() {
        let c = Cursor::at(cell(2, 1))
            .key(&Key::shifted("ArrowDown"), "", EXTENT)
            .0;
        assert_eq!(
            c.focused(cell(3, 1)),
            c,
            "the active cell keeps the selection"
        );
        assert_eq!(c.focused(cell(5, 5)), Cursor::at(cell(5, 5)));
        let typing = Cursor::at(cell(2, 1)).typed("1");
        assert_eq!(typing.blurred(), Cursor::at(cell(2, 1)));
        // After rows were deleted the cursor stays inside the table.
        let far = Cursor::at(cell(15, 27));
        assert_eq!(
            far.within(Extent { rows: 10, cols: 3 }),
            Cursor::at(cell(9, 2))
        );
    }

    #[test]
    fn the_characters_keys_type() {
        assert_eq!(Key::plain("5").character(), Some('5'));
        assert_eq!(Key::shifted("A").character(), Some('A'));
        assert_eq!(Key::plain(" ").character(), Some(' '));
        assert_eq!(Key::plain("红").character(), Some('红'));
        for k in [
            Key::plain("Enter"),
            Key::plain("F2"),
            Key::plain("ArrowDown"),
            Key::ctrl("c"),
            Key::plain(""),
        ] {
            assert_eq!(k.character(), None, "{k:?}");
        }
        let composing = Key {
            composing: true,
            ..Key::plain("a")
        };
        assert_eq!(composing.character(), None);
    }

    #[test]
    fn cells_are_found_by_their_coordinates() {
        assert_eq!(cell_test_id(cell(12, 3)), "cell-12-3");
        assert_eq!(cell_at("14", "5"), Some(cell(12, 3)));
        assert_eq!(cell_at("2", "2"), Some(cell(0, 0)));
        // The title row and the row numbers are no cell; nor is what does not parse.
        for (r, c) in [("1", "2"), ("2", "1"), ("", "3"), ("x", "3"), ("3", "-1")] {
            assert_eq!(cell_at(r, c), None, "{r} {c}");
        }
        assert_eq!(
            cell_selector(cell(12, 3)),
            "table.data-grid tr[aria-rowindex=\"14\"] > td[aria-colindex=\"5\"]"
        );
        assert_eq!(
            cell_title("示例数据-2020.csv", 1, 4),
            "示例数据-2020.csv B4"
        );
        assert_eq!(
            cell_title("a.xlsx（工作表「数据」）", 27, 100),
            "a.xlsx（工作表「数据」） AB100"
        );
    }

    #[test]
    fn pages_and_the_one_editor() {
        let p = Page::of(1202, 1, 100);
        assert_eq!(
            p,
            Page {
                page: 1,
                pages: 13,
                first: 100,
                shown: 100
            }
        );
        // Past the end: the last page, short.
        assert_eq!(
            Page::of(1202, 99, 100),
            Page {
                page: 12,
                pages: 13,
                first: 1200,
                shown: 2
            }
        );
        // An empty table still has a page, without cells and without an editor.
        let empty = Page::of(0, 3, 100);
        assert_eq!((empty.page, empty.pages, empty.shown), (0, 1, 0));
        let wide = Extent {
            rows: 1202,
            cols: 28,
        };
        assert_eq!(empty.editor_cell(&Cursor::default(), wide), None);
        // The editor is on the active cell when it is on the page, else on the page's first.
        assert_eq!(
            p.editor_cell(&Cursor::at(cell(150, 7)), wide),
            Some(cell(150, 7))
        );
        assert_eq!(
            p.editor_cell(&Cursor::at(cell(3, 7)), wide),
            Some(cell(100, 0))
        );
        assert_eq!(
            p.editor_cell(&Cursor::at(cell(200, 0)), wide),
            Some(cell(100, 0))
        );
        assert_eq!(
            p.editor_cell(&Cursor::at(cell(150, 28)), wide),
            Some(cell(100, 0))
        );
        assert!(p.holds(cell(199, 27), wide) && !p.holds(cell(99, 0), wide));
        let no_columns = Extent {
            rows: 1202,
            cols: 0,
        };
        assert_eq!(p.editor_cell(&Cursor::at(cell(150, 0)), no_columns), None);
    }

    #[test]
    fn titles_and_labels_name_the_park_and_the_indicator() {
        let scheme = Scheme::chifeng_2020();
        let row = |number: u32, cells: &[&str]| parkscore::import::RawRow {
            number,
            cells: cells.iter().map(|c| (*c).to_owned()).collect(),
        };
        let table = RawTable {
            file_name: "工信局.csv".into(),
            format: parkscore::import::Format::Csv,
            encoding: None,
            sheet: None,
            sheets: Vec::new(),
            rows: vec![
                row(1, &["2020年度"]),
                row(
                    2,
                    &[
                        "园区",
                        "新增工业总产值（万元）",
                        "工业总产值增速",
                        "备注",
                        "",
                    ],
                ),
                row(3, &["红山园区", "123000", "4.2", "", ""]),
                row(4, &["", "1", "2", "", ""]),
            ],
            notes: Vec::new(),
        };
        let m = |index: usize, header: &str, target: &str| ColumnMatch {
            index,
            header: header.into(),
            target: target.into(),
        };
        let matched = [
            m(0, "园区", "name"),
            m(1, "新增工业总产值（万元）", "new_output_value"),
            m(2, "工业总产值增速", "output_growth"),
        ];
        let cols = columns(6, &table, Some(1), &matched, &scheme);
        let titles: Vec<&str> = cols.iter().map(|c| c.title.as_str()).collect();
        // The file's unit (万元) where its header names one, else the scheme's (%).
        assert_eq!(
            titles,
            [
                "园区名称",
                "新增工业总产值（万元）",
                "工业总产值增速（%）",
                "备注",
                "E",
                "F"
            ]
        );
        assert!(cols[4].bare && !cols[3].bare);
        assert_eq!(row_park(&table, Some(1), Some(0), 2), Some("红山园区"));
        assert_eq!(
            row_park(&table, Some(1), Some(0), 1),
            None,
            "the header row"
        );
        assert_eq!(row_park(&table, Some(1), Some(0), 3), None, "no name");
        assert_eq!(row_park(&table, None, Some(0), 2), None);
        assert_eq!(
            cell_label(Some("红山园区"), &cols[1], 3),
            "红山园区 · 新增工业总产值（万元）"
        );
        assert_eq!(
            cell_label(None, &cols[2], 4),
            "第 4 行 · 工业总产值增速（%）"
        );
        assert_eq!(cell_label(Some("红山园区"), &cols[4], 3), "红山园区 · E 列");
        assert_eq!(
            row_label(row_park(&table, Some(1), Some(0), 2), 3).as_deref(),
            Some("红山园区（第 3 行）")
        );
        assert_eq!(row_label(row_park(&table, Some(1), Some(0), 1), 2), None);
        assert_eq!(header_unit("增速(%)"), Some("%"));
        assert_eq!(header_unit("（）"), None);
        assert_eq!(header_unit("园区"), None);
    }
}
