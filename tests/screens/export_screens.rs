//! What leaves distlab: a lesson recorded as it plays itself (asciicast),
//! replayed into a terminal emulator, and the screen as an SVG drawing.

use std::path::Path;

use distlab::app::{record_lesson, Recording};
use distlab::export::screen_svg;
use distlab::lesson;
use distlab::protocols::raft::Raft;
use distlab::units::Lang;
use ratatui::buffer::Buffer;

use crate::support::screen;

/// The events of a recording, one JSON value per line.
fn events(cast: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(cast)
        .expect("the recording")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn record(id: &str, lang: Lang, size: (u16, u16), cast: &Path) -> distlab::app::Recorded {
    let recording = Recording {
        lang,
        size,
        cast: Some(cast.to_owned()),
        svg_frames: None,
        timestamp: 1_800_000_000,
    };
    record_lesson(lesson::find(id).expect("shipped"), &recording).expect("recorded")
}

/// The text of every cell of `buffer`, row by row, wide characters once.
fn cells(buffer: &Buffer) -> Vec<String> {
    let area = buffer.area;
    (0..area.height)
        .map(|y| {
            let mut row = String::new();
            let mut x = 0;
            while x < area.width {
                let symbol = buffer[(x, y)].symbol();
                row.push_str(symbol);
                x += unicode_width::UnicodeWidthStr::width(symbol).max(1) as u16;
            }
            row
        })
        .collect()
}

#[test]
fn a_recorded_lesson_replays_in_a_terminal_to_the_last_frame_drawn() {
    let scratch = tempfile::tempdir().expect("scratch");
    let cast = scratch.path().join("lesson.cast");
    let recorded = record("raft-0-using-distlab", Lang::En, (80, 24), &cast);
    assert!(recorded.completed);
    let events = events(&cast);
    let header = &events[0];
    assert_eq!(header["version"], 2);
    assert_eq!(
        (header["width"].as_u64(), header["height"].as_u64()),
        (Some(80), Some(24))
    );
    assert_eq!(header["timestamp"], 1_800_000_000);
    let times: Vec<f64> = events[1..]
        .iter()
        .map(|e| e[0].as_f64().expect("a time"))
        .collect();
    assert!(
        times.windows(2).all(|w| w[0] <= w[1]),
        "time never goes back"
    );
    let steps = lesson::find("raft-0-using-distlab")
        .expect("shipped")
        .about()
        .steps;
    let markers: Vec<&str> = events[1..]
        .iter()
        .filter(|e| e[1] == "m")
        .map(|e| e[2].as_str().expect("a label"))
        .collect();
    assert_eq!(markers.len(), steps, "{markers:?}");
    assert!(markers[0].starts_with("1/"), "{markers:?}");
    let mut terminal = vt100::Parser::new(24, 80, 0);
    for event in events[1..].iter().filter(|e| e[1] == "o") {
        terminal.process(event[2].as_str().expect("output").as_bytes());
    }
    let replayed: Vec<String> = terminal.screen().rows(0, 80).collect();
    let drawn = cells(&recorded.last_frame);
    for (y, (seen, drew)) in replayed.iter().zip(&drawn).enumerate() {
        assert_eq!(seen.trim_end(), drew.trim_end(), "row {y}");
    }
}

#[test]
fn a_lesson_recorded_twice_is_the_same_file() {
    let scratch = tempfile::tempdir().expect("scratch");
    let (one, two) = (scratch.path().join("1.cast"), scratch.path().join("2.cast"));
    record("raft-0-using-distlab", Lang::Zh, (100, 30), &one);
    record("raft-0-using-distlab", Lang::Zh, (100, 30), &two);
    let (one, two) = (
        std::fs::read(one).expect("one"),
        std::fs::read(two).expect("two"),
    );
    assert!(one.len() > 10_000, "{} bytes", one.len());
    assert!(one == two, "the two recordings differ");
}

/// One lesson screen at 80×24, drawn as an SVG drawing.
fn screen_svg(lang: Lang) -> String {
    let scratch = tempfile::tempdir().expect("scratch");
    let store = distlab::lesson::ProgressStore::at(scratch.path());
    let mut app = screen::resume_lesson::<Raft>("raft-1-election", lang, &store);
    screen::play(&mut app, 5);
    let terminal = screen::render(&app, 80, 24);
    screen_svg::svg(terminal.backend().buffer())
}

#[test]
fn the_screen_as_svg_is_xml_with_one_text_per_run_of_cells() {
    for lang in [Lang::En, Lang::Zh] {
        let drawing = screen_svg(lang);
        let doc = roxmltree::Document::parse(&drawing).expect("well-formed XML");
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert_eq!(root.attribute("viewBox"), Some("0 0 672 408"));
        let texts: Vec<_> = root.children().filter(|n| n.has_tag_name("text")).collect();
        assert!(texts.len() > 40, "{} runs", texts.len());
        for text in &texts {
            let run = text.text().unwrap_or_default();
            assert!(!run.trim().is_empty(), "a text element holds characters");
            let cells = unicode_width::UnicodeWidthStr::width(run) as f64;
            let width: f64 = text
                .attribute("textLength")
                .and_then(|w| w.parse().ok())
                .expect("a width");
            assert!(
                (width - cells * screen_svg::CELL_W).abs() < 0.1,
                "{run}: {width}"
            );
        }
        let all: String = texts.iter().filter_map(|t| t.text()).collect();
        let title = if lang == Lang::En {
            "Leader election"
        } else {
            "领导者选举"
        };
        assert!(all.contains(title), "{all}");
    }
}

#[test]
fn the_screen_as_svg_in_english_and_chinese() {
    insta::assert_snapshot!("svg_en_80x24", screen_svg(Lang::En));
    insta::assert_snapshot!("svg_zh_80x24", screen_svg(Lang::Zh));
}

/// `S` and `T` save the screen and the run's space-time diagram beside
/// saved sessions, and the status says where; a folder that cannot be
/// made is said too, and nothing else changes.
#[test]
fn keys_save_the_screen_and_the_space_time_diagram_as_svg() {
    let scratch = tempfile::tempdir().expect("scratch");
    let store = distlab::lesson::ProgressStore::at(scratch.path());
    let mut app = screen::resume_lesson::<Raft>("raft-1-election", Lang::En, &store);
    app.update(distlab::app::Action::Resize(80, 24));
    app.update(distlab::app::Action::TogglePlay);
    screen::play(&mut app, 30);
    for (key, name) in [('S', "screen-seed"), ('T', "spacetime-seed")] {
        screen::key(&mut app, key);
        let status = format!("{:?}", app.status());
        let dir = scratch.path().join("sessions");
        let file = std::fs::read_dir(&dir)
            .expect("the sessions folder")
            .map(|e| e.expect("an entry").path())
            .find(|p| p.to_string_lossy().contains(name))
            .unwrap_or_else(|| panic!("no {name} file; {status}"));
        assert!(status.contains(&file.display().to_string()), "{status}");
        let drawing = std::fs::read_to_string(&file).expect("the drawing");
        let doc = roxmltree::Document::parse(&drawing).expect("well-formed XML");
        assert_eq!(doc.root_element().tag_name().name(), "svg");
    }
    let drawing = std::fs::read_dir(scratch.path().join("sessions"))
        .expect("the folder")
        .map(|e| e.expect("an entry").path())
        .find(|p| p.to_string_lossy().contains("spacetime"))
        .map(|p| std::fs::read_to_string(p).expect("read"))
        .expect("the space-time drawing");
    let doc = roxmltree::Document::parse(&drawing).expect("XML");
    let lanes = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("lane"))
        .count();
    assert_eq!(lanes, 5, "a lane per node");
    let now = app.sim().now() / 1_000;
    assert!(
        drawing.contains(&format!("to {now} ms")),
        "up to the moment on screen"
    );
}

/// A folder that cannot be made is said in the status; the screen goes on.
#[test]
fn a_drawing_that_cannot_be_saved_is_said_in_the_status() {
    let store = distlab::lesson::ProgressStore::at("/dev/null/distlab");
    let mut app = screen::resume_lesson::<Raft>("raft-1-election", Lang::En, &store);
    app.update(distlab::app::Action::Resize(80, 24));
    for key in ['S', 'T'] {
        screen::key(&mut app, key);
        let status = format!("{:?}", app.status());
        assert!(
            status.contains("could not save in /dev/null/distlab/sessions: Not a directory"),
            "{status}"
        );
    }
    screen::render(&app, 80, 24);
}
