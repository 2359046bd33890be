//! Messages for people, in the site's language.
//!
//! A message is written once, in English, as a template with named holes
//! (`t!("missing field `{field}`", field = name)`). The English template is also the key
//! of its translation in the catalog of each other language (`zh-CN.toml` beside this
//! file), the way gettext keys on the source text: a message never has to be given an
//! artificial id, and one whose translation is missing still shows, in English. The
//! catalog is checked against the source by a test, so a new message without a
//! translation, or a translation whose holes do not match, fails CI.
//!
//! Messages are kept as [`Text`] (template + arguments) until they are shown, so the
//! pipeline never needs to know the reader's language: `main.rs`, the JSON output and
//! `serve`'s overlay pick it at the edge.

mod library;
mod recognize;

pub use library::{library, toml_library};

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Builds a [`Text`]: an English template with `{name}` holes and the value of each.
///
/// Values may be anything shown as text (strings, numbers, paths) or another [`Text`],
/// which is then translated too.
#[macro_export]
macro_rules! t {
    ($template:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::messages::Text::new(
            $template,
            vec![$((stringify!($name), $crate::messages::IntoArg::into_arg($value))),*],
        )
    };
}

/// The languages messages can be shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    ZhCn,
}

impl Lang {
    /// The language for a code such as `zh-CN`, `zh`, `en-US`; English when unknown.
    pub fn from_code(code: &str) -> Lang {
        let code = code.trim().to_ascii_lowercase();
        if code == "zh" || code.starts_with("zh-") || code.starts_with("zh_") {
            Lang::ZhCn
        } else {
            Lang::En
        }
    }

    /// The language `title` and `text` are plainly written in: English when Latin
    /// letters make words and Chinese characters are at most a name or two among them,
    /// Chinese when Chinese characters carry the text (a Chinese page quoting `ERP`,
    /// `SPI` or a vendor's English name is Chinese). `None` for a short or evenly mixed
    /// text.
    pub fn of_text(title: &str, text: &str) -> Option<Lang> {
        let (mut han, mut latin) = (0usize, 0usize);
        for c in title.chars().chain(text.chars()).take(SAMPLE_CHARS) {
            if is_han(c) {
                han += 1;
            } else if c.is_ascii_alphabetic() {
                latin += 1;
            }
        }
        // A Chinese character is about a word, an English word about five letters.
        if latin >= 40 && han * 50 <= latin {
            Some(Lang::En)
        } else if han >= 20 && han * 2 >= latin {
            Some(Lang::ZhCn)
        } else {
            None
        }
    }

    /// The language of the system's locale (`LC_ALL`, `LC_MESSAGES`, `LANG`, the first
    /// set), when it is one pmo speaks: for a command run where there is no site to ask.
    pub fn from_locale() -> Option<Lang> {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|var| std::env::var(var).ok())
            .find(|v| !v.is_empty())
            .filter(|v| !matches!(v.as_str(), "C" | "POSIX") && !v.starts_with("C."))
            .map(|v| Lang::from_code(&v))
    }

    /// The language `PMO_LANG` asks for, if it is set.
    pub fn from_env() -> Option<Lang> {
        std::env::var_os("PMO_LANG")
            .filter(|c| !c.is_empty())
            .map(|code| Lang::from_code(&code.to_string_lossy()))
    }

    /// The language for messages about the site at `root`: `PMO_LANG` when set, else the
    /// site's `language` in site.toml (read leniently, so a broken site.toml still gets
    /// its errors in the site's language; when it names none or is not a file to read,
    /// the language its home page is plainly written in, else the site's default), else
    /// that of the site `root` lies inside or just above, else English.
    pub fn for_site(root: &Path) -> Lang {
        if let Some(lang) = Lang::from_env() {
            return lang;
        }
        // Named nowhere (an empty site.toml, one cut short) or unreadable: the language
        // the home page is written in, which is what its author reads.
        let unread = || home_page_language(root).unwrap_or(SITE_DEFAULT);
        let path = root.join(crate::layout::CONFIG_FILE);
        // Something there that is no file to read (a folder, a named pipe, a link to
        // nothing) is a site whose language cannot be read: that its home page is
        // written in, else its default. A named pipe is never opened, as the read would
        // wait for ever.
        if crate::symlinks::not_a_file_at(&path).is_some() {
            return unread();
        }
        let Ok(bytes) = std::fs::read(&path) else {
            // Run in a folder of a site (`content/`), or just above one (`pmo init
            // portal` without the `cd`): that site's language.
            let site = crate::layout::site_above(root)
                .map(|(site, _)| site)
                .or_else(|| crate::layout::site_below(root).map(|name| root.join(name)));
            // No site at all: the language the reader's system speaks.
            return site.map_or_else(
                || Lang::from_locale().unwrap_or(Lang::En),
                |site| Lang::for_site(&site),
            );
        };
        // A site.toml that is not UTF-8 is an error to tell in the site's language: its
        // `language` line is ASCII, readable in GBK as it is and in UTF-16 once decoded.
        let text = crate::encoding::lenient_text(&bytes);
        // A whole-file parse fails on any error elsewhere in the file; the language is
        // one line, so it is looked for line by line.
        text.lines()
            .filter_map(|line| line.split_once('='))
            .find(|(key, _)| key.trim() == "language")
            .map(|(_, value)| {
                let value = value.split('#').next().unwrap_or("").trim();
                // A value cut short (`language = "z`, a file truncated mid-line) says
                // nothing of the language it was going to name.
                let quote = value.chars().next().filter(|c| matches!(c, '"' | '\''));
                if quote.is_some_and(|q| value.len() < 2 || !value.ends_with(q)) {
                    return unread();
                }
                let code = value.trim_matches(['"', '\'']);
                // A language pmo does not take, written in Chinese (`中文`, `简体中文`) or
                // naming it (`chinese`, `cn`): its error is for a Chinese reader.
                let lower = code.to_ascii_lowercase();
                // No word at all (empty, a date, a number pasted on the wrong line): a
                // site whose language cannot be read.
                // TOML's own words (`nan`, `true`, `inf`) are values, not a language.
                let keyword = ["nan", "inf", "true", "false"].contains(&lower.as_str());
                if keyword || !code.starts_with(|c: char| c.is_alphabetic()) {
                    return unread();
                }
                if code.chars().any(crate::markdown::is_cjk)
                    || lower.contains("chinese")
                    || lower == "cn"
                {
                    Lang::ZhCn
                } else if lower == "en"
                    || lower.starts_with("en-")
                    || lower.starts_with("en_")
                    || lower.starts_with("english")
                {
                    Lang::En
                } else if lower == "zh" || lower.starts_with("zh-") || lower.starts_with("zh_") {
                    Lang::ZhCn
                } else {
                    // A language pmo does not take (`fr`): its error is for whoever wrote
                    // the home page, not always for an English reader.
                    unread()
                }
            })
            .unwrap_or_else(unread)
    }
}

/// The language a site's home page (`content/_index.md`) is plainly written in: an
/// English site whose site.toml is unreadable is told so in English.
pub fn home_page_language(root: &Path) -> Option<Lang> {
    use std::io::Read;
    let path = root.join("content").join("_index.md");
    if crate::symlinks::not_a_file_at(&path).is_some() {
        return None;
    }
    // The opening screens say which language a page is in; a huge file is not read whole.
    let mut head = Vec::new();
    std::fs::File::open(&path)
        .ok()?
        .take(16 * 1024)
        .read_to_end(&mut head)
        .ok()?;
    let text = String::from_utf8_lossy(&head);
    Lang::of_text("", &text)
}

/// Characters read: the opening screens say which language a text is in.
const SAMPLE_CHARS: usize = 4_000;

/// A Chinese (Han) character: kana and Hangul are other languages, which a zh-CN or en
/// portal does not label.
fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// The language of a site whose site.toml names none (config's default `language`; a
/// test there holds the two together).
pub const SITE_DEFAULT: Lang = Lang::ZhCn;

/// A message: its English template and the values of its holes.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    template: &'static str,
    /// A boxed slice rather than a Vec: diagnostics hold several texts, and travel in
    /// `Result`s that should stay small.
    args: Box<[(&'static str, Arg)]>,
}

/// The value of one hole.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// Shown as it is (a file name, a value from the content, a library's message).
    Plain(String),
    /// A message of its own, translated with the one around it.
    Text(Text),
}

impl Text {
    /// Use [`t!`] instead, which names the holes.
    pub fn new(template: &'static str, args: Vec<(&'static str, Arg)>) -> Text {
        Text {
            template,
            args: args.into_boxed_slice(),
        }
    }

    /// The English template (the key of its translations).
    pub fn template(&self) -> &'static str {
        self.template
    }

    /// The value of hole `name`, when it is shown as it is.
    pub fn plain_arg(&self, name: &str) -> Option<&str> {
        self.args.iter().find_map(|(n, arg)| match arg {
            Arg::Plain(value) if *n == name => Some(value.as_str()),
            _ => None,
        })
    }

    /// The message in `lang`, English where the catalog has no translation.
    pub fn render(&self, lang: Lang) -> String {
        let template = match lang {
            Lang::En => self.template,
            Lang::ZhCn => zh_cn().get(self.template).copied().unwrap_or(self.template),
        };
        let mut out = String::with_capacity(template.len() + 16);
        fill(template, &mut out, |name, out| {
            match self.args.iter().find(|(n, _)| *n == name) {
                Some((_, Arg::Plain(s))) => out.push_str(s),
                Some((_, Arg::Text(t))) => out.push_str(&t.render(lang)),
                // A hole with no value is a slip in the code; showing the hole keeps
                // the rest of the message readable.
                None => {
                    out.push('{');
                    out.push_str(name);
                    out.push('}');
                }
            }
        });
        out
    }
}

/// English, as logs and tests read it.
impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// Copies `template` into `out`, calling `hole` for each `{name}`; `{{` and `}}` stand
/// for single braces.
fn fill<'t>(template: &'t str, out: &mut String, mut hole: impl FnMut(&'t str, &mut String)) {
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
            continue;
        }
        match (tail.starts_with('{'), tail.find('}')) {
            (true, Some(end)) => {
                hole(&tail[1..end], out);
                rest = &tail[end + 1..];
            }
            _ => {
                out.push_str(&tail[..1]);
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
}

/// The names of the holes of a template, in order (for the catalog check).
pub fn holes(template: &str) -> Vec<String> {
    let mut names = Vec::new();
    fill(template, &mut String::new(), |name, _| {
        names.push(name.to_string())
    });
    names
}

/// The Chinese catalog, parsed on first use. Built into the binary; a malformed catalog
/// is caught by the catalog test, and at run time leaves messages in English.
fn zh_cn() -> &'static HashMap<String, &'static str> {
    static CATALOG: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let parsed: HashMap<String, String> = toml::from_str(ZH_CN).unwrap_or_default();
        parsed
            .into_iter()
            .map(|(k, v)| (k, &*Box::leak(v.into_boxed_str())))
            .collect()
    })
}

/// The Chinese catalog's text: `"English template" = "中文模板"`.
pub const ZH_CN: &str = include_str!("zh-CN.toml");

/// What may fill a hole.
pub trait IntoArg {
    fn into_arg(self) -> Arg;
}

impl IntoArg for Text {
    fn into_arg(self) -> Arg {
        Arg::Text(self)
    }
}

/// A value already chosen as shown as it is or translated, e.g. a list of names that is
/// a message of its own only when it ends in "and N more".
impl IntoArg for Arg {
    fn into_arg(self) -> Arg {
        self
    }
}

impl IntoArg for &Text {
    fn into_arg(self) -> Arg {
        Arg::Text(self.clone())
    }
}

impl IntoArg for &Path {
    fn into_arg(self) -> Arg {
        Arg::Plain(self.display().to_string())
    }
}

impl IntoArg for &PathBuf {
    fn into_arg(self) -> Arg {
        Arg::Plain(self.display().to_string())
    }
}

impl IntoArg for std::io::Error {
    fn into_arg(self) -> Arg {
        Arg::Text(io_reason(&self))
    }
}

impl IntoArg for &std::io::Error {
    fn into_arg(self) -> Arg {
        Arg::Text(io_reason(self))
    }
}

macro_rules! plain_args {
    ($($ty:ty),*) => {
        $(impl IntoArg for $ty {
            fn into_arg(self) -> Arg {
                Arg::Plain(self.to_string())
            }
        })*
    };
}

plain_args!(
    String,
    &String,
    &str,
    &&str,
    char,
    usize,
    &usize,
    u8,
    u16,
    u32,
    u64,
    i8,
    i16,
    i32,
    i64,
    f64,
    &f64,
    std::net::IpAddr,
    std::net::SocketAddr
);

/// A library's or the system's own message, which has no translation.
pub fn verbatim(message: impl fmt::Display) -> Text {
    t!("{message}", message = message.to_string())
}

/// Why an operation failed: the kind of a system error when it is one (directly or as
/// the cause of a library's error), else the library's own words.
pub fn reason<E: std::error::Error + 'static>(error: &E) -> Text {
    let direct = error as &(dyn std::error::Error + 'static);
    let io = direct
        .downcast_ref::<std::io::Error>()
        .or_else(|| direct.source()?.downcast_ref::<std::io::Error>());
    match io {
        Some(io) if crate::safe_write::refusal(io).is_some() => io_reason(io),
        Some(io) if !matches!(io_reason(io).args.first(), Some((_, Arg::Plain(_)))) => {
            io_reason(io)
        }
        _ => verbatim(error),
    }
}

/// The system's number for "too many levels of symbolic links".
#[cfg(target_os = "linux")]
const ELOOP: i32 = 40;
#[cfg(not(target_os = "linux"))]
const ELOOP: i32 = 62;

/// What a failed file operation means, in words a translation can carry (the system's
/// own text is English whatever the reader's language).
pub fn io_reason(error: &std::io::Error) -> Text {
    use std::io::ErrorKind;
    if let Some(refused) = crate::safe_write::refusal(error) {
        return refused.reason();
    }
    match error.kind() {
        ErrorKind::NotFound => t!("no such file or folder"),
        ErrorKind::PermissionDenied => t!("permission denied"),
        ErrorKind::AlreadyExists => t!("it already exists"),
        ErrorKind::InvalidData => t!("the file is not valid text"),
        // Its kind (`FilesystemLoop`) is not stable yet: told by the system's number.
        _ if error.raw_os_error() == Some(ELOOP) => {
            t!("a loop of symbolic links: the link leads back to itself")
        }
        _ => verbatim(error),
    }
}

/// The name of a kind of page (`lesson`, `practice` …) as a reader calls it: the kind
/// registry's, or the key itself for a key it does not hold.
pub fn kind_name(key: &str) -> Text {
    crate::kinds::Kind::of_key(key).map_or_else(|| verbatim(key), |kind| (kind.spec().name)())
}

#[cfg(test)]
mod tests;
