//! The two tokenizers agree: the Rust indexer (src/search/tokenize.rs) and the browser's
//! query tokenizer (themes/default/static/js/search-text.js) cut the same text into the
//! same words and codes. A query term the index never wrote finds nothing, so any
//! difference is a bug that loses results.
//!
//! Needs `node` on the PATH.

mod common;

use common::{node_eval, theme_js};
use pmo_portal::tokenize::{terms, TermKind};

/// Texts that exercise numbers and codes, the joiners that may or may not join, and
/// the mixed Chinese text they come in.
const TEXTS: &[&str] = &[
    "CPI 为 0.88，SPI 为 0.91；完成 12.7%",
    "偏差控制在10%以内，超支 -3.5% 需上报",
    "预算 1,200,000 元，已支出 ¥350,000.50",
    "2024-03 月报，v2.1 版本；发布于 2024/03/18",
    "经验教训编号LL-2024-012、项目编号PRJ-2025-003",
    "ＬＬ－２０２４－０１２ 与 ＰＲＪ－２０２５－００３",
    "go-live 与 cut-over 的 WBS_1.2.3 工作包",
    "1, 2 and a,b; 3,4,5 items",
    "截至 2024-03. 下月 v3; 10%-20% 或 100 % 或 1--2",
    "Ünïcode-2 ﬁ-3 İstanbul-4",
    "偏差 10 % 以内，12.5　％ 与 ３０ ％；10 个 %，10 - %，7  %x",
    "Baden-Württemberg, Wu\u{0308}rttemberg; café crème, ÉTÉ-2024, Łódź, Søndergaard, Đorđe, Straße, Nguyễn",
    "escalate escalated escalating escalation escalations planned planning staffed billed \
     embedded during need based managing manage changes estimates activities processes \
     station informed information delays delayed morning things",
    // A size written with a letter x between numbers is the numbers, as with ×: `5x5`
    // is 5 and 5 (the page's 5×5); not where a letter goes before (`v5x5`) or none after.
    "5x5 矩阵、5X5、５ｘ５、3x3x3 与 5×5；1920x1080 屏，v5x5 型，5x 与 x5，0x1F",
];

fn rust_tokens(text: &str) -> Vec<String> {
    terms(text)
        .into_iter()
        .filter(|t| t.kind != TermKind::Bigram && t.kind != TermKind::Unigram)
        .map(|t| match t.kind {
            TermKind::Code => format!("code:{}", t.text),
            _ => format!("word:{}", t.text),
        })
        .collect()
}

#[test]
fn the_rust_and_javascript_tokenizers_cut_words_and_codes_alike() {
    let script = format!(
        "const T = require({});\n\
         const texts = JSON.parse(process.argv[1]);\n\
         console.log(JSON.stringify(texts.map(t => T.runs(t).filter(r => r.type !== 'cjk')\n\
           .map(r => r.type === 'code' ? 'code:' + r.text : 'word:' + T.stem(r.text)))));",
        theme_js("search-text.js")
    );
    let texts = serde_json::to_string(TEXTS).unwrap();
    let out = node_eval(&script, &[&texts]);
    let js: Vec<Vec<String>> = serde_json::from_slice(&out).unwrap();
    for (text, js) in TEXTS.iter().zip(js) {
        assert_eq!(rust_tokens(text), js, "{text}");
    }
}
