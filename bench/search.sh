#!/usr/bin/env bash
# Issue 20's search benchmark: the search evaluation's 42 queries
# (tests/fixtures/search-eval/queries.json) against Folio's own index and against
# Pagefind (npm, pinned in package.json and package-lock.json) over the same built
# site, in headless Chromium. Prints, per engine: P@1, R@3, the share of listed
# results whose excerpt marks a query term, the index bytes and the engine code bytes
# a cold query downloads, and the mean warm latency of a repeated query.
#
#   bench/search.sh            run it (needs `npm ci` and Debian's chromium)
#
# It is a benchmark, not a test: CI never runs it (the test is #[ignore]d).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
[[ -x node_modules/.bin/pagefind ]] || npm ci
cargo test --test suite -- browser::search_eval::bench_folio_against_pagefind \
    --ignored --nocapture --test-threads 1 2>&1 | grep -E '^\||queries on'
