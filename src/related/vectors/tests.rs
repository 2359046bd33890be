use super::*;

#[test]
fn text_counts_character_pairs_and_words_not_single_characters() {
    let bag = text_bag(&[("供应商延期 vendor delays 12", 1)]);
    // 供应 应商 商延 延期, and `vendor` and `delay`: no single characters, no `12`.
    assert_eq!(bag.len(), 6, "{bag:?}");
    assert_eq!(text_bag(&[("Vendor", 1)]), text_bag(&[("vendors", 1)]));
}

#[test]
fn rare_shared_terms_weigh_most() {
    let bags: Vec<Bag> = [
        vec!["供应商", "项目"],
        vec!["供应商", "项目"],
        vec!["项目", "培训"],
        vec!["项目", "培训"],
    ]
    .iter()
    .map(|tags| tag_bag(&tags.iter().map(|t| t.to_string()).collect::<Vec<_>>()))
    .collect();
    let rarity = Rarity::text(&bags);
    let v: Vec<Sparse> = bags
        .iter()
        .map(|b| rarity.vector(b.iter().copied(), 10))
        .collect();
    assert!((v[0].dot(&v[1]) - 1.0).abs() < 1e-6, "项目 is in every one");
    assert_eq!(v[0].dot(&v[2]), 0.0);
}

#[test]
fn the_index_finds_neighbours_through_shared_terms() {
    let docs = [
        vec![(1, 0.6), (2, 0.8)],
        vec![(1, 1.0)],
        vec![(2, 1.0)],
        vec![(3, 1.0)],
    ];
    let vectors: Vec<Sparse> = docs.iter().map(|d| Sparse(d.clone())).collect();
    let index = Index::new(&vectors, 10);
    let mut scratch = Scratch::default();
    assert_eq!(
        index.nearest(&vectors[0], 5, &mut scratch, |d| d == 0),
        [2, 1]
    );
    assert_eq!(index.nearest(&vectors[0], 1, &mut scratch, |d| d == 0), [2]);
    assert!(index
        .nearest(&vectors[3], 5, &mut scratch, |_| false)
        .is_empty());
}

#[test]
fn bags_add_up_by_key() {
    let a: Bag = vec![(1, 2), (5, 1)];
    let b: Bag = vec![(1, 1), (3, 4)];
    assert_eq!(sum([&a, &b]), vec![(1, 3), (3, 4), (5, 1)]);
    let tags = ["CRM".to_string(), "crm ".to_string()];
    assert_eq!(tag_bag(&tags).len(), 1, "tags compare without case");
}

#[test]
fn packed_bags_read_back_as_made_and_weigh_terms_alike() {
    let texts = [
        "供应商交付延期，里程碑滑移 vendor delays",
        "供应商评审 vendor review 供应商",
        "培训计划延期",
        "",
    ];
    // More documents than a batch, so bags are numbered across batches.
    let n = BAG_BATCH + 3;
    let bag_of = |d: usize| text_bag(&[(texts[d % texts.len()], 1 + d as u32 % 3)]);
    let packed = TextBags::new(n, bag_of);
    let plain: Vec<Bag> = (0..n).map(bag_of).collect();
    assert_eq!(packed.len(), n);
    for (d, bag) in plain.iter().enumerate() {
        assert_eq!(packed.bag(d).collect::<Bag>(), *bag, "document {d}");
    }
    let (a, b) = (packed.rarity(), Rarity::text(&plain));
    for &(key, _) in &plain[0] {
        assert_eq!(a.weight(key), b.weight(key));
    }
    assert_eq!(
        a.vector(packed.bag(1), 48),
        b.vector(plain[1].iter().copied(), 48)
    );
}

#[test]
fn varints_round_trip() {
    let mut bytes = Vec::new();
    for n in [0, 1, 127, 128, 300, 1 << 21, u32::MAX] {
        push_varint(&mut bytes, n);
    }
    let mut rest: &[u8] = &bytes;
    let read: Vec<u32> = std::iter::from_fn(|| take_varint(&mut rest)).collect();
    assert_eq!(read, [0, 1, 127, 128, 300, 1 << 21, u32::MAX]);
}

#[test]
fn cutting_keeps_whole_characters() {
    assert_eq!(cut("供应商", 4), "供");
    assert_eq!(cut("abc", 10), "abc");
}
