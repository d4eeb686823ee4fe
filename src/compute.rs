//! The app's heavy work as plain data in, plain data out: a [`Job`] (read a file into the
//! round, or score the round's files again) run by [`run`] to an [`Outcome`]. One file is
//! validated as a whole; several (the bureaus' files) are validated as parts and merged
//! (`parkscore::import::merge`), with the user's decisions of their conflicts.
//!
//! Architecture invariant: [`run`] is a pure function of its inputs. The browser runs it in a
//! Web Worker (`services::worker`) so that a big file never freezes the tab, or, where no
//! worker can be started, on the main thread after the progress message is painted; the native
//! tests run it directly. Because a job crosses a thread boundary, it travels as JSON
//! ([`Request`]; a file's bytes beside the JSON, not in it) and its outcome as parts of bytes
//! ([`Outcome::pack`]): a JSON head (issues, reading, awards, notes), then the long lists — the
//! rows of a file just read and the evaluation's rows, [`PART_ITEMS`] at a time — in the binary form of
//! [`crate::wire`] (a decimal is its scale and mantissa, not a quoted string to write and
//! parse again).
//! The dataset's parks are not sent (the page never reads them), nor the tables of a score
//! job (the page has them).
//!
//! The parts are many and small rather than one piece: 100,000 parks make some 100 MB, and
//! reading that at once would block the page for a second. [`Unpacker`] reads the parts one at
//! a time, and the page yields between them.

use crate::wire;
use parkscore::analysis::compare::{compare, Comparison};
use parkscore::analysis::move_up::{gaps, targets, ParkGap, ParkTargets};
use parkscore::analysis::readings::{readings, Readings};
use parkscore::analysis::stability::{stability, Stability, StabilityParams};
// 提升空间 / 假设分析
use parkscore::analysis::move_up::{tornado, Tornado};
use parkscore::analysis::what_if::{what_if, WhatIf};
use parkscore::import::merge::{merge, Choices, Conflict, Missing, Part, Provenance};
use parkscore::import::number::CellNumber;
use parkscore::import::{self, ColumnMatch, RawTable, ValidateOptions, Validated};
use parkscore::scheme::{Indicator, IndicatorId, Method};
use parkscore::scoring::{GroupColumn, IndicatorColumn};
use parkscore::Dataset;
use parkscore::ParkName;
use parkscore::{evaluate, evaluate_owned, Evaluation, Issue, Options, Scheme, Score, ScoreColumn};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::rc::Rc;

/// The smallest workbook of the sample's first park (`tools/make-warm-up-xlsx.py` writes it),
/// read by the second warm-up job ([`Work::WarmUp`]): 3 KB, instead of writing one with the
/// export code, which kept the worker busy some 400 ms (under load) while a user's first job
/// waited.
pub const WARM_UP_XLSX: &[u8] = include_bytes!("data/warm-up.xlsx");

/// What to compute.
#[derive(Clone, Debug, PartialEq)]
pub enum Job {
    /// Read a file (phase 1 of the import), then validate and score the round with it: the
    /// round's other files are `others`, and the new one goes at index `at` among them (a file
    /// of the same name, or another sheet of the same file, is replaced by leaving it out of
    /// `others`).
    Load {
        /// The file's name.
        name: String,
        /// Its bytes.
        bytes: Rc<Vec<u8>>,
        /// The worksheet to read; `None` takes the first with a header.
        sheet: Option<String>,
        /// The round's other files, in order.
        others: Vec<Rc<RawTable>>,
        /// Where the new file goes among them.
        at: usize,
        /// The decisions of conflicts between files.
        choices: Rc<Choices>,
    },
    /// Validate and score the round again (after an edit, a change of settings, a restore).
    Score {
        /// The files as text, edits applied, in order.
        tables: Vec<Rc<RawTable>>,
        /// The decisions of conflicts between files.
        choices: Rc<Choices>,
    },
    /// Validate the round again and run the analyses of 结果分析 on it (the readings side by
    /// side, rank stability).
    Analyse {
        /// The files as text, edits applied, in order.
        tables: Vec<Rc<RawTable>>,
        /// The decisions of conflicts between files.
        choices: Rc<Choices>,
        /// What to run, with which parameters.
        wanted: AnalysisRequest,
        /// Last year's file (a data file, or a saved session) and its bytes, for 年度对比.
        last_year: Option<(String, Rc<Vec<u8>>)>,
    },
    // --- 提升空间 / 假设分析 of one park (issue 12 §3) ---
    /// Validate the round again and work out what it takes for one park to move up (its
    /// targets, the tornado) and, when values are changed, the what-if.
    ParkAnalysis {
        /// The files as text, edits applied, in order.
        tables: Vec<Rc<RawTable>>,
        /// The decisions of conflicts between files.
        choices: Rc<Choices>,
        /// The park, its what-if values as typed and the tornado's s.
        wanted: ParkRequest,
    },
    // --- end 提升空间 / 假设分析 ---
}

/// Parks above which the page does not run the analyses (the command line does): a heat map
/// of rank × park and pairwise indices are read for tens of parks, not thousands, and their
/// size grows with the square of the parks.
pub const ANALYSIS_MAX_PARKS: usize = 200;

/// The lines of the page's analyses, each with its limit of parks and the commands that have
/// none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// 结果分析: at most [`ANALYSIS_MAX_PARKS`].
    Analyses,
    /// 园区详情's 提升空间 and 假设分析: at most [`PARK_ANALYSIS_MAX_PARKS`].
    Park,
}

impl Limit {
    /// Why the page does not analyse `parks` units, if they are too many: the one message the
    /// state (before a job is sent) and the worker (as a defence) give.
    pub fn refusal(self, parks: usize) -> Option<String> {
        let (limit, commands) = match self {
            Limit::Analyses => (ANALYSIS_MAX_PARKS, "readings / stability / compare"),
            Limit::Park => (PARK_ANALYSIS_MAX_PARKS, "moveup / whatif"),
        };
        (parks > limit).then(|| {
            format!(
                "参评单位 {parks} 个，超过页面中分析的上限 {limit} 个；请用命令行 parkscore {commands} 分析"
            )
        })
    }
}

/// The analyses' parameters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnalysisRequest {
    /// Points per place of the readings' 每降一名扣分.
    pub step: rust_decimal::Decimal,
    /// The Monte Carlo's N, s and seed.
    pub stability: StabilityParams,
    /// Which of the files chosen as last year's to compare with (a count of choices: the same
    /// name chosen again is another file); `None`: no comparison.
    #[serde(default)]
    pub last_year: Option<u64>,
}

/// What the analyses came to: each its result, or why it could not run (in Chinese).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Analyses {
    /// The 8 readings side by side.
    pub readings: Result<Readings, String>,
    /// Rank stability under the weights.
    pub stability: Result<Stability, String>,
    /// Last year next to this year, when last year's file was given.
    #[serde(default)]
    pub comparison: Option<Result<Comparison, String>>,
    /// 提升空间: every park's gap to the park above …
    #[serde(default)]
    pub gaps: Vec<ParkGap>,
    /// … and the targets of the first [`TARGET_PARKS`] parks by rank (or why they could not
    /// be found).
    pub targets: Result<Vec<ParkTargets>, String>,
}

/// Parks whose targets (what it takes to move up, per 排序法 indicator) 结果分析 finds for the
/// workbook: the first by rank. Each park's re-scores the data once per indicator.
pub const TARGET_PARKS: usize = 20;

/// Last year's file as a dataset: a data file read and validated as one file, or a saved
/// session's files merged with its decisions. Errors name the file and say what is wrong.
///
/// Judgement call: the scheme's list of units is this year's, so last year's file may lack a
/// listed unit or name one the list no longer has — both are let in (the comparison calls
/// them 新参评 / 未参评); every other check is this year's.
fn last_year_dataset(
    scheme: &Scheme,
    validate: &ValidateOptions,
    name: &str,
    bytes: &[u8],
) -> Result<Dataset, String> {
    let is_session = name.to_lowercase().ends_with(".json")
        && std::str::from_utf8(bytes).is_ok_and(|t| t.contains(crate::session::SESSION_KIND));
    let (tables, choices) = if is_session {
        let text = std::str::from_utf8(bytes).map_err(|e| format!("「{name}」：{e}"))?;
        let session = crate::session::Session::from_json(text)
            .map_err(|e| format!("上年数据「{name}」：{e}"))?;
        let restored = session.into_parts(None);
        let tables: Vec<RawTable> = restored.files.into_iter().map(|(t, _)| t).collect();
        (tables, restored.choices)
    } else {
        let table = import::read(bytes, name, None, scheme)
            .map_err(|issue| format!("上年数据：{issue}"))?;
        (vec![table], Choices::default())
    };
    if tables.is_empty() {
        return Err(format!("上年数据「{name}」中没有数据文件"));
    }
    let validate = ValidateOptions {
        allow_missing_units: true,
        allow_unlisted: true,
        ..*validate
    };
    let (checked, dataset) = check(scheme, &validate, &choices, &tables);
    if dataset.parks.len() > ANALYSIS_MAX_PARKS {
        return Err(format!(
            "上年数据「{name}」有 {} 个{}，超过页面中分析的上限 {ANALYSIS_MAX_PARKS} 个；请用命令行 parkscore compare 对比",
            dataset.parks.len(),
            scheme.unit_noun()
        ));
    }
    let errors: Vec<&Issue> = checked.issues.iter().filter(|i| i.is_error()).collect();
    if let Some(first) = errors.first() {
        return Err(format!(
            "上年数据「{name}」有 {} 个错误，须先修正（可作为本年数据打开修正后「保存会话」，再选那个会话）。第一个：{first}",
            errors.len()
        ));
    }
    Ok(dataset)
}

/// Every issue's message, one per line: why an analysis could not run.
fn issues_text(issues: &[Issue]) -> String {
    if issues.is_empty() {
        return "无法计算".to_owned();
    }
    issues
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Validates (and merges) `tables` and runs the analyses `wanted` on the dataset.
fn analyse(
    scheme: &Scheme,
    options: &Options,
    validate: &ValidateOptions,
    choices: &Choices,
    tables: &[RawTable],
    wanted: &AnalysisRequest,
    last_year: Option<(&str, &[u8])>,
) -> Outcome {
    let (checked, dataset) = check(scheme, validate, choices, tables);
    let refused = if checked.has_errors() {
        Some("数据中有错误，修正后才能分析".to_owned())
    } else {
        Limit::Analyses.refusal(dataset.parks.len())
    };
    let this_eval = || evaluate(scheme, &dataset, options).map_err(|i| issues_text(&i));
    let analyses = match refused {
        Some(why) => Analyses {
            readings: Err(why.clone()),
            stability: Err(why.clone()),
            comparison: last_year.map(|_| Err(why.clone())),
            gaps: Vec::new(),
            targets: Err(why),
        },
        None => {
            let this_eval = this_eval();
            Analyses {
                readings: readings(scheme, &dataset, options.missing, wanted.step)
                    .map_err(|i| issues_text(&i)),
                stability: stability(scheme, &dataset, options, wanted.stability)
                    .map_err(|i| issues_text(&i)),
                gaps: this_eval.as_ref().map(gaps).unwrap_or_default(),
                targets: match &this_eval {
                    Ok(e) => e
                        .parks
                        .iter()
                        .take(TARGET_PARKS)
                        .map(|p| targets(scheme, &dataset, options, p.name.as_str()))
                        .collect::<Result<Vec<_>, _>>()
                        .map_err(|i| issues_text(&i)),
                    Err(why) => Err(why.clone()),
                },
                comparison: last_year.map(|(name, bytes)| {
                    let last = last_year_dataset(scheme, validate, name, bytes)?;
                    let last_eval = evaluate(scheme, &last, options)
                        .map_err(|i| format!("上年数据「{name}」无法评分：{}", issues_text(&i)))?;
                    let this_eval = this_eval.as_ref().map_err(Clone::clone)?;
                    Ok(compare(scheme, &last, &last_eval, &dataset, this_eval))
                }),
            }
        }
    };
    Outcome::Analysed {
        analyses: Box::new(analyses),
    }
}

// ===== 提升空间 / 假设分析 of one park (issue 12 §3) =====

/// Parks above which the page does not work out one park's targets, tornado and what-if (the
/// command line does): each target re-scores the whole round once.
pub const PARK_ANALYSIS_MAX_PARKS: usize = 2_000;

/// What the detail view asks about one park.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParkRequest {
    /// The park.
    pub park: ParkName,
    /// The what-if: the values typed for some of its indicators, as text written as in a data
    /// file (`20.3`, `20.3%` for a percentage, `—` for missing), in the scheme's order. Empty:
    /// no what-if.
    pub changes: Vec<(IndicatorId, String)>,
    /// The tornado's s (±20 % is 0.2).
    pub spread: f64,
}

/// What a bad what-if came to: the problem of each value typed, and those of no one value.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WhatIfProblems {
    /// A value typed and what is wrong with it (in Chinese, without its place: it is shown
    /// next to the field).
    pub fields: Vec<(IndicatorId, String)>,
    /// Problems about no single value.
    pub general: Vec<String>,
}

/// What it takes for one park to move up, and its what-if: each its result, or why it could
/// not be worked out (in Chinese).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParkAnalysis {
    /// The park's target on every 排序法 indicator (re-scored by the core), and its gap.
    pub targets: Result<ParkTargets, String>,
    /// The one-at-a-time sensitivity of its rank to each 排序法 indicator's full marks.
    pub tornado: Result<Tornado, String>,
    /// The what-if, when values were typed. Its `evaluation` (the changed copy's whole
    /// evaluation) is emptied before it leaves the worker: the page shows the park's scores,
    /// its standing and the parks that moved, which the what-if carries itself.
    pub what_if: Option<Result<WhatIf, WhatIfProblems>>,
}

/// An issue as shown next to a field: its message, raw text and what was expected, without
/// the place (the field is the place).
fn field_text(issue: &Issue) -> String {
    let mut issue = issue.clone();
    issue.location = parkscore::Location::default();
    issue.to_string()
}

/// A what-if value as typed for `indicator`: read as a data file's cell is read (the import's
/// number parser: full-width digits, thousands separators, `%` for a percentage indicator, a
/// missing marker), in the indicator's own unit.
fn what_if_value(indicator: &Indicator, raw: &str) -> Result<Option<Decimal>, String> {
    let expected = match &indicator.method {
        Method::Direct { max } => format!("0 到 {} 之间的分数", max.normalize()),
        Method::CountCapped { .. } => "非负整数（户数），例如 2".to_owned(),
        Method::Deduction { .. } => "非负整数（发生次数），例如 0 或 2".to_owned(),
        _ if indicator.unit == "%" => "数字（%），例如 12.5 或 12.5%".to_owned(),
        _ => format!("数字（{}），例如 12.5", indicator.unit),
    };
    let bad = |message: String| {
        field_text(
            &Issue::error(parkscore::Location::default(), message)
                .with_raw(raw.trim())
                .with_expected(format!("{expected}；写 — 表示缺失")),
        )
    };
    match import::number::parse_number(raw) {
        Ok(CellNumber::Missing) => Ok(None),
        Ok(CellNumber::Plain(v)) => Ok(Some(v)),
        Ok(CellNumber::Percent(v)) if indicator.unit == "%" => Ok(Some(v)),
        Ok(CellNumber::Percent(_)) => Err(bad(format!(
            "本项单位是「{}」，不应填百分数",
            indicator.unit
        ))),
        Err(_) => Err(bad("不是数字".to_owned())),
    }
}

/// The what-if of `wanted` on `dataset`: every value typed read first (every bad one named),
/// then the core's [`what_if`] on a copy; its problems go to the field they are about.
fn park_what_if(
    scheme: &Scheme,
    options: &Options,
    dataset: &Dataset,
    wanted: &ParkRequest,
) -> Result<WhatIf, WhatIfProblems> {
    let mut problems = WhatIfProblems::default();
    let mut changes = Vec::with_capacity(wanted.changes.len());
    for (id, raw) in &wanted.changes {
        match scheme.indicator(id) {
            None => problems
                .general
                .push(format!("方案中没有指标「{id}」，这项改动未计入")),
            Some(indicator) => match what_if_value(indicator, raw) {
                Ok(value) => changes.push((id.clone(), value)),
                Err(message) => problems.fields.push((id.clone(), message)),
            },
        }
    }
    if !problems.fields.is_empty() || !problems.general.is_empty() {
        return Err(problems);
    }
    match what_if(scheme, dataset, options, wanted.park.as_str(), &changes) {
        Ok(mut w) => {
            let e = &mut w.evaluation;
            e.parks = Vec::new();
            e.columns = Vec::new();
            e.groups = Vec::new();
            e.vetoed = Vec::new();
            e.notes = Vec::new();
            e.awards = Default::default();
            Ok(w)
        }
        Err(issues) => {
            for issue in &issues {
                // The core locates a changed value's problem at the park and the indicator's
                // name.
                let field = issue.location.column.as_deref().and_then(|column| {
                    wanted
                        .changes
                        .iter()
                        .find(|(id, _)| scheme.indicator(id).is_some_and(|i| i.name == column))
                });
                match field {
                    Some((id, _)) => problems.fields.push((id.clone(), field_text(issue))),
                    None => problems.general.push(issue.to_string()),
                }
            }
            if issues.is_empty() {
                problems.general.push("无法计算".to_owned());
            }
            Err(problems)
        }
    }
}

/// Validates (and merges) `tables` and works out `wanted`'s park: its targets, its tornado
/// and, when values were typed, its what-if.
fn analyse_park(
    scheme: &Scheme,
    options: &Options,
    validate: &ValidateOptions,
    choices: &Choices,
    tables: &[RawTable],
    wanted: &ParkRequest,
) -> Outcome {
    let (checked, dataset) = check(scheme, validate, choices, tables);
    let refused = if checked.has_errors() {
        Some("数据中有错误，修正后才能分析".to_owned())
    } else {
        Limit::Park.refusal(dataset.parks.len())
    };
    let park = match refused {
        Some(why) => ParkAnalysis {
            targets: Err(why.clone()),
            tornado: Err(why.clone()),
            what_if: (!wanted.changes.is_empty()).then(|| {
                Err(WhatIfProblems {
                    fields: Vec::new(),
                    general: vec![why],
                })
            }),
        },
        None => {
            let name = wanted.park.as_str();
            ParkAnalysis {
                targets: targets(scheme, &dataset, options, name).map_err(|i| issues_text(&i)),
                tornado: tornado(scheme, &dataset, options, name, wanted.spread)
                    .map_err(|i| issues_text(&i)),
                what_if: (!wanted.changes.is_empty())
                    .then(|| park_what_if(scheme, options, &dataset, wanted)),
            }
        }
    };
    Outcome::ParkAnalysed {
        park: Box::new(park),
    }
}

// ===== end 提升空间 / 假设分析 =====

impl Job {
    /// Reads one file as a round of its own (no other files, no decisions).
    pub fn read(name: impl Into<String>, bytes: Rc<Vec<u8>>, sheet: Option<String>) -> Job {
        Job::Load {
            name: name.into(),
            bytes,
            sheet,
            others: Vec::new(),
            at: 0,
            choices: Rc::new(Choices::default()),
        }
    }
}

/// A [`Job`] with everything [`run`] needs, as sent to a worker: the bytes of a
/// [`Job::Load`] go beside this, in [`Request::split`]'s second value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Request {
    /// The rules.
    pub scheme: Scheme,
    /// The reading chosen.
    pub options: Options,
    /// The import's choices (unit list, missing values).
    #[serde(default)]
    pub validate: ValidateOptions,
    /// The decisions of conflicts between files.
    #[serde(default)]
    pub choices: Choices,
    /// What to do.
    pub work: Work,
}

/// The JSON-able part of a [`Job`].
///
/// Externally tagged (`{"score": {…}}`): serde reads the body straight into its variant.
/// Internally tagged, it buffered the whole body into a tree first — a score job's 100,000 rows
/// twice over; adjacently tagged (`{"kind": …, "body": …}`), it read the body straight too, but
/// its derived reader kept a second, buffered road for a body written before its tag, which
/// never comes: about 200 KB of the page's wasm.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Work {
    /// [`Job::Load`] without its bytes.
    Load {
        /// The file's name.
        name: String,
        /// The worksheet to read.
        sheet: Option<String>,
        /// The round's other files.
        #[serde(default)]
        others: Vec<RawTable>,
        /// Where the new file goes among them.
        #[serde(default)]
        at: usize,
    },
    /// [`Job::Score`].
    Score {
        /// The files.
        tables: Vec<RawTable>,
    },
    /// [`Job::Analyse`]; last year's bytes go beside the request.
    Analyse {
        /// The files.
        tables: Vec<RawTable>,
        /// What to run.
        wanted: AnalysisRequest,
        /// The name of last year's file, if any.
        #[serde(default)]
        last_year: Option<String>,
    },
    // --- 提升空间 / 假设分析 ---
    /// [`Job::ParkAnalysis`].
    ParkAnalysis {
        /// The files.
        tables: Vec<RawTable>,
        /// The park and its what-if.
        wanted: ParkRequest,
    },
    // --- end 提升空间 / 假设分析 ---
    /// Runs the road a first file takes — the built-in sample read, scored and packed, and with
    /// `workbook` first [`WARM_UP_XLSX`] read — and answers with the sample's outcome. See
    /// `services::worker`'s `WARM_UP_SEQ` for why.
    WarmUp {
        /// Read a workbook too.
        workbook: bool,
    },
}

impl Request {
    /// A warm-up request: the built-in scheme, the defaults, [`Work::WarmUp`].
    pub fn warm_up(workbook: bool) -> Request {
        Request {
            scheme: Scheme::chifeng_2020(),
            options: Options::default(),
            validate: ValidateOptions::default(),
            choices: Choices::default(),
            work: Work::WarmUp { workbook },
        }
    }

    /// The request for `job`, and the bytes that go with it (empty for [`Job::Score`]).
    pub fn split(
        scheme: &Scheme,
        options: &Options,
        validate: &ValidateOptions,
        job: &Job,
    ) -> (Request, Rc<Vec<u8>>) {
        let (work, bytes, choices) = match job {
            Job::Load {
                name,
                bytes,
                sheet,
                others,
                at,
                choices,
            } => (
                Work::Load {
                    name: name.clone(),
                    sheet: sheet.clone(),
                    others: others.iter().map(|t| RawTable::clone(t)).collect(),
                    at: *at,
                },
                Rc::clone(bytes),
                choices,
            ),
            Job::Score { tables, choices } => (
                Work::Score {
                    tables: tables.iter().map(|t| RawTable::clone(t)).collect(),
                },
                Rc::new(Vec::new()),
                choices,
            ),
            Job::Analyse {
                tables,
                choices,
                wanted,
                last_year,
            } => (
                Work::Analyse {
                    tables: tables.iter().map(|t| RawTable::clone(t)).collect(),
                    wanted: wanted.clone(),
                    last_year: last_year.as_ref().map(|(name, _)| name.clone()),
                },
                last_year
                    .as_ref()
                    .map_or_else(|| Rc::new(Vec::new()), |(_, bytes)| Rc::clone(bytes)),
                choices,
            ),
            // --- 提升空间 / 假设分析 ---
            Job::ParkAnalysis {
                tables,
                choices,
                wanted,
            } => (
                Work::ParkAnalysis {
                    tables: tables.iter().map(|t| RawTable::clone(t)).collect(),
                    wanted: wanted.clone(),
                },
                Rc::new(Vec::new()),
                choices,
            ),
            // --- end 提升空间 / 假设分析 ---
        };
        let request = Request {
            scheme: scheme.clone(),
            options: options.clone(),
            validate: *validate,
            choices: Choices::clone(choices),
            work,
        };
        (request, bytes)
    }

    /// Runs the request, `bytes` being the file's for a load.
    pub fn run(self, bytes: &[u8]) -> Outcome {
        self.run_with(Cow::Borrowed(bytes), &mut |_| {})
    }

    /// [`Request::run`]; bytes given away are freed as soon as the file is read, and
    /// `validated` sees the loaded file's table once validation is done with it (before
    /// scoring; see [`score`]).
    fn run_with(self, bytes: Cow<'_, [u8]>, validated: &mut dyn FnMut(&mut RawTable)) -> Outcome {
        let (tables, loaded) = match self.work {
            Work::Load {
                name,
                sheet,
                mut others,
                at,
            } => {
                let read = import::read(&bytes, &name, sheet.as_deref(), &self.scheme);
                drop(bytes);
                match read {
                    Ok(table) => {
                        let at = at.min(others.len());
                        others.insert(at, table);
                        (others, Some(at))
                    }
                    Err(issue) => return Outcome::Unreadable { issue },
                }
            }
            Work::Score { tables } => (tables, None),
            Work::WarmUp { workbook } => {
                // What the read gives is of no interest: only that its code ran.
                if workbook {
                    let _ = import::read(WARM_UP_XLSX, "warm-up.xlsx", None, &self.scheme);
                }
                let sample = parkscore::sample::sample_csv();
                match import::read(
                    sample,
                    parkscore::sample::SAMPLE_FILE_NAME,
                    None,
                    &self.scheme,
                ) {
                    Ok(table) => (vec![table], Some(0)),
                    Err(issue) => return Outcome::Unreadable { issue },
                }
            }
            Work::Analyse {
                tables,
                wanted,
                last_year,
            } => {
                return analyse(
                    &self.scheme,
                    &self.options,
                    &self.validate,
                    &self.choices,
                    &tables,
                    &wanted,
                    last_year.as_deref().map(|name| (name, &*bytes)),
                )
            }
            // --- 提升空间 / 假设分析 ---
            Work::ParkAnalysis { tables, wanted } => {
                return analyse_park(
                    &self.scheme,
                    &self.options,
                    &self.validate,
                    &self.choices,
                    &tables,
                    &wanted,
                )
            } // --- end 提升空间 / 假设分析 ---
        };
        score(
            &self.scheme,
            &self.options,
            &self.validate,
            &self.choices,
            tables,
            loaded,
            validated,
        )
    }
}

/// Where a job ran: shown on the page (`data-compute` on the app's root), so that a test and a
/// curious user can tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ran {
    /// In the compute worker: the page stayed responsive.
    Worker,
    /// On the page's own thread (no worker could be started).
    Page,
}

impl Ran {
    /// `worker` or `page`.
    pub fn id(self) -> &'static str {
        match self {
            Ran::Worker => "worker",
            Ran::Page => "page",
        }
    }
}

/// What validation (and, for several files, the merge) made of one file: what the page
/// needs to find an issue's cell and to show the file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileCheck {
    /// The file's name.
    pub name: String,
    /// The index in the table's rows of its header row.
    pub header_row: Option<usize>,
    /// The columns understood.
    pub columns: Vec<ColumnMatch>,
}

/// What validation made of the round's files.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checked {
    /// Each file, in order.
    pub files: Vec<FileCheck>,
    /// Every issue (of every file, then the merge's), errors first; any error blocks scoring.
    pub issues: Vec<Issue>,
    /// The year the files name.
    pub year: Option<u16>,
    /// Values two files give differently, settled or not (several files only).
    pub conflicts: Vec<Conflict>,
    /// Values no file gives, by indicator, with the departments responsible (several files).
    pub missing: Vec<Missing>,
    /// Where each value came from.
    pub provenance: Provenance,
}

impl Checked {
    /// Whether any issue blocks scoring.
    pub fn has_errors(&self) -> bool {
        self.issues.iter().any(Issue::is_error)
    }
}

/// What a [`Job`] came to.
// One outcome is made per job and moved a few times: boxing its big variant would buy nothing.
#[allow(clippy::large_enum_variant)]
///
/// Externally tagged, as [`Work`] is, so that the page reads the head without buffering it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The file could not be read as a table at all.
    Unreadable {
        /// Why, located at the file.
        issue: Issue,
    },
    /// The round's files validated (and merged) and, when validation found no error, scored.
    Scored {
        /// The file a [`Job::Load`] read, and its index among the round's files; `None` for a
        /// [`Job::Score`] (the page has its tables).
        loaded: Option<(usize, RawTable)>,
        /// What validation made of the files.
        checked: Checked,
        /// The evaluation, or the problems scoring reported instead; `None` when validation
        /// found errors (scoring was not tried).
        evaluation: Option<Result<Evaluation, Vec<Issue>>>,
    },
    /// The analyses of a [`Job::Analyse`].
    Analysed {
        /// Each analysis's result.
        analyses: Box<Analyses>,
    },
    // --- 提升空间 / 假设分析 ---
    /// What a [`Job::ParkAnalysis`] came to.
    ParkAnalysed {
        /// The park's targets, tornado and what-if.
        park: Box<ParkAnalysis>,
    },
    // --- end 提升空间 / 假设分析 ---
}

/// Rows, parks or results per packed part: reading one part takes a few milliseconds.
pub const PART_ITEMS: usize = 200;

/// An evaluation's rows, taken out of it to be packed (the rest stays in the head).
struct TakenRows {
    /// The ranked parks.
    parks: Vec<parkscore::scoring::ParkResult>,
    /// The indicator columns with their cells.
    columns: Vec<IndicatorColumn>,
    /// The groups with their subtotals.
    groups: Vec<GroupColumn>,
}

/// Rows `range` of `e` as a binary part (columns that rank nothing give empty slices).
fn rows_part(e: &TakenRows, range: std::ops::Range<usize>) -> Vec<u8> {
    fn slice<'a, T>(items: &'a [T], range: &std::ops::Range<usize>) -> &'a [T] {
        items.get(range.clone()).unwrap_or_default()
    }
    // The scores are packed (`ScoreColumn`): each part's rows as a list of their own.
    let scores: Vec<Vec<Score>> = e
        .columns
        .iter()
        .map(|c| c.scores.to_vec(range.clone()))
        .collect();
    let columns: Vec<wire::ColumnSlices<'_>> = e
        .columns
        .iter()
        .zip(&scores)
        .map(|(c, scores)| wire::ColumnSlices {
            values: slice(&c.values, &range),
            scores,
            ranks: slice(&c.ranks, &range),
            tied: slice(&c.tied, &range),
        })
        .collect();
    let subtotals: Vec<Vec<Score>> = e
        .groups
        .iter()
        .map(|g| g.scores.to_vec(range.clone()))
        .collect();
    let groups: Vec<&[Score]> = subtotals.iter().map(Vec::as_slice).collect();
    wire::write_evaluation_rows(slice(&e.parks, &range), &columns, &groups)
}

/// Takes the rows out of `e` (its parks and every column's cells), leaving the columns'
/// facts; returns the rows for [`rows_part`].
fn take_rows(e: &mut Evaluation) -> TakenRows {
    let columns = std::mem::take(&mut e.columns);
    let groups = std::mem::take(&mut e.groups);
    e.columns = columns
        .iter()
        .map(|c| IndicatorColumn {
            id: c.id.clone(),
            method: c.method.clone(),
            full: c.full,
            direction: c.direction,
            unit: c.unit.clone(),
            facts: c.facts.clone(),
            values: Vec::new(),
            scores: ScoreColumn::default(),
            ranks: Vec::new(),
            tied: Vec::new(),
        })
        .collect();
    e.groups = groups
        .iter()
        .map(|g| GroupColumn {
            id: g.id.clone(),
            name: g.name.clone(),
            full: g.full,
            scores: ScoreColumn::default(),
        })
        .collect();
    TakenRows {
        parks: std::mem::take(&mut e.parks),
        columns,
        groups,
    }
}

fn unreadable(e: serde_json::Error) -> String {
    format!("计算结果无法读取：{e}")
}

/// Where a part handed out by [`Outcome::pack_into`] goes in the outcome's list of parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// At the front: the head, which is written after the table's and the evaluation's rows
    /// have gone out (their memory freed first), just before the counts (see
    /// [`Outcome::pack_into`]).
    First,
    /// After every part handed out so far.
    Next,
}

/// Hands `rows` out [`PART_ITEMS`] at a time as table-row parts, freeing each chunk's text
/// once it is written; returns how many rows there were.
fn pack_table_rows(
    rows: Vec<parkscore::import::RawRow>,
    part: &mut dyn FnMut(Place, Vec<u8>),
) -> usize {
    let count = rows.len();
    let mut rows = rows.into_iter();
    loop {
        let chunk: Vec<parkscore::import::RawRow> = rows.by_ref().take(PART_ITEMS).collect();
        if chunk.is_empty() {
            break;
        }
        part(Place::Next, wire::write_table_rows(&chunk));
    }
    count
}

impl Outcome {
    /// The outcome in parts: first the outcome as JSON with its long lists (table rows,
    /// evaluation rows) emptied, then those lists [`PART_ITEMS`] at a time in the binary form
    /// of [`crate::wire`].
    pub fn pack(self) -> Vec<Vec<u8>> {
        let mut parts = Vec::new();
        self.pack_into(0, &mut |place, p| match place {
            Place::First => parts.insert(0, p),
            Place::Next => parts.push(p),
        });
        parts
    }

    /// [`Outcome::pack`], each part handed to `part` as soon as it is written: the worker
    /// copies it out and frees it, so that the parts (66 MB at 100,000 parks) are never all
    /// in its memory at once. The table's rows are freed as they are written too.
    /// `rows_sent` is the number of the loaded table's rows already handed out (each part
    /// [`Place::Next`]) before this call; the head goes [`Place::First`], before them.
    pub fn pack_into(mut self, rows_sent: usize, part: &mut dyn FnMut(Place, Vec<u8>)) {
        let Outcome::Scored {
            loaded, evaluation, ..
        } = &mut self
        else {
            part(Place::First, json_sized(&self));
            return;
        };
        let rows = loaded
            .as_mut()
            .map(|(_, table)| std::mem::take(&mut table.rows))
            .unwrap_or_default();
        let results = match evaluation {
            Some(Ok(e)) => Some(take_rows(e)),
            _ => None,
        };
        let table_rows = rows_sent.saturating_add(pack_table_rows(rows, part));
        let parks = results.as_ref().map_or(0, |e| e.parks.len());
        if let Some(e) = &results {
            for from in (0..e.parks.len()).step_by(PART_ITEMS) {
                let to = (from + PART_ITEMS).min(e.parks.len());
                part(Place::Next, rows_part(e, from..to));
            }
        }
        // The head is written last, though it goes first: once the evaluation's columns are
        // freed, so that its text (8 MB for 100,000 tied parks) and they are never in memory
        // together. Plain data with string keys always serialises; were it ever to fail, the
        // empty part would be reported by the unpacker as a failed job rather than lost
        // silently.
        drop(results);
        part(Place::First, json_sized(&self));
        drop(self);
        // The counts last: a lost or repeated part cannot pass for a shorter result.
        let mut end = wire::Writer::new(wire::END);
        end.len(table_rows);
        end.len(parks);
        part(Place::Next, end.finish());
    }
}

/// `value` as JSON in a vector of exactly its size: the text is measured first, then written.
/// Grown by doubling instead, the head of 100,000 parks' outcome (some 5 MB when this was
/// measured, most of it park names) held up to three times its size at once, and the
/// worker's wasm memory keeps its highest size. Empty if it does not serialise (plain data with string keys
/// always does; were it ever not to, the unpacker reports the empty part as a failed job).
fn json_sized<T: Serialize>(value: &T) -> Vec<u8> {
    /// Counts what is written.
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 = self.0.saturating_add(buf.len());
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    if serde_json::to_writer(&mut count, value).is_err() {
        return Vec::new();
    }
    let mut out = Vec::with_capacity(count.0);
    match serde_json::to_writer(&mut out, value) {
        Ok(()) => out,
        Err(_) => Vec::new(),
    }
}

/// Reads a packed [`Outcome`] part by part.
#[derive(Debug)]
pub struct Unpacker {
    outcome: Outcome,
    /// The counts of the last part, once read.
    end: Option<(usize, usize)>,
}

impl Unpacker {
    /// Starts with the first part.
    pub fn new(first: &[u8]) -> Result<Unpacker, String> {
        // Read as text, as the worker reads its request: one reader of serde_json in the wasm,
        // not two (the head is serde_json's own output, always UTF-8).
        let text = std::str::from_utf8(first)
            .map_err(|e| format!("计算结果无法读取：不是 UTF-8 文本（{e}）"))?;
        let outcome = serde_json::from_str(text).map_err(unreadable)?;
        Ok(Unpacker { outcome, end: None })
    }

    /// Adds a later part.
    pub fn add(&mut self, part: &[u8]) -> Result<(), String> {
        let Outcome::Scored {
            loaded, evaluation, ..
        } = &mut self.outcome
        else {
            return Err("计算结果无法读取：多余的部分".to_owned());
        };
        if self.end.is_some() {
            return Err("计算结果无法读取：结尾之后还有部分".to_owned());
        }
        let (kind, body) = part
            .split_first()
            .ok_or_else(|| "计算结果无法读取：空的部分".to_owned())?;
        let mut reader = wire::Reader::new(body);
        match *kind {
            wire::TABLE_ROWS => {
                let rows = wire::read_table_rows(&mut reader)?;
                reader.end()?;
                let Some((_, table)) = loaded else {
                    return Err("计算结果无法读取：没有读入文件却有表格部分".to_owned());
                };
                table.rows.extend(rows);
            }
            wire::END => {
                let counts = (reader.u32()? as usize, reader.u32()? as usize);
                reader.end()?;
                self.end = Some(counts);
            }
            wire::EVALUATION_ROWS => {
                let Some(Ok(e)) = evaluation else {
                    return Err("计算结果无法读取：没有评分结果却有评分部分".to_owned());
                };
                let rows =
                    wire::read_evaluation_rows(&mut reader, (e.columns.len(), e.groups.len()))?;
                e.parks.extend(rows.parks);
                for (c, r) in e.columns.iter_mut().zip(rows.columns) {
                    c.values.extend(r.values);
                    c.scores.extend(r.scores);
                    c.ranks.extend(r.ranks);
                    c.tied.extend(r.tied);
                }
                for (g, r) in e.groups.iter_mut().zip(rows.groups) {
                    g.scores.extend(r);
                }
            }
            _ => return Err("计算结果无法读取：未知的部分".to_owned()),
        }
        Ok(())
    }

    /// The outcome read, once the last part has come and every list has the length it
    /// announced (each column as long as the ranking; ranks and ties that long or empty).
    pub fn finish(self) -> Result<Outcome, String> {
        let short = || "计算结果无法读取：结果不完整".to_owned();
        let Outcome::Scored {
            loaded, evaluation, ..
        } = &self.outcome
        else {
            return Ok(self.outcome);
        };
        let (rows, ranked) = self.end.ok_or_else(short)?;
        let n = match evaluation {
            Some(Ok(e)) => e.parks.len(),
            _ => 0,
        };
        let whole = loaded.as_ref().map_or(0, |(_, t)| t.rows.len()) == rows
            && n == ranked
            && match evaluation {
                Some(Ok(e)) => {
                    e.columns.iter().all(|c| {
                        c.values.len() == n
                            && c.scores.len() == n
                            && (c.ranks.is_empty() || c.ranks.len() == n)
                            && c.tied.len() == c.ranks.len()
                    }) && e.groups.iter().all(|g| g.scores.len() == n)
                }
                _ => true,
            };
        if whole {
            Ok(self.outcome)
        } else {
            Err(short())
        }
    }

    /// Reads all `parts` at once (the native tests; the page yields between parts instead).
    pub fn unpack<S: AsRef<[u8]>>(parts: &[S]) -> Result<Outcome, String> {
        let (first, rest) = parts
            .split_first()
            .ok_or_else(|| "计算结果为空".to_owned())?;
        let mut unpacker = Unpacker::new(first.as_ref())?;
        for part in rest {
            unpacker.add(part.as_ref())?;
        }
        unpacker.finish()
    }
}

/// Validates the round's `tables` (one file as a whole; several as parts, merged) and, when
/// nothing blocks, scores them. `loaded` is the index of the table a load read: it goes back
/// to the page. `validated` is handed that table between validation and scoring (the worker
/// sends its rows on and frees them there).
#[allow(clippy::too_many_arguments)] // the job's settings, each its own type; one call site
fn score(
    scheme: &Scheme,
    options: &Options,
    validate: &ValidateOptions,
    choices: &Choices,
    mut tables: Vec<RawTable>,
    loaded: Option<usize>,
    validated: &mut dyn FnMut(&mut RawTable),
) -> Outcome {
    let (checked, dataset, values) = check_in(scheme, validate, choices, &tables, true);
    if let Some(table) = loaded.and_then(|at| tables.get_mut(at)) {
        validated(table);
    }
    let evaluation = (!checked.has_errors()).then(|| match values {
        Some(values) => parkscore::evaluate_columnar(scheme, dataset, values, options),
        None => evaluate_owned(scheme, dataset, options),
    });
    // The page keeps the tables (the user's text) and reads the evaluation (which carries
    // every value scored), never the dataset's parks: they stay here.
    let loaded = loaded.and_then(|at| (at < tables.len()).then(|| (at, tables.swap_remove(at))));
    Outcome::Scored {
        loaded,
        checked,
        evaluation,
    }
}

/// Validates and (for several files) merges `tables`.
pub fn check(
    scheme: &Scheme,
    validate: &ValidateOptions,
    choices: &Choices,
    tables: &[RawTable],
) -> (Checked, Dataset) {
    let (checked, dataset, _) = check_in(scheme, validate, choices, tables, false);
    (checked, dataset)
}

/// [`check`]; with `columnar`, one file's values come in columns, for scoring only
/// ([`import::validate_columnar`]): the dataset's parks then carry none. Several files are
/// merged row by row whatever `columnar` says (no columns).
fn check_in(
    scheme: &Scheme,
    validate: &ValidateOptions,
    choices: &Choices,
    tables: &[RawTable],
    columnar: bool,
) -> (Checked, Dataset, Option<parkscore::ValueColumns>) {
    let file_check = |t: &RawTable, v: &Validated| FileCheck {
        name: t.file_name.clone(),
        header_row: v.header_row,
        columns: v.columns.clone(),
    };
    if let [table] = tables {
        let (validated, values) = if columnar {
            let (validated, values) = import::validate_columnar(table, scheme, validate);
            (validated, Some(values))
        } else {
            (import::validate_with(table, scheme, validate), None)
        };
        let checked = Checked {
            files: vec![file_check(table, &validated)],
            year: validated.dataset.year,
            provenance: Provenance::single(&table.file_name, table.sheet.as_deref(), &validated),
            conflicts: Vec::new(),
            missing: Vec::new(),
            issues: validated.issues,
        };
        return (checked, validated.dataset, values);
    }
    let validated: Vec<Validated> = tables
        .iter()
        .map(|t| import::validate_part(t, scheme, validate))
        .collect();
    let parts: Vec<Part<'_>> = tables
        .iter()
        .zip(&validated)
        .map(|(t, v)| Part {
            name: &t.file_name,
            sheet: t.sheet.as_deref(),
            table: t,
            validated: v,
        })
        .collect();
    let merged = merge(scheme, &parts, choices, validate);
    let checked = Checked {
        files: tables
            .iter()
            .zip(&validated)
            .map(|(t, v)| file_check(t, v))
            .collect(),
        year: merged.dataset.year,
        issues: merged.issues,
        conflicts: merged.conflicts,
        missing: merged.missing,
        provenance: merged.provenance,
    };
    (checked, merged.dataset, None)
}

/// Runs `job` here and now (on this thread).
pub fn run(scheme: &Scheme, options: &Options, validate: &ValidateOptions, job: &Job) -> Outcome {
    let (request, bytes) = Request::split(scheme, options, validate, job);
    request.run(&bytes)
}

/// A [`Request`] as JSON and the file's bytes in, an [`Outcome`] packed into parts out. A
/// request that does not parse comes back as an `Err` message.
pub fn run_json(request: &str, bytes: &[u8]) -> Result<Vec<Vec<u8>>, String> {
    let mut parts = Vec::new();
    run_json_into(request, Cow::Borrowed(bytes), &mut |place, p| match place {
        Place::First => parts.insert(0, p),
        Place::Next => parts.push(p),
    })?;
    Ok(parts)
}

/// The worker's entry point: [`run_json`] with the file's bytes given away (freed once the
/// file is read) and each part handed to `part` as it is packed ([`Outcome::pack_into`]).
///
/// The loaded file's rows are handed out as soon as validation is done with them, before
/// scoring: the table (32 MB of text at 100,000 rows) and the evaluation are then never in
/// memory together. They come out [`Place::Next`], the head later at [`Place::First`]: the
/// list of parts is the one [`Outcome::pack`] gives.
pub fn run_json_into(
    request: &str,
    bytes: Cow<'_, [u8]>,
    part: &mut dyn FnMut(Place, Vec<u8>),
) -> Result<(), String> {
    let request: Request =
        serde_json::from_str(request).map_err(|e| format!("计算请求无法读取：{e}"))?;
    let mut rows_sent = 0;
    let outcome = request.run_with(bytes, &mut |table| {
        rows_sent = pack_table_rows(std::mem::take(&mut table.rows), part);
    });
    outcome.pack_into(rows_sent, part);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_job() -> Job {
        Job::read(
            parkscore::sample::SAMPLE_FILE_NAME.to_owned(),
            Rc::new(parkscore::sample::sample_csv().to_vec()),
            None,
        )
    }

    #[test]
    fn the_head_is_written_in_a_vector_of_its_own_size() {
        let job = sample_job();
        let outcome = run(
            &Scheme::chifeng_2020(),
            &Options::default(),
            &ValidateOptions::default(),
            &job,
        );
        let sized = json_sized(&outcome);
        assert_eq!(sized, serde_json::to_vec(&outcome).expect("serialises"));
        assert!(
            sized.len() > 1000,
            "the sample's whole outcome: {}",
            sized.len()
        );
        assert_eq!(sized.capacity(), sized.len());
    }

    #[test]
    fn the_json_road_gives_what_running_here_gives() {
        let scheme = Scheme::chifeng_2020();
        let options = Options::default();
        let here = run(
            &scheme,
            &options,
            &ValidateOptions::default(),
            &sample_job(),
        );
        let (request, bytes) = Request::split(
            &scheme,
            &options,
            &ValidateOptions::default(),
            &sample_job(),
        );
        let json = serde_json::to_string(&request).expect("a request serialises");
        let parts = run_json(&json, &bytes).expect("the request parses");
        // 14 parks: the first part, then one part each for the 16 table rows and the 14
        // evaluation rows (the dataset's parks stay behind), and the counts.
        assert_eq!(parts.len(), 4);
        let there = Unpacker::unpack(&parts).expect("the outcome parses");
        assert_eq!(here, there, "nothing is lost on the way through JSON");
        let Outcome::Scored {
            evaluation: Some(Ok(evaluation)),
            ..
        } = &there
        else {
            panic!("the sample scores: {there:?}");
        };
        assert_eq!(evaluation.parks.len(), 14);
    }

    #[test]
    fn the_warm_up_reads_a_workbook_and_answers_with_the_sample_as_a_first_load_would() {
        // What the page drops: the sample's own outcome, as a user's first load of it.
        let here = run(
            &Scheme::chifeng_2020(),
            &Options::default(),
            &ValidateOptions::default(),
            &sample_job(),
        );
        for workbook in [false, true] {
            let json =
                serde_json::to_string(&Request::warm_up(workbook)).expect("a request serialises");
            assert!(
                json.contains(r#""warm_up":"#),
                "{}",
                &json[json.len() - 60..]
            );
            let parts = run_json(&json, &[]).expect("the request parses");
            let there = Unpacker::unpack(&parts).expect("the outcome parses");
            // The sample's outcome scores 14 parks (the_json_road_gives_what_running_here_gives).
            assert_eq!(here, there, "workbook: {workbook}");
        }
    }

    #[test]
    fn the_warm_up_workbook_holds_the_samples_first_lines() {
        let scheme = Scheme::chifeng_2020();
        let book = import::read(WARM_UP_XLSX, "warm-up.xlsx", None, &scheme).expect("it reads");
        assert_eq!(book.sheet.as_deref(), Some("数据"));
        let sample = import::read(
            parkscore::sample::sample_csv(),
            parkscore::sample::SAMPLE_FILE_NAME,
            None,
            &scheme,
        )
        .expect("the sample reads");
        assert_eq!(book.rows.len(), 3);
        for (x, c) in book.rows.iter().zip(&sample.rows) {
            assert_eq!(x.number, c.number);
            let nonempty = |r: &import::RawRow| -> Vec<String> {
                r.cells
                    .iter()
                    .filter(|t| !t.is_empty())
                    .map(str::to_owned)
                    .collect()
            };
            assert_eq!(nonempty(x), nonempty(c), "row {}", x.number);
        }
        assert_eq!(book.rows[2].cells.get(0), Some("东山园区"));
        assert_eq!(book.rows[2].cells.get(1), Some("38.6"));
    }

    #[test]
    fn a_big_outcome_is_packed_in_parts_and_read_back_whole() {
        // 450 parks: the sample's 14 data rows over and over, renamed so that none repeats.
        let sample = String::from_utf8(parkscore::sample::sample_csv().to_vec()).expect("utf-8");
        let mut lines = sample.lines();
        let mut csv: Vec<String> = lines.by_ref().take(2).map(str::to_owned).collect();
        let data: Vec<&str> = lines.filter(|l| !l.starts_with(',')).collect();
        for i in 0..450 {
            let row = data[i % data.len()];
            let (name, rest) = row.split_once(',').expect("a name column");
            csv.push(format!("{name}{i},{rest}"));
        }
        let job = Job::read("big.csv", Rc::new(csv.join("\n").into_bytes()), None);
        let scheme = Scheme::chifeng_2020();
        // The renamed parks are not on the scheme's list: included, as the user may choose.
        let outcome = run(
            &scheme,
            &Options::default(),
            &ValidateOptions::LENIENT,
            &job,
        );
        let Outcome::Scored {
            evaluation: Some(Ok(evaluation)),
            ..
        } = &outcome
        else {
            panic!("450 parks score: {outcome:?}");
        };
        assert_eq!(evaluation.parks.len(), 450);
        let parts = outcome.clone().pack();
        // First part, 452 table rows in 3 parts, 450 evaluation rows in 3, the counts.
        assert_eq!(parts.len(), 1 + 3 + 3 + 1);
        let sizes: Vec<usize> = parts.iter().map(Vec::len).collect();
        let whole: usize = sizes.iter().sum();
        // The first part holds none of the rows; it does carry the reading (which names 20
        // of the 450 unlisted parks and counts them), the awards of the tied parks and the
        // notes.
        assert!(
            sizes[0] * 4 < whole,
            "the first part holds none of the long lists: {sizes:?}"
        );
        assert_eq!(Unpacker::unpack(&parts), Ok(outcome));

        // The worker's road: the bytes given away, the parts handed out one by one, in the
        // same order and the same bytes.
        let (request, bytes) = Request::split(
            &scheme,
            &Options::default(),
            &ValidateOptions::LENIENT,
            &job,
        );
        let json = serde_json::to_string(&request).expect("a request serialises");
        let mut streamed = Vec::new();
        let mut order = Vec::new();
        run_json_into(&json, Cow::Owned(bytes.to_vec()), &mut |place, p| {
            order.push((place, p.first().copied()));
            match place {
                Place::First => streamed.insert(0, p),
                Place::Next => streamed.push(p),
            }
        })
        .expect("the request parses");
        assert_eq!(streamed, parts);
        // The table's three parts went out before the file was scored, the evaluation's
        // three before the head was written (its columns freed first), the counts last.
        let kinds = |place, kind| (place, Some(kind));
        assert_eq!(
            order,
            [
                kinds(Place::Next, wire::TABLE_ROWS),
                kinds(Place::Next, wire::TABLE_ROWS),
                kinds(Place::Next, wire::TABLE_ROWS),
                kinds(Place::Next, wire::EVALUATION_ROWS),
                kinds(Place::Next, wire::EVALUATION_ROWS),
                kinds(Place::Next, wire::EVALUATION_ROWS),
                (Place::First, parts[0].first().copied()),
                kinds(Place::Next, wire::END),
            ]
        );
    }

    #[test]
    fn a_broken_part_is_an_error_not_a_panic() {
        assert!(Unpacker::unpack::<&str>(&[]).is_err());
        assert!(Unpacker::unpack(&["{\"scored\": {"]).is_err());
        let parts = run(
            &Scheme::chifeng_2020(),
            &Options::default(),
            &ValidateOptions::default(),
            &sample_job(),
        )
        .pack();
        assert!(Unpacker::unpack(&parts).is_ok());
        // An unknown kind of part, an empty one, and truncations of the evaluation rows (every
        // 29th byte, and the last 40).
        let mut bad = parts.clone();
        bad[1] = vec![9, 0, 0, 0, 0];
        assert!(Unpacker::unpack(&bad).is_err());
        bad[1] = Vec::new();
        assert!(Unpacker::unpack(&bad).is_err());
        // A lost part, a repeated one, a missing end: refused, not a shorter result.
        let mut lost = parts.clone();
        lost.remove(1);
        assert!(Unpacker::unpack(&lost).is_err());
        let mut twice = parts.clone();
        twice.insert(2, parts[2].clone());
        assert!(Unpacker::unpack(&twice).is_err());
        assert!(Unpacker::unpack(&parts[..parts.len() - 1]).is_err());
        let last = parts.len() - 2;
        assert_eq!(parts[last].first(), Some(&wire::EVALUATION_ROWS));
        let len = parts[last].len();
        for cut in (1..len).step_by(29).chain(len - 40..len) {
            let mut bad = parts.clone();
            bad[last].truncate(cut);
            assert!(Unpacker::unpack(&bad).is_err(), "cut at {cut}");
        }
    }

    #[test]
    fn an_unreadable_file_says_so() {
        let scheme = Scheme::chifeng_2020();
        let job = Job::read(
            "图片.png",
            Rc::new(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec()),
            None,
        );
        match run(
            &scheme,
            &Options::default(),
            &ValidateOptions::default(),
            &job,
        ) {
            Outcome::Unreadable { issue } => {
                assert_eq!(issue.location.file.as_deref(), Some("图片.png"));
            }
            other => panic!("expected Unreadable, got {other:?}"),
        }
    }

    #[test]
    fn the_page_limits_say_how_many_and_which_commands_have_none() {
        assert_eq!(Limit::Analyses.refusal(ANALYSIS_MAX_PARKS), None);
        assert_eq!(
            Limit::Analyses.refusal(201).as_deref(),
            Some("参评单位 201 个，超过页面中分析的上限 200 个；请用命令行 parkscore readings / stability / compare 分析")
        );
        assert_eq!(Limit::Park.refusal(2_000), None);
        assert!(Limit::Park
            .refusal(2_001)
            .is_some_and(|m| m.ends_with("parkscore moveup / whatif 分析")));
    }

    #[test]
    fn a_request_that_is_not_json_is_an_error_not_a_panic() {
        let err = run_json("{", &[]).expect_err("not a request");
        assert!(err.starts_with("计算请求无法读取"), "{err}");
    }
}
