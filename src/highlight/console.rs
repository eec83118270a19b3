//! Terminal transcripts (```` ```console ````): which lines are commands, after which
//! prompt, in which shell, and which are output. Only commands are highlighted; the
//! output is what a program printed and has no syntax to show.

/// The shell a command line is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shell {
    Posix,
    PowerShell,
}

#[derive(Debug, PartialEq)]
pub enum Line<'a> {
    Command {
        /// Empty on a line that continues the previous command.
        prompt: &'a str,
        command: &'a str,
        shell: Shell,
    },
    Output(&'a str),
}

/// Reads a transcript line by line: a command ending in a line continuation (`\`, or a
/// backtick in PowerShell) goes on on the next line, prompt or not.
#[derive(Default)]
pub struct Session {
    continued: Option<Shell>,
}

impl Session {
    pub fn line<'a>(&mut self, line: &'a str) -> Line<'a> {
        let parsed = match (self.continued, prompt(line)) {
            (_, Some((prompt, shell))) => Line::Command {
                prompt: &line[..prompt],
                command: &line[prompt..],
                shell: self.continued.unwrap_or(shell),
            },
            (Some(shell), None) => Line::Command {
                prompt: "",
                command: line,
                shell,
            },
            (None, None) => Line::Output(line),
        };
        self.continued = match parsed {
            Line::Command { command, shell, .. } => {
                let end = match shell {
                    Shell::Posix => '\\',
                    Shell::PowerShell => '`',
                };
                command
                    .trim_end_matches(['\n', '\r'])
                    .ends_with(end)
                    .then_some(shell)
            }
            Line::Output(_) => None,
        };
        parsed
    }
}

/// The length of the prompt that starts `line`, and its shell: `$ `, `# ` (root),
/// `> ` (a continuation), `user@host:~$ `, `PS> `, `PS C:\dir> `.
fn prompt(line: &str) -> Option<(usize, Shell)> {
    let bare = line.trim_end_matches(['\n', '\r']);
    if ["$", "#", "PS>"].contains(&bare) {
        return Some((bare.len(), shell_of(bare)));
    }
    for start in ["$ ", "# ", "> ", "PS> "] {
        if line.starts_with(start) {
            return Some((start.len(), shell_of(start)));
        }
    }
    if let Some(rest) = line.strip_prefix("PS ") {
        let end = rest.find("> ")?;
        return (!rest[..end].contains(['\n', '>'])).then_some((3 + end + 2, Shell::PowerShell));
    }
    // `user@host:~/dir$ make`: a word with an `@` that ends in the prompt sign.
    let word = line.split_whitespace().next()?;
    let sign = word.ends_with('$') || word.ends_with('#');
    (sign && word.contains('@') && line[word.len()..].starts_with(' '))
        .then_some((word.len() + 1, Shell::Posix))
}

fn shell_of(prompt: &str) -> Shell {
    if prompt.starts_with("PS") {
        Shell::PowerShell
    } else {
        Shell::Posix
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Line<'_>> {
        let mut session = Session::default();
        text.split_inclusive('\n')
            .map(|l| session.line(l))
            .collect()
    }

    fn command<'a>(prompt: &'a str, command: &'a str, shell: Shell) -> Line<'a> {
        Line::Command {
            prompt,
            command,
            shell,
        }
    }

    #[test]
    fn prompts_commands_and_output() {
        assert_eq!(
            lines(
                "$ ls -l\ntotal 0\n# apt-get update\n> echo hi\nPS> Get-Item .\nPS C:\\Users\\me> dir\n"
            ),
            [
                command("$ ", "ls -l\n", Shell::Posix),
                Line::Output("total 0\n"),
                command("# ", "apt-get update\n", Shell::Posix),
                command("> ", "echo hi\n", Shell::Posix),
                command("PS> ", "Get-Item .\n", Shell::PowerShell),
                command("PS C:\\Users\\me> ", "dir\n", Shell::PowerShell),
            ]
        );
    }

    #[test]
    fn continuations_and_user_host_prompts() {
        assert_eq!(
            lines("me@box:~/src$ cargo build \\\n    --release\nFinished\n$\n"),
            [
                command("me@box:~/src$ ", "cargo build \\\n", Shell::Posix),
                command("", "    --release\n", Shell::Posix),
                Line::Output("Finished\n"),
                command("$", "\n", Shell::Posix),
            ]
        );
        assert_eq!(
            lines("PS> Get-Item `\n  -Force\n"),
            [
                command("PS> ", "Get-Item `\n", Shell::PowerShell),
                command("", "  -Force\n", Shell::PowerShell),
            ]
        );
    }

    #[test]
    fn output_that_looks_like_nothing_is_output() {
        assert_eq!(
            lines("$5 dollars\nPS C:\\\nuser@host\n"),
            [
                Line::Output("$5 dollars\n"),
                Line::Output("PS C:\\\n"),
                Line::Output("user@host\n"),
            ]
        );
    }
}
