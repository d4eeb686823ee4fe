//! The import template (填报模板): an .xlsx with a 填报说明 sheet and a 数据 sheet that lists the
//! scheme's evaluated units, and a CSV variant with a UTF-8 BOM.
//!
//! The header row is exactly what the import understands: 园区名称, every indicator's name with
//! its unit in full-width parentheses (`新增工业总产值（亿元）`; bureau-assessed scores get
//! `（分）`), then 省级认定数, 国家级认定数, 一票否决 and 否决原因. A template filled in and read
//! back therefore scores like the same figures typed into a CSV.

use crate::import::header::{
    NAME_HEADERS, NATIONAL_HEADERS, PROVINCIAL_HEADERS, VETO_HEADERS, VETO_REASON_HEADERS,
};
use crate::scheme::{Indicator, Method, Scheme};
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, DocProperties, ExcelDateTime, Format, FormatAlign,
    FormatBorder, Note, Workbook, Worksheet, XlsxError,
};

/// The data sheet's name.
pub const DATA_SHEET: &str = "数据";
/// The instructions sheet's name.
pub const GUIDE_SHEET: &str = "填报说明";
/// Rows left for data below the listed units, with the same validation.
const SPARE_ROWS: u32 = 20;

/// The header of the data sheet, in column order.
pub fn template_headers(scheme: &Scheme) -> Vec<String> {
    let mut headers = vec![NAME_HEADERS[0].to_owned()];
    headers.extend(scheme.indicators().map(indicator_header));
    headers.extend(
        [
            PROVINCIAL_HEADERS[0],
            NATIONAL_HEADERS[0],
            VETO_HEADERS[0],
            VETO_REASON_HEADERS[0],
        ]
        .map(str::to_owned),
    );
    headers
}

/// `新增工业总产值（亿元）`; a bureau-assessed score (no unit, `—`) becomes `园区规划体系（分）`.
fn indicator_header(indicator: &Indicator) -> String {
    match indicator.unit.trim() {
        "" | "—" | "-" => format!("{}（分）", indicator.name),
        unit => format!("{}（{unit}）", indicator.name),
    }
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
        Method::MinMax => format!("按最小值—最大值区间折算，满分 {full} 分"),
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
    }
}

/// The CSV template: UTF-8 with a BOM (so that Excel on Chinese Windows opens it correctly),
/// the header and one row per evaluated unit, values left blank.
pub fn template_csv(scheme: &Scheme) -> Vec<u8> {
    let headers = template_headers(scheme);
    let mut out = String::from('\u{feff}');
    out.push_str(&headers.join(","));
    out.push_str("\r\n");
    for unit in &scheme.units {
        out.push_str(unit);
        out.push_str(&",".repeat(headers.len() - 1));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

/// The .xlsx template for `scheme`; the error is the writer's message (it does not happen with
/// a valid scheme).
pub fn template_xlsx(scheme: &Scheme) -> Result<Vec<u8>, String> {
    build(scheme).map_err(|e| format!("无法生成模板：{e}"))
}

fn build(scheme: &Scheme) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    // A fixed creation date: the same scheme always gives the same template.
    let created = ExcelDateTime::from_ymd(2021, 1, 1)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(format!("{} 数据填报模板", scheme.name))
            .set_subject(scheme.document.as_str())
            .set_creation_datetime(&created),
    );
    data_sheet(workbook.add_worksheet(), scheme)?;
    guide_sheet(workbook.add_worksheet(), scheme)?;
    workbook.save_to_buffer()
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

fn data_sheet(sheet: &mut Worksheet, scheme: &Scheme) -> Result<(), XlsxError> {
    sheet.set_name(DATA_SHEET)?;
    let headers = template_headers(scheme);
    let head = header_format();
    let text = Format::new().set_border(FormatBorder::Thin);
    sheet.set_row_height(0, 48)?;
    for (col, header) in headers.iter().enumerate() {
        let col = col_num(col);
        sheet.write_string_with_format(0, col, header, &head)?;
        sheet.set_column_width(col, if col == 0 { 22 } else { 14 })?;
    }
    sheet.set_freeze_panes(1, 1)?;
    let last = u32::try_from(scheme.units.len()).unwrap_or(u32::MAX - SPARE_ROWS) + SPARE_ROWS;
    for (row, unit) in scheme.units.iter().enumerate() {
        sheet.write_string_with_format(row_num(row + 1), 0, unit, &text)?;
    }

    sheet.insert_note(
        0,
        0,
        &Note::new(
            "每行一个园区；名称须唯一。已列出本年度参评的 14 个单位（赤峰高新区按四园分别考核）。",
        )
        .set_author("parkscore"),
    )?;
    for (i, indicator) in scheme.indicators().enumerate() {
        let col = col_num(i + 1);
        let validation = match &indicator.method {
            Method::CountCapped { .. } => DataValidation::new()
                .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0))
                .set_error_message("请填写非负整数（个数）")?,
            Method::Direct { max } => DataValidation::new()
                .allow_decimal_number(DataValidationRule::Between(
                    0.0,
                    max.to_f64().unwrap_or(0.0),
                ))
                .set_error_message(format!("请填写 0 至 {} 之间的得分", max.normalize()))?,
            _ => DataValidation::new()
                .allow_decimal_number(DataValidationRule::Between(-1.0e12, 1.0e12))
                .set_error_message("请填写数字（不要带单位；百分数可直接写 12.5）")?,
        };
        sheet.add_data_validation(
            1,
            col,
            last,
            col,
            &validation.set_input_message(rule_zh(indicator))?,
        )?;
        sheet.insert_note(
            0,
            col,
            &Note::new(format!("{}。{}", rule_zh(indicator), indicator.bureau))
                .set_author("parkscore"),
        )?;
    }
    let extra = col_num(scheme.indicators().count() + 1);
    let counts = DataValidation::new()
        .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0))
        .set_error_message("请填写非负整数（认定项数），没有填 0 或留空")?;
    sheet.add_data_validation(1, extra, last, extra + 1, &counts)?;
    let veto = DataValidation::new()
        .allow_list_strings(&["是", "否"])?
        .set_error_message("请选择「是」或「否」（留空按「否」计）")?;
    sheet.add_data_validation(1, extra + 2, last, extra + 2, &veto)?;
    sheet.insert_note(
        0,
        extra + 2,
        &Note::new(
            "发生重特大安全生产事故或环境污染事件的园区填「是」：当年不予评价考核（附件1 三.9）。",
        )
        .set_author("parkscore"),
    )?;
    sheet.set_column_width(extra + 3, 24)?;
    Ok(())
}

fn guide_sheet(sheet: &mut Worksheet, scheme: &Scheme) -> Result<(), XlsxError> {
    sheet.set_name(GUIDE_SHEET)?;
    let title = Format::new().set_bold().set_font_size(14);
    let head = header_format();
    let wrap = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin);
    sheet.write_string_with_format(
        0,
        0,
        format!("{}（{}）填报说明", scheme.name, scheme.document),
        &title,
    )?;
    let notes = [
        "1. 在「数据」工作表中每行填写一个园区；表头请勿修改（列的顺序可以调整，单位写在括号中，如「（亿元）」；写「（万元）」时工具会自动换算为亿元）。",
        "2. 数值只填数字，不带单位；增速填百分数的数值（12.5 表示 12.5%），可为负数；没有数据的单元格留空或填「—」，不要填 0。",
        "3. 科技创新两项填新增的个数；绿色发展、管理水平各项填主管部门评定的得分。",
        "4. 省级认定数、国家级认定数填本年度获得的绿色园区、智慧园区、循环经济园区等认定项数，没有填 0 或留空。",
        "5. 一票否决：发生重特大安全生产事故或环境污染事件的园区填「是」，并在「否决原因」中写明。",
    ];
    for (i, note) in notes.iter().enumerate() {
        sheet.merge_range(
            row_num(i + 1),
            0,
            row_num(i + 1),
            6,
            note,
            &Format::new().set_text_wrap(),
        )?;
        sheet.set_row_height(row_num(i + 1), 30)?;
    }
    let top = row_num(notes.len() + 2);
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
    for group in &scheme.groups {
        for indicator in &group.indicators {
            sheet.write_string_with_format(
                row,
                0,
                format!("{}（{}）", group.name, group.weight.normalize()),
                &wrap,
            )?;
            sheet.write_string_with_format(row, 1, &indicator.name, &wrap)?;
            sheet.write_string_with_format(row, 2, &indicator.unit, &wrap)?;
            sheet.write_number_with_format(
                row,
                3,
                indicator.full.to_f64().unwrap_or(0.0),
                &wrap,
            )?;
            sheet.write_string_with_format(row, 4, rule_zh(indicator), &wrap)?;
            sheet.write_string_with_format(row, 5, &indicator.bureau, &wrap)?;
            sheet.write_string_with_format(row, 6, &indicator.source, &wrap)?;
            row += 1;
        }
    }
    let bonus = format!(
        "附加分：省级（自治区级）认定加 {} 分，国家级认定加 {} 分；{}",
        scheme.bonus.provincial.normalize(),
        scheme.bonus.national.normalize(),
        if scheme.bonus.cumulative {
            "逐项累加。"
        } else {
            "不累加，取最高一级。"
        }
    );
    sheet.merge_range(
        row + 1,
        0,
        row + 1,
        6,
        &bonus,
        &Format::new().set_text_wrap(),
    )?;
    sheet.merge_range(
        row + 2,
        0,
        row + 2,
        6,
        &scheme.veto.source,
        &Format::new().set_text_wrap(),
    )?;
    sheet.set_freeze_panes(top + 1, 0)?;
    for (col, width) in [14, 30, 9, 6, 40, 22, 60].into_iter().enumerate() {
        sheet.set_column_width(col_num(col), width)?;
    }
    Ok(())
}

fn col_num(col: usize) -> u16 {
    u16::try_from(col).unwrap_or(u16::MAX)
}

fn row_num(row: usize) -> u32 {
    u32::try_from(row).unwrap_or(u32::MAX)
}
