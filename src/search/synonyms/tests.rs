use super::*;

#[test]
fn members_are_compared_folded_and_lowercased() {
    assert_eq!(normalize("  Scope   Creep "), "scope creep");
    assert_eq!(normalize("ＷＢＳ"), "wbs");
    assert_eq!(normalize("延期"), "延期");
}

#[test]
fn built_in_members_are_written_as_the_client_compares_them() {
    for group in BUILT_IN {
        assert!(group.len() >= 2, "{group:?}");
        for member in *group {
            assert_eq!(normalize(member), *member, "{member}");
            // A CJK member of one character would widen every query holding it.
            assert!(member.chars().count() >= 2, "{member}");
        }
    }
}

/// `closure review`, `risk response` or `management reserve` found nothing on a
/// Chinese portal, though the glossary names each of those terms: every glossary
/// word stands in a group with an English name.
#[test]
fn every_glossary_word_has_an_english_name() {
    for word in crate::search::glossary::GLOSSARY {
        let group = BUILT_IN.iter().find(|g| g.contains(word));
        assert!(
            group.is_some_and(|g| g.iter().any(|m| m.is_ascii())),
            "{word}: {group:?}"
        );
    }
}

#[test]
fn no_member_stands_in_two_groups() {
    let mut seen = std::collections::HashSet::new();
    for group in BUILT_IN {
        for member in *group {
            assert!(seen.insert(*member), "{member} is in two groups");
        }
    }
}
