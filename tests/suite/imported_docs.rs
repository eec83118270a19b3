//! Pages from Hugo and Docusaurus, copied in unchanged: their front matter keys are
//! understood (draft, aliases, weight and sidebar_position, linkTitle and sidebar_label,
//! slug, id) or read past with one warning per key and site; admonitions are callouts;
//! what Folio cannot carry (shortcodes, MDX, JSX) is said with its place.

use std::path::Path;

use crate::common::{self, folio, site};

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Builds `root` without PDFs; returns the output folder and what was printed.
fn build_quiet(root: &Path, extra: &[&str]) -> (std::path::PathBuf, String) {
    let out = root.join("public");
    let assert = folio()
        .args(["build", "-q", "--no-pdf", "--root"])
        .arg(root)
        .args(extra)
        .assert()
        .success();
    (out, common::stderr(&assert))
}

fn docusaurus_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::copy_tree(&common::fixtures().join("docusaurus-site"), dir.path());
    dir
}

#[test]
fn hugo_drafts_are_left_out_and_linked_as_text() {
    let dir = site("hugo-site");
    let (out, _) = build_quiet(dir.path(), &[]);
    assert!(out.join("fr/docs/installation/index.html").is_file());
    assert!(
        !out.join("fr/docs/brouillon").exists(),
        "a draft is not built"
    );
    assert!(
        !out.join("en/docs/brouillon").exists(),
        "nor shown in another locale"
    );
    let page = read(&out.join("fr/docs/installation/index.html"));
    assert!(page.contains("<p>Ensuite, voir le brouillon et <a href="));
    assert!(!read(&out.join("sitemap.xml")).contains("brouillon"));
    let search: String = common::files_below(&out.join("search"))
        .iter()
        .map(|f| read(&out.join("search").join(f)))
        .collect();
    assert!(
        !search.contains("Brouillon") && !search.contains("prêt"),
        "a draft is not in the search index"
    );
}

#[test]
fn hugo_drafts_are_built_with_the_drafts_flag() {
    let dir = site("hugo-site");
    let (out, stderr) = build_quiet(dir.path(), &["--drafts"]);
    assert!(out.join("fr/docs/brouillon/index.html").is_file());
    assert!(!stderr.contains("a draft"), "{stderr}");
    let page = read(&out.join("fr/docs/installation/index.html"));
    assert!(page.contains("<a href=\"../brouillon/index.html\">brouillon</a>"));
}

#[test]
fn a_draft_is_not_in_the_pdf() {
    let dir = site("hugo-site");
    let diagnostics = folio::diagnostic::Diagnostics::new();
    let loaded = folio::commands::site::load(dir.path(), &[], &diagnostics).expect("loads");
    let titles: Vec<&str> = loaded
        .site
        .pages_of("fr")
        .map(|p| p.front.title.as_str())
        .collect();
    assert!(titles.contains(&"Configurer"), "{titles:?}");
    assert!(!titles.contains(&"Brouillon"), "{titles:?}");
    let style = folio::parse::pdf_style::parse(loaded.theme.pdf_style.as_ref(), &diagnostics);
    let document = folio::render::pdf::layout_document(
        &loaded.site,
        &loaded.messages,
        "fr",
        &style,
        &folio::render::pdf::Pictures::new(&loaded.assets),
        &folio::render::pdf::text::Shaper::default(),
    );
    let dump = document.dump();
    assert!(dump.contains("Configurer") && !dump.contains("Brouillon"));
}

#[test]
fn hugo_aliases_are_redirect_pages() {
    let dir = site("hugo-site");
    let (out, _) = build_quiet(dir.path(), &[]);
    let redirect = read(&out.join("fr/ancien/installer/index.html"));
    assert!(
        redirect.contains(
            "<meta http-equiv=\"refresh\" content=\"0; url=../../docs/installation/index.html\">"
        ),
        "{redirect}"
    );
    assert!(redirect.contains(
        "<link rel=\"canonical\" href=\"https://docs.example.test/fr/docs/installation/\">"
    ));
    assert!(redirect.contains("<a href=\"../../docs/installation/index.html\">"));
    assert!(!redirect.contains("<script"));
    // Beside the page, and a section's alias.
    assert!(read(&out.join("fr/docs/install.html")).contains("url=installation/index.html"));
    assert!(read(&out.join("fr/documentation/index.html")).contains("url=../docs/index.html"));
    assert!(!out.join("en/ancien").exists(), "fallbacks have no aliases");
}

#[test]
fn hugo_weight_orders_and_link_title_names_the_navigation() {
    let dir = site("hugo-site");
    let (out, _) = build_quiet(dir.path(), &[]);
    let page = read(&out.join("fr/docs/configurer/index.html"));
    let install = page
        .find(">Installer</a>")
        .expect("linkTitle in the navigation");
    let configure = page.find(">Configurer</a>").unwrap();
    assert!(install < configure, "weight 1 comes before weight 2");
    let own = read(&out.join("fr/docs/installation/index.html"));
    assert!(
        own.contains("<title>Installer l’outil pas à pas"),
        "the title stays the page's"
    );
    // Hugo's links are read from the page's URL, one folder below its file.
    assert!(own.contains("<a href=\"../configurer/index.html\">la page de réglages</a>"));
}

#[test]
fn hugo_diagnostics() {
    let dir = site("hugo-site");
    let (_, stderr) = build_quiet(dir.path(), &[]);
    // One warning per key for the whole site, however many pages use it.
    assert_eq!(stderr.matches("key `tags`").count(), 1, "{stderr}");
    insta::assert_snapshot!(stderr);
}

#[test]
fn a_misspelt_key_is_still_an_error_among_hugo_keys() {
    let dir = site("hugo-site");
    let page = dir.path().join("content/fr/docs/configurer.md");
    let text = read(&page).replace("description:", "descripton:");
    std::fs::write(&page, text).unwrap();
    let assert = folio()
        .args(["build", "-q", "--no-pdf", "--root"])
        .arg(dir.path())
        .assert()
        .code(1);
    let stderr = common::stderr(&assert);
    assert!(
        stderr.contains(
            "content/fr/docs/configurer.md:3:1: error: unknown field `descripton`\n  hint: did you mean `description`?"
        ),
        "{stderr}"
    );
}

#[test]
fn an_alias_that_takes_a_page_s_place_is_an_error() {
    let dir = site("hugo-site");
    let page = dir.path().join("content/fr/docs/configurer.md");
    let text = read(&page).replace("draft: false", "aliases: [\"/guide/\", \"../../../x/\"]");
    std::fs::write(&page, text).unwrap();
    let assert = folio()
        .args(["build", "-q", "--no-pdf", "--root"])
        .arg(dir.path())
        .assert()
        .code(1);
    let stderr = common::stderr(&assert);
    assert!(
        stderr.contains("content/fr/docs/configurer.md:8:1: error: alias publishes /fr/guide/index.html, which is page content/fr/guide.md's"),
        "{stderr}"
    );
    assert!(
        stderr.contains("alias `../../../x/` is not a path of content/fr/"),
        "{stderr}"
    );
}

#[test]
fn docusaurus_slugs_ids_and_positions() {
    let dir = docusaurus_site();
    let (out, _) = build_quiet(dir.path(), &[]);
    // `slug: /` is the locale's home; an absolute slug starts at the locale's root; an
    // `id` names the page in its folder.
    assert!(read(&out.join("en/index.html")).contains("<title>Welcome"));
    assert!(out.join("en/reference/api/index.html").is_file());
    assert!(out.join("en/guides/config/index.html").is_file());
    assert!(!out.join("en/guides/draft").exists());
    assert!(
        !out.join("en/guides/_category_.json").exists(),
        "not published"
    );
    let page = read(&out.join("en/guides/installation/index.html"));
    let config = page.find(">Configuration</a>").unwrap();
    let install = page.find(">Install</a>").expect("sidebar_label");
    assert!(config < install, "sidebar_position orders the pages");
}

#[test]
fn docusaurus_admonitions_are_callouts() {
    let dir = docusaurus_site();
    let (out, _) = build_quiet(dir.path(), &[]);
    let page = read(&out.join("en/guides/installation/index.html"));
    for expected in [
        "<aside class=\"callout callout-tip\" role=\"note\">\n<p class=\"callout-title\">Before you start</p>",
        "<aside class=\"callout callout-note\" role=\"note\">\n<p class=\"callout-title\">Note en</p>\n<p>Info becomes a note.</p>",
        "<aside class=\"callout callout-caution\" role=\"note\">\n<p class=\"callout-title\">Take care</p>",
        "<aside class=\"callout callout-warning\" role=\"note\">\n<p class=\"callout-title\">Warning en</p>\n<p>Outer.</p>\n<aside class=\"callout callout-important\"",
    ] {
        assert!(page.contains(expected), "{expected}\n---\n{page}");
    }
    let config = read(&out.join("en/guides/config/index.html"));
    assert!(
        config.contains(
            "<p class=\"callout-title\">Keep a copy</p>\n<p>Save the old file first.</p>"
        )
    );
    assert!(!config.contains("import Tabs"), "MDX lines are left out");
    assert!(!page.contains(":::") && !config.contains(":::"));
}

#[test]
fn docusaurus_diagnostics() {
    let dir = docusaurus_site();
    let (_, stderr) = build_quiet(dir.path(), &[]);
    insta::assert_snapshot!(stderr);
}
