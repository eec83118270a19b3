//! The command line, declared with clap and turned once into validated options.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::commands::build::BuildOptions;
use crate::commands::import::ImportOptions;
use crate::commands::trees::{GraphFormat, GraphOptions, PathsOptions};

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
    /// Also print how long each stage took.
    #[arg(short, long, global = true, conflicts_with = "quiet")]
    pub verbose: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (replaced whole, only on success).
    Build(BuildArgs),
    /// Inspect decision trees.
    #[command(subcommand)]
    Trees(TreesCommand),
    /// Translations: status, sync, new locales.
    #[command(subcommand)]
    L10n(L10nCommand),
    /// Report every mistake without writing: a build's diagnostics, unused messages and,
    /// with --external, dead links to other sites.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Also request every external link (concurrently, politely, with a timeout).
        #[arg(long)]
        external: bool,
        /// Fail on warnings too, and on links that cannot be verified (notes).
        #[arg(long)]
        strict: bool,
    },
    /// Build in memory, serve the site, rebuild on changes and reload open pages.
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// 0 picks a free port.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Serve on another address than this machine only (prints a warning).
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Leave out the pages marked `draft`, as `build` does (they are shown by default).
        #[arg(long)]
        no_drafts: bool,
        /// For translators: each changed block of an outdated page shows the source's
        /// text now (with a word diff since the sync) on hover and on focus.
        #[arg(long)]
        translator: bool,
        /// Also serve the pseudo-locale `qps-ploc` (see `build --pseudo`).
        #[arg(long)]
        pseudo: bool,
    },
    /// Bring existing docs in: another tool's book becomes a site, or a locale of one.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Create a new site that builds at once, with comments that teach the format.
    Init {
        /// The new site's folder (created; it must not hold files yet).
        dir: PathBuf,
    },
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions { shell: clap_complete::Shell },
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// An mdBook (book.toml, src/SUMMARY.md): its files copied into content/<locale>/
    /// under their own names, SUMMARY.md as the outline, and a report of what is not
    /// carried.
    Mdbook(MdbookArgs),
}

#[derive(Debug, Args)]
pub struct MdbookArgs {
    /// The book's folder (the one with book.toml).
    #[arg(value_name = "BOOK")]
    pub book: PathBuf,
    /// The site to write: a new one when the folder has no folio.toml, else the book
    /// becomes one more locale of it.
    #[arg(long, value_name = "SITE", default_value = ".")]
    pub into: PathBuf,
    /// The book's locale [default: book.toml's `language`, else en].
    #[arg(long, value_name = "LOCALE")]
    pub locale: Option<String>,
    /// Overwrite files that differ from the book's (otherwise nothing is written).
    #[arg(long)]
    pub force: bool,
}

impl From<MdbookArgs> for ImportOptions {
    fn from(args: MdbookArgs) -> Self {
        ImportOptions {
            book: args.book,
            into: args.into,
            locale: args.locale,
            force: args.force,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum L10nCommand {
    /// What each locale lacks or has let fall behind: pages, UI strings, tree texts.
    Status(StatusArgs),
    /// Record that translations match their current source (writes their [l10n] table).
    Sync(SyncArgs),
    /// Add a locale: folio.toml, Fluent files to translate, an empty content folder.
    Add(AddArgs),
    /// The QA gate: links, code, headings, footnotes, trees and Fluent messages that
    /// translations break, one diagnostic each; exit 1 on any.
    Check(L10nCheckArgs),
    /// Write a locale's units of translation (page blocks, UI strings, tree texts)
    /// to a PO or XLIFF file for a CAT tool.
    Export(ExportArgs),
    /// Write a translated PO or XLIFF file back into the locale's pages and Fluent
    /// files, and record what they were translated from.
    Import(ImportArgs),
}

#[derive(Debug, Args)]
pub struct L10nCheckArgs {
    /// Only this locale (repeat for several).
    #[arg(long = "locale", value_name = "LOCALE")]
    pub locales: Vec<String>,
    /// Fail a locale with fewer than N % of its source blocks current.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=100))]
    pub min_complete: Option<u32>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: FormatArg,
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The locale to translate into, e.g. en.
    pub locale: String,
    #[arg(long, value_enum)]
    pub format: ExchangeFormatArg,
    /// Only units without a translation (`missing`), or those and the ones whose
    /// translation predates a change of the source (`outdated`).
    #[arg(long, value_enum)]
    pub only: Option<OnlyArg>,
    /// Write to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ExchangeFormatArg {
    Po,
    Xliff,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum OnlyArg {
    Outdated,
    Missing,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A PO or XLIFF file written by `folio l10n export` and translated.
    pub file: PathBuf,
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Only this locale (repeat for several).
    #[arg(long = "locale", value_name = "LOCALE")]
    pub locales: Vec<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: FormatArg,
    /// Exit with 1 when anything is not ok.
    #[arg(long)]
    pub strict: bool,
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum FormatArg {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct SyncArgs {
    /// Translated pages, e.g. content/en/escalade.md.
    #[arg(required = true)]
    pub pages: Vec<PathBuf>,
    /// The change asks nothing of translators: re-stamp without flagging (a source
    /// page may be named: all its translations are re-stamped).
    #[arg(long)]
    pub trivial: bool,
    /// Re-stamp only the source block at this line of the source file, as `l10n
    /// status` shows it (repeat for several; one page).
    #[arg(long = "block", value_name = "LINE", conflicts_with = "trivial")]
    pub blocks: Vec<usize>,
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// A BCP 47 language tag, e.g. it or pt-BR.
    pub locale: String,
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum TreesCommand {
    /// Print every path from the start to an outcome, one per line.
    Paths(PathsArgs),
    /// Print the tree's flowchart as SVG, or as DOT or Mermaid to paste elsewhere.
    Graph(GraphArgs),
}

#[derive(Debug, Args)]
pub struct GraphArgs {
    /// The tree's id (its file name in content/decision-trees/).
    pub tree: String,
    /// The texts of this locale [default: the source locale].
    #[arg(long)]
    pub locale: Option<String>,
    #[arg(long, value_enum, default_value = "svg")]
    pub format: GraphFormatArg,
    /// The site's folder (the one with folio.toml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum GraphFormatArg {
    Svg,
    Dot,
    Mermaid,
}

impl From<GraphArgs> for GraphOptions {
    fn from(args: GraphArgs) -> Self {
        GraphOptions {
            root: args.root,
            tree: args.tree,
            locale: args.locale,
            format: match args.format {
                GraphFormatArg::Svg => GraphFormat::Svg,
                GraphFormatArg::Dot => GraphFormat::Dot,
                GraphFormatArg::Mermaid => GraphFormat::Mermaid,
            },
        }
    }
}

#[derive(Debug, Args)]
pub struct PathsArgs {
    /// The tree's id (its file name in content/decision-trees/).
    pub tree: String,
    /// Show this locale's texts instead of node and answer ids.
    #[arg(long)]
    pub locale: Option<String>,
    /// The site's folder (the one with folio.toml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

impl From<PathsArgs> for PathsOptions {
    fn from(args: PathsArgs) -> Self {
        PathsOptions {
            root: args.root,
            tree: args.tree,
            locale: args.locale,
        }
    }
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
    /// Build the website only, without the PDF guides.
    #[arg(long)]
    pub no_pdf: bool,
    /// Also publish the pages marked `draft` (front matter `draft = true`).
    #[arg(long)]
    pub drafts: bool,
    /// Also build the pseudo-locale `qps-ploc` (accented, longer, bracketed text made
    /// from the source locale), to find UI strings that are not translatable.
    #[arg(long)]
    pub pseudo: bool,
}

impl From<BuildArgs> for BuildOptions {
    fn from(args: BuildArgs) -> Self {
        BuildOptions {
            root: args.root,
            out: args.out,
            locales: args.locales,
            strict: args.strict,
            no_pdf: args.no_pdf,
            drafts: args.drafts,
            pseudo: args.pseudo,
        }
    }
}
