//! Where a front matter never closed was meant to end.

use super::Format;

/// In a front matter never closed, the last line that reads as a field (its number
/// counted from the line after the opening fence, from 1) before the first line that
/// reads as the page's text: where the fence was forgotten. `None` when no line reads as
/// text, or none as a field before it.
pub(super) fn last_field_above_text(after_fence: &str, format: Format) -> Option<(usize, &str)> {
    let mut last = None;
    for (n, line) in after_fence.lines().enumerate() {
        let trimmed = line.trim_end();
        let key = |sep: char| {
            trimmed.split_once(sep).is_some_and(|(k, _)| {
                !k.trim().is_empty() && !k.trim().contains(char::is_whitespace)
            })
        };
        let field = trimmed.is_empty()
            || line.starts_with([' ', '\t', '#'])
            || trimmed.starts_with("- ")
            || match format {
                Format::Yaml => key(':'),
                _ => key('=') || trimmed.starts_with('['),
            };
        if !field {
            return last;
        }
        if !trimmed.is_empty() {
            last = Some((n + 1, trimmed));
        }
    }
    None
}
