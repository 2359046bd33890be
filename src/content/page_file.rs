//! One content file to a page: its front matter parsed and checked against its kind's
//! schema, its Markdown rendered, its address made. The load stage (`load`) walks
//! `content/` and calls this for every Markdown file in parallel; `serve` calls it for
//! each file saved.

use crate::t;
use std::path::Path;
use std::sync::Arc;

use crate::content::front_matter::{self, Split};
use crate::content::load::display_path;
use crate::content::page::{Extra, LessonInfo, Page, ProjectInfo, ReviewInfo};
use crate::content::schema::{
    AliasesMeta, AudienceMeta, LessonMeta, PageMeta, PracticeMeta, ProjectMeta, ReviewMeta,
    SectionMeta,
};
use crate::diagnostics::{Diagnostic, Problem};
use crate::kinds::{kind_of, Kind};
use crate::markdown;
use crate::slugs::{slugify, tidy_name};
use crate::source::{read_text_within, Source};

/// The largest BAC accepted: 10^15, the limit budget tables have too (see
/// `data::budget::MAX_AMOUNT`), so derived sums and ratios stay exact and finite.
const MAX_BAC: f64 = 1e15;

/// A front matter line's value and its comment: YAML starts a comment at a `#` after a
/// space or a tab. `bac: 320\t# 万元`, its comment after a tab, was read as 320 yuan
/// without a word, where the same after spaces is told (the twelfth malformed hunt).
fn value_and_comment(line: &str) -> (&str, Option<&str>) {
    let hash = line
        .char_indices()
        .find(|&(i, c)| c == '#' && line[..i].ends_with([' ', '\t']))
        .map(|(i, _)| i);
    match hash {
        Some(i) => (&line[..i], Some(&line[i + 1..])),
        None => (line, None),
    }
}

/// Refuses project figures that would be shown as right while wrong: a BAC that is NaN,
/// infinite, absurdly large or negative, and a planned finish before the start.
fn check_project(
    path: &Path,
    text: &Arc<str>,
    split: &Split,
    m: &ProjectMeta,
) -> Result<(), Diagnostic> {
    let at = |field: &str| {
        let offset = field_offset(text, split, field);
        let len = text[offset..].find('\n').unwrap_or(0);
        crate::diagnostics::Location::new(path, text, offset, len)
    };
    if let Some(bac) = m.bac {
        // The value as written (`.nan`, `1e20`): a figure this wrong is best quoted.
        let offset = field_offset(text, split, "bac");
        let line = text[offset..].lines().next().unwrap_or("");
        let (written, note) = value_and_comment(line);
        let written = written.trim();
        let problem = if !bac.is_finite() {
            Some(t!(
                "`{field}` is `{value}`, which is not a figure",
                field = "bac",
                value = written
            ))
        } else if bac.abs() > MAX_BAC {
            Some(t!(
                "`bac` is out of range: `{value}` is larger than 10^15",
                value = written
            ))
        } else if crate::numbers::in_another_base(written) {
            // YAML reads `0x493E00` as 4,800,000: a figure no one meant, as in a table.
            Some(t!(
                "`bac` is `{value}`, a number in another base, which YAML reads as {number}",
                value = written,
                number = crate::numbers::format_amount(bac)
            ))
        } else if bac < 0.0 {
            Some(t!(
                "`bac` is negative ({bac})",
                bac = crate::numbers::format_amount(bac)
            ))
        } else {
            None
        };
        if let Some(problem) = problem {
            return Err(Diagnostic::error(Problem::Content(problem))
                .at(at("bac"))
                .with_help(t!("the budget at completion is the total planned cost: a plain number from 0 to 10^15, e.g. 3200000")));
        }
        // `bac: 320  # 万元`: the author's own note of the unit, which pmo would not read.
        let note = note.map(str::trim);
        if let Some((unit, factor)) = note.and_then(crate::units::multiple_in_note) {
            return Err(Diagnostic::error(Problem::Content(t!(
                "`bac` is {value}, but its comment says it is in {unit}: pmo reads amounts in the currency's own units, so the budget would be {factor} times too small",
                value = written,
                unit = unit,
                factor = crate::numbers::format_amount(f64::from(factor))
            )))
            .at(at("bac"))
            .with_help(t!(
                "write the whole amount, `bac: {whole}`, and the budget table's amounts in the currency's own units too",
                whole = crate::numbers::format_number(bac * f64::from(factor))
            )));
        }
    }
    if let Some(d) =
        crate::content::dated::project_day_out_of_range(path, text, split, m.start, m.finish)
    {
        return Err(d);
    }
    if let (Some(start), Some(finish)) = (m.start, m.finish) {
        if finish.0 < start.0 {
            return Err(Diagnostic::error(Problem::Content(t!(
                "the planned `finish` ({finish}) is before `start` ({start})",
                finish = finish.iso(),
                start = start.iso()
            )))
            .at(at("finish"))
            .with_help(t!(
                "check both dates (YYYY-MM-DD); the finish may be the start day but not earlier"
            )));
        }
    }
    // `currency: ""` read as a currency of no name: "is in , but site.toml gives no
    // rate from  to …" (malformed hunt 8).
    if m.currency.as_deref().is_some_and(crate::slugs::is_blank) {
        return Err(Diagnostic::error(Problem::Content(t!("`currency` is empty")))
            .at(at("currency"))
            .with_help(t!("write the code of the currency the budget is kept in, e.g. `currency: CNY`, or remove the line to use the portfolio's currency")));
    }
    // `currency: 万元` (or `kCNY`): amounts in a multiple of a currency, shown with the
    // multiple as their unit, while the portfolio adds them up with other projects' in
    // the currency's own units, ten thousand times apart.
    // As a header's unit too (`CNY (thousands)`).
    let scaled = |c: &str| match crate::units::unit_of(c) {
        Some((_, crate::units::Unit::Scaled(_, factor))) => Some(factor),
        _ => crate::units::multiple_named(c).map(|(_, factor)| factor),
    };
    if let Some((written, factor)) = m
        .currency
        .as_deref()
        .and_then(|c| Some((c.trim(), scaled(c)?)))
    {
        return Err(Diagnostic::error(Problem::Content(t!(
            "`currency` is {unit}, {factor} of a currency's units: pmo reads and adds amounts in a currency's own units, so {unit} would be shown and summed as a currency of its own",
            unit = written,
            factor = crate::numbers::format_amount(f64::from(factor))
        )))
        .at(at("currency"))
        .with_help(t!(
            "write the currency's code (`currency: CNY`), and `bac` and the budget's amounts in its own units (multiplied by {factor})",
            factor = crate::numbers::format_amount(f64::from(factor))
        )));
    }
    // A status set by hand reads like a computed one unless it says why; without the
    // reason a steering committee cannot tell an override from a measurement.
    let reason = m.rag_reason.as_deref().map(str::trim).unwrap_or("");
    if let (Some(rag), "") = (m.rag, reason) {
        let rag = crate::content::schema::Vocabulary::key(rag);
        return Err(Diagnostic::error(Problem::Content(t!("`rag: {rag}` sets the status by hand, but there is no `rag_reason` saying why", rag = rag)))
        .at(at("rag"))
        .with_help(t!("add `rag_reason:` with who decided and why (e.g. `rag_reason: paused by the steering committee on 15 June, amber until it resumes`), or remove `rag` to show the status computed from CPI and SPI")));
    }
    Ok(())
}

/// The URL of the list of folder `dir` under `content/` (`practices/risk` →
/// `practices/risk/`); the top folder's is the site's root, ``.
pub fn folder_url(dir: &str) -> String {
    if dir.is_empty() {
        String::new()
    } else {
        url_of(&format!("{dir}/_index.md"))
    }
}

/// The URL of the page at `rel`: every folder and the file stem become slugs;
/// `_index.md` and `index.md` stand for their folder.
pub fn url_of(rel: &str) -> String {
    let mut parts: Vec<&str> = rel.split('/').collect();
    let file = parts.pop().unwrap_or("");
    let stem = file.strip_suffix(".md").unwrap_or(file);
    let mut url = String::new();
    for dir in parts {
        url.push_str(&slugify(dir, "section"));
        url.push('/');
    }
    if stem != "_index" && stem != "index" {
        url.push_str(&slugify(stem, "page"));
        url.push('/');
    }
    url
}

/// The largest page read: far beyond any page a person writes (the longest in the
/// sample portal is 12 KB), small enough that every stage stays quick on it.
pub const MAX_PAGE_BYTES: usize = 16_000_000;

/// Links (`](`) one line of a page may hold. The Markdown reader looks for each
/// link's end to the end of its line, so a line of N unclosed `[a](b` takes time in N²:
/// 240,000 of them (1.4 MB) took 17 s, and a 16 MB page would take half an hour, in
/// `build`, `check` and every save under `serve`. No page a person writes holds more
/// than a few dozen on one line; 2,000 bound the worst line to about a millisecond.
pub const MAX_LINKS_PER_LINE: usize = 2_000;

/// The first line of `range` in `text` holding more than [`MAX_LINKS_PER_LINE`] links,
/// outside fenced code (read as code, not links): its offset, length (its start, for
/// the mark) and count.
fn crowded_line(text: &str, range: std::ops::Range<usize>) -> Option<(usize, usize, usize)> {
    let body = text.get(range.clone())?;
    // Most pages have far fewer links in all: no line to look at.
    body.matches("](").nth(MAX_LINKS_PER_LINE)?;
    let mut fence: Option<&str> = None;
    let mut at = range.start;
    for line in body.split_inclusive('\n') {
        let opener = line.trim_start();
        let mark = ["```", "~~~"].into_iter().find(|m| opener.starts_with(m));
        match (fence, mark) {
            (None, Some(m)) => fence = Some(m),
            (Some(f), Some(m)) if f == m => fence = None,
            (None, None) => {
                let links = line.matches("](").count();
                if links > MAX_LINKS_PER_LINE {
                    let len = line.find("](").map_or(0, |i| i + 2);
                    return Some((at, len, links));
                }
            }
            _ => {}
        }
        at += line.len();
    }
    None
}

/// A page read, with its warnings; or every problem, when one is an error.
pub type Loaded = Result<(Page, Vec<Diagnostic>), Vec<Diagnostic>>;

/// The page at `rel`, with the warnings its body raised (a page with only warnings is a
/// page: it was dropped from the site, its warnings printed and the build a success), or
/// every problem when one is an error. With `sanitized` (a site without `trust_html`),
/// a page that fails tells what the sanitizer drops from its body too, as one that
/// builds does once linked.
pub fn load_page(content_dir: &Path, root: &Path, rel: &str, sanitized: bool) -> Loaded {
    let full = content_dir.join(rel);
    let path = display_path(root, &full);
    // Measured before it is read: a sparse file of gigabytes costs no disk.
    let text = read_text_within(&full, &path, MAX_PAGE_BYTES, |size| {
        Diagnostic::error(Problem::Content(t!(
            "this page is {size} MB; a page may be at most {max} MB",
            size = size / 1_000_000,
            max = MAX_PAGE_BYTES / 1_000_000
        )))
        .in_file(&path)
        .with_help(t!(
            "split it into several pages, or put its data in a table under data/ and chart it"
        ))
    })
    .map_err(|d| vec![d])?;
    let split = front_matter::split(&path, &text).map_err(|d| vec![d])?;
    if let Some((at, len, links)) = crowded_line(&text, split.body.clone()) {
        return Err(vec![Diagnostic::error(Problem::Content(t!(
            "this line holds {links} links or images; a line may hold at most {max}",
            links = links,
            max = MAX_LINKS_PER_LINE
        )))
        .at(crate::diagnostics::Location::new(&path, &text, at, len))
        .with_help(t!(
            "put the links on lines of their own, or in a list: reading a line takes time that grows with the square of its links"
        ))]);
    }
    let kind = kind_of(rel);
    let mut page = parse_meta(kind, rel, &path, &text, &split).map_err(|mut problems| {
        // A tag list split by a full-width comma is told with the fields' values, not
        // only once they are right (the fifth walk-through needed three runs).
        let line = |d: &Diagnostic| d.location.as_ref().map(|l| l.line_col().0);
        if let Some(d) = crate::content::terms::raw_joined_tag(&path, &text, &split) {
            if !problems.iter().any(|p| line(p) == line(&d)) {
                problems.push(d);
            }
        }
        // An empty date is told as such, in place of "expected a date".
        if let Some(d) = crate::content::empty_date::told(kind, &path, &text, &split) {
            problems.retain(|p| line(p) != line(&d));
            problems.push(d);
        }
        let mut problems = crate::content::misplaced::explain(kind, rel, problems);
        if sanitized {
            let (body, _, _) = markdown::render_with_text(&path, &text, split.body.clone());
            problems.extend(markdown::sanitizer_warnings(&body, &path, &text));
        }
        problems
    })?;
    if text[split.front.clone()].contains("audience") {
        let m: AudienceMeta = front_matter::parse(&path, &text, &split, kind.key())?;
        let at = field_offset(&text, &split, "audience");
        page.audience = m.audience.map(|name| (name, at));
    }
    let mut alias_problems = Vec::new();
    if text[split.front.clone()].contains("aliases") {
        let m: AliasesMeta = front_matter::parse(&path, &text, &split, kind.key())?;
        let (aliases, problems) = crate::content::aliases::read(&path, &text, &split, &m.aliases.0);
        page.aliases = aliases;
        alias_problems = problems;
    }
    let (mut body, plain, mut problems) =
        markdown::render_with_text(&path, &text, split.body.clone());
    problems.extend(alias_problems);
    problems.extend(crate::content::title_word::doubtful(&path, &text, &split));
    problems.extend(crate::content::empty_date::told(kind, &path, &text, &split));
    for raw in &body.blocks {
        match crate::blocks::parse(raw.chart, &raw.text) {
            Ok(spec) => page.blocks.push(spec),
            Err(e) => problems.push(
                Diagnostic::error(Problem::Content(if raw.chart {
                    t!("invalid chart block: {detail}", detail = e.message)
                } else {
                    t!("invalid table block: {detail}", detail = e.message)
                }))
                .at(crate::diagnostics::Location::new(
                    &path,
                    &text,
                    raw.offset + e.span.start,
                    e.span.len(),
                ))
                .with_help(e.help),
            ),
        }
    }
    if problems.iter().any(Diagnostic::is_error) {
        if sanitized {
            problems.extend(markdown::sanitizer_warnings(&body, &path, &text));
        }
        return Err(problems);
    }
    page.explicit_summary = !page.summary.is_empty();
    // The first paragraph is kept only as the summary: a second copy in every page
    // cost some 40 MB at 100,000 pages.
    let first_paragraph = std::mem::take(&mut body.first_paragraph);
    if page.summary.is_empty() {
        page.summary = first_paragraph;
    }
    page.written_in = crate::content::language::written_in(&page.title, &plain);
    page.body = body;
    Ok((page, problems))
}

fn parse_meta(
    kind: Kind,
    rel: &str,
    path: &Path,
    text: &Arc<str>,
    split: &Split,
) -> Result<Page, Vec<Diagnostic>> {
    let mut page = Page {
        kind,
        rel_path: rel.to_string(),
        path: path.to_path_buf(),
        source: Source::Held(Arc::clone(text)),
        url: url_of(rel),
        title: String::new(),
        date: None,
        as_of: None,
        tags: Vec::new(),
        category: None,
        summary: String::new(),
        explicit_summary: false,
        written_in: None,
        owner: None,
        weight: None,
        draft: false,
        audience: None,
        restricted: None,
        aliases: Vec::new(),
        extra: Extra::None,
        body: Default::default(),
        blocks: Vec::new(),
    };
    match kind {
        Kind::Section => {
            let m: SectionMeta = front_matter::parse(path, text, split, "section")?;
            page.title = m.title.unwrap_or_default();
            page.weight = m.weight;
            page.summary = summary_of(path, text, split, m.summary, m.description)?;
        }
        Kind::Practice => {
            let mut m: PracticeMeta = front_matter::parse(path, text, split, "practice")?;
            m.owner = m.owner.as_deref().and_then(tidy_name);
            page.title = m.title.clone();
            page.date = m.date;
            page.category = m.category.clone();
            page.tags = m.tags.clone();
            page.weight = m.weight;
            page.owner = m.owner.clone();
            page.summary = summary_of(path, text, split, m.summary.clone(), m.description.clone())?;
            page.draft = m.draft;
            page.extra = Extra::Practice(Box::new(m));
        }
        Kind::Lesson => {
            let mut m: LessonMeta = front_matter::parse(path, text, split, "lesson")?;
            let wrong = crate::content::actions::errors(path, text, split, &m);
            if !wrong.is_empty() {
                return Err(wrong);
            }
            m.owner = m.owner.as_deref().and_then(tidy_name);
            for action in &mut m.actions {
                action.owner = action.owner.as_deref().and_then(tidy_name);
            }
            page.title = m.title.clone();
            page.date = Some(m.date);
            page.category = m.category.clone();
            page.tags = m.tags.clone();
            page.owner = m.owner.clone();
            page.summary = summary_of(path, text, split, m.summary.clone(), m.description.clone())?;
            page.draft = m.draft;
            page.extra = Extra::Lesson(Box::new(LessonInfo {
                project_at: field_offset(text, split, "project"),
                meta: m,
            }));
        }
        Kind::Project => {
            let mut m: ProjectMeta = front_matter::parse(path, text, split, "project")?;
            check_project(path, text, split, &m).map_err(|d| vec![d])?;
            // Shown and compared as its code: `RMB` or `人民币` is CNY everywhere.
            m.currency = m.currency.map(|c| crate::numbers::currency_code(&c));
            // Grouped and compared as names: `信息中心　` is 信息中心.
            for name in [&mut m.sponsor, &mut m.manager, &mut m.department] {
                *name = name.as_deref().and_then(tidy_name);
            }
            page.title = m.title.clone();
            page.tags = m.tags.clone();
            page.summary = summary_of(path, text, split, m.summary.clone(), m.description.clone())?;
            page.draft = m.draft;
            page.date = m.start;
            let slug = rel.split('/').nth(1).unwrap_or_default().to_string();
            page.extra = Extra::Project(Box::new(ProjectInfo { meta: m, slug }));
        }
        Kind::Review => {
            let mut m: ReviewMeta = front_matter::parse(path, text, split, "review")?;
            m.owner = m.owner.as_deref().and_then(tidy_name);
            page.title = m.title.clone();
            page.date = Some(m.date);
            page.as_of = m.as_of.map(|d| d.0);
            page.tags = m.tags.clone();
            page.owner = m.owner.clone();
            page.summary = summary_of(path, text, split, m.summary.clone(), m.description.clone())?;
            page.draft = m.draft;
            page.extra = Extra::Review(Box::new(ReviewInfo {
                project_at: field_offset(text, split, "project"),
                meta: m,
            }));
        }
        Kind::Home | Kind::Report | Kind::Page => {
            let m: PageMeta = front_matter::parse(path, text, split, "page")?;
            page.title = m.title;
            page.date = m.date;
            page.as_of = m.as_of.map(|d| d.0);
            page.tags = m.tags;
            page.weight = m.weight;
            page.owner = m.owner.as_deref().and_then(tidy_name);
            page.summary = summary_of(path, text, split, m.summary, m.description)?;
            page.draft = m.draft;
        }
    }
    // `采购管理` with a zero-width space pasted along, or a Chinese input method's space
    // after it, is one term with the rest: the dashboard and the register counted it as
    // a second category of the same name.
    page.category = page.category.as_deref().map(crate::content::terms::tidy);
    for tag in &mut page.tags {
        *tag = crate::content::terms::tidy(tag);
    }
    if kind != Kind::Section && crate::slugs::is_blank(&page.title) {
        return Err(vec![Diagnostic::error(Problem::Content(t!(
            "the title is empty"
        )))
        .at(crate::diagnostics::Location::new(
            path,
            text,
            field_offset(text, split, "title"),
            5,
        ))
        .with_help(t!("give the page a title"))]);
    }
    if let Some(d) = crate::content::dated::too_early(&page, path, text, split) {
        return Err(vec![d]);
    }
    crate::content::terms::check_terms(path, text, split, &page)?;
    crate::content::terms::drop_repeated_tags(&mut page.tags);
    Ok(page)
}

/// A page's summary: its `summary`, or Hugo's `description` when that is left out, so a
/// site moved in from Hugo keeps its pages' summaries (the eleventh walk-through was told
/// "did you mean `summary`" on every page). Both written and different is refused at the
/// description: one would be dropped without a word.
fn summary_of(
    path: &Path,
    text: &Arc<str>,
    split: &Split,
    summary: Option<String>,
    description: Option<String>,
) -> Result<String, Vec<Diagnostic>> {
    match (summary, description) {
        (Some(summary), Some(description)) if summary.trim() != description.trim() => {
            let at = field_offset(text, split, "description");
            let len = text[at..].find(['\n', '\r']).unwrap_or(text.len() - at);
            Err(vec![Diagnostic::error(Problem::FrontMatter(t!(
                "`description` and `summary` both give the page's summary, and they differ"
            )))
            .at(crate::diagnostics::Location::new(path, text, at, len))
            .with_help(t!(
                "keep one: pmo reads Hugo's `description` as the `summary`; delete the line of the one you do not want"
            ))])
        }
        (Some(summary), _) => Ok(summary),
        (None, description) => Ok(description.unwrap_or_default()),
    }
}

/// The blanks between a key and its value in YAML and TOML; a full-width space is text.
const YAML_BLANK: [char; 2] = [' ', '\t'];

/// Byte offset of the value of a top-level front matter field (the start of the front
/// matter if the field is not written on a line of its own).
pub fn field_offset(text: &str, split: &Split, field: &str) -> usize {
    let front = &text[split.front.clone()];
    let mut offset = split.front.start;
    for line in front.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix(field) {
            let trimmed = rest.trim_start_matches(YAML_BLANK);
            if let Some(value) = trimmed
                .strip_prefix(':')
                .or_else(|| trimmed.strip_prefix('='))
            {
                // Only the spaces YAML and TOML skip: a value of full-width spaces
                // (`title: 　　`) starts where they do, not on the line below.
                let value_start = line.len() - value.trim_start_matches(YAML_BLANK).len();
                return offset + value_start;
            }
        }
        offset += line.len();
    }
    split.front.start
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_folder_style_and_keep_chinese() {
        assert_eq!(url_of("_index.md"), "");
        assert_eq!(url_of("practices/Risk/_index.md"), "practices/risk/");
        assert_eq!(
            url_of("practices/risk/风险登记册.md"),
            "practices/risk/风险登记册/"
        );
        assert_eq!(
            url_of("projects/erp-upgrade/index.md"),
            "projects/erp-upgrade/"
        );
        assert_eq!(url_of("lessons/Vendor Delay.md"), "lessons/vendor-delay/");
    }

    #[test]
    fn field_offset_finds_the_value() {
        let text = "---\ntitle: x\nproject:  erp\n---\n";
        let split = Split {
            format: front_matter::Format::Yaml,
            front: 4..27,
            body: 31..31,
        };
        assert_eq!(&text[field_offset(text, &split, "project")..][..3], "erp");
    }
}
