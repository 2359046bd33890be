//! Domain words: the PMO terms a general dictionary lacks, and the site's own words.
//!
//! Titles and headings are cut into words by jieba, and a bigram that straddles two of
//! its words weighs as body text (see `DocTerms::add_field`). jieba's dictionary is a
//! general one: it cuts 挣值 (earned value) into 挣 | 值 and 干系人 into 干系 | 人, so a
//! title about earned value gave 挣值 the weight of body text, while 风险 weighed 3.7
//! times as much. [`Vocabulary::join`] mends such cuts: no word boundary is kept inside
//! a vocabulary word, so its bigrams weigh as the title's.
//!
//! Joining after jieba, rather than adding the words to jieba's dictionary, keeps the
//! dictionary one shared, unchanged instance (`words::Words`) whatever each site adds.

/// Project-management terms (PMBOK and common Chinese PMO usage) that jieba's default
/// dictionary cuts apart or weighs as rare.
pub const GLOSSARY: &[&str] = &[
    "挣值",
    "挣值管理",
    "计划价值",
    "实际成本",
    "完工预算",
    "完工估算",
    "完工尚需估算",
    "完工偏差",
    "成本偏差",
    "进度偏差",
    "成本绩效指数",
    "进度绩效指数",
    "干系人",
    "干系人登记册",
    "里程碑",
    "基线",
    "范围基线",
    "成本基线",
    "进度基线",
    "关键路径",
    "关键链",
    "阶段关口",
    "变更控制",
    "变更控制委员会",
    "变更请求",
    "工作分解结构",
    "工作包",
    "范围蔓延",
    "范围说明书",
    "项目章程",
    "风险登记册",
    "风险敞口",
    "风险应对",
    "应急储备",
    "管理储备",
    "问题日志",
    "经验教训",
    "责任分配矩阵",
    "需求跟踪矩阵",
    "资源平衡",
    "快速跟进",
    "赶工",
    "燃尽图",
    "收尾评审",
    "验收标准",
    "项目组合",
    "项目集",
    "项目管理办公室",
    "关键用户",
    "上线",
];

/// The built-in glossary and the site's own words (`search_words` in site.toml).
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    /// Sorted, so the words sharing a first character are neighbours.
    words: Vec<String>,
    /// The words' first characters, sorted and distinct: a character of a title that is
    /// none of them starts no word, and most are none of them.
    firsts: Vec<char>,
}

impl Vocabulary {
    /// The glossary with `site_words` added. Words of one character cannot be cut
    /// inside, and empty ones mean nothing: both are dropped.
    pub fn new(site_words: &[String]) -> Vocabulary {
        let mut words: Vec<String> = GLOSSARY
            .iter()
            .map(|w| w.to_string())
            .chain(site_words.iter().map(|w| w.trim().to_string()))
            .filter(|w| w.chars().nth(1).is_some())
            .collect();
        words.sort();
        words.dedup();
        let mut firsts: Vec<char> = words.iter().filter_map(|w| w.chars().next()).collect();
        firsts.dedup();
        Vocabulary { words, firsts }
    }

    /// Removes from `starts` (byte offsets where words of `text` start, ascending) every
    /// start that falls inside an occurrence of a vocabulary word (each word's occurrences
    /// found left to right, never overlapping one another, as `str::match_indices` finds
    /// them).
    ///
    /// One pass over the text, trying only the words that start with the character at
    /// hand: searching the text for each word in turn cost a third of the time spent
    /// cutting the 20,000 titles and headings of the 10k corpus into words.
    pub fn join(&self, text: &str, starts: &mut Vec<u32>) {
        if starts.is_empty() {
            return;
        }
        let mut inside: Vec<(u32, u32)> = Vec::new();
        // Where each word's last occurrence ended: the next may not begin before it.
        let mut ends: Vec<usize> = Vec::new();
        for (at, c) in text.char_indices() {
            if self.firsts.binary_search(&c).is_err() {
                continue;
            }
            let rest = &text[at..];
            let mut key = [0; 4];
            let first: &str = c.encode_utf8(&mut key);
            let from = self.words.partition_point(|w| w.as_str() < first);
            for (i, word) in self.words.iter().enumerate().skip(from) {
                if !word.starts_with(c) {
                    break;
                }
                if ends.is_empty() {
                    ends.resize(self.words.len(), 0);
                }
                if at >= ends[i] && rest.starts_with(word.as_str()) {
                    ends[i] = at + word.len();
                    inside.push((at as u32, ends[i] as u32));
                }
            }
        }
        if !inside.is_empty() {
            starts.retain(|&s| !inside.iter().any(|&(a, b)| a < s && s < b));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_boundary_stays_inside_a_vocabulary_word() {
        let v = Vocabulary::new(&["主数据".to_string(), " ".to_string()]);
        // 挣值管理实践: suppose the cut 挣 | 值 | 管理 | 实践.
        let text = "挣值管理实践";
        let mut starts = vec![3, 6, 12];
        v.join(text, &mut starts);
        assert_eq!(starts, [12], "挣值管理 is one word");
        let mut starts = vec![3, 9];
        v.join("主数据清洗", &mut starts);
        assert_eq!(starts, [9], "a site word joins too");
        let mut starts = vec![6];
        v.join("供应商延期", &mut starts);
        assert_eq!(starts, [6], "other cuts stay");
    }

    /// A word's occurrences are found left to right without overlapping, as
    /// `str::match_indices` finds them: 甲乙甲乙甲 holds 甲乙甲 once, at its start.
    #[test]
    fn occurrences_of_one_word_never_overlap() {
        let v = Vocabulary::new(&["甲乙甲".to_string(), "乙甲乙".to_string()]);
        let text = "甲乙甲乙甲丙";
        let expected = |words: &[&str]| {
            let mut inside = Vec::new();
            for w in words {
                for (at, m) in text.match_indices(w) {
                    inside.push((at as u32, (at + m.len()) as u32));
                }
            }
            let mut starts: Vec<u32> = (1..6).map(|i| i * 3).collect();
            starts.retain(|&s| !inside.iter().any(|&(a, b)| a < s && s < b));
            starts
        };
        let mut starts: Vec<u32> = (1..6).map(|i| i * 3).collect();
        v.join(text, &mut starts);
        assert_eq!(starts, expected(&["甲乙甲", "乙甲乙"]));
        // 甲乙甲 at 0 only (not again at 6, overlapping it), 乙甲乙 at 3.
        assert_eq!(starts, [12, 15]);
    }

    #[test]
    fn jieba_cuts_that_split_glossary_words_are_mended() {
        let segmenter = crate::search::words::Segmenter::load();
        let v = Vocabulary::new(&[]);
        for (text, word) in [("挣值分析实践", "挣值"), ("干系人沟通计划", "干系人")]
        {
            let mut starts = segmenter.starts(text);
            v.join(text, &mut starts);
            let end = word.len() as u32;
            assert!(
                starts.iter().all(|&s| s >= end),
                "{text}: a cut inside {word}: {starts:?}"
            );
        }
    }
}
