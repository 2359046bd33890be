use super::*;

#[test]
fn defaults_fill_the_optional_keys() {
    let c = Config::parse(Path::new("site.toml"), "title = \"门户\"\n").unwrap();
    assert_eq!(c.language, Language::ZhCn);
    assert_eq!(c.paginate, 20);
    assert!(!c.trust_html);
    assert_eq!(c.thresholds.cpi_green, 0.95);
    assert_eq!(c.base_path(), "/");
}

#[test]
fn base_path_is_taken_from_base_url() {
    let c = Config::parse(
        Path::new("site.toml"),
        "title = \"x\"\nbase_url = \"http://intranet/pmo\"\n",
    )
    .unwrap();
    assert_eq!(c.base_url, "http://intranet/pmo/");
    assert_eq!(c.base_path(), "/pmo/");
}

#[test]
fn unknown_key_is_an_error_with_a_suggestion() {
    let err = Config::parse(Path::new("site.toml"), "title = \"x\"\npaginte = 3\n").unwrap_err();
    assert!(err.to_string().contains("site.toml:2:1"), "{err}");
    assert!(err.help.unwrap().to_string().contains("paginate"));
}

#[test]
fn a_key_in_the_wrong_table_is_told_where_it_goes() {
    let err = Config::parse(
        Path::new("site.toml"),
        "title = \"x\"\n[thresholds]\ncpi_green = 0.9\nsearch_words = [\"主数据\"]\n",
    )
    .unwrap_err();
    assert!(err.to_string().contains("site.toml:4:1"), "{err}");
    let help = err.help.unwrap().to_string();
    assert!(
        help.contains(
            "`search_words` is a top-level key, but here it is read as part of `[thresholds]`"
        ),
        "{help}"
    );
    let err =
        Config::parse(Path::new("site.toml"), "title = \"x\"\ncpi_green = 0.9\n").unwrap_err();
    let help = err.help.unwrap().to_string();
    assert!(
        help.contains("`cpi_green` belongs under `[thresholds]`"),
        "{help}"
    );
    // `pmo init` writes a comment after the header: the help names the table alone.
    let err = Config::parse(
        Path::new("site.toml"),
        "title = \"x\"\n[thresholds]      # RAG status\nsearch = true\n",
    )
    .unwrap_err();
    let help = err.help.unwrap().to_string();
    assert!(help.contains("read as part of `[thresholds]` ("), "{help}");
}

#[test]
fn a_value_of_the_wrong_kind_is_shown_written_right() {
    for (line, right) in [
        ("paginate = \"20\"", "`paginate = 20`"),
        ("search = \"yes\"", "`search = true`"),
        ("language = \"cn\"", "`language = \"zh-CN\"`"),
        ("language = \"English\"", "`language = \"en\"`"),
        ("language = \"eng\"", "`language = \"en\"`"),
        ("as_of = \"2025-6-30\"", "`as_of = 2025-06-30`"),
        (
            "[currency]\nrates = 2024-03-18",
            "`rates = { USD = 7.2, EUR = 7.8 }`",
        ),
    ] {
        let err =
            Config::parse(Path::new("site.toml"), &format!("title = \"x\"\n{line}\n")).unwrap_err();
        let help = err.help.map(|h| h.to_string()).unwrap_or_default();
        assert!(help.contains(right), "{line}: {help}");
    }
}

/// `paginate = ２０`, `cpi_green = 95%` and `search = 是` were told to put the value in
/// quotes, which then failed with "expected a number": the help sent its author round
/// in a circle. A key that takes no text is told its own kind of value first.
#[test]
fn an_unquoted_value_of_a_number_or_boolean_key_is_told_the_key_s_own_kind() {
    for (line, problem, right) in [
        (
            "paginate = ２０",
            "`paginate` takes a whole number",
            "`paginate = 20`",
        ),
        (
            "[thresholds]\ncpi_green = 95%",
            "`cpi_green` takes a number",
            "`cpi_green = 0.95`",
        ),
        (
            "search = 是",
            "`search` takes true or false",
            "`search = true`",
        ),
        (
            "search = 否",
            "`search` takes true or false",
            "`search = false`",
        ),
        (
            "feed_limit = 二十",
            "`feed_limit` takes a whole number",
            "`feed_limit = 20`",
        ),
    ] {
        let err =
            Config::parse(Path::new("site.toml"), &format!("title = \"x\"\n{line}\n")).unwrap_err();
        let told = err.problem.to_string();
        let help = err.help.map(|h| h.to_string()).unwrap_or_default();
        assert!(told.contains(problem), "{line}: {told}");
        assert!(help.contains(right), "{line}: {help}");
        assert!(!help.contains("quotes"), "{line}: {help}");
        let value = line.rsplit("= ").next().unwrap();
        let at = err
            .location
            .as_ref()
            .map(|l| &l.source[l.offset..])
            .unwrap_or("");
        assert!(at.starts_with(value), "{line}: at {at:?}");
    }
    // A text key is still told to quote its text.
    let err = Config::parse(Path::new("site.toml"), "title = PMO 门户\n").unwrap_err();
    let help = err.help.map(|h| h.to_string()).unwrap_or_default();
    assert!(help.contains("`title = \"PMO 门户\"`"), "{help}");
}

/// toml hands a date to serde as its text: `paginate = 2024-03-18` was told as "the
/// text "2024-03-18" (in quotes)", which it is not.
#[test]
fn a_date_where_another_value_belongs_is_named_a_date() {
    for line in ["paginate = 2024-03-18", "[currency]\nrates = 2024-03-18"] {
        let err =
            Config::parse(Path::new("site.toml"), &format!("title = \"x\"\n{line}\n")).unwrap_err();
        let told = err.problem.to_string();
        assert!(told.contains("found the date 2024-03-18"), "{line}: {told}");
        assert!(!told.contains("in quotes"), "{line}: {told}");
    }
    // A date written in quotes is text, and told so.
    let err = Config::parse(
        Path::new("site.toml"),
        "title = \"x\"\npaginate = \"2024-03-18\"\n",
    )
    .unwrap_err();
    assert!(err.problem.to_string().contains("in quotes"));
}

#[test]
fn an_audience_declared_twice_is_told_at_its_second_writing() {
    let err = Config::parse(
        Path::new("site.toml"),
        "title = \"x\"\naudiences = [\"public\", \"internal\", \"public\"]\n",
    )
    .unwrap_err();
    assert!(err.to_string().contains("site.toml:2:37"), "{err}");
}

/// `pmo init --lang zh` names the language `zh`; site.toml takes it, and the usual
/// spellings of the two languages, as the language they name.
#[test]
fn the_usual_spellings_of_a_language_are_taken() {
    for (written, language) in [
        ("zh", Language::ZhCn),
        ("zh-cn", Language::ZhCn),
        ("zh_CN", Language::ZhCn),
        ("zh-Hans", Language::ZhCn),
        ("en-US", Language::En),
        ("en-GB", Language::En),
    ] {
        let text = format!("title = \"x\"\nlanguage = \"{written}\"\n");
        let c = Config::parse(Path::new("site.toml"), &text).unwrap();
        assert_eq!(c.language, language, "{written}");
    }
}

#[test]
fn messages_know_the_default_language() {
    use crate::messages::{Lang, SITE_DEFAULT};
    assert_eq!(Lang::from_code(Language::default().code()), SITE_DEFAULT);
}

#[test]
fn the_budget_basis_is_period_unless_site_toml_says_cumulative() {
    let c = Config::parse(Path::new("site.toml"), "title = \"x\"\n").unwrap();
    assert_eq!(c.budget.basis, Basis::Period);
    assert_eq!(c.budget.tolerance, 0.01);
    let c = Config::parse(
        Path::new("site.toml"),
        "title = \"x\"\n[budget]\nbasis = \"cumulative\"\n",
    )
    .unwrap();
    assert_eq!(c.budget.basis, Basis::Cumulative);
    let err = Config::parse(
        Path::new("site.toml"),
        "title = \"x\"\n[budget]\ntolerance = nan\n",
    )
    .unwrap_err();
    assert!(err.to_string().contains("site.toml:3:13"), "{err}");
    let err = Config::parse(
        Path::new("site.toml"),
        "title = \"x\"\n[budget]\nbasis = \"running\"\n",
    )
    .unwrap_err();
    assert!(err.to_string().contains("site.toml:3:9"), "{err}");
}

#[test]
fn currency_rates_must_be_positive_numbers() {
    let c = Config::parse(
        Path::new("site.toml"),
        "title = \"x\"\n[currency]\nportfolio = \"CNY\"\nrates = { USD = 7.1 }\n",
    )
    .unwrap();
    assert_eq!(c.currency.portfolio.as_deref(), Some("CNY"));
    assert_eq!(c.currency.rates["USD"], 7.1);
    let err = Config::parse(
        Path::new("site.toml"),
        "title = \"x\"\n[currency.rates]\nUSD = 0\n",
    )
    .unwrap_err();
    assert!(err.to_string().contains("site.toml:3:7"), "{err}");
    assert!(err.to_string().contains("`USD` is 0"), "{err}");
}

#[test]
fn bad_language_is_an_error() {
    let err =
        Config::parse(Path::new("site.toml"), "title = \"x\"\nlanguage = \"fr\"\n").unwrap_err();
    assert!(err.to_string().contains("site.toml:2:12"), "{err}");
}

#[test]
fn a_missing_title_is_told_with_the_line_to_write() {
    for text in [
        "",
        "language = \"zh-CN\"\n",
        "# 设置\n[budget]\ntolerance = 0.01\n",
    ] {
        let err = Config::parse(Path::new("site.toml"), text).unwrap_err();
        let help = err.help.as_ref().map(|h| h.to_string()).unwrap_or_default();
        assert!(help.contains("title = \""), "{text:?}: {err} / {help}");
    }
}

/// `cpi_green = 95` (a percentage) graded every project red and showed it as right: a
/// threshold past any ratio is refused at its line, with the ratio it likely meant.
#[test]
fn a_threshold_written_as_a_percentage_is_refused_with_its_ratio() {
    let err = Config::parse(
        Path::new("site.toml"),
        "title = \"x\"\n[thresholds]\ncpi_green = 95\ncpi_amber = 85\n",
    )
    .unwrap_err();
    assert!(err.to_string().contains("site.toml:3:13"), "{err}");
    assert!(err.to_string().contains("`cpi_green` is 95"), "{err}");
    assert!(
        err.help.unwrap().to_string().contains("`cpi_green = 0.95`"),
        "help"
    );
    let err = Config::parse(
        Path::new("site.toml"),
        "title = \"x\"\n[thresholds]\nspi_green = 0.9\nspi_amber = -0.5\n",
    )
    .unwrap_err();
    assert!(err.to_string().contains("`spi_amber` is -0.5"), "{err}");
    // 0 is a choice (no project is ever red), and 1.05 a demanding green line.
    assert!(Config::parse(
        Path::new("site.toml"),
        "title = \"x\"\n[thresholds]\ncpi_green = 1.05\ncpi_amber = 0\n",
    )
    .is_ok());
}

/// A chart colour that is not one (a name, a typo) or that vanishes on the charts' white
/// background is refused at its place in the list, with how to write one.
#[test]
fn chart_colors_must_be_colours_that_show_on_white() {
    let config = Config::parse(
        Path::new("site.toml"),
        "title = \"x\"\nchart_colors = [\"#9c2a2a\", \"#0A7\"]\n",
    )
    .unwrap();
    assert_eq!(
        config.chart_rgb(),
        vec![[0x9c, 0x2a, 0x2a], [0x00, 0xaa, 0x77]]
    );
    let err = Config::parse(
        Path::new("site.toml"),
        "title = \"x\"\nchart_colors = [\"#9c2a2a\", \"red\"]\n",
    )
    .unwrap_err();
    assert!(err.to_string().contains("site.toml:2:29"), "{err}");
    assert!(err.to_string().contains("`red`"), "{err}");
    assert!(err.help.unwrap().to_string().contains("#rrggbb"));
    for pale in ["#fff", "#f8f8f8", "#9c2a2g", "#9c2a2a0"] {
        let text = format!("title = \"x\"\nchart_colors = [\"{pale}\"]\n");
        let err = Config::parse(Path::new("site.toml"), &text).unwrap_err();
        assert!(err.to_string().contains("site.toml:2:18"), "{pale}: {err}");
    }
}

/// Rates and hygiene limits that were taken silently (the malformed-site hunt of the
/// fourth round): `usd` beside `USD` replaced it, the portfolio's own rate and a word
/// that is no code did nothing, and a negative limit made every project stale.
#[test]
fn doubtful_rates_and_limits_are_errors_at_their_line() {
    for (toml, said) in [
        (
            "[currency]\nportfolio = \"CNY\"\nrates = { USD = 7.1, usd = 1 }\n",
            "one currency, USD, given two rates",
        ),
        (
            "[currency]\nportfolio = \"CNY\"\nrates = { CNY = 2 }\n",
            "the portfolio currency, so its rate is 1",
        ),
        (
            "[hygiene]\ndata_stale_months = -3\n",
            "`data_stale_months` is -3",
        ),
        (
            "[hygiene]\npractice_max_age_months = 99999999\n",
            "`practice_max_age_months` is 99999999",
        ),
    ] {
        let err =
            Config::parse(Path::new("site.toml"), &format!("title = \"x\"\n{toml}")).unwrap_err();
        assert!(err.to_string().contains(said), "{toml}: {err}");
        assert!(err.location.is_some(), "{toml}: {err}");
    }
    // The portfolio's own rate written as 1, and RMB for CNY, are fine.
    Config::parse(
        Path::new("site.toml"),
        "title = \"x\"\n[currency]\nportfolio = \"CNY\"\nrates = { CNY = 1, USD = 7.1 }\n",
    )
    .unwrap();
}

/// `1e400` in site.toml was told out of range with no help line (the malformed sweep,
/// seed 88).
#[test]
fn a_number_past_any_figure_is_told_with_how_to_write_it() {
    let err = Config::parse(
        Path::new("site.toml"),
        "title = \"x\"\n[currency]\nrates = { USD = 1e400 }\n",
    )
    .unwrap_err();
    assert!(err.to_string().contains("site.toml:3:"), "{err}");
    assert!(err.to_string().contains("out of range"), "{err}");
    assert!(
        err.help
            .unwrap()
            .to_string()
            .contains("write the number as digits"),
        "help"
    );
}

/// `USD = 1e308` converted a project to infinity, and a rate refused in an inline table
/// was placed past the file's end (the eighth malformed hunt).
#[test]
fn a_rate_no_currency_can_have_is_refused_at_its_value() {
    for (rate, said) in [
        ("1e308", "the rate of `USD` is 1e308"),
        ("0.0000001", "the rate of `USD` is 1e-7"),
        ("nan", "the rate of `USD` is NaN"),
    ] {
        let err = Config::parse(
            Path::new("site.toml"),
            &format!("title = \"x\"\n[currency]\nrates = {{ EUR = 7.8, USD = {rate} }}\n"),
        )
        .unwrap_err();
        assert!(err.to_string().contains(said), "{err}");
        assert!(err.to_string().contains("site.toml:3:28"), "{err}");
    }
    Config::parse(
        Path::new("site.toml"),
        "title = \"x\"\n[currency]\nportfolio = \"LBP\"\nrates = { KWD = 290000 }\n",
    )
    .unwrap();
}

/// `https://admin:s3cret@pmo.example.com:99999/` was taken without a word, and the
/// password published in the sitemap, the feed and every canonical link (the eighth
/// malformed hunt).
#[test]
fn a_base_url_with_credentials_a_bad_port_or_a_broken_escape_is_refused() {
    for (url, said) in [
        (
            "https://admin:s3cret@pmo.example.com/",
            "a user name or password (`admin:s3cret@`)",
        ),
        (
            "https://admin@pmo.example.com/",
            "a user name or password (`admin@`)",
        ),
        ("https://pmo.example.com:99999/", "port `99999`"),
        ("https://pmo.example.com:8o8o/", "port `8o8o`"),
        ("https://pmo.example.com:/", "port ``"),
        ("https://pmo.example.com/%E9%A1%zz/", "`%zz`"),
        ("https://pmo.example.com/pmo%2", "`%2`"),
        // What the plain form is refused for, hidden in escapes: told as decoded.
        (
            "https://pmo.example.com/pmo/%2e%2e/",
            "reads `https://pmo.example.com/pmo/../` once its %-escapes are decoded",
        ),
        (
            "https://pmo.example.com/a%2f%2fevil.test/",
            "`https://pmo.example.com/a//evil.test/`",
        ),
        (
            "https://pmo.example.com/a%0ab/",
            "`https://pmo.example.com/a\\nb/`",
        ),
    ] {
        let err = Config::parse(
            Path::new("site.toml"),
            &format!("title = \"x\"\nbase_url = \"{url}\"\n"),
        )
        .unwrap_err();
        assert!(err.to_string().contains("site.toml:2:1"), "{url}: {err}");
        assert!(err.to_string().contains(said), "{url}: {err}");
        assert!(err.help.is_some(), "{url}: {err}");
    }
    for url in [
        "https://pmo.example.com:8443/",
        "http://[::1]:8080/pmo/",
        "https://pmo.example.com/%E9%A1%B9%E7%9B%AE/",
        "file:///srv/share/pmo/",
    ] {
        Config::parse(
            Path::new("site.toml"),
            &format!("title = \"x\"\nbase_url = \"{url}\"\n"),
        )
        .unwrap_or_else(|e| panic!("{url}: {e}"));
    }
}

/// A value of the wrong kind under a key no example covers (a folder of
/// `[audience_defaults]` given a number) was an error with no help (the malformed sweep
/// of seed 2027): every error says how to fix it.
#[test]
fn a_value_of_the_wrong_kind_anywhere_says_how_to_write_one() {
    let err = Config::parse(
        Path::new("site.toml"),
        "title = \"x\"\naudiences = [\"public\", \"internal\"]\n\n[audience_defaults]\n\"reviews\" = 5\n",
    )
    .unwrap_err();
    assert!(err.to_string().contains("site.toml:5:13"), "{err}");
    let help = err.help.expect("a help").to_string();
    assert!(help.contains("text in double quotes"), "{help}");
}

/// `as_of = 2026-11` is told to quote the month; quoted, it is the month's last day, as
/// in front matter (it was refused, "write `as_of = 2025-06-30`": a dead end).
#[test]
fn as_of_takes_a_quoted_month_for_its_last_day() {
    let config: Config = toml::from_str("title = \"x\"\nas_of = \"2026-11\"\n").unwrap();
    assert_eq!(config.as_of.map(|d| d.iso()).as_deref(), Some("2026-11-30"));
    let config: Config = toml::from_str("title = \"x\"\nas_of = 2026-11-15\n").unwrap();
    assert_eq!(config.as_of.map(|d| d.iso()).as_deref(), Some("2026-11-15"));
    let config: Config = toml::from_str("title = \"x\"\n").unwrap();
    assert!(config.as_of.is_none());
}

/// `audiences = ["public", "con"]` was taken: `--all-audiences` wrote a folder `con/`,
/// which the Windows share a portal is copied to cannot hold.
#[test]
fn a_windows_device_name_is_no_audience() {
    for name in ["con", "AUX", "com1"] {
        let text = format!("title = \"x\"\naudiences = [\"public\", \"{name}\"]\n");
        let err = Config::parse(Path::new("site.toml"), &text).unwrap_err();
        assert!(err.to_string().contains("site.toml:2:25"), "{err}");
        assert!(err.to_string().contains("device name on Windows"), "{err}");
    }
    let ok = "title = \"x\"\naudiences = [\"public\", \"console\"]\n";
    assert!(Config::parse(Path::new("site.toml"), ok).is_ok());
}
