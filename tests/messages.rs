//! Messages in the site's language: the Chinese catalog matches the source, and a site in
//! Chinese gets its errors, help and summary in Chinese (English sites in English).

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::{pmo_in, stderr, Site};
use pmo_portal::messages::{holes, ZH_CN};

/// Every `t!("…")` template in the source, with the file it is first found in. Comment
/// lines are skipped (doc comments show the macro in examples).
fn templates_in_source() -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let code: String = text
            .lines()
            .map(|l| {
                if l.trim_start().starts_with("//") {
                    ""
                } else {
                    l
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        let mut rest = code.as_str();
        while let Some(at) = rest.find("t!(") {
            let before = rest[..at].chars().next_back();
            rest = &rest[at + 3..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let literal = rest.trim_start();
            if let Some(template) = string_literal(literal) {
                let shown = entry
                    .path()
                    .strip_prefix(&src)
                    .unwrap()
                    .display()
                    .to_string();
                found.entry(template).or_insert(shown);
            }
        }
    }
    found
}

/// The value of the Rust string literal `text` starts with (escapes and line
/// continuations undone), or `None` when it does not start with one.
fn string_literal(text: &str) -> Option<String> {
    let mut chars = text.strip_prefix('"')?.chars().peekable();
    let mut out = String::new();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(out),
            '\\' => match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                '\n' => {
                    while chars.peek().is_some_and(|c| c.is_whitespace()) {
                        chars.next();
                    }
                }
                'u' => {
                    let hex: String = chars.by_ref().skip(1).take_while(|&c| c != '}').collect();
                    out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                }
                other => out.push(other),
            },
            c => out.push(c),
        }
    }
    None
}

fn catalog() -> BTreeMap<String, String> {
    toml::from_str(ZH_CN).expect("zh-CN.toml is valid TOML")
}

#[test]
fn every_message_has_a_chinese_translation_with_the_same_holes() {
    let source = templates_in_source();
    assert!(source.len() > 200, "found only {} messages", source.len());
    let catalog = catalog();
    let missing: Vec<String> = source
        .iter()
        .filter(|(t, _)| !catalog.contains_key(*t))
        .map(|(t, file)| format!("{file}: {t:?}"))
        .collect();
    assert!(
        missing.is_empty(),
        "messages without a translation in src/messages/zh-CN.toml:\n{}",
        missing.join("\n")
    );
    let stale: Vec<&String> = catalog
        .keys()
        .filter(|k| !source.contains_key(*k))
        .collect();
    assert!(stale.is_empty(), "translations of no message: {stale:?}");
    for (english, chinese) in &catalog {
        let a: BTreeSet<String> = holes(english).into_iter().collect();
        let b: BTreeSet<String> = holes(chinese).into_iter().collect();
        assert_eq!(a, b, "the holes differ in {english:?} = {chinese:?}");
        let mut words = english.clone();
        for hole in holes(english) {
            words = words.replace(&format!("{{{hole}}}"), "");
        }
        if words.chars().any(|c| c.is_ascii_alphabetic()) {
            assert!(
                chinese
                    .chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "untranslated: {english:?} = {chinese:?}"
            );
        }
    }
}

fn broken_site(language: &str) -> Site {
    let site = Site::fixture("basic");
    let config = site.root().join("site.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    let text = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("language"))
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&config, format!("language = \"{language}\"\n{text}\n")).unwrap();
    let lesson = site.root().join("content/lessons/坏日期.md");
    std::fs::write(
        &lesson,
        "---\ntitle: 坏日期\ndate: 2024-02-30\nproject: nowhere\nphase: planning\nimpact: negative\nowner: 张三\ntags: []\n---\n正文。\n",
    )
    .unwrap();
    site
}

#[test]
fn a_chinese_site_gets_its_errors_and_summary_in_chinese() {
    let site = broken_site("zh-CN");
    let root = site.root().to_str().unwrap().to_string();
    let out = pmo_in("", &["--root", &root, "check"]);
    let err = stderr(&out);
    assert!(!out.status.success());
    assert!(err.contains("不是日期：2024-02 只有 01 到 29 日"), "{err}");
    assert!(err.contains("格式正确，但没有这一天"), "{err}");
    assert!(err.contains("失败："), "{err}");
    assert!(err.contains("content/lessons/坏日期.md:3:7"), "{err}");

    let json = pmo_in("", &["--root", &root, "check", "--format", "json"]);
    let stdout = String::from_utf8_lossy(&json.stdout).into_owned();
    let objects: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let date = objects
        .iter()
        .find(|o| o["line"] == 3)
        .unwrap_or_else(|| panic!("{stdout}"));
    assert!(
        date["message"].as_str().unwrap().contains("不是日期"),
        "{date}"
    );
    assert!(
        date["help"].as_str().unwrap().contains("没有这一天"),
        "{date}"
    );
}

#[test]
fn an_english_site_gets_english_and_pmo_lang_overrides_the_site() {
    let site = broken_site("en");
    let root = site.root().to_str().unwrap().to_string();
    let err = stderr(&pmo_in("", &["--root", &root, "check"]));
    assert!(
        err.contains("is not a date: 2024-02 has days 01 to 29"),
        "{err}"
    );
    assert!(err.contains("failed: "), "{err}");

    let err = stderr(&pmo_in("zh-CN", &["--root", &root, "check"]));
    assert!(err.contains("不是日期"), "{err}");
}

#[test]
fn a_broken_site_toml_still_gets_messages_in_its_language() {
    let site = Site::fixture("basic");
    let config = site.root().join("site.toml");
    std::fs::write(
        &config,
        "title = \"门户\"\nlanguage = \"zh-CN\"\npaginate = 0\n",
    )
    .unwrap();
    let root = site.root().to_str().unwrap().to_string();
    let err = stderr(&pmo_in("", &["--root", &root, "check"]));
    assert!(err.contains("`paginate` 至少为 1"), "{err}");
    assert!(err.contains("site.toml 有误"), "{err}");
}

/// `language = "中文"` is no language pmo takes, but its author reads Chinese: the error
/// is told in Chinese (a comment in Chinese after an English code does not count).
#[test]
fn a_language_pmo_does_not_take_written_in_chinese_gets_chinese() {
    let site = Site::fixture("basic");
    let root = site.root().to_str().unwrap().to_string();
    std::fs::write(
        site.root().join("site.toml"),
        "title = \"门户\"\nlanguage = \"中文\"\n",
    )
    .unwrap();
    let err = stderr(&pmo_in("", &["--root", &root, "check"]));
    assert!(err.contains("site.toml 有误"), "{err}");
    std::fs::write(
        site.root().join("site.toml"),
        "title = \"门户\"\nlanguage = \"english\"   # 英文界面\n",
    )
    .unwrap();
    let err = stderr(&pmo_in("", &["--root", &root, "check"]));
    assert!(err.contains("invalid site.toml"), "{err}");
}

/// A message of ours that a value's reader could only hand on as English text (a date
/// in site.toml) is recognized and shown in the site's language too.
#[test]
fn our_messages_inside_a_readers_error_are_translated() {
    let site = Site::fixture("basic");
    std::fs::write(
        site.root().join("site.toml"),
        "title = \"门户\"\nlanguage = \"zh-CN\"\nas_of = \"昨天\"\n",
    )
    .unwrap();
    let root = site.root().to_str().unwrap().to_string();
    let err = stderr(&pmo_in("", &["--root", &root, "check"]));
    assert!(err.contains("`昨天` 不是日期：请写作 YYYY-MM-DD"), "{err}");
    assert!(!err.contains("is not a date"), "{err}");
}

/// A site.toml saved as "Unicode" (UTF-16, as Notepad once did) could not be read for
/// its `language`, so its error came in English to a Chinese site: the language is read
/// from the UTF-16 text, with or without a byte-order mark.
#[test]
fn a_utf16_site_toml_is_told_in_the_language_it_names() {
    let site = Site::fixture("basic");
    let text = "title = \"门户\"\nlanguage = \"zh-CN\"\n";
    let le: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let root = site.root().to_str().unwrap().to_string();
    for bytes in [le, be] {
        std::fs::write(site.root().join("site.toml"), bytes).unwrap();
        let err = stderr(&pmo_in("", &["--root", &root, "check"]));
        assert!(err.contains("site.toml"), "{err}");
        assert!(
            err.contains("此文件是 UTF-16 编码（记事本的“Unicode”）；请存为 UTF-8（记事本：另存为"),
            "{err}"
        );
    }
}

/// The basic fixture (a Chinese site) with `text` at `rel`: `pmo check`'s JSON objects.
fn zh_problems(rel: &str, text: &[u8]) -> Vec<serde_json::Value> {
    let site = Site::fixture("basic");
    site.write(rel, text);
    check_json(&site)
}

/// `pmo check --format json`'s objects for `site`, the language left to the site.
fn check_json(site: &Site) -> Vec<serde_json::Value> {
    let root = site.root().to_str().unwrap().to_string();
    let out = pmo_in("", &["--root", &root, "check", "--format", "json"]);
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The first problem about `rel`, asserting that its message and help are told in
/// Chinese: no English phrase outside `code`.
fn told_in_chinese(problems: &[serde_json::Value], rel: &str) -> String {
    let found = problems
        .iter()
        .find(|p| p["file"] == rel)
        .unwrap_or_else(|| panic!("nothing about {rel}: {problems:?}"));
    let message = found["message"].as_str().unwrap();
    let help = found["help"]
        .as_str()
        .unwrap_or_else(|| panic!("no help: {found}"));
    for text in [message, help] {
        // `front matter` is kept in English on purpose, as the format's name.
        let bare: String = text
            .replace("front matter", "")
            .split('`')
            .step_by(2)
            .collect();
        let english = bare
            .split(|c: char| !c.is_ascii_alphabetic() && c != ' ')
            .find(|run| run.split_whitespace().filter(|w| w.len() > 2).count() >= 2);
        assert!(english.is_none(), "{english:?} in {text}");
    }
    format!("{message} | {help}")
}

/// Tera's messages, which the sweep found in English on a Chinese site.
#[test]
fn template_mistakes_are_told_in_the_sites_language() {
    let told = told_in_chinese(
        &zh_problems(
            "templates/lesson.html",
            "{% extends \"base.html\" %}\n块外的文字\n".as_bytes(),
        ),
        "templates/lesson.html",
    );
    assert!(told.contains("block"), "{told}");
    let told = told_in_chinese(
        &zh_problems(
            "templates/lesson.html",
            "{% extends \"base.html\" %}\n{% block main %}{{ page.title".as_bytes(),
        ),
        "templates/lesson.html",
    );
    assert!(told.contains("%}"), "{told}");
    for (line, word) in [
        ("{% for x in %}", "%}"),
        ("{{ page.title \u{0} }}", "{{"),
        ("{% include \"没有.html\" %}", "没有.html"),
        ("{{ page.nosuch }}", "nosuch"),
        ("{% endblock %}", "{%"),
        ("{% set x 5 %}", "set"),
        ("{{ \n", "{"),
        ("{% set %}", "%}"),
        ("{% block title %}{% endblock title %}", "title"),
        ("{% extends \"base.html\" %}", "extends"),
        (
            "{% for x in [1] %}{% block y %}{% endblock y %}{% endfor %}",
            "block",
        ),
    ] {
        let theme = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/lesson.html"),
        )
        .unwrap();
        // Inside the first block, after its opening tag.
        let at = theme.find("{% block").unwrap();
        let at = at + theme[at..].find("%}").unwrap() + 2;
        let text = format!("{}\n{line}\n{}", &theme[..at], &theme[at..]);
        let told = told_in_chinese(
            &zh_problems("templates/lesson.html", text.as_bytes()),
            "templates/lesson.html",
        );
        assert!(told.contains(word), "{line}: {told}");
    }
}

#[test]
fn a_template_not_in_utf8_is_told_how_to_save_it() {
    // 经验 saved in GBK.
    let text = b"{% extends \"base.html\" %}\n\xbe\xad\xd1\xe9\n";
    let problems = zh_problems("templates/lesson.html", text);
    let told = told_in_chinese(&problems, "templates/lesson.html");
    assert!(told.contains("UTF-8"), "{told}");
    // Told once: not again as a template the theme lacks (the tenth malformed hunt).
    let about: Vec<_> = problems
        .iter()
        .filter(|p| p["file"] == "templates/lesson.html")
        .collect();
    assert_eq!(about.len(), 1, "{about:?}");
}

/// Library messages the sweep (bench/malformed.py) found shown in English on a Chinese
/// site, or without a help: each is told in the reader's words now.
#[test]
fn a_readers_words_for_a_broken_value_or_table_are_translated() {
    let told = told_in_chinese(
        &zh_problems(
            "content/practices/大数.md",
            "---\ntitle: 大数\nweight: 1e400\n---\n".as_bytes(),
        ),
        "content/practices/大数.md",
    );
    assert!(told.contains("1e400"), "{told}");
    // A number past any float in TOML front matter: toml's "floating-point number
    // overflowed", which had no help.
    let told = told_in_chinese(
        &zh_problems(
            "content/reports/大数.md",
            "+++\ntitle = 1e400\n+++\n".as_bytes(),
        ),
        "content/reports/大数.md",
    );
    assert!(told.contains("e"), "{told}");
    // Two commas in a row in a bracketed list: saphyr's "unexpected EOF while parsing an
    // implicit flow mapping".
    let told = told_in_chinese(
        &zh_problems(
            "content/lessons/双逗号.md",
            "---\ntitle: 双逗号\ndate: 2024-03-18\nproject: erp\nphase: planning\nimpact: negative\ntags: [\"合同\",, \"变更\"]\n---\n"
                .as_bytes(),
        ),
        "content/lessons/双逗号.md",
    );
    assert!(told.contains("逗号"), "{told}");
    let told = told_in_chinese(
        &zh_problems(
            "data/部门.json",
            b"[{\"name\": \"\xe4\xbf\xa1\x00\xe6\x81\xaf\", \"staff\": 3}]\n",
        ),
        "data/部门.json",
    );
    assert!(told.contains("控制字符"), "{told}");
    let told = told_in_chinese(
        &zh_problems("data/部门.json", b"[{\"name\": \"x\" \"staff\": 3}]\n"),
        "data/部门.json",
    );
    assert!(told.contains("逗号"), "{told}");
}

#[test]
fn a_link_that_leads_back_to_itself_is_told_in_chinese() {
    let site = Site::fixture("basic");
    std::os::unix::fs::symlink("环.md", site.root().join("content/practices/环.md")).unwrap();
    let problems = check_json(&site);
    let told = told_in_chinese(&problems, "content/practices/环.md");
    assert!(told.contains("循环"), "{told}");
}

#[test]
fn a_language_that_is_no_word_at_all_falls_back_to_the_sites_default() {
    let site = Site::fixture("basic");
    let root = site.root().to_str().unwrap().to_string();
    // TOML's own words (`nan`, `true`) are no language either.
    // Nor a value cut short, as a file truncated in the middle of the line leaves it.
    for value in ["2024-13-01", "", "42", "nan", "true", "-inf", "\"z", "\"en"] {
        site.write(
            "site.toml",
            format!("title = \"门户\"\nlanguage = {value}\n"),
        );
        let err = stderr(&pmo_in("", &["--root", &root, "check"]));
        assert!(err.contains("site.toml 有误"), "{value}: {err}");
    }
}

#[test]
fn an_english_sites_empty_page_is_shown_an_english_example() {
    let site = broken_site("en");
    site.write("content/practices/empty.md", "");
    let root = site.root().to_str().unwrap().to_string();
    let err = stderr(&pmo_in("", &["--root", &root, "check"]));
    assert!(err.contains("the file is empty"), "{err}");
    assert!(!err.contains("标题"), "{err}");
}

/// A theme's UI strings file with a TOML mistake was reported as "invalid site.toml"
/// (the sweep broke `themes/<name>/i18n/zh-CN.toml`), in the TOML reader's English.
#[test]
fn a_broken_ui_strings_file_is_named_as_such_and_told_in_chinese() {
    let site = Site::fixture("basic");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    common::copy_dir(
        &repo.join("themes/default"),
        &site.root().join("themes/自有主题"),
    );
    let strings = site.root().join("themes/自有主题/i18n/zh-CN.toml");
    let text = std::fs::read_to_string(&strings).unwrap();
    let broken = text.replacen("date_format = \"", "date_format = ", 1);
    assert_ne!(text, broken);
    std::fs::write(&strings, broken).unwrap();
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", format!("{toml}theme = \"自有主题\"\n"));
    let problems = check_json(&site);
    let told = told_in_chinese(&problems, "themes/自有主题/i18n/zh-CN.toml");
    assert!(!told.contains("site.toml"), "{told}");
    // The same slip in site.toml itself.
    let told = told_in_chinese(
        &zh_problems(
            "site.toml",
            "title = 门户\"\nlanguage = \"zh-CN\"\n".as_bytes(),
        ),
        "site.toml",
    );
    assert!(told.contains("title = \"门户\""), "{told}");
}

/// Whether `text` holds a Chinese character.
fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// An English PMO lead was shown `pmo new review "标题"`, `编号, 标题, 日期…` and
/// `--map 经验=recommendation` as the examples to follow.
#[test]
fn an_english_sites_help_gives_english_examples() {
    let site = Site::fixture("basic");
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write(
        "site.toml",
        config.replace("language = \"zh-CN\"", "language = \"en\""),
    );
    site.remove("content/reviews/erp-closure.md");
    let root = site.root().to_str().unwrap().to_string();
    let err = stderr(&pmo_in("", &["--root", &root, "check"]));
    assert!(err.contains("no closure review"), "{err}");
    assert!(err.contains("pmo new review \"Title\""), "{err}");
    assert!(!err.contains("标题"), "{err}");

    site.write("register.csv", "Ref;Lesson text\n1;Late vendor\n");
    let register = site.root().join("register.csv");
    let args = [
        "--root",
        &root,
        "import",
        "lessons",
        register.to_str().unwrap(),
        "--dry-run",
    ];
    let err = stderr(&pmo_in("", &args));
    assert!(err.contains("found no header row"), "{err}");
    assert!(err.contains("ID, Title, Date"), "{err}");
    assert!(!has_chinese(&err), "{err}");

    let err = stderr(&pmo_in(
        "",
        &[
            "--root",
            &root,
            "import",
            "lessons",
            register.to_str().unwrap(),
            "--map",
            "=recommendation",
        ],
    ));
    assert!(err.contains("Key learning=recommendation"), "{err}");
    assert!(!has_chinese(&err), "{err}");

    let help = pmo_in("", &["import", "lessons", "--help"]);
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(
        help.contains("--map \"Key learning=recommendation\""),
        "{help}"
    );
    assert!(!has_chinese(&help), "{help}");
}

/// English help quoted Chinese examples (`owner: 张三`, `![图](流程图.png)`,
/// `title = "PMO 知识门户"`): an English site's author cannot read them. An English
/// template holds Chinese only where the Chinese is what it is about: the names pmo
/// reads for the yuan, and 万 as a unit Chinese sheets use.
#[test]
fn english_templates_quote_english_examples() {
    let about_chinese = ["人民币", "万"];
    let chinese: Vec<String> = catalog()
        .into_keys()
        .filter(|english| {
            english
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        })
        .filter(|english| !about_chinese.iter().any(|word| english.contains(word)))
        .collect();
    assert!(
        chinese.is_empty(),
        "English templates with Chinese examples:\n{}",
        chinese.join("\n")
    );
}
