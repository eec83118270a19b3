//! Search: a Pagefind index of the rendered pages, per language (Pagefind reads each
//! page's `<html lang>`), served as static files with its UI. Fallback pages are left
//! out: they would answer a search in one language with another's text.

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use crate::output::Output;

/// The index files for `pages` (output path, HTML), under `pagefind/`.
pub fn index(pages: Vec<(String, String)>) -> Result<Output, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async move {
        let config = PagefindServiceConfig::builder()
            .keep_index_url(true)
            .build();
        let mut index = PagefindIndex::new(Some(config)).map_err(|e| e.to_string())?;
        for (path, html) in pages {
            index
                .add_html_file(Some(path.clone()), Some(format!("/{path}")), html)
                .await
                .map_err(|e| format!("{path}: {e}"))?;
        }
        let files = index.get_files().await.map_err(|e| e.to_string())?;
        let mut output = Output::default();
        for file in files {
            let path = file.filename.to_string_lossy().replace('\\', "/");
            let path = path.trim_start_matches("./").trim_start_matches('/');
            let path = if path.starts_with("pagefind/") {
                path.to_string()
            } else {
                format!("pagefind/{path}")
            };
            output.insert(path, file.contents);
        }
        Ok(output)
    })
}
