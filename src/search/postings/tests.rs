use super::*;
use crate::search::places::{coarse, fine, PLACES};
use crate::search::words::Segmenter;

static SEGMENTER: std::sync::LazyLock<Segmenter> = std::sync::LazyLock::new(Segmenter::load);

/// A one-document index of `fields`: each term with its impact and places, sorted.
fn indexed(fields: &[(usize, &str)]) -> Vec<(String, u8, Places)> {
    let mut d = DocTerms::default();
    for (f, t) in fields {
        // Titles and headings are segmented, as in the index.
        let words = if *f <= 1 {
            SEGMENTER.starts(t)
        } else {
            Vec::new()
        };
        d.add_field(*f, t, &words);
    }
    let index = d.finish(
        encode::Lengths {
            text: 1.0,
            title: 1.0,
        },
        4,
    );
    let mut out: Vec<(String, u8, Places)> = index
        .terms
        .iter()
        .map(|&(i, p, t)| match index.term(t) {
            TermRef::Cjk(k) => (cjk_text(k), i, p),
            TermRef::Word(w, _) => (w.to_string(), i, p),
        })
        .collect();
    out.sort();
    out
}

fn terms(fields: &[(usize, &str)]) -> Vec<(String, u32)> {
    indexed(fields)
        .into_iter()
        .map(|(t, i, _)| (t, u32::from(i)))
        .collect()
}

fn names(fields: &[(usize, &str)]) -> Vec<String> {
    terms(fields).into_iter().map(|(t, _)| t).collect()
}

#[test]
fn cjk_runs_give_bigrams_and_every_character() {
    assert_eq!(names(&[(3, "供应商")]), ["供", "供应", "商", "应", "应商"]);
    assert_eq!(names(&[(3, "的 ERP")]), ["erp", "的", "的 erp"]);
}

#[test]
fn words_keep_stem_and_form_and_pairs() {
    assert_eq!(
        names(&[(3, "Vendor delays")]),
        ["delay", "delays", "vendor", "vendor delay"]
    );
    // No word pair across a CJK character or a field; a word and the CJK run beside
    // it make a pair of their own (`ERP 上线`, `一期 MES`).
    assert_eq!(
        names(&[(3, "key 的 user")]),
        ["key", "key 的", "user", "的", "的 user"]
    );
    assert_eq!(names(&[(0, "key"), (3, "user")]), ["key", "user"]);
    assert_eq!(names(&[(0, "key"), (3, "的")]), ["key", "的"]);
    let mixed = names(&[(3, "ERP，上线后 MES 一期")]);
    for pair in ["erp 上", "后 mes", "mes 一"] {
        assert!(mixed.contains(&pair.to_string()), "{pair}: {mixed:?}");
    }
}

#[test]
fn a_compound_with_a_hyphen_is_also_the_word_written_without_it() {
    let all = names(&[(3, "Go-live after two sign-offs")]);
    for word in ["go", "live", "go live", "golive", "signoff", "signoffs"] {
        assert!(all.contains(&word.to_string()), "{word}: {all:?}");
    }
    // Not across a space or a code's digits, nor a word of the field before.
    let all = names(&[(0, "go"), (3, "-live, go - live, ll-2024-012")]);
    assert!(
        !all.iter()
            .any(|t| t.starts_with("golive") || t.starts_with("ll2024")),
        "{all:?}"
    );
}

#[test]
fn a_pair_has_one_hash_whatever_comes_before_it() {
    let hash_of = |text: &str| {
        let mut d = DocTerms::default();
        d.add_field(3, text, &[]);
        let index = d.finish(
            encode::Lengths {
                text: 1.0,
                title: 1.0,
            },
            4,
        );
        index
            .terms
            .iter()
            .find_map(|&(_, _, t)| match (t, index.term(t)) {
                (Term::Word { hash, .. }, TermRef::Word("vendor delay", _)) => Some(hash),
                _ => None,
            })
    };
    let hash = hash_of("vendor delays");
    assert!(hash.is_some());
    assert_eq!(hash_of("the big vendor delay, again"), hash);
    assert_eq!(hash_of("delay vendor delay"), hash);
}

#[test]
fn a_title_bigram_across_two_words_weighs_as_body_text() {
    let impact = |fields: &[(usize, &str)], term: &str| {
        let t = terms(fields);
        t.iter().find(|(x, _)| x == term).map(|(_, i)| *i).unwrap()
    };
    let doc = [(0, "拖延期间"), (3, "交付延期")];
    // 拖延 | 期间: 延期 straddles the words, so it weighs as if both 延期 were body
    // text; the words themselves keep the title's weight.
    assert_eq!(impact(&doc, "延期"), impact(&[(3, "延期 延期")], "延期"));
    let in_body = impact(&[(3, "拖延期间")], "拖延");
    assert!(impact(&doc, "拖延") > in_body);
    assert!(impact(&doc, "期间") > in_body);
}

#[test]
fn titles_weigh_more_than_body_text() {
    let t = terms(&[(0, "风险"), (3, "延期")]);
    let of = |n: &str| t.iter().find(|(x, _)| x == n).map(|(_, i)| *i).unwrap();
    assert!(of("风险") > of("延期"));
}

/// Each term's places in a one-document index (0: none).
fn places(fields: &[(usize, &str)]) -> Vec<(String, Places)> {
    indexed(fields)
        .into_iter()
        .map(|(t, _, p)| (t, p))
        .collect()
}

fn places_of(all: &[(String, Places)], term: &str) -> Places {
    all.iter().find(|(t, _)| t == term).map_or(0, |(_, p)| *p)
}

/// How far `b` stands after `a`, modulo the places, for terms that occur once.
fn gap(all: &[(String, Places)], a: &str, b: &str) -> u32 {
    let at = |t: &str| places_of(all, t).trailing_zeros();
    (at(b) + PLACES - at(a)) % PLACES
}

#[test]
fn bigrams_in_a_row_stand_at_places_that_follow_each_other() {
    // 尾阶 段敏 in a row (收尾阶段敏捷) and apart (收尾阶段，阶段敏捷).
    let row = places(&[(3, "收尾阶段敏捷")]);
    let apart = places(&[(3, "收尾阶段，阶段敏捷")]);
    assert_eq!(gap(&row, "尾阶", "段敏"), 2);
    assert_ne!(gap(&apart, "尾阶", "段敏"), 2);
    // One bit for each occurrence's place; unigrams and words have none.
    assert_eq!(places_of(&row, "阶段").count_ones(), 1);
    assert_eq!(places_of(&apart, "阶段").count_ones(), 2);
    assert_eq!(places_of(&row, "阶"), 0);
    assert_eq!(
        places_of(&places(&[(3, "vendor delay")]), "vendor delay"),
        0
    );
}

#[test]
fn parts_seven_characters_apart_do_not_stand_in_a_row() {
    // 尾阶 at 1, 段敏 at 8: modulo 5 they stood as in 收尾阶段敏捷 (a gap of 2), and a
    // page holding them so passed for one holding the phrase.
    let apart = places(&[(3, "收尾阶一二三四五段敏捷")]);
    assert_ne!(gap(&apart, "尾阶", "段敏"), 2);
}

#[test]
fn coarse_places_fold_the_fine_ones_modulo_five() {
    // Places 0 and 7 (bits 1 and 128: 129 → "A1"), then place 5 alone (32 → "x0").
    let mut l = List::default();
    l.append_placed(0, 1, 1 | 1 << 7);
    l.append_placed(1, 1, 1 << 5);
    assert_eq!(l.places, "A1x0");
    // Modulo 5: places 0 and 2, then 0.
    assert_eq!(coarse(&l.places), "51");
    assert!(fine(4000, 10_000) && !fine(4001, 10_000));
}

#[test]
fn runs_apart_never_read_as_one_and_fields_continue_the_count() {
    // 尾阶 then, after a break, 段敏: not the places of one run.
    assert_ne!(
        gap(&places(&[(0, "收尾阶"), (3, "段敏捷")]), "尾阶", "段敏"),
        2
    );
    assert_ne!(gap(&places(&[(3, "收尾阶，段敏捷")]), "尾阶", "段敏"), 2);
    assert_ne!(gap(&places(&[(3, "收尾阶\n段敏捷")]), "尾阶", "段敏"), 2);
    // Spaces inside a run keep it one (a wrapped line, a title's spacing).
    assert_eq!(gap(&places(&[(3, "收尾阶 段敏捷")]), "尾阶", "段敏"), 2);
}

#[test]
fn a_pair_of_a_word_and_a_cjk_character_stands_where_the_character_does() {
    let all = places(&[(3, "ERP 上线后 MES 一期")]);
    assert_eq!(gap(&all, "erp 上", "上线"), 0);
    assert_eq!(gap(&all, "线后", "后 mes"), 1);
    assert_eq!(gap(&all, "mes 一", "一期"), 0);
    assert_ne!(places_of(&all, "erp 上"), 0);
}

#[test]
fn lists_write_one_place_digit_per_document() {
    let mut l = List::default();
    l.append_placed(3, 5, 0b101);
    l.append_placed(40, 31, 1);
    assert_eq!(l.encoded, "35x5v");
    assert_eq!(l.places, "51");
    let mut w = List::default();
    w.append_placed(1, 2, 0);
    assert_eq!(w.places, "");
}

/// Each term's reach code in a one-document index of a title and a body field whose
/// prose, `prose`, is cut into blocks at `cuts` (byte offsets).
fn reach_codes(title: &str, prose: &str, beside: &str, cuts: &[usize]) -> Vec<(String, u8)> {
    let mut d = DocTerms::default();
    d.add_field(0, title, &SEGMENTER.starts(title));
    let bounds: Vec<usize> = std::iter::once(0)
        .chain(cuts.iter().copied())
        .chain(std::iter::once(prose.len()))
        .collect();
    let ranges: Vec<_> = bounds.windows(2).map(|w| w[0]..w[1]).collect();
    d.blocks(Layout::new(&ranges, prose.len()));
    d.add_field(3, &format!("{prose}\n{beside}"), &[]);
    let index = d.finish(
        encode::Lengths {
            text: 1.0,
            title: 1.0,
        },
        4,
    );
    let mut out: Vec<(String, u8)> = index
        .terms
        .iter()
        .map(|&(i, _, t)| match index.term(t) {
            TermRef::Cjk(k) => (cjk_text(k), i >> 5),
            TermRef::Word(w, _) => (w.to_string(), i >> 5),
        })
        .collect();
    out.sort();
    out
}

#[test]
fn postings_tell_the_first_block_that_holds_their_term() {
    let prose = "供应商按期交付。\n项目延期三周，ERP 上线推迟。";
    let cut = prose.find('项').unwrap();
    let codes = reach_codes("延期复盘", prose, "风险登记 MES", &[cut]);
    let code = |t: &str| codes.iter().find(|(x, _)| x == t).map(|(_, c)| *c).unwrap();
    // In block 0: nothing to say.
    assert_eq!(code("供应"), 0);
    assert_eq!(code("交付"), 0);
    // First in block 1; a unigram as the bigrams around it.
    assert_eq!(code("三周"), 1);
    assert_eq!(code("erp"), 1);
    // Unigrams and pairs write none.
    assert_eq!(code("三"), 0);
    assert_eq!(code("erp 上"), 0);
    // In block 1 and in the title (which block 0's file carries): 1 + 3.
    assert_eq!(code("延期"), 4);
    // In no block: the last one, and shown (title, or beside the prose) or not.
    assert_eq!(code("复盘"), 4);
    assert_eq!(code("mes"), 4);
    assert_eq!(code("风险"), 4);
    // The whole prose in one block: every term in block 0.
    let one = reach_codes("延期复盘", prose, "风险登记", &[]);
    assert!(one.iter().all(|(_, c)| *c == 0), "{one:?}");
}

#[test]
fn reach_codes_ride_above_the_impact_and_cost_a_digit_only_past_block_0() {
    let mut l = List::default();
    l.append(3, 5);
    l.append(40, reach::with_reach(31, 1).into());
    assert_eq!(l.encoded, "35x5xv");
    assert_eq!(encode::decode(&l.encoded).unwrap(), [3, 5, 37, 63]);
}

#[test]
fn lists_encode_document_deltas_and_impacts() {
    let mut l = List::default();
    l.append(3, 5);
    l.append(40, 31);
    assert_eq!(l.encoded, "35x5v");
    assert_eq!(l.df, 2);
}
