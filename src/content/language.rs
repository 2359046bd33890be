//! The language a page's own text is written in, where it plainly is one other than the
//! site's: an English practice on a Chinese portal is marked `lang="en"` where its title
//! and text are shown, so a screen reader reads it with an English voice and checkers
//! (the Nu HTML Checker) do not take the page for mislabelled.

use crate::config::Language;
use crate::messages::Lang;

/// The language of `title` and `text`, when it is plainly one (see
/// [`Lang::of_text`]); `None` for a short or evenly mixed text, which is left to the
/// site's language.
pub fn written_in(title: &str, text: &str) -> Option<Language> {
    Lang::of_text(title, text).map(|lang| match lang {
        Lang::En => Language::En,
        Lang::ZhCn => Language::ZhCn,
    })
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
