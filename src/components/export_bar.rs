//! Export and print buttons.

use yew::prelude::*;

/// What to export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    /// The .xlsx report.
    Xlsx,
    /// CSV with a UTF-8 BOM.
    Csv,
    /// The command line's JSON.
    Json,
}

/// Properties of [`ExportBar`].
#[derive(Properties, PartialEq)]
pub struct ExportBarProps {
    /// Whether there are results to export.
    pub enabled: bool,
    /// Export in a format.
    pub on_export: Callback<ExportKind>,
    /// Print.
    pub on_print: Callback<()>,
}

/// `data-testid="export-xlsx"`, `export-csv`, `export-json`, `print`.
#[component(ExportBar)]
pub fn export_bar(props: &ExportBarProps) -> Html {
    let export = |kind: ExportKind| {
        let cb = props.on_export.clone();
        Callback::from(move |_: MouseEvent| cb.emit(kind))
    };
    let on_print = {
        let cb = props.on_print.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let disabled = !props.enabled;
    html! {
        <div class="export-bar" role="group" aria-label="导出与打印">
            <button type="button" class="button" data-testid="export-xlsx" {disabled} onclick={export(ExportKind::Xlsx)}>{ "导出 Excel 报告" }</button>
            <button type="button" class="button" data-testid="export-csv" {disabled} onclick={export(ExportKind::Csv)}>{ "导出 CSV" }</button>
            <button type="button" class="button" data-testid="export-json" {disabled} onclick={export(ExportKind::Json)}>{ "导出 JSON" }</button>
            <button type="button" class="button" data-testid="print" {disabled} onclick={on_print}>{ "打印" }</button>
        </div>
    }
}
