//! Escaping text for HTML and XML written by hand (feeds, figures, tables), and JSON
//! written into the scripts the build makes.

/// Escapes text for XML/HTML content and attribute values, and drops the control
/// characters XML 1.0 forbids.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\r' | '\t') => {}
            c => out.push(c),
        }
    }
    out
}

/// JSON text made safe to stand in a script: JSON allows U+2028 and U+2029 raw in a
/// string, but JS engines before ES2019 read them as line breaks, which end a string
/// literal, so the whole file fails to parse. Both are written as `\u` escapes.
pub fn json_in_script(json: String) -> String {
    if json.contains(['\u{2028}', '\u{2029}']) {
        json.replace('\u{2028}', "\\u2028")
            .replace('\u{2029}', "\\u2029")
    } else {
        json
    }
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

/// `url` with each byte of every character outside ASCII percent-encoded
/// (`tags/风险/` → `tags/%E9%A3%8E%E9%99%A9/`): the form the sitemap protocol and
/// robots.txt take (RFC 3986), where pages and browsers read the characters themselves.
pub fn ascii_address(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
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

#[cfg(test)]
mod tests {
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
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(super::xml("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }
}
