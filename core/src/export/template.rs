//! The import templates (填报模板): the full template, with every column of the scheme, and one
//! per responsible department (附件2's 负责单位) with only the columns that department
//! supplies; each as an .xlsx (a 数据 sheet and a 填报说明 sheet) or as a CSV with a UTF-8 BOM.
//!
//! # What a template holds
//!
//! - **Rows:** the scheme's evaluated units ([`Scheme::units`]), one a row, values blank.
//! - **Columns** ([`Template::columns`]): 园区名称; then the indicators of every group whose
//!   `departments` include the department, in the scheme's order; then 省级认定数 and
//!   国家级认定数 when the department is one of `bonus.departments`; then 一票否决 and 否决原因
//!   when it is one of `veto.departments`. The full template has every indicator and all four.
//!   A header reads the same in every template and is what the import understands: an
//!   indicator's name with its unit in full-width parentheses (`新增工业总产值（亿元）`;
//!   bureau-assessed scores get `（分）`).
//! - **Above the header:** a title row naming the evaluation and whom the template is for
//!   (`赤峰市工业园区综合发展评价考核数据填报表（市科技局）`), then the form fields 填报单位、
//!   填报人、联系电话、填报日期, each a label followed by a blank cell ([`FIELD_LABELS`]).
//!   The import looks for the header in the first 30 rows and finds it under them; the fields
//!   stand above the header, so they are never read as a park; and the import never takes a
//!   year from a row holding such a field (`import::validate`'s title years), so a 填报日期 of
//!   2021年3月15日 is not taken for the year evaluated. The title names a year only if the
//!   scheme's name does.
//!
//! A full template filled in and read back scores like the same figures typed into a CSV; a
//! department's filled template reads back with exactly its columns (the other departments'
//! columns are missing from it until the files are merged).
//!
//! # Judgement calls
//!
//! - The fields stay within the table's columns: four label–blank pairs in one row when the
//!   table is at least 8 columns wide, two a row when it is 4 to 7 wide, one a row when it is
//!   narrower (the 市科技局 template has 3 columns: 园区名称 and its two indicators).
//! - The fields' blank cells are text cells in the .xlsx: a phone number keeps a leading 0 and
//!   a date stays as typed.
//! - The full template's title says 全部指标; its file name has no suffix
//!   (`赤峰市工业园区综合发展评价考核数据填报模板.xlsx`), a department's ends in its name
//!   (`…数据填报模板-市科技局.xlsx`). File names come from the scheme's name (less a final
//!   指标体系), never from its id.
//! - A department is named as the scheme writes it (spaces around it ignored); any other name
//!   is [`TemplateError::UnknownDepartment`], which lists the scheme's departments.
//! - The 填报说明 sheet keeps each indicator's 负责单位 (`Indicator::bureau`) and lists, group by
//!   group, the departments whose templates carry the group's columns (`Group::departments`);
//!   a department's 填报说明 says whom it is for, lists only its own indicators, and says that
//!   the other columns come from the other departments' templates. Under its first line it
//!   names the scheme with its fingerprint (`Scheme::title_with_fingerprint`), so that the
//!   office can see every department filled a template of the same rules.

use super::csv::{neutralise, quote};
use super::writer::{
    Color, DataValidation, DataValidationRule, DocProperties, ExcelDateTime, Format, FormatAlign,
    FormatBorder, Note, Workbook, Worksheet, XlsxError,
};
use crate::import::header::{
    NATIONAL_HEADERS, PROVINCIAL_HEADERS, VETO_HEADERS, VETO_REASON_HEADERS,
};
use crate::scheme::{Group, Indicator, Method, Scheme};
use rust_decimal::prelude::ToPrimitive;
use std::fmt;

/// The data sheet's name.
pub const DATA_SHEET: &str = "数据";
/// The instructions sheet's name.
pub const GUIDE_SHEET: &str = "填报说明";
/// The form fields above the header, in order; each is followed by a blank cell.
pub const FIELD_LABELS: [&str; 4] = ["填报单位：", "填报人：", "联系电话：", "填报日期："];
/// What the full template is called where a department's name would stand.
pub const ALL_COLUMNS: &str = "全部指标";
/// Rows left for data below the listed units, with the same validation.
const SPARE_ROWS: u32 = 20;

/// Which template: the full one or one department's.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TemplateFor<'a> {
    /// Every column of the scheme (全部指标).
    #[default]
    All,
    /// The columns one department supplies (a name from [`Scheme::departments`]).
    Department(&'a str),
}

impl<'a> TemplateFor<'a> {
    /// `None` is the full template, `Some(name)` that department's.
    pub fn from_department(department: Option<&'a str>) -> TemplateFor<'a> {
        department.map_or(TemplateFor::All, TemplateFor::Department)
    }
}

/// A template's file format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TemplateFormat {
    /// An .xlsx workbook: 数据 and 填报说明.
    Xlsx,
    /// A CSV text, UTF-8 with a BOM.
    Csv,
}

impl TemplateFormat {
    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            TemplateFormat::Xlsx => "xlsx",
            TemplateFormat::Csv => "csv",
        }
    }
}

/// Why a template could not be made.
#[derive(Debug)]
pub enum TemplateError {
    /// The department asked for is not one of the scheme's ([`Scheme::departments`], given in
    /// `known`, possibly none).
    UnknownDepartment {
        /// The name asked for.
        name: String,
        /// The scheme's departments, in order.
        known: Vec<String>,
    },
    /// The workbook writer failed (it does not with a valid scheme); the writer's own words
    /// are in [`TemplateError::detail`].
    Writer(XlsxError),
}

impl TemplateError {
    /// The library's own message, for a 技术细节 line; `None` when the message says it all.
    pub fn detail(&self) -> Option<String> {
        match self {
            TemplateError::UnknownDepartment { .. } => None,
            TemplateError::Writer(e) => Some(e.to_string()),
        }
    }
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TemplateError::UnknownDepartment { name, known } if known.is_empty() => write!(
                f,
                "评分方案没有写明各项指标的负责单位，不能生成「{name}」的模板；只能生成全部指标的模板"
            ),
            TemplateError::UnknownDepartment { name, known } => write!(
                f,
                "评分方案中没有负责单位「{name}」；可以生成模板的负责单位：{}",
                known.join("、")
            ),
            TemplateError::Writer(_) => f.write_str("无法生成 Excel 填报模板：写出工作簿时出错"),
        }
    }
}

impl std::error::Error for TemplateError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            TemplateError::UnknownDepartment { .. } => None,
            TemplateError::Writer(e) => Some(e),
        }
    }
}

impl From<XlsxError> for TemplateError {
    fn from(e: XlsxError) -> TemplateError {
        TemplateError::Writer(e)
    }
}

/// One column of a template's data sheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column<'s> {
    /// 园区名称.
    Name,
    /// An indicator of the scheme.
    Indicator(&'s Indicator),
    /// 省级认定数.
    Provincial,
    /// 国家级认定数.
    National,
    /// 一票否决.
    Veto,
    /// 否决原因.
    VetoReason,
}

impl Column<'_> {
    /// The header text, the same in every template of a scheme: the name column is headed by
    /// the scheme's word (`header::name_header_for`: 园区名称 for Chifeng's, 企业名称 for an
    /// enterprise scheme; always a header the import reads back).
    pub fn header(&self, noun: &str) -> String {
        match self {
            Column::Name => crate::import::header::name_header_for(noun).0,
            Column::Indicator(indicator) => indicator_header(indicator),
            Column::Provincial => PROVINCIAL_HEADERS[0].to_owned(),
            Column::National => NATIONAL_HEADERS[0].to_owned(),
            Column::Veto => VETO_HEADERS[0].to_owned(),
            Column::VetoReason => VETO_REASON_HEADERS[0].to_owned(),
        }
    }
}

/// A template resolved against its scheme: whom it is for and its columns.
#[derive(Clone, Debug)]
pub struct Template<'s> {
    scheme: &'s Scheme,
    department: Option<&'s str>,
    groups: Vec<&'s Group>,
    bonus: bool,
    veto: bool,
}

impl<'s> Template<'s> {
    /// The template `which` of `scheme`; an unknown department is an error that lists the
    /// scheme's departments.
    pub fn new(scheme: &'s Scheme, which: TemplateFor<'_>) -> Result<Template<'s>, TemplateError> {
        let TemplateFor::Department(asked) = which else {
            return Ok(Template {
                scheme,
                department: None,
                groups: scheme.groups.iter().collect(),
                // A scheme without bonus points or veto events (the 亩均 presets) asks for
                // neither column.
                bonus: scheme.has_bonus(),
                veto: scheme.has_veto(),
            });
        };
        let known = scheme.departments();
        let Some(department) = known.iter().copied().find(|d| d.trim() == asked.trim()) else {
            return Err(TemplateError::UnknownDepartment {
                name: asked.trim().to_owned(),
                known: known.iter().map(|d| (*d).to_owned()).collect(),
            });
        };
        let has = |list: &[String]| list.iter().any(|d| d.trim() == department.trim());
        Ok(Template {
            scheme,
            department: Some(department),
            groups: scheme
                .groups
                .iter()
                .filter(|g| has(&g.departments))
                .collect(),
            bonus: has(&scheme.bonus.departments),
            veto: has(&scheme.veto.departments),
        })
    }

    /// The department the template is for; `None` for the full template.
    pub fn department(&self) -> Option<&'s str> {
        self.department
    }

    /// The groups whose indicators are columns, in the scheme's order.
    pub fn groups(&self) -> &[&'s Group] {
        &self.groups
    }

    /// Whether the template has 省级认定数 and 国家级认定数.
    pub fn has_bonus(&self) -> bool {
        self.bonus
    }

    /// Whether the template has 一票否决 and 否决原因.
    pub fn has_veto(&self) -> bool {
        self.veto
    }

    /// The indicators that are columns, in order.
    pub fn indicators(&self) -> impl Iterator<Item = &'s Indicator> + '_ {
        self.groups.iter().flat_map(|g| g.indicators.iter())
    }

    /// The data sheet's columns, in order (see the module documentation).
    pub fn columns(&self) -> Vec<Column<'s>> {
        let mut columns = vec![Column::Name];
        columns.extend(self.indicators().map(Column::Indicator));
        if self.bonus {
            columns.extend([Column::Provincial, Column::National]);
        }
        if self.veto {
            columns.extend([Column::Veto, Column::VetoReason]);
        }
        columns
    }

    /// The header row's text, in column order.
    pub fn headers(&self) -> Vec<String> {
        let noun = self.scheme.unit_noun();
        self.columns().iter().map(|c| c.header(noun)).collect()
    }

    /// The title row: `赤峰市工业园区综合发展评价考核数据填报表（市科技局）`, or `（全部指标）`.
    pub fn title(&self) -> String {
        format!(
            "{}数据填报表（{}）",
            evaluation_name(self.scheme),
            self.department.unwrap_or(ALL_COLUMNS)
        )
    }

    /// The file name to offer: `赤峰市工业园区综合发展评价考核数据填报模板-市科技局.xlsx`; the
    /// full template's has no suffix. Characters a file system refuses become `-`.
    pub fn file_name(&self, format: TemplateFormat) -> String {
        let stem = format!("{}数据填报模板", evaluation_name(self.scheme));
        let name = match self.department {
            Some(d) => format!("{stem}-{}", d.trim()),
            None => stem,
        };
        let name: String = name
            .chars()
            .map(|c| {
                if c.is_control()
                    || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
                {
                    '-'
                } else {
                    c
                }
            })
            .collect();
        format!("{}.{}", name.trim(), format.extension())
    }

    /// The 0-based row of the header on the data sheet (and in the CSV): under the title and
    /// the fields rows.
    pub fn header_row(&self) -> usize {
        1 + field_rows(self.columns().len())
    }

    /// The CSV template: UTF-8 with a BOM (so that Excel on Chinese Windows opens it right),
    /// CRLF line ends; the title, the fields rows, the header, then one row per evaluated unit
    /// with the values left blank.
    pub fn csv(&self) -> Vec<u8> {
        let headers = self.headers();
        let width = headers.len();
        let cell = |text: &str| quote(&neutralise(text));
        let mut lines: Vec<String> = vec![cell(&self.title())];
        let mut fields = vec![vec![String::new(); width]; field_rows(width)];
        for (row, col, label) in field_places(width) {
            if let Some(slot) = fields.get_mut(row).and_then(|r| r.get_mut(col)) {
                *slot = cell(label);
            }
        }
        lines.extend(fields.iter().map(|r| r.join(",")));
        lines.push(
            headers
                .iter()
                .map(|h| cell(h))
                .collect::<Vec<_>>()
                .join(","),
        );
        for unit in &self.scheme.units {
            lines.push(format!("{}{}", cell(unit), ",".repeat(width - 1)));
        }
        let mut out = String::from('\u{feff}');
        for line in lines {
            out.push_str(&line);
            out.push_str("\r\n");
        }
        out.into_bytes()
    }

    /// The .xlsx template: the 数据 sheet (title, fields, header, the units) and 填报说明.
    pub fn xlsx(&self) -> Result<Vec<u8>, TemplateError> {
        let mut workbook = Workbook::new();
        // A fixed creation date: the same scheme always gives the same template.
        let created = ExcelDateTime::from_ymd(2021, 1, 1)?;
        workbook.set_properties(
            &DocProperties::new()
                .set_title(self.title())
                .set_subject(self.scheme.document.as_str())
                .set_creation_datetime(&created),
        );
        self.data_sheet(workbook.add_worksheet())?;
        self.guide_sheet(workbook.add_worksheet())?;
        Ok(workbook.save_to_buffer()?)
    }

    fn data_sheet(&self, sheet: &mut Worksheet) -> Result<(), XlsxError> {
        sheet.set_name(DATA_SHEET)?;
        let columns = self.columns();
        let width = columns.len();
        let head_row = row_num(self.header_row());
        sheet.write_string_with_format(
            0,
            0,
            self.title(),
            &Format::new().set_bold().set_font_size(14),
        )?;
        sheet.set_row_height(0, 24)?;
        let label = Format::new().set_bold().set_align(FormatAlign::Right);
        let blank = Format::new()
            .set_num_format("@")
            .set_border_bottom(FormatBorder::Thin);
        for (row, col, text) in field_places(width) {
            let (row, col) = (row_num(row + 1), col_num(col));
            sheet.write_string_with_format(row, col, text, &label)?;
            sheet.write_blank(row, col + 1, &blank)?;
        }

        let head = header_format();
        let text = Format::new().set_border(FormatBorder::Thin);
        sheet.set_row_height(head_row, 48)?;
        for (col, column) in columns.iter().enumerate() {
            let col = col_num(col);
            sheet.write_string_with_format(
                head_row,
                col,
                column.header(self.scheme.unit_noun()),
                &head,
            )?;
            let width = match column {
                Column::Name => 22,
                Column::VetoReason => 24,
                _ => 14,
            };
            sheet.set_column_width(col, width)?;
        }
        sheet.set_freeze_panes(head_row + 1, 1)?;
        for (row, unit) in self.scheme.units.iter().enumerate() {
            sheet.write_string_with_format(head_row + 1 + row_num(row), 0, unit, &text)?;
        }

        let first = head_row + 1;
        let last = first
            .saturating_add(row_num(self.scheme.units.len()))
            .saturating_add(SPARE_ROWS);
        let note = |text: String| Note::new(text).set_author("parkscore");
        let noun = self.scheme.unit_noun();
        let units_note = match self.scheme.units.len() {
            0 => format!("每行一个{noun}；名称须唯一。"),
            n => format!("每行一个{noun}；名称须唯一。已列出方案中的 {n} 个参评单位。"),
        };
        sheet.insert_note(head_row, 0, &note(units_note))?;
        for (i, column) in columns.iter().enumerate() {
            let col = col_num(i);
            match column {
                Column::Name | Column::National | Column::VetoReason => {}
                Column::Indicator(indicator) => {
                    let validation =
                        indicator_validation(indicator)?.set_input_message(rule_zh(indicator))?;
                    sheet.add_data_validation(first, col, last, col, &validation)?;
                    sheet.insert_note(
                        head_row,
                        col,
                        &note(format!("{}。{}", rule_zh(indicator), indicator.bureau)),
                    )?;
                }
                Column::Provincial => {
                    // 省级认定数 and 国家级认定数, side by side.
                    let counts = DataValidation::new()
                        .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0))
                        .set_error_message("请填写非负整数（认定项数），没有填 0 或留空")?;
                    sheet.add_data_validation(first, col, last, col + 1, &counts)?;
                }
                Column::Veto => {
                    let veto = DataValidation::new()
                        .allow_list_strings(&["是", "否"])?
                        .set_error_message("请选择「是」或「否」（留空按「否」计）")?;
                    sheet.add_data_validation(first, col, last, col, &veto)?;
                    sheet.insert_note(
                        head_row,
                        col,
                        &note(format!(
                            "发生{}的{noun}填「是」，并在「否决原因」中写明：当年不予评价考核。",
                            self.scheme.veto.events.join("或")
                        )),
                    )?;
                }
            }
        }
        Ok(())
    }

    fn guide_sheet(&self, sheet: &mut Worksheet) -> Result<(), XlsxError> {
        sheet.set_name(GUIDE_SHEET)?;
        let scheme = self.scheme;
        let title = Format::new().set_bold().set_font_size(14);
        let wrap = Format::new().set_text_wrap();
        let cell = Format::new()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_border(FormatBorder::Thin);
        let mut heading = format!("{}（{}）填报说明", scheme.name, scheme.document);
        if let Some(d) = self.department {
            heading.push_str(&format!("——{d}"));
        }
        sheet.write_string_with_format(0, 0, heading, &title)?;
        let mut row: u32 = 1;
        let mut line = |sheet: &mut Worksheet, text: &str, height: f64| -> Result<(), XlsxError> {
            sheet.merge_range(row, 0, row, 6, text, &wrap)?;
            sheet.set_row_height(row, height)?;
            row += 1;
            Ok(())
        };
        line(sheet, &self.purpose(), 45.0)?;
        line(
            sheet,
            &format!(
                "评分方案：{}。各负责单位的模板应出自同一方案（指纹相同）。",
                scheme.title_with_fingerprint()
            ),
            18.0,
        )?;
        for (i, note) in self.notes().iter().enumerate() {
            line(sheet, &format!("{}. {note}", i + 1), 30.0)?;
        }
        let responsible = self.responsible_lines();
        if !responsible.is_empty() {
            line(
                sheet,
                "各部门负责的列（附件2 的负责单位；每个负责单位的模板只含它负责的列）：",
                18.0,
            )?;
            for text in &responsible {
                line(sheet, text, 18.0)?;
            }
        }

        let top = row + 1;
        let head = header_format();
        let headers = [
            "一级指标",
            "二级指标",
            "单位",
            "分值",
            "计分规则",
            "负责单位",
            "依据",
        ];
        for (col, h) in headers.iter().enumerate() {
            sheet.write_string_with_format(top, col_num(col), *h, &head)?;
        }
        let mut row = top + 1;
        for group in &self.groups {
            for indicator in &group.indicators {
                sheet.write_string_with_format(
                    row,
                    0,
                    format!("{}（{}）", group.name, group.weight.normalize()),
                    &cell,
                )?;
                sheet.write_string_with_format(row, 1, &indicator.name, &cell)?;
                sheet.write_string_with_format(row, 2, &indicator.unit, &cell)?;
                sheet.write_number_with_format(
                    row,
                    3,
                    indicator.full.to_f64().unwrap_or(0.0),
                    &cell,
                )?;
                sheet.write_string_with_format(row, 4, rule_zh(indicator), &cell)?;
                sheet.write_string_with_format(row, 5, &indicator.bureau, &cell)?;
                sheet.write_string_with_format(row, 6, &indicator.source, &cell)?;
                row += 1;
            }
        }
        let mut closing = Vec::new();
        if self.bonus {
            closing.push(format!(
                "附加分：省级（自治区级）认定加 {} 分，国家级认定加 {} 分；{}",
                scheme.bonus.provincial.normalize(),
                scheme.bonus.national.normalize(),
                if scheme.bonus.cumulative {
                    "逐项累加。"
                } else {
                    "不累加，取最高一级。"
                }
            ));
        }
        if self.veto {
            closing.push(scheme.veto.source.clone());
        }
        for (i, text) in closing.iter().enumerate() {
            let at = row + 1 + row_num(i);
            sheet.merge_range(at, 0, at, 6, text, &wrap)?;
        }
        sheet.set_freeze_panes(top + 1, 0)?;
        for (col, width) in [14, 30, 9, 6, 40, 22, 60].into_iter().enumerate() {
            sheet.set_column_width(col_num(col), width)?;
        }
        Ok(())
    }

    /// The 填报说明's first line: whom the template is for and where the other columns come
    /// from.
    fn purpose(&self) -> String {
        let scheme = self.scheme;
        let Some(department) = self.department else {
            let mut text = format!(
                "本模板含全部 {} 项指标及附加分、一票否决各列（{ALL_COLUMNS}），供汇总填报。",
                scheme.indicators().count()
            );
            if !scheme.departments().is_empty() {
                text.push_str(
                    "各负责单位也可以下载只含本单位负责列的模板（见下方「各部门负责的列」）。",
                );
            }
            return text;
        };
        let mut parts: Vec<String> = self
            .groups
            .iter()
            .map(|g| format!("{}（{} 项指标）", g.name, g.indicators.len()))
            .collect();
        if self.bonus {
            parts.push("附加分的省级认定数、国家级认定数".to_owned());
        }
        if self.veto {
            parts.push("一票否决及否决原因".to_owned());
        }
        format!(
            "本模板供{department}填报，只含{department}负责的列：{}。其他列由其他负责单位用各自的模板填报，领导小组办公室汇总后评分；请不要在本表中增加其他单位的列。",
            parts.join("、")
        )
    }

    /// The numbered notes, those that concern this template's columns; the units are called
    /// by the scheme's word (`Scheme::unit_noun`).
    fn notes(&self) -> Vec<String> {
        let noun = self.scheme.unit_noun();
        let mut notes = vec![
            format!("在「{DATA_SHEET}」工作表中每行填写一个{noun}；表头请勿修改（列的顺序可以调整，单位写在括号中，如「（亿元）」；写「（万元）」时工具会自动换算为亿元）。"),
            "数值只填数字，不带单位；增速填百分数的数值（12.5 表示 12.5%），可为负数；没有数据的单元格留空或填「—」，不要填 0。".to_owned(),
        ];
        let groups_with = |pick: fn(&Method) -> bool| -> Vec<&str> {
            self.groups
                .iter()
                .filter(|g| g.indicators.iter().any(|i| pick(&i.method)))
                .map(|g| g.name.as_str())
                .collect()
        };
        let counts = groups_with(Method::counts);
        let direct = groups_with(|m| matches!(m, Method::Direct { .. }));
        let mut kinds = Vec::new();
        if !counts.is_empty() {
            kinds.push(format!("{}各项填新增的个数（非负整数）", counts.join("、")));
        }
        if !direct.is_empty() {
            kinds.push(format!("{}各项填主管部门评定的得分", direct.join("、")));
        }
        if !kinds.is_empty() {
            notes.push(format!("{}。", kinds.join("；")));
        }
        if self.bonus {
            // Chifeng's kinds of recognition (绿色园区 …), as its document names them.
            notes.push("省级认定数、国家级认定数填本年度获得的绿色园区、智慧园区、循环经济园区等认定项数，没有填 0 或留空。".to_owned());
        }
        if self.veto {
            notes.push(format!(
                "一票否决：发生{}的{noun}填「是」，并在「否决原因」中写明。",
                self.scheme.veto.events.join("或")
            ));
        }
        notes.push(format!(
            "「{DATA_SHEET}」表头上方请填写{}，便于汇总时核对；这几项不参与评分。",
            FIELD_LABELS.map(|l| l.trim_end_matches('：')).join("、")
        ));
        notes
    }

    /// Per group, then for 附加分 and 一票否决: the departments whose templates carry the
    /// columns; in a department's template, its own lines are marked 【本模板】. Empty when the
    /// scheme names no department.
    fn responsible_lines(&self) -> Vec<String> {
        let scheme = self.scheme;
        if scheme.departments().is_empty() {
            return Vec::new();
        }
        let mark = |mine: bool| {
            if mine && self.department.is_some() {
                "【本模板】"
            } else {
                ""
            }
        };
        let who = |list: &[String]| {
            if list.is_empty() {
                "（方案未写明）".to_owned()
            } else {
                list.join("、")
            }
        };
        let mut lines: Vec<String> = scheme
            .groups
            .iter()
            .map(|g| {
                let mine = self.groups.iter().any(|m| m.id == g.id);
                format!(
                    "{}{}（{} 项指标）：{}",
                    mark(mine),
                    g.name,
                    g.indicators.len(),
                    who(&g.departments)
                )
            })
            .collect();
        lines.push(format!(
            "{}附加分（省级认定数、国家级认定数）：{}",
            mark(self.bonus),
            who(&scheme.bonus.departments)
        ));
        lines.push(format!(
            "{}一票否决（一票否决、否决原因）：{}",
            mark(self.veto),
            who(&scheme.veto.departments)
        ));
        lines
    }
}

/// The full template's header, in column order: 园区名称, every indicator, 省级认定数,
/// 国家级认定数, 一票否决, 否决原因.
pub fn template_headers(scheme: &Scheme) -> Vec<String> {
    Template::new(scheme, TemplateFor::All)
        .map(|t| t.headers())
        .unwrap_or_default()
}

/// The CSV template `which` of `scheme` (see [`Template::csv`]).
pub fn template_csv(scheme: &Scheme, which: TemplateFor<'_>) -> Result<Vec<u8>, TemplateError> {
    Ok(Template::new(scheme, which)?.csv())
}

/// The .xlsx template `which` of `scheme` (see [`Template::xlsx`]).
pub fn template_xlsx(scheme: &Scheme, which: TemplateFor<'_>) -> Result<Vec<u8>, TemplateError> {
    Template::new(scheme, which)?.xlsx()
}

/// The template `which` of `scheme` in `format`.
pub fn template_bytes(
    scheme: &Scheme,
    which: TemplateFor<'_>,
    format: TemplateFormat,
) -> Result<Vec<u8>, TemplateError> {
    let template = Template::new(scheme, which)?;
    match format {
        TemplateFormat::Xlsx => template.xlsx(),
        TemplateFormat::Csv => Ok(template.csv()),
    }
}

/// The evaluation's name, from the scheme's: `赤峰市工业园区综合发展评价考核指标体系` less its
/// final 指标体系.
fn evaluation_name(scheme: &Scheme) -> &str {
    let name = scheme.name.trim();
    match name.strip_suffix("指标体系") {
        Some(stem) if !stem.trim().is_empty() => stem.trim(),
        _ => name,
    }
}

/// How many label–blank pairs of the fields stand in one row of a table `width` columns wide.
fn fields_per_row(width: usize) -> usize {
    (width / 2).clamp(1, FIELD_LABELS.len())
}

/// How many rows the fields take.
fn field_rows(width: usize) -> usize {
    FIELD_LABELS.len().div_ceil(fields_per_row(width))
}

/// Where each field's label stands (row among the fields rows, column); its blank is the
/// next column.
fn field_places(width: usize) -> impl Iterator<Item = (usize, usize, &'static str)> {
    let per_row = fields_per_row(width);
    FIELD_LABELS
        .iter()
        .enumerate()
        .map(move |(i, label)| (i / per_row, 2 * (i % per_row), *label))
}

/// `新增工业总产值（亿元）`; a bureau-assessed score (no unit, `—`) becomes `园区规划体系（分）`.
fn indicator_header(indicator: &Indicator) -> String {
    let unit = indicator.value_unit().unwrap_or("分");
    format!("{}（{unit}）", indicator.name)
}

/// How an indicator is scored, in Chinese, for the 填报说明 sheet.
fn rule_zh(indicator: &Indicator) -> String {
    let full = indicator.full.normalize();
    match &indicator.method {
        Method::RankLinear => format!(
            "排序法：第一名得满分 {full} 分，按名次线性折算，最后一名 0 分（可在工具中切换口径）"
        ),
        Method::RankStep { step } => {
            format!(
                "排序法：第一名得满分 {full} 分，每降一名扣 {} 分，扣完为止",
                step.normalize()
            )
        }
        Method::RatioToTop => format!("排序法：第一名得满分 {full} 分，其余按与第一名的比值折算"),
        Method::MinMax => format!("排序法：按极差折算（最小值得 0 分，最大值得满分 {full} 分）"),
        Method::CountCapped { per_unit, cap } => format!(
            "每新增 1 {} 得 {} 分，最高 {} 分；填写个数（非负整数）",
            indicator.unit,
            per_unit.normalize(),
            cap.normalize()
        ),
        Method::Direct { max } => format!(
            "由{}直接评分：填写得分，0 至 {} 分",
            indicator.bureau,
            max.normalize()
        ),
        Method::RatioToBenchmark { benchmark, cap } => format!(
            "比值法：满分 {full} 分 × 数值 ÷ 基准值 {}{}；填写数值（{}）",
            benchmark.normalize(),
            if *cap { "，不超过满分" } else { "" },
            indicator.value_unit().unwrap_or("—")
        ),
        Method::MinMaxFloor { floor } => format!(
            "排序法：按极差折算，最大值得满分 {full} 分，最小值得满分的 {}%",
            crate::scheme::percent(*floor)
        ),
        Method::Thresholds { levels, otherwise } => format!(
            "分档计分：{}，其余 {} 分；填写数值",
            crate::scheme::levels_zh(levels),
            otherwise.normalize()
        ),
        Method::Deduction { per, minimum } => format!(
            "扣分项：满分 {full} 分，每发生 1 项扣 {} 分，最低 {} 分；填写发生次数（非负整数，没有填 0）",
            per.normalize(),
            minimum.normalize()
        ),
    }
}

/// The data validation of an indicator's column (without its input message).
fn indicator_validation(indicator: &Indicator) -> Result<DataValidation, XlsxError> {
    match &indicator.method {
        Method::CountCapped { .. } | Method::Deduction { .. } => DataValidation::new()
            .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0))
            .set_error_message("请填写非负整数（个数）"),
        Method::Direct { max } => DataValidation::new()
            .allow_decimal_number(DataValidationRule::Between(
                0.0,
                max.to_f64().unwrap_or(0.0),
            ))
            .set_error_message(format!("请填写 0 至 {} 之间的得分", max.normalize())),
        _ => DataValidation::new()
            .allow_decimal_number(DataValidationRule::Between(-1.0e12, 1.0e12))
            .set_error_message("请填写数字（不要带单位；百分数可直接写 12.5）"),
    }
}

fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color(Color::RGB(0xDDEBF7))
        .set_border(FormatBorder::Thin)
}

fn col_num(col: usize) -> u16 {
    u16::try_from(col).unwrap_or(u16::MAX)
}

fn row_num(row: usize) -> u32 {
    u32::try_from(row).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The 填报说明 rule of each new method, with its parameters, without a method id.
    #[test]
    fn rules_of_the_new_methods() {
        let scheme = crate::scheme::presets::preset("huangyan-2022")
            .unwrap()
            .scheme()
            .unwrap();
        let tax = scheme.indicators().next().unwrap();
        assert_eq!(
            rule_zh(tax),
            "比值法：满分 30 分 × 数值 ÷ 基准值 24.097；填写数值（万元/亩）"
        );
        let mut i = tax.clone();
        let d = |s: &str| rust_decimal::Decimal::from_str_exact(s).unwrap();
        i.method = Method::MinMaxFloor { floor: d("0.2") };
        assert_eq!(
            rule_zh(&i),
            "排序法：按极差折算，最大值得满分 30 分，最小值得满分的 20%"
        );
        i.method = Method::Thresholds {
            levels: vec![
                crate::scheme::Level {
                    bound: crate::scheme::Bound::AtLeast(d("10")),
                    points: d("5"),
                },
                crate::scheme::Level {
                    bound: crate::scheme::Bound::AtLeast(d("5")),
                    points: d("3"),
                },
            ],
            otherwise: d("0"),
        };
        assert_eq!(
            rule_zh(&i),
            "分档计分：≥ 10 得 5 分，≥ 5 得 3 分，其余 0 分；填写数值"
        );
        i.method = Method::Deduction {
            per: d("0.3"),
            minimum: d("0"),
        };
        i.full = d("2");
        assert_eq!(
            rule_zh(&i),
            "扣分项：满分 2 分，每发生 1 项扣 0.3 分，最低 0 分；填写发生次数（非负整数，没有填 0）"
        );
        for id in crate::scheme::Method::IDS {
            assert!(!rule_zh(&i).contains(id));
        }
    }

    #[test]
    fn fields_stay_within_the_table() {
        // (width, pairs a row, rows): checked by hand against the rule in the module docs.
        for (width, per_row, rows) in [
            (2, 1, 4),
            (3, 1, 4),
            (4, 2, 2),
            (7, 3, 2),
            (8, 4, 1),
            (28, 4, 1),
        ] {
            assert_eq!(fields_per_row(width), per_row, "width {width}");
            assert_eq!(field_rows(width), rows, "width {width}");
            for (_, col, _) in field_places(width) {
                assert!(col + 1 < width.max(2), "width {width}: column {col}");
            }
        }
        let places: Vec<_> = field_places(4).collect();
        assert_eq!(
            places,
            vec![
                (0, 0, "填报单位："),
                (0, 2, "填报人："),
                (1, 0, "联系电话："),
                (1, 2, "填报日期："),
            ]
        );
    }

    #[test]
    fn names_and_titles_come_from_the_scheme_name() {
        let scheme = Scheme::chifeng_2020();
        let all = Template::new(&scheme, TemplateFor::All).unwrap();
        assert_eq!(
            all.title(),
            "赤峰市工业园区综合发展评价考核数据填报表（全部指标）"
        );
        assert_eq!(
            all.file_name(TemplateFormat::Xlsx),
            "赤峰市工业园区综合发展评价考核数据填报模板.xlsx"
        );
        let tech = Template::new(&scheme, TemplateFor::Department(" 市科技局 ")).unwrap();
        assert_eq!(
            tech.title(),
            "赤峰市工业园区综合发展评价考核数据填报表（市科技局）"
        );
        assert_eq!(
            tech.file_name(TemplateFormat::Csv),
            "赤峰市工业园区综合发展评价考核数据填报模板-市科技局.csv"
        );
        // A scheme name a file system would refuse.
        let mut odd = scheme.clone();
        odd.name = "A/B:评价指标体系".to_owned();
        odd.groups[0].departments = vec!["甲局<乙>".to_owned()];
        let t = Template::new(&odd, TemplateFor::Department("甲局<乙>")).unwrap();
        assert_eq!(
            t.file_name(TemplateFormat::Xlsx),
            "A-B-评价数据填报模板-甲局-乙-.xlsx"
        );
    }

    #[test]
    fn an_unknown_department_lists_the_known_ones() {
        let scheme = Scheme::chifeng_2020();
        let e = Template::new(&scheme, TemplateFor::Department("市教育局")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "评分方案中没有负责单位「市教育局」；可以生成模板的负责单位：市工信局、市统计局、市自然资源局、市区域经济合作局、市科技局、市生态环境局、市应急管理局"
        );
        assert!(e.detail().is_none());
        let mut bare = scheme.clone();
        for g in &mut bare.groups {
            g.departments.clear();
        }
        bare.bonus.departments.clear();
        bare.veto.departments.clear();
        let e = template_csv(&bare, TemplateFor::Department("市科技局")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "评分方案没有写明各项指标的负责单位，不能生成「市科技局」的模板；只能生成全部指标的模板"
        );
        // The full template needs no department.
        assert!(template_csv(&bare, TemplateFor::All).is_ok());
    }
}
