//! The units the scheme's classes mark not rated (T, 不参评): listed below the ranking like the
//! vetoed ones, each with 不参评 — not scored, not ranked, not counted in N. At most
//! [`LISTED`] are listed (a scheme may mark thousands), then how many more there are.

use parkscore::ParkName;
use yew::prelude::*;

/// Units listed at most.
pub const LISTED: usize = 200;

/// Properties of [`NotRatedList`].
#[derive(Properties, PartialEq)]
pub struct NotRatedListProps {
    /// The units not rated, in data order (`Evaluation::not_rated`).
    pub units: Vec<ParkName>,
    /// The word for an evaluated unit (`Scheme::unit_noun`: 园区, 企业).
    #[prop_or(AttrValue::Static(parkscore::scheme::DEFAULT_UNIT_NOUN))]
    pub unit_noun: AttrValue,
    /// Whether the test id is set (false in the printout, which repeats the list).
    #[prop_or(true)]
    pub interactive: bool,
}

/// `data-testid="not-rated"`, one `<li data-park=…>` per unit; nothing when there is none.
#[component(NotRatedList)]
pub fn not_rated_list(props: &NotRatedListProps) -> Html {
    if props.units.is_empty() {
        return html! {};
    }
    let noun = props.unit_noun.as_str();
    let class = parkscore::scheme::NOT_RATED_CLASS;
    html! {
        <section class="vetoed not-rated" data-testid={props.interactive.then_some("not-rated")}
            aria-label={format!("不参评的{noun}")}>
            <h3>{ format!("不参评的{noun}（{class} 类，不评分、不排名，不计入参评数）") }</h3>
            <ul>
                { for props.units.iter().take(LISTED).map(|u| html! {
                    <li data-park={u.to_string()}>
                        <strong>{ u.to_string() }</strong>{ "：不参评" }
                    </li>
                }) }
            </ul>
            if props.units.len() > LISTED {
                <p class="more">{ format!("共 {} 个不参评的{noun}，此处列出前 {LISTED} 个；全部见导出的报表。", props.units.len()) }</p>
            }
        </section>
    }
}
