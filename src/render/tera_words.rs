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
    if let Some(quote) = message
        .strip_prefix("String opened with `")
        .and_then(|rest| rest.split_once('`'))
        .map(|(quote, _)| quote)
    {
        return t!(
            "text opened with {quote} is never closed: add the closing {quote} on the same line",
            quote = quote
        );
    }
    if let Some((attr, _)) = message
        .strip_prefix("Found invalid field of `loop`: ")
        .and_then(|rest| rest.split_once(". "))
    {
        return t!(
            "`loop.{attr}` does not exist: a loop knows `loop.index`, `loop.index0`, `loop.first`, `loop.last` and `loop.length`",
            attr = attr
        );
    }
    if let Some((name, _)) = named("Missing keyword argument `") {
        return t!(
            "the argument `{name}` is needed here: write it as `{name}=…`",
            name = name
        );
    }
    if let Some((name, _)) = named("Filter `") {
        if message.ends_with("is not registered") {
            return t!("there is no filter `{name}`", name = name);
        }
    }
    if let Some((left, right)) = message
        .strip_prefix("Cannot compare `")
        .and_then(|rest| rest.split_once("` with `"))
    {
        return t!(
            "a value of type `{left}` cannot be compared with one of type `{right}` (a number written in quotes is text)",
            left = left,
            right = right.trim_end_matches('`')
        );
    }
    if let Some((kind, _)) = named("Math operations can only be done on numbers, found `") {
        return t!(
            "arithmetic needs numbers, but a value here is of type `{kind}` (a number written in quotes is text; an unknown name is `undefined`)",
            kind = kind
        );
    }
    if message == "Cannot index into an undefined value" {
        return t!(
            "`[…]` is used on a value that is not defined: check the name before the brackets"
        );
    }
    if message == "Index expression is undefined" {
        return t!("the name inside `[…]` is not defined");
    }
    if let Some(key) = message
        .strip_prefix("Map does not have a key ")
        .and_then(|rest| rest.split_once(" and no default"))
        .map(|(key, _)| key)
    {
        return t!(
            "the map has no key `{key}`: give a `default=…` or check the key",
            key = key
        );
    }
    if let Some((end, start)) = quoted("Closing tag '").and_then(|(end, rest)| {
        let start = rest
            .strip_prefix(" doesn't match opening tag '")?
            .split_once('\'')?
            .0;
        Some((end, start))
    }) {
        return t!(
            "`</{end}>` closes `<{start}>`: the closing tag must name the component it closes",
            end = end,
            start = start
        );
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

    /// Tera's English for a missing quote, a wrong `loop` field, a comparison or sum of
    /// the wrong types … reached a Chinese site's authors word for word.
    #[test]
    fn the_commoner_template_mistakes_are_told_in_chinese() {
        let english = [
            ("String opened with `\"` is missing its closing `\"`", "opened"),
            (
                "Found invalid field of `loop`: idx. Only `index`, `index0`, `first`, `last` and `length` exist.",
                "Only",
            ),
            ("Missing keyword argument `value`", "Missing"),
            ("Filter `shout` is not registered", "registered"),
            ("Cannot compare `string` with `integer`", "compare"),
            (
                "Math operations can only be done on numbers, found `string`",
                "Math",
            ),
            ("Cannot index into an undefined value", "index into"),
            ("Index expression is undefined", "expression"),
            (
                "Map does not have a key red and no default values were defined",
                "default values",
            ),
            (
                "Closing tag 'card' doesn't match opening tag 'panel'",
                "match",
            ),
        ];
        for (message, english_word) in english {
            let told = tera_words(message).render(crate::messages::Lang::ZhCn);
            assert!(!told.contains(english_word), "{message} → {told}");
            assert!(
                told.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{told}"
            );
        }
        let told = tera_words("Found invalid field of `loop`: idx. Only …")
            .render(crate::messages::Lang::En);
        assert!(told.contains("`loop.idx`"), "{told}");
        let told = tera_words("Closing tag 'card' doesn't match opening tag 'panel'")
            .render(crate::messages::Lang::En);
        assert!(told.contains("`</card>` closes `<panel>`"), "{told}");
    }

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
