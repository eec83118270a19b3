//! Commands: the only code that runs several stages; each file is one subcommand.

mod allocator;
pub mod build;
mod changed;
pub mod check;
pub mod fragment;
pub mod import;
pub mod init;
pub mod l10n;
pub mod l10n_check;
pub mod l10n_exchange;
mod l10n_history;
pub mod l10n_sync_block;
mod outlines;
pub mod serve;
pub mod site;
pub mod system_fonts;
pub mod trees;
pub mod update;
