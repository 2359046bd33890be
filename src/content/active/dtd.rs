//! The declarations of an XML document's DTD, read as a browser's parser reads them:
//! an entity can expand into any markup, and an `<!ATTLIST>` gives elements attributes
//! they do not write, an `onload` among them (the eighth hunt for script).

use super::attribute_runs;

/// Where the declaration starting `<!` at `at` ends, its literals skipped as a parser
/// skips them: after its `>`, or for the document type, after the `[` that opens its
/// internal subset, whose declarations and comments are then read one by one like the
/// rest of the file. Looking for the subset's `]>` at once passed over what a comment
/// (`<!-- ]> -->`) or a literal (`"]>"`) held, and a `[` in the document type's own
/// address (`SYSTEM "x[y"`) took the whole drawing for its subset.
pub(super) fn declaration_end(bytes: &[u8], at: usize) -> usize {
    let doctype = bytes[at..]
        .get(2..9)
        .is_some_and(|k| k.eq_ignore_ascii_case(b"DOCTYPE"));
    let mut quote = None;
    for (j, &b) in bytes.iter().enumerate().skip(at + 2) {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return j + 1,
            (None, b'[') if doctype => return j + 1,
            _ => {}
        }
    }
    bytes.len()
}

/// Whether a DTD declaration could run a script, and the internal entities it declares
/// (added to `entities`). An entity runs one when it could expand into markup or load a
/// file (Illustrator's only name namespaces, `<!ENTITY ns_svg "http://…">`, which is
/// text); an attribute list when it gives an attribute that runs one by default.
pub(super) fn declaration_runs(decl: &str, entities: &mut Vec<(String, String)>) -> bool {
    let body = &decl[2..];
    let keyword: String = body
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect::<String>()
        .to_ascii_uppercase();
    let body = body[keyword.len()..].trim_end_matches('>');
    match keyword.as_str() {
        "ENTITY" => {
            let rest = body.trim_start();
            let value = rest.split_once(['"', '\'']).map_or("", |(_, v)| v);
            let loads = rest.contains("SYSTEM") || rest.contains("PUBLIC") || rest.starts_with('%');
            if loads || value.contains(['<', '&', '%']) {
                return true;
            }
            let name: String = rest
                .chars()
                .take_while(|c| !c.is_whitespace() && !matches!(c, '"' | '\''))
                .collect();
            let value = value.split(['"', '\'']).next().unwrap_or("");
            entities.push((name, value.to_string()));
            false
        }
        "ATTLIST" => attribute_defaults(body)
            .into_iter()
            .any(|(name, value)| attribute_runs(name, value, entities)),
        _ => false,
    }
}

/// The attributes an `<!ATTLIST …>` (its text after the keyword) declares, each with
/// its default value (empty when it has none): the words outside literals after the
/// element's name, paired with the literal that follows each.
fn attribute_defaults(body: &str) -> Vec<(&str, &str)> {
    let mut found: Vec<(&str, &str)> = Vec::new();
    let mut words = 0;
    // Inside an enumeration's parentheses, `(on | off)`: values, not names.
    let mut depth = 0usize;
    let mut rest = body.trim_start();
    while !rest.is_empty() {
        if let Some(q) = rest.chars().next().filter(|c| matches!(c, '"' | '\'')) {
            let end = rest[1..].find(q).map_or(rest.len(), |e| e + 1);
            if let Some(last) = found.last_mut() {
                *last = (last.0, &rest[1..end]);
            }
            rest = rest.get(end + 1..).unwrap_or("").trim_start();
            continue;
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\''))
            .unwrap_or(rest.len());
        let word = &rest[..end];
        let opened = depth + word.matches('(').count();
        // The element's name first; types (`CDATA`, `(a|b)`) and `#FIXED` are no names.
        if words > 0
            && opened == 0
            && word.starts_with(|c: char| c.is_alphabetic() || matches!(c, '_' | ':'))
            && !is_attribute_type(word)
        {
            found.push((word, ""));
        }
        depth = opened.saturating_sub(word.matches(')').count());
        words += 1;
        rest = rest[end..].trim_start();
    }
    found
}

/// The attribute types of an `<!ATTLIST>`, which stand where a name would.
fn is_attribute_type(word: &str) -> bool {
    matches!(
        word,
        "CDATA"
            | "ID"
            | "IDREF"
            | "IDREFS"
            | "ENTITY"
            | "ENTITIES"
            | "NMTOKEN"
            | "NMTOKENS"
            | "NOTATION"
    )
}

#[cfg(test)]
mod tests {
    use super::attribute_defaults;

    #[test]
    fn an_attribute_list_names_its_attributes_and_their_defaults() {
        assert_eq!(
            attribute_defaults(" svg onload CDATA \"x()\" class CDATA #IMPLIED"),
            [("onload", "x()"), ("class", "")]
        );
        // Enumerated values and `#FIXED` are no names.
        assert_eq!(
            attribute_defaults(" a mode ( on | online ) 'on' x:href CDATA #FIXED \"#a\""),
            [("mode", "on"), ("x:href", "#a")]
        );
    }
}
