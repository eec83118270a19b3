#!/usr/bin/env bash
# Load on `folio serve` with wrk: a page, the stylesheet and a search index file, over
# 1 kept-alive connection and over 64, while idle and while a rebuild runs (a page is
# edited every 200 ms). Prints wrk's requests/s and latency percentiles per case.
# A benchmark, not a test: nothing here asserts a figure.
#
# usage: bench/serve_load.sh [FOLIO_BINARY] [SITE_ROOT] [SECONDS]
set -euo pipefail
folio=${1:-target/release/folio}
root=${2:-.}
seconds=${3:-5}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$folio" serve --root "$root" --port "$port" >/tmp/folio-serve-load.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; [ -n "${editor:-}" ] && kill $editor 2>/dev/null; restore' EXIT
page_file=$(ls "$root"/content/*/*.md | head -1)
cp "$page_file" /tmp/folio-serve-load.page
restore() { cp /tmp/folio-serve-load.page "$page_file"; }
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.1; done
locale=$(basename "$(dirname "$page_file")")
name=$(basename "$page_file" .md)
# The page's URL is its slug when it has one (an earlier version asked for the file
# name and measured the 404 page).
slug=$(sed -n 's/^slug = "\(.*\)"$/\1/p' "$page_file" | head -1)
[ -n "$slug" ] && name=$slug
page="/$locale/$name/"
[ "$name" = index ] && page="/$locale/"
index=$(cd "$root" && ls public 2>/dev/null >/dev/null; echo "/search/$locale/meta.json")
# The search index is made in the background after the pages.
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port$index" >/dev/null && break; sleep 0.1; done
for path in "$page" /static/folio.css "$index"; do
  curl -s -o /dev/null -w "GET $path: %{http_code}, %{size_download} bytes\n" "http://127.0.0.1:$port$path"
done
for_cases() {
  for path in "$page" /static/folio.css "$index"; do
    for connections in 1 64; do
      threads=$(( connections < 2 ? 1 : 2 ))
      out=$(wrk -t$threads -c$connections -d"${seconds}s" --latency "http://127.0.0.1:$port$path")
      rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
      p50=$(echo "$out" | awk '$1=="50%" {print $2}')
      p99=$(echo "$out" | awk '$1=="99%" {print $2}')
      bad=$(echo "$out" | awk '/Non-2xx/ {print "  non-2xx " $5} /Socket errors/ {print "  " $0}' | tr -d '\n')
      printf '%-8s %-28s c=%-3s %10s req/s  p50 %8s  p99 %8s%s\n' "$1" "$path" "$connections" "$rps" "$p50" "$p99" "$bad"
    done
  done
}
for_cases idle
( n=0; while true; do n=$((n+1)); { cat /tmp/folio-serve-load.page; printf '\n\nEdit %s.\n' "$n"; } > "$page_file"; sleep 0.2; done ) &
editor=$!
for_cases rebuild
