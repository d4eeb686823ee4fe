//! Two years of the sample, shared by the comparison's test binaries (`mod years;`): 2020 is
//! `data/sample-2020.csv`, 2019 is made from it with a few edits (see [`sample_2019`]).

pub fn sample_csv() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/sample-2020.csv")).unwrap()
}

/// Replaces `park`'s cell in the column at `col` (0 = 园区名称) of the sample's text.
fn set(text: &str, park: &str, col: usize, value: &str) -> String {
    text.lines()
        .map(|l| {
            let mut cells: Vec<String> = l.split(',').map(str::to_owned).collect();
            if cells.first().map(String::as_str) == Some(park) {
                cells[col] = value.to_owned();
            }
            cells.join(",")
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// 2019, made from the 2020 sample: 巴林右旗工业园区 missing (新参评 in 2020), an unlisted
/// 测试园区 (未参评 in 2020), 内蒙古林西工业园区 written 林西工业园区, 元宝山园区 vetoed;
/// 东山园区 新增工业总产值 30 (2020: 38.6), 上缴税金增速 0 (2020: 8.7);
/// 阿鲁科尔沁旗工业园区 新增工业总产值 −4 (2020: −1.8); 安庆园区 新增工业总产值 blank.
pub fn sample_2019() -> String {
    let mut t = sample_csv().replace("2020年度", "2019年度");
    t = t
        .lines()
        .filter(|l| !l.starts_with("巴林右旗工业园区,"))
        .collect::<Vec<_>>()
        .join("\n")
        + "\n";
    let extra = t
        .lines()
        .find(|l| l.starts_with("敖汉旗工业园区,"))
        .unwrap()
        .replacen("敖汉旗工业园区", "测试园区", 1);
    t.push_str(&extra);
    t.push('\n');
    t = t.replace("内蒙古林西工业园区,", "林西工业园区,");
    t = set(&t, "东山园区", 1, "30");
    t = set(&t, "东山园区", 4, "0");
    t = set(&t, "阿鲁科尔沁旗工业园区", 1, "-4");
    t = set(&t, "安庆园区", 1, "");
    t = set(&t, "元宝山园区", 26, "是");
    set(&t, "元宝山园区", 27, "重特大安全生产事故")
}
