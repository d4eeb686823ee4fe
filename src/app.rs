//! The root component.

use yew::prelude::*;

/// The root component.
#[function_component(App)]
pub fn app() -> Html {
    html! {
        <main class="app" data-testid="app-root">
            <h1>{ "赤峰市工业园区综合发展评价考核" }</h1>
        </main>
    }
}
