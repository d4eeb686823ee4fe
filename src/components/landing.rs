//! The landing page: what the tool does, and that the data never leaves this computer.

use yew::prelude::*;

/// Properties of [`Landing`].
#[derive(Properties, PartialEq)]
pub struct LandingProps {
    /// 载入示例数据.
    pub on_sample: Callback<()>,
}

/// The first screen, before any file is loaded.
#[component(Landing)]
pub fn landing(props: &LandingProps) -> Html {
    let on_sample = {
        let cb = props.on_sample.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    html! {
        <section class="landing" aria-labelledby="landing-title">
            <h2 id="landing-title">{ "开始评价" }</h2>
            <p>
                { "本工具按《赤峰市人民政府关于促进工业园区高质量发展的若干意见》（赤政发〔2020〕172号）附件1、附件2，\
                   对各工业园区的年度数据计算 7 类一级指标、23 项二级指标得分、附加分、总分与排名，\
                   列出一票否决园区、奖励资金和专项奖励建议，每个分数都附有计算过程，可导出 Excel、CSV、JSON 并打印。\
                   数据只在这台电脑的浏览器中处理，不会上传到任何地方。" }
            </p>
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
