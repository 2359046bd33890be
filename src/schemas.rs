//! JSON Schemas of site.toml and of each kind's front matter (`pmo schema`), generated
//! from the very types the build parses with, so an editor's hints cannot drift from
//! what `pmo check` accepts.

use crate::t;
use std::path::{Path, PathBuf};

use schemars::{schema_for, Schema};

use crate::config::Config;
use crate::content::schema::{
    LessonMeta, PageMeta, PracticeMeta, ProjectMeta, ReviewMeta, SectionMeta,
};
use crate::diagnostics::Diagnostic;

/// Each schema's file name and the schema, titled for the editor's menus.
pub(crate) fn all() -> Vec<(&'static str, Schema)> {
    let titled = |mut schema: Schema, title: &str, description: &str| {
        schema.insert("title".into(), title.into());
        schema.insert("description".into(), description.into());
        schema
    };
    vec![
        (
            "site.schema.json",
            titled(schema_for!(Config), "site.toml", "pmo-portal site settings"),
        ),
        (
            "lesson.schema.json",
            titled(
                schema_for!(LessonMeta),
                "lesson",
                "front matter of content/lessons/*.md",
            ),
        ),
        (
            "practice.schema.json",
            titled(
                schema_for!(PracticeMeta),
                "best practice",
                "front matter of content/practices/**.md",
            ),
        ),
        (
            "project.schema.json",
            titled(
                schema_for!(ProjectMeta),
                "project",
                "front matter of content/projects/<slug>/index.md",
            ),
        ),
        (
            "review.schema.json",
            titled(
                schema_for!(ReviewMeta),
                "review",
                "front matter of content/reviews/*.md",
            ),
        ),
        (
            "section.schema.json",
            titled(
                schema_for!(SectionMeta),
                "section",
                "front matter of a folder's _index.md",
            ),
        ),
        (
            "page.schema.json",
            titled(
                schema_for!(PageMeta),
                "page",
                "front matter of content/_index.md, reports and other pages",
            ),
        ),
    ]
}

/// Writes every schema into `dir` (created if need be); returns the files written.
/// Only these generated files are replaced; nothing else in `dir` is touched.
pub fn write(dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    use crate::safe_write::Existing;
    let fail = |e: std::io::Error, path: &Path| {
        let help = t!("choose a folder you can write to with --output");
        crate::safe_write::failed_at(&e, path, Some(help))
    };
    std::fs::create_dir_all(dir).map_err(|e| fail(e, dir))?;
    let mut written = Vec::new();
    for (name, schema) in all() {
        let path = dir.join(name);
        let mut json = serde_json::to_string_pretty(&schema)
            .map_err(|e| fail(std::io::Error::other(e), &path))?;
        json.push('\n');
        // A link standing for one of them is not written through.
        crate::safe_write::write(dir, Path::new(name), json.as_bytes(), Existing::Replace)
            .map_err(|e| fail(e, &path))?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemas_follow_the_parsers() {
        let schemas = all();
        let lesson = &schemas
            .iter()
            .find(|(n, _)| *n == "lesson.schema.json")
            .unwrap()
            .1;
        let json = serde_json::to_value(lesson).unwrap();
        let required: Vec<&str> = json["required"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(
            required,
            crate::content::schema::Fields::of::<LessonMeta>().required,
            "{json:#}"
        );
        assert_eq!(
            json["additionalProperties"], false,
            "unknown fields are errors"
        );
        let phases = json.to_string();
        assert!(phases.contains("\"monitoring\""), "{phases}");
        let site = &schemas[0].1;
        let site = serde_json::to_value(site).unwrap();
        assert!(
            site["properties"]["language"]["$ref"].is_string(),
            "{site:#}"
        );
        assert_eq!(site["additionalProperties"], false);
    }
}
