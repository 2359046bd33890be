//! The pipeline runs one way: each stage imports only the stages before it (and the
//! shared modules every stage may use). This test reads the source and fails on an
//! import that points backwards, naming the file and the import.

use std::path::Path;

/// The layers, lowest first. A module may import modules of its own layer or below.
/// Modules not listed are items of the crate root (`build`, `guarded` …), a layer of
/// their own between the pipeline stages and the tools that drive them.
const LAYERS: &[&[&str]] = &[
    // Shared by every stage: messages and diagnostics, file reading, names and formats.
    &[
        "t",
        "ids",
        "messages",
        "diagnostics",
        "encoding",
        "escape",
        "slugs",
        "suggest",
        "layout",
        "kinds",
        "symlinks",
        "safe_write",
        "hardlinks",
        "syntax",
        "source",
        "date_order",
        "date",
        "date_forms",
        "de_clean",
        "numbers",
        "units",
        "theme",
        "i18n",
        "markdown",
        "prose",
        "blocks",
        "output",
        "heap",
        "colour",
    ],
    &["config"],
    &["content"],
    &["data"],
    &["audience"],
    &["site"],
    &["derive", "hygiene"],
    &["charts"],
    &["search"],
    &["related"],
    &["render"],
    &["lib"],
    &["incremental"],
    &["serve"],
    &["schemas", "scaffold", "import"],
];

fn layer(module: &str) -> usize {
    LAYERS
        .iter()
        .position(|l| l.contains(&module))
        .unwrap_or_else(|| layer("lib"))
}

/// The top-level modules a file names through `crate::…`, including inside
/// `use crate::{a::b, c}` groups.
fn imports(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let code: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut rest = code.as_str();
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let name = item.trim().split("::").next().unwrap_or("").trim();
                if !name.is_empty() {
                    found.push(name.to_string());
                }
            }
            continue;
        }
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        found.push(name);
    }
    found
}

#[test]
fn no_import_points_backwards() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut backwards = Vec::new();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(&src).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let module = first.trim_end_matches(".rs").to_string();
        if module == "main" {
            continue; // the binary uses the library from outside
        }
        let text = std::fs::read_to_string(path).unwrap();
        for name in imports(&text) {
            if name != module && layer(&name) > layer(&module) {
                backwards.push(format!("{}: `{module}` imports `{name}`", rel.display()));
            }
        }
    }
    backwards.sort();
    backwards.dedup();
    assert!(
        backwards.is_empty(),
        "imports pointing backwards (see LAYERS in tests/architecture.rs):\n{}",
        backwards.join("\n")
    );
}

#[test]
fn grouped_imports_are_read() {
    assert_eq!(
        imports("use crate::{data::Table, site::Site};\nlet x = crate::render::y;"),
        ["data", "site", "render"]
    );
}
