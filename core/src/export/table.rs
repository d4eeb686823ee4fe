//! An [`Evaluation`] as a plain-text table for a terminal: the reading, the ranking with the
//! group subtotals, vetoed parks, awards, special-award proposals and notes; optionally every
//! indicator's explanation.
//!
//! Columns are aligned by display width, a CJK character counting as two columns.

use crate::scheme::Scheme;
use crate::scoring::Evaluation;

/// The evaluation as text; `detail` adds every park's indicator scores with their explanations.
pub fn evaluation_table(scheme: &Scheme, evaluation: &Evaluation, detail: bool) -> String {
    let places = evaluation.reading.rounding_places;
    let mut out = String::new();
    out.push_str(&format!(
        "{}（{}，方案 {}，指纹 {}）\n\n评分口径：\n",
        scheme.name,
        scheme.document,
        scheme.id,
        scheme.fingerprint()
    ));
    for sentence in &evaluation.reading.description_zh {
        out.push_str(&format!("  · {sentence}\n"));
    }
    out.push('\n');

    let rows = super::ranking_rows(scheme, evaluation);
    if evaluation.parks.is_empty() {
        out.push_str(&format!("（没有参评{}）\n", scheme.unit_noun()));
    } else {
        out.push_str(&align(&rows));
    }

    if !evaluation.vetoed.is_empty() {
        out.push_str("\n不予评价考核：\n");
        for v in &evaluation.vetoed {
            let reason = v.veto.reason.as_deref().unwrap_or("一票否决");
            out.push_str(&format!("  {}：{reason}\n", v.name));
        }
    }
    if !evaluation.not_rated.is_empty() {
        out.push_str(&format!(
            "\n不参评（{} 类，不评分、不排名）：{}\n",
            crate::scheme::NOT_RATED_CLASS,
            crate::scoring::names_zh_for(
                evaluation.not_rated.iter().map(|n| n.as_str()),
                evaluation.reading.unit_noun()
            )
        ));
    }
    if !evaluation.awards.places.is_empty() {
        out.push_str("\n名次奖励：\n");
        for a in &evaluation.awards.places {
            out.push_str(&format!(
                "  {}：{} 万元（{}）\n",
                a.park,
                a.amount_wan.normalize(),
                a.explain_for(evaluation.reading.unit_noun())
            ));
        }
    }
    if !evaluation.awards.special.is_empty() {
        out.push_str("\n专项奖励提名：\n");
        for s in &evaluation.awards.special {
            let who = if s.candidates.is_empty() {
                "待定".to_owned()
            } else {
                crate::scoring::names_zh(s.candidates.iter().map(|c| c.as_str()))
            };
            let tie = if s.tie { "【并列】" } else { "" };
            out.push_str(&format!(
                "  {}（{} 万元）：{who}{tie}——{}\n",
                s.name,
                s.amount_wan.normalize(),
                s.explain
            ));
        }
    }
    if detail {
        for (row, p) in evaluation.parks.iter().enumerate() {
            out.push_str(&format!(
                "\n第 {} 名 {}：总分 {} = 基础分 {} + 附加分 {}（{}）\n",
                p.rank,
                p.name,
                p.total.fixed(places),
                p.base.fixed(places),
                p.bonus.fixed(places),
                evaluation.bonus_explain(row)
            ));
            for g in &scheme.groups {
                let subtotal = evaluation
                    .group(row, &g.id.0)
                    .map_or(String::new(), |r| r.score.fixed(places));
                out.push_str(&format!(
                    "  {}：{subtotal} / {}\n",
                    g.name,
                    g.weight.normalize()
                ));
                for i in &g.indicators {
                    if let Some(r) = evaluation.indicator(row, i.id.as_str()) {
                        let value = r
                            .value
                            .map_or("缺失".to_owned(), |v| v.normalize().to_string());
                        out.push_str(&format!(
                            "    {}（{}）= {}：{}\n",
                            i.name,
                            value,
                            r.score.fixed(places),
                            r.explain()
                        ));
                    }
                }
            }
        }
    }
    if !evaluation.notes.is_empty() {
        out.push_str("\n提示：\n");
        for n in &evaluation.notes {
            out.push_str(&format!("  {n}\n"));
        }
    }
    out
}

/// Rows padded to equal display widths, two spaces apart (a CJK character counts two).
pub fn align_rows(rows: &[Vec<String>]) -> String {
    align(rows)
}

/// Rows padded to equal display widths, two spaces apart.
pub(crate) fn align(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| display_width(s))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            let w = widths.get(c).copied().unwrap_or(0);
            line.push_str(cell);
            if c + 1 < row.len() {
                line.push_str(&" ".repeat(w.saturating_sub(display_width(cell)) + 2));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Terminal columns taken by `s`: East Asian wide and full-width characters count two.
pub fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            let c = c as u32;
            let wide = matches!(c,
                0x1100..=0x115F
                | 0x2E80..=0x303E
                | 0x3041..=0x33FF
                | 0x3400..=0x4DBF
                | 0x4E00..=0x9FFF
                | 0xA000..=0xA4CF
                | 0xAC00..=0xD7A3
                | 0xF900..=0xFAFF
                | 0xFE30..=0xFE4F
                | 0xFF00..=0xFF60
                | 0xFFE0..=0xFFE6
                | 0x20000..=0x3FFFD);
            if wide {
                2
            } else {
                1
            }
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_counts_two_columns() {
        assert_eq!(display_width("东山园区"), 8);
        assert_eq!(display_width("ab1"), 3);
        assert_eq!(display_width("（12）"), 6);
    }

    #[test]
    fn columns_line_up() {
        let rows = vec![
            vec!["名次".to_owned(), "园区".to_owned(), "总分".to_owned()],
            vec!["1".to_owned(), "东山园区".to_owned(), "88.50".to_owned()],
        ];
        assert_eq!(
            align(&rows),
            "名次  园区      总分\n1     东山园区  88.50\n"
        );
    }
}
