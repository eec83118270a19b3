//! The command line, declared with clap and turned once into validated options.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::commands::build::BuildOptions;

#[derive(Debug, Parser)]
#[command(
    name = "folio",
    version,
    about = "Localized Markdown guides as a static website and a printable PDF."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Print only diagnostics.
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (replaced whole, only on success).
    Build(BuildArgs),
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The site's folder (the one with folio.toml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site [default: ROOT/public].
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Build only this locale (repeat for several).
    #[arg(long = "locale", value_name = "LOCALE")]
    pub locales: Vec<String>,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
}

impl From<BuildArgs> for BuildOptions {
    fn from(args: BuildArgs) -> Self {
        BuildOptions {
            root: args.root,
            out: args.out,
            locales: args.locales,
            strict: args.strict,
        }
    }
}
