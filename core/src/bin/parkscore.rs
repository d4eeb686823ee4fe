//! The `parkscore` command line: a thin shell over the core crate.
//!
//! It reads files, calls the core (`import::read` → `import::validate` → `evaluate` →
//! `export::*`) and writes the result; every problem is printed to standard error as the
//! core's located Chinese [`Issue`] and ends the program with exit code 2. Arguments are parsed
//! with the standard library only. See [`HELP`] for the usage and the exit codes.

use parkscore::analysis::{
    self, move_up,
    stability::{self, StabilityParams},
    what_if,
};
use parkscore::export::report::{analyses_xlsx, Analyses};
use parkscore::export::{csv, json, table, template};
use parkscore::scheme::{self, limits, presets, SchemeError, CHIFENG_2020_TOML};
use parkscore::{
    evaluate, evaluate_columnar, evaluate_owned, import, IndicatorId, Issue, Method, MissingPolicy,
    Options, Scheme, ValueColumns,
};
use rust_decimal::Decimal;
use std::ffi::OsString;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::str::FromStr;

/// The `--help` text.
const HELP: &str = "\
parkscore — 赤峰市工业园区综合发展评价考核（赤政发〔2020〕172号）

用法：
  parkscore score 文件 [文件 …] [选项]             按方案为数据文件评分并输出结果；给出多个文件
                                                   （各部门的填报表）时先按园区和指标合并
  parkscore readings 文件 [文件 …] [选项]          在全部 8 种口径（4 种排序法计分方法 × 附加分累加与否）下
                                                   评分，并列各园区的名次、总分和奖励，指出有变化的园区
  parkscore stability 文件 [文件 …] [选项]         排名稳定性：对排序法指标的满分随机扰动（蒙特卡洛抽样），
                                                   给出各园区各名次的概率、获奖概率、中位名次和 5–95 % 区间
  parkscore compare 上年文件 本年文件 [选项]       年度对比：按正式名称对照两年的园区，列出名次变化（↑3 / ↓1 /
                                                   新参评 / 未参评）、总分和各组得分的变化、各项指标数值的变化和增长率
  parkscore moveup 文件 [文件 …] [选项]            各园区与上一名次的总分差距；给出 --park 时列出该园区各项排序法
                                                   指标提升一个名次所需的数值和得分变化，以及单项敏感性（龙卷风图）
  parkscore whatif 文件 [文件 …] --park 园区 --set 指标=值 [--set 指标=值 …] [选项]
                                                   假设分析：改动一个园区的数值（原文件不变）后重新评分，给出它的
                                                   新得分、总分、名次和名次变化的其他园区
  parkscore scheme [--scheme 方案]                 输出评分方案（TOML，含各处解读说明）；默认为内置的 chifeng-2020
  parkscore scheme list                            列出内置方案（编号、指纹、名称、示例数据）
  parkscore scheme check 文件                      检查方案文件：有效时输出一行摘要（含指纹），退出码 0；
                                                   无效时列出全部错误（文件、行、应为什么），退出码 2
  parkscore scheme sample 方案编号 -o 文件         写出内置方案的示例数据（示例数据，非真实统计）
  parkscore template [--department 单位] [--format xlsx|csv] -o 文件
                                                   生成数据填报模板（全部指标，或某一负责单位的列）
  parkscore --help                                 显示本说明
  parkscore --version                              显示版本

数据文件：.xlsx、.xlsb、.xls、.et（WPS）、.ods、.csv、.txt 或 .json；第一行（或标题行之后）为表头：园区名称、
附件2 的 23 项指标名称（可带单位，如「新增工业总产值（亿元）」）、省级认定数、国家级认定数、一票否决。

score 的选项：
  --scheme 方案       使用另一个评分方案：内置方案的编号（chifeng-2020、huaian-2024、huangyan-2022，
                      见 parkscore scheme list）或方案文件（TOML）的路径；默认为内置的 chifeng-2020
  --method 方法       替换全部排序法指标的计分方法：
                        rank_linear   按名次线性折算（默认）：满分 × (N − 名次) ÷ (N − 1)
                        rank_step     每降一名扣 --step 分，扣完为止
                        ratio_to_top  按与第一名的比值折算
                        min_max       按极差折算
  --step 分数         rank_step 每降一名扣的分数，例如 0.5
  --sheet 工作表      读取工作簿中的这张工作表；默认为表头识别出指标列最多的工作表
  --bonus 方式        附加分：highest（不累加，取最高一级，默认）或 cumulative（累加）
  --missing 方式      缺失数值：error（报错，默认）、zero（计 0 分）或 rank-last（排最后）
  --allow-missing-units
                      方案名单中的单位缺少时仍继续评分（参评园区数 N 不含缺少的单位）；
                      默认缺少即报错。所作选择写在结果的口径说明中
  --allow-unlisted    名单外的园区也参加评分（计入 N）；默认名单外的名称报错并提示最接近的
                      正式名称。所作选择写在结果的口径说明中
  --prefer 文件       合并多个文件时，同一园区同一指标在两个文件中数值不同（冲突）时以这个文件为准；
                      可给多次，先给的优先。没有 --prefer 时冲突报错，列出各文件的数值
  --format 格式       输出格式：table（默认）、json 或 csv
  --detail            table 格式下列出每个园区每项指标的得分和计算过程；json 格式下附上
                      每项得分、附加分和奖励的计算说明（explain）
  -o, --output 文件   写入文件而不是标准输出（csv 写入文件时带 UTF-8 BOM，便于 Excel 打开）；
                      也可写作 --out

readings 的选项：
  --step 分数         rank_step 口径每降一名扣的分数（默认 0.5）
  --missing、--sheet、--scheme、--allow-missing-units、--allow-unlisted、--prefer、-o
                      同 score
  --format 格式       table（默认）、json、csv 或 xlsx（工作表「口径对比」，须用 -o 指定文件）

stability 的选项：
  --samples N         抽样次数（默认 10000，1 到 10000000）
  --spread S          满分扰动幅度：每项排序法指标的满分乘以 [1 − S, 1 + S] 上均匀分布的随机因子，
                      再按同一比例缩放，使这些指标的满分之和不变（默认 0.2，0 ≤ S < 1）
  --seed K            随机种子（非负整数，默认 2020172）；同样的数据、参数和种子得到同样的结果
  --method、--step、--bonus、--missing、--sheet、--scheme、--allow-missing-units、
  --allow-unlisted、--prefer、-o
                      同 score：在这一口径下抽样
  --format 格式       table（默认）、json 或 xlsx（工作表「稳定性分析」，须用 -o 指定文件）

compare 的选项：
  上年文件、本年文件  各一个数据文件，上年的在前；园区按正式名称对照（简称、别名在导入时已换成正式名称）。
                      两个文件标题中的年度相同或上年不早于本年时给出警告；没有年度时按给出的顺序对比
  --method、--step、--bonus、--missing、--scheme、--allow-missing-units、--allow-unlisted、-o
                      同 score，两年用同一口径评分
  --format 格式       table（默认）、json、csv 或 xlsx（工作表「年度对比」，须用 -o 指定文件）

moveup 的选项：
  --park 园区         只看这个园区（正式名称或简称）：各项排序法指标提升一个名次所需的数值（达到相邻较优
                      园区的数值即与其并列，重新评分得出得分、总分和名次的变化），及单项敏感性分析
  --spread S          与 --park 一起用：单项敏感性分析中每项排序法指标的满分依次乘以 1 − S 和 1 + S，
                      再按同一比例缩放全部排序法指标，使其满分之和不变（默认 0.2，0 ≤ S < 1）
  --method、--step、--bonus、--missing、--sheet、--scheme、--allow-missing-units、
  --allow-unlisted、--prefer、-o
                      同 score：在这一口径下分析
  --format 格式       table（默认）、json、csv（无 --park 时每个园区一行；有 --park 时每项指标一行）
                      或 xlsx（工作表「提升空间」，须用 -o 指定文件：各园区的差距，及该园区或
                      前 20 名园区各项指标提升一个名次所需的数值）

whatif 的选项：
  --park 园区         要改动数值的园区（必填）
  --set 指标=值       把这项指标改为这个值（必填，可给多次）；指标写指标代码（如 new_output_value）或
                      名称（如 新增工业总产值，可带单位：新增工业总产值（万元）=386000）；值的写法同数据
                      文件（12.5、12.5%、1,234），写 — 表示缺失
  --method、--step、--bonus、--missing、--sheet、--scheme、--allow-missing-units、
  --allow-unlisted、--prefer、-o
                      同 score：在这一口径下重新评分
  --format 格式       table（默认）或 json（不含新的完整评分结果）

template 的选项：
  --department 单位   只含这个负责单位填报的列（附件2 的负责单位，例如 市科技局）：园区名称、
                      它负责的各组指标，以及它负责的省级/国家级认定数、一票否决；
                      内置方案的负责单位：市工信局、市统计局、市自然资源局、市区域经济合作局、
                      市科技局、市生态环境局、市应急管理局。不给则生成全部指标的模板
  --format 格式       xlsx（默认）或 csv
  --scheme 方案       按另一个评分方案（内置方案的编号或方案文件）生成模板
  -o, --output 文件   模板文件的路径（必填）

退出码：
  0  成功
  1  结果无法写出（例如输出文件不可写）或模板无法生成
  2  输入有误：参数错误（包括方案中没有的负责单位）、文件无法读取、方案无效或数据有错误；
     每个问题都写到标准错误，注明文件、行、列和园区
";

/// Why the program stops.
enum Failure {
    /// Bad input: exit 2.
    Input(Vec<String>),
    /// The output could not be written: exit 1.
    Output(String),
}

impl Failure {
    fn input(message: impl Into<String>) -> Failure {
        Failure::Input(vec![message.into()])
    }

    fn issues(issues: &[Issue]) -> Failure {
        Failure::Input(issues.iter().map(ToString::to_string).collect())
    }
}

type Outcome = Result<(), Failure>;

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        eprintln!("错误：parkscore 内部错误（{info}）。这是程序缺陷，请连同输入文件一起报告。");
    }));
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let outcome = std::panic::catch_unwind(|| run(args));
    match outcome {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(Failure::Input(messages))) => {
            for m in messages {
                eprintln!("{m}");
            }
            ExitCode::from(2)
        }
        Ok(Err(Failure::Output(message))) => {
            eprintln!("{message}");
            ExitCode::from(1)
        }
        // The hook has printed the message.
        Err(_) => ExitCode::from(2),
    }
}

fn run(args: Vec<OsString>) -> Outcome {
    let mut args: Vec<String> = args
        .into_iter()
        .map(|a| {
            a.into_string().map_err(|a| {
                Failure::input(format!(
                    "错误：参数「{}」不是有效的 UTF-8 文本",
                    a.to_string_lossy()
                ))
            })
        })
        .collect::<Result<_, _>>()?;
    if args.is_empty() {
        return Err(Failure::input(format!(
            "错误：缺少命令（应为 score、readings、stability、compare、moveup、whatif、scheme 或 template）\n\n{HELP}"
        )));
    }
    let command = args.remove(0);
    if args.iter().any(|a| a == "-h" || a == "--help") {
        return write_out(None, HELP.as_bytes());
    }
    match command.as_str() {
        "-h" | "--help" | "help" => write_out(None, HELP.as_bytes()),
        "-V" | "--version" => write_out(
            None,
            format!("parkscore {}\n", env!("CARGO_PKG_VERSION")).as_bytes(),
        ),
        "score" => score(Args::parse(args)?),
        "readings" => readings_command(Args::parse(args)?),
        "stability" => stability_command(Args::parse(args)?),
        "compare" => compare_command(Args::parse(args)?),
        "moveup" => moveup_command(Args::parse(args)?),
        "whatif" => whatif_command(Args::parse(args)?),
        "scheme" => scheme_command(Args::parse(args)?),
        "template" => template_command(Args::parse(args)?),
        other => Err(Failure::input(format!(
            "错误：未知命令「{other}」（应为 score、readings、stability、compare、moveup、whatif、scheme 或 template；parkscore --help 查看用法）"
        ))),
    }
}

/// The parsed options of a command.
#[derive(Default)]
struct Args {
    files: Vec<String>,
    scheme: Option<PathBuf>,
    method: Option<String>,
    sheet: Option<String>,
    step: Option<String>,
    bonus: Option<String>,
    missing: Option<String>,
    format: Option<String>,
    department: Option<String>,
    samples: Option<String>,
    spread: Option<String>,
    seed: Option<String>,
    park: Option<String>,
    /// `--set 指标=值`, repeatable (`whatif`).
    set: Vec<String>,
    output: Option<PathBuf>,
    detail: bool,
    allow_missing_units: bool,
    allow_unlisted: bool,
    /// `--prefer FILE`, repeatable: the order in which files settle a conflict.
    prefer: Vec<String>,
}

impl Args {
    fn parse(args: Vec<String>) -> Result<Args, Failure> {
        let mut out = Args::default();
        let mut it = args.into_iter();
        while let Some(arg) = it.next() {
            match arg.as_str() {
                "--detail" => {
                    out.detail = true;
                    continue;
                }
                "--allow-missing-units" => {
                    out.allow_missing_units = true;
                    continue;
                }
                "--allow-unlisted" => {
                    out.allow_unlisted = true;
                    continue;
                }
                _ => {}
            }
            if !arg.starts_with('-') || arg == "-" {
                out.files.push(arg);
                continue;
            }
            let (name, inline) = match arg.split_once('=') {
                Some((n, v)) => (n.to_owned(), Some(v.to_owned())),
                None => (arg.clone(), None),
            };
            let slot: &mut Option<String> = match name.as_str() {
                "--method" => &mut out.method,
                "--step" => &mut out.step,
                "--sheet" => &mut out.sheet,
                "--bonus" => &mut out.bonus,
                "--missing" => &mut out.missing,
                "--format" => &mut out.format,
                "--prefer" => {
                    out.prefer.push(value_of(&name, inline, &mut it)?);
                    continue;
                }
                "--department" => &mut out.department,
                "--samples" => &mut out.samples,
                "--spread" => &mut out.spread,
                "--seed" => &mut out.seed,
                "--park" => &mut out.park,
                "--set" => {
                    out.set.push(value_of(&name, inline, &mut it)?);
                    continue;
                }
                "--scheme" | "-o" | "--output" | "--out" => {
                    let value = value_of(&name, inline, &mut it)?;
                    let path = Some(PathBuf::from(value));
                    if name == "--scheme" {
                        out.scheme = path;
                    } else {
                        out.output = path;
                    }
                    continue;
                }
                _ => {
                    return Err(Failure::input(format!(
                        "错误：未知选项「{arg}」（parkscore --help 查看用法）"
                    )))
                }
            };
            *slot = Some(value_of(&name, inline, &mut it)?);
        }
        Ok(out)
    }

    /// The analyses' own options, each refused by a command it does not belong to: `--samples`
    /// and `--seed` (stability), `--spread` (stability, moveup), `--park` (moveup, whatif),
    /// `--set` (whatif); those in `allowed` are the command's own.
    fn refuse_analysis_options_but(&self, command: &str, allowed: &[&str]) -> Outcome {
        for (name, given, owners) in [
            ("--samples", self.samples.is_some(), "stability"),
            (
                "--spread",
                self.spread.is_some(),
                "stability 和 moveup --park",
            ),
            ("--seed", self.seed.is_some(), "stability"),
            ("--park", self.park.is_some(), "moveup 和 whatif"),
            ("--set", !self.set.is_empty(), "whatif"),
        ] {
            if given && !allowed.contains(&name) {
                return Err(Failure::input(format!(
                    "错误：{command} 命令不接受选项 {name}（它只用于 {owners}）"
                )));
            }
        }
        Ok(())
    }

    /// No analysis option at all (`score`, `readings`).
    fn refuse_analysis_options(&self, command: &str) -> Outcome {
        self.refuse_analysis_options_but(command, &[])
    }

    /// `--department` belongs to `template` only.
    fn refuse_department(&self, command: &str) -> Outcome {
        if self.department.is_some() {
            return Err(Failure::input(format!(
                "错误：{command} 命令不接受选项 --department（它只用于 template）"
            )));
        }
        Ok(())
    }

    fn refuse_score_options(&self, command: &str) -> Outcome {
        let given = [
            ("--method", self.method.is_some()),
            ("--step", self.step.is_some()),
            ("--sheet", self.sheet.is_some()),
            ("--bonus", self.bonus.is_some()),
            ("--missing", self.missing.is_some()),
            ("--detail", self.detail),
            ("--allow-missing-units", self.allow_missing_units),
            ("--allow-unlisted", self.allow_unlisted),
            ("--prefer", !self.prefer.is_empty()),
            ("--samples", self.samples.is_some()),
            ("--spread", self.spread.is_some()),
            ("--seed", self.seed.is_some()),
            ("--park", self.park.is_some()),
            ("--set", !self.set.is_empty()),
        ];
        match given.iter().find(|(_, g)| *g) {
            Some((name, _)) => Err(Failure::input(format!(
                "错误：{command} 命令不接受选项 {name}"
            ))),
            None => Ok(()),
        }
    }
}

fn value_of(
    name: &str,
    inline: Option<String>,
    it: &mut impl Iterator<Item = String>,
) -> Result<String, Failure> {
    match inline.or_else(|| it.next()) {
        Some(v) if !v.is_empty() => Ok(v),
        _ => Err(Failure::input(format!("错误：选项 {name} 缺少取值"))),
    }
}

/// The scheme and the dataset of `a`'s files: one file read and validated as a whole, several
/// merged (`import::merge`); errors end the command (exit 2), warnings go to standard error.
fn load_dataset(
    a: &Args,
    command: &str,
    options: &Options,
) -> Result<(Scheme, parkscore::Dataset), Failure> {
    let (scheme, dataset, _) = load_dataset_in(a, command, options, false)?;
    Ok((scheme, dataset))
}

/// [`load_dataset`]; with `columnar` (scoring only), one file's values come in columns
/// (`import::validate_columnar`), the road of big files (less memory; see
/// `parkscore::evaluate_columnar`).
fn load_dataset_in(
    a: &Args,
    command: &str,
    options: &Options,
    columnar: bool,
) -> Result<(Scheme, parkscore::Dataset, Option<ValueColumns>), Failure> {
    a.refuse_department(command)?;
    if a.files.is_empty() {
        return Err(Failure::input(format!(
            "错误：缺少数据文件（用法：parkscore {command} 文件 [文件 …] [选项]）"
        )));
    }
    let scheme = scheme_of(a)?;
    let (dataset, values) = read_dataset_in(a, &a.files, &scheme, options, columnar)?;
    Ok((scheme, dataset, values))
}

/// `--scheme`'s scheme, or the built-in one.
fn scheme_of(a: &Args) -> Result<Scheme, Failure> {
    match &a.scheme {
        Some(path) => load_scheme(path),
        None => Ok(Scheme::chifeng_2020()),
    }
}

/// The dataset of `files`: one file read and validated as a whole, several merged
/// (`import::merge`); errors end the command (exit 2), warnings go to standard error.
fn read_dataset(
    a: &Args,
    files: &[String],
    scheme: &Scheme,
    options: &Options,
) -> Result<parkscore::Dataset, Failure> {
    read_dataset_in(a, files, scheme, options, false).map(|(dataset, _)| dataset)
}

/// [`read_dataset`]; with `columnar`, one file's values in columns (several files are merged
/// row by row: no columns).
fn read_dataset_in(
    a: &Args,
    files: &[String],
    scheme: &Scheme,
    options: &Options,
    columnar: bool,
) -> Result<(parkscore::Dataset, Option<ValueColumns>), Failure> {
    if files.len() > 1 && a.sheet.is_some() {
        return Err(Failure::input(
            "错误：--sheet 只用于一个数据文件；合并多个文件时，每个文件读取表头识别出指标列最多的工作表",
        ));
    }
    if files.len() == 1 && !a.prefer.is_empty() {
        return Err(Failure::input("错误：--prefer 只用于合并多个数据文件"));
    }
    for p in &a.prefer {
        if !files.contains(p) {
            return Err(Failure::input(format!(
                "错误：--prefer「{p}」不是要合并的文件之一（应为：{}）",
                files.join("、")
            )));
        }
    }

    // The unit-list choices, and the missing-value policy so that missing values are reported
    // together with every other error of the file, in one pass.
    let choices = import::ValidateOptions {
        allow_missing_units: a.allow_missing_units,
        allow_unlisted: a.allow_unlisted,
        missing: Some(options.missing),
    };
    let (dataset, values, issues) = if let [file] = files {
        let bytes = read_file(Path::new(file), import::MAX_FILE_BYTES)?;
        let table = import::read(&bytes, file, a.sheet.as_deref(), scheme)
            .map_err(|issue| Failure::issues(&[issue]))?;
        // The file's bytes are not needed once read: their memory goes before validation's
        // columns arrive (the peak of a big file; 12 MB at 100,000 rows).
        drop(bytes);
        let (validated, values) = if columnar {
            let (validated, values) = import::validate_columnar(&table, scheme, &choices);
            (validated, Some(values))
        } else {
            (import::validate_with(&table, scheme, &choices), None)
        };
        // The text is not needed once validated: its memory goes before scoring's arrives.
        drop(table);
        (validated.dataset, values, validated.issues)
    } else {
        let merged = merge_files(files, scheme, &choices, &a.prefer)?;
        (merged.dataset, None, merged.issues)
    };
    if issues.iter().any(Issue::is_error) {
        return Err(Failure::issues(&issues));
    }
    for issue in &issues {
        eprintln!("{issue}");
    }
    Ok((dataset, values))
}

/// `parkscore readings FILE …`: the 8 readings side by side.
fn readings_command(a: Args) -> Outcome {
    a.refuse_analysis_options("readings")?;
    for (name, given) in [
        ("--method", a.method.is_some()),
        ("--bonus", a.bonus.is_some()),
        ("--detail", a.detail),
    ] {
        if given {
            return Err(Failure::input(format!(
                "错误：readings 命令不接受选项 {name}（它列出全部计分方法和附加分规则）"
            )));
        }
    }
    let format = a.format.as_deref().unwrap_or("table");
    if !matches!(format, "table" | "json" | "csv" | "xlsx") {
        return Err(Failure::input(format!(
            "错误：--format「{format}」无效（readings 的输出格式应为 table、json、csv 或 xlsx）"
        )));
    }
    xlsx_needs_output(&a, format)?;
    let step = match &a.step {
        None => Decimal::new(5, 1),
        Some(s) => match Decimal::from_str(s.trim()) {
            Ok(d) if d > Decimal::ZERO => d,
            _ => {
                return Err(Failure::input(format!(
                    "错误：--step「{s}」无效（应为大于 0 的数，每降一名扣的分数，例如 0.5）"
                )))
            }
        },
    };
    let options = Options {
        missing: missing_policy(&a)?,
        ..Options::default()
    };
    let (scheme, dataset) = load_dataset(&a, "readings", &options)?;
    let r = analysis::readings::readings(&scheme, &dataset, options.missing, step)
        .map_err(|e| Failure::issues(&e))?;
    if format == "xlsx" {
        let analyses = Analyses {
            year: dataset.year,
            readings: Some(&r),
            ..Analyses::default()
        };
        return write_xlsx(a.output.as_deref(), &scheme, &analyses);
    }
    let mut text = match format {
        "json" => serde_json::to_string_pretty(&r)
            .map_err(|e| Failure::Output(format!("错误：无法生成 JSON：{e}")))?,
        "csv" => r.csv(),
        _ => r.table(),
    };
    if format == "json" {
        text.push('\n');
    }
    if format == "csv" && a.output.is_some() {
        text.insert(0, '\u{feff}');
    }
    write_out(a.output.as_deref(), text.as_bytes())
}

/// `parkscore stability FILE …`: the Monte Carlo over the comparative indicators' full marks.
fn stability_command(a: Args) -> Outcome {
    a.refuse_analysis_options_but("stability", &["--samples", "--spread", "--seed"])?;
    if a.detail {
        return Err(Failure::input("错误：stability 命令不接受选项 --detail"));
    }
    let format = a.format.as_deref().unwrap_or("table");
    if !matches!(format, "table" | "json" | "xlsx") {
        return Err(Failure::input(format!(
            "错误：--format「{format}」无效（stability 的输出格式应为 table、json 或 xlsx）"
        )));
    }
    xlsx_needs_output(&a, format)?;
    let mut params = StabilityParams::default();
    if let Some(s) = &a.samples {
        params.samples = match s.trim().parse::<u32>() {
            Ok(n) if (1..=stability::MAX_SAMPLES).contains(&n) => n,
            _ => {
                return Err(Failure::input(format!(
                    "错误：--samples「{s}」无效（应为 1 到 {} 之间的整数）",
                    stability::MAX_SAMPLES
                )))
            }
        };
    }
    if let Some(s) = &a.spread {
        params.spread = spread_of(s)?;
    }
    if let Some(s) = &a.seed {
        params.seed = s.trim().parse::<u64>().map_err(|_| {
            Failure::input(format!(
                "错误：--seed「{s}」无效（应为非负整数，例如 2020172）"
            ))
        })?;
    }
    let options = options(&a)?;
    let (scheme, dataset) = load_dataset(&a, "stability", &options)?;
    let s = stability::stability(&scheme, &dataset, &options, params)
        .map_err(|e| Failure::issues(&e))?;
    if format == "xlsx" {
        let analyses = Analyses {
            year: dataset.year,
            stability: Some(&s),
            ..Analyses::default()
        };
        return write_xlsx(a.output.as_deref(), &scheme, &analyses);
    }
    let text = if format == "json" {
        let mut value = serde_json::to_value(&s)
            .map_err(|e| Failure::Output(format!("错误：无法生成 JSON：{e}")))?;
        if let Some(map) = value.as_object_mut() {
            map.insert("summary_zh".to_owned(), s.summary_zh().into());
        }
        let mut t = serde_json::to_string_pretty(&value)
            .map_err(|e| Failure::Output(format!("错误：无法生成 JSON：{e}")))?;
        t.push('\n');
        t
    } else {
        s.table()
    };
    write_out(a.output.as_deref(), text.as_bytes())
}

/// `parkscore compare LAST THIS …`: last year's result next to this year's. Each year is one
/// file (a year's departments' files are merged into one by `score` or the page first); both
/// are scored under the same reading.
fn compare_command(a: Args) -> Outcome {
    a.refuse_analysis_options("compare")?;
    for (name, given, why) in [
        ("--detail", a.detail, ""),
        (
            "--sheet",
            a.sheet.is_some(),
            "（每个文件读取表头识别出指标列最多的工作表）",
        ),
        (
            "--prefer",
            !a.prefer.is_empty(),
            "（每年只给一个文件，不合并）",
        ),
    ] {
        if given {
            return Err(Failure::input(format!(
                "错误：compare 命令不接受选项 {name}{why}"
            )));
        }
    }
    let format = a.format.as_deref().unwrap_or("table");
    if !matches!(format, "table" | "json" | "csv" | "xlsx") {
        return Err(Failure::input(format!(
            "错误：--format「{format}」无效（compare 的输出格式应为 table、json、csv 或 xlsx）"
        )));
    }
    a.refuse_department("compare")?;
    let [last, this] = a.files.as_slice() else {
        return Err(Failure::input(format!(
            "错误：compare 需要两个数据文件，上年的在前、本年的在后（给了 {} 个；用法：parkscore compare 上年文件 本年文件 [选项]）",
            a.files.len()
        )));
    };
    let same = last == this
        || matches!(
            (std::fs::canonicalize(last), std::fs::canonicalize(this)),
            (Ok(x), Ok(y)) if x == y
        );
    if same {
        let named = if last == this {
            format!("「{this}」")
        } else {
            format!("「{last}」与「{this}」")
        };
        return Err(Failure::input(format!(
            "错误：上年和本年给的是同一个文件{named}（应为上年的数据文件和本年的数据文件）"
        )));
    }
    xlsx_needs_output(&a, format)?;
    let options = options(&a)?;
    let scheme = scheme_of(&a)?;
    // Both files are read before stopping, so that the errors of both are shown at once.
    let mut failed = Vec::new();
    let mut years = Vec::with_capacity(2);
    for (file, which) in [(last, "上年"), (this, "本年")] {
        let scored =
            read_dataset(&a, std::slice::from_ref(file), &scheme, &options).and_then(|data| {
                match evaluate(&scheme, &data, &options) {
                    Ok(e) => Ok((data, e)),
                    Err(issues) => {
                        let mut lines = vec![format!("错误：{which}文件 {file} 无法评分：")];
                        lines.extend(issues.iter().map(ToString::to_string));
                        Err(Failure::Input(lines))
                    }
                }
            });
        match scored {
            Ok(year) => years.push(year),
            Err(Failure::Input(lines)) => failed.extend(lines),
            Err(other) => return Err(other),
        }
    }
    if !failed.is_empty() {
        return Err(Failure::Input(failed));
    }
    let [(last_data, last_eval), (this_data, this_eval)] = years.as_slice() else {
        return Err(Failure::input("错误：compare 需要两个数据文件"));
    };
    let c = analysis::compare::compare(&scheme, last_data, last_eval, this_data, this_eval);
    if format != "table" {
        // The table prints them itself.
        for issue in &c.issues {
            eprintln!("{issue}");
        }
    }
    let mut text = match format {
        "xlsx" => {
            let analyses = Analyses {
                year: this_data.year,
                comparison: Some(&c),
                ..Analyses::default()
            };
            return write_xlsx(a.output.as_deref(), &scheme, &analyses);
        }
        "json" => {
            let mut value = serde_json::to_value(&c)
                .map_err(|e| Failure::Output(format!("错误：无法生成 JSON：{e}")))?;
            if let Some(map) = value.as_object_mut() {
                map.insert("summary_zh".to_owned(), c.summary_zh().into());
            }
            if let Some(parks) = value.get_mut("parks").and_then(|p| p.as_array_mut()) {
                for (v, p) in parks.iter_mut().zip(&c.parks) {
                    if let Some(map) = v.as_object_mut() {
                        map.insert("sentence_zh".to_owned(), c.sentence_zh(p).into());
                    }
                }
            }
            let mut t = serde_json::to_string_pretty(&value)
                .map_err(|e| Failure::Output(format!("错误：无法生成 JSON：{e}")))?;
            t.push('\n');
            t
        }
        "csv" => c.csv(),
        _ => c.table(),
    };
    if format == "csv" && a.output.is_some() {
        text.insert(0, '\u{feff}');
    }
    write_out(a.output.as_deref(), text.as_bytes())
}

/// Parks whose targets `moveup --format xlsx` lists without `--park`: the first by rank.
const MOVE_UP_SHEET_PARKS: usize = 20;

/// `parkscore moveup FILE … [--park NAME [--spread S]]`: every park's gap to the park above;
/// with `--park`, that park's target on each comparative indicator and its tornado.
fn moveup_command(a: Args) -> Outcome {
    a.refuse_analysis_options_but("moveup", &["--spread", "--park"])?;
    if a.detail {
        return Err(Failure::input("错误：moveup 命令不接受选项 --detail"));
    }
    let format = a.format.as_deref().unwrap_or("table");
    if !matches!(format, "table" | "json" | "csv" | "xlsx") {
        return Err(Failure::input(format!(
            "错误：--format「{format}」无效（moveup 的输出格式应为 table、json、csv 或 xlsx）"
        )));
    }
    xlsx_needs_output(&a, format)?;
    if a.park.is_none() && a.spread.is_some() {
        return Err(Failure::input(
            "错误：--spread 只与 --park 一起用于 moveup（单项敏感性分析针对一个园区）",
        ));
    }
    let spread = match &a.spread {
        None => move_up::DEFAULT_TORNADO_SPREAD,
        Some(s) => spread_of(s)?,
    };
    let options = options(&a)?;
    let (scheme, dataset) = load_dataset(&a, "moveup", &options)?;
    if format == "xlsx" {
        // The sheet 提升空间: every park's gap, and the targets of the park asked for, or of the
        // first MOVE_UP_SHEET_PARKS parks by rank (each park's targets re-score the data once
        // per indicator).
        let e = evaluate(&scheme, &dataset, &options).map_err(|e| Failure::issues(&e))?;
        let gaps = move_up::gaps(&e);
        let names: Vec<String> = match &a.park {
            Some(park) => vec![park.clone()],
            None => e
                .parks
                .iter()
                .take(MOVE_UP_SHEET_PARKS)
                .map(|p| p.name.to_string())
                .collect(),
        };
        let targets = names
            .iter()
            .map(|n| move_up::targets(&scheme, &dataset, &options, n))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| Failure::issues(&e))?;
        let analyses = Analyses {
            year: dataset.year,
            gaps: &gaps,
            targets: &targets,
            ..Default::default()
        };
        return write_xlsx(a.output.as_deref(), &scheme, &analyses);
    }
    let json_error = |e: serde_json::Error| Failure::Output(format!("错误：无法生成 JSON：{e}"));
    let mut text = match &a.park {
        None => {
            let e = evaluate(&scheme, &dataset, &options).map_err(|e| Failure::issues(&e))?;
            let places = e.reading.rounding_places;
            let noun = e.reading.unit_noun();
            let gaps = move_up::gaps(&e);
            match format {
                "json" => {
                    let mut parks = Vec::with_capacity(gaps.len());
                    for g in &gaps {
                        let mut v = serde_json::to_value(g).map_err(json_error)?;
                        if let Some(map) = v.as_object_mut() {
                            map.insert(
                                "sentence_zh".to_owned(),
                                g.sentence_zh_for(places, noun).into(),
                            );
                        }
                        parks.push(v);
                    }
                    let value = serde_json::json!({ "places": places, "parks": parks });
                    serde_json::to_string_pretty(&value).map_err(json_error)? + "\n"
                }
                "csv" => move_up::gaps_csv(&gaps, places, noun),
                _ => format!(
                    "各{noun}与上一名次的差距（按四舍五入后的总分，即排名所用的总分）：\n\n{}",
                    move_up::gaps_table(&gaps, places, noun)
                ),
            }
        }
        Some(park) => {
            let t = move_up::targets(&scheme, &dataset, &options, park)
                .map_err(|e| Failure::issues(&e))?;
            let tornado = move_up::tornado(&scheme, &dataset, &options, park, spread)
                .map_err(|e| Failure::issues(&e))?;
            match format {
                "json" => {
                    let mut targets = serde_json::to_value(&t).map_err(json_error)?;
                    if let Some(list) = targets
                        .get_mut("indicators")
                        .and_then(serde_json::Value::as_array_mut)
                    {
                        for (v, i) in list.iter_mut().zip(&t.indicators) {
                            if let Some(map) = v.as_object_mut() {
                                map.insert(
                                    "sentence_zh".to_owned(),
                                    i.sentence_zh_for(t.places, t.missing, t.unit_noun()).into(),
                                );
                            }
                        }
                    }
                    let mut bars = serde_json::to_value(&tornado).map_err(json_error)?;
                    if let Some(list) = bars
                        .get_mut("bars")
                        .and_then(serde_json::Value::as_array_mut)
                    {
                        for (v, b) in list.iter_mut().zip(&tornado.bars) {
                            if let Some(map) = v.as_object_mut() {
                                map.insert("sentence_zh".to_owned(), tornado.bar_zh(b).into());
                            }
                        }
                    }
                    let value = serde_json::json!({
                        "targets": targets,
                        "targets_summary_zh": t.summary_zh(),
                        "tornado": bars,
                        "tornado_summary_zh": tornado.summary_zh(),
                    });
                    serde_json::to_string_pretty(&value).map_err(json_error)? + "\n"
                }
                "csv" => t.csv(Some(&tornado)),
                _ => format!("{}\n{}", t.table(), tornado.table()),
            }
        }
    };
    if format == "csv" && a.output.is_some() {
        text.insert(0, '\u{feff}');
    }
    write_out(a.output.as_deref(), text.as_bytes())
}

/// `--format xlsx` writes a file: `-o` is required.
fn xlsx_needs_output(a: &Args, format: &str) -> Outcome {
    if format == "xlsx" && a.output.is_none() {
        return Err(Failure::input(
            "错误：--format xlsx 须用 -o 指定输出文件（例如 -o 分析.xlsx）",
        ));
    }
    Ok(())
}

/// Writes the analyses' workbook, made now: the command line reads the clock the core does not
/// (the workbook's creation time).
fn write_xlsx(path: Option<&Path>, scheme: &Scheme, analyses: &Analyses<'_>) -> Outcome {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()
        .and_then(|d| i64::try_from(d.as_secs()).ok());
    let analyses = Analyses {
        created_at: now,
        ..*analyses
    };
    let bytes =
        analyses_xlsx(scheme, &analyses).map_err(|e| Failure::Output(format!("错误：{e}")))?;
    write_out(path, &bytes)
}

/// `--spread`: 0 ≤ s < 1.
fn spread_of(s: &str) -> Result<f64, Failure> {
    match s.trim().parse::<f64>() {
        Ok(x) if (0.0..1.0).contains(&x) => Ok(x),
        _ => Err(Failure::input(format!(
            "错误：--spread「{s}」无效（应为不小于 0、小于 1 的数，例如 0.2）"
        ))),
    }
}

/// `parkscore whatif FILE … --park NAME --set 指标=值 …`: the park's values changed on a copy,
/// everything re-scored.
fn whatif_command(a: Args) -> Outcome {
    a.refuse_analysis_options_but("whatif", &["--park", "--set"])?;
    if a.detail {
        return Err(Failure::input("错误：whatif 命令不接受选项 --detail"));
    }
    let format = a.format.as_deref().unwrap_or("table");
    if !matches!(format, "table" | "json") {
        return Err(Failure::input(format!(
            "错误：--format「{format}」无效（whatif 的输出格式应为 table 或 json）"
        )));
    }
    let usage = "用法：parkscore whatif 文件 --park 园区 --set 指标=值 [--set 指标=值 …]";
    let Some(park) = a.park.as_deref() else {
        return Err(Failure::input(format!("错误：缺少 --park 园区（{usage}）")));
    };
    if a.set.is_empty() {
        return Err(Failure::input(format!(
            "错误：缺少 --set 指标=值（{usage}）"
        )));
    }
    let options = options(&a)?;
    let (scheme, dataset) = load_dataset(&a, "whatif", &options)?;
    let mut changes = Vec::with_capacity(a.set.len());
    let mut bad = Vec::new();
    for text in &a.set {
        match setting(&scheme, text) {
            Ok(change) => changes.push(change),
            Err(message) => bad.push(message),
        }
    }
    if !bad.is_empty() {
        return Err(Failure::Input(bad));
    }
    let w = what_if::what_if(&scheme, &dataset, &options, park, &changes)
        .map_err(|e| Failure::issues(&e))?;
    let text = if format == "json" {
        let json_error =
            |e: serde_json::Error| Failure::Output(format!("错误：无法生成 JSON：{e}"));
        let mut value = serde_json::to_value(&w).map_err(json_error)?;
        if let Some(map) = value.as_object_mut() {
            // The whole new evaluation is `score`'s business: the what-if's own figures only.
            map.remove("evaluation");
            map.insert("summary_zh".to_owned(), w.summary_zh().into());
        }
        serde_json::to_string_pretty(&value).map_err(json_error)? + "\n"
    } else {
        w.table()
    };
    write_out(a.output.as_deref(), text.as_bytes())
}

/// One `--set 指标=值`: the indicator by its id or its name (a header the import would take,
/// with a unit it converts: `新增工业总产值（万元）`), the value written as in a data file
/// (`—` for missing). The error is the whole Chinese message.
fn setting(scheme: &Scheme, text: &str) -> Result<(IndicatorId, Option<Decimal>), String> {
    let Some((key, raw)) = text.split_once(['=', '＝']) else {
        return Err(format!(
            "错误：--set「{text}」应写作 指标=值（例如 --set 新增工业总产值=40）"
        ));
    };
    let key = key.trim();
    let accepted = || {
        scheme
            .indicators()
            .map(|i| format!("{}（{}）", i.id, i.name))
            .collect::<Vec<_>>()
            .join("、")
    };
    let by_header = import::header::match_header(key, scheme).and_then(|m| match m.target {
        import::header::Target::Indicator(id) => Some((id, m.unit)),
        _ => None,
    });
    let Some((id, header_unit)) = by_header else {
        return Err(format!(
            "错误：--set「{text}」：方案中没有指标「{key}」（应为指标代码或名称之一：{}）",
            accepted()
        ));
    };
    let Some(indicator) = scheme.indicator(&id) else {
        return Err(format!(
            "错误：--set「{text}」：方案中没有指标「{key}」（应为指标代码或名称之一：{}）",
            accepted()
        ));
    };
    let expected = format!(
        "应为数{}，例如 {}=40；写 — 表示缺失",
        indicator
            .value_unit()
            .map_or_else(String::new, |u| format!("（单位：{u}）")),
        key
    );
    let value = match import::number::parse_number(raw) {
        Ok(import::number::CellNumber::Missing) => return Ok((id, None)),
        Ok(import::number::CellNumber::Plain(v)) => v,
        Ok(import::number::CellNumber::Percent(v)) if indicator.unit == "%" => v,
        Ok(import::number::CellNumber::Percent(_)) => {
            return Err(format!(
                "错误：--set「{text}」：指标「{}」的单位是「{}」，不应写百分数（{expected}）",
                indicator.name, indicator.unit
            ))
        }
        Err(_) => {
            return Err(format!(
                "错误：--set「{text}」：「{}」不是数（{expected}）",
                raw.trim()
            ))
        }
    };
    let value = match header_unit {
        None => value,
        Some(unit) => {
            let factor = import::header::unit_factor(&unit, &indicator.unit).ok_or_else(|| {
                format!(
                    "错误：--set「{text}」：单位「{unit}」不能换算为指标「{}」的单位「{}」",
                    indicator.name, indicator.unit
                )
            })?;
            value
                .checked_mul(factor)
                .map(|v| v.normalize())
                .ok_or_else(|| format!("错误：--set「{text}」：数值过大，无法换算（{expected}）"))?
        }
    };
    Ok((id, Some(value)))
}

/// `parkscore score FILE …`.
fn score(a: Args) -> Outcome {
    a.refuse_analysis_options("score")?;
    let format = a.format.as_deref().unwrap_or("table");
    if !matches!(format, "table" | "json" | "csv") {
        return Err(Failure::input(format!(
            "错误：--format「{format}」无效（score 的输出格式应为 table、json 或 csv）"
        )));
    }
    if a.detail && format == "csv" {
        return Err(Failure::input("错误：--detail 只用于 table 或 json 格式"));
    }
    let options = options(&a)?;
    let (scheme, dataset, values) = load_dataset_in(&a, "score", &options, true)?;
    let evaluation = match values {
        Some(values) => evaluate_columnar(&scheme, dataset, values, &options),
        None => evaluate_owned(&scheme, dataset, &options),
    }
    .map_err(|e| Failure::issues(&e))?;

    if format == "json" {
        for note in &evaluation.notes {
            eprintln!("{note}");
        }
        // Streamed: each park is rendered as it is written, never a whole tree in memory.
        let prose = if a.detail {
            json::Prose::Explained
        } else {
            json::Prose::Facts
        };
        return write_with(a.output.as_deref(), |out| {
            json::write_evaluation_json(out, &scheme, &evaluation, prose)
        });
    }
    let mut text = match format {
        "csv" => csv::evaluation_csv(&scheme, &evaluation),
        _ => table::evaluation_table(&scheme, &evaluation, a.detail),
    };
    if format != "table" {
        // The table shows the notes itself; JSON carries them too, but they are worth seeing.
        for note in &evaluation.notes {
            eprintln!("{note}");
        }
    }
    if format == "csv" && a.output.is_some() {
        text.insert(0, '\u{feff}');
    }
    write_out(a.output.as_deref(), text.as_bytes())
}

/// Reads every file as one bureau's part and merges them (`import::merge`); a file that
/// cannot be read at all stops the merge with its message, with every other file's.
fn merge_files(
    files: &[String],
    scheme: &Scheme,
    choices: &import::ValidateOptions,
    prefer: &[String],
) -> Result<import::merge::Merged, Failure> {
    let mut unreadable = Vec::new();
    let mut parts = Vec::with_capacity(files.len());
    for file in files {
        let bytes = read_file(Path::new(file), import::MAX_FILE_BYTES)?;
        match import::read(&bytes, file, None, scheme) {
            Ok(table) => {
                let validated = import::validate_part(&table, scheme, choices);
                parts.push((file.as_str(), table, validated));
            }
            Err(issue) => unreadable.push(issue),
        }
    }
    if !unreadable.is_empty() {
        return Err(Failure::issues(&unreadable));
    }
    let views: Vec<import::merge::Part<'_>> = parts
        .iter()
        .map(|(name, table, validated)| import::merge::Part {
            name,
            sheet: table.sheet.as_deref(),
            table,
            validated,
        })
        .collect();
    let settle = import::merge::Choices {
        cells: Vec::new(),
        prefer: prefer.to_vec(),
    };
    Ok(import::merge::merge(scheme, &views, &settle, choices))
}

/// The caller's reading of the document, from `--method`, `--step`, `--bonus`, `--missing`.
fn options(a: &Args) -> Result<Options, Failure> {
    let step = match &a.step {
        None => None,
        Some(s) => Some(Decimal::from_str(s.trim()).map_err(|_| {
            Failure::input(format!(
                "错误：--step「{s}」不是数（应为每降一名扣的分数，例如 0.5）"
            ))
        })?),
    };
    let ranking_method = match (&a.method, step) {
        (None, None) => None,
        (None, Some(_)) => return Err(Failure::input("错误：--step 只用于 --method rank_step")),
        (Some(id), step) => Some(
            Method::comparative(id, step)
                .map_err(|m| Failure::input(format!("错误：--method：{m}")))?,
        ),
    };
    let cumulative_bonus = match a.bonus.as_deref() {
        None => None,
        Some("cumulative") => Some(true),
        Some("highest") => Some(false),
        Some(other) => {
            return Err(Failure::input(format!(
                "错误：--bonus「{other}」无效（应为 highest 或 cumulative）"
            )))
        }
    };
    Ok(Options {
        ranking_method,
        cumulative_bonus,
        missing: missing_policy(a)?,
    })
}

/// `--missing`.
fn missing_policy(a: &Args) -> Result<MissingPolicy, Failure> {
    Ok(match a.missing.as_deref() {
        None => MissingPolicy::Error,
        Some(id) => MissingPolicy::ALL
            .into_iter()
            // `rank_last` (the serde spelling) is accepted too.
            .find(|p| p.cli_id() == id.replace('_', "-"))
            .ok_or_else(|| {
                Failure::input(format!(
                    "错误：--missing「{id}」无效（应为 error、zero 或 rank-last）"
                ))
            })?,
    })
}

/// `parkscore template [--department NAME] [--format xlsx|csv] -o FILE`. A department the
/// scheme does not name is bad input (exit 2), and the message lists the scheme's departments.
fn template_command(a: Args) -> Outcome {
    a.refuse_score_options("template")?;
    if !a.files.is_empty() {
        return Err(Failure::input(format!(
            "错误：template 命令不接受文件参数「{}」（输出路径请用 -o 指定）",
            a.files.join(" ")
        )));
    }
    let Some(output) = a.output.as_deref() else {
        return Err(Failure::input(
            "错误：缺少 -o 文件（用法：parkscore template [--department 单位] [--format xlsx|csv] -o 文件）",
        ));
    };
    let scheme = match &a.scheme {
        Some(path) => load_scheme(path)?,
        None => Scheme::chifeng_2020(),
    };
    let format = match a.format.as_deref().unwrap_or("xlsx") {
        "xlsx" => template::TemplateFormat::Xlsx,
        "csv" => template::TemplateFormat::Csv,
        other => {
            return Err(Failure::input(format!(
                "错误：--format「{other}」无效（模板格式应为 xlsx 或 csv）"
            )))
        }
    };
    let which = template::TemplateFor::from_department(a.department.as_deref());
    let bytes = template::template_bytes(&scheme, which, format).map_err(|e| {
        let message = format!("错误：{e}");
        match (&e, e.detail()) {
            (template::TemplateError::UnknownDepartment { .. }, _) => Failure::input(message),
            (_, Some(detail)) => Failure::Output(format!("{message}\n技术细节：{detail}")),
            (_, None) => Failure::Output(message),
        }
    })?;
    if bytes.is_empty() {
        return Err(Failure::Output(
            "错误：无法生成模板：模板内容为空".to_owned(),
        ));
    }
    write_out(Some(output), &bytes)
}

/// `--scheme`'s scheme: a built-in preset by id, else a scheme file by path; every problem of
/// a file is reported, each with its line when it can be told.
fn load_scheme(path: &Path) -> Result<Scheme, Failure> {
    if let Some(preset) = path.to_str().and_then(presets::preset) {
        return preset
            .scheme()
            .map_err(|e| Failure::input(format!("错误：内置方案 {}：{e}", preset.id)));
    }
    let text = scheme_text(path)?;
    Scheme::check(&text).map_err(|errors| scheme_failure(path, &text, &errors))
}

/// A scheme file's text (UTF-8, a BOM dropped, at most `limits::FILE_BYTES`).
fn scheme_text(path: &Path) -> Result<String, Failure> {
    let bytes = read_file(path, limits::FILE_BYTES).map_err(|f| match f {
        Failure::Input(mut m) if !path.exists() && path.extension().is_none() => {
            m.push(format!(
                "（内置方案的编号为：{}）",
                presets::PRESETS.map(|p| p.id).join("、")
            ));
            Failure::Input(m)
        }
        other => other,
    })?;
    let text = String::from_utf8(bytes).map_err(|_| {
        Failure::input(format!(
            "错误：文件 {}：方案文件不是 UTF-8 文本",
            path.display()
        ))
    })?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(&text).to_owned())
}

/// Every error of a scheme file, one line each: `错误：文件 my.toml 第 12 行：…`.
fn scheme_failure(path: &Path, text: &str, errors: &[SchemeError]) -> Failure {
    Failure::Input(
        errors
            .iter()
            .map(|e| match scheme::locate(text, e) {
                Some(line) => format!("错误：文件 {} 第 {line} 行：{e}", path.display()),
                None => format!("错误：文件 {}：{e}", path.display()),
            })
            .collect(),
    )
}

/// `parkscore scheme [list | check FILE | sample ID -o FILE] [--scheme S] [-o FILE]`.
fn scheme_command(a: Args) -> Outcome {
    a.refuse_score_options("scheme")?;
    a.refuse_department("scheme")?;
    if a.format.is_some() {
        return Err(Failure::input("错误：scheme 命令不接受 --format"));
    }
    let (sub, rest) = match a.files.split_first() {
        Some((sub, rest)) => (Some(sub.as_str()), rest),
        None => (None, &[][..]),
    };
    let no_more = |what: &str| -> Outcome {
        if rest.is_empty() && a.scheme.is_none() {
            Ok(())
        } else {
            Err(Failure::input(format!(
                "错误：{what} 多余的参数「{}」",
                rest.join(" ")
            )))
        }
    };
    match sub {
        None => {
            let text = match &a.scheme {
                None => CHIFENG_2020_TOML.to_owned(),
                Some(path) => match path.to_str().and_then(presets::preset) {
                    Some(preset) => preset.toml.to_owned(),
                    None => load_scheme(path)?.to_toml(),
                },
            };
            write_out(a.output.as_deref(), text.as_bytes())
        }
        Some("list") => {
            no_more("scheme list")?;
            let mut rows = vec![["编号", "指纹", "名称", "示例数据"].map(str::to_owned).to_vec()];
            for p in &presets::PRESETS {
                let fingerprint = p.scheme().map_or_else(|e| format!("无效：{e}"), |s| s.fingerprint());
                rows.push(vec![
                    p.id.to_owned(),
                    fingerprint,
                    p.title_zh.to_owned(),
                    p.sample_name.to_owned(),
                ]);
            }
            write_out(a.output.as_deref(), table::align_rows(&rows).as_bytes())
        }
        Some("check") => {
            let [file] = rest else {
                return Err(Failure::input(
                    "错误：用法：parkscore scheme check 方案文件（一个文件）",
                ));
            };
            if a.scheme.is_some() {
                return Err(Failure::input("错误：scheme check 的方案文件直接写在 check 之后"));
            }
            let path = Path::new(file);
            let text = scheme_text(path)?;
            let scheme = Scheme::check(&text).map_err(|e| scheme_failure(path, &text, &e))?;
            write_out(a.output.as_deref(), format!("{}\n", summary(&scheme)).as_bytes())
        }
        Some("sample") => {
            let [id] = rest else {
                return Err(Failure::input(
                    "错误：用法：parkscore scheme sample 方案编号 -o 文件",
                ));
            };
            let Some(preset) = presets::preset(id) else {
                return Err(Failure::input(format!(
                    "错误：没有编号为「{id}」的内置方案（应为 {}）",
                    presets::PRESETS.map(|p| p.id).join("、")
                )));
            };
            let Some(output) = a.output.as_deref() else {
                return Err(Failure::input("错误：缺少 -o 文件（示例数据写入的文件）"));
            };
            write_out(Some(output), preset.sample)
        }
        Some(other) => Err(Failure::input(format!(
            "错误：scheme 命令不认识「{other}」（应为 list、check 文件 或 sample 方案编号；不带参数时输出方案）"
        ))),
    }
}

/// `方案有效：… （huaian-2024，指纹 1a2b3c4d）：1 个分组、3 项指标、总分 100、等级 A/B/C/D（按比例）、不参评 2 个`.
fn summary(scheme: &Scheme) -> String {
    let mut parts = vec![
        format!("{} 个分组", scheme.groups.len()),
        format!("{} 项指标", scheme.indicators().count()),
    ];
    if let Some(total) = scheme.total {
        parts.push(format!("总分 {}", total.normalize()));
    }
    if let Some(c) = &scheme.classes {
        let names: Vec<&str> = c.grades.iter().map(|g| g.name.as_str()).collect();
        let by = match c.by {
            scheme::ClassBasis::Share => "按比例",
            scheme::ClassBasis::Score => "按得分",
        };
        parts.push(format!("等级 {}（{by}）", names.join("/")));
        if !c.not_rated.is_empty() {
            parts.push(format!("不参评 {} 个", c.not_rated.len()));
        }
    }
    format!(
        "方案有效：{}（{}，指纹 {}）：{}",
        scheme.name,
        scheme.id,
        scheme.fingerprint(),
        parts.join("、")
    )
}

/// Reads a file no larger than `limit` bytes.
fn read_file(path: &Path, limit: usize) -> Result<Vec<u8>, Failure> {
    let shown = path.display();
    let cannot = |e: io::Error| {
        let why = match e.kind() {
            io::ErrorKind::NotFound => "文件不存在".to_owned(),
            io::ErrorKind::PermissionDenied => "没有读取权限".to_owned(),
            _ => e.to_string(),
        };
        Failure::input(format!("错误：文件 {shown}：无法读取（{why}）"))
    };
    let meta = std::fs::metadata(path).map_err(cannot)?;
    if meta.is_dir() {
        return Err(Failure::input(format!(
            "错误：{shown} 是目录，应为数据文件"
        )));
    }
    if meta.len() > limit as u64 {
        return Err(Failure::input(format!(
            "错误：文件 {shown}：大小超过上限 {}（实际 {} 字节），请拆分文件或删去多余的行",
            size_text(limit as u64),
            meta.len()
        )));
    }
    std::fs::read(path).map_err(cannot)
}

/// A file size for messages: `20 MB`, `512 KB`, `300 字节`.
fn size_text(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * 1024;
    if bytes >= MB {
        let tenths = bytes.saturating_mul(10) / MB;
        match tenths % 10 {
            0 => format!("{} MB", tenths / 10),
            t => format!("{}.{t} MB", tenths / 10),
        }
    } else if bytes >= KB {
        format!("{} KB", bytes / KB)
    } else {
        format!("{bytes} 字节")
    }
}

/// Writes `bytes` to `path`, or to standard output.
/// Writes what `write` produces to `path`, or to standard output, through a buffer.
fn write_with(
    path: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Outcome {
    let result = match path {
        Some(path) => {
            let file = std::fs::File::create(path)
                .map_err(|e| Failure::Output(format!("错误：无法写入 {}：{e}", path.display())))?;
            let mut out = io::BufWriter::new(file);
            write(&mut out).and_then(|()| out.flush())
        }
        None => {
            let mut out = io::BufWriter::new(io::stdout().lock());
            write(&mut out).and_then(|()| out.flush())
        }
    };
    match result {
        Ok(()) => Ok(()),
        // `parkscore … | head`: the reader has had enough.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::Output(format!("错误：无法写出结果：{e}"))),
    }
}

fn write_out(path: Option<&Path>, bytes: &[u8]) -> Outcome {
    match path {
        Some(path) => std::fs::write(path, bytes)
            .map_err(|e| Failure::Output(format!("错误：无法写入 {}：{e}", path.display()))),
        None => {
            let mut out = io::stdout().lock();
            match out.write_all(bytes).and_then(|()| out.flush()) {
                Ok(()) => Ok(()),
                // `parkscore … | head`: the reader has had enough.
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                Err(e) => Err(Failure::Output(format!("错误：无法写出结果：{e}"))),
            }
        }
    }
}
