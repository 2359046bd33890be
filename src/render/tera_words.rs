//! Tera's words for template mistakes, told as messages a translation can carry: Tera
//! writes English whatever the site's language.

use crate::t;

/// The most fields an undefined-variable error lists: beyond them, the closest.
const FIELDS_LISTED: usize = 40;

/// Tera's words for the commonest template mistakes, told as messages a translation can
/// carry (Tera writes English whatever the site's language); any other as Tera wrote it.
pub(super) fn tera_words(message: &str) -> crate::messages::Text {
    let message = message.trim();
    let named = |prefix: &str| {
        message
            .strip_prefix(prefix)
            .and_then(|rest| rest.split_once('`'))
    };
    // Tera quotes a template's name in single quotes where it names one in a sentence.
    let quoted = |prefix: &str| {
        message
            .strip_prefix(prefix)
            .and_then(|rest| rest.split_once('\''))
    };
    let listed = |rest: &str| {
        rest.split_once("Available fields: ")
            .map(|(_, fields)| fields.trim().to_string())
    };
    if let Some((name, _)) = named("Unknown template `") {
        return t!(
            "there is no template `{name}` in the theme or templates/",
            name = name
        );
    }
    if let Some((name, _)) = named("Unknown filter `") {
        return t!("there is no filter `{name}`", name = name);
    }
    if let Some((name, _)) = named("Unknown function `") {
        return t!("there is no function `{name}`", name = name);
    }
    if message.starts_with("This content would be ignored") {
        return t!("this is outside every `{{% block %}}` of a template that extends another, so it would never show: move it into a block");
    }
    if message == "Unexpected end of input" {
        return t!("the template ends inside a tag or a block: a `}}}}`, a `%}}` or an `{{% end… %}}` is missing");
    }
    if message == "Unexpected character" {
        return t!("a character Tera cannot read inside `{{{{ … }}}}` or `{{% … %}}` (an invisible character, or full-width punctuation)");
    }
    if let Some((found, expected)) = message
        .strip_prefix("Found ")
        .and_then(|rest| rest.split_once(" but expected "))
    {
        return t!(
            "found {found} where Tera expects {expected}",
            found = found,
            expected = expected_in_words(expected.trim_end_matches('.'))
        );
    }
    if message == "Unknown tag" {
        return t!("a `{{% … %}}` tag Tera does not know here (an `end…` tag without its opening tag, or a misspelt name)");
    }
    if let Some((name, rest)) = named("Field `").or_else(|| named("Variable `")) {
        if rest.starts_with(" is not defined") {
            let Some(fields) = listed(rest) else {
                return t!("`{name}` is not defined here", name = name);
            };
            let names: Vec<&str> = fields.split(',').map(str::trim).collect();
            // The UI strings `t` hold hundreds: the one meant, or a few, not them all.
            return match crate::suggest::did_you_mean(name, &names) {
                Some(meant) => t!(
                    "`{name}` is not defined here: did you mean `{meant}`?",
                    name = name,
                    meant = meant
                ),
                None if names.len() > FIELDS_LISTED => t!(
                    "`{name}` is not defined here; there are {count} fields there, e.g. {fields}, …",
                    name = name,
                    count = names.len(),
                    fields = crate::suggest::closest(name, &names, FIELDS_LISTED).join(", ")
                ),
                None => t!(
                    "`{name}` is not defined here; the fields there are: {fields}",
                    name = name,
                    fields = fields
                ),
            };
        }
    }
    if let Some((name, _)) = named("Block `") {
        if message.ends_with("is not defined in any parent template") {
            return t!(
                "the block `{name}` is in no template this one extends",
                name = name
            );
        }
    }
    if message.starts_with("Invalid syntax for `set`") {
        return t!("`{{% set %}}` is written `{{% set name = value %}}`");
    }
    if let Some((name, _)) = named("Template already contains a block named `") {
        return t!(
            "the block `{name}` is in this template twice: rename or delete one",
            name = name
        );
    }
    if message.starts_with("Closing comment tag") {
        return t!("a comment `{{# … #}}` is never closed: end it with `#}}`");
    }
    if message.starts_with("`extends` needs to be the first tag") {
        return t!(
            "`{{% extends %}}` must be the template's first tag: move it to the top of the file"
        );
    }
    if named("Template is already extending `").is_some() {
        return t!("a second `{{% extends %}}`: a template extends one other, on its first line");
    }
    if let Some(inside) = message
        .strip_prefix("Blocks cannot be written inside a ")
        .map(|rest| rest.trim_end_matches('.'))
    {
        return t!(
            "a `{{% block %}}` cannot stand inside `{{% {inside} %}}`: move it out",
            inside = inside
        );
    }
    if let Some((current, parent)) = quoted("Template '").and_then(|(current, rest)| {
        let parent = rest
            .strip_prefix(" is inheriting from '")?
            .split_once('\'')?
            .0;
        Some((current, parent))
    }) {
        return t!(
            "`{current}` extends `{parent}`, which is no template of the theme or templates/",
            current = current,
            parent = parent
        );
    }
    if let Some((name, _)) = quoted("Circular extend detected for template '") {
        return t!(
            "`{name}` extends itself, directly or through the templates it extends",
            name = name
        );
    }
    if let Some((name, _)) = quoted("Circular include detected for template '") {
        return t!(
            "`{name}` includes itself, directly or through the templates it includes, so it would never end",
            name = name
        );
    }
    if let Some((expected, got)) = message
        .strip_prefix("Invalid type for the value, expected `")
        .and_then(|rest| rest.split_once("` but got `"))
    {
        return t!(
            "a value of type `{got}` where `{expected}` is wanted (a filter's input or argument of the wrong kind)",
            got = got.trim_end_matches('`'),
            expected = expected
        );
    }
    if let Some((kind, _)) = named("Iteration not possible on type `") {
        return t!(
            "`{{% for %}}` cannot go over a value of type `{kind}`: it goes over a list or a map (a name written wrong is `undefined`)",
            kind = kind
        );
    }
    if let Some((name, _)) = named("Unknown test `") {
        return t!("there is no test `{name}` (as in `is {name}`)", name = name);
    }
    if message == "Cannot divide by 0" {
        return t!("a division by 0");
    }
    if message == "Tried to render a variable that is undefined" {
        return t!("the value printed here is not defined (a field the page does not have, or an index past a list's end): guard it with `{{% if … %}}` or `| default(value=\"\")`");
    }
    if message == "unexpected end of raw block" {
        return t!("`{{% raw %}}` is never closed: end it with `{{% endraw %}}`");
    }
    if message.starts_with("Components with body content must use tag syntax") {
        return t!("a component with content inside is written as a tag: `{{% <name()> %}}…{{% </name> %}}`");
    }
    crate::messages::verbatim(message)
}

/// What Tera's parser expected, in the reader's words where it wrote its own terms.
fn expected_in_words(expected: &str) -> crate::messages::Text {
    match expected {
        "identifier" | "ident" => t!("a name"),
        "string" => t!("text in quotes"),
        "`...`, a string, an integer or a bool" => {
            t!("a value (text in quotes, a number, true or false)")
        }
        e if e.starts_with("one of: integer, float, string, bool, ident") => {
            t!("a value or a name")
        }
        e => crate::messages::verbatim(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A template whose lines were swapped, `{% extends %}` moved down, got Tera's
    /// English on a Chinese site.
    #[test]
    fn an_extends_below_the_first_tag_is_told_in_the_readers_words() {
        let told = tera_words("`extends` needs to be the first tag of the template")
            .render(crate::messages::Lang::ZhCn);
        assert!(!told.contains("needs to be"), "{told}");
        assert!(told.contains("extends"), "{told}");
        let told =
            tera_words("Closing comment tag `#}` not found").render(crate::messages::Lang::ZhCn);
        assert!(!told.contains("Closing"), "{told}");
    }
}
