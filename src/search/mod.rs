//! Site search: the tokenizer shared with the browser client, and the index the build
//! writes under `search/` (format: docs/search-format.md).

pub mod documents;
pub mod encode;
pub mod fields;
pub mod glossary;
pub mod index;
pub mod places;
pub mod postings;
pub mod prose_dates;
pub mod ranked;
pub mod reach;
pub mod shards;
pub mod synonyms;
pub mod term_files;
pub mod titles;
pub mod tokenize;
pub mod typos;
pub mod variants;
pub mod words;
