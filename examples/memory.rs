//! Where a site build's memory goes, stage by stage: the model once loaded (and how
//! much of it is page bodies), then the peak above it while the website renders, and
//! while the search index is made. A counting allocator sees every allocation (the
//! binary's jemalloc hides them from heaptrack), so the figures are live bytes, not
//! the resident memory `/usr/bin/time` reports.
//!
//! `cargo run --release --example memory -- SITE_ROOT`

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use folio::commands::site::{Select, load_selected};
use folio::diagnostic::Diagnostics;
use folio::output::Discard;
use folio::render;

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed on to the system allocator unchanged; only counters
// are kept beside it.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(live, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let live = LIVE.fetch_add(new_size, Ordering::Relaxed) + new_size;
        PEAK.fetch_max(live, Ordering::Relaxed);
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn mib(bytes: usize) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

/// The peak since the last call, above `base`.
fn peak_above(base: usize) -> String {
    let peak = PEAK.swap(LIVE.load(Ordering::Relaxed), Ordering::Relaxed);
    mib(peak.saturating_sub(base))
}

fn main() {
    let root = std::env::args().nth(1).expect("usage: memory SITE_ROOT");
    let diagnostics = Diagnostics::new();
    let select = Select::default();
    let mut loaded = load_selected(root.as_ref(), &select, &diagnostics).expect("site loads");
    let model = LIVE.load(Ordering::Relaxed);
    let pages = loaded.site.pages.len();
    println!(
        "model: {} for {pages} pages ({:.1} KB a page); peak while loading {}",
        mib(model),
        model as f64 / pages as f64 / 1000.0,
        peak_above(0)
    );
    let sink = Discard::default();
    let pdf_files = Default::default();
    render::html::render(
        &loaded.site,
        &loaded.messages,
        &loaded.theme,
        &loaded.assets,
        &pdf_files,
        &diagnostics,
        &sink,
        render::html::Scope::Site,
    );
    println!("website: peak {} above the model", peak_above(model));
    render::search::index(&loaded.site, &loaded.messages, &sink);
    println!("search index: peak {} above the model", peak_above(model));
    let mut census = Census::default();
    for page in &loaded.site.pages {
        census.blocks(&page.blocks);
    }
    println!(
        "bodies hold {} blocks ({} bytes each), {} inlines ({} bytes each), {} texts of {} bytes in {} bytes allocated, {} vec slots for {} used",
        census.blocks,
        std::mem::size_of::<folio::model::Block>(),
        census.inlines,
        std::mem::size_of::<folio::model::Inline>(),
        census.texts,
        census.text_len,
        census.text_cap,
        census.vec_cap,
        census.vec_len
    );
    let before = LIVE.load(Ordering::Relaxed);
    for page in &mut loaded.site.pages {
        page.blocks = Vec::new();
        page.footnotes = Vec::new();
    }
    let bodies = before - LIVE.load(Ordering::Relaxed);
    println!(
        "of the model, page bodies: {} ({:.1} KB a page)",
        mib(bodies),
        bodies as f64 / pages as f64 / 1000.0
    );
}

/// What page bodies are made of: nodes, texts, and the lists' used and unused slots.
#[derive(Default)]
struct Census {
    blocks: usize,
    inlines: usize,
    texts: usize,
    text_len: usize,
    text_cap: usize,
    vec_len: usize,
    vec_cap: usize,
}

impl Census {
    fn blocks(&mut self, blocks: &Vec<folio::model::Block>) {
        use folio::model::Block;
        self.vec_len += blocks.len();
        self.vec_cap += blocks.capacity();
        for block in blocks {
            self.blocks += 1;
            match block {
                Block::Heading { content, id, .. } => {
                    self.text(id.len(), id.len());
                    self.inlines(content)
                }
                Block::Paragraph(content) => self.inlines(content),
                Block::List { items, .. } => {
                    for item in items {
                        self.blocks(&item.blocks)
                    }
                }
                Block::Quote { blocks, .. } => self.blocks(blocks),
                Block::Code { code, .. } => self.text(code.len(), code.len()),
                _ => {}
            }
        }
    }

    /// A text of `len` bytes and `heap` bytes allocated for it (none for a short
    /// `CompactString`, which holds its text inline).
    fn text(&mut self, len: usize, heap: usize) {
        self.texts += 1;
        self.text_len += len;
        self.text_cap += heap;
    }

    fn inlines(&mut self, inlines: &Vec<folio::model::Inline>) {
        use folio::model::Inline;
        self.vec_len += inlines.len();
        self.vec_cap += inlines.capacity();
        for inline in inlines {
            self.inlines += 1;
            match inline {
                Inline::Text(t) | Inline::Code(t) => {
                    let heap = if t.is_heap_allocated() {
                        t.capacity()
                    } else {
                        0
                    };
                    self.text(t.len(), heap)
                }
                Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => {
                    self.inlines(c)
                }
                Inline::Link(link) => self.inlines(&link.content),
                _ => {}
            }
        }
    }
}
