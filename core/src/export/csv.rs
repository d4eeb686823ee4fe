//! An [`Evaluation`] as CSV: one row per park (排名, 园区, the group subtotals, 附加分, 总分,
//! 奖励(万元)), then the reading as 说明 rows.
//!
//! Ranked parks come first, by rank; vetoed parks follow with 排名 `不予评价` and empty
//! scores, then the units not rated (排名 `不参评`, 等级 `T`). After one empty row, the
//! scheme's title and fingerprint (`说明,评分方案：…（指纹 1a2b3c4d）`) and each sentence of the
//! reading are rows `说明,<sentence>` so that the file says how it was scored even when opened
//! alone. Any cell that starts with `=`, `+`,
//! `-`, `@`, a tab or a carriage return is prefixed with `'` so that a spreadsheet shows it as
//! text instead of running it as a formula. The text is UTF-8 without a BOM: the caller adds
//! one when the file is meant for Excel.

use crate::scheme::Scheme;
use crate::scoring::Evaluation;

/// The evaluation as CSV text (see the module documentation).
pub fn evaluation_csv(scheme: &Scheme, evaluation: &Evaluation) -> String {
    let mut rows = super::ranking_rows(scheme, evaluation);
    let width = rows[0].len();
    for v in &evaluation.vetoed {
        let label = match &v.veto.reason {
            Some(reason) => format!("不予评价（{reason}）"),
            None => "不予评价".to_owned(),
        };
        let mut row = vec![label, v.name.0.clone()];
        row.resize(width, String::new());
        rows.push(row);
    }
    let class_column = super::class_column(scheme, evaluation);
    for name in &evaluation.not_rated {
        let mut row = vec!["不参评".to_owned(), name.0.clone()];
        row.resize(width, String::new());
        if let Some(cell) = class_column.and_then(|c| row.get_mut(c)) {
            *cell = crate::scheme::NOT_RATED_CLASS.to_owned();
        }
        rows.push(row);
    }
    rows.push(Vec::new());
    rows.push(vec![
        "说明".to_owned(),
        format!("评分方案：{}", scheme.title_with_fingerprint()),
    ]);
    for sentence in &evaluation.reading.description_zh {
        rows.push(vec!["说明".to_owned(), sentence.clone()]);
    }

    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| quote(&neutralise(c))).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// `'` before a cell a spreadsheet would take for a formula.
pub fn neutralise(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

/// RFC 4180 quoting: cells holding a comma, a quote or a line break are quoted, quotes doubled.
pub(crate) fn quote(cell: &str) -> String {
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_quotes_doubled() {
        assert_eq!(neutralise("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(neutralise("-1"), "'-1");
        assert_eq!(neutralise("@x"), "'@x");
        assert_eq!(neutralise("东山园区"), "东山园区");
        assert_eq!(quote("a,b"), "\"a,b\"");
        assert_eq!(quote("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(quote("plain"), "plain");
    }
}
