use super::*;
use crate::ids::Id;

fn links(targets: &[&[usize]]) -> IdVec<PageId, PageLinks> {
    IdVec::from_raw(
        targets
            .iter()
            .map(|to| {
                to.iter()
                    .map(|&t| {
                        Some(Resolved {
                            url: String::new(),
                            target: Some(PageId::new(t)),
                        })
                    })
                    .chain([None])
                    .collect()
            })
            .collect(),
    )
}

#[test]
fn patched_backlinks_equal_those_made_afresh() {
    let before = links(&[&[1, 2], &[2, 2, 0], &[], &[1, 3]]);
    let mut back = backlinks(&before);
    // Page 1 no longer links to 0 but to 3; page 2 links to 1 and to itself.
    let after = links(&[&[1, 2], &[2, 3], &[1, 2], &[1, 3]]);
    let fresh = vec![
        (PageId::new(1), after[PageId::new(1)].clone()),
        (PageId::new(2), after[PageId::new(2)].clone()),
    ];
    let changed = patch_backlinks(&mut back, &before, &fresh);
    assert_eq!(back.as_slice(), backlinks(&after).as_slice());
    assert_eq!(changed, [PageId::new(0), PageId::new(1), PageId::new(3)]);
}

#[test]
fn percent_escapes_are_decoded() {
    assert_eq!(
        crate::escape::percent_decode("%E9%A3%8E%E9%99%A9.md"),
        "风险.md"
    );
    assert_eq!(crate::escape::percent_decode("100%"), "100%");
    assert_eq!(crate::escape::percent_decode("a%2"), "a%2");
}
