//! The tabs that switch between the results views.

use yew::prelude::*;

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
}

/// A tab list (`data-testid="tab-ranking"`, …).
#[component(Tabs)]
pub fn tabs(props: &TabsProps) -> Html {
    html! {
        <div class="tabs" role="tablist" aria-label="视图">
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
                        aria-controls="view" class={classes!("tab", selected.then_some("active"))} {onclick}>
                        { tab.label_zh() }
                        if tab == Tab::Data && props.errors > 0 {
                            <span class="badge error">{ props.errors }</span>
                        }
                    </button>
                }
            }) }
        </div>
    }
}
