//! Content files: reading them, their front matter schemas, and the [`page::Page`] model.

pub mod actions;
pub mod active;
pub mod aliases;
pub mod dated;
mod empty_date;
pub mod fields;
pub mod front_matter;
pub mod language;
pub mod load;
mod misplaced;
pub mod page;
pub mod page_file;
pub mod schema;
pub mod terms;
mod title_word;
pub mod unfilled;
