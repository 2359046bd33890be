//! One page of a Confluence space's HTML export: its title without the space's name
//! (`<title>PMO : 供应商管理</title>`), its page id (`12345678.html`,
//! `供应商管理_12345678.html`), who created it and when it was last changed (the
//! `page-metadata` line, "Created by 张伟, last modified on 2024年3月5日"), and its body
//! (`#main-content`), Confluence's chrome around it (breadcrumbs, footer, comments)
//! left behind.

use crate::date::Date;

use super::dom::Dom;

/// A page read from the export.
pub(super) struct ExportPage {
    pub dom: Dom,
    pub title: Option<String>,
    pub space: Option<String>,
    pub date: Option<Date>,
    pub owner: Option<String>,
    /// The body's element, or `None` when the page has no `#main-content` (the whole
    /// `<body>` is then converted).
    pub main: Option<usize>,
    pub body: usize,
    /// The comments under the body, when there are any.
    pub comments: Option<usize>,
    /// The file of the page it stands under in the space's tree, from its breadcrumbs.
    pub parent: Option<String>,
}

impl ExportPage {
    pub fn read(html: &str) -> ExportPage {
        let dom = Dom::parse(html);
        let (space, title) = match dom.find(0, |d, n| d.name(n) == Some("title")) {
            Some(t) => split_title(&dom.text(t)),
            None => (None, None),
        };
        let title = title.or_else(|| {
            dom.find(0, |d, n| d.attr(n, "id") == Some("title-text"))
                .and_then(|t| split_title(&dom.text(t)).1)
        });
        let main = dom
            .find(0, |d, n| d.attr(n, "id") == Some("main-content"))
            .or_else(|| dom.find(0, |d, n| d.has_class(n, "wiki-content")));
        let body = dom.find(0, |d, n| d.name(n) == Some("body")).unwrap_or(0);
        let metadata = dom
            .find(0, |d, n| d.has_class(n, "page-metadata"))
            .map(|m| super::convert::collapsed(&dom.text(m)));
        let (owner, date) = metadata.as_deref().map(created).unwrap_or((None, None));
        let comments = dom
            .find(0, |d, n| d.attr(n, "id") == Some("comments-section"))
            .filter(|&c| !super::convert::collapsed(&dom.text(c)).trim().is_empty());
        let parent = super::tree::parent_of(&dom);
        ExportPage {
            parent,
            dom,
            title,
            space,
            date,
            owner,
            main,
            body,
            comments,
        }
    }
}

/// `PMO 知识库 : 供应商管理` → the space and the title; a title without the separator
/// is the title alone.
fn split_title(text: &str) -> (Option<String>, Option<String>) {
    let text = super::convert::collapsed(text).trim().to_string();
    let clean = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    match text.split_once(" : ") {
        Some((space, title)) => (clean(space), clean(title)),
        None => (None, clean(&text)),
    }
}

/// Who created a page and the day it was last changed, from its metadata line:
/// `Created by 张伟, last modified on 2024年3月5日`, `… on Mar 05, 2024`,
/// `由张伟创建，最后修改于 2024-03-05`.
fn created(line: &str) -> (Option<String>, Option<Date>) {
    let owner = line
        .split_once("Created by ")
        .map(|(_, rest)| rest)
        .map(|rest| rest.split([',', '，']).next().unwrap_or(rest))
        .map(|rest| rest.split(" on ").next().unwrap_or(rest))
        .or_else(|| {
            line.split_once('由')
                .and_then(|(_, rest)| rest.split_once("创建").map(|(who, _)| who))
        })
        .map(|who| who.trim().to_string())
        .filter(|who| !who.is_empty() && who.chars().count() <= 40);
    let last = [" on ", "于", "修改", "on "]
        .iter()
        .filter_map(|sep| line.rsplit_once(sep).map(|(_, d)| d))
        .min_by_key(|d| d.len())
        .unwrap_or(line);
    let day = last.trim().trim_end_matches(['.', '。']);
    let date = crate::date::read_loosely(day)
        .or_else(|| english_day(day))
        .or_else(|| Date::parse(day).ok());
    (owner, date)
}

/// `Mar 05, 2024` or `March 5, 2024`.
fn english_day(text: &str) -> Option<Date> {
    let mut words = text.split([' ', ',']).filter(|w| !w.is_empty());
    let month = crate::date::english_month(words.next()?)?;
    let day: i8 = words.next()?.parse().ok()?;
    let year: i16 = words.next()?.parse().ok()?;
    jiff::civil::Date::new(year, i8::try_from(month).ok()?, day)
        .ok()
        .map(Date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_metadata_line_gives_the_creator_and_the_day() {
        let day = |s: &str| Date::parse(s).ok();
        for (line, owner, date) in [
            (
                "Created by 张伟, last modified on 2024年3月5日",
                "张伟",
                "2024-03-05",
            ),
            (
                "Created by Zhang Wei, last modified by 李娜 on Mar 05, 2024",
                "Zhang Wei",
                "2024-03-05",
            ),
            ("Created by 王芳 on 2023-11-20", "王芳", "2023-11-20"),
            ("由刘敏创建，最后修改于 2024-1-8", "刘敏", "2024-01-08"),
        ] {
            assert_eq!(
                created(line),
                (Some(owner.to_string()), day(date)),
                "{line}"
            );
        }
        assert_eq!(created("最近更新"), (None, None));
    }

    #[test]
    fn the_title_loses_the_space_name() {
        assert_eq!(
            split_title(" PMO 知识库 :  供应商管理 : 附录 "),
            (Some("PMO 知识库".into()), Some("供应商管理 : 附录".into()))
        );
        assert_eq!(split_title("周报"), (None, Some("周报".into())));
    }
}
