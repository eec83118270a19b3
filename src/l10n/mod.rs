//! Translation tracking: what each locale lacks or has let fall behind, for pages
//! (hashes of the source recorded in each translation) and for Fluent messages
//! (compared with the source locale's files, compare-locales style).

pub mod anchors;
pub mod blocks;
pub mod changed_blocks;
pub mod changed_sections;
pub mod exchange;
pub mod hash;
pub mod messages;
pub mod pages;
pub mod qa;
