//! The merge of the bureaus' files (合并情况): the values two files give differently, each
//! with every file's value to choose from (the choice is recorded and printed), and what no
//! file has given yet, by the departments responsible.

use parkscore::import::merge::{missing_by_department, Conflict, Field, Missing};
use parkscore::{ParkName, Scheme};
use std::rc::Rc;
use yew::prelude::*;

/// Conflicts listed at most (each with its choices); a round of two files that differ
/// everywhere says how many more there are.
pub const SHOWN: usize = 100;

/// A decision: take `file`'s value of `field` for `park`.
pub type Decide = (ParkName, Field, String);

/// Properties of [`MergePanel`].
#[derive(Properties, PartialEq)]
pub struct MergePanelProps {
    /// The rules (for indicator names).
    pub scheme: Rc<Scheme>,
    /// The files merged, in order (the conflicts name them by index).
    pub files: Rc<Vec<String>>,
    /// Every conflict, settled or not.
    pub conflicts: Rc<Vec<Conflict>>,
    /// What is still missing.
    pub missing: Rc<Vec<Missing>>,
    /// Settle a conflict.
    pub on_decide: Callback<Decide>,
}

/// The panel (`data-testid="merge-panel"`); nothing when there is nothing to say.
#[component(MergePanel)]
pub fn merge_panel(props: &MergePanelProps) -> Html {
    if props.conflicts.is_empty() && props.missing.is_empty() {
        return html! {};
    }
    let open = props
        .conflicts
        .iter()
        .filter(|c| c.chosen.is_none())
        .count();
    let name = |i: usize| props.files.get(i).cloned().unwrap_or_default();
    html! {
        <section class="merge-panel" aria-labelledby="merge-title" data-testid="merge-panel">
            <h3 id="merge-title">{ "合并情况" }</h3>
            if !props.conflicts.is_empty() {
                <h4>{ format!("数值冲突 {} 处（未选定 {open} 处）：同一{}同一指标在两个文件中的数值不同，请选定以哪个文件为准", props.conflicts.len(), props.scheme.unit_noun()) }</h4>
                <ul class="conflicts" data-testid="conflicts">
                    { for props.conflicts.iter().enumerate().take(SHOWN).map(|(i, c)| {
                        let label = c.field.label(&props.scheme);
                        let group = format!("conflict-{i}");
                        html! {
                            <li class={classes!("conflict", c.chosen.is_none().then_some("open"))}>
                                <fieldset>
                                    <legend>{ format!("{} · {label}", c.park) }
                                        if c.chosen.is_some() && !c.decided {
                                            <span class="hint">{ "（按文件优先顺序）" }</span>
                                        }
                                    </legend>
                                    { for c.offers.iter().enumerate().map(|(k, o)| {
                                        let file = name(o.part);
                                        let onchange = {
                                            let cb = props.on_decide.clone();
                                            let (park, field, file) = (c.park.clone(), c.field.clone(), file.clone());
                                            Callback::from(move |_: Event| cb.emit((park.clone(), field.clone(), file.clone())))
                                        };
                                        let id = format!("{group}-{k}");
                                        html! {
                                            <label for={id.clone()} class="offer">
                                                <input type="radio" id={id.clone()} data-testid={id} name={group.clone()}
                                                    checked={c.chosen == Some(k)} {onchange} />
                                                { format!("{file}：{}", o.value.shown(&c.field, &props.scheme)) }
                                            </label>
                                        }
                                    }) }
                                </fieldset>
                            </li>
                        }
                    }) }
                </ul>
                if props.conflicts.len() > SHOWN {
                    <p class="hint" data-testid="conflicts-more">
                        { format!("另有 {} 处冲突未列出：请先合并更正后的文件，或用命令行 --prefer 指定以哪个文件为准。", props.conflicts.len() - SHOWN) }
                    </p>
                }
            }
            if !props.missing.is_empty() {
                <h4>{ "尚未提供的数据（按负责单位）" }</h4>
                <ul class="missing" data-testid="missing-by-department">
                    { for missing_by_department(&props.scheme, &props.missing).into_iter().map(|(_, line)| html! {
                        <li>{ line }</li>
                    }) }
                </ul>
            }
        </section>
    }
}
