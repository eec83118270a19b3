#!/usr/bin/env bash
# Seeds each fuzz target's corpus from the repository's own fixtures and content.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/page corpus/rules corpus/ftl corpus/config corpus/import
find ../content ../tests/fixtures -name '*.md' -size -64k | while read -r f; do
  cp "$f" "corpus/page/$(echo "$f" | sha1sum | cut -c1-16)"; done
find ../content/decision-trees ../tests/fixtures -path '*decision-trees*' -name '*.toml' | while read -r f; do
  cp "$f" "corpus/rules/$(echo "$f" | sha1sum | cut -c1-16)"; done
find ../locales ../themes ../tests/fixtures -name '*.ftl' | while read -r f; do
  cp "$f" "corpus/ftl/$(echo "$f" | sha1sum | cut -c1-16)"; done
find .. -name folio.toml -not -path '*/target/*' | while read -r f; do
  cp "$f" "corpus/config/$(echo "$f" | sha1sum | cut -c1-16)"; done
# Exports of every locale in both formats (the release binary when built, else the
# debug one), and the test fixtures' exchange files.
folio=../target/release/folio
[ -x "$folio" ] || folio=../target/debug/folio
if [ -x "$folio" ]; then
  for locale in en de ja; do
    for format in po xliff; do
      "$folio" l10n export "$locale" --format "$format" --root .. >"corpus/import/$locale-$format" || true
    done
  done
fi
find ../tests/fixtures -name '*.po' -o -name '*.xlf' | while read -r f; do
  cp "$f" "corpus/import/$(echo "$f" | sha1sum | cut -c1-16)"; done
