//! Whether an event is inside a code block, known in one place for every pass that
//! reads prose (Hugo shortcodes, footnotes left as text …): in code, such markup is an
//! example of itself, shown as written, and is not told. A fix to what counts as code
//! (an indented block, a fence inside a list or quote) lands here once.

use pulldown_cmark::{Event, Tag, TagEnd};

/// The code blocks open around the current event.
#[derive(Default)]
pub(super) struct CodeBlocks {
    depth: usize,
}

impl CodeBlocks {
    /// Follows one event; true when it is inside a code block (its start and end
    /// count as inside).
    pub(super) fn see(&mut self, event: &Event<'_>) -> bool {
        match event {
            Event::Start(Tag::CodeBlock(_)) => {
                self.depth += 1;
                true
            }
            Event::End(TagEnd::CodeBlock) => {
                self.depth = self.depth.saturating_sub(1);
                true
            }
            _ => self.depth > 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CodeBlocks;
    use pulldown_cmark::{Event, Parser};

    /// The text of each event, and whether it was seen as inside code.
    fn seen(markdown: &str) -> Vec<(String, bool)> {
        let mut code = CodeBlocks::default();
        Parser::new_ext(markdown, super::super::options())
            .filter_map(|event| {
                let inside = code.see(&event);
                match event {
                    Event::Text(t) => Some((t.trim_end().to_string(), inside)),
                    _ => None,
                }
            })
            .collect()
    }

    #[test]
    fn fenced_indented_and_nested_code_is_inside_and_prose_after_it_is_not() {
        let text = "前言\n\n```toml\n[^1] {{< x >}}\n```\n\n    缩进 代码\n\n- 列表\n\n  ~~~\n  列表里的代码\n  ~~~\n\n> 引用\n> ```\n> 引用里的代码\n> ```\n\n结尾 `行内`\n";
        assert_eq!(
            seen(text),
            [
                ("前言", false),
                ("[^1] {{< x >}}", true),
                ("缩进 代码", true),
                ("列表", false),
                ("列表里的代码", true),
                ("引用", false),
                ("引用里的代码", true),
                ("结尾", false),
            ]
            .map(|(t, inside)| (t.to_string(), inside))
        );
    }
}
