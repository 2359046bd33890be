//! The Chinese quick start, `docs/快速入门.md`, run as a reader runs it: each of its `sh`
//! blocks, as written, in order, in a fresh folder that stands for her home. A quick start
//! whose commands fail, or whose portal builds with warnings, misleads the reader on her
//! first day; this test fails instead.
//!
//! Two kinds of block are not run as written, and are checked instead: installing pmo
//! (apt-get, rustup, `cargo install`, which need root and the network; the test runs the
//! `pmo` cargo built) must be exactly [`INSTALL`], so that nothing else slips past unrun;
//! and `pmo serve` runs until Ctrl+C, so it is started on a free port and asked for the
//! pages the guide says to open.

mod common;

use std::path::{Path, PathBuf};

use common::server::Server;

/// The guide's installation lines, in order.
const INSTALL: &[&str] = &[
    "sudo apt-get update",
    "sudo apt-get install -y build-essential curl git",
    "curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y",
    ". \"$HOME/.cargo/env\"",
    "cargo install --path .",
];

/// A block of the guide to run.
enum Step {
    /// Shell lines, run by bash in the folder the previous step ended in.
    Script(String),
    /// `pmo serve`.
    Serve,
}

/// The `sh` blocks of `markdown`, each as its lines: a fence of three or more backticks
/// opens a block, and one at least as long closes it, so a block may hold a shorter one.
fn sh_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut open: Option<(usize, String)> = None;
    for line in markdown.lines() {
        let ticks = line.chars().take_while(|&c| c == '`').count();
        match &mut open {
            None if ticks >= 3 => {
                if line[ticks..].trim() == "sh" {
                    open = Some((ticks, String::new()));
                } else {
                    // Any other block is skipped whole: the same test keeps its fences.
                    open = Some((ticks, "\u{0}".to_string()));
                }
            }
            Some((fence, text)) if ticks >= *fence && line[ticks..].trim().is_empty() => {
                if !text.starts_with('\u{0}') {
                    blocks.push(std::mem::take(text));
                }
                open = None;
            }
            Some((_, text)) => {
                text.push_str(line);
                text.push('\n');
            }
            None => {}
        }
    }
    assert!(open.is_none(), "a block of the guide is never closed");
    blocks
}

/// The guide's steps, the installation lines gathered apart.
fn steps(markdown: &str) -> (Vec<String>, Vec<Step>) {
    let mut install = Vec::new();
    let mut steps = Vec::new();
    for block in sh_blocks(markdown) {
        let lines: Vec<&str> = block.lines().filter(|l| !l.trim().is_empty()).collect();
        if lines.iter().any(|l| INSTALL.contains(l)) {
            assert!(
                lines.iter().all(|l| INSTALL.contains(l)),
                "an installation block holds a line the test would not run:\n{block}"
            );
            install.extend(lines.iter().map(|l| l.to_string()));
        } else if lines == ["pmo serve"] {
            steps.push(Step::Serve);
        } else {
            steps.push(Step::Script(block));
        }
    }
    (install, steps)
}

/// Runs `script` with bash in `dir`, `pmo` on the PATH and `home` as HOME; the folder it
/// ends in, and what it printed.
fn run(script: &str, dir: &Path, home: &Path) -> (PathBuf, String) {
    let bin = Path::new(env!("CARGO_BIN_EXE_pmo")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let end = home.join(".pwd-after-step");
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "set -euo pipefail\n{script}\npwd > '{}'\n",
            end.display()
        ))
        .current_dir(dir)
        .env("PATH", path)
        .env("HOME", home)
        .env_remove("PMO_LANG")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.success(),
        "the step failed:\n{script}\n---\n{printed}"
    );
    let end = std::fs::read_to_string(end).unwrap();
    (PathBuf::from(end.trim_end()), printed)
}

#[test]
fn every_command_of_the_chinese_quick_start_runs_as_written() {
    let guide =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/快速入门.md")).unwrap();
    let (install, steps) = steps(&guide);
    assert_eq!(install, INSTALL, "the installation lines, in order");
    assert!(steps.len() >= 6, "the guide's steps were not found");

    let home = tempfile::tempdir().unwrap();
    let mut dir = home.path().to_path_buf();
    let mut served = false;
    for step in &steps {
        match step {
            Step::Script(script) => {
                let (end, printed) = run(script, &dir, home.path());
                // A guide's portal builds clean: a warning on the reader's first day
                // says the guide taught her something wrong.
                assert!(!printed.contains('⚠'), "{script}\n---\n{printed}");
                dir = end;
            }
            Step::Serve => {
                let server = Server::start(&dir, &["--port", "0"]);
                let (status, _, home_page) = server.get("/");
                assert_eq!(status, 200, "{home_page}");
                assert!(home_page.contains("PMO 知识门户"), "{home_page}");
                let (status, _, project) = server.get("/projects/mes2/");
                assert_eq!(status, 200);
                assert!(project.contains("MES 二期"), "{project}");
                served = true;
            }
        }
    }
    assert!(served, "the guide shows `pmo serve`");

    // What the reader was told she would see.
    let public = home.path().join("门户/public");
    let read = |rel: &str| std::fs::read_to_string(public.join(rel)).unwrap();
    let project = read("projects/mes2/index.html");
    assert!(
        project.contains("MES 二期") && project.contains("<svg"),
        "{project}"
    );
    let quality = read("quality/index.html");
    assert!(
        quality.contains("<svg") && quality.contains("来料不良批次"),
        "the chart is drawn: {quality}"
    );
    assert!(
        quality.contains("href=\"../lessons/供应商来料检验标准不一致导致返工/\""),
        "the link to the lesson: {quality}"
    );
    assert!(
        read("index.html").contains("href=\"./quality/\""),
        "the menu leads to the chart's page"
    );
    let found = common::search_client_in(&public.join("search"), &serde_json::json!(["来料检验"]));
    let urls = common::result_urls(&found[0]);
    assert_eq!(
        urls.first().map(String::as_str),
        Some("lessons/供应商来料检验标准不一致导致返工/"),
        "{}",
        found[0]
    );
}
