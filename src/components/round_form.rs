//! The round's facts (本轮信息), entered once and printed on every report and export: 年度,
//! 制表单位, 公示期, 联系人 and 电话 for objections, 落款日期. Says what the 公示版 still needs.

use parkscore::round::{Date, RoundFacts};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::state::RoundEdit;

/// Properties of [`RoundForm`].
#[derive(Properties, PartialEq)]
pub struct RoundFormProps {
    /// The facts as entered.
    pub facts: RoundFacts,
    /// The year the files name, shown until one is typed.
    pub file_year: Option<u16>,
    /// A field changed.
    pub on_change: Callback<RoundEdit>,
}

/// Which field an input edits.
#[derive(Clone, Copy, PartialEq)]
enum Slot {
    Year,
    Issuer,
    From,
    To,
    Contact,
    Phone,
    Signed,
}

/// The year as typed: empty clears it, else a year from 1900 to 2999.
fn parse_year(text: &str) -> Result<Option<u16>, String> {
    let t = text.trim().trim_end_matches('年');
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<u16>() {
        Ok(y) if (1900..=2999).contains(&y) => Ok(Some(y)),
        _ => Err(format!("年度「{}」应为四位年份，例如 2020", text.trim())),
    }
}

/// A date field as typed (`2021-04-01` from a date input); empty clears it.
fn parse_date(text: &str) -> Result<Option<Date>, String> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        Date::parse(text).map(Some)
    }
}

/// The form (`data-testid="round-form"`).
#[component(RoundForm)]
pub fn round_form(props: &RoundFormProps) -> Html {
    let error = use_state(|| None::<String>);
    let input = |slot: Slot| {
        let cb = props.on_change.clone();
        let error = error.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            let text = value.trim().to_owned();
            let edit = match slot {
                Slot::Year => parse_year(&value).map(RoundEdit::Year),
                Slot::Issuer => Ok(RoundEdit::Issuer(text)),
                Slot::Contact => Ok(RoundEdit::Contact(text)),
                Slot::Phone => Ok(RoundEdit::Phone(text)),
                Slot::From => parse_date(&value).map(RoundEdit::PublicityFrom),
                Slot::To => parse_date(&value).map(RoundEdit::PublicityTo),
                Slot::Signed => parse_date(&value).map(RoundEdit::SignedOn),
            };
            match edit {
                Ok(edit) => {
                    error.set(None);
                    cb.emit(edit);
                }
                Err(message) => error.set(Some(message)),
            }
        })
    };
    let f = &props.facts;
    let iso = |d: Option<Date>| d.map(Date::iso).unwrap_or_default();
    let missing = f.missing_for_publicity(props.file_year);
    let year_hint = props.file_year.map_or_else(
        || "文件中没有年度，请填写".to_owned(),
        |y| format!("文件中为 {y} 年度"),
    );
    html! {
        <section class="round-form" aria-labelledby="round-form-title" data-testid="round-form">
            <h3 id="round-form-title">{ "本轮信息（打印和导出时使用）" }</h3>
            <div class="form-grid">
                <label for="round-year">{ "年度" }</label>
                <input id="round-year" data-testid="round-year" inputmode="numeric" placeholder={year_hint}
                    value={f.year.map(|y| y.to_string()).unwrap_or_default()} onchange={input(Slot::Year)} />
                <label for="round-issuer">{ "制表单位" }</label>
                <input id="round-issuer" data-testid="round-issuer" placeholder="例如 赤峰市加快工业园区建设工作领导小组办公室"
                    value={f.issuer.clone()} onchange={input(Slot::Issuer)} />
                <label for="round-from">{ "公示期自" }</label>
                <input id="round-from" data-testid="round-from" type="date" value={iso(f.publicity_from)} onchange={input(Slot::From)} />
                <label for="round-to">{ "公示期至" }</label>
                <input id="round-to" data-testid="round-to" type="date" value={iso(f.publicity_to)} onchange={input(Slot::To)} />
                <label for="round-contact">{ "联系人（受理异议）" }</label>
                <input id="round-contact" data-testid="round-contact" value={f.contact.clone()} onchange={input(Slot::Contact)} />
                <label for="round-phone">{ "联系电话" }</label>
                <input id="round-phone" data-testid="round-phone" type="tel" value={f.phone.clone()} onchange={input(Slot::Phone)} />
                <label for="round-signed">{ "落款日期" }</label>
                <input id="round-signed" data-testid="round-signed" type="date" value={iso(f.signed_on)} onchange={input(Slot::Signed)} />
            </div>
            if let Some(message) = &*error {
                <p class="field-error" role="alert" data-testid="round-error">{ message }</p>
            }
            if let Some(warning) = f.year_mismatch(props.file_year) {
                <p class="field-error" role="alert" data-testid="round-year-mismatch">{ warning }</p>
            }
            if let Some(problem) = f.problem() {
                <p class="field-error" role="alert" data-testid="round-problem">{ problem }</p>
            }
            if missing.is_empty() {
                <p class="hint" data-testid="round-ready">{ "公示版所需信息已填齐。" }</p>
            } else {
                <p class="hint" data-testid="round-missing">{ format!("公示版还需填写：{}", missing.join("、")) }</p>
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_and_dates_as_typed() {
        assert_eq!(parse_year(" 2020 "), Ok(Some(2020)));
        assert_eq!(parse_year("2020年"), Ok(Some(2020)));
        assert_eq!(parse_year(""), Ok(None));
        assert_eq!(
            parse_year("20"),
            Err("年度「20」应为四位年份，例如 2020".to_owned())
        );
        assert_eq!(parse_date(""), Ok(None));
        assert_eq!(parse_date("2021-04-01"), Ok(Date::new(2021, 4, 1)));
        assert!(parse_date("2021-02-30").is_err());
    }
}
