//! The reading of the document the results use, printed on every results view.

use yew::prelude::*;

/// Properties of [`ReadingBanner`].
#[derive(Properties, PartialEq)]
pub struct ReadingBannerProps {
    /// `Evaluation::reading.description_zh`, one sentence per choice.
    pub lines: Vec<String>,
}

/// `本结果采用的口径：…` (`data-testid="reading"`).
#[component(ReadingBanner)]
pub fn reading_banner(props: &ReadingBannerProps) -> Html {
    html! {
        <aside class="reading" data-testid="reading" aria-label="计分口径">
            <strong>{ "本结果采用的口径：" }</strong>
            <ul>
                { for props.lines.iter().map(|l| html! { <li>{ l }</li> }) }
            </ul>
        </aside>
    }
}
