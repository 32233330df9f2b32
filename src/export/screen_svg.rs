//! A frame of the screen as an SVG drawing, cell for cell.
//!
//! The drawing is a grid of character cells, [`CELL_W`] by [`CELL_H`]
//! pixels, on the terminal's background. Each row is cut into runs of
//! cells that share a style; a run becomes one `<rect>` for its background
//! (unless that is the terminal's own) and one `<text>` for its
//! characters, with `textLength` set to the run's width so that its
//! characters keep to the grid in any monospace font. A wide (CJK)
//! character takes two cells, as on the terminal. Box-drawing and braille
//! characters are text like any other: the fonts named draw them.

use std::fmt::Write;

use distlab_core::export::escape;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

/// The width of one cell, in pixels.
pub const CELL_W: f64 = 8.4;
/// The height of one cell, in pixels.
pub const CELL_H: f64 = 17.0;
/// The font size that fills a cell.
const FONT_PX: f64 = 14.0;
/// Monospace fonts that draw Latin, box drawing, braille and Chinese.
pub const FONTS: &str =
    "'DejaVu Sans Mono', 'Sarasa Mono SC', 'Noto Sans Mono CJK SC', 'Source Han Mono SC', monospace";
/// What the terminal's own colours (`Color::Reset`) are drawn as: a dark
/// terminal, like the one the default theme is made for.
const BACKGROUND: &str = "#15171c";
const FOREGROUND: &str = "#d8d8d8";

/// One run of cells with the same look.
struct Run {
    x: u16,
    cells: u16,
    text: String,
    fg: Color,
    bg: Color,
    bold: bool,
}

/// The frame `buffer` as an SVG document.
pub fn svg(buffer: &Buffer) -> String {
    let area = buffer.area;
    let (w, h) = (
        f64::from(area.width) * CELL_W,
        f64::from(area.height) * CELL_H,
    );
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{FONTS}" font-size="{FONT_PX}">"#
    );
    let _ = writeln!(
        out,
        r#"<rect width="100%" height="100%" fill="{BACKGROUND}"/>"#
    );
    for y in 0..area.height {
        for run in runs(buffer, y) {
            draw_run(&mut out, &run, y);
        }
    }
    out.push_str("</svg>\n");
    out
}

/// The runs of row `y`, left to right; a cell hidden under a wide
/// character before it belongs to that character.
fn runs(buffer: &Buffer, y: u16) -> Vec<Run> {
    let area = buffer.area;
    let mut runs: Vec<Run> = Vec::new();
    let mut x = 0;
    while x < area.width {
        let cell = &buffer[(area.x + x, area.y + y)];
        let symbol = cell.symbol();
        let width = unicode_width::UnicodeWidthStr::width(symbol).clamp(1, 2) as u16;
        let reversed = cell.modifier.contains(Modifier::REVERSED);
        let (fg, bg) = if reversed {
            (cell.bg, cell.fg)
        } else {
            (cell.fg, cell.bg)
        };
        let bold = cell.modifier.contains(Modifier::BOLD);
        match runs.last_mut() {
            Some(run)
                if run.fg == fg && run.bg == bg && run.bold == bold && run.x + run.cells == x =>
            {
                run.text.push_str(symbol);
                run.cells += width;
            }
            _ => runs.push(Run {
                x,
                cells: width,
                text: symbol.to_owned(),
                fg,
                bg,
                bold,
            }),
        }
        x += width;
    }
    runs
}

fn draw_run(out: &mut String, run: &Run, y: u16) {
    let x = f64::from(run.x) * CELL_W;
    let top = f64::from(y) * CELL_H;
    let width = f64::from(run.cells) * CELL_W;
    if run.bg != Color::Reset {
        let _ = writeln!(
            out,
            r#"<rect x="{x:.1}" y="{top:.1}" width="{width:.1}" height="{CELL_H}" fill="{}"/>"#,
            hex(run.bg, BACKGROUND)
        );
    }
    if run.text.trim().is_empty() {
        return;
    }
    // The baseline sits a fifth of the cell above its bottom.
    let baseline = top + CELL_H * 0.78;
    let weight = if run.bold {
        r#" font-weight="bold""#
    } else {
        ""
    };
    let _ = writeln!(
        out,
        r#"<text x="{x:.1}" y="{baseline:.1}" textLength="{width:.1}" lengthAdjust="spacingAndGlyphs" fill="{}"{weight} xml:space="preserve">{}</text>"#,
        hex(run.fg, FOREGROUND),
        escape(&run.text)
    );
}

/// A colour as `#rrggbb`, the terminal's own drawn as `reset`.
fn hex(color: Color, reset: &str) -> String {
    let (r, g, b) = match color {
        Color::Reset => return reset.to_owned(),
        Color::Rgb(r, g, b) => (r, g, b),
        Color::Indexed(i) => indexed(i),
        named => indexed(named_index(named)),
    };
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// The xterm palette number of a named colour.
fn named_index(color: Color) -> u8 {
    match color {
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        _ => 15,
    }
}

/// xterm's 256-colour palette.
fn indexed(i: u8) -> (u8, u8, u8) {
    const BASIC: [(u8, u8, u8); 16] = [
        (0, 0, 0),
        (205, 0, 0),
        (0, 205, 0),
        (205, 205, 0),
        (0, 0, 238),
        (205, 0, 205),
        (0, 205, 205),
        (229, 229, 229),
        (127, 127, 127),
        (255, 0, 0),
        (0, 255, 0),
        (255, 255, 0),
        (92, 92, 255),
        (255, 0, 255),
        (0, 255, 255),
        (255, 255, 255),
    ];
    match i {
        0..=15 => BASIC[usize::from(i)],
        16..=231 => {
            let level = |v: u8| if v == 0 { 0 } else { 55 + v * 40 };
            let v = i - 16;
            (level(v / 36), level((v / 6) % 6), level(v % 6))
        }
        _ => {
            let grey = 8 + (i - 232) * 10;
            (grey, grey, grey)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    #[test]
    fn a_row_is_cut_where_the_style_changes_and_wide_characters_take_two_cells() {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 10, 1));
        buffer.set_string(0, 0, "ab", Style::new().fg(Color::Red));
        buffer.set_string(2, 0, "集群<", Style::new());
        let runs = runs(&buffer, 0);
        assert_eq!(runs.len(), 2);
        assert_eq!(
            (runs[0].x, runs[0].cells, runs[0].text.as_str()),
            (0, 2, "ab")
        );
        assert_eq!((runs[1].x, runs[1].text.as_str()), (2, "集群<   "));
        assert_eq!(runs[1].cells, 8);
        let drawn = svg(&buffer);
        assert!(drawn.contains(">集群&lt;   </text>"), "{drawn}");
        assert!(drawn.contains(r##"fill="#cd0000""##), "{drawn}");
    }

    #[test]
    fn the_palette_matches_xterm() {
        assert_eq!(indexed(16), (0, 0, 0));
        assert_eq!(indexed(196), (255, 0, 0));
        assert_eq!(indexed(244), (128, 128, 128));
        assert_eq!(hex(Color::Rgb(1, 2, 255), "x"), "#0102ff");
    }
}
