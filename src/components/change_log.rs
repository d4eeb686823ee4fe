//! The log of changes (修改记录): every edit of the bureaus' figures with its time, place,
//! before → after, and a reason to give (复核调整, 公示异议 …); undo and redo (also Ctrl+Z /
//! Ctrl+Y). Printed in the internal report and written as its 修改记录 sheet. A row inserted
//! or deleted in the grid is a line of its own (`插入第 5 行`, `删除第 7 行` with its park).

use parkscore::round::{changes_summary_zh, Change};
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The most changes the log lists on screen (the newest).
pub const LOG_ROWS: usize = 200;

/// Reasons offered while typing (any text is accepted).
pub const REASONS: [&str; 4] = ["复核调整", "公示异议", "部门更正", "录入错误"];

/// Properties of [`ChangeLog`].
#[derive(Properties, PartialEq)]
pub struct ChangeLogProps {
    /// The changes, oldest first.
    pub changes: Rc<Vec<Change>>,
    /// Whether there is a change to take back.
    pub can_undo: bool,
    /// Whether there is a change to make again.
    pub can_redo: bool,
    /// Take the last change back.
    pub on_undo: Callback<()>,
    /// Make it again.
    pub on_redo: Callback<()>,
    /// Give change `index` a reason.
    pub on_reason: Callback<(usize, String)>,
    /// The word for an evaluated unit (`Scheme::unit_noun`: 园区, 企业): the unit column's title.
    pub unit_noun: AttrValue,
}

/// The log (`data-testid="change-log"`).
#[component(ChangeLog)]
pub fn change_log(props: &ChangeLogProps) -> Html {
    let undo = {
        let cb = props.on_undo.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let redo = {
        let cb = props.on_redo.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    html! {
        <section class="change-log" aria-labelledby="change-log-title">
            <h3 id="change-log-title">{ "修改记录" }</h3>
            <div class="change-actions">
                <button type="button" class="button" data-testid="undo" disabled={!props.can_undo}
                    onclick={undo} title="撤销上一处修改（Ctrl+Z）">{ "撤销" }</button>
                <button type="button" class="button" data-testid="redo" disabled={!props.can_redo}
                    onclick={redo} title="恢复撤销的修改（Ctrl+Y）">{ "重做" }</button>
                <span data-testid="change-summary">{ changes_summary_zh(&props.changes) }</span>
            </div>
            if !props.changes.is_empty() {
                <datalist id="reasons">
                    { for REASONS.iter().map(|r| html! { <option value={*r} /> }) }
                </datalist>
                <table class="changes" data-testid="change-log">
                    <thead>
                        <tr>
                            <th scope="col">{ "时间" }</th>
                            <th scope="col">{ "文件" }</th>
                            <th scope="col">{ "单元格" }</th>
                            <th scope="col">{ props.unit_noun.clone() }</th>
                            <th scope="col">{ "列" }</th>
                            <th scope="col">{ "原值" }</th>
                            <th scope="col">{ "新值" }</th>
                            <th scope="col">{ "原因" }</th>
                        </tr>
                    </thead>
                    <tbody>
                        // Bounded like every view: the newest LOG_ROWS changes (the 内部版's
                        // 修改记录 sheet has them all).
                        { for props.changes.iter().enumerate().skip(props.changes.len().saturating_sub(LOG_ROWS)).map(|(i, c)| {
                            let onchange = {
                                let cb = props.on_reason.clone();
                                Callback::from(move |e: Event| {
                                    let input: HtmlInputElement = e.target_unchecked_into();
                                    cb.emit((i, input.value()));
                                })
                            };
                            let id = format!("reason-{i}");
                            html! {
                                <tr>
                                    <td>{ &c.at }</td>
                                    <td>{ &c.file }</td>
                                    <td>{ &c.cell }</td>
                                    <td>{ c.park.clone().unwrap_or_default() }</td>
                                    <td>{ c.what_zh() }</td>
                                    <td class="num">{ c.before_zh() }</td>
                                    <td class="num">{ c.after_zh() }</td>
                                    <td>
                                        <input id={id.clone()} data-testid={id} list="reasons" value={c.reason.clone().unwrap_or_default()}
                                            aria-label={format!("第 {} 处修改的原因", i + 1)} placeholder="原因（可选）" {onchange} />
                                    </td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
                if props.changes.len() > LOG_ROWS {
                    <p class="hint" data-testid="change-log-more">{ format!(
                        "共 {} 处修改，这里列出最近的 {LOG_ROWS} 处；全部修改见导出的内部版「修改记录」。",
                        props.changes.len()
                    ) }</p>
                }
            }
        </section>
    }
}
