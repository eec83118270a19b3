//! Shared by the integration tests: fixture sites and the `folio` binary.

pub mod cdp;
pub mod server;

use std::path::{Path, PathBuf};

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A temporary site: the `base` fixture with the files of `overlay` (a folder of
/// `tests/fixtures/`) copied over it, so each fixture holds only what it breaks.
pub fn site(overlay: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(&fixtures().join("base"), dir.path());
    if overlay != "base" {
        copy_tree(&fixtures().join(overlay), dir.path());
    }
    dir
}

/// Builds the site at `root` quietly (with `extra` flags) into `root/public`, which
/// it returns; the build must succeed.
pub fn build(root: &Path, extra: &[&str]) -> PathBuf {
    let out = root.join("public");
    folio()
        .args(["build", "-q"])
        .args(extra)
        .arg("--root")
        .arg(root)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    out
}

pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("fixture entry");
        let target = to.join(entry.path().strip_prefix(from).expect("below fixture"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("create dir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy fixture file");
        }
    }
}

/// The repository's own site, built once for all the tests into a kept temporary folder.
pub fn built_default_site() -> &'static Path {
    static OUT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    OUT.get_or_init(|| {
        let out = tempfile::tempdir().expect("temp dir").keep().join("public");
        folio()
            .args(["build", "-q", "--root"])
            .arg(repo_root())
            .arg("--out")
            .arg(&out)
            .assert()
            .success();
        out
    })
}

pub fn folio() -> assert_cmd::Command {
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("folio");
    cmd.env("NO_COLOR", "1");
    cmd
}

/// Every file below `dir`, as paths relative to it with `/`, sorted.
pub fn files_below(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    files.sort();
    files
}

/// 40 sections of 3 pages each, in English only.
pub fn many_sections(root: &Path) {
    std::fs::write(
        root.join("folio.toml"),
        "title = \"Big\"\nbase_url = \"https://big.example.test/\"\nsource_locale = \"en\"\nlocales = [\"en\"]\n",
    )
    .unwrap();
    for s in 1..=40 {
        let dir = root.join(format!("content/en/s{s:02}"));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("_index.md"),
            format!("+++\ntitle = \"Section {s}\"\n+++\n\nAbout section {s}.\n"),
        )
        .unwrap();
        for p in 1..=3 {
            std::fs::write(
                dir.join(format!("p{p}.md")),
                format!("+++\ntitle = \"Page {s}.{p}\"\nweight = {p}\n+++\n\nText {s}.{p}.\n"),
            )
            .unwrap();
        }
    }
}

/// A book of 40 chapters with a section each, ordered by a SUMMARY.md with two parts
/// and a draft chapter after chapter 20, in English only.
pub fn long_outline(root: &Path) {
    std::fs::write(
        root.join("folio.toml"),
        "title = \"Book\"\nbase_url = \"https://book.example.test/\"\nsource_locale = \"en\"\nlocales = [\"en\"]\n",
    )
    .unwrap();
    let content = root.join("content/en");
    std::fs::create_dir_all(&content).unwrap();
    let mut summary = String::from("# Summary\n\n# First part\n\n");
    for n in 1..=40 {
        summary.push_str(&format!(
            "- [Chapter {n}](c{n}.md)\n  - [Section {n}.1](c{n}-1.md)\n"
        ));
        if n == 20 {
            summary.push_str("- [Coming soon]()\n\n# Second part\n\n");
        }
        for (file, title) in [
            (format!("c{n}.md"), format!("Chapter {n}")),
            (format!("c{n}-1.md"), format!("Section {n}.1")),
        ] {
            std::fs::write(
                content.join(file),
                format!("+++\ntitle = \"{title}\"\n+++\n\nText.\n"),
            )
            .unwrap();
        }
    }
    std::fs::write(content.join("SUMMARY.md"), summary).unwrap();
}

/// What a finished command printed on standard error.
pub fn stderr(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.get_output().stderr.clone()).expect("UTF-8 on stderr")
}

/// The sidebar as lines: `1 Title` for links, `1 [Title]` for the current page,
/// `# Part`, `2 (Draft)`, the number being the entry's depth.
pub fn sidebar(doc: &scraper::Html) -> Vec<String> {
    let items = scraper::Selector::parse("nav.sidebar li").unwrap();
    doc.select(&items)
        .map(|li| {
            let class = li.value().attr("class").unwrap_or("");
            let text: String = li.text().collect();
            let depth = class
                .split(' ')
                .find_map(|c| c.strip_prefix("nav-level-"))
                .unwrap_or(if class.contains("nav-nested") {
                    "2"
                } else {
                    "1"
                });
            if class.contains("nav-part") {
                return format!("# {text}");
            }
            let inner = li
                .first_child()
                .and_then(scraper::ElementRef::wrap)
                .unwrap();
            match (inner.value().name(), inner.value().attr("aria-current")) {
                ("span", _) => format!("{depth} ({text})"),
                (_, Some(_)) => format!("{depth} [{text}]"),
                _ => format!("{depth} {text}"),
            }
        })
        .collect()
}

/// Builds the site at `root` into `root/public`, which must fail (exit 1); its stderr.
pub fn failed_build(root: &Path) -> String {
    let assert = folio()
        .args(["build", "--root"])
        .arg(root)
        .arg("--out")
        .arg(root.join("public"))
        .assert()
        .code(1);
    stderr(&assert)
}

/// Builds the site at `root` into `root/public`, which must succeed; its stderr.
pub fn built(root: &Path) -> String {
    let assert = folio()
        .args(["build", "--root"])
        .arg(root)
        .arg("--out")
        .arg(root.join("public"))
        .assert()
        .success();
    stderr(&assert)
}

/// The `overlay` fixture with the repository's Japanese fonts in its `fonts/`, where
/// the fixtures' folio.toml names them (relative to the site).
pub fn site_with_japanese_fonts(overlay: &str) -> tempfile::TempDir {
    let dir = site(overlay);
    let fonts = dir.path().join("fonts");
    std::fs::create_dir_all(&fonts).unwrap();
    for weight in ["Regular", "Bold"] {
        let name = format!("NotoSansCJKjp-{weight}-subset.otf");
        std::fs::copy(repo_root().join("fonts").join(&name), fonts.join(&name)).unwrap();
    }
    dir
}

/// Runs folio with `args` on the site at `dir`: stdout, stderr and the exit code.
pub fn run(dir: &Path, args: &[&str]) -> (String, String, i32) {
    let output = folio().args(args).arg("--root").arg(dir).output().unwrap();
    (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
        output.status.code().unwrap_or(-1),
    )
}

/// Writes `text` at `path` below `dir`, making its folders.
pub fn write(dir: &Path, path: &str, text: &str) {
    std::fs::create_dir_all(dir.join(path).parent().unwrap()).unwrap();
    std::fs::write(dir.join(path), text).unwrap();
}

/// Runs git in `dir` as a test user; it must succeed.
pub fn git(dir: &Path, args: &[&str]) {
    let status = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.test"])
        .args(["-c", "commit.gpgsign=false"])
        .args(args)
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
}

/// Commits everything in the repository at `dir`.
pub fn commit(dir: &Path, message: &str) {
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", message]);
}

/// An outdated translation in the site at `root`: `content/fr/<path>` written as
/// `before` with its translation `content/en/<path>`, the translation synced, then the
/// source rewritten as `after`. With `in_git`, the site is a repository whose commit
/// the sync records, so the source's text at the sync is known (word diffs).
pub fn outdated_translation(
    root: &Path,
    path: &str,
    [before, translation, after]: [&str; 3],
    in_git: bool,
) {
    write(root, &format!("content/fr/{path}"), before);
    write(root, &format!("content/en/{path}"), translation);
    if in_git {
        git(root, &["init", "-q"]);
        commit(root, "Source and translation");
    }
    let (out, err, code) = run(root, &["l10n", "sync", &format!("content/en/{path}")]);
    assert_eq!(code, 0, "{out}{err}");
    write(root, &format!("content/fr/{path}"), after);
    if in_git {
        commit(root, "Source changed");
    }
}

/// Runs a PDF tool (poppler's, qpdf) as `name args... file after...`: its standard
/// output; the tool must be installed and must succeed.
pub fn pdf_tool(name: &str, args: &[&str], file: &Path, after: &[&str]) -> String {
    let output = std::process::Command::new(name)
        .args(args)
        .arg(file)
        .args(after)
        .output()
        .unwrap_or_else(|e| panic!("{name} is required (apt-get install poppler-utils qpdf): {e}"));
    assert!(
        output.status.success(),
        "{name} {args:?} failed: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}
