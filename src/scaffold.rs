//! `pmo init` and `pmo new`: starting a site, and starting a page from its kind's
//! archetype so authors never have to remember the front matter fields.

use crate::t;
use std::borrow::Cow;
use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Problem};
use crate::kinds::Kind;
use crate::slugs::slugify;
use crate::theme::Theme;

/// Writes a new page of `kind` titled `title` from the archetype; returns its path.
/// Never overwrites an existing file.
pub fn new_page(
    root: &Path,
    kind: Kind,
    title: &str,
    slug: Option<&str>,
) -> Result<PathBuf, Diagnostic> {
    let Some(rel_for) = kind.spec().creatable.then_some(kind) else {
        return Err(Diagnostic::error(Problem::Content(t!(
            "`pmo new` cannot make a {kind}",
            kind = kind.key()
        )))
        .with_help(t!(
            "make one of: {kinds}",
            kinds = crate::kinds::creatable().collect::<Vec<_>>().join(", ")
        )));
    };
    let config = crate::config::Config::load_site(root)?;
    let theme = Theme::resolve(root, &config.theme)?;
    let source = theme.archetype(root, kind.key()).ok_or_else(|| {
        Diagnostic::error(Problem::Template(t!(
            "no archetype for `{kind}`",
            kind = kind.key()
        )))
        .in_file(&root.join(format!("archetypes/{}.md", kind.key())))
        .with_help(t!(
            "add archetypes/{kind}.md to the site or the theme",
            kind = kind.key()
        ))
    })?;
    let shown = source.display(root, &format!("archetypes/{}.md", kind.key()));
    let bytes = source
        .read()
        .map_err(|e| Diagnostic::error(Problem::Io(crate::messages::reason(&e))).in_file(&shown))?;
    let text = String::from_utf8_lossy(&bytes);
    // A title pasted with a line break or tab is one line of front matter.
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    let title = title.as_str();
    if title.is_empty() {
        return Err(
            Diagnostic::error(Problem::Content(t!("the page has no title"))).with_help(t!(
                "give it one in quotes: pmo new {kind} \"Vendor delay slipped the go-live\"",
                kind = kind.key()
            )),
        );
    }
    let slug = page_stem(slug.unwrap_or(title), kind);
    let today = jiff::Zoned::now().date();
    let date = today.to_string();
    // A monthly report written early in a month is on the month before: its `as_of`.
    let last_month = today.first_of_month().yesterday().map_or_else(
        |_| date[..7].to_string(),
        |d| d.to_string()[..7].to_string(),
    );
    let mut ctx = tera::Context::new();
    ctx.insert("title", title);
    ctx.insert("date", &date);
    ctx.insert("last_month", &last_month);
    ctx.insert("slug", &slug);
    ctx.insert("language", config.language.code());
    // Lessons and reviews must name a project: the hint shows this site's, so the
    // line an author uncomments names a project that exists.
    let projects = project_folders(root);
    let hint = projects.first().map_or("erp-upgrade", String::as_str);
    ctx.insert("project_hint", hint);
    // The hints' comments start in column 31: `# project: ` and the folder, then spaces.
    let pad = 19usize.saturating_sub(hint.chars().count()).max(1);
    ctx.insert("project_pad", &" ".repeat(pad));
    ctx.insert("project_list", &project_list(&projects));
    ctx.insert("currency", &new_project_currency(root, &config, &projects));
    let body = tera::Tera::one_off(&text, &ctx, false).map_err(|e| {
        Diagnostic::error(Problem::Template(crate::messages::reason(&e))).in_file(&shown)
    })?;
    // `creatable` kinds all have a path: `kinds::tests` holds it.
    let rel = rel_for.new_path(&slug).unwrap_or_default();
    let path = root.join(&rel);
    if let Some(same) = same_title(root, &rel, title, kind) {
        return Err(same);
    }
    // A link there (even one to nothing) is a file there: it is not written through.
    if fs::symlink_metadata(&path).is_ok() {
        return Err(
            Diagnostic::error(Problem::Content(t!("the file already exists")))
                .in_file(Path::new(&rel))
                .with_help(t!(
                    "pick another title, or pass --slug NAME for a different file name"
                )),
        );
    }
    write_new(root, Path::new(&rel), &body).map_err(|e| {
        if let Some(refused) = crate::safe_write::refused_at(&e, Path::new(&rel)) {
            return refused;
        }
        Diagnostic::error(Problem::Content(t!(
            "cannot create the file: {reason}",
            reason = crate::messages::reason(&e)
        )))
        .in_file(Path::new(&rel))
    })?;
    Ok(PathBuf::from(rel))
}

/// A page of `kind` that already has `title` (in a file of another name than `rel`'s,
/// or the same): a second one would be an entry no reader tells apart from the first.
/// Told at the existing page's `title` line.
fn same_title(root: &Path, rel: &str, title: &str, kind: Kind) -> Option<Diagnostic> {
    let bundle = rel.ends_with("/index.md");
    // `content/lessons/x.md` → `content/lessons`; `content/projects/x/index.md` →
    // `content/projects`.
    let folder = rel.rsplitn(if bundle { 3 } else { 2 }, '/').last()?;
    walkdir::WalkDir::new(root.join(folder))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            let name = e.file_name().to_string_lossy();
            if bundle {
                name == "index.md"
            } else {
                name.ends_with(".md") && name != "_index.md"
            }
        })
        .find_map(|e| {
            let text = fs::read_to_string(e.path()).ok()?;
            let at = title_line(&text, title)?;
            let shown = e
                .path()
                .strip_prefix(root)
                .unwrap_or(e.path())
                .to_path_buf();
            let text: std::sync::Arc<str> = std::sync::Arc::from(text);
            let len = text[at..].find(['\r', '\n']).unwrap_or(text.len() - at);
            Some(
                Diagnostic::error(Problem::Content(t!(
                    "the site already has a {kind} titled “{title}”",
                    kind = crate::messages::kind_name(kind.key()),
                    title = title
                )))
                .at(crate::diagnostics::Location::new(&shown, &text, at, len))
                .with_help(t!(
                    "add to that page, or give the new one a title of its own"
                )),
            )
        })
}

/// Where the front matter of `text` sets its title to `title` (YAML `title: …` or TOML
/// `title = "…"`, quoted or not), read line by line: the page may not parse.
fn title_line(text: &str, title: &str) -> Option<usize> {
    let text_start = text.len() - text.trim_start_matches('\u{feff}').len();
    let mut lines = text[text_start..].split_inclusive('\n');
    let fence = lines.next()?.trim_end();
    if fence != "---" && fence != "+++" {
        return None;
    }
    let mut offset = text_start + fence.len();
    offset += text[offset..].find('\n').map_or(0, |i| i + 1);
    for line in lines {
        let here = offset;
        offset += line.len();
        let trimmed = line.trim_end();
        if trimmed == fence {
            return None;
        }
        let Some(value) = trimmed
            .strip_prefix("title")
            .map(str::trim_start)
            .and_then(|v| v.strip_prefix(':').or_else(|| v.strip_prefix('=')))
        else {
            continue;
        };
        let value = value.trim();
        let value = ['"', '\'']
            .iter()
            .find_map(|q| value.strip_prefix(*q).and_then(|v| v.strip_suffix(*q)))
            .unwrap_or(value);
        let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
        return (value == title).then_some(here);
    }
    None
}

/// The file (or bundle folder) name a page of `kind` named `name` gets: its slug, cut to
/// [`MAX_STEM_BYTES`]; `pmo import projects` names its folders so too.
pub(crate) fn page_stem(name: &str, kind: Kind) -> String {
    // `con.md` or `projects/nul/` cannot be copied to a Windows share.
    crate::slugs::off_device(file_stem(&slugify(name, kind.key())), kind.key())
}

/// The currency a project made now is written in (see [`new_project_currency`]).
pub(crate) fn currency_for_new_project(root: &Path, config: &crate::config::Config) -> String {
    new_project_currency(root, config, &project_folders(root))
}

/// The folders under `content/projects/` that hold a project (`index.md`), by name.
/// An unreadable folder gives none: the hint then shows an example name.
fn project_folders(root: &Path) -> Vec<String> {
    let Ok(entries) = fs::read_dir(root.join("content/projects")) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().join("index.md").is_file())
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    names.sort();
    names
}

/// The currency a new project is written in: the portfolio's, else the one most of the
/// site's projects use, else the starter's for the site's language. A fixed `CNY` made
/// the first project added to an English site (its starter then in USD) fail the build as
/// soon as it was published: two currencies and no portfolio currency to add them in.
fn new_project_currency(
    root: &Path,
    config: &crate::config::Config,
    projects: &[String],
) -> String {
    if let Some(portfolio) = &config.currency.portfolio {
        return portfolio.clone();
    }
    let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
    for name in projects {
        let index = root.join("content/projects").join(name).join("index.md");
        let Ok(text) = fs::read_to_string(index) else {
            continue;
        };
        // The front matter's lines: after the opening `---`, up to the closing one.
        let written = text
            .lines()
            .skip(1)
            .take_while(|l| l.trim_end() != "---")
            .find_map(|l| l.strip_prefix("currency:"))
            .map(|v| {
                v.split('#')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .trim_matches(['"', '\''])
            });
        if let Some(code) = written.filter(|c| !c.is_empty()) {
            *counts.entry(code.to_string()).or_default() += 1;
        }
    }
    // Most used; on a tie the first by name, so the choice never depends on read order.
    let most = counts.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)));
    match most {
        Some((code, _)) => code.clone(),
        None if config.language.code() == "en" => "USD".to_string(),
        None => "CNY".to_string(),
    }
}

/// How many project names a scaffold's hint lists before "…".
const LISTED_PROJECTS: usize = 8;

/// `projects` for a hint line: `pilot, erp-upgrade`, the first few and `…` for a site
/// with many; empty for a site without projects.
fn project_list(projects: &[String]) -> String {
    let mut list = projects
        .iter()
        .take(LISTED_PROJECTS)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if projects.len() > LISTED_PROJECTS {
        list.push_str(", …");
    }
    list
}

/// The most bytes of a file name `pmo new` makes from a title: systems allow 255, and
/// a folder path and `.md` or `/index.md` come on top; a long title is kept whole in the
/// front matter.
const MAX_STEM_BYTES: usize = 80;

/// `slug` cut to [`MAX_STEM_BYTES`] at a character, and at a dash when one is in the
/// second half, so the name ends on a whole word.
fn file_stem(slug: &str) -> String {
    cut_stem(slug, MAX_STEM_BYTES)
}

/// `slug` cut to at most `max` bytes, at a dash in its second half when there is one.
pub(crate) fn cut_stem(slug: &str, max: usize) -> String {
    if slug.len() <= max {
        return slug.to_string();
    }
    let mut end = max;
    while !slug.is_char_boundary(end) {
        end -= 1;
    }
    let cut = &slug[..end];
    match cut.rfind('-') {
        Some(dash) if dash >= max / 2 => cut[..dash].to_string(),
        _ => cut.trim_end_matches('-').to_string(),
    }
}

/// Writes the new file `rel` under `base`, never over a file nor through a symbolic
/// link: `pmo new` wrote through a link left where its page was to go.
fn write_new(base: &Path, rel: &Path, text: &str) -> std::io::Result<()> {
    crate::safe_write::write(
        base,
        rel,
        text.as_bytes(),
        crate::safe_write::Existing::Refuse,
    )
}

/// The folder `pmo init` creates: DIR, or else the global `--root` (so `pmo --root site
/// init` does what it says rather than ignore the flag); both only when they agree.
pub fn init_folder(dir: Option<&Path>, root: &Path) -> Result<PathBuf, Diagnostic> {
    match dir {
        None => Ok(root.to_path_buf()),
        Some(dir) if root == Path::new(".") || dir == root => Ok(dir.to_path_buf()),
        Some(dir) => Err(Diagnostic::error(Problem::Content(t!(
            "the new site's folder is given twice: `{dir}` and `--root {root}`",
            dir = dir,
            root = root
        )))
        .with_help(t!("give it once: `pmo init DIR` or `pmo --root DIR init`"))),
    }
}

/// Creates a small site in `dir` that builds at once with the built-in theme, its UI
/// and starter pages in English when `english`, else in Chinese.
pub fn init(dir: &Path, english: bool) -> Result<Vec<PathBuf>, Diagnostic> {
    if dir.exists()
        && fs::read_dir(dir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        return Err(not_empty(dir));
    }
    let dates = StarterDates::around(jiff::Zoned::now().date());
    let files = starter_files(english)
        .into_iter()
        .map(|(rel, text)| (rel, Cow::<str>::Owned(dates.fill(&text))));
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = dir.join(rel);
        write_new(dir, Path::new(rel), &text)
            .map_err(|e| crate::safe_write::failed_at(&e, &path, None))?;
        written.push(PathBuf::from(rel));
    }
    Ok(written)
}

/// Why `pmo init` will not write into `dir`, which holds files: a site made there
/// already (run twice, or in the site's folder) is named with the command that builds
/// it; the current folder is called so, not `.`, with a folder name to give instead.
fn not_empty(dir: &Path) -> Diagnostic {
    let here = dir.as_os_str().is_empty() || dir == Path::new(".");
    if dir.join(crate::layout::CONFIG_FILE).is_file() {
        let problem = Problem::Content(t!("a site is here already (its site.toml)"));
        let (help, shown) = if here {
            (
                t!("`pmo build` builds it; `pmo init DIR` starts another site in a new folder"),
                Path::new(crate::layout::CONFIG_FILE),
            )
        } else {
            (
                t!(
                    "`cd {dir} && pmo build` builds it; `pmo init` with a new folder name starts another",
                    dir = dir
                ),
                dir,
            )
        };
        return Diagnostic::error(problem).with_help(help).in_file(shown);
    }
    if here {
        return Diagnostic::error(Problem::Content(t!("the current folder is not empty")))
            .with_help(t!(
                "give the new site a folder of its own: `pmo init pmo-portal`, then `cd pmo-portal`"
            ));
    }
    Diagnostic::error(Problem::Content(t!("the folder is not empty")))
        .in_file(dir)
        .with_help(t!("run `pmo init` with a new folder name"))
}

/// The starter project's dates, set around the day of `pmo init`: it started two months
/// ago, reported last month and runs four months more, and its lesson's action is due at
/// the end of next month, so a new site's hygiene page and dashboard show a project in
/// progress, not one that stopped reporting long ago.
struct StarterDates {
    /// `{token}` → its value.
    values: Vec<(&'static str, String)>,
}

impl StarterDates {
    fn around(today: jiff::civil::Date) -> StarterDates {
        let first = today.first_of_month();
        let month = |n: i64| {
            // Six months either side of a real date stay within jiff's range.
            first
                .checked_add(jiff::Span::new().months(n))
                .unwrap_or(first)
        };
        let start = month(-2);
        let mut values = vec![
            ("{year}", start.year().to_string()),
            (
                "{start}",
                start.saturating_add(jiff::Span::new().days(4)).to_string(),
            ),
            (
                "{lesson}",
                start.saturating_add(jiff::Span::new().days(19)).to_string(),
            ),
            ("{finish}", month(3).last_of_month().to_string()),
            ("{due}", month(1).last_of_month().to_string()),
        ];
        const MONTHS: [&str; 6] = ["{m0}", "{m1}", "{m2}", "{m3}", "{m4}", "{m5}"];
        for (n, token) in (-2..).zip(MONTHS) {
            values.push((token, month(n).strftime("%Y-%m").to_string()));
        }
        StarterDates { values }
    }

    fn fill(&self, text: &str) -> String {
        self.values
            .iter()
            .fold(text.to_string(), |text, (token, value)| {
                text.replace(token, value)
            })
    }
}

/// The starter site's files, in English or Chinese: the same pages under the same names.
fn starter_files(english: bool) -> Vec<(&'static str, Cow<'static, str>)> {
    let pick = |zh: &'static str, en: &'static str| Cow::Borrowed(if english { en } else { zh });
    let site = if english {
        starter_site(
            "PMO Knowledge Portal",
            "Best practices, lessons learned and project data of the project management office",
            "en",
        )
    } else {
        starter_site(
            "PMO 知识门户",
            "项目管理办公室的最佳实践、经验教训与项目数据",
            "zh-CN",
        )
    };
    vec![
        ("site.toml", Cow::Owned(site)),
        (".gitignore", "public/\n.public.*\n".into()),
        ("content/_index.md", pick(STARTER_HOME, STARTER_HOME_EN)),
        (
            "content/practices/_index.md",
            pick(STARTER_PRACTICES, STARTER_PRACTICES_EN),
        ),
        (
            "content/practices/weekly-status-report.md",
            pick(STARTER_PRACTICE, STARTER_PRACTICE_EN),
        ),
        (
            "content/projects/_index.md",
            pick("---\ntitle: 项目\n---\n", "---\ntitle: Projects\n---\n"),
        ),
        (
            "content/projects/pilot/index.md",
            pick(STARTER_PROJECT, STARTER_PROJECT_EN),
        ),
        ("content/projects/pilot/budget.csv", STARTER_BUDGET.into()),
        (
            "content/lessons/_index.md",
            pick(
                "---\ntitle: 经验教训\n---\n",
                "---\ntitle: Lessons learned\n---\n",
            ),
        ),
        (
            "content/lessons/kickoff-raci.md",
            pick(STARTER_LESSON, STARTER_LESSON_EN),
        ),
        ("static/.gitkeep", "".into()),
    ]
}

/// The starter site's `site.toml`: the same settings in either language, with its title,
/// description and UI language, and comments its authors read (Chinese for a Chinese
/// site: a new user's first file should not be the one in English).
fn starter_site(title: &str, description: &str, language: &str) -> String {
    let zh = language.starts_with("zh");
    let (head, language_note, settings) = if zh {
        (
            "# 门户设置。写错的键会报错，以便发现拼写错误。",
            "# zh-CN 或 en：界面语言",
            STARTER_SETTINGS_ZH,
        )
    } else {
        (
            "# The portal's settings. Unknown keys are errors, so typos are caught.",
            "# zh-CN or en: the language of the UI",
            STARTER_SETTINGS,
        )
    };
    let language = format!("language = \"{language}\"");
    format!(
        "{head}\n\
         title = \"{title}\"\n\
         description = \"{description}\"\n\
         base_url = \"https://pmo.example.com/\"\n\
         {language:<26}{language_note}\n\
         {settings}"
    )
}

const STARTER_SETTINGS: &str = r#"paginate = 20             # items per page in long lists
trust_html = false        # true keeps raw HTML in Markdown unsanitized
search = true             # the search box and its index; false leaves them out

[thresholds]              # RAG status from cost (CPI) and schedule (SPI) performance
cpi_green = 0.95
cpi_amber = 0.85
spi_green = 0.95
spi_amber = 0.85

[currency]
portfolio = "USD"         # your currency (EUR, GBP …): totals, projects naming none, and new projects are in it
"#;

const STARTER_SETTINGS_ZH: &str = r#"paginate = 20             # 长列表每页显示的条目数
trust_html = false        # true 表示保留 Markdown 中的原始 HTML，不做清理
search = true             # 搜索框及其索引；false 表示不生成

[thresholds]              # 按成本绩效（CPI）和进度绩效（SPI）计算 RAG 状态
cpi_green = 0.95
cpi_amber = 0.85
spi_green = 0.95
spi_amber = 0.85

[currency]
portfolio = "CNY"         # 本门户的币种（如 USD、EUR）：组合合计、未写币种的项目和新建项目都用它
"#;

const STARTER_HOME: &str = "---\ntitle: 欢迎来到 PMO 知识门户\n---\n\n这里汇集项目管理办公室的[最佳实践](practices/_index.md)、[经验教训](lessons/_index.md)和项目数据。\n\n用 `pmo new lesson \"标题\"` 记录一条新的经验教训。\n";

const STARTER_PRACTICES: &str = "---\ntitle: 最佳实践\nsummary: PMO 的标准流程、模板与检查单。\n---\n\n按主题整理的项目管理最佳实践。\n";

const STARTER_PRACTICE: &str = "---\ntitle: 项目周报\ndate: {start}\ncategory: 沟通管理\ntags: [周报, 沟通]\nweight: 1\n---\n\n每周五下班前提交项目周报，内容包括：\n\n- 本周进展与下周计划\n- 里程碑状态（按基线对比）\n- 新增与变化的风险、问题\n- 需要管理层决策的事项\n";

const STARTER_PROJECT: &str = "---\ntitle: 试点项目\ncode: PRJ-{year}-001\nmanager: 王芳\ndepartment: 信息中心\nstart: {start}\nfinish: {finish}\nbac: 600000\nstatus: active\n---\n\n用于熟悉门户的试点项目。\n";

const STARTER_BUDGET: &str =
    "period,pv,ev,ac\n{m0},100000,95000,98000\n{m1},100000,102000,101000\n{m2},100000,,\n{m3},100000,,\n{m4},100000,,\n{m5},100000,,\n";

const STARTER_LESSON: &str = "---\ntitle: 启动会上明确 RACI 减少了职责争议\ndate: {lesson}\nproject: pilot\nphase: initiation\ncategory: 沟通管理\nimpact: positive\ntags: [RACI, 启动]\nactions:\n  - what: 把 RACI 矩阵加入项目启动会模板\n    owner: 王芳\n    due: {due}\n    status: open\n---\n\n## 背景\n\n试点项目涉及三个部门。\n\n## 建议\n\n在启动会上逐项确认 RACI 矩阵，并附在[项目周报](../practices/weekly-status-report.md)模板中。\n";

const STARTER_HOME_EN: &str = "---\ntitle: Welcome to the PMO knowledge portal\n---\n\nThe project management office's [best practices](practices/_index.md), [lessons learned](lessons/_index.md) and project data, in one place.\n\nRecord a new lesson with `pmo new lesson \"Title\"`.\n";

const STARTER_PRACTICES_EN: &str = "---\ntitle: Best practices\nsummary: The PMO's standard processes, templates and checklists.\n---\n\nProject management best practices by topic.\n";

const STARTER_PRACTICE_EN: &str = "---\ntitle: Weekly status report\ndate: {start}\ncategory: Communications\ntags: [status report, communications]\nweight: 1\n---\n\nSend the project's weekly status report by Friday evening. It covers:\n\n- progress this week and the plan for next week\n- milestone status against the baseline\n- new and changed risks and issues\n- decisions needed from management\n";

const STARTER_PROJECT_EN: &str = "---\ntitle: Pilot project\ncode: PRJ-{year}-001\nmanager: Fang Wang\ndepartment: IT\nstart: {start}\nfinish: {finish}\nbac: 600000\nstatus: active\n---\n\nA pilot project to get to know the portal.\n";

const STARTER_LESSON_EN: &str = "---\ntitle: Agreeing the RACI at kickoff ended disputes over who does what\ndate: {lesson}\nproject: pilot\nphase: initiation\ncategory: Communications\nimpact: positive\ntags: [RACI, kickoff]\nactions:\n  - what: Add the RACI matrix to the kickoff meeting template\n    owner: Fang Wang\n    due: {due}\n    status: open\n---\n\n## Background\n\nThe pilot project involved three departments.\n\n## Recommendations\n\nWalk through the RACI matrix line by line at the kickoff meeting, and attach it to the [weekly status report](../practices/weekly-status-report.md) template.\n";
