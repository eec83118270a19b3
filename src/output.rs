//! Output: the files a build produces, in memory, keyed by path below the output root.
//!
//! Renderers fill it; `write` puts it on disk, `serve` would answer from it, and tests
//! read it directly. A sorted map keeps iteration (and so the written tree) stable.

use std::collections::BTreeMap;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Output {
    files: BTreeMap<String, Vec<u8>>,
}

impl Output {
    pub fn insert(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), bytes.into());
    }

    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    pub fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().map(|(p, b)| (p.as_str(), b.as_slice()))
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn extend(&mut self, other: Output) {
        self.files.extend(other.files);
    }

    pub fn retain(&mut self, mut keep: impl FnMut(&str) -> bool) {
        self.files.retain(|path, _| keep(path));
    }
}

/// Where renderers hand each file as soon as it is made: the disk (`write::Staging`,
/// so a large site is never held in memory whole), memory (`Collect`, for `serve` and
/// tests), or nowhere (`Discard`, for `check`). Called from many threads at once.
pub trait Sink: Sync {
    fn put(&self, path: String, bytes: Vec<u8>);

    /// Every file of `output`.
    fn put_all(&self, output: Output) {
        for (path, bytes) in output.files {
            self.put(path, bytes);
        }
    }
}

/// A sink that keeps the files in memory: all of them, or those `keep` accepts.
#[derive(Debug)]
pub struct Collect {
    files: std::sync::Mutex<Output>,
    keep: fn(&str) -> bool,
}

impl Default for Collect {
    fn default() -> Self {
        Collect::only(|_| true)
    }
}

impl Collect {
    /// Keeps only the files whose path `keep` accepts.
    pub fn only(keep: fn(&str) -> bool) -> Self {
        Collect {
            files: Default::default(),
            keep,
        }
    }

    pub fn into_output(self) -> Output {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for Collect {
    fn put(&self, path: String, bytes: Vec<u8>) {
        if (self.keep)(&path)
            && let Ok(mut output) = self.files.lock()
        {
            output.insert(path, bytes);
        }
    }
}

/// A sink that counts the files and drops them.
#[derive(Debug, Default)]
pub struct Discard(std::sync::atomic::AtomicUsize);

impl Sink for Discard {
    fn put(&self, _path: String, _bytes: Vec<u8>) {
        self.0.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }
}
