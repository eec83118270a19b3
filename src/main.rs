//! The `folio` binary: parse the command line, run the command, map to an exit code
//! (0 success, 1 diagnostics with errors, 2 usage).

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

use folio::cli::{Cli, Command};
use folio::commands::build::{self, BuildOptions};
use folio::diagnostic;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => {
            let options = BuildOptions::from(args);
            let report = build::run(&options);
            let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let mut stderr = std::io::stderr().lock();
            let _ = stderr.write_all(diagnostic::render(&report.diagnostics, color).as_bytes());
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
            if report.failed(options.strict) {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
    }
}
