//! The `folio` binary: parse the command line, run the command, map to an exit code
//! (0 success, 1 diagnostics with errors, 2 usage).

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use folio::cli::{
    Cli, Command, ExchangeFormatArg, FormatArg, ImportCommand, L10nCommand, OnlyArg, TreesCommand,
};
use folio::commands::build::{self, BuildOptions};
use folio::commands::l10n::{self, Format, StatusOptions};
use folio::commands::l10n_exchange::{self, ExchangeFormat, ExportOptions, Only};
use folio::commands::trees::{self, GraphOptions, PathsOptions};
use folio::diagnostic::Diagnostics;
use folio::diagnostic::{self, Diagnostic, Severity};

/// Rendering allocates many short strings on every thread; glibc's allocator spent a
/// tenth of a large build in locking and trimming its arenas (perf). jemalloc, against
/// mimalloc on 1,000 pages x 3: the site in 0.78 s instead of 0.82 s at a peak of
/// 190 MiB instead of 264, with the PDFs in 4.70 s instead of 4.98 s at 661 MiB
/// instead of 816 (`bench/ab.sh`). Memory is time here: the kernel zeroes every page
/// a process touches first, and after another program freed a lot of memory that
/// cost about 2 ms per MiB on this kind of machine.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's settings, read when it starts. One arena: the pool's threads free what
/// the others allocated, and a single arena has that memory at hand for all of them.
/// No decay: a build frees memory that it soon asks for again, and jemalloc's gradual
/// return of it to the system had the kernel zero those pages anew when they came
/// back (a third of a 1,000 × 3 site build's page faults). The website and search
/// stage sets its own (`commands::allocator`); `serve`, which lives on between
/// builds, hands freed memory back after each.
#[unsafe(export_name = "_rjem_malloc_conf")]
static MALLOC_CONF: &[u8; 28] = b"narenas:1,dirty_decay_ms:-1\0";

/// Standard output that a closed pipe does not break: `folio l10n status | head`
/// stops reading early, and `print!` would panic on the broken pipe. What the
/// reader did not want is dropped; the exit code still says how the command went.
macro_rules! out {
    ($($arg:tt)*) => {
        emit(&format!($($arg)*))
    };
}

macro_rules! outln {
    ($($arg:tt)*) => {
        emit(&format!("{}\n", format_args!($($arg)*)))
    };
}

fn emit(text: &str) {
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("error: cannot write to standard output: {e}");
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check {
            root,
            external,
            strict,
        } => {
            let diagnostics = folio::commands::check::run(&folio::commands::check::CheckOptions {
                root,
                external,
                strict,
            });
            print_diagnostics(&diagnostics);
            let notes_only = diagnostics.iter().all(|d| d.severity == Severity::Note);
            if notes_only {
                if !cli.quiet && diagnostics.is_empty() {
                    eprintln!("no problem found");
                } else if !cli.quiet {
                    eprintln!("no problem found; the notes above name what Folio cannot verify");
                }
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Command::Serve {
            root,
            port,
            bind,
            no_drafts,
            translator,
            pseudo,
        } => {
            match folio::commands::serve::run(&folio::commands::serve::ServeOptions {
                root,
                bind,
                port,
                drafts: !no_drafts,
                translator,
                pseudo,
            }) {
                Ok(()) => ExitCode::SUCCESS,
                Err(message) => {
                    eprintln!("error: {message}");
                    ExitCode::from(1)
                }
            }
        }
        Command::Init { dir } => {
            let diagnostics = Diagnostics::new();
            let written = folio::commands::init::run(&dir, &diagnostics);
            let diagnostics = diagnostics.into_sorted();
            print_diagnostics(&diagnostics);
            if !written.is_empty() && !cli.quiet {
                for file in &written {
                    outln!("created {}", dir.join(file).display());
                }
                outln!("next: folio build --root {}", dir.display());
            }
            exit_code(&diagnostics, false)
        }
        Command::Import(ImportCommand::Mdbook(args)) => {
            let report = folio::commands::import::mdbook(&args.into());
            print_diagnostics(&report.diagnostics);
            if !cli.quiet {
                out!("{}", report.output);
            }
            exit_code(&report.diagnostics, false)
        }
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(
                shell,
                &mut <Cli as clap::CommandFactory>::command(),
                "folio",
                &mut script,
            );
            out!("{}", String::from_utf8_lossy(&script));
            ExitCode::SUCCESS
        }
        Command::L10n(L10nCommand::Status(args)) => {
            let format = match args.format {
                FormatArg::Text => Format::Text,
                FormatArg::Json => Format::Json,
            };
            let report = l10n::status(&StatusOptions {
                root: args.root,
                locales: args.locales,
                format,
            });
            print_diagnostics(&report.diagnostics);
            out!("{}", report.output);
            let failed = exit_code(&report.diagnostics, false) != ExitCode::SUCCESS;
            if failed || (args.strict && report.incomplete) {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::L10n(L10nCommand::Check(args)) => {
            let report =
                folio::commands::l10n_check::check(&folio::commands::l10n_check::CheckOptions {
                    root: args.root,
                    locales: args.locales,
                    min_complete: args.min_complete,
                    format: match args.format {
                        FormatArg::Text => Format::Text,
                        FormatArg::Json => Format::Json,
                    },
                });
            print_diagnostics(&report.diagnostics);
            out!("{}", report.output);
            if report.failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::L10n(L10nCommand::Sync(args)) if !args.blocks.is_empty() => {
            let [page] = args.pages.as_slice() else {
                eprintln!("error: --block re-stamps blocks of one page: name one page");
                return ExitCode::from(2);
            };
            let diagnostics = Diagnostics::new();
            let done = folio::commands::l10n_sync_block::sync_blocks(
                &args.root,
                page,
                &args.blocks,
                &diagnostics,
            );
            for line in done {
                outln!("{line}");
            }
            let diagnostics = diagnostics.into_sorted();
            print_diagnostics(&diagnostics);
            exit_code(&diagnostics, false)
        }
        Command::L10n(L10nCommand::Sync(args)) => {
            let diagnostics = Diagnostics::new();
            for page in l10n::sync(&args.root, &args.pages, args.trivial, &diagnostics) {
                outln!("synced {page}");
            }
            let diagnostics = diagnostics.into_sorted();
            print_diagnostics(&diagnostics);
            exit_code(&diagnostics, false)
        }
        Command::L10n(L10nCommand::Add(args)) => {
            let diagnostics = Diagnostics::new();
            for created in l10n::add(&args.root, &args.locale, &diagnostics) {
                outln!("created {created}");
            }
            let diagnostics = diagnostics.into_sorted();
            print_diagnostics(&diagnostics);
            exit_code(&diagnostics, false)
        }
        Command::L10n(L10nCommand::Export(args)) => {
            let diagnostics = Diagnostics::new();
            let options = ExportOptions {
                root: args.root,
                locale: args.locale,
                format: match args.format {
                    ExchangeFormatArg::Po => ExchangeFormat::Po,
                    ExchangeFormatArg::Xliff => ExchangeFormat::Xliff,
                },
                only: match args.only {
                    None => Only::All,
                    Some(OnlyArg::Outdated) => Only::Outdated,
                    Some(OnlyArg::Missing) => Only::Missing,
                },
            };
            let exported = l10n_exchange::export(&options, &diagnostics);
            if let Some(text) = exported {
                match &args.out {
                    Some(path) => {
                        if let Err(e) = std::fs::write(path, text) {
                            diagnostics.push(
                                Diagnostic::error(
                                    path.to_string_lossy(),
                                    folio::model::Pos { line: 1, column: 1 },
                                    format!("cannot write it: {e}"),
                                )
                                .with_hint("check the folder and permissions"),
                            );
                        }
                    }
                    None => out!("{text}"),
                }
            }
            let diagnostics = diagnostics.into_sorted();
            print_diagnostics(&diagnostics);
            exit_code(&diagnostics, false)
        }
        Command::L10n(L10nCommand::Import(args)) => {
            let diagnostics = Diagnostics::new();
            let report = l10n_exchange::import(&args.root, &args.file, &diagnostics);
            for (file, units) in &report.written {
                outln!(
                    "wrote {file} ({units} unit{})",
                    if *units == 1 { "" } else { "s" }
                );
            }
            if report.stale > 0 {
                outln!(
                    "{} unit{} not applied: source changed since the export (see above)",
                    report.stale,
                    if report.stale == 1 { "" } else { "s" }
                );
            }
            let diagnostics = diagnostics.into_sorted();
            print_diagnostics(&diagnostics);
            exit_code(&diagnostics, false)
        }
        Command::Trees(TreesCommand::Paths(args)) => {
            let report = trees::paths(&PathsOptions::from(args));
            print_diagnostics(&report.diagnostics);
            out!("{}", report.table);
            exit_code(&report.diagnostics, false)
        }
        Command::Trees(TreesCommand::Graph(args)) => {
            let report = trees::graph(&GraphOptions::from(args));
            print_diagnostics(&report.diagnostics);
            out!("{}", report.table);
            exit_code(&report.diagnostics, false)
        }
        Command::Build(args) => {
            let options = BuildOptions::from(args);
            // A spinner for builds that take a moment; indicatif hides it when stderr is
            // not a terminal.
            let spinner = if cli.quiet {
                indicatif::ProgressBar::hidden()
            } else {
                indicatif::ProgressBar::new_spinner()
            };
            spinner.enable_steady_tick(std::time::Duration::from_millis(120));
            let report = build::run(&options, &|stage| spinner.set_message(stage));
            spinner.finish_and_clear();
            print_diagnostics(&report.diagnostics);
            let mut stderr = std::io::stderr().lock();
            if cli.verbose {
                for (stage, took) in &report.stages {
                    let _ = writeln!(
                        stderr,
                        "  {stage:<18} {:>8.1} ms",
                        took.as_secs_f64() * 1000.0
                    );
                }
                if let Some(peak) = peak_memory_mib() {
                    let _ = writeln!(stderr, "  {:<18} {peak:>8} MiB", "peak memory");
                }
            }
            if let Some(out) = &report.written
                && !cli.quiet
            {
                let _ = writeln!(
                    stderr,
                    "built {} pages ({} files) in {:.2} s into {}",
                    report.pages,
                    report.files,
                    report.elapsed.as_secs_f64(),
                    out.display()
                );
            }
            exit_code(&report.diagnostics, options.strict)
        }
    }
}

fn print_diagnostics(diagnostics: &[Diagnostic]) {
    let color = diagnostic::stderr_wants_color();
    let _ = std::io::stderr().write_all(diagnostic::render(diagnostics, color).as_bytes());
}

/// 1 when anything is an error (or, under `--strict`, anything at all).
fn exit_code(diagnostics: &[Diagnostic], strict: bool) -> ExitCode {
    let failed = diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error || strict);
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The process's peak resident memory, where the system tells it (Linux).
fn peak_memory_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}
