//! Which format a file is in, from its content first and its name second; and the refusals
//! that come before any parsing (empty, too large, not a spreadsheet).

use super::{Format, MAX_FILE_BYTES};
use crate::issue::{Issue, Location};

/// What the import accepts, for messages.
pub const ACCEPTED: &str =
    "Excel/WPS 工作簿（.xlsx、.xls、.xlsb、.et）、OpenDocument 表格（.ods）、文本表格（.csv、.txt，逗号、制表符或分号分隔，UTF-8、UTF-16 或 GBK 编码）或 JSON（.json）";

fn at_file(file_name: &str) -> Location {
    Location {
        file: Some(file_name.to_owned()),
        ..Location::default()
    }
}

/// The issue for an empty file.
pub fn empty_file(file_name: &str) -> Issue {
    Issue::error(
        at_file(file_name),
        format!("文件「{file_name}」是空的，没有任何数据"),
    )
    .with_expected(ACCEPTED)
}

/// The issue for a file that is not a spreadsheet; `kind` names what it looks like.
pub fn not_a_spreadsheet(file_name: &str, kind: Option<&str>) -> Issue {
    let what = kind.map_or_else(
        || "无法识别的二进制文件".to_owned(),
        |k| format!("看起来是{k}"),
    );
    Issue::error(
        at_file(file_name),
        format!("文件「{file_name}」不是表格文件（{what}），无法导入"),
    )
    .with_expected(ACCEPTED)
}

/// The issue for a text file in an encoding other than UTF-8, UTF-16 or GBK (most likely
/// Big5 or Shift_JIS: `text::DecodeError::OtherEncoding`), which read as GBK would give wrong
/// characters.
pub fn other_encoding(file_name: &str) -> Issue {
    Issue::error(
        at_file(file_name),
        format!(
            "文件「{file_name}」的文字编码不是 UTF-8、UTF-16 或 GBK（看起来是繁体中文 Big5、日文或西文等编码），按 GBK 读出的是乱码，未导入"
        ),
    )
    .with_expected(
        "UTF-8 或 GBK 编码的文本表格；请在 Excel/WPS 中打开这个文件，另存为 UTF-8 或 GBK 编码的 CSV（或 .xlsx 工作簿）再导入",
    )
}

/// The issue for UTF-8 text with a few undecodable bytes (`text::DecodeError::DamagedUtf8`):
/// the file was cut off, or a line was pasted in another encoding.
pub fn damaged_utf8(file_name: &str, line: usize) -> Issue {
    Issue::error(
        Location {
            row: u32::try_from(line).ok(),
            ..at_file(file_name)
        },
        format!(
            "文件「{file_name}」是 UTF-8 编码的文本，但第 {line} 行起有无法识别的字节（文件可能不完整，或混入了其他编码的内容），未导入"
        ),
    )
    .with_expected(
        "完整的 UTF-8 文本表格；请在 Excel/WPS 中打开这个文件，检查该行后另存为 UTF-8 编码的 CSV（或 .xlsx 工作簿）再导入",
    )
}

fn extension(file_name: &str) -> String {
    file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default()
}

/// Decides the format, or refuses the file; `noun` is the scheme's word for a unit
/// (`Scheme::unit_noun`), as the refusal of a file too large names the data to keep.
pub fn sniff(bytes: &[u8], file_name: &str, noun: &str) -> Result<Format, Issue> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Issue::error(
            at_file(file_name),
            format!(
                "文件「{file_name}」有 {:.1} MB，超过上限 {} MB，未读取；请只保留{noun}数据后再导入",
                bytes.len() as f64 / (1024.0 * 1024.0),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    let content = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if content.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(empty_file(file_name));
    }
    let ext = extension(file_name);
    const BINARY: &[(&[u8], &str)] = &[
        (b"%PDF", "PDF 文档"),
        (b"\x89PNG", "PNG 图片"),
        (b"\xFF\xD8\xFF", "JPEG 图片"),
        (b"GIF8", "GIF 图片"),
        (b"BM", "BMP 图片"),
        (b"Rar!", "RAR 压缩包"),
        (b"7z\xBC\xAF", "7z 压缩包"),
        (b"\x1F\x8B", "gzip 压缩包"),
        (b"{\\rtf", "RTF 文档"),
    ];
    for (magic, kind) in BINARY {
        // "BM" also starts ordinary text (a CSV whose first park is "BMW…"): a real bitmap
        // has NUL bytes in its header, text has none.
        if bytes.starts_with(magic) && (*kind != "BMP 图片" || bytes.contains(&0)) {
            return Err(not_a_spreadsheet(file_name, Some(kind)));
        }
    }
    if bytes.starts_with(b"PK\x03\x04") {
        // The parts' names are stored as plain text in the zip's headers.
        if contains(
            bytes,
            b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet",
        ) || (ext == "ods" && contains(bytes, b"content.xml"))
        {
            return Ok(Format::Ods);
        }
        if contains(bytes, b"mimetypeapplication/vnd.oasis.opendocument") {
            return Err(not_a_spreadsheet(
                file_name,
                Some(" OpenDocument 文字或演示文稿，不是表格"),
            ));
        }
        if contains(bytes, b"xl/workbook.bin") {
            return Ok(Format::Xlsb);
        }
        if ext == "docx" || ext == "pptx" {
            return Err(not_a_spreadsheet(file_name, Some(" Word/PowerPoint 文档")));
        }
        if ext == "zip" {
            return Err(not_a_spreadsheet(file_name, Some(" zip 压缩包；请先解压")));
        }
        return Ok(Format::Xlsx);
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        // An encrypted .xlsx is an OLE container too; calamine's .xlsx reader recognises it.
        if contains_utf16(bytes, "EncryptedPackage") {
            return Ok(Format::Xlsx);
        }
        if ext == "doc" || ext == "ppt" {
            return Err(not_a_spreadsheet(file_name, Some(" Word/PowerPoint 文档")));
        }
        return Ok(Format::Xls);
    }
    let head: String = String::from_utf8_lossy(&content[..content.len().min(512)])
        .trim_start()
        .to_ascii_lowercase();
    if head.starts_with("<!doctype html") || head.starts_with("<html") || head.starts_with("<table")
    {
        return Err(not_a_spreadsheet(
            file_name,
            Some("网页（HTML）格式，一些系统导出的“.xls”其实是网页；请在 Excel/WPS 中打开后另存为 .xlsx"),
        ));
    }
    if head.starts_with("<?xml") {
        return Err(not_a_spreadsheet(
            file_name,
            Some(" XML 文件（可能是“XML 电子表格 2003”）；请在 Excel/WPS 中打开后另存为 .xlsx"),
        ));
    }
    if ext == "json" || head.starts_with('[') || head.starts_with('{') {
        return Ok(Format::Json);
    }
    Ok(Format::Csv)
}

/// Whether `needle` occurs in `bytes` (memchr's substring search: the sniffer looks through a
/// whole file for a few names, and a byte-at-a-time scan of a 14 MB workbook took a tenth of
/// its read).
fn contains(bytes: &[u8], needle: &[u8]) -> bool {
    memchr::memmem::find(bytes, needle).is_some()
}

fn contains_utf16(bytes: &[u8], needle: &str) -> bool {
    let pattern: Vec<u8> = needle.encode_utf16().flat_map(u16::to_le_bytes).collect();
    contains(bytes, &pattern)
}

#[cfg(test)]
mod tests {
    use super::contains;

    #[test]
    fn finds_a_needle_anywhere_and_only_whole() {
        assert!(contains(b"xl/workbook.bin", b"xl/workbook.bin"));
        assert!(contains(b"..xl/xl/workbook.bin", b"xl/workbook.bin"));
        assert!(contains(b"abcabd", b"abd"));
        assert!(!contains(b"xl/workbook.bi", b"xl/workbook.bin"));
        assert!(!contains(b"", b"x"));
        assert!(contains(b"anything", b""));
    }
}
