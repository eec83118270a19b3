//! Write: the output tree to disk, all or nothing.
//!
//! Files go to a fresh sibling folder first; only when every file is written is it
//! swapped in for the previous output. A failed build or a full disk therefore never
//! leaves a half-written site where a working one was.

use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::output::Output;

pub fn write(output: &Output, out_dir: &Path) -> io::Result<()> {
    let staging = sibling(out_dir, "new");
    let previous = sibling(out_dir, "old");
    remove_if_exists(&staging)?;
    remove_if_exists(&previous)?;
    std::fs::create_dir_all(&staging)?;
    let files: Vec<(&str, &[u8])> = output.iter().collect();
    let written = files.par_iter().try_for_each(|(path, bytes)| {
        let target = staging.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(target, bytes)
    });
    if let Err(err) = written {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(err);
    }
    if out_dir.exists() {
        std::fs::rename(out_dir, &previous)?;
    }
    if let Err(err) = std::fs::rename(&staging, out_dir) {
        // Put the previous site back before reporting.
        let _ = std::fs::rename(&previous, out_dir);
        return Err(err);
    }
    remove_if_exists(&previous)
}

fn sibling(dir: &Path, suffix: &str) -> PathBuf {
    let name = dir
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    dir.with_file_name(format!("{name}.folio-{suffix}"))
}

fn remove_if_exists(dir: &Path) -> io::Result<()> {
    match std::fs::remove_dir_all(dir) {
        Err(err) if err.kind() != io::ErrorKind::NotFound => Err(err),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_previous_tree_whole() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        std::fs::create_dir_all(out.join("stale")).unwrap();
        std::fs::write(out.join("stale/old.html"), "old").unwrap();
        let mut output = Output::default();
        output.insert("fr/index.html", "nouveau");
        write(&output, &out).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("fr/index.html")).unwrap(),
            "nouveau"
        );
        assert!(!out.join("stale").exists());
        assert!(!tmp.path().join("public.folio-new").exists());
        assert!(!tmp.path().join("public.folio-old").exists());
    }
}
