//! Mistakes on the command line, told in the reader's language.
//!
//! clap writes its errors in English. On a Chinese site a misspelt option (`--ouput`),
//! an unknown command or a bad value was the one message a new user met in English, so
//! the language is settled from the raw arguments before they are parsed, and the
//! commonest mistakes are told in our own words (with clap's suggestion) when it is
//! not English. Help and version output stay clap's.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::error::{ContextKind, ErrorKind};
use clap::{CommandFactory, Parser};

use crate::args::Cli;
use pmo_portal::messages::{Lang, Text, SITE_DEFAULT};
use pmo_portal::t;

/// The language of everything the command prints, from the raw arguments: what
/// `init --lang` asks for, else the reader's (`PMO_LANG`), else the site's at `--root`.
pub fn language(args: &[OsString]) -> Lang {
    let words: Vec<String> = args
        .iter()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let value_of = |flag: &str| {
        words.iter().enumerate().find_map(|(i, w)| {
            w.strip_prefix(&format!("{flag}="))
                .map(str::to_string)
                .or_else(|| (w == flag).then(|| words.get(i + 1).cloned()).flatten())
        })
    };
    let command_at = words
        .iter()
        .enumerate()
        .position(|(i, w)| !w.starts_with('-') && (i == 0 || words[i - 1] != "--root"));
    let command = command_at.map(|i| words[i].as_str());
    // `pmo build portal` names the site as Hugo users do, which is refused below; the
    // refusal is told in that site's language when no site is here to ask.
    let root = value_of("--root").or_else(|| {
        let here = PathBuf::from(".").join("site.toml");
        let named = words
            .iter()
            .skip(command_at? + 1)
            .find(|w| !w.starts_with('-') && PathBuf::from(w.as_str()).join("site.toml").is_file());
        named.filter(|_| !here.is_file()).cloned()
    });
    if command == Some("init") {
        return match value_of("--lang").as_deref() {
            Some("en") => Lang::En,
            _ => Lang::from_env().unwrap_or(SITE_DEFAULT),
        };
    }
    Lang::for_site(&PathBuf::from(root.unwrap_or_else(|| ".".into())))
}

/// Parses `args`; a mistake in them is printed in `lang` and ends the process (status
/// 2, as clap's own).
pub fn parse(args: Vec<OsString>, lang: Lang) -> Cli {
    let command = subcommand(&args);
    let error = match Cli::try_parse_from(args) {
        Ok(cli) => return cli,
        Err(error) => error,
    };
    // In English too: clap's own message names no similar command (`nwe` for `new`).
    let told = in_words(&error, command.as_deref());
    match told {
        Some((message, help)) => {
            eprintln!("{}", t!("error: {message}", message = message).render(lang));
            if let Some(help) = help {
                eprintln!("  {}", help.render(lang));
            }
            let see = match &command {
                Some(command) => t!(
                    "see `pmo {command} --help` for its options and values",
                    command = command.as_str()
                ),
                None => t!("see `pmo --help` for the commands and their options"),
            };
            eprintln!("  {}", see.render(lang));
            std::process::exit(2)
        }
        None => error.exit(),
    }
}

/// The command the arguments name (`new` in `pmo --root x new lessons`, `report hygiene`),
/// if they name one: its own `--help` lists the options and values a mistake was about.
fn subcommand(args: &[OsString]) -> Option<String> {
    let mut command = Cli::command();
    let mut path: Vec<String> = Vec::new();
    for arg in args.iter().skip(1).map(|a| a.to_string_lossy()) {
        let Some(next) = command.find_subcommand(arg.as_ref()).cloned() else {
            continue;
        };
        path.push(next.get_name().to_string());
        command = next;
    }
    (!path.is_empty()).then(|| path.join(" "))
}

/// The mistake and, where clap has one, its suggestion; `None` for what is told as clap
/// tells it (help, version, rarer mistakes).
fn in_words(error: &clap::Error, command: Option<&str>) -> Option<(Text, Option<Text>)> {
    let context = |kind: ContextKind| error.get(kind).map(ToString::to_string);
    let suggestion =
        |kind: ContextKind| context(kind).map(|s| t!("did you mean `{s}`?", s = s.trim()));
    match error.kind() {
        ErrorKind::UnknownArgument => {
            let arg = context(ContextKind::InvalidArg)?;
            if let Some(command) = command.filter(|_| !arg.starts_with('-')) {
                return Some(stray_word(command, &arg));
            }
            Some((
                t!("there is no option `{arg}` here", arg = arg),
                suggestion(ContextKind::SuggestedArg),
            ))
        }
        ErrorKind::InvalidSubcommand => {
            let name = context(ContextKind::InvalidSubcommand)?;
            // clap offers none for a swap of two letters (`nwe`).
            let commands: Vec<String> = Cli::command()
                .get_subcommands()
                .map(|c| c.get_name().to_string())
                .collect();
            let names: Vec<&str> = commands.iter().map(String::as_str).collect();
            // A command's own subcommands (`pmo hygiene` for `pmo report hygiene`).
            let nested: Option<String> = Cli::command().get_subcommands().find_map(|c| {
                c.get_subcommands()
                    .any(|s| s.get_name() == name)
                    .then(|| format!("{} {name}", c.get_name()))
            });
            let own = nested
                .as_deref()
                .or_else(|| pmo_portal::did_you_mean(&name, &names))
                .or_else(|| {
                    names
                        .iter()
                        .copied()
                        .find(|n| strsim::damerau_levenshtein(&name, n) == 1)
                })
                .map(|s| t!("did you mean `{s}`?", s = s));
            Some((
                t!("there is no command `{name}`", name = name.as_str()),
                suggestion(ContextKind::SuggestedSubcommand).or(own),
            ))
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let arg = context(ContextKind::InvalidArg)?;
            let value = context(ContextKind::InvalidValue).unwrap_or_default();
            if value.is_empty() {
                return Some((t!("{arg} needs a value", arg = arg), None));
            }
            let help = match context(ContextKind::ValidValue).filter(|v| !v.is_empty()) {
                Some(valid) => Some(match context(ContextKind::SuggestedValue) {
                    Some(s) => t!(
                        "did you mean `{s}`? It takes one of: {valid}",
                        s = s.trim(),
                        valid = valid
                    ),
                    None => t!("it takes one of: {valid}", valid = valid),
                }),
                None => std::error::Error::source(error).map(|why| reason(&why.to_string())),
            };
            Some((
                t!(
                    "`{value}` is not a value {arg} takes",
                    value = value,
                    arg = arg
                ),
                help,
            ))
        }
        ErrorKind::MissingRequiredArgument => {
            let args = context(ContextKind::InvalidArg)?;
            Some((t!("{args} must be given", args = args), None))
        }
        _ => None,
    }
}

/// A word where the command takes none: the site's folder written as `hugo` and `zola`
/// users write it, or the rest of a title typed without quotes (`pmo new lesson 供应商 延期`).
fn stray_word(command: &str, arg: &str) -> (Text, Option<Text>) {
    if std::path::Path::new(arg).is_dir() {
        return (
            t!(
                "`pmo {command}` takes no `{arg}`: a site's folder is given as `--root`",
                command = command,
                arg = arg
            ),
            Some(t!(
                "write `pmo {command} --root {arg}`, or go into the folder first (`cd {arg}`)",
                command = command,
                arg = arg
            )),
        );
    }
    if command == "new" {
        return (
            t!(
                "`pmo new` takes one title, but `{arg}` comes after it",
                arg = arg
            ),
            Some(match title_retyped() {
                Some(command) => t!(
                    "a title with spaces goes in quotes: `{command}`",
                    command = command
                ),
                None => t!(
                    "a title with spaces goes in quotes: `pmo new lesson \"Vendor delivery delay\"`"
                ),
            }),
        );
    }
    (
        t!(
            "`pmo {command}` takes no `{arg}`",
            command = command,
            arg = arg
        ),
        None,
    )
}

/// The `pmo new` command as typed, its title's words in quotes (`pmo new lesson "Vendor
/// delay"`): a fixed example beside the words a reader typed read as a garbled echo of
/// them. `None` when the words cannot be told apart from the options.
fn title_retyped() -> Option<String> {
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let at = args.iter().position(|a| a == "new")?;
    let kind = args.get(at + 1).filter(|k| !k.starts_with('-'))?;
    let words: Vec<&str> = args[at + 2..]
        .iter()
        .take_while(|a| !a.starts_with('-'))
        .map(String::as_str)
        .collect();
    (words.len() > 1 && !words.iter().any(|w| w.contains('"')))
        .then(|| format!("pmo new {kind} \"{}\"", words.join(" ")))
}

/// A value parser's reason: ours are already in the reader's language; the standard
/// library's for numbers are put in its words.
fn reason(why: &str) -> Text {
    if let Some((_, range)) = why.split_once(" is not in ") {
        if let Some((min, max)) = range.split_once("..=") {
            return t!(
                "a whole number from {min} to {max} is expected",
                min = min,
                max = max
            );
        }
    }
    match why {
        "invalid digit found in string" => t!("a whole number is expected, in digits"),
        "number too large to fit in target type" => t!("the number is too large"),
        _ => pmo_portal::messages::verbatim(why),
    }
}
