//! The "Markdown floor" of issue 7: the least work any static site generator must do.
//!
//! It walks `SRC_DIR/content` recursively, reads every `.md` file, strips a leading
//! `+++ … +++` TOML front-matter block, renders the Markdown to HTML with
//! pulldown-cmark (tables, footnotes, strikethrough and task lists on), wraps it in a
//! minimal HTML document and writes it to `OUT_DIR` at the same relative path, one
//! folder per page (`en/s01/p00001.md` → `en/s01/p00001/index.html`), all pages in
//! parallel with rayon. No templates, no navigation, no link checks, no highlighting,
//! no PDF: it is the lower bound that `bench/run.sh` compares Folio's `build --no-pdf`
//! against ("at most 2.5x the floor").
//!
//! ```sh
//! cargo run --release --example floor -- SRC_DIR OUT_DIR
//! ```

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;
use std::{env, fs, io};

use pulldown_cmark::{Options, Parser, html};
use rayon::prelude::*;
use walkdir::WalkDir;

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let [src, out] = args.as_slice() else {
        eprintln!("usage: floor SRC_DIR OUT_DIR");
        return ExitCode::from(2);
    };
    let start = Instant::now();
    match run(Path::new(src), Path::new(out)) {
        Ok(pages) => {
            let elapsed = start.elapsed().as_secs_f64();
            println!("floor: {pages} pages in {elapsed:.3} s");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("floor: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Renders every page under `src/content` into `out`; returns the number of pages.
fn run(src: &Path, out: &Path) -> io::Result<usize> {
    let content = src.join("content");
    let mut pages: Vec<PathBuf> = Vec::new();
    for entry in WalkDir::new(&content) {
        let entry = entry.map_err(io::Error::other)?;
        let path = entry.path();
        if entry.file_type().is_file() && path.extension().is_some_and(|ext| ext == "md") {
            pages.push(
                path.strip_prefix(&content)
                    .map_err(io::Error::other)?
                    .to_path_buf(),
            );
        }
    }
    pages
        .par_iter()
        .try_for_each(|relative| render_page(&content.join(relative), &out.join(relative)))?;
    Ok(pages.len())
}

/// Reads one Markdown file and writes `<target without .md>/index.html`.
fn render_page(source: &Path, target: &Path) -> io::Result<()> {
    let text = fs::read_to_string(source)?;
    let body = strip_front_matter(&text);
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_FOOTNOTES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_TASKLISTS);
    let mut page = String::with_capacity(body.len() * 3 / 2 + 64);
    page.push_str("<!doctype html><html><body>");
    html::push_html(&mut page, Parser::new_ext(body, options));
    page.push_str("</body></html>\n");
    let folder = target.with_extension("");
    fs::create_dir_all(&folder)?;
    fs::write(folder.join("index.html"), page)
}

/// The text after a leading `+++` … `+++` block, or the whole text when there is none.
fn strip_front_matter(text: &str) -> &str {
    let Some(rest) = text
        .strip_prefix("+++\n")
        .or_else(|| text.strip_prefix("+++\r\n"))
    else {
        return text;
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        offset += line.len();
        if line.trim_end() == "+++" {
            return &rest[offset..];
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::strip_front_matter;

    #[test]
    fn strips_toml_front_matter() {
        assert_eq!(
            strip_front_matter("+++\ntitle = \"a\"\n+++\n\n# A\n"),
            "\n# A\n"
        );
        assert_eq!(strip_front_matter("# A\n"), "# A\n");
        assert_eq!(strip_front_matter("+++\nunclosed\n"), "+++\nunclosed\n");
    }
}
