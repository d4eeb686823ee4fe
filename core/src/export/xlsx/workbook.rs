//! The workbook: its sheets, default format and document properties, and the package it is
//! saved as — the parts in rust_xlsxwriter's order (`[Content_Types].xml`, `_rels/.rels`,
//! `xl/_rels/workbook.xml.rels`, the theme, styles, `xl/workbook.xml`, each sheet and its
//! relationships, the shared strings, `docProps/core.xml` and `app.xml`, the notes' drawings
//! and comments) in one zip.

use super::format::{Format, Styles};
use super::worksheet::{Metrics, Worksheet};
use super::xml::{absolute_range, element, end, quote_sheet_name, tag, DECLARATION, ROW_MAX};
use super::{zip, XlsxError};
use std::collections::HashMap;

/// The theme every workbook carries (Excel 2007's Office theme, as rust_xlsxwriter writes it).
const THEME: &str = include_str!("theme1.xml");

/// A moment as the document properties record it, in UTC.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExcelDateTime {
    year: u16,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    second: u8,
}

impl ExcelDateTime {
    /// Midnight of a day (years 1900 to 9999).
    pub fn from_ymd(year: u16, month: u8, day: u8) -> Result<ExcelDateTime, XlsxError> {
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
            2 => 28,
            _ => 0,
        };
        if !(1900..=9999).contains(&year) || day == 0 || day > days_in_month {
            return Err(XlsxError::DateTimeRange);
        }
        Ok(ExcelDateTime {
            year,
            month,
            day,
            hour: 0,
            minute: 0,
            second: 0,
        })
    }

    /// The moment `seconds` after 1970-01-01 00:00:00 UTC (years 1900 to 9999).
    pub fn from_timestamp(seconds: i64) -> Result<ExcelDateTime, XlsxError> {
        if !(-2_209_075_200..253_402_300_800).contains(&seconds) {
            return Err(XlsxError::DateTimeRange);
        }
        let days = seconds.div_euclid(86_400);
        let secs = seconds.rem_euclid(86_400);
        // Howard Hinnant's days-to-civil algorithm (the proleptic Gregorian calendar).
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        // All in range by the check above.
        let narrow = |v: i64| u8::try_from(v).unwrap_or(0);
        Ok(ExcelDateTime {
            year: u16::try_from(year).unwrap_or(1900),
            month: narrow(month),
            day: narrow(day),
            hour: narrow(secs / 3_600),
            minute: narrow(secs / 60 % 60),
            second: narrow(secs % 60),
        })
    }

    /// `2021-01-01T00:00:00Z`.
    fn w3c(self) -> String {
        format!(
            "{}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }
}

/// The document's properties (File → Info): title, subject, author, when it was made.
#[derive(Clone, Debug, Default)]
pub struct DocProperties {
    title: String,
    subject: String,
    author: String,
    created: Option<ExcelDateTime>,
}

impl DocProperties {
    /// No properties; made at [`DocProperties::NO_TIME`] until a time is given.
    pub fn new() -> DocProperties {
        DocProperties::default()
    }

    /// What a workbook records as its creation time when none is given: the zip format's
    /// first day, which its parts carry too. The writer reads no clock (the core reads none):
    /// the caller gives the time (`set_creation_datetime`).
    pub const NO_TIME: &'static str = "1980-01-01T00:00:00Z";

    /// The title.
    pub fn set_title(mut self, title: impl Into<String>) -> DocProperties {
        self.title = title.into();
        self
    }

    /// The subject.
    pub fn set_subject(mut self, subject: impl Into<String>) -> DocProperties {
        self.subject = subject.into();
        self
    }

    /// The author (and last modifier).
    pub fn set_author(mut self, author: impl Into<String>) -> DocProperties {
        self.author = author.into();
        self
    }

    /// When the workbook was made.
    pub fn set_creation_datetime(mut self, at: &ExcelDateTime) -> DocProperties {
        self.created = Some(*at);
        self
    }
}

/// A workbook being written (see the module's documentation).
#[derive(Debug)]
pub struct Workbook {
    sheets: Vec<Worksheet>,
    default: Format,
    metrics: Metrics,
    properties: DocProperties,
}

impl Default for Workbook {
    fn default() -> Workbook {
        Workbook::new()
    }
}

impl Workbook {
    /// An empty workbook: Calibri 11, rows of 20 pixels, columns of 64.
    pub fn new() -> Workbook {
        Workbook {
            sheets: Vec::new(),
            default: Format::new(),
            metrics: Metrics {
                row_height: 20,
                col_width: 64,
                digit_width: 7,
                padding: 5,
                max_col_width: 1_790,
            },
            properties: DocProperties::new(),
        }
    }

    /// The format of every cell not given one, with the default row height and column width
    /// in pixels that go with its font (56, 64, 72, 80, 96, 104 or 120 wide); before any
    /// sheet is added.
    pub fn set_default_format(
        &mut self,
        format: &Format,
        row_height: u32,
        col_width: u32,
    ) -> Result<&mut Workbook, XlsxError> {
        if !self.sheets.is_empty() {
            return Err(XlsxError::DefaultFormat);
        }
        let (digit_width, padding, max_col_width) = match col_width {
            56 => (6, 5, 1_533),
            64 => (7, 5, 1_790),
            72 => (8, 5, 2_043),
            80 => (9, 7, 2_300),
            96 => (11, 7, 2_810),
            104 => (12, 7, 3_065),
            120 => (13, 9, 3_323),
            _ => return Err(XlsxError::DefaultFormat),
        };
        self.default = format.clone();
        self.metrics = Metrics {
            row_height,
            col_width,
            digit_width,
            padding,
            max_col_width,
        };
        Ok(self)
    }

    /// The document's properties.
    pub fn set_properties(&mut self, properties: &DocProperties) -> &mut Workbook {
        self.properties = properties.clone();
        self
    }

    /// A new sheet at the end, named `SheetN` until named.
    pub fn add_worksheet(&mut self) -> &mut Worksheet {
        let name = format!("Sheet{}", self.sheets.len() + 1);
        self.sheets
            .push(Worksheet::new(name, &self.default, self.metrics));
        let last = self.sheets.len() - 1;
        &mut self.sheets[last]
    }

    /// The workbook as the bytes of an .xlsx file.
    pub fn save_to_buffer(&mut self) -> Result<Vec<u8>, XlsxError> {
        if self.sheets.is_empty() {
            self.add_worksheet();
        }
        for (i, sheet) in self.sheets.iter_mut().enumerate() {
            sheet.selected = i == 0;
        }
        let mut seen = std::collections::HashSet::new();
        for sheet in &self.sheets {
            if !seen.insert(sheet.name.to_lowercase()) {
                return Err(XlsxError::SheetNameReused(sheet.name.clone()));
            }
        }
        // A zip (without its 64-bit extension) holds at most 65,535 parts.
        if self.sheets.len() > 16_000 {
            return Err(XlsxError::TooLarge);
        }

        // The workbook's formats: the default first, then each sheet's in the order it first
        // used them.
        let mut formats: Vec<Format> = vec![self.default.clone()];
        let mut ids: HashMap<Format, u32> = HashMap::from([(self.default.clone(), 0)]);
        let mut xf: Vec<Vec<u32>> = Vec::with_capacity(self.sheets.len());
        for sheet in &self.sheets {
            let map = sheet
                .formats
                .iter()
                .map(|f| {
                    *ids.entry(f.clone()).or_insert_with(|| {
                        formats.push(f.clone());
                        u32::try_from(formats.len() - 1).unwrap_or(u32::MAX)
                    })
                })
                .collect();
            xf.push(map);
        }

        // Shared strings: numbered in the order of the sheets, their rows and columns.
        let mut strings: HashMap<&str, u32> = HashMap::new();
        let mut order: Vec<&str> = Vec::new();
        let mut count: u64 = 0;
        for sheet in &self.sheets {
            for text in sheet.strings() {
                count += 1;
                if !strings.contains_key(text) {
                    let next = u32::try_from(order.len()).map_err(|_| XlsxError::TooLarge)?;
                    strings.insert(text, next);
                    order.push(text);
                }
            }
        }

        let with_notes: Vec<usize> = (0..self.sheets.len())
            .filter(|i| !self.sheets[*i].notes.is_empty())
            .collect();
        let mut zip = zip::Writer::new();
        zip.add(
            "[Content_Types].xml",
            &self.content_types(with_notes.len(), !order.is_empty()),
        )?;
        zip.add("_rels/.rels", &rels(&[
            ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument", "xl/workbook.xml"),
            ("http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml"),
            ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties", "docProps/app.xml"),
        ]))?;
        let doc = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        let mut book_rels: Vec<(String, String)> = (1..=self.sheets.len())
            .map(|i| {
                (
                    format!("{doc}/worksheet"),
                    format!("worksheets/sheet{i}.xml"),
                )
            })
            .collect();
        book_rels.push((format!("{doc}/theme"), "theme/theme1.xml".to_owned()));
        book_rels.push((format!("{doc}/styles"), "styles.xml".to_owned()));
        if !order.is_empty() {
            book_rels.push((
                format!("{doc}/sharedStrings"),
                "sharedStrings.xml".to_owned(),
            ));
        }
        let book_rels: Vec<(&str, &str)> = book_rels
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        zip.add("xl/_rels/workbook.xml.rels", &rels(&book_rels))?;
        zip.add("xl/theme/theme1.xml", THEME)?;
        zip.add(
            "xl/styles.xml",
            &Styles::new(&formats, !with_notes.is_empty()).xml(),
        )?;
        let names = self.defined_names();
        zip.add("xl/workbook.xml", &self.workbook_xml(&names))?;

        let mut sst = |text: &str| strings.get(text).copied().unwrap_or(0);
        let mut note_index = 0usize;
        for (i, sheet) in self.sheets.iter().enumerate() {
            let n = i + 1;
            zip.add(
                &format!("xl/worksheets/sheet{n}.xml"),
                &sheet.xml(&xf[i], &mut sst),
            )?;
            if !sheet.notes.is_empty() {
                note_index += 1;
                zip.add(
                    &format!("xl/worksheets/_rels/sheet{n}.xml.rels"),
                    &rels(&[
                        (
                            &format!("{doc}/vmlDrawing"),
                            &format!("../drawings/vmlDrawing{note_index}.vml"),
                        ),
                        (
                            &format!("{doc}/comments"),
                            &format!("../comments{note_index}.xml"),
                        ),
                    ]),
                )?;
            }
        }
        if !order.is_empty() {
            zip.add("xl/sharedStrings.xml", &shared_strings(&order, count))?;
        }
        zip.add("docProps/core.xml", &self.core_xml())?;
        zip.add("docProps/app.xml", &self.app_xml(&names))?;

        // Each sheet's notes: their drawing ids start a block of 1,024 shapes (more blocks
        // for more notes), as Excel numbers them.
        let mut data_id: u64 = 1;
        let mut shape_id: u64 = 1_024;
        for (k, i) in with_notes.iter().enumerate() {
            let sheet = &self.sheets[*i];
            let notes = sheet.notes.values().map(|r| r.len() as u64).sum::<u64>();
            let blocks = (1_024 + notes) / 1_024;
            let ids: Vec<String> = (0..blocks).map(|b| (data_id + b).to_string()).collect();
            let first_shape = u32::try_from(shape_id).map_err(|_| XlsxError::TooLarge)?;
            zip.add(
                &format!("xl/drawings/vmlDrawing{}.vml", k + 1),
                &sheet.vml_xml(&ids.join(","), first_shape),
            )?;
            data_id += blocks;
            shape_id += 1_024 * blocks;
        }
        for (k, i) in with_notes.iter().enumerate() {
            zip.add(
                &format!("xl/comments{}.xml", k + 1),
                &self.sheets[*i].comments_xml(),
            )?;
        }
        zip.finish()
    }

    fn content_types(&self, comments: usize, strings: bool) -> String {
        let mut out = String::with_capacity(2048);
        out.push_str(DECLARATION);
        out.push_str("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>");
        if comments > 0 {
            out.push_str("<Default Extension=\"vml\" ContentType=\"application/vnd.openxmlformats-officedocument.vmlDrawing\"/>");
        }
        let part = |out: &mut String, name: &str, kind: &str| {
            tag(
                out,
                "Override",
                &[("PartName", name), ("ContentType", kind)],
                true,
            );
        };
        part(
            &mut out,
            "/docProps/app.xml",
            "application/vnd.openxmlformats-officedocument.extended-properties+xml",
        );
        part(
            &mut out,
            "/docProps/core.xml",
            "application/vnd.openxmlformats-package.core-properties+xml",
        );
        part(
            &mut out,
            "/xl/styles.xml",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
        );
        part(
            &mut out,
            "/xl/theme/theme1.xml",
            "application/vnd.openxmlformats-officedocument.theme+xml",
        );
        part(
            &mut out,
            "/xl/workbook.xml",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        );
        for i in 1..=self.sheets.len() {
            part(
                &mut out,
                &format!("/xl/worksheets/sheet{i}.xml"),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
            );
        }
        for i in 1..=comments {
            part(
                &mut out,
                &format!("/xl/comments{i}.xml"),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml",
            );
        }
        if strings {
            part(
                &mut out,
                "/xl/sharedStrings.xml",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml",
            );
        }
        out.push_str("</Types>");
        out
    }

    /// The print areas and print titles as defined names: `(name, sheet index, range, the
    /// name app.xml lists)`, in Excel's order (print areas, then titles, each by range).
    fn defined_names(&self) -> Vec<(&'static str, usize, String, String)> {
        let mut names = Vec::new();
        for (i, sheet) in self.sheets.iter().enumerate() {
            let quoted = quote_sheet_name(&sheet.name);
            if let Some((r1, c1, r2, c2)) = sheet.print_area {
                let range = if c1 == 0 && c2 == super::xml::COL_MAX - 1 {
                    format!("${}:${}", u64::from(r1) + 1, u64::from(r2) + 1)
                } else if r1 == 0 && r2 == ROW_MAX - 1 {
                    format!(
                        "${}:${}",
                        super::xml::column_name(c1),
                        super::xml::column_name(c2)
                    )
                } else {
                    absolute_range(r1, c1, r2, c2)
                };
                names.push((
                    "_xlnm.Print_Area",
                    i,
                    format!("{quoted}!{range}"),
                    format!("{quoted}!Print_Area"),
                ));
            }
            if let Some((first, last)) = sheet.repeat_rows {
                names.push((
                    "_xlnm.Print_Titles",
                    i,
                    format!(
                        "{quoted}!${}:${}",
                        u64::from(first) + 1,
                        u64::from(last) + 1
                    ),
                    format!("{quoted}!Print_Titles"),
                ));
            }
        }
        // rust_xlsxwriter sorts by (`print_area{}` | `print_titles`, range).
        crate::order::sort_by(&mut names, |a, b| (a.0, &a.2).cmp(&(b.0, &b.2)));
        names
    }

    fn workbook_xml(&self, names: &[(&'static str, usize, String, String)]) -> String {
        let mut out = String::with_capacity(1024);
        out.push_str(DECLARATION);
        out.push_str("<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><fileVersion appName=\"xl\" lastEdited=\"4\" lowestEdited=\"4\" rupBuild=\"4505\"/><workbookPr defaultThemeVersion=\"124226\"/><bookViews><workbookView xWindow=\"240\" yWindow=\"15\" windowWidth=\"16095\" windowHeight=\"9660\"/></bookViews><sheets>");
        for (i, sheet) in self.sheets.iter().enumerate() {
            let n = (i + 1).to_string();
            let rel = format!("rId{n}");
            tag(
                &mut out,
                "sheet",
                &[("name", &sheet.name), ("sheetId", &n), ("r:id", &rel)],
                true,
            );
        }
        out.push_str("</sheets>");
        if !names.is_empty() {
            out.push_str("<definedNames>");
            for (name, sheet, range, _) in names {
                tag(
                    &mut out,
                    "definedName",
                    &[("name", name), ("localSheetId", &sheet.to_string())],
                    false,
                );
                super::xml::push_data(&mut out, range);
                end(&mut out, "definedName");
            }
            out.push_str("</definedNames>");
        }
        out.push_str("<calcPr calcId=\"124519\" fullCalcOnLoad=\"1\"/></workbook>");
        out
    }

    fn core_xml(&self) -> String {
        let p = &self.properties;
        let mut out = String::with_capacity(1024);
        out.push_str(DECLARATION);
        out.push_str("<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">");
        if !p.title.is_empty() {
            element(&mut out, "dc:title", &p.title);
        }
        if !p.subject.is_empty() {
            element(&mut out, "dc:subject", &p.subject);
        }
        element(&mut out, "dc:creator", &p.author);
        element(&mut out, "cp:lastModifiedBy", &p.author);
        let at = p
            .created
            .map_or_else(|| DocProperties::NO_TIME.to_owned(), ExcelDateTime::w3c);
        for name in ["dcterms:created", "dcterms:modified"] {
            tag(&mut out, name, &[("xsi:type", "dcterms:W3CDTF")], false);
            out.push_str(&at);
            end(&mut out, name);
        }
        out.push_str("</cp:coreProperties>");
        out
    }

    fn app_xml(&self, names: &[(&'static str, usize, String, String)]) -> String {
        let mut out = String::with_capacity(1024);
        out.push_str(DECLARATION);
        out.push_str("<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\"><Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><HeadingPairs>");
        let mut pairs = vec![("Worksheets", self.sheets.len())];
        if !names.is_empty() {
            pairs.push(("Named Ranges", names.len()));
        }
        tag(
            &mut out,
            "vt:vector",
            &[
                ("size", &(pairs.len() * 2).to_string()),
                ("baseType", "variant"),
            ],
            false,
        );
        for (name, n) in &pairs {
            out.push_str("<vt:variant>");
            element(&mut out, "vt:lpstr", name);
            out.push_str("</vt:variant><vt:variant>");
            element(&mut out, "vt:i4", &n.to_string());
            out.push_str("</vt:variant>");
        }
        out.push_str("</vt:vector></HeadingPairs><TitlesOfParts>");
        let parts = self.sheets.len() + names.len();
        tag(
            &mut out,
            "vt:vector",
            &[("size", &parts.to_string()), ("baseType", "lpstr")],
            false,
        );
        for sheet in &self.sheets {
            element(&mut out, "vt:lpstr", &sheet.name);
        }
        for (_, _, _, app_name) in names {
            element(&mut out, "vt:lpstr", app_name);
        }
        out.push_str("</vt:vector></TitlesOfParts><Company></Company><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>12.0000</AppVersion></Properties>");
        out
    }
}

/// A relationships part: each `(type, target)` as `rId1`, `rId2`, …
fn rels(list: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(512);
    out.push_str(DECLARATION);
    out.push_str(
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    );
    for (i, (kind, target)) in list.iter().enumerate() {
        let id = format!("rId{}", i + 1);
        tag(
            &mut out,
            "Relationship",
            &[("Id", &id), ("Type", kind), ("Target", target)],
            true,
        );
    }
    out.push_str("</Relationships>");
    out
}

/// `xl/sharedStrings.xml`: each distinct text once, in order; `count` the string cells.
fn shared_strings(order: &[&str], count: u64) -> String {
    let mut out = String::with_capacity(order.iter().map(|s| s.len() + 16).sum::<usize>() + 256);
    out.push_str(DECLARATION);
    tag(
        &mut out,
        "sst",
        &[
            (
                "xmlns",
                "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
            ),
            ("count", &count.to_string()),
            ("uniqueCount", &order.len().to_string()),
        ],
        false,
    );
    for text in order {
        if text.starts_with(['\t', '\n', ' ']) || text.ends_with(['\t', '\n', ' ']) {
            out.push_str("<si><t xml:space=\"preserve\">");
        } else {
            out.push_str("<si><t>");
        }
        super::xml::push_data(&mut out, &super::xml::protect_escapes(text));
        out.push_str("</t></si>");
    }
    out.push_str("</sst>");
    out
}
