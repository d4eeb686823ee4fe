//! The tabs that switch between the results views, as the WAI-ARIA tabs pattern has them:
//! one tab in the Tab order (the selected one), ArrowLeft/ArrowRight/Home/End move between
//! tabs and select at once ([`Tab::by_key`]), the panel (`#view`) is labelled by its tab.

use yew::prelude::*;

use crate::services::dom;
use crate::state::Tab;

/// Properties of [`Tabs`].
#[derive(Properties, PartialEq)]
pub struct TabsProps {
    /// The view shown.
    pub current: Tab,
    /// How many errors block scoring (shown on the data tab).
    pub errors: usize,
    /// A view was chosen.
    pub on_choose: Callback<Tab>,
    /// The word for an evaluated unit (`Scheme::unit_noun`): 园区详情, 企业详情.
    #[prop_or(AttrValue::Static(parkscore::scheme::DEFAULT_UNIT_NOUN))]
    pub unit_noun: AttrValue,
}

/// A tab list (`data-testid="tab-ranking"`, …).
#[component(Tabs)]
pub fn tabs(props: &TabsProps) -> Html {
    let onkeydown = {
        let cb = props.on_choose.clone();
        let current = props.current;
        Callback::from(move |e: KeyboardEvent| {
            if e.alt_key() || e.ctrl_key() || e.meta_key() {
                return;
            }
            if let Some(next) = current.by_key(&e.key()) {
                e.prevent_default();
                cb.emit(next);
                dom::focus(&format!("tab-{}", next.id()));
            }
        })
    };
    html! {
        <div class="tabs" role="tablist" aria-label="视图" {onkeydown}>
            { for Tab::ALL.iter().map(|&tab| {
                let onclick = {
                    let cb = props.on_choose.clone();
                    Callback::from(move |_: MouseEvent| cb.emit(tab))
                };
                let selected = tab == props.current;
                html! {
                    <button type="button" role="tab" id={format!("tab-{}", tab.id())}
                        data-testid={format!("tab-{}", tab.id())}
                        aria-selected={if selected { "true" } else { "false" }}
                        tabindex={if selected { "0" } else { "-1" }}
                        aria-controls="view" class={classes!("tab", selected.then_some("active"))} {onclick}>
                        { tab.label_for(&props.unit_noun) }
                        if tab == Tab::Data && props.errors > 0 {
                            <span class="badge error">{ props.errors }</span>
                        }
                    </button>
                }
            }) }
        </div>
    }
}
