//! The language a page's own text is written in, where it plainly is one other than the
//! site's: an English practice on a Chinese portal is marked `lang="en"` where its title
//! and text are shown, so a screen reader reads it with an English voice and checkers
//! (the Nu HTML Checker) do not take the page for mislabelled.

use crate::config::Language;

/// Characters read: the opening screens say which language a page is in.
const SAMPLE_CHARS: usize = 4_000;

/// The language of `title` and `text`, when it is plainly one: English when Latin
/// letters make words and Chinese characters are at most a name or two among them,
/// Chinese when Chinese characters carry the text (a Chinese page quoting `ERP`, `SPI`
/// or a vendor's English name is Chinese). `None` for a short or evenly mixed text,
/// which is left to the site's language.
pub fn written_in(title: &str, text: &str) -> Option<Language> {
    let (mut han, mut latin) = (0usize, 0usize);
    for c in title.chars().chain(text.chars()).take(SAMPLE_CHARS) {
        if is_han(c) {
            han += 1;
        } else if c.is_ascii_alphabetic() {
            latin += 1;
        }
    }
    // A Chinese character is about a word, an English word about five letters.
    if latin >= 40 && han * 50 <= latin {
        Some(Language::En)
    } else if han >= 20 && han * 2 >= latin {
        Some(Language::ZhCn)
    } else {
        None
    }
}

/// A Chinese (Han) character: kana and Hangul are other languages, which a zh-CN or en
/// portal does not label.
fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_chinese_and_mixed_texts() {
        let english = "Vendor management covers how the project selects, contracts and \
                       monitors its suppliers, and how delays are escalated.";
        assert_eq!(written_in("Vendor management", english), Some(Language::En));
        // A name in Chinese does not make an English page Chinese.
        let with_name = format!("{english} {english} Owner: 张伟.");
        assert_eq!(
            written_in("Vendor management", &with_name),
            Some(Language::En)
        );
        let chinese =
            "接口分包商交付迟缓导致 ERP 上线推迟，SPI 降到 0.82，项目经理在月度评审中提出了风险。";
        assert_eq!(written_in("ERP 上线推迟", chinese), Some(Language::ZhCn));
        // Too short to tell, or evenly mixed: the site's language.
        assert_eq!(written_in("Q3", "OK"), None);
        assert_eq!(written_in("", ""), None);
        let mixed = "Stakeholder 干系人 register 登记册 update 更新 weekly 每周";
        assert_eq!(written_in("", mixed), None);
        // Japanese kana or Korean are not taken for Chinese.
        assert_eq!(written_in("", &"プロジェクト관리".repeat(10)), None);
    }
}
