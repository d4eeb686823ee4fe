//! The built-in presets: each a scheme file (with its source and its ambiguities in comments)
//! and a fictional sample data file (示例数据，非真实统计), compiled in. The CLI selects one by id
//! (`--scheme huaian-2024`, `parkscore scheme list`); the page can offer the same list.
//!
//! | id | scheme | sample |
//! | --- | --- | --- |
//! | `chifeng-2020` | 赤峰 2020, the default ([`super::Scheme::chifeng_2020`]) | 14 parks |
//! | `huaian-2024` | 淮安-style enterprise 亩均效益 (示例方案): 3 indicators by `ratio_to_benchmark`, classes A/B/C/D by share, T 不参评 | 24 firms, 2 of them T |
//! | `huangyan-2022` | 台州黄岩-style six 亩均 indicators with the 2022 benchmarks (示例方案) | 20 firms |

use super::{Scheme, SchemeError, CHIFENG_2020_TOML};

/// One built-in scheme with its sample.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preset {
    /// The scheme's id (`huaian-2024`): what `--scheme` takes.
    pub id: &'static str,
    /// Its Chinese title, as a picker lists it.
    pub title_zh: &'static str,
    /// The scheme file's text, comments included.
    pub toml: &'static str,
    /// The sample's file name (`示例数据-淮安-2024.csv`).
    pub sample_name: &'static str,
    /// The sample's bytes (a UTF-8 CSV whose first line says 示例数据，非真实统计).
    pub sample: &'static [u8],
}

impl Preset {
    /// The scheme, parsed and validated (every preset is checked by a test).
    pub fn scheme(&self) -> Result<Scheme, SchemeError> {
        Scheme::from_toml(self.toml)
    }
}

/// Every built-in preset; the first is the default.
pub const PRESETS: [Preset; 3] = [
    Preset {
        id: "chifeng-2020",
        title_zh: "赤峰市工业园区综合发展评价考核（赤政发〔2020〕172号）",
        toml: CHIFENG_2020_TOML,
        sample_name: crate::sample::SAMPLE_FILE_NAME,
        sample: include_bytes!("../../data/sample-2020.csv"),
    },
    Preset {
        id: "huaian-2024",
        title_zh: "工业企业亩均效益综合评价（淮安式，示例方案）",
        toml: include_str!("../../schemes/huaian-2024.toml"),
        sample_name: "示例数据-淮安-2024.csv",
        sample: include_bytes!("../../data/huaian-2024-sample.csv"),
    },
    Preset {
        id: "huangyan-2022",
        title_zh: "规上工业企业亩均效益综合评价（台州黄岩式，示例方案）",
        toml: include_str!("../../schemes/huangyan-2022.toml"),
        sample_name: "示例数据-黄岩-2022.csv",
        sample: include_bytes!("../../data/huangyan-2022-sample.csv"),
    },
];

/// The preset called `id`.
pub fn preset(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_parses_validates_and_says_its_sample_is_fictional() {
        for p in &PRESETS {
            let scheme = p.scheme().unwrap_or_else(|e| panic!("{}: {e}", p.id));
            assert_eq!(scheme.id, p.id);
            let text = std::str::from_utf8(p.sample).expect("UTF-8");
            assert!(
                text.lines()
                    .next()
                    .unwrap_or("")
                    .contains("示例数据，非真实统计"),
                "{}",
                p.id
            );
            // The canonical form reads back to the same scheme and fingerprint.
            let again = Scheme::from_toml(&scheme.to_toml()).expect("round trip");
            assert_eq!(again, scheme, "{}", p.id);
            assert_eq!(again.fingerprint(), scheme.fingerprint());
        }
        assert_eq!(preset("chifeng-2020").map(|p| p.id), Some("chifeng-2020"));
        assert!(preset("nowhere").is_none());
    }

    #[test]
    fn presets_that_are_examples_say_so() {
        for p in PRESETS.iter().skip(1) {
            assert!(p.toml.contains("示例方案"), "{}", p.id);
            assert!(p.title_zh.contains("示例方案"), "{}", p.id);
        }
    }
}
