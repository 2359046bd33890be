//! Escaping text for HTML and XML written by hand (feeds, figures, tables), and JSON
//! written into the scripts the build makes.

use crate::t;

/// Escapes text for XML/HTML content and attribute values, and drops the characters
/// XML 1.0 forbids: the control characters and U+FFFE, U+FFFF (a byte order mark read
/// the wrong way round). One of them made the whole feed a file no reader takes.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if is_unwanted(c) => {}
            c if is_separator(c) => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

mod invisible;

use invisible::is_separator;
pub use invisible::{
    cleaned, cleaned_owned, is_forbidden_control, is_unwanted, without_noncharacters,
};

/// `text` with each control character (a line break or tab pasted into a file name)
/// written as its escape (`\n`), so a message naming it stays on its lines; borrowed when
/// it has none.
pub fn controls_escaped(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.chars()
            .map(|c| {
                if c.is_control() {
                    c.escape_default().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// Whether `c` at byte `at` of `text` could steer a terminal: a control character but tab
/// and line feed (and a carriage return ending a line), or a C1 control (U+0080–U+009F).
/// An author's text echoed in a report held `ESC [2K ESC [1A`, which erased the warning
/// above it in a maintainer's terminal, and `ESC ]0;…` set its title. The bidirectional
/// overrides and isolates (U+202A–U+202E, U+2066–U+2069) count too: echoed as they are,
/// they turned the rest of a report's line around, so the excerpt read otherwise than
/// the file.
fn steers_terminal(text: &str, at: usize, c: char) -> bool {
    (c.is_control()
        && !matches!(c, '\t' | '\n')
        && !(c == '\r' && text[at + 1..].starts_with('\n')))
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with what could steer a terminal written as its escape (`\u{1b}`), lines kept:
/// an author's words in a message printed to a terminal or a CI log. Borrowed when there
/// is none.
pub fn for_terminal(text: &str) -> std::borrow::Cow<'_, str> {
    if !text
        .char_indices()
        .any(|(at, c)| steers_terminal(text, at, c))
    {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for (at, c) in text.char_indices() {
        if steers_terminal(text, at, c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// [`for_terminal`] keeping every character's byte offset: each is replaced by as many
/// `?` as its bytes, so the spans of a source excerpt still mark the same text.
pub fn for_terminal_in_place(text: &str) -> Option<String> {
    if !text
        .char_indices()
        .any(|(at, c)| steers_terminal(text, at, c))
    {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        if steers_terminal(text, at, c) {
            out.extend(std::iter::repeat_n('?', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    Some(out)
}

/// The templates' escaping: Tera's, after dropping the control characters HTML forbids,
/// so an author's text reaches no page with one whatever the template does with it.
pub fn html_for_templates(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    tera::escape_html(&cleaned(input), out)
}

/// Whether `text` holds U+2028 or U+2029. Every byte of the search index passes here:
/// a string needle is searched with SIMD, where a set of two characters decoded the text
/// a character at a time (tens of millions of instructions at 1,000 pages).
pub fn has_line_separator(text: &str) -> bool {
    text.contains("\u{2028}") || text.contains("\u{2029}")
}

/// JSON text made safe to stand in a script: JSON allows U+2028 and U+2029 raw in a
/// string, but JS engines before ES2019 read them as line breaks, which end a string
/// literal, so the whole file fails to parse. Both are written as `\u` escapes.
pub fn json_in_script(json: String) -> String {
    if has_line_separator(&json) {
        json.replace('\u{2028}', "\\u2028")
            .replace('\u{2029}', "\\u2029")
    } else {
        json
    }
}

/// An attribute value as a browser reads it: character references (`&#106;`, `&#x6A`,
/// `&colon;`, `&amp;` …) decoded. Borrowed when it holds none.
pub fn attribute_value(value: &str) -> std::borrow::Cow<'_, str> {
    if !value.contains('&') {
        return std::borrow::Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match reference(rest) {
            Some((c, used)) => {
                out.extend(c);
                rest = &rest[used..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// The character `text` starts with as a reference, and the bytes the reference takes
/// (`None` for a number no character has, which browsers show as U+FFFD).
fn reference(text: &str) -> Option<(Option<char>, usize)> {
    let body = &text[1..];
    if let Some(num) = body.strip_prefix('#') {
        let (digits, radix, skip) = match num.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16, 3),
            None => (num, 10, 2),
        };
        let len = digits
            .find(|c: char| !c.is_digit(radix))
            .unwrap_or(digits.len());
        let code = u32::from_str_radix(&digits[..len], radix).ok()?;
        let semi = usize::from(digits[len..].starts_with(';'));
        return Some((char::from_u32(code), skip + len + semi));
    }
    // The named references that matter in an address (HTML's list is two thousand long).
    [
        ("amp;", '&'),
        ("lt;", '<'),
        ("gt;", '>'),
        ("quot;", '"'),
        ("apos;", '\''),
        ("colon;", ':'),
        ("Tab;", '\t'),
        ("NewLine;", '\n'),
        ("sol;", '/'),
        ("lpar;", '('),
        ("rpar;", ')'),
        ("period;", '.'),
        ("num;", '#'),
        ("quest;", '?'),
        ("equals;", '='),
        ("nbsp;", '\u{a0}'),
    ]
    .into_iter()
    .find(|(name, _)| body.starts_with(name))
    .map(|(name, c)| (Some(c), 1 + name.len()))
}

/// An address as a browser follows it: references decoded, and the tabs and line
/// breaks URL parsing drops anywhere, and the spaces and controls it trims at either
/// end, removed (`java&#9;script:` is `javascript:`).
pub fn followed_address(value: &str) -> String {
    attribute_value(value)
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .trim_matches(|c: char| c <= ' ')
        .to_string()
}

/// Decodes `%XX` escapes (as browsers send non-ASCII paths); invalid UTF-8 is replaced.
pub fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// What the `%XX` escapes of `address` hide that its plain form is refused for, with the
/// address as decoded (control characters shown escaped): an escaped `/` or `\\`, a
/// control character, a `.` or `..` segment, or a scheme (`javascript%3a…`). Browsers
/// read `%2e%2e` as `..`, and servers decode the rest, some twice, so an address is
/// decoded until it stays the same (three rounds at the most). `None` when it hides none.
pub fn hidden_in_escapes(address: &str) -> Option<(String, crate::messages::Text)> {
    let mut current = address.as_bytes().to_vec();
    for _ in 0..3 {
        let mut decoded = Vec::with_capacity(current.len());
        let mut made = Vec::new();
        let mut i = 0;
        while i < current.len() {
            let hex = |at: usize| current.get(at).and_then(|&b| (b as char).to_digit(16));
            if let (b'%', Some(h), Some(l)) = (current[i], hex(i + 1), hex(i + 2)) {
                // Two hex digits are below 256.
                let byte = u8::try_from(h * 16 + l).unwrap_or(b'%');
                decoded.push(byte);
                made.push(byte);
                i += 3;
            } else {
                decoded.push(current[i]);
                i += 1;
            }
        }
        if made.is_empty() {
            return None;
        }
        let text = String::from_utf8_lossy(&decoded);
        // Those written plainly are the caller's to refuse, in its own words.
        let dots = |text: &str| {
            text.split(['/', '\\'])
                .filter(|part| *part == "." || *part == "..")
                .count()
        };
        let why = if made.iter().any(|b| matches!(b, b'/' | b'\\')) {
            Some(t!(
                "an escaped `/` or `\\` is a folder's edge to some web servers and not to others"
            ))
        } else if made.iter().any(|&b| b < 0x20 || b == 0x7f) {
            Some(t!("it holds a control character"))
        } else if dots(&text) > dots(&String::from_utf8_lossy(&current)) {
            Some(t!(
                "browsers read an escaped `.` or `..` as the folder itself or the one above"
            ))
        } else if crate::markdown::scheme_of(&text).is_some()
            && crate::markdown::scheme_of(address).is_none()
        {
            Some(t!("it begins with a scheme, as `javascript:` does"))
        } else {
            None
        };
        if let Some(why) = why {
            return Some((controls_escaped(&text).into_owned(), why));
        }
        current = decoded;
    }
    None
}

/// A file's path as a URL path: the characters an address may not hold, or that would
/// end its path (`#`, `?`), and `%` itself are percent-encoded; letters of any script
/// and `/` stay as they are, so Chinese names stay readable.
pub fn url_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        let escaped = c.is_ascii_control()
            || matches!(
                c,
                ' ' | '"'
                    | '#'
                    | '%'
                    | '<'
                    | '>'
                    | '?'
                    | '['
                    | '\\'
                    | ']'
                    | '^'
                    | '`'
                    | '{'
                    | '|'
                    | '}'
            );
        if escaped {
            out.push_str(&format!("%{:02X}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// An address as a URI of ASCII only (RFC 3987's mapping of an IRI): each character
/// outside ASCII, and each ASCII one no URI may hold, becomes its UTF-8 bytes
/// percent-encoded. The portal's own pages keep readable Chinese addresses; sitemap
/// readers require this form (the protocol asks for URL-escaped, ASCII addresses).
pub fn ascii_uri(iri: &str) -> String {
    let mut out = String::with_capacity(iri.len());
    let mut bytes = [0; 4];
    for c in iri.chars() {
        let plain = c.is_ascii()
            && !c.is_ascii_control()
            && !matches!(
                c,
                ' ' | '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}'
            );
        if plain {
            out.push(c);
        } else {
            for b in c.encode_utf8(&mut bytes).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{for_terminal, for_terminal_in_place, hidden_in_escapes, xml};

    #[test]
    fn xml_text_holds_only_what_xml_allows() {
        assert_eq!(
            xml("a\u{FFFE}b\u{FFFF}c\u{b}d\u{FFFD}\u{1F600} <&>"),
            "abcd\u{FFFD}\u{1F600} &lt;&amp;&gt;"
        );
    }

    #[test]
    fn what_escapes_hide_is_told_as_decoded() {
        for (address, decoded) in [
            ("/%2e%2e/%2E%2E/etc/passwd", "/../../etc/passwd"),
            ("/a/.%2e/b", "/a/../b"),
            ("/a%0ab", "/a\\nb"),
            ("/a%2fb", "/a/b"),
            ("/a%5Cb", "/a\\b"),
            ("javascript%3aalert(1)", "javascript:alert(1)"),
            ("/%252e%252e/x", "/../x"),
            ("%ff%0a", "\u{fffd}\\n"),
            ("/%E5%85%B3/%2e%2e/../x", "/关/../../x"),
        ] {
            let told = hidden_in_escapes(address).map(|(d, _)| d);
            assert_eq!(told.as_deref(), Some(decoded), "{address}");
        }
        for address in [
            "/lessons/",
            "/%E9%A1%B9%E7%9B%AE/",
            "/weekly%20report/",
            "/a%3Fb/",
            "/a%3ab",
            "/100%",
            "/%E5%85%B3/../x",
        ] {
            assert_eq!(hidden_in_escapes(address), None, "{address}");
        }
    }

    #[test]
    fn what_could_steer_a_terminal_is_escaped_and_lines_are_kept() {
        assert_eq!(
            for_terminal("图\u{1b}[2K\u{7}\n第二行\r\n"),
            "图\\u{1b}[2K\\u{7}\n第二行\r\n"
        );
        assert_eq!(for_terminal("a\rb"), "a\\rb");
        assert_eq!(for_terminal("\u{9b}31m"), "\\u{9b}31m");
        assert!(matches!(
            for_terminal("普通\t文本\n"),
            std::borrow::Cow::Borrowed(_)
        ));
        let kept = for_terminal_in_place("甲\u{1b}]0;t\u{7}\u{85}乙").unwrap();
        assert_eq!(kept, "甲?]0;t???乙");
        assert_eq!(kept.len(), "甲\u{1b}]0;t\u{7}\u{85}乙".len());
        assert_eq!(for_terminal_in_place("无\n"), None);
    }

    #[test]
    fn url_paths_escape_what_would_cut_or_break_them() {
        assert_eq!(
            super::url_path("files/会议 纪要#1?.pdf"),
            "files/会议%20纪要%231%3F.pdf"
        );
        assert_eq!(super::url_path("100%.pdf"), "100%25.pdf");
        assert_eq!(
            super::percent_decode(&super::url_path("a b#%?.png")),
            "a b#%?.png"
        );
    }

    #[test]
    fn uris_hold_only_ascii_and_keep_their_escapes() {
        assert_eq!(
            super::ascii_uri("https://x.example/tags/供应商/"),
            "https://x.example/tags/%E4%BE%9B%E5%BA%94%E5%95%86/"
        );
        assert_eq!(
            super::ascii_uri("https://x.example/a b/100%25/é"),
            "https://x.example/a%20b/100%25/%C3%A9"
        );
        let s = "https://x.example/会议 纪要/";
        assert_eq!(super::percent_decode(&super::ascii_uri(s)), s);
    }

    #[test]
    fn addresses_are_read_as_a_browser_follows_them() {
        for written in [
            "&#106;avascript:x",
            "&#x6A&#x61vascript:x",
            "java&#9;script:x",
            "java&Tab;script&colon;x",
            " \u{1}javascript:x",
            "jav\nascript:x",
        ] {
            assert_eq!(
                super::followed_address(written),
                "javascript:x",
                "{written}"
            );
        }
        assert_eq!(super::attribute_value("a.md?x=1&amp;y=2"), "a.md?x=1&y=2");
        assert_eq!(super::attribute_value("a&b&#;&#xZZ;"), "a&b&#;&#xZZ;");
        assert_eq!(super::attribute_value("#&#x4E00;"), "#一");
    }

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(super::xml("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }
}
