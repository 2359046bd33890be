use super::*;

fn project(currency: Option<&str>) -> ProjectInfo {
    let mut info = ProjectInfo::for_tests();
    info.meta.currency = currency.map(str::to_string);
    info
}

fn settings(portfolio: Option<&str>, rates: &[(&str, f64)]) -> CurrencySettings {
    CurrencySettings {
        portfolio: portfolio.map(str::to_string),
        rates: rates.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
        rates_table: None,
    }
}

fn fixed(portfolio: &str, rates: &[(&str, f64)]) -> Rates {
    Rates {
        portfolio: Some(portfolio.into()),
        fixed: rates.iter().map(|(k, v)| (code(k), *v)).collect(),
        monthly: BTreeMap::new(),
    }
}

#[test]
fn the_portfolio_currency_is_declared_or_the_one_all_projects_share() {
    let (cny, usd, none) = (project(Some("CNY")), project(Some("usd")), project(None));
    let empty = settings(None, &[]);
    assert_eq!(
        portfolio_currency(&empty, &[&cny, &none]).as_deref(),
        Some("CNY")
    );
    assert_eq!(portfolio_currency(&empty, &[&cny, &usd]), None);
    let declared = settings(Some("cny"), &[]);
    assert_eq!(
        portfolio_currency(&declared, &[&cny, &usd]).as_deref(),
        Some("CNY")
    );
}

#[test]
fn amounts_convert_at_the_declared_rate_and_never_without_one() {
    let r = fixed("CNY", &[("usd", 7.1)]);
    assert_eq!(r.rate(&project(Some("USD")), None), Some(7.1));
    assert_eq!(r.rate(&project(Some(" usd")), Some("2024-01")), Some(7.1));
    assert_eq!(r.rate(&project(Some("CNY")), None), Some(1.0));
    assert_eq!(r.rate(&project(None), None), Some(1.0));
    assert_eq!(r.rate(&project(Some("EUR")), None), None);
    // 600,000 CNY and 100,000 USD at 7.1: 1,310,000 CNY, not 700,000.
    let total = 600_000.0 * r.rate(&project(Some("CNY")), None).unwrap()
        + 100_000.0 * r.rate(&project(Some("USD")), None).unwrap();
    assert_eq!(total, 1_310_000.0);
}

#[test]
fn a_month_takes_its_own_rate_or_the_latest_before_it() {
    let source: std::sync::Arc<str> =
        std::sync::Arc::from("period,USD,EUR\n2024-01,7.1,7.8\n2024-03,7.2,\n");
    let t = crate::data::read::read_csv(std::path::Path::new("data/rates.csv"), &source, "rates")
        .unwrap();
    let mut r = fixed("CNY", &[("EUR", 8.0)]);
    r.monthly = monthly(&t, Some("CNY"), &BTreeMap::new()).unwrap();
    let usd = project(Some("USD"));
    assert_eq!(r.rate(&usd, Some("2024-01")), Some(7.1));
    assert_eq!(
        r.rate(&usd, Some("2024-02")),
        Some(7.1),
        "February: January's"
    );
    assert_eq!(r.rate(&usd, Some("2024-03")), Some(7.2));
    assert_eq!(r.rate(&usd, None), Some(7.2), "the latest");
    assert_eq!(
        r.rate(&usd, Some("2023-12")),
        None,
        "none before the table, none fixed"
    );
    let eur = project(Some("EUR"));
    assert_eq!(r.rate(&eur, Some("2024-03")), Some(7.8));
    assert_eq!(
        r.rate(&eur, Some("2023-12")),
        Some(8.0),
        "the fixed rate before"
    );

    let bad: std::sync::Arc<str> = std::sync::Arc::from("period,USD\n2024-01,-7\n");
    let t =
        crate::data::read::read_csv(std::path::Path::new("data/rates.csv"), &bad, "rates").unwrap();
    let problems = monthly(&t, Some("CNY"), &BTreeMap::new()).unwrap_err();
    assert!(
        problems[0].to_string().contains("data/rates.csv:2:9"),
        "{problems:?}"
    );
}

/// A month's rate typed per 100 units or the wrong way round (0.141 among 7.1) and a
/// column for the portfolio currency itself were read without a word (the fifth
/// malformed hunt).
#[test]
fn a_rate_out_of_line_and_a_column_of_the_portfolio_currency_are_errors() {
    let table = |text: &str| {
        let source: std::sync::Arc<str> = std::sync::Arc::from(text);
        crate::data::read::read_csv(std::path::Path::new("data/rates.csv"), &source, "rates")
            .unwrap()
    };
    let t = table("period,USD\n2024-01,7.1\n2024-02,0.141\n2024-03,7.2\n");
    let problems: Vec<String> = monthly(&t, Some("CNY"), &BTreeMap::new())
        .unwrap_err()
        .iter()
        .map(|d| d.to_string())
        .collect();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("data/rates.csv:3:9"), "{problems:?}");
    assert!(
        problems[0].contains("USD is 0.141 in 2024-02, but 7.1 in 2024-01 and 7.2 in 2024-03"),
        "{problems:?}"
    );
    // A currency moving a tenth in a month, or a first month far from the next, stays.
    assert!(monthly(
        &table("period,USD\n2024-01,7.1\n2024-02,7.8\n2024-03,7.2\n"),
        Some("CNY"),
        &BTreeMap::new()
    )
    .is_ok());
    // A decimal comma read as a thousands separator, every month alike, beside the
    // fixed rate site.toml gives (the dashboard showed EUR projects 1,000 times over).
    let fixed = BTreeMap::from([("EUR".to_string(), 1.08)]);
    let t = table("period,EUR\n2024-01,\"1,085\"\n2024-02,\"1,091\"\n");
    let problems: Vec<String> = monthly(&t, Some("USD"), &fixed)
        .unwrap_err()
        .iter()
        .map(|d| d.to_string())
        .collect();
    assert!(
        problems[0].contains("data/rates.csv:2:")
            && problems[0].contains("EUR is 1085 in 2024-01 here, but 1.08 in site.toml"),
        "{problems:?}"
    );
    let t = table("period,EUR\n2024-01,1.085\n2024-02,1.20\n");
    assert!(monthly(&t, Some("USD"), &fixed).is_ok());
    let t = table("period,USD,cny\n2024-01,7.1,1\n");
    let problems = monthly(&t, Some("CNY"), &BTreeMap::new()).unwrap_err();
    assert!(
        problems[0]
            .to_string()
            .contains("a column for CNY, the portfolio currency itself"),
        "{problems:?}"
    );
}
