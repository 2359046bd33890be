//! A page's `<meta name="description">`: what a search engine or a chat app shows under a
//! pasted link to it.
//!
//! The page's summary is its author's source text — a front matter `summary:` is written
//! as typed, tags, entities, Markdown links and all — and an attribute is read by
//! link checkers and scanners as well as by people: markup or a `javascript:` address
//! standing in it, escaped or not, reads as an address to follow. So the description is
//! the summary's plain text, and one whose text still spells a script address gives way
//! to the site's description.

/// How many characters of the summary a description keeps: what search engines show.
const DESCRIPTION_CHARS: usize = 160;

/// How far back from the cut a word boundary is looked for, so that a long run of text
/// without spaces (Chinese) is cut at the character.
const WORD_LOOKBACK: usize = 30;

/// Elements whose content is no text a reader sees.
const UNSEEN: &[&str] = &[
    "script", "style", "template", "noscript", "iframe", "svg", "math",
];

/// Elements that part the text around them, as a line or a block does.
const PARTING: &[&str] = &[
    "br",
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "tr",
    "td",
    "th",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "blockquote",
    "pre",
    "section",
    "article",
    "img",
];

/// The plain-text description of a page whose summary is `summary`; empty when there is
/// nothing to say or it would read as a script address (the site's description then
/// stands for it).
pub fn of(summary: &str) -> String {
    // Decoded first, so that `&lt;b&gt;` is markup to drop like `<b>`.
    let decoded = crate::escape::attribute_value(summary);
    let text = without_markdown_links(&without_markup(&decoded));
    let text: String = text
        .split(|c: char| c.is_whitespace() || crate::escape::is_forbidden_control(c))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if reads_as_script_address(&text) {
        return String::new();
    }
    cut(&text, DESCRIPTION_CHARS)
}

/// Whether a reader of attributes (a link checker, a scanner) would take `text` for an
/// address that runs script: spaces and controls dropped and case folded, as browsers
/// follow an address.
fn reads_as_script_address(text: &str) -> bool {
    // Each address below holds `:` or `(`, which no other character folds to: most
    // summaries hold neither and need no folding.
    if !text.contains([':', '(']) {
        return false;
    }
    let folded: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .flat_map(char::to_lowercase)
        .collect();
    ["javascript:", "vbscript:", "data:text/html", "expression("]
        .iter()
        .any(|s| folded.contains(s))
}

/// `text` without tags, comments and the content of elements no reader sees. A `<`
/// that opens no tag (`a < b`) is text; a tag never closed takes the rest with it, as a
/// browser reads it.
fn without_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let tag = &rest[at..];
        let after = &tag[1..];
        let opens =
            after.starts_with(|c: char| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?'));
        if !opens {
            out.push('<');
            rest = after;
            continue;
        }
        if let Some(comment) = after.strip_prefix("!--") {
            rest = comment.find("-->").map_or("", |e| &comment[e + 3..]);
            continue;
        }
        let Some(end) = tag_end(tag) else {
            rest = "";
            break;
        };
        let name: String = after
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .flat_map(|c| c.to_lowercase())
            .collect();
        rest = &tag[end..];
        if UNSEEN.contains(&name.as_str()) {
            let close = format!("</{name}");
            rest = rest
                .to_ascii_lowercase()
                .find(&close)
                .and_then(|e| rest[e..].find('>').map(|g| &rest[e + g + 1..]))
                .unwrap_or("");
        }
        // A line or block parts words as a space would (`<br>`, `</p><p>`); an inline
        // tag (`<b>`, `<a>`) parts nothing: `供应<b>商</b>` is one word.
        if PARTING.contains(&name.as_str()) {
            out.push(' ');
        }
    }
    out.push_str(rest);
    out
}

/// The byte just past the `>` that closes the tag `tag` starts with, quotes respected
/// (`<a title="a>b">`).
fn tag_end(tag: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in tag.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// `text` with each Markdown link or image (`[点我](address)`, `![图](a.png)`) as its
/// text: the address is no part of what the reader reads.
fn without_markdown_links(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find("](").map(|c| open + c) else {
            break;
        };
        let Some(end) = rest[close + 2..].find(')').map(|e| close + 2 + e) else {
            break;
        };
        let before = rest[..open].strip_suffix('!').unwrap_or(&rest[..open]);
        out.push_str(before);
        out.push_str(&rest[open + 1..close]);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// `text` cut to at most `max` characters with `…` added: at a space when one is near
/// the cut, else at a character, never inside an emoji's sequence (a skin tone or a
/// joined figure cut in two shows as two pictures or a box).
fn cut(text: &str, max: usize) -> String {
    let Some((at, _)) = text.char_indices().nth(max) else {
        return text.to_string();
    };
    let mut head = &text[..at];
    let next = text[at..].chars().next();
    let mid_word = |h: &str| {
        h.chars().last().is_some_and(char::is_alphanumeric)
            && next.is_some_and(char::is_alphanumeric)
    };
    if mid_word(head) && head.chars().last().is_some_and(|c| c.is_ascii()) {
        if let Some(space) = head.rfind(' ') {
            if head[space..].chars().count() <= WORD_LOOKBACK {
                head = &head[..space];
            }
        }
    }
    while let Some(last) = head.chars().last() {
        let follows_on = text[head.len()..].chars().next().is_some_and(continues);
        if follows_on || last == '\u{200d}' {
            head = &head[..head.len() - last.len_utf8()];
        } else {
            break;
        }
    }
    format!("{}…", head.trim_end())
}

/// Whether `c` belongs to the character before it: a joiner, a variation selector, a
/// skin tone, a tag of a flag, or a combining mark.
fn continues(c: char) -> bool {
    matches!(c,
        '\u{200d}'
        | '\u{fe00}'..='\u{fe0f}'
        | '\u{1f3fb}'..='\u{1f3ff}'
        | '\u{e0020}'..='\u{e007f}'
        | '\u{0300}'..='\u{036f}'
        | '\u{20d0}'..='\u{20ff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_script_addresses_leave_no_trace() {
        for hostile in [
            "<a href=\"javascript:__pwned=1\">点我</a>",
            "<a href=\"&#106;avascript:__pwned=1\">点我</a>",
            "&lt;a href=&quot;javascript:__pwned=1&quot;&gt;点我&lt;/a&gt;",
            "[点我](javascript:__pwned=1)",
            "<a title=\"a>b\" href=\"javascript:x\">点我</a>",
            "<script>__pwned=1</script>点我",
            "<!-- javascript:x -->点我",
        ] {
            let d = of(hostile);
            assert_eq!(d, "点我", "{hostile}");
        }
        assert_eq!(of("<img src=x onerror=__pwned=1>"), "");
        assert_eq!(
            of("<meta http-equiv=\"refresh\" content=\"0;url=javascript:x\">"),
            ""
        );
        // Spelt out as text, it still reads as an address to a scanner: dropped.
        assert_eq!(of("在地址栏输入 javascript:alert(1) 即可复现"), "");
        assert_eq!(of("<a href=\"javascript:x\" 没有闭合"), "");
        for d in ["\"><svg onload=x>", "<b>粗</b>体", "a &amp; b &lt; c"] {
            let d = of(d);
            assert!(!d.contains('<') || !d.contains('>'), "{d}");
        }
    }

    #[test]
    fn entities_decode_and_text_stays() {
        assert_eq!(of("成本 &amp; 进度 &#x6A; &nbsp;"), "成本 & 进度 j");
        assert_eq!(of("CPI < 0.9 时预警"), "CPI < 0.9 时预警");
        assert_eq!(of("第一行\n第二行\u{2028}第三行"), "第一行 第二行 第三行");
        assert_eq!(of("供应商<br>延期"), "供应商 延期");
        assert_eq!(of("<p>第一段</p><p>第二段</p>"), "第一段 第二段");
        assert_eq!(of("供应<b>商</b>延期"), "供应商延期");
    }

    #[test]
    fn long_text_is_cut_at_a_word_or_a_character() {
        let zh = "供应商交付延期导致里程碑滑移。".repeat(20);
        let d = of(&zh);
        assert_eq!(d.chars().count(), DESCRIPTION_CHARS + 1);
        assert!(d.ends_with('…'));
        let en = "The vendor delivered the interface module three weeks late. ".repeat(5);
        let d = of(&en);
        assert!(
            d.ends_with('…') && d.chars().count() <= DESCRIPTION_CHARS + 1,
            "{d}"
        );
        let words: Vec<&str> = d.trim_end_matches('…').split(' ').collect();
        let whole: Vec<&str> = en.split(' ').collect();
        assert!(whole.contains(words.last().unwrap()), "{d}");
        // An emoji sequence is never split: a family joined by U+200D, a skin tone.
        let family = "👨\u{200d}👩\u{200d}👧";
        for filler in 150..160 {
            let text = format!("{}{family}{family}👍🏽👍🏽 后文", "进".repeat(filler));
            let d = of(&text);
            let kept = d.trim_end_matches('…');
            assert!(!kept.ends_with('\u{200d}'), "{filler}: {d}");
            let tail = &text[kept.len()..];
            assert!(!tail.starts_with(continues), "{filler}: {d}");
        }
    }
}
