//! Cell formats (font, fill, border, alignment, number format) and `xl/styles.xml`, which
//! lists each distinct font, fill, border and number format once and every format as a `<xf>`
//! pointing at them, in the order the sheets first used the formats — as rust_xlsxwriter
//! numbers them, so that a cell's style index is the same in both writers.

use super::xml::{end, tag, DECLARATION};
use std::collections::HashMap;

/// A colour.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Color {
    /// `0xRRGGBB`.
    RGB(u32),
    /// White.
    White,
    /// No colour given: the theme's.
    #[default]
    Default,
}

impl Color {
    /// `RRGGBB`.
    fn rgb(self) -> u32 {
        match self {
            Color::RGB(rgb) => rgb & 0x00FF_FFFF,
            Color::White => 0x00FF_FFFF,
            Color::Default => 0,
        }
    }

    /// `FFRRGGBB`, as the `rgb` attribute has it.
    pub(super) fn argb(self) -> String {
        format!("FF{:06X}", self.rgb())
    }
}

/// How a cell's text is aligned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FormatAlign {
    /// Centred across the cell.
    Center,
    /// At the right.
    Right,
    /// At the top.
    Top,
    /// Centred between top and bottom.
    VerticalCenter,
}

/// A border's line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum FormatBorder {
    /// None.
    #[default]
    None,
    /// A thin line.
    Thin,
}

/// A font's underline.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum FormatUnderline {
    /// None.
    #[default]
    None,
    /// A single line.
    Single,
}

/// The font of a format. The default is Excel 2007's: Calibri 11, the theme's body font.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Font {
    name: String,
    /// The size as written (`11`, `10.5`).
    size: String,
    bold: bool,
    underline: FormatUnderline,
    color: Color,
    /// Whether the font is the theme's (`<scheme val="minor"/>`): until a name is given.
    scheme: bool,
}

impl Default for Font {
    fn default() -> Font {
        Font {
            name: "Calibri".to_owned(),
            size: "11".to_owned(),
            bold: false,
            underline: FormatUnderline::None,
            color: Color::Default,
            scheme: true,
        }
    }
}

/// A cell's four borders and their colours.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
struct Borders {
    left: (FormatBorder, Color),
    right: (FormatBorder, Color),
    top: (FormatBorder, Color),
    bottom: (FormatBorder, Color),
}

/// A cell format, built like rust_xlsxwriter's (`Format::new().set_bold()…`). Two formats with
/// the same properties are the same style.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Format {
    font: Font,
    background: Color,
    borders: Borders,
    horizontal: Option<FormatAlign>,
    vertical: Option<FormatAlign>,
    wrap: bool,
    num_format: String,
}

impl Format {
    /// The default format (Calibri 11, no fill, no border, general).
    pub fn new() -> Format {
        Format::default()
    }

    /// The font's name (no longer the theme's).
    pub fn set_font_name(mut self, name: impl Into<String>) -> Format {
        self.font.name = name.into();
        self.font.scheme = false;
        self
    }

    /// The font's size in points.
    pub fn set_font_size(mut self, size: impl Into<f64>) -> Format {
        self.font.size = size.into().to_string();
        self
    }

    /// Bold.
    pub fn set_bold(mut self) -> Format {
        self.font.bold = true;
        self
    }

    /// The font's colour.
    pub fn set_font_color(mut self, color: Color) -> Format {
        self.font.color = color;
        self
    }

    /// Underlined.
    pub fn set_underline(mut self, underline: FormatUnderline) -> Format {
        self.font.underline = underline;
        self
    }

    /// The horizontal (`Center`, `Right`) or vertical (`Top`, `VerticalCenter`) alignment.
    pub fn set_align(mut self, align: FormatAlign) -> Format {
        match align {
            FormatAlign::Center | FormatAlign::Right => self.horizontal = Some(align),
            FormatAlign::Top | FormatAlign::VerticalCenter => self.vertical = Some(align),
        }
        self
    }

    /// The text wraps.
    pub fn set_text_wrap(mut self) -> Format {
        self.wrap = true;
        self
    }

    /// A solid fill of `color`.
    pub fn set_background_color(mut self, color: Color) -> Format {
        self.background = color;
        self
    }

    /// All four borders.
    pub fn set_border(mut self, border: FormatBorder) -> Format {
        for side in [
            &mut self.borders.left,
            &mut self.borders.right,
            &mut self.borders.top,
            &mut self.borders.bottom,
        ] {
            side.0 = border;
        }
        self
    }

    /// The bottom border.
    pub fn set_border_bottom(mut self, border: FormatBorder) -> Format {
        self.borders.bottom.0 = border;
        self
    }

    /// The colour of all four borders.
    pub fn set_border_color(mut self, color: Color) -> Format {
        for side in [
            &mut self.borders.left,
            &mut self.borders.right,
            &mut self.borders.top,
            &mut self.borders.bottom,
        ] {
            side.1 = color;
        }
        self
    }

    /// The number format (`0.00`, `#,##0`, `0.0%`, `@`).
    pub fn set_num_format(mut self, pattern: impl Into<String>) -> Format {
        self.num_format = pattern.into();
        self
    }

    /// Whether `<xf>` has an `<alignment>` element.
    fn has_alignment(&self) -> bool {
        self.horizontal.is_some() || self.vertical.is_some() || self.wrap
    }
}

/// The formats of a workbook in global order (index 0 the default), and the styles part.
pub(super) struct Styles<'a> {
    formats: &'a [Format],
    /// Whether a sheet has notes: their font (Tahoma 8) closes the fonts.
    comments: bool,
}

impl<'a> Styles<'a> {
    pub(super) fn new(formats: &'a [Format], comments: bool) -> Styles<'a> {
        Styles { formats, comments }
    }

    /// `xl/styles.xml`.
    pub(super) fn xml(&self) -> String {
        // Each distinct font, fill, border and number format, in the formats' order, and each
        // format's index into them.
        let mut fonts: Vec<&Font> = Vec::new();
        let mut fills: Vec<Color> = Vec::new();
        let mut borders: Vec<Borders> = Vec::new();
        let mut num_formats: Vec<&str> = Vec::new();
        let mut font_ids: HashMap<&Font, usize> = HashMap::new();
        let mut ids = Vec::with_capacity(self.formats.len());
        for f in self.formats {
            let font = *font_ids.entry(&f.font).or_insert_with(|| {
                fonts.push(&f.font);
                fonts.len() - 1
            });
            // Fills 0 and 1 are Excel's own (none, gray125); a background is a solid fill.
            let fill = if f.background == Color::Default {
                0
            } else {
                match fills.iter().position(|c| *c == f.background) {
                    Some(at) => at + 2,
                    None => {
                        fills.push(f.background);
                        fills.len() + 1
                    }
                }
            };
            let border = match borders.iter().position(|b| *b == f.borders) {
                Some(at) => at,
                None => {
                    borders.push(f.borders);
                    borders.len() - 1
                }
            };
            let num = if f.num_format.is_empty() {
                0
            } else {
                match num_formats.iter().position(|n| *n == f.num_format) {
                    Some(at) => 164 + at,
                    None => {
                        num_formats.push(&f.num_format);
                        163 + num_formats.len()
                    }
                }
            };
            ids.push((num, font, fill, border));
        }

        let mut out = String::with_capacity(4096);
        out.push_str(DECLARATION);
        tag(
            &mut out,
            "styleSheet",
            &[(
                "xmlns",
                "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
            )],
            false,
        );
        if !num_formats.is_empty() {
            tag(
                &mut out,
                "numFmts",
                &[("count", &num_formats.len().to_string())],
                false,
            );
            for (i, code) in num_formats.iter().enumerate() {
                let id = (164 + i).to_string();
                tag(
                    &mut out,
                    "numFmt",
                    &[("numFmtId", &id), ("formatCode", code)],
                    true,
                );
            }
            end(&mut out, "numFmts");
        }

        let count = fonts.len() + usize::from(self.comments);
        tag(&mut out, "fonts", &[("count", &count.to_string())], false);
        for font in &fonts {
            font_xml(&mut out, font);
        }
        if self.comments {
            out.push_str("<font><sz val=\"8\"/><color indexed=\"81\"/><name val=\"Tahoma\"/><family val=\"2\"/></font>");
        }
        end(&mut out, "fonts");

        tag(
            &mut out,
            "fills",
            &[("count", &(fills.len() + 2).to_string())],
            false,
        );
        out.push_str("<fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>");
        for color in &fills {
            out.push_str("<fill><patternFill patternType=\"solid\">");
            tag(&mut out, "fgColor", &[("rgb", &color.argb())], true);
            out.push_str("<bgColor indexed=\"64\"/></patternFill></fill>");
        }
        end(&mut out, "fills");

        tag(
            &mut out,
            "borders",
            &[("count", &borders.len().to_string())],
            false,
        );
        for b in &borders {
            out.push_str("<border>");
            for (name, (style, color)) in [
                ("left", b.left),
                ("right", b.right),
                ("top", b.top),
                ("bottom", b.bottom),
            ] {
                match style {
                    FormatBorder::None => tag(&mut out, name, &[], true),
                    FormatBorder::Thin => {
                        tag(&mut out, name, &[("style", "thin")], false);
                        match color {
                            Color::Default => out.push_str("<color auto=\"1\"/>"),
                            _ => tag(&mut out, "color", &[("rgb", &color.argb())], true),
                        }
                        end(&mut out, name);
                    }
                }
            }
            out.push_str("<diagonal/></border>");
        }
        end(&mut out, "borders");

        out.push_str("<cellStyleXfs count=\"1\">");
        if let (Some(first), Some(id)) = (self.formats.first(), ids.first()) {
            xf_xml(&mut out, first, *id, Kind::Style);
        }
        out.push_str("</cellStyleXfs>");
        tag(
            &mut out,
            "cellXfs",
            &[("count", &self.formats.len().to_string())],
            false,
        );
        for (i, (f, id)) in self.formats.iter().zip(&ids).enumerate() {
            let kind = if i == 0 { Kind::Default } else { Kind::User };
            xf_xml(&mut out, f, *id, kind);
        }
        end(&mut out, "cellXfs");
        out.push_str("<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>");
        out.push_str("<dxfs count=\"0\"/><tableStyles count=\"0\" defaultTableStyle=\"TableStyleMedium9\" defaultPivotStyle=\"PivotStyleLight16\"/>");
        end(&mut out, "styleSheet");
        out
    }
}

/// Which list an `<xf>` is in: the cell style's (no `xfId`), the default cell format's, or a
/// format of the sheets'.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Style,
    Default,
    User,
}

fn font_xml(out: &mut String, font: &Font) {
    out.push_str("<font>");
    if font.bold {
        out.push_str("<b/>");
    }
    if font.underline == FormatUnderline::Single {
        out.push_str("<u/>");
    }
    tag(out, "sz", &[("val", &font.size)], true);
    match font.color {
        Color::Default => out.push_str("<color theme=\"1\"/>"),
        color => tag(out, "color", &[("rgb", &color.argb())], true),
    }
    tag(out, "name", &[("val", &font.name)], true);
    out.push_str("<family val=\"2\"/>");
    if font.scheme {
        out.push_str("<scheme val=\"minor\"/>");
    }
    out.push_str("</font>");
}

fn xf_xml(out: &mut String, f: &Format, ids: (usize, usize, usize, usize), kind: Kind) {
    let (num, font, fill, border) = ids;
    let (num_s, font_s, fill_s, border_s) = (
        num.to_string(),
        font.to_string(),
        fill.to_string(),
        border.to_string(),
    );
    let mut attributes: Vec<(&str, &str)> = vec![
        ("numFmtId", &num_s),
        ("fontId", &font_s),
        ("fillId", &fill_s),
        ("borderId", &border_s),
    ];
    if kind != Kind::Style {
        attributes.push(("xfId", "0"));
    }
    if num > 0 {
        attributes.push(("applyNumberFormat", "1"));
    }
    if font > 0 {
        attributes.push(("applyFont", "1"));
    }
    if fill > 0 {
        attributes.push(("applyFill", "1"));
    }
    if border > 0 {
        attributes.push(("applyBorder", "1"));
    }
    if f.has_alignment() && kind == Kind::User {
        attributes.push(("applyAlignment", "1"));
    }
    if !f.has_alignment() {
        tag(out, "xf", &attributes, true);
        return;
    }
    tag(out, "xf", &attributes, false);
    let mut align: Vec<(&str, &str)> = Vec::new();
    match f.horizontal {
        Some(FormatAlign::Center) => align.push(("horizontal", "center")),
        Some(FormatAlign::Right) => align.push(("horizontal", "right")),
        _ => {}
    }
    match f.vertical {
        Some(FormatAlign::VerticalCenter) => align.push(("vertical", "center")),
        Some(FormatAlign::Top) => align.push(("vertical", "top")),
        _ => {}
    }
    if f.wrap {
        align.push(("wrapText", "1"));
    }
    tag(out, "alignment", &align, true);
    out.push_str("</xf>");
}
