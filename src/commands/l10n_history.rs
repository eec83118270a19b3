//! What git knows of source pages since their translations were synced, asked in a
//! few batched git runs (one log and one diff per recorded commit, one `cat-file`
//! for every old text) rather than per page: `l10n status` stays fast on a site of
//! thousands of outdated pages. Outside a git checkout, or for a commit git does
//! not have, nothing is known and the status falls back to counts. Paths are the
//! site's (`--relative`, `commit:./path`): the site may be a folder of its repository.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

/// `(recorded commit, source file)`.
type Key = (String, String);

#[derive(Default)]
pub struct History {
    /// Files whose every commit since the recorded one says `l10n: trivial`, with no
    /// other change in the work tree.
    trivial: BTreeSet<Key>,
    /// `git diff --stat`'s summary line since the recorded commit.
    stats: HashMap<Key, String>,
}

impl History {
    /// Asks git about these `(commit, file)` pairs.
    pub fn gather(root: &Path, dir: &str, wanted: &BTreeSet<Key>) -> History {
        let mut history = History::default();
        let commits: BTreeSet<&str> = wanted.iter().map(|(c, _)| c.as_str()).collect();
        if commits.is_empty() {
            return history;
        }
        let Some(dirty) = git(
            root,
            &["diff", "--name-only", "--relative", "HEAD", "--", dir],
        ) else {
            return history;
        };
        let dirty: BTreeSet<&str> = dirty.lines().collect();
        for commit in commits {
            let range = format!("{commit}..HEAD");
            if let Some(log) = git(
                root,
                &[
                    "log",
                    "--format=%x00%B%x01",
                    "--name-only",
                    "--relative",
                    &range,
                    "--",
                    dir,
                ],
            ) {
                let mut all_trivial: BTreeMap<&str, bool> = BTreeMap::new();
                for entry in log.split('\0').filter(|e| !e.is_empty()) {
                    let (message, files) = entry.split_once('\x01').unwrap_or((entry, ""));
                    let trivial = message.contains("l10n: trivial");
                    for file in files.lines().filter(|l| !l.is_empty()) {
                        *all_trivial.entry(file).or_insert(true) &= trivial;
                    }
                }
                for (file, trivial) in all_trivial {
                    let key = (commit.to_string(), file.to_string());
                    if trivial && !dirty.contains(file) && wanted.contains(&key) {
                        history.trivial.insert(key);
                    }
                }
            }
            if let Some(numstat) = git(
                root,
                &["diff", "--numstat", "--relative", commit, "--", dir],
            ) {
                for line in numstat.lines() {
                    let mut fields = line.splitn(3, '\t');
                    let (Some(added), Some(deleted), Some(file)) =
                        (fields.next(), fields.next(), fields.next())
                    else {
                        continue;
                    };
                    let key = (commit.to_string(), file.to_string());
                    if wanted.contains(&key) {
                        let count = |n: &str| n.parse::<usize>().unwrap_or(0);
                        history
                            .stats
                            .insert(key, stat_line(count(added), count(deleted)));
                    }
                }
            }
        }
        history
    }

    pub fn is_trivial(&self, commit: &str, file: &str) -> bool {
        self.trivial
            .contains(&(commit.to_string(), file.to_string()))
    }

    pub fn stat(&self, commit: &str, file: &str) -> Option<&str> {
        self.stats
            .get(&(commit.to_string(), file.to_string()))
            .map(String::as_str)
    }
}

/// The summary line `git diff --stat` ends with, for one file.
fn stat_line(added: usize, deleted: usize) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut line = "1 file changed".to_string();
    if added > 0 || deleted == 0 {
        line += &format!(", {}", plural(added, "insertion(+)", "insertions(+)"));
    }
    if deleted > 0 || added == 0 {
        line += &format!(", {}", plural(deleted, "deletion(-)", "deletions(-)"));
    }
    line
}

/// The text of each `(commit, file)` git has, read by one `git cat-file --batch`.
pub fn old_texts(root: &Path, wanted: &BTreeSet<Key>) -> HashMap<Key, String> {
    let mut out = HashMap::new();
    if wanted.is_empty() {
        return out;
    }
    let Ok(mut child) = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
    else {
        return out;
    };
    let input: String = wanted
        .iter()
        .map(|(commit, file)| format!("{commit}:./{file}\n"))
        .collect();
    // Written from a thread: git answers as it reads, and both pipes would fill up.
    let stdin = child.stdin.take();
    let writer = std::thread::spawn(move || {
        if let Some(mut stdin) = stdin {
            let _ = stdin.write_all(input.as_bytes());
        }
    });
    let Ok(output) = child.wait_with_output() else {
        return out;
    };
    let _ = writer.join();
    let bytes = output.stdout;
    let mut at = 0;
    for key in wanted {
        let Some(end) = bytes[at..].iter().position(|&b| b == b'\n') else {
            break;
        };
        let header = String::from_utf8_lossy(&bytes[at..at + end]).into_owned();
        at += end + 1;
        let mut fields = header.split(' ');
        let (Some(_), Some(kind), Some(size)) = (fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        let Ok(size) = size.parse::<usize>() else {
            continue;
        };
        let Some(content) = bytes.get(at..at + size) else {
            break;
        };
        if kind == "blob" {
            out.insert(key.clone(), String::from_utf8_lossy(content).into_owned());
        }
        at += size + 1;
    }
    out
}

/// A git command's standard output, when it succeeds.
pub fn git(root: &Path, args: &[&str]) -> Option<String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .stderr(Stdio::null())
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stat_lines_read_like_git() {
        assert_eq!(stat_line(3, 0), "1 file changed, 3 insertions(+)");
        assert_eq!(
            stat_line(1, 1),
            "1 file changed, 1 insertion(+), 1 deletion(-)"
        );
        assert_eq!(stat_line(0, 2), "1 file changed, 2 deletions(-)");
    }
}
