//! The reader and the writer against toml 0.8 (a dev-dependency): the writer's text byte for
//! byte (the fingerprint hashes it), the reader's values, and the reader's refusals in Chinese
//! at the right place.

use super::{from_str, to_string};
use crate::scheme::presets::PRESETS;
use proptest::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The shapes a scheme file has: values, optional values, arrays, a map with quoted keys,
/// nested tables and arrays of tables (two deep), an enum written as its name.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct Doc {
    id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    places: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    units: Vec<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    aliases: BTreeMap<String, Vec<String>>,
    flag: bool,
    numbers: Vec<i64>,
    sub: Sub,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    extra: Option<Sub>,
    groups: Vec<Group>,
}

#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct Sub {
    name: String,
    #[serde(default)]
    items: Vec<Item>,
}

#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct Group {
    id: String,
    weight: i64,
    #[serde(default)]
    indicators: Vec<Item>,
}

#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct Item {
    name: String,
    #[serde(default)]
    way: Way,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    levels: Option<Vec<Level>>,
}

#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct Level {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    at_least: Option<i64>,
    points: String,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
enum Way {
    #[default]
    HigherIsBetter,
    LowerIsBetter,
}

/// Text with everything a writer must choose a form for: quotes of both kinds in runs,
/// backslashes, newlines, tabs, control characters, CJK, and plain words.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-z]{1,8}",
        3 => "[东山园区工业\\-_ ]{0,6}",
        4 => proptest::collection::vec(
            prop_oneof![
                Just("\"".to_owned()),
                Just("'".to_owned()),
                Just("\\".to_owned()),
                Just("\n".to_owned()),
                Just("\r\n".to_owned()),
                Just("\t".to_owned()),
                Just("\u{1}".to_owned()),
                Just("\u{7f}".to_owned()),
                Just("\r".to_owned()),
                Just("园".to_owned()),
                Just("a b".to_owned()),
                Just("#".to_owned()),
                Just("=".to_owned()),
            ],
            0..8
        )
        .prop_map(|parts| parts.concat()),
    ]
}

fn level() -> impl Strategy<Value = Level> {
    (proptest::option::of(-5i64..100), text())
        .prop_map(|(at_least, points)| Level { at_least, points })
}

fn item() -> impl Strategy<Value = Item> {
    (
        text(),
        prop_oneof![Just(Way::HigherIsBetter), Just(Way::LowerIsBetter)],
        proptest::option::of(proptest::collection::vec(level(), 0..3)),
    )
        .prop_map(|(name, way, levels)| Item { name, way, levels })
}

fn doc() -> impl Strategy<Value = Doc> {
    (
        (
            text(),
            proptest::option::of(text()),
            0u32..10,
            proptest::collection::vec(text(), 0..4),
        ),
        proptest::collection::btree_map(text(), proptest::collection::vec(text(), 0..3), 0..3),
        any::<bool>(),
        proptest::collection::vec(any::<i64>(), 0..4),
        (text(), proptest::collection::vec(item(), 0..3)),
        proptest::option::of((text(), proptest::collection::vec(item(), 0..2))),
        proptest::collection::vec(
            (
                text(),
                any::<i64>(),
                proptest::collection::vec(item(), 0..3),
            ),
            0..3,
        ),
    )
        .prop_map(
            |((id, title, places, units), aliases, flag, numbers, sub, extra, groups)| Doc {
                id,
                title,
                places,
                units,
                aliases,
                flag,
                numbers,
                sub: Sub {
                    name: sub.0,
                    items: sub.1,
                },
                extra: extra.map(|(name, items)| Sub { name, items }),
                groups: groups
                    .into_iter()
                    .map(|(id, weight, indicators)| Group {
                        id,
                        weight,
                        indicators,
                    })
                    .collect(),
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// The writer gives toml's text byte for byte, and both readers read it back to the value.
    #[test]
    fn the_writer_is_tomls_and_the_reader_reads_it_back(doc in doc()) {
        let ours = to_string(&doc).unwrap();
        let theirs = ::toml::to_string_pretty(&doc).unwrap();
        prop_assert_eq!(&ours, &theirs);
        let back: Doc = from_str(&ours).unwrap();
        prop_assert_eq!(&back, &doc);
        let back: Doc = ::toml::from_str(&ours).unwrap();
        prop_assert_eq!(&back, &doc);
    }

    /// Anything the reader accepts, toml reads to the same value: a text is never read in a
    /// way a TOML library would not read it. (Mutations of a valid file: cut, doubled,
    /// characters replaced.)
    #[test]
    fn what_the_reader_accepts_toml_reads_the_same(
        doc in doc(),
        cut in any::<prop::sample::Index>(),
        insert in insertion(),
    ) {
        let mutated = mutate(&doc, cut, insert);
        if let Ok(value) = from_str::<serde_json::Value>(&mutated) {
            let theirs = ::toml::from_str::<serde_json::Value>(&mutated);
            prop_assert_eq!(Ok(value), theirs.map_err(|e| e.to_string()), "{}", mutated);
        }
    }
}

/// What the mutation tests insert into a valid file: TOML's punctuation, quotes of every
/// string form, a header, a key, a BOM, line ends and blanks.
fn insertion() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "", "\"", "'", "[", "]", "=", "\n", ".", ",", "#", "{", "}", "\\", "x", "0", "_", "\"\"\"",
        "\'\'\'", "[[a]]\n", " = 1\n", "\u{feff}", "\r\n", " ", "\t",
    ])
}

/// `doc` written, with `insert` put in at `cut` (moved back to a character boundary).
fn mutate(doc: &Doc, cut: prop::sample::Index, insert: &str) -> String {
    let text = to_string(doc).unwrap();
    let mut at = cut.index(text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    format!("{}{insert}{}", &text[..at], &text[at..])
}

#[test]
fn every_preset_writes_as_toml_wrote_it() {
    for preset in PRESETS {
        let scheme = preset.scheme().unwrap();
        let file = crate::scheme::file::SchemeFile::from_scheme(&scheme);
        assert_eq!(
            to_string(&file).unwrap(),
            ::toml::to_string_pretty(&file).unwrap(),
            "{}",
            preset.id
        );
        // And the preset's own text (comments, inline arrays, quoted keys) reads as toml reads it.
        assert_eq!(
            from_str::<serde_json::Value>(preset.toml).unwrap(),
            ::toml::from_str::<serde_json::Value>(preset.toml).unwrap(),
            "{}",
            preset.id
        );
    }
}

/// The fingerprints printed by builds that wrote with toml 0.8: computed by hand from that
/// build's `parkscore scheme list` (commit effe0e6), so a change of the writer's form fails here.
#[test]
fn the_presets_keep_the_fingerprints_printed_before() {
    let printed = [
        ("chifeng-2020", FINGERPRINT_CHIFENG),
        ("huaian-2024", FINGERPRINT_HUAIAN),
        ("huangyan-2022", FINGERPRINT_HUANGYAN),
    ];
    for (id, fingerprint) in printed {
        let preset = PRESETS.iter().find(|p| p.id == id).unwrap();
        assert_eq!(preset.scheme().unwrap().fingerprint(), fingerprint, "{id}");
    }
}

const FINGERPRINT_CHIFENG: &str = "a41e29b3";
const FINGERPRINT_HUAIAN: &str = "4680769a";
const FINGERPRINT_HUANGYAN: &str = "ac4bab34";

/// Valid TOML of every kind a hand-edited scheme might hold, read as toml reads it.
#[test]
fn toml_syntax_reads_as_toml_reads_it() {
    let cases = [
        "a = \"x\\ty\\n\\\"q\\\" \\\\ \\u00e9 \\U0001F600\"",
        "a = 'C:\\path'",
        "a = \"\"\"\nline one\nline two\"\"\"",
        "a = \"\"\"\\\n   joined \\\n   words\"\"\"",
        "a = '''\nraw \\n text'''",
        "a = \"\"\"two quotes at the end\"\"\"\"\"",
        "a = 0x1F\nb = 0o17\nc = 0b101\nd = -17\ne = +3\nf = 1_000",
        "a = 0.5\nb = -1e3\nc = 6.25E-2\nd = 1_0.2_5",
        "a = true\nb = false",
        "a = [ 1, 2, 3, ]\nb = [\n  \"x\", # comment\n  \"y\"\n]\nc = []",
        "a = { x = 1, y.z = \"w\" }",
        "\"东山园区\" = 1\n'quoted key' = 2\nbare-key_1 = 3",
        "a.b.c = 1\na.b.d = 2\na.e = 3",
        "[t]\nx = 1\n[t.sub]\ny = 2\n[u.v]\nz = 3\n[u]\nw = 4",
        "[[g]]\nid = \"a\"\n[[g.i]]\nn = 1\n[[g.i]]\nn = 2\n[[g]]\nid = \"b\"",
        "# only a comment\n\n  \n\t# another\na = 1 # trailing\n",
        "a = 1\r\n[b]\r\nc = \"d\"\r\n",
        "[ spaced . header ]\nx = 1",
        "a = [[1, 2], [\"x\"]]",
        "a = [{ x = 1 }, { x = 2 }]",
        "x = 1\n[a.\"b c\".d]\ny = 2",
    ];
    for case in cases {
        let theirs = ::toml::from_str::<serde_json::Value>(case)
            .unwrap_or_else(|e| panic!("toml refuses {case:?}: {e}"));
        let ours =
            from_str::<serde_json::Value>(case).unwrap_or_else(|e| panic!("refused {case:?}: {e}"));
        assert_eq!(ours, theirs, "{case:?}");
    }
}

/// Invalid TOML is refused, as toml refuses it, with a Chinese message at a line.
#[test]
fn broken_toml_is_refused_in_chinese_at_its_line() {
    let cases = [
        ("a = ", 1),
        ("a = 1\nb = \"open", 2),
        ("a = 1\na = 2", 2),
        ("[t]\nx = 1\n[t]\ny = 2", 3),
        ("a = 1 b = 2", 1),
        ("a = [1, 2", 1),
        ("a = {x = 1,}", 1),
        ("a = {x = 1\n}", 1),
        ("x = 007", 1),
        ("x = 1__0", 1),
        ("x = 1.", 1),
        ("x = .5", 1),
        ("x = \"\\q\"", 1),
        ("x = \"\\uD800\"", 1),
        ("[a]\nb.c = 1\n[a.b]\nd = 2", 3),
        ("[a.b]\nx = 1\n[a]\nb.y = 2", 4),
        ("a = [1]\n[[a]]\nx = 1", 2),
        ("a = { b = 1 }\n[a.c]\nx = 1", 2),
        ("a = 1\n[a.b]\nx = 1", 2),
        ("= 1", 1),
        ("a = 99999999999999999999", 1),
        ("a = tru", 1),
        ("a = \"x\" \"y\"", 1),
        ("a\n= 1", 1),
        ("[a]]\n", 1),
        ("a = \"\u{1}\"", 1),
        ("\"\"\"k\"\"\" = 1", 1),
    ];
    for (case, line) in cases {
        assert!(
            ::toml::from_str::<serde_json::Value>(case).is_err(),
            "toml accepts {case:?}"
        );
        let message = from_str::<serde_json::Value>(case).unwrap_err();
        assert!(
            message.starts_with(&format!("第 {line} 行第 ")),
            "{case:?}: {message}"
        );
        assert_chinese(&message);
    }
    // A date is TOML, but no scheme setting is one: refused as such.
    let message = from_str::<serde_json::Value>("x = 1979-05-27T07:32:00Z").unwrap_err();
    assert_eq!(message, "第 1 行第 5 列：方案文件不使用日期和时间");
    let deep = format!("a = {}1{}", "[".repeat(200), "]".repeat(200));
    let message = from_str::<serde_json::Value>(&deep).unwrap_err();
    assert!(message.contains("嵌套超过"), "{message}");
}

/// Type mistakes and unknown or missing settings, found by serde's derives, are worded in
/// Chinese at the key or value they are about.
#[test]
fn type_mistakes_are_worded_in_chinese_at_their_place() {
    let good =
        "id = \"x\"\nplaces = 2\nflag = true\nnumbers = [1]\ngroups = []\n[sub]\nname = \"s\"\n";
    let base: Doc = from_str(good).unwrap();
    assert_eq!(base.places, 2);
    let cases: [(&str, usize, &str); 7] = [
        ("places = 2", 2, "应为不小于 0 的整数，这里是文字「二」"),
        ("flag = true", 3, "应为开关值 true 或 false，这里是整数 1"),
        ("numbers = [1]", 4, "应为数组"),
        ("name = \"s\"", 6, "缺少设置「name」"),
        ("id = \"x\"", 1, "未知的设置「idd」"),
        ("places = 2", 2, "整数 -1不可用，应为不小于 0 的整数"),
        ("[sub]", 6, "应为表"),
    ];
    let replacements = [
        "places = \"二\"",
        "flag = 1",
        "numbers = 1",
        "",
        "idd = \"x\"\nid = \"x\"",
        "places = -1",
        "sub = 3",
    ];
    for ((find, line, expected), replace) in cases.into_iter().zip(replacements) {
        let text = good.replacen(find, replace, 1);
        let message = from_str::<Doc>(&text).unwrap_err();
        assert!(message.contains(expected), "{text:?}: {message}");
        assert!(
            message.starts_with(&format!("第 {line} 行第 ")),
            "{text:?}: {message}"
        );
        assert_chinese(&message);
    }
    let bad_way = format!("{good}[[sub.items]]\nname = \"i\"\nway = \"sideways\"\n");
    let message = from_str::<Doc>(&bad_way).unwrap_err();
    assert!(
        message.starts_with("第 10 行第 7 列：未知的取值「sideways」，可用的取值：higher_is_better、lower_is_better"),
        "{message}"
    );
}

/// No English word of a library's message reaches the user: every ASCII word in it is one of
/// the file's own (a key, a value) or TOML's.
fn assert_chinese(message: &str) {
    for english in [
        "expected", "invalid", "unknown", "missing", "found", "error", "TOML",
    ] {
        assert!(!message.contains(english), "{message}");
    }
    assert!(!message.is_ascii(), "{message}");
}

#[test]
fn the_column_counts_characters_on_the_line() {
    let message = from_str::<serde_json::Value>("名称 = 1").unwrap_err();
    assert!(message.starts_with("第 1 行第 1 列："), "{message}");
    let message = from_str::<serde_json::Value>("\"名称\" = 1 x").unwrap_err();
    assert!(message.starts_with("第 1 行第 10 列："), "{message}");
}

/// A file of the size limit made of nothing but keys, or headers, reads in linear time (each
/// key is found through the table's index, not a search of its entries).
#[test]
fn many_keys_and_many_headers_read_without_a_quadratic_search() {
    let keys: String = (0..150_000).map(|i| format!("k{i} = {i}\n")).collect();
    let value = from_str::<serde_json::Value>(&keys).unwrap();
    assert_eq!(value.as_object().unwrap().len(), 150_000);
    assert_eq!(value["k149999"], 149_999);
    let headers = "[[a]]\n".repeat(150_000);
    let value = from_str::<serde_json::Value>(&headers).unwrap();
    assert_eq!(value["a"].as_array().unwrap().len(), 150_000);
    let duplicate = format!("{keys}k7 = 1\n");
    let message = from_str::<serde_json::Value>(&duplicate).unwrap_err();
    assert!(
        message.starts_with("第 150001 行第 1 列：键「k7」重复定义"),
        "{message}"
    );
}

/// Hostile key paths: a header or dotted key is refused past [`MAX_KEYS`] keys, and a dotted
/// key inside nested inline tables counts against the nesting depth: no stack overflow when
/// the tree is dropped, no walk of a long path per line.
#[test]
fn long_key_paths_are_refused_before_they_nest() {
    use super::parse::{MAX_DEPTH, MAX_KEYS};
    for k in [MAX_KEYS + 1, 20_000, 200_000] {
        let header = format!("[{}a]\nx = 1\n", "a.".repeat(k - 1));
        let message = from_str::<serde_json::Value>(&header).unwrap_err();
        assert!(
            message.contains(&format!("最多 {MAX_KEYS} 段")),
            "{message}"
        );
        let dotted = format!("{}a = 1\n", "a.".repeat(k - 1));
        let message = from_str::<serde_json::Value>(&dotted).unwrap_err();
        assert!(
            message.contains(&format!("最多 {MAX_KEYS} 段")),
            "{message}"
        );
        let inline = format!("x = {{ {}a = 1 }}\n", "a.".repeat(k - 1));
        assert!(from_str::<serde_json::Value>(&inline).is_err());
    }
    // Exactly MAX_KEYS keys read, as toml reads them.
    let most = format!("[{}a]\nx = 1\n", "a.".repeat(MAX_KEYS - 1));
    assert_eq!(
        from_str::<serde_json::Value>(&most).unwrap(),
        ::toml::from_str::<serde_json::Value>(&most).unwrap()
    );
    // Inline tables nested with dotted keys: the keys count as levels.
    let levels = MAX_DEPTH / 4 + 1;
    let nested = format!(
        "x = {}1{}\n",
        "{ a.b.c.d = ".repeat(levels),
        " }".repeat(levels)
    );
    let message = from_str::<serde_json::Value>(&nested).unwrap_err();
    assert!(message.contains("嵌套超过"), "{message}");
}

/// A UTF-8 byte-order mark at the start (Notepad's) is not part of the document.
#[test]
fn a_byte_order_mark_is_skipped() {
    let text = "\u{feff}a = 1\n[t]\nb = \"x\"\n";
    assert_eq!(
        from_str::<serde_json::Value>(text).unwrap(),
        ::toml::from_str::<serde_json::Value>(text).unwrap()
    );
    let message = from_str::<serde_json::Value>("\u{feff}a = \n").unwrap_err();
    assert!(message.starts_with("第 1 行第 "), "{message}");
}

#[test]
fn a_date_or_time_is_refused_as_such() {
    for text in ["x = 07:32:00", "x = 1979-05-27", "x = 1979-05-27T07:32:00Z"] {
        let message = from_str::<serde_json::Value>(text).unwrap_err();
        assert!(
            message.ends_with("方案文件不使用日期和时间"),
            "{text}: {message}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// The other direction on the same mutations: what toml reads (other than a date or time,
    /// which no scheme uses), the reader reads to the same value.
    #[test]
    fn what_toml_reads_the_reader_reads_the_same(
        doc in doc(),
        cut in any::<prop::sample::Index>(),
        insert in insertion(),
    ) {
        let mutated = mutate(&doc, cut, insert);
        if let Ok(value) = ::toml::from_str::<serde_json::Value>(&mutated) {
            prop_assert_eq!(from_str::<serde_json::Value>(&mutated), Ok(value), "{}", mutated);
        }
    }
}
