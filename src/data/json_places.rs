//! Where each value of a JSON table is written. serde_json keeps no positions, so the
//! text (already checked by serde_json) is scanned once for the objects of the top-level
//! list and the offset of each of their values.

/// For each object of the top-level array, its keys with the byte offset of their value.
pub fn value_offsets(text: &str) -> Vec<Vec<(String, usize)>> {
    let bytes = text.as_bytes();
    let mut rows: Vec<Vec<(String, usize)>> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    // The last string seen at depth 2 (inside a row object): a key if a `:` follows.
    let mut last_string: Option<(usize, usize)> = None;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                if depth == 2 {
                    last_string = Some((start, i.min(bytes.len())));
                }
            }
            b':' if depth == 2 => {
                if let (Some((s, e)), Some(row)) = (last_string.take(), rows.last_mut()) {
                    let raw = text.get(s..=e).unwrap_or("\"\"");
                    let key = serde_json::from_str::<String>(raw).unwrap_or_default();
                    let mut v = i + 1;
                    while v < bytes.len() && bytes[v].is_ascii_whitespace() {
                        v += 1;
                    }
                    row.push((key, v));
                }
            }
            b'{' | b'[' => {
                depth += 1;
                if depth == 2 && bytes[i] == b'{' {
                    rows.push(Vec::new());
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_value_of_each_row() {
        let text = "[{\"a\": 1, \"b\\\"\": [1, {\"x\": 2}]},\n {\"a\":\"s:t\"}]";
        let rows = value_offsets(text);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0][0], ("a".to_string(), 7));
        assert_eq!(rows[0][1].0, "b\"");
        assert_eq!(&text[rows[1][0].1..][..5], "\"s:t\"");
    }
}
