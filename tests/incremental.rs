//! `serve`'s rebuilds: after every kind of edit, the files held in memory must equal a
//! clean build of the same sources, and a cheap edit must not rebuild everything.

mod common;

use common::{
    assert_clean, crm_lesson, messages, Site, CRM_LESSON_FILE, CRM_PROJECT, CRM_PROJECT_FILE,
};
use pmo_portal::Options;
use pmo_portal::{Rebuild, Scope, Step, Workspace};

struct Session {
    site: Site,
    workspace: Workspace,
}

impl Session {
    fn start() -> Session {
        Session::open(basic_with("search = true"))
    }

    fn open(site: Site) -> Session {
        let (workspace, _) = match Workspace::open(Options::new(site.root())) {
            Ok(w) => w,
            Err(f) => panic!("{}", messages(&f)),
        };
        Session { site, workspace }
    }

    fn edit(&mut self, rel: &str, text: &str) -> Rebuild {
        self.site.write(rel, text);
        self.rebuild(rel)
    }

    fn rebuild(&mut self, rel: &str) -> Rebuild {
        let path = self.workspace.root().join(rel);
        match self.workspace.rebuild([path]) {
            Ok(mut r) => {
                for settled in self.settle() {
                    r.changed.extend(settled.changed);
                    r.removed.extend(settled.removed);
                }
                r
            }
            Err(f) => panic!("rebuild failed:\n{}", messages(&f)),
        }
    }

    /// Pays what the rebuild left owed, as serve does between saves.
    fn settle(&mut self) -> Vec<pmo_portal::Settled> {
        match self.workspace.settle_all() {
            Ok(steps) => steps,
            Err(f) => panic!("settling failed:\n{}", messages(&f)),
        }
    }

    fn read(&self, rel: &str) -> String {
        let files = self.workspace.files();
        let files = pmo_portal::read_files(&files);
        String::from_utf8(files[rel].to_vec()).unwrap()
    }

    /// The in-memory site equals a clean build of the sources as they are now.
    fn assert_clean(&self, after: &str) {
        assert_clean(&self.workspace, Options::new(self.site.root()), after);
    }
}

/// The `basic` fixture with `line` added to its site.toml.
fn basic_with(line: &str) -> Site {
    let site = Site::fixture("basic");
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", format!("{toml}{line}\n"));
    site
}

const LESSON: &str = "content/lessons/vendor-delay.md";

fn lesson(title: &str, body: &str) -> String {
    format!(
        "---\ntitle: {title}\ndate: 2024-03-18\nproject: erp\nphase: execution\ncategory: 采购管理\n\
         impact: negative\ntags: [供应商, 进度]\nseverity: high\nstatus: closed\nid: LL-2024-001\n---\n\n{body}\n"
    )
}

#[test]
fn body_edits_patch_only_the_pages_that_show_them() {
    let mut s = Session::start();
    s.assert_clean("opening");

    // The same first paragraph, a new second one: only the lesson itself changes.
    let r = s.edit(
        LESSON,
        &lesson(
            "供应商交付延期导致里程碑滑移",
            "供应商接口延期三周。参见[风险登记册](../practices/risk/register.md)与[项目](../projects/erp/index.md)。\n\n新增段落：每周与供应商对齐接口清单。",
        ),
    );
    assert!(matches!(r.scope, Scope::Pages(_)), "{:?}", r.scope);
    assert!(r
        .changed
        .contains(&"lessons/vendor-delay/index.html".to_string()));
    assert!(
        !r.changed.contains(&"lessons/index.html".to_string()),
        "{:?}",
        r.changed
    );
    assert!(s
        .read("lessons/vendor-delay/index.html")
        .contains("每周与供应商对齐接口清单"));
    s.assert_clean("a body edit");

    // A new first paragraph is the summary: the lists showing it change too.
    let r = s.edit(
        LESSON,
        &lesson(
            "供应商交付延期导致里程碑滑移",
            "接口规格冻结太晚。参见[风险登记册](../practices/risk/register.md)。",
        ),
    );
    assert!(matches!(r.scope, Scope::Pages(_)), "{:?}", r.scope);
    assert!(
        r.changed.iter().any(|p| p.starts_with("tags/")),
        "{:?}",
        r.changed
    );
    assert!(s
        .read("projects/erp/index.html")
        .contains("接口规格冻结太晚"));
    s.assert_clean("a summary edit that drops a link");
}

/// A lesson's body is in its text likeness to others: editing it redraws the related
/// lessons of the other project's pages, as a clean build would.
#[test]
fn a_body_edit_redraws_related_lessons_elsewhere() {
    let mut s = Session::start();
    s.edit(CRM_PROJECT_FILE, CRM_PROJECT);
    let other = crm_lesson;
    s.edit(CRM_LESSON_FILE, &other("培训安排在周末。"));
    s.assert_clean("a new project and lesson");
    assert!(!s
        .read("lessons/vendor-delay/index.html")
        .contains("lessons/crm-report/"));

    let r = s.edit(
        "content/lessons/crm-report.md",
        &other("供应商接口延期三周，里程碑滑移，培训也推迟了。"),
    );
    assert!(matches!(r.scope, Scope::Pages(_)), "{:?}", r.scope);
    assert!(
        r.changed
            .contains(&"lessons/vendor-delay/index.html".to_string()),
        "{:?}",
        r.changed
    );
    assert!(s
        .read("lessons/vendor-delay/index.html")
        .contains("lessons/crm-report/"));
    s.assert_clean("a body edit that relates two lessons");

    // A new lesson is related where it belongs, and a deleted one leaves every list.
    let r = s.edit(
        "content/lessons/crm-vendor.md",
        "---\ntitle: 接口供应商延期交付\ndate: 2024-07-01\nproject: crm\nphase: execution\n\
         category: 采购管理\nimpact: negative\ntags: [供应商, 进度]\n---\n\n供应商接口延期，里程碑滑移。\n",
    );
    assert!(!matches!(r.scope, Scope::Full), "{:?}", r.scope);
    s.assert_clean("a new lesson related to others");
    assert!(s
        .read("lessons/vendor-delay/index.html")
        .contains("lessons/crm-vendor/"));
    s.site.remove("content/lessons/crm-vendor.md");
    s.rebuild("content/lessons/crm-vendor.md");
    s.assert_clean("a related lesson deleted");
}

/// The reload comes before what reads the whole site (related lessons, the register's
/// data, the hygiene page, the search index): that is owed, paid between saves, and a
/// save arriving meanwhile is served first. Once paid, the files equal a clean build.
#[test]
fn whole_site_work_waits_until_after_the_reload_and_a_save_interrupts_it() {
    let mut s = Session::start();
    s.edit(CRM_PROJECT_FILE, CRM_PROJECT);
    let other = crm_lesson;
    s.edit(CRM_LESSON_FILE, &other("培训安排在周末。"));
    assert!(s.workspace.settled());
    let index_before = s.read("search/meta.js");

    s.site.write(
        "content/lessons/crm-report.md",
        other("培训安排在周末。\n\n供应商接口延期三周，里程碑滑移，培训也推迟了。 MARKOWED"),
    );
    let path = s.workspace.root().join("content/lessons/crm-report.md");
    let r = s.workspace.rebuild([path]).unwrap();
    // The summary is the same: only the page itself, and its feed entry.
    assert_eq!(r.scope, Scope::Pages(1), "{r:?}");
    assert_eq!(
        r.changed,
        ["atom.xml", "lessons/crm-report/index.html"],
        "{r:?}"
    );
    assert!(r.warnings.is_none(), "the warnings are owed too");
    assert!(!s.workspace.settled());
    assert!(s.read("lessons/crm-report/index.html").contains("MARKOWED"));
    assert!(
        !s.read("lessons/vendor-delay/index.html")
            .contains("lessons/crm-report/"),
        "related lessons are found after the reload"
    );

    // A save arriving while a step runs gives the step up: nothing changes, all is owed.
    let mut asked = 0;
    let mut save_arrived = |_: std::time::Duration| {
        asked += 1;
        true
    };
    for _ in 0..3 {
        let step = s.workspace.settle(Some(&mut save_arrived)).unwrap();
        assert!(step.is_none(), "{step:?}");
    }
    assert!(asked >= 3);
    assert!(!s.workspace.settled());
    assert_eq!(s.read("search/meta.js"), index_before);

    // Between saves every step is paid, each saying what it changed.
    let steps = s.settle();
    let names: Vec<Step> = steps.iter().map(|st| st.step).collect();
    assert!(names.contains(&Step::Related), "{names:?}");
    assert!(names.contains(&Step::Search), "{names:?}");
    let pages = steps
        .iter()
        .find(|st| matches!(st.step, Step::Pages(_)))
        .expect("the lists that now show the lesson are rendered again");
    assert!(
        pages
            .changed
            .contains(&"lessons/vendor-delay/index.html".to_string()),
        "{pages:?}"
    );
    assert!(s.workspace.settled());
    assert!(s
        .read("lessons/vendor-delay/index.html")
        .contains("lessons/crm-report/"));
    s.assert_clean("owed work paid");

    // Without a save waiting, a step runs on a thread of its own to its end.
    s.site.write(
        "content/lessons/crm-report.md",
        other("培训安排在周末。\n\nMARKAGAIN"),
    );
    let path = s.workspace.root().join("content/lessons/crm-report.md");
    s.workspace.rebuild([path]).unwrap();
    let mut quiet = |wait: std::time::Duration| {
        std::thread::sleep(wait);
        false
    };
    while !s.workspace.settled() {
        assert!(s.workspace.settle(Some(&mut quiet)).unwrap().is_some());
    }
    s.assert_clean("owed work paid on a thread");
}

/// A site with `search = false` has no index, and gets none from an edit in serve.
#[test]
fn without_search_an_edit_writes_no_index() {
    let mut s = Session::open(basic_with("search = false"));
    s.edit(
        LESSON,
        &lesson("供应商交付延期导致里程碑滑移", "正文。\n\n新段落。"),
    );
    let files = s.workspace.files();
    assert!(!pmo_portal::read_files(&files)
        .keys()
        .any(|p| p.starts_with("search/")));
    s.assert_clean("an edit without search");
}

/// A new title keeps a page in its lists, where it orders it only among pages of its
/// date (practices: of their weight): the lists are sorted again without linking the
/// site again. Pages of one date on several list pages, and practices of one weight,
/// show that every list page whose slice moved, and every practice naming a neighbour,
/// is rendered again.
#[test]
fn new_titles_reorder_lists_of_one_date_and_practices_of_one_weight() {
    let site = basic_with("search = true");
    let same_day = |title: &str| {
        format!(
            "---\ntitle: {title}\ndate: 2024-05-05\nproject: erp\nphase: execution\n\
             category: 采购管理\nimpact: negative\ntags: [供应商]\n---\n\n同一天的经验 {title}。\n"
        )
    };
    for (file, title) in [
        ("a", "A 甲"),
        ("b", "B 乙"),
        ("c", "C 丙"),
        ("d", "D 丁"),
        ("e", "E 戊"),
    ] {
        site.write(&format!("content/lessons/same-{file}.md"), same_day(title));
    }
    let practice =
        |title: &str| format!("---\ntitle: {title}\ncategory: 风险管理\n---\n\n{title} 正文。\n");
    for (file, title) in [
        ("p1", "一 识别"),
        ("p2", "二 分析"),
        ("p3", "三 应对"),
        ("p4", "四 监控"),
    ] {
        site.write(
            &format!("content/practices/risk/{file}.md"),
            practice(title),
        );
    }
    let mut s = Session::open(site);
    s.assert_clean("opening");

    // First of its date to last: every lesson of that day moves up a place, over three
    // pages of the register (two per page) and of the tag's and category's lists.
    let r = s.edit("content/lessons/same-a.md", &same_day("Z 甲（改）"));
    assert!(matches!(r.scope, Scope::Pages(_)), "{:?}", r.scope);
    s.assert_clean("a lesson retitled to the end of its date");
    let r = s.edit("content/lessons/same-a.md", &same_day("C0 甲"));
    assert!(matches!(r.scope, Scope::Pages(_)), "{:?}", r.scope);
    s.assert_clean("a lesson retitled to the middle of its date");

    // Practices without a weight are read in the order of their titles.
    let r = s.edit("content/practices/risk/p4.md", &practice("〇 先行"));
    assert!(matches!(r.scope, Scope::Pages(_)), "{:?}", r.scope);
    s.assert_clean("a practice retitled to the front");
    s.edit("content/practices/risk/p2.md", &practice("二 分析（修订）"));
    s.assert_clean("a practice retitled in place");
}

#[test]
fn moves_templates_static_files_and_data_each_rebuild_what_they_touch() {
    let mut s = Session::start();

    // A new title moves the lesson in every list: linked again, nothing parsed again.
    let r = s.edit(LESSON, &lesson("供应商延期（已更名）", "正文。"));
    assert!(matches!(r.scope, Scope::Pages(_)), "{:?}", r.scope);
    s.assert_clean("a title edit");

    // A site template overriding the theme's, then an edit to it.
    let theme_lesson = include_str!("../themes/default/templates/lesson.html");
    s.edit("templates/lesson.html", theme_lesson);
    s.assert_clean("adding a template");
    let r = s.edit(
        "templates/lesson.html",
        &theme_lesson.replacen(
            "{% block content %}",
            "{% block content %}<p class=\"edited\">模板已修改</p>",
            1,
        ),
    );
    assert!(matches!(r.scope, Scope::Templates(_)), "{:?}", r.scope);
    assert!(r
        .changed
        .contains(&"lessons/key-user/index.html".to_string()));
    assert!(!r
        .changed
        .contains(&"practices/risk/register/index.html".to_string()));
    assert!(s.read("lessons/key-user/index.html").contains("模板已修改"));
    s.assert_clean("a template edit");

    // CSS: copied again, nothing rendered.
    s.edit("static/css/style.css", "body { color: #123456; }\n");
    let r = s.edit("static/css/style.css", "body { color: #654321; }\n");
    assert_eq!(r.scope, Scope::Static);
    assert_eq!(r.changed, vec!["css/style.css".to_string()]);
    s.assert_clean("a stylesheet edit");

    // A project's data table.
    let budget =
        std::fs::read_to_string(s.site.root().join("content/projects/erp/budget.csv")).unwrap();
    let r = s.edit(
        "content/projects/erp/budget.csv",
        &budget.replace(",1", ",2"),
    );
    assert!(
        r.changed.contains(&"projects/erp/index.html".to_string()),
        "{:?}",
        r.changed
    );
    s.assert_clean("a data edit");
}

#[test]
fn broken_saves_change_nothing_and_the_fix_applies_them() {
    let mut s = Session::start();
    let before = s.workspace.version();

    s.site.write(LESSON, "---\ntitle: [unclosed\n---\n正文\n");
    let path = s.workspace.root().join(LESSON);
    let failure = s.workspace.rebuild([path.clone()]).unwrap_err();
    let text = messages(&failure);
    assert!(
        text.contains("content/lessons/vendor-delay.md:2:"),
        "{text}"
    );
    assert_eq!(before, s.workspace.version());

    // A broken link is caught by the cheap path too, and leaves the site as it was.
    s.site.write(
        LESSON,
        lesson("供应商交付延期导致里程碑滑移", "见[不存在](../nope.md)。"),
    );
    let failure = s.workspace.rebuild([path.clone()]).unwrap_err();
    assert!(
        messages(&failure).contains("nope.md"),
        "{}",
        messages(&failure)
    );
    assert_eq!(before, s.workspace.version());

    // The fix is applied even though the watcher reports only the file just saved.
    s.site
        .write(LESSON, lesson("供应商交付延期导致里程碑滑移", "修好了。"));
    s.rebuild(LESSON);
    assert!(s.read("lessons/vendor-delay/index.html").contains("修好了"));
    s.assert_clean("a fix");
}

/// An attachment edited while serving was copied again unread: a diagram given an
/// `onload` reached the served site although a build refuses it.
#[test]
fn an_attachment_edited_to_run_a_script_is_refused_while_serving() {
    let mut s = Session::start();
    let diagram = "content/reports/流程图.svg";
    s.edit(
        diagram,
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"9\"/></svg>",
    );
    let before = s.workspace.version();
    s.site.write(
        diagram,
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"9\" onload=\"alert(1)\"/></svg>",
    );
    let path = s.workspace.root().join(diagram);
    let failure = s.workspace.rebuild([path]).unwrap_err();
    let text = messages(&failure);
    assert!(text.contains("content/reports/流程图.svg:1:"), "{text}");
    assert_eq!(before, s.workspace.version());
    assert!(!s.read("reports/流程图.svg").contains("onload"));
}

#[test]
fn new_deleted_and_renamed_pages() {
    let mut s = Session::start();

    s.site.write(
        "content/lessons/new-one.md",
        "---\ntitle: 新增的经验\ndate: 2025-01-05\nproject: erp\nphase: closing\ncategory: 范围管理\nimpact: positive\n---\n\n新的内容。\n",
    );
    let r = s.rebuild("content/lessons/new-one.md");
    assert!(r
        .changed
        .contains(&"lessons/new-one/index.html".to_string()));
    assert!(
        matches!(r.scope, Scope::Pages(_)),
        "not the whole site: {r:?}"
    );
    s.assert_clean("a new page");

    // A new page linking to a practice: the practice lists it among its backlinks. Until
    // the link's target exists, the page changes nothing.
    let linking = "---\ntitle: 引用风险登记册\ndate: 2025-02-01\nproject: erp\nphase: closing\nimpact: positive\n---\n\n见[登记册](../practices/risk/register.md)与[缺失](missing.md)。\n";
    s.site.write("content/lessons/linking.md", linking);
    let root = s.workspace.root().to_path_buf();
    assert!(s
        .workspace
        .rebuild([root.join("content/lessons/linking.md")])
        .is_err());
    s.edit(
        "content/lessons/linking.md",
        &linking.replace("与[缺失](missing.md)", ""),
    );
    assert!(s
        .read("practices/risk/register/index.html")
        .contains("引用风险登记册"));
    s.assert_clean("a new page linking to another");
    s.site.remove("content/lessons/linking.md");
    let r = s.rebuild("content/lessons/linking.md");
    assert!(
        matches!(r.scope, Scope::Pages(_)),
        "not the whole site: {r:?}"
    );
    s.assert_clean("a linking page deleted");

    std::fs::rename(
        s.site.root().join("content/lessons/new-one.md"),
        s.site.root().join("content/lessons/renamed.md"),
    )
    .unwrap();
    let root = s.workspace.root().to_path_buf();
    let r = s
        .workspace
        .rebuild([
            root.join("content/lessons/new-one.md"),
            root.join("content/lessons/renamed.md"),
        ])
        .unwrap();
    assert!(
        r.removed
            .contains(&"lessons/new-one/index.html".to_string()),
        "{:?}",
        r.removed
    );
    s.settle();
    s.assert_clean("a rename");

    s.site.remove("content/lessons/renamed.md");
    let r = s.rebuild("content/lessons/renamed.md");
    assert!(r
        .removed
        .contains(&"lessons/renamed/index.html".to_string()));
    assert!(
        matches!(r.scope, Scope::Pages(_)),
        "not the whole site: {r:?}"
    );
    s.assert_clean("a delete");

    // A new folder of pages, then the folder deleted as a whole and reported alone.
    for name in ["a", "b"] {
        s.site.write(
            &format!("content/practices/quality/{name}.md"),
            format!("---\ntitle: 质量实践 {name}\n---\n\n正文。\n"),
        );
    }
    let r = s.rebuild("content/practices/quality");
    assert_eq!(r.scope, Scope::Full);
    assert!(r
        .changed
        .contains(&"practices/quality/a/index.html".to_string()));
    s.assert_clean("a new folder");
    std::fs::remove_dir_all(s.site.root().join("content/practices/quality")).unwrap();
    let r = s.rebuild("content/practices/quality");
    assert_eq!(r.scope, Scope::Full);
    assert!(r
        .removed
        .contains(&"practices/quality/b/index.html".to_string()));
    s.assert_clean("a deleted folder");

    // An editor's temporary file that is gone again changes nothing, and neither do swap
    // and backup files that stay, nor sync tools' conflicted copies: the build leaves
    // them all out.
    let r = s.rebuild("content/lessons/4913");
    assert_eq!(r.scope, Scope::Nothing);
    for swap in [
        "content/lessons/.vendor-delay.md.swp",
        "content/lessons/vendor-delay.md~",
        "content/.#_index.md",
        "content/lessons/#vendor-delay.md#",
        "content/lessons/vendor-delay.md.bak",
        "content/lessons/vendor-delay (conflicted copy).md",
        "static/files/risk-register.csv.orig",
        "static/files/~$risk-register.xlsx",
    ] {
        s.site.write(swap, "x");
        let r = s.rebuild(swap);
        assert_eq!(r.scope, Scope::Nothing, "{swap}");
        assert!(r.changed.is_empty() && r.removed.is_empty(), "{r:?}");
    }
    s.assert_clean("swap files");
}

#[test]
fn moved_pages_are_linked_again_without_a_full_rebuild() {
    let mut s = Session::start();
    let moved = |s: &mut Session, text: &str, what: &str| {
        let r = s.edit(LESSON, text);
        assert!(matches!(r.scope, Scope::Pages(_)), "{what}: {:?}", r.scope);
        s.assert_clean(what);
        r
    };
    let front = |date: &str, project: &str, category: &str, tags: &str| {
        format!(
            "---\ntitle: 供应商交付延期导致里程碑滑移\ndate: {date}\nproject: {project}\nphase: execution\n\
             category: {category}\nimpact: negative\ntags: [{tags}]\n---\n\n正文。\n"
        )
    };
    moved(
        &mut s,
        &front("2023-01-09", "erp", "采购管理", "供应商, 进度"),
        "a new date",
    );
    let r = moved(
        &mut s,
        &front("2023-01-09", "erp", "采购管理", "全新标签"),
        "new tags",
    );
    assert!(
        r.removed.iter().any(|p| p.starts_with("tags/")),
        "{:?}",
        r.removed
    );
    moved(
        &mut s,
        &front("2023-01-09", "erp", "沟通管理", "全新标签"),
        "a new category",
    );

    // A project that does not exist: reported at its place, and nothing changes.
    let version = s.workspace.version();
    s.site
        .write(LESSON, front("2023-01-09", "erpp", "沟通管理", "全新标签"));
    let path = s.workspace.root().join(LESSON);
    let failure = s.workspace.rebuild([path]).unwrap_err();
    assert!(
        messages(&failure).contains("erpp"),
        "{}",
        messages(&failure)
    );
    assert_eq!(version, s.workspace.version());
    moved(
        &mut s,
        &front("2022-05-01", "erp", "沟通管理", "供应商"),
        "the fix",
    );

    // Another project: the lesson moves from one project's page and counts to the other's.
    s.edit(
        "content/projects/crm/index.md",
        "---\ntitle: CRM 实施\nstart: 2024-02-01\nfinish: 2025-06-30\nbac: 800000\nstatus: active\n---\n\n客户关系管理。\n",
    );
    moved(
        &mut s,
        &front("2022-05-01", "crm", "沟通管理", "供应商"),
        "a lesson moved to another project",
    );

    // A practice's weight reorders its section's reading order.
    let register =
        std::fs::read_to_string(s.site.root().join("content/practices/risk/register.md")).unwrap();
    let reweighted = if register.contains("weight:") {
        register.replacen("weight:", "weight: 99\nold_weight:", 1)
    } else {
        register.replacen("---\n", "---\nweight: 99\n", 1)
    };
    let reweighted = reweighted.replace("old_weight:", "#");
    let r = s.edit("content/practices/risk/register.md", &reweighted);
    assert!(matches!(r.scope, Scope::Pages(_)), "{:?}", r.scope);
    s.assert_clean("a practice's weight");
}

/// A rates table edited while serving converts the portfolio as a clean build does, and
/// a rate that no longer covers a project's currency fails as a clean build fails.
#[test]
fn a_rates_table_edit_converts_like_a_clean_build_and_a_lost_rate_fails() {
    let site = Site::fixture("basic");
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write(
        "site.toml",
        format!("{toml}\n[currency]\nportfolio = \"CNY\"\nrates_table = \"rates\"\n"),
    );
    site.write("data/rates.csv", "period,USD\n2024-01,7.1\n");
    site.write(
        "content/projects/sg-crm/index.md",
        "---\ntitle: 新加坡分公司 CRM\nbac: 100000\ncurrency: USD\nstatus: active\n---\n\n以美元核算。\n",
    );
    let mut session = Session::open(site);
    session.edit("data/rates.csv", "period,USD\n2024-01,7.3\n");
    session.assert_clean("a new rate");

    session
        .site
        .write("data/rates.csv", "period,EUR\n2024-01,7.8\n");
    let path = session.workspace.root().join("data/rates.csv");
    let failure = session.workspace.rebuild([path]).unwrap_err();
    let text = messages(&failure);
    assert!(text.contains("project `sg-crm` is in USD"), "{text}");
}

/// Deleting a project's table under `serve` once changed nothing: the project kept
/// showing its risks. Now the site is rebuilt as a clean build would make it.
#[test]
fn a_deleted_project_table_leaves_the_project() {
    let mut s = Session::start();
    assert!(s
        .read("projects/erp/index.html")
        .contains("id=\"risks-title\""));
    std::fs::remove_file(s.site.root().join("content/projects/erp/risks.csv")).unwrap();
    s.rebuild("content/projects/erp/risks.csv");
    assert!(!s
        .read("projects/erp/index.html")
        .contains("id=\"risks-title\""));
    s.assert_clean("a deleted project table");
}

#[test]
fn an_edit_to_a_lessons_actions_updates_the_register_and_its_data() {
    let mut s = Session::start();
    let toml = std::fs::read_to_string(s.site.root().join("site.toml")).unwrap();
    s.edit("site.toml", &format!("as_of = 2024-06-30\n{toml}"));
    let with_actions = |status: &str| {
        lesson("供应商交付延期导致里程碑滑移", "供应商接口延期三周。").replace(
            "id: LL-2024-001\n",
            &format!(
                "id: LL-2024-001\nactions:\n  - what: 合同增加延期罚则\n    owner: 王芳\n    due: 2024-05-31\n    {status}\n"
            ),
        )
    };
    let r = s.edit(LESSON, &with_actions("status: open"));
    assert!(matches!(r.scope, Scope::Pages(_)), "{:?}", r.scope);
    for file in ["lessons/page/2/index.html", "lessons/data-0.js"] {
        assert!(
            r.changed.contains(&file.to_string()),
            "{file}: {:?}",
            r.changed
        );
    }
    assert!(s.read("lessons/vendor-delay/index.html").contains("逾期"));
    s.assert_clean("an overdue action added");
    s.edit(LESSON, &with_actions("status: done\n    done: 2024-05-30"));
    assert!(!s
        .read("lessons/vendor-delay/index.html")
        .contains("class=\"is-overdue\""));
    s.assert_clean("the action done");
}

/// A clean build lets go of each page's source once its checks have run; `serve` must
/// keep it, or a table edit that breaks the chart of a page left unchanged could not
/// point at the chart's line.
#[test]
fn a_table_edit_that_breaks_an_unchanged_pages_chart_points_at_the_chart() {
    let site = Site::fixture("basic");
    site.write("data/训练.csv", "月份,人数\n2024-01,12\n2024-02,15\n");
    site.write(
        "content/reports/training.md",
        "---\ntitle: 培训人数\n---\n\n每月参训人数。\n\n```chart\ntype = \"bar\"\ndata = \"训练\"\nx = \"月份\"\ny = \"人数\"\n```\n",
    );
    let mut s = Session::open(site);
    s.site.write("data/训练.csv", "月份,人次\n2024-01,12\n");
    let path = s.workspace.root().join("data/训练.csv");
    let failure = s.workspace.rebuild([path]).unwrap_err();
    let text = messages(&failure);
    assert!(text.contains("content/reports/training.md:11:1"), "{text}");
    assert!(text.contains("人数"), "{text}");
}

/// A lesson with `aliases` written after its `id`.
fn lesson_with_aliases(title: &str, aliases: &str) -> String {
    lesson(title, "供应商接口延期三周。").replacen(
        "id: LL-2024-001\n",
        &format!("id: LL-2024-001\naliases: {aliases}\n"),
        1,
    )
}

#[test]
fn aliases_come_go_and_follow_the_title_while_serving() {
    let mut s = Session::start();
    let r = s.edit(
        LESSON,
        &lesson_with_aliases("供应商交付延期导致里程碑滑移", "[/lessons/旧编号/]"),
    );
    assert!(
        r.changed.contains(&"lessons/旧编号/index.html".to_string()),
        "{:?}",
        r.changed
    );
    s.assert_clean("an alias added");

    // A new title: the redirect names it.
    s.edit(
        LESSON,
        &lesson_with_aliases("供应商延期（已更名）", "[/lessons/旧编号/]"),
    );
    assert!(s
        .read("lessons/旧编号/index.html")
        .contains("供应商延期（已更名）"));
    s.assert_clean("a page with an alias retitled");

    // Another alias in its place: the old redirect goes.
    let r = s.edit(
        LESSON,
        &lesson_with_aliases("供应商延期（已更名）", "/old/vendor.html"),
    );
    assert!(
        r.removed.contains(&"lessons/旧编号/index.html".to_string()),
        "{:?}",
        r.removed
    );
    s.assert_clean("an alias replaced");

    // An alias taking a page's address is refused, and the site stays as it was.
    s.site.write(
        LESSON,
        lesson_with_aliases("供应商延期（已更名）", "[/about/]"),
    );
    let path = s.workspace.root().join(LESSON);
    let Err(failure) = s.workspace.rebuild([path]) else {
        panic!("an alias at a page's address must be refused")
    };
    assert!(
        messages(&failure).contains("content/about.md"),
        "{}",
        messages(&failure)
    );
    assert!(s
        .read("old/vendor.html")
        .contains("url=../lessons/vendor-delay/"));
}

#[test]
fn a_page_moved_with_its_old_address_as_an_alias_leaves_a_redirect_there() {
    let mut s = Session::start();
    let moved = "content/lessons/2024/vendor-delay.md";
    s.site.write(
        moved,
        lesson_with_aliases("供应商交付延期导致里程碑滑移", "/lessons/vendor-delay/"),
    );
    std::fs::remove_file(s.site.root().join(LESSON)).unwrap();
    // The review linking it by its file follows it; its help said where it went, and,
    // the alias being there, nothing of aliases.
    let review = "content/reviews/erp-closure.md";
    let text = std::fs::read_to_string(s.site.root().join(review)).unwrap();
    s.site.write(
        review,
        text.replace(
            "../lessons/vendor-delay.md",
            "../lessons/2024/vendor-delay.md",
        ),
    );
    let root = s.workspace.root().to_path_buf();
    let r = match s
        .workspace
        .rebuild([root.join(LESSON), root.join(moved), root.join(review)])
    {
        Ok(r) => r,
        Err(f) => panic!("{}", messages(&f)),
    };
    assert!(
        !r.removed
            .contains(&"lessons/vendor-delay/index.html".to_string()),
        "{:?}",
        r.removed
    );
    s.settle();
    assert!(s
        .read("lessons/vendor-delay/index.html")
        .contains("url=../../lessons/2024/vendor-delay/"));
    s.assert_clean("a page moved, its old address an alias");
}

/// `pmo build` refuses an author's file under /search/ while search is on (the search box
/// loads that folder's files as scripts); serve built in memory by its own path and
/// served `content/search/m/0.js`. Refused as a build is, the last good site kept.
#[test]
fn an_authored_file_under_search_is_refused_while_serving() {
    for file in ["content/search/m/0.js", "static/search/x.js"] {
        // Trusted: without it any `.js` under content/ is refused (`tests/injection_16.rs`).
        let mut s = Session::open(basic_with("search = true\ntrust_html = true"));
        let before = s.workspace.version();
        s.site.write(file, "alert(document.domain)");
        let path = s.workspace.root().join(file);
        let failure = s.workspace.rebuild([path]).unwrap_err();
        let text = messages(&failure);
        assert!(
            text.contains(&format!(
                "{file}: this file would be published under /search/"
            )),
            "{file}: {text}"
        );
        assert_eq!(before, s.workspace.version(), "{file}");
        let files = s.workspace.files();
        let served = pmo_portal::read_files(&files);
        let rel = file.split_once('/').unwrap().1;
        assert!(!served.contains_key(rel), "{file} is served");
        assert!(
            served.contains_key("index.html"),
            "the last good site is gone"
        );
    }
}

/// Opening serve on a site that already holds such a file is refused like a build.
#[test]
fn serve_does_not_open_on_an_authored_file_under_search() {
    let site = basic_with("search = true");
    site.write("static/search/x.js", "alert(document.domain)");
    let failure = match Workspace::open(Options::new(site.root())) {
        Ok(_) => panic!("static/search/x.js was served"),
        Err(f) => f,
    };
    let text = messages(&failure);
    assert!(
        text.contains("static/search/x.js: this file would be published under /search/"),
        "{text}"
    );
}

/// A page added while serving is read alone, without the walk of `content/` that
/// refuses two names told apart by their Unicode form only: `café.md` copied from a Mac
/// (NFD) beside the `café.md` typed here (NFC) was published as a second page.
#[test]
#[cfg_attr(target_os = "macos", ignore = "a Mac keeps one file of the two names")]
fn a_page_named_like_another_but_for_its_unicode_form_is_refused_while_serving() {
    let (nfc, nfd) = (
        "content/lessons/caf\u{e9}.md",
        "content/lessons/cafe\u{301}.md",
    );
    let mut s = Session::start();
    s.edit(nfc, &lesson("咖啡角的采购复盘", "正文。"));
    let before = s.workspace.version();
    s.site.write(nfd, lesson("咖啡角的采购复盘", "正文。"));
    let path = s.workspace.root().join(nfd);
    let failure = s.workspace.rebuild([path]).unwrap_err();
    let text = messages(&failure);
    assert!(
        text.contains(&format!(
            "{nfc}: the names of this file and of {nfd} differ only in Unicode normalisation"
        )),
        "{text}"
    );
    assert_eq!(before, s.workspace.version());
    // A Chinese name beside them is no twin: added the cheap way.
    s.site.remove(nfd);
    let r = s.rebuild(nfd);
    assert_ne!(r.scope, Scope::Full, "{:?}", r.scope);
    let r = s.edit("content/lessons/咖啡角.md", &lesson("咖啡角", "正文。"));
    assert_ne!(r.scope, Scope::Full, "{:?}", r.scope);
    s.assert_clean("a Chinese page added beside a Latin one");
}

/// A report pinned to a day (`as_of:`) keeps its figures while `serve` takes a new
/// month's EV and AC into the project's budget, and moves when its own day is edited;
/// each rebuild equals a clean build.
#[test]
fn a_pinned_report_keeps_its_month_while_a_budget_grows_under_serve() {
    let site = basic_with("search = true");
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", format!("as_of = 2024-12-31\n{toml}"));
    let budget =
        "period,pv,ev,ac\n2024-01,1000000,900000,1000000\n2024-02,1000000,1000000,1100000\n";
    site.write("content/projects/erp/budget.csv", budget);
    let report = |as_of: &str| {
        format!("---\ntitle: 2024年1月月报\n{as_of}---\n\n```table\ndata = \"portfolio\"\ncolumns = [\"code\", \"ev\", \"period\"]\nfilter = {{ project = [\"erp\"] }}\n```\n")
    };
    site.write("content/reports/pinned.md", report("as_of: 2024-01\n"));
    let mut s = Session::open(site);
    let shown = |s: &Session| s.read("reports/pinned/index.html");
    assert!(shown(&s).contains("900,000") && !shown(&s).contains("1,900,000"));
    s.edit(
        "content/projects/erp/budget.csv",
        &format!("{budget}2024-03,1000000,1200000,1000000\n"),
    );
    assert!(s.read("projects/erp/index.html").contains("3,100,000"));
    assert!(shown(&s).contains("900,000") && !shown(&s).contains("3,100,000"));
    s.assert_clean("a month added to a pinned report's project");
    s.edit("content/reports/pinned.md", &report("as_of: 2024-02-29\n"));
    assert!(shown(&s).contains("1,900,000"), "{}", shown(&s));
    s.assert_clean("the report's day moved");
}

/// A static file that is a link, pointed anew while `serve` runs at what the build does
/// not publish (a draft here, a higher audience's page elsewhere), was copied in as an
/// edit of a static file: a link is judged with the whole site.
#[test]
fn a_static_link_pointed_at_a_draft_while_serving_is_refused() {
    let site = Site::fixture("basic");
    let link = site.root().join("static/说明.md");
    std::os::unix::fs::symlink("../content/lessons/key-user.md", &link).unwrap();
    let mut s = Session::open(site);
    assert!(s.read("说明.md").contains("Naming key users early"));
    std::fs::remove_file(&link).unwrap();
    std::os::unix::fs::symlink("../content/lessons/draft-lesson.md", &link).unwrap();
    let failure = s.workspace.rebuild([link.clone()]).err().unwrap();
    let m = messages(&failure);
    assert!(m.contains("static/说明.md"), "{m}");
    assert!(m.contains("content/lessons/draft-lesson.md"), "{m}");
}

/// A static file or page made a hard link while `serve` runs (`ln -f ~/.env
/// static/files/risk-register.csv`) was copied in or patched as an edit, and served,
/// though a build refuses such a file: a file of several names is judged with the whole
/// site, as a link is (the eleventh hunt for script).
#[test]
fn a_hard_link_made_while_serving_is_refused() {
    let site = Site::fixture("basic");
    let elsewhere = tempfile::tempdir().unwrap();
    let lesson = site.root().join("content/lessons/key-user.md");
    let text = std::fs::read_to_string(&lesson).unwrap();
    let secret = elsewhere.path().join("notes.md");
    std::fs::write(&secret, text.replace("Naming key users early", "机密备忘")).unwrap();
    let mut s = Session::open(site);
    for rel in [
        "static/files/risk-register.csv",
        "content/lessons/key-user.md",
    ] {
        let path = s.workspace.root().join(rel);
        let kept = std::fs::read(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        std::fs::hard_link(&secret, &path).unwrap();
        let failure = s.workspace.rebuild([path.clone()]).err().unwrap();
        let m = messages(&failure);
        assert!(m.contains(rel), "{m}");
        assert!(m.contains("this file is a hard link"), "{m}");
        std::fs::remove_file(&path).unwrap();
        std::fs::write(&path, kept).unwrap();
    }
    assert!(!s.read("files/risk-register.csv").contains("机密备忘"));
    assert!(!s.read("lessons/key-user/index.html").contains("机密备忘"));
}
