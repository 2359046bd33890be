use super::*;

fn texts(text: &str) -> Vec<String> {
    terms(text).into_iter().map(|t| t.text).collect()
}

#[test]
fn chinese_runs_give_unigrams_and_bigrams() {
    assert_eq!(texts("供应商"), ["供", "供应", "应", "应商", "商"]);
    let t = terms("供应商");
    assert_eq!(t[1].position, 0, "a bigram sits at its first character");
    assert_eq!(t[4].position, 2);
}

#[test]
fn every_substring_of_two_or_more_characters_is_covered_by_bigrams() {
    let text = "供应商交付延期导致里程碑滑移";
    let all = texts(text);
    let chars: Vec<char> = text.chars().collect();
    for start in 0..chars.len() {
        for end in start + 2..=chars.len() {
            for pair in chars[start..end].windows(2) {
                let bigram: String = pair.iter().collect();
                assert!(all.contains(&bigram), "{bigram}");
            }
        }
    }
}

#[test]
fn japanese_kana_and_kanji_make_one_run() {
    // Katakana, the long-vowel mark, hiragana and kanji read on without a break, so a
    // query that crosses from one script to the next still has its bigrams.
    let all = texts("ベンダーとリスクを共有");
    for bigram in ["ベン", "ダー", "ーと", "とリ", "クを", "を共", "共有"] {
        assert!(all.contains(&bigram.to_string()), "{bigram}: {all:?}");
    }
    assert!(all.contains(&"ク".to_string()));
    // Japanese punctuation ends a run like Chinese punctuation does.
    assert!(!texts("遅延。リスク").contains(&"延リ".to_string()));
}

#[test]
fn letters_with_accents_are_read_as_their_base_letters() {
    // Precomposed, decomposed (a mark of its own after the letter) and plain: one term.
    for text in [
        "Württemberg",
        "Wu\u{0308}rttemberg",
        "WURTTEMBERG",
        "Ｗｕｒｔｔｅｍｂｅｒｇ",
    ] {
        assert_eq!(texts(text), ["wurttemberg"], "{text}");
    }
    assert_eq!(texts("café crème"), ["cafe", "creme"]);
    // Letters with a stroke, which Unicode does not decompose, by the letter typed.
    assert_eq!(texts("Łódź Søndergaard"), ["lodz", "sondergaard"]);
    assert_eq!(search_char('ß'), Some('ß'));
    assert_eq!(search_char('中'), Some('中'));
}

#[test]
fn english_words_are_lowercased_and_stemmed() {
    assert_eq!(
        texts("Vendor Delays hit the Schedules"),
        ["vendor", "delay", "hit", "the", "schedul"]
    );
    assert_eq!(stem("categories"), "category");
    assert_eq!(stem("processes"), "process");
    assert_eq!(stem("status"), "status");
    assert_eq!(stem("analysis"), "analysis");
    assert_eq!(stem("bus"), "bus");
    assert_eq!(stem("risks"), "risk");
}

#[test]
fn mixed_text_keeps_positions_in_reading_order() {
    let t = terms("ERP 升级 UAT");
    let words: Vec<(&str, u32)> = t
        .iter()
        .filter(|t| t.kind != TermKind::Bigram)
        .map(|t| (t.text.as_str(), t.position))
        .collect();
    assert_eq!(words, [("erp", 0), ("升", 1), ("级", 2), ("uat", 3)]);
}

#[test]
fn spaces_between_chinese_characters_keep_one_run() {
    // A soft line break in a Chinese paragraph becomes a space in the text; titles
    // write `鲲鹏 收尾阶段`. Either is found typed without the space.
    let all = texts("项目在启动阶段 完成了评审");
    assert!(all.contains(&"段完".to_string()), "{all:?}");
    assert!(texts("鲲鹏 \t 收尾").contains(&"鹏收".to_string()));
    let t = terms("鲲鹏 收尾");
    let bigrams: Vec<(&str, u32)> = t
        .iter()
        .filter(|t| t.kind == TermKind::Bigram)
        .map(|t| (t.text.as_str(), t.position))
        .collect();
    assert_eq!(bigrams, [("鲲鹏", 0), ("鹏收", 1), ("收尾", 2)]);
    // A line break ends a block (a paragraph, a table cell): no bigram across it.
    assert!(!texts("已完成\n延期").contains(&"成延".to_string()));
    // Nor across a word, a number or punctuation.
    assert!(!texts("远航 ERP 项目").contains(&"航项".to_string()));
    assert!(!texts("2026 年 10 月").contains(&"年月".to_string()));
    assert!(!texts("成本、进度").contains(&"本进".to_string()));
}

#[test]
fn punctuation_and_emoji_separate_runs() {
    assert_eq!(
        texts("风险，延期"),
        ["风", "风险", "险", "延", "延期", "期"]
    );
    assert_eq!(texts("go-live 🚀 cut-over!"), ["go", "live", "cut", "over"]);
    assert!(texts("。，！？🙂").is_empty());
}

#[test]
fn scan_reports_runs_words_and_their_forms() {
    let mut seen = Vec::new();
    scan("项目Ｒｉｓｋｓ、🚀风", |t| {
        seen.push(match t {
            Token::Cjk { prev, c, .. } => {
                format!("{}{c}", prev.map(String::from).unwrap_or_default())
            }
            Token::Word { stem, raw, at } => format!("{stem}/{raw}@{at}"),
            Token::Code { text, at, .. } => format!("code {text}@{at}"),
        })
    });
    // Words say where they start (Ｒ: byte 6, after two 3-byte characters).
    assert_eq!(seen, ["项", "项目", "risk/risks@6", "风"]);
}

#[test]
fn codes_say_where_their_first_part_starts() {
    let mut seen = Vec::new();
    scan("进度 v2.1，达成 12.7%", |t| {
        if let Token::Code { text, at, .. } = t {
            seen.push((text.to_string(), at));
        }
    });
    assert_eq!(seen, [("v2.1".to_string(), 7), ("12.7%".to_string(), 21)]);
}

#[test]
fn emoji_and_symbols_are_never_terms() {
    assert!(texts("🙂👍🏽 ★ → ※ ©").is_empty());
    assert_eq!(
        texts("进度🙂延期"),
        ["进", "进度", "度", "延", "延期", "期"],
        "an emoji ends a run: no bigram 度延"
    );
}

#[test]
fn a_long_word_counts_as_its_first_characters() {
    let long = "a".repeat(40_000);
    let cut = "a".repeat(MAX_WORD_CHARS);
    assert_eq!(texts(&format!("x {long} y")), ["x", cut.as_str(), "y"]);
    // A word of exactly the cap is whole; one character more is cut.
    let exact = "b".repeat(MAX_WORD_CHARS);
    assert_eq!(texts(&exact), [exact.as_str()]);
    assert_eq!(texts(&format!("{exact}c")), [exact.as_str()]);
    // Characters count, not bytes; the cut word is stemmed like any other.
    let greek = "α".repeat(MAX_WORD_CHARS + 5);
    assert_eq!(texts(&greek), ["α".repeat(MAX_WORD_CHARS)]);
    let plural = format!("{}s{}", "c".repeat(MAX_WORD_CHARS - 1), "d".repeat(9));
    assert_eq!(texts(&plural), ["c".repeat(MAX_WORD_CHARS - 1)]);
    // A letter that lowercases to two characters is cut between them at the cap.
    let dotted = format!("{}İ", "e".repeat(MAX_WORD_CHARS - 1));
    assert_eq!(
        texts(&dotted),
        [format!("{}i", "e".repeat(MAX_WORD_CHARS - 1))]
    );
}

#[test]
fn full_width_letters_fold_to_ascii() {
    assert_eq!(texts("ＵＡＴ测试"), ["uat", "测", "测试", "试"]);
    assert_eq!(texts("ＥＲＰ　上线"), ["erp", "上", "上线", "线"]);
}

#[test]
fn numbers_and_codes_are_terms_as_written_beside_their_parts() {
    let codes = |text: &str| -> Vec<String> {
        terms(text)
            .into_iter()
            .filter(|t| t.kind == TermKind::Code)
            .map(|t| t.text)
            .collect()
    };
    assert_eq!(codes("CPI 为 0.88，完成 12.7%"), ["0.88", "12.7%"]);
    assert_eq!(codes("偏差10%以内"), ["10%"]);
    assert_eq!(codes("预算 1,200,000 元"), ["1,200,000"]);
    assert_eq!(codes("2024-03 月报与 v2.1 版"), ["2024-03", "v2.1"]);
    assert_eq!(
        codes("编号LL-2024-012、PRJ-2025-003"),
        ["ll-2024-012", "prj-2025-003"]
    );
    assert_eq!(
        codes("ＬＬ－２０２４－０１２"),
        ["ll-2024-012"],
        "full width folds"
    );
    // The parts stay words, so `2024` still finds LL-2024-012.
    assert_eq!(texts("LL-2024-012"), ["ll", "2024", "012", "ll-2024-012"]);
    // No digit, no code: go-live is two words.
    assert!(codes("go-live cut-over").is_empty());
    // A comma joins digits only; a sentence's full stop or comma ends a code.
    assert!(codes("1, 2 and a,b").is_empty());
    assert_eq!(codes("截至 2024-03. 下月 v3"), ["2024-03"]);
    assert_eq!(codes("10%-20%"), ["10%", "20%"]);
    assert!(codes("1--2 1 -2").is_empty());
    // A space (or several, or a full-width one) between a number and its `%` is the
    // same code; a space before anything else ends the number.
    assert_eq!(codes("偏差 10 % 以内"), ["10%"]);
    assert_eq!(codes("12.5  ％，v2 %"), ["12.5%", "v2%"]);
    assert_eq!(codes("１０　％"), ["10%"]);
    assert!(codes("10 个 %，10 - %").is_empty());
    assert_eq!(texts("10 %"), ["10", "10%"]);
    let t = terms("ERP v2.1");
    assert_eq!(
        t.last().map(|t| (t.text.as_str(), t.position)),
        Some(("v2.1", 2))
    );
    // Capped like a word.
    let long = format!("{}-1", "9".repeat(100));
    assert_eq!(codes(&long), ["9".repeat(MAX_WORD_CHARS)]);
}

#[test]
fn verb_forms_are_one_stem() {
    for (words, stem_of_all) in [
        (
            &[
                "escalate",
                "escalated",
                "escalating",
                "escalation",
                "escalations",
            ][..],
            "escalat",
        ),
        (&["planned", "planning"][..], "plan"),
        (&["manage", "managed", "managing"][..], "manag"),
        (&["delay", "delays", "delayed", "delaying"][..], "delay"),
        (&["estimate", "estimates", "estimated"][..], "estimat"),
    ] {
        for word in words {
            assert_eq!(stem(word), stem_of_all, "{word}");
        }
    }
    // Short stems stay whole; ll, ss, ff stay doubled.
    for (word, stemmed) in [
        ("during", "during"),
        ("need", "need"),
        ("based", "based"),
        ("staffed", "staff"),
        ("billed", "bill"),
        ("passed", "pass"),
        ("station", "station"),
    ] {
        assert_eq!(stem(word), stemmed, "{word}");
    }
}
