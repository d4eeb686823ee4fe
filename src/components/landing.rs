//! The landing page: what the tool does, and that the data never leaves this computer.

use parkscore::Scheme;
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`Landing`].
#[derive(Properties, PartialEq)]
pub struct LandingProps {
    /// 载入示例数据.
    pub on_sample: Callback<()>,
}

/// The first screen, before any file is loaded, for the built-in scheme (赤峰 2020).
#[component(Landing)]
pub fn landing(props: &LandingProps) -> Html {
    body(BUILTIN_INTRO_ZH.to_owned(), &props.on_sample)
}

/// The built-in scheme's introduction, word for word as it always was.
const BUILTIN_INTRO_ZH: &str = "本工具按《赤峰市人民政府关于促进工业园区高质量发展的若干意见》（赤政发〔2020〕172号）附件1、附件2，\
                   对各工业园区的年度数据计算 7 类一级指标、23 项二级指标得分、附加分、总分与排名，\
                   列出一票否决园区、奖励资金和专项奖励建议，每个分数都附有计算过程，可导出 Excel、CSV、JSON 并打印。\
                   数据只在这台电脑的浏览器中处理，不会上传到任何地方。";

/// Properties of [`SchemeLanding`].
#[derive(Properties, PartialEq)]
pub struct SchemeLandingProps {
    /// 载入示例数据.
    pub on_sample: Callback<()>,
    /// The scheme in use.
    pub scheme: Rc<Scheme>,
    /// Whether it is the built-in one ([`crate::state::AppState::scheme_is_builtin`]).
    pub builtin: bool,
}

/// The first screen for whichever scheme is in use: the built-in's is [`Landing`]'s, byte for
/// byte; another scheme's names its own title and document ([`intro_zh`]).
#[component(SchemeLanding)]
pub fn scheme_landing(props: &SchemeLandingProps) -> Html {
    let intro = if props.builtin {
        BUILTIN_INTRO_ZH.to_owned()
    } else {
        intro_zh(&props.scheme)
    };
    body(intro, &props.on_sample)
}

/// The introduction for a scheme that is not the built-in one: its own title and document,
/// what is computed (groups, indicators, the bonus, vetoes, classes, awards only when the scheme
/// has them) and the units by its word (`Scheme::unit_noun`).
pub fn intro_zh(scheme: &Scheme) -> String {
    let noun = scheme.unit_noun();
    let indicators = scheme.indicators().count();
    let mut computed = format!(
        "{} 类一级指标、{indicators} 项指标得分",
        scheme.groups.len()
    );
    if scheme.has_bonus() {
        computed.push_str("、附加分");
    }
    computed.push_str("、总分与排名");
    if scheme.classes.is_some() {
        computed.push_str("和等级");
    }
    let mut listed = Vec::new();
    if scheme.has_veto() {
        listed.push(format!("一票否决{noun}"));
    }
    if !scheme.awards.places_wan.is_empty() || !scheme.awards.special.is_empty() {
        listed.push("奖励资金".to_owned());
    }
    let listed = if listed.is_empty() {
        String::new()
    } else {
        format!("列出{}，", listed.join("、"))
    };
    format!(
        "本工具按评分方案《{}》（{}），对各{noun}的年度数据计算 {computed}，\
         {listed}每个分数都附有计算过程，可导出 Excel、CSV、JSON 并打印。\
         数据只在这台电脑的浏览器中处理，不会上传到任何地方。",
        scheme.name, scheme.document
    )
}

/// The landing's body around its introduction.
fn body(intro: String, on_sample: &Callback<()>) -> Html {
    let on_sample = {
        let cb = on_sample.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    html! {
        <section class="landing" aria-labelledby="landing-title">
            <h2 id="landing-title">{ "开始评价" }</h2>
            <p>{ intro }</p>
            <div class="landing-drop" aria-hidden="true">
                { "把 Excel（xlsx、xls）、CSV 或 JSON 文件拖到窗口任意位置即可读取" }
            </div>
            <p class="landing-actions">
                <label for="file-input" class="button primary big">{ "选择文件…" }</label>
                <button type="button" class="button big" onclick={on_sample}>{ "载入示例数据（非真实统计）" }</button>
            </p>
            <p class="hint">{ "没有数据？先用上方的「下载模板」填写，再拖回本页面。" }</p>
            <p class="hint" data-testid="browsers">{ crate::BROWSERS_ZH }</p>
        </section>
    }
}
