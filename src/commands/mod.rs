//! Commands: the only code that runs several stages; each file is one subcommand.

pub mod build;
pub mod check;
pub mod fragment;
pub mod init;
pub mod l10n;
pub mod serve;
pub mod site;
pub mod trees;
pub mod update;
