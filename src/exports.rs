//! What the export and template buttons download: file name, bytes and MIME type, made by the
//! core's exporters from the state. Pure, so it is tested natively; the bytes are handed to
//! `services::download`.

use parkscore::export::report::{
    self, internal_xlsx, park_sheets_xlsx, publicity_xlsx, ParkSelection, ReportContext, Version,
};
use parkscore::export::template::{Template, TemplateFor, TemplateFormat};
use parkscore::round::Date;
use parkscore::Scheme;

use crate::components::export_bar::ExportKind;
use crate::components::file_bar::TemplateRequest;
use crate::state::AppState;

/// MIME type of .xlsx files.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/// MIME type of CSV files.
pub const CSV: &str = "text/csv;charset=utf-8";
/// MIME type of JSON files.
pub const JSON: &str = "application/json;charset=utf-8";

/// A file to offer for download.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Download {
    /// The name offered.
    pub file_name: String,
    /// The content.
    pub bytes: Vec<u8>,
    /// The MIME type.
    pub mime: &'static str,
}

const BOM: &str = "\u{feff}";

/// `赤峰市工业园区评价结果-2020年度` (the scheme's file title and the round's year, as the
/// reports are named), or without the year when nobody has said it.
/// From the built-in sample, every name starts with `示例数据-`.
fn stem(state: &AppState) -> String {
    let title = state.scheme.file_title();
    let stem = match state.year() {
        Some(y) => format!("{title}-{y}年度"),
        None => title,
    };
    sample_prefixed(state.data_notice(), stem)
}

/// `name` with [`parkscore::sample::SAMPLE_FILE_PREFIX`] before it when the results carry the
/// sample's notice.
fn sample_prefixed(notice: Option<&str>, name: String) -> String {
    match notice {
        Some(_) => format!("{}{name}", parkscore::sample::SAMPLE_FILE_PREFIX),
        None => name,
    }
}

/// Refuses an export while the settings as typed cannot be scored (the results shown are not
/// theirs).
fn settings_valid(state: &AppState) -> Result<(), String> {
    match state.settings_error() {
        Some(e) => Err(format!("计分口径有误：{e}。改正后结果会重新计算，才能导出")),
        None => Ok(()),
    }
}

/// 下载分析表: the analyses shown under 结果分析 as a workbook (口径对比, 稳定性分析, 年度对比
/// when last year's file was given, 提升空间), `赤峰市工业园区评价结果-2020年度-结果分析.xlsx`.
/// Refused while the figures shown are not those of the results shown. No creation time is
/// recorded in the workbook ([`analyses_at`] records the page's).
pub fn analyses(state: &AppState) -> Result<Download, String> {
    analyses_at(state, None)
}

/// [`analyses`], the workbook made at `created_at` (seconds since 1970 UTC, the page's clock).
pub fn analyses_at(state: &AppState, created_at: Option<i64>) -> Result<Download, String> {
    settings_valid(state)?;
    let Some((_, _, a)) = state
        .analysis
        .result
        .as_ref()
        .filter(|_| state.analysis_is_current())
    else {
        return Err("分析结果尚未算出或已过期：请等分析完成后再下载".to_owned());
    };
    let book = report::Analyses {
        year: state.year(),
        readings: a.readings.as_ref().ok(),
        stability: a.stability.as_ref().ok(),
        comparison: a.comparison.as_ref().and_then(|c| c.as_ref().ok()),
        gaps: &a.gaps,
        targets: a.targets.as_deref().unwrap_or_default(),
        notice: state.data_notice(),
        created_at,
    };
    let bytes = report::analyses_xlsx(&state.scheme, &book).map_err(|e| e.to_string())?;
    Ok(Download {
        file_name: format!("{}-结果分析.xlsx", stem(state)),
        bytes,
        mime: XLSX,
    })
}

/// Calls `make` with the report context of `state`'s round: its files, their provenance, the
/// change log, the round's facts and the committee's decisions; `date` is the day printed,
/// `created_at` the workbook's creation time (seconds since 1970 UTC, the page's clock).
pub fn with_report_context<T>(
    state: &AppState,
    date: &str,
    created_at: Option<i64>,
    make: impl FnOnce(&ReportContext<'_>) -> T,
) -> Result<T, String> {
    let evaluation = state
        .evaluation
        .as_deref()
        .ok_or_else(|| "还没有计分结果：请先载入数据并修正所有错误".to_owned())?;
    let tables: Vec<&parkscore::import::RawTable> =
        state.doc.files().iter().map(|f| &*f.table).collect();
    let changes = state.doc.changes();
    let context = ReportContext {
        scheme: &state.scheme,
        evaluation,
        facts: &state.round,
        files_year: state.checked.as_deref().and_then(|c| c.year),
        tables: &tables,
        provenance: state.provenance.as_deref(),
        changes: &changes,
        decisions: &state.decisions,
        conflicts: state
            .checked
            .as_deref()
            .map_or(&[][..], |c| c.conflicts.as_slice()),
        generated_on: Date::parse(date).ok(),
        created_at,
        notice: state.data_notice(),
    };
    Ok(make(&context))
}

/// One of the round's reports of `state` as an xlsx download (`park`: one park's 园区得分明细单);
/// no creation time is recorded ([`report_at`] records the page's).
pub fn report(
    state: &AppState,
    version: Version,
    park: Option<&str>,
    date: &str,
) -> Result<Download, String> {
    report_at(state, version, park, date, None)
}

/// [`report()`], the workbook made at `created_at` (seconds since 1970 UTC, the page's clock).
pub fn report_at(
    state: &AppState,
    version: Version,
    park: Option<&str>,
    date: &str,
    created_at: Option<i64>,
) -> Result<Download, String> {
    settings_valid(state)?;
    with_report_context(state, date, created_at, |context| {
        report_download(context, version, park)
    })?
}

/// The results in `kind`'s format (the xlsx is the 内部版); `date` is printed in the report. No
/// creation time is recorded in the workbook ([`results_at`] records the page's).
pub fn results(state: &AppState, kind: ExportKind, date: &str) -> Result<Download, String> {
    results_at(state, kind, date, None)
}

/// [`results`], a workbook made at `created_at` (seconds since 1970 UTC, the page's clock).
pub fn results_at(
    state: &AppState,
    kind: ExportKind,
    date: &str,
    created_at: Option<i64>,
) -> Result<Download, String> {
    settings_valid(state)?;
    let evaluation = state
        .evaluation
        .as_deref()
        .ok_or_else(|| "还没有计分结果：请先载入数据并修正所有错误".to_owned())?;
    let scheme = &state.scheme;
    Ok(match kind {
        ExportKind::Xlsx => report_at(state, Version::Internal, None, date, created_at)?,
        ExportKind::Csv => {
            let text = parkscore::export::csv::evaluation_csv(scheme, evaluation);
            let text = text.strip_prefix(BOM).unwrap_or(&text);
            // The sample's notice is the file's first row, in the form of its 说明 rows.
            let notice = state
                .data_notice()
                .map(|n| format!("说明,{n}\r\n"))
                .unwrap_or_default();
            let text = format!("{BOM}{notice}{text}");
            Download {
                file_name: format!("{}.csv", stem(state)),
                bytes: text.into_bytes(),
                mime: CSV,
            }
        }
        ExportKind::Json => {
            let text = parkscore::export::json::evaluation_json_string(
                scheme,
                evaluation,
                parkscore::export::json::Prose::Explained,
            );
            // The sample's notice is the object's first member, `"notice"`.
            let text = match (state.data_notice(), text.strip_prefix('{')) {
                (Some(notice), Some(rest)) => format!(
                    "{{\n  \"notice\": {},{rest}",
                    serde_json::Value::from(notice)
                ),
                _ => text,
            };
            Download {
                file_name: format!("{}.json", stem(state)),
                bytes: text.into_bytes(),
                mime: JSON,
            }
        }
    })
}

/// One of the round's reports as an xlsx download, named by the scheme and the year
/// (`赤峰市工业园区评价结果-2020年度-公示版.xlsx`); `park` picks one park's 园区得分明细单 (all
/// parks' when `None`; ignored by the other reports). The error is the core's Chinese message
/// (the year or a 公示 fact missing, a decision that no longer fits).
pub fn report_download(
    context: &ReportContext<'_>,
    version: Version,
    park: Option<&str>,
) -> Result<Download, String> {
    let year = context.year().map_err(|e| e.to_string())?;
    let bytes = match version {
        Version::Publicity => publicity_xlsx(context),
        Version::Internal => internal_xlsx(context),
        Version::ParkSheets => {
            park_sheets_xlsx(context, park.map_or(ParkSelection::All, ParkSelection::One))
        }
    }
    .map_err(|e| e.to_string())?;
    Ok(Download {
        file_name: sample_prefixed(
            context.notice,
            report::file_name(context.scheme, year, version, park),
        ),
        bytes,
        mime: XLSX,
    })
}

/// MIME type of TOML files.
pub const TOML: &str = "application/toml;charset=utf-8";

/// 保存方案: the scheme in use as its TOML file, named after it (`赤峰市工业园区综合发展评价考核指标体系.toml`),
/// which 打开方案 (or the CLI's `--scheme`) reads back to the same rules.
pub fn scheme(scheme: &Scheme) -> Download {
    let safe = parkscore::export::report::safe_file_stem(scheme.name.trim());
    let stem = if safe.is_empty() {
        "评分方案".to_owned()
    } else {
        safe
    };
    Download {
        file_name: format!("{stem}.toml"),
        bytes: scheme.to_toml().into_bytes(),
        mime: TOML,
    }
}

/// The import template (填报模板) `request` asks for: the full one or a department's, in its
/// format, named after the scheme (`赤峰市工业园区综合发展评价考核数据填报模板-市科技局.xlsx`).
/// A department the scheme does not name is the core's Chinese message.
pub fn template(scheme: &Scheme, request: &TemplateRequest) -> Result<Download, String> {
    let which = TemplateFor::from_department(request.department.as_deref());
    let template = Template::new(scheme, which).map_err(|e| e.to_string())?;
    let (bytes, mime) = match request.format {
        TemplateFormat::Xlsx => (template.xlsx().map_err(|e| e.to_string())?, XLSX),
        TemplateFormat::Csv => (template.csv(), CSV),
    };
    Ok(Download {
        file_name: template.file_name(request.format),
        bytes,
        mime,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use parkscore::round::RoundFacts;

    #[test]
    fn reports_are_named_by_scheme_year_and_version() {
        let scheme = Scheme::chifeng_2020();
        let table = parkscore::import::read(
            parkscore::sample::sample_csv(),
            "sample-2020.csv",
            None,
            &scheme,
        )
        .expect("the sample reads");
        let validated = parkscore::import::validate(&table, &scheme);
        let evaluation =
            parkscore::evaluate(&scheme, &validated.dataset, &parkscore::Options::default())
                .expect("scores");
        let facts = RoundFacts {
            issuer: "赤峰市加快工业园区建设工作领导小组办公室".into(),
            publicity_from: Date::new(2021, 3, 25),
            publicity_to: Date::new(2021, 4, 1),
            contact: "张三".into(),
            phone: "0476-8888888".into(),
            signed_on: Date::new(2021, 3, 24),
            ..RoundFacts::default()
        };
        let tables = [&table];
        let context = ReportContext {
            scheme: &scheme,
            evaluation: &evaluation,
            facts: &facts,
            files_year: validated.dataset.year,
            tables: &tables,
            provenance: None,
            changes: &[],
            decisions: &[],
            conflicts: &[],
            generated_on: None,
            created_at: None,
            notice: None,
        };
        let names: Vec<String> = [
            (Version::Publicity, None),
            (Version::Internal, None),
            (Version::ParkSheets, None),
            (Version::ParkSheets, Some("东山园区")),
        ]
        .into_iter()
        .map(|(v, park)| {
            let d = report_download(&context, v, park).expect("made");
            assert_eq!(&d.bytes[..2], b"PK");
            assert_eq!(d.mime, XLSX);
            d.file_name
        })
        .collect();
        assert_eq!(
            names,
            [
                "赤峰市工业园区评价结果-2020年度-公示版.xlsx",
                "赤峰市工业园区评价结果-2020年度-内部版.xlsx",
                "赤峰市工业园区评价结果-2020年度-园区得分明细单.xlsx",
                "赤峰市工业园区评价结果-2020年度-园区得分明细单-东山园区.xlsx",
            ]
        );
        // No year anywhere: refused, in Chinese.
        let no_year = ReportContext {
            files_year: None,
            ..context
        };
        let e = report_download(&no_year, Version::Internal, None).unwrap_err();
        assert!(e.starts_with("不知道考核年度"), "{e}");
        // The 公示版 without its facts.
        let empty = RoundFacts::default();
        let e = report_download(
            &ReportContext {
                facts: &empty,
                ..context
            },
            Version::Publicity,
            None,
        )
        .unwrap_err();
        assert!(e.starts_with("公示版还不能生成"), "{e}");
    }
}
