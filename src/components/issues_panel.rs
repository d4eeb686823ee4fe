//! The validation and scoring issues: errors first; each one that names a cell takes the user
//! to it in the data grid.

use parkscore::{Issue, Severity};
use std::rc::Rc;
use yew::prelude::*;

/// Issues listed at most (errors come first); a file with thousands of bad rows would
/// otherwise build thousands of list items.
pub const MAX_LISTED: usize = 300;

/// Properties of [`IssuesPanel`].
#[derive(Properties, PartialEq)]
pub struct IssuesPanelProps {
    /// The issues, in the order to show.
    pub issues: Rc<Vec<Issue>>,
    /// Go to the cell of an issue.
    pub on_choose: Callback<Issue>,
    /// Accept an issue's suggested text for its cell (one click, recorded as an edit).
    pub on_accept: Callback<Issue>,
}

/// The list of issues (`data-testid="issues"`).
#[component(IssuesPanel)]
pub fn issues_panel(props: &IssuesPanelProps) -> Html {
    let errors = props.issues.iter().filter(|i| i.is_error()).count();
    let warnings = props
        .issues
        .iter()
        .filter(|i| i.severity == Severity::Warning)
        .count();
    let summary = if props.issues.is_empty() {
        "没有发现问题".to_owned()
    } else if errors > 0 {
        format!("{errors} 个错误（须修正后才能计分），{warnings} 个警告")
    } else {
        format!(
            "没有错误；{warnings} 个警告，{} 条提示",
            props.issues.len() - warnings
        )
    };
    html! {
        <section class="issues" aria-labelledby="issues-title">
            <h3 id="issues-title">{ "校验结果：" }{ summary }</h3>
            <ul class="issue-list" data-testid="issues">
                { for props.issues.iter().take(MAX_LISTED).map(|issue| {
                    let class = classes!("issue", match issue.severity {
                        Severity::Error => "issue-error",
                        Severity::Warning => "issue-warning",
                        Severity::Info => "issue-info",
                    });
                    let onclick = {
                        let cb = props.on_choose.clone();
                        let issue = issue.clone();
                        Callback::from(move |_: MouseEvent| cb.emit(issue.clone()))
                    };
                    let text = issue.to_string();
                    let accept = issue.suggestion.as_ref().filter(|_| issue.location.row.is_some()).map(|s| {
                        let cb = props.on_accept.clone();
                        let issue = issue.clone();
                        (format!("改为「{s}」"), Callback::from(move |_: MouseEvent| cb.emit(issue.clone())))
                    });
                    html! {
                        <li class={class}>
                            if issue.location.row.is_some() {
                                <button type="button" class="link issue-link" {onclick}
                                    title="转到数据表中的这个单元格">{ text }</button>
                            } else {
                                <span>{ text }</span>
                            }
                            if let Some((label, onclick)) = accept {
                                { " " }
                                <button type="button" class="accept-suggestion" data-testid="accept-suggestion"
                                    {onclick} title="用方案名单中的名称替换这个单元格（记为一次修改）">{ label }</button>
                            }
                        </li>
                    }
                }) }
            </ul>
            if props.issues.len() > MAX_LISTED {
                <p class="hint" data-testid="issues-more">
                    { format!("另有 {} 条未列出（错误排在最前）；修正上面的问题后会显示其余的。", props.issues.len() - MAX_LISTED) }
                </p>
            }
        </section>
    }
}
