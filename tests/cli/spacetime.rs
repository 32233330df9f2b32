//! `distlab run --spacetime`: the run's space-time diagram as SVG, a lane
//! per node and an arrow per message (heartbeats thinned, as the diagram's
//! note says), bad paths and empty windows refused before the run.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use crate::support::cli::{run, stderr, stdout};

const FIGURE8: &str = "assets/scenarios/figure8.ron";

/// Runs figure 8 with a diagram and a trace in `dir`: the SVG and the
/// trace's records.
fn figure8(dir: &Path, window: &[&str]) -> (String, Vec<Value>) {
    let (svg, trace) = (dir.join("f8.svg"), dir.join("f8.jsonl"));
    let mut args = vec!["run", FIGURE8, "--spacetime"];
    let (svg_arg, trace_arg) = (svg.display().to_string(), trace.display().to_string());
    args.extend([svg_arg.as_str(), "--trace", trace_arg.as_str()]);
    args.extend_from_slice(window);
    let out = run(&args);
    assert_eq!(
        out.status.code(),
        Some(1),
        "figure 8 breaks safety: {}",
        stderr(&out)
    );
    let records = std::fs::read_to_string(&trace)
        .expect("the trace")
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    (std::fs::read_to_string(&svg).expect("the diagram"), records)
}

/// Messages the trace shows sent at or after `from` and delivered or
/// dropped by `to` (in µs).
fn messages_within(records: &[Value], from: u64, to: u64) -> usize {
    let mut sent = BTreeMap::new();
    let mut ended = 0;
    for r in records {
        let (t, id) = (r["t_us"].as_u64(), r["id"].as_u64());
        match (r["kind"].as_str(), t, id) {
            (Some("send"), Some(t), Some(id)) => {
                sent.insert(id, t);
            }
            (Some("deliver" | "drop"), Some(t), Some(id))
                if sent.get(&id).is_some_and(|&s| s >= from) && t <= to =>
            {
                ended += 1;
            }
            _ => {}
        }
    }
    ended
}

/// What the diagram draws: lane names, message arrows, and its
/// `data-messages` and `data-left-out` counts.
fn drawn(svg: &str) -> (Vec<String>, usize, usize, usize) {
    let doc = roxmltree::Document::parse(svg).expect("the diagram is XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    let view: Vec<&str> = root
        .attribute("viewBox")
        .expect("a viewBox")
        .split(' ')
        .collect();
    assert_eq!(&view[..3], ["0", "0", "720"], "paper width");
    let class = |n: &roxmltree::Node, c: &str| n.attribute("class") == Some(c);
    let lanes = root
        .descendants()
        .filter(|n| class(n, "lane"))
        .map(|n| n.attribute("data-node").unwrap_or_default().to_owned())
        .collect();
    let arrows = root
        .descendants()
        .filter(|n| n.has_tag_name("line"))
        .filter(|n| n.attribute("class").is_some_and(|c| c.starts_with("msg ")))
        .count();
    let messages = root
        .descendants()
        .find(|n| class(n, "messages"))
        .expect("a messages group");
    let count = |name| {
        messages
            .attribute(name)
            .and_then(|v| v.parse().ok())
            .expect("a count")
    };
    (
        lanes,
        arrows,
        count("data-messages"),
        count("data-left-out"),
    )
}

#[test]
fn figure8_draws_a_lane_per_node_and_an_arrow_per_message_not_thinned_out() {
    let dir = tempfile::tempdir().expect("a scratch folder");
    let (svg, records) = figure8(dir.path(), &[]);
    let (lanes, arrows, messages, left_out) = drawn(&svg);
    assert_eq!(lanes, ["S1", "S2", "S3", "S4", "S5"]);
    assert_eq!(messages, messages_within(&records, 0, 3_500_000));
    assert!(left_out > 0, "figure 8 has heartbeats to thin");
    assert_eq!(arrows, messages - left_out);
    let note = format!("heartbeats: 1 round in 5 drawn ({left_out} heartbeats and replies");
    assert!(svg.contains(&note), "the note says what was left out");
}

#[test]
fn a_window_draws_only_the_messages_sent_and_ended_within_it() {
    let dir = tempfile::tempdir().expect("a scratch folder");
    let window = ["--from-ms", "500", "--to-ms", "1000"];
    let (svg, records) = figure8(dir.path(), &window);
    let (lanes, arrows, messages, left_out) = drawn(&svg);
    assert_eq!(lanes.len(), 5);
    assert_eq!(messages, messages_within(&records, 500_000, 1_000_000));
    assert_eq!(arrows, messages - left_out);
    assert!(arrows > 0 && arrows < messages_within(&records, 0, 3_500_000));
    assert!(svg.contains("500 ms to 1000 ms"));
}

#[test]
fn the_figure8_diagram_is_pinned() {
    let dir = tempfile::tempdir().expect("a scratch folder");
    let (svg, _) = figure8(dir.path(), &[]);
    insta::assert_snapshot!("figure8_spacetime", svg);
}

/// One line on stderr, exit 2, nothing on stdout: the run never started.
fn refused(args: &[&str]) -> String {
    let out = run(args);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(stdout(&out), "", "refused before the run");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    err
}

#[test]
fn a_path_that_cannot_be_created_is_refused_before_the_run() {
    let dir = tempfile::tempdir().expect("a scratch folder");
    let missing = dir.path().join("no-such-folder/f8.svg");
    let missing = missing.display().to_string();
    let err = refused(&["run", FIGURE8, "--spacetime", &missing]);
    assert!(
        err.starts_with(&format!("error: cannot create {missing}: ")),
        "{err}"
    );
    let folder = dir.path().display().to_string();
    let err = refused(&["run", FIGURE8, "--spacetime", &folder]);
    assert!(err.starts_with(&format!("error: cannot create {folder}: ")));
}

#[test]
fn an_empty_window_is_refused() {
    let dir = tempfile::tempdir().expect("a scratch folder");
    let file = dir.path().join("f8.svg");
    let path = file.display().to_string();
    let err = refused(&[
        "run",
        FIGURE8,
        "--spacetime",
        &path,
        "--from-ms",
        "5",
        "--to-ms",
        "5",
    ]);
    assert_eq!(
        err,
        "error: the window must start before it ends (from 5 ms, to 5 ms)\n"
    );
    assert!(!file.exists(), "nothing written");
}
