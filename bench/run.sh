#!/usr/bin/env bash
# Issue 7's benchmark: Folio against Hugo and the Markdown floor (examples/floor.rs) on
# the same generated corpus, cold full builds, tools alternated within every round.
#
#   bench/run.sh                          100, 1000 and 5000 pages per locale, 5 rounds
#   SIZES=1000 RUNS=3 bench/run.sh        one size, 3 rounds
#   SIZES="5000 20000" bench/run.sh       the next scale: 20,000 x 3 against 5,000 x 3
#
# Environment (defaults in brackets):
#   SIZES      pages per locale, one corpus each          ["100 1000 5000"]
#   RUNS       measured rounds per size                   [5]
#   BIG_RUNS   rounds for sizes of 10,000 pages and more  [1]; a tool stopped for
#              memory in one round is not run again at that size
#   MIN_FREE_MIB  a run is stopped (and recorded so) when the machine's available
#              memory falls below this                    [1024]
#   LOCALES    locales of the corpus                      [en,fr,de]
#   WORK       corpora and logs (corpora are reused)      [/tmp/folio-bench]
#   PDF_SIZES  sizes also built with PDFs ("folio+pdf"; empty: none)  ["100 1000"]
#   OUTPUTS    where the timed builds write: "ram" (a tmpfs folder under /dev/shm,
#              each output removed after its run) or "disk" (under WORK, removed at
#              the end)                                    [ram]
#   GEN        the corpus generator                       [../shared/bench/gen_corpus.py]
#
# It is a benchmark, not a test: CI never runs it. Every figure is a median of RUNS runs
# measured with /usr/bin/time (wall, user+sys CPU, peak RSS of the process).
set -euo pipefail

if [[ ${1:-} == -h || ${1:-} == --help ]]; then
    sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"
    exit 0
fi

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SIZES=${SIZES:-"100 1000 5000"}
RUNS=${RUNS:-5}
BIG_RUNS=${BIG_RUNS:-1}
MIN_FREE_MIB=${MIN_FREE_MIB:-1024}
LOCALES=${LOCALES:-en,fr,de}
PDF_SIZES=${PDF_SIZES-"100 1000"}
OUTPUTS=${OUTPUTS:-ram}
WORK=$(realpath -m -- "${WORK:-/tmp/folio-bench}")
GEN=$(realpath -m -- "${GEN:-$ROOT/../shared/bench/gen_corpus.py}")
BASE_URL='https://bench.example.com/'
cd "$ROOT"

say() { printf '\n## %s\n\n' "$*"; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }
[[ -f $GEN ]] || die "no corpus generator at $GEN (set GEN=path)"
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer, not '$RUNS'"
[[ $BIG_RUNS =~ ^[1-9][0-9]*$ ]] || die "BIG_RUNS must be a positive integer, not '$BIG_RUNS'"

# --- tools -----------------------------------------------------------------------------
missing=()
command -v hugo >/dev/null || missing+=(hugo)
command -v hyperfine >/dev/null || missing+=(hyperfine)
[[ -x /usr/bin/time ]] || missing+=(time)
command -v pdfinfo >/dev/null || missing+=(poppler-utils)
if ((${#missing[@]})); then
    sudo=()
    [[ $(id -u) -eq 0 ]] || sudo=(sudo)
    echo "bench: installing ${missing[*]} from Debian" >&2
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get install -y "${missing[@]}" ||
        { "${sudo[@]}" apt-get update && "${sudo[@]}" apt-get install -y "${missing[@]}"; }
fi

# The benchmark of record uses the published binaries' profile (fat LTO).
cargo build --profile dist --bin folio --example floor
FOLIO=$ROOT/target/dist/folio
FLOOR=$ROOT/target/dist/examples/floor

mkdir -p "$WORK"
MEDIANS=$WORK/medians.tsv # size label wall cpu mib: one line per tool and size of this run
: >"$MEDIANS"
failures=0

say "Machine"
echo "- $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) RAM, $(uname -sr)"
echo "- folio $("$FOLIO" --version | awk '{print $2}') ($(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- src Cargo.toml Cargo.lock 2>/dev/null || echo ', modified'))"
echo "- $(hugo version | awk '{print $1, $2}')"
echo "- locales $LOCALES; medians of $RUNS run(s) ($BIG_RUNS from 10,000 pages); every run a cold full build into a folder nothing has used yet, written to $OUTPUTS"

# --- helpers ---------------------------------------------------------------------------

# generate SIZE FLAVOR DIR: the corpus, once (a marker file says it is complete)
generate() {
    local size=$1 flavor=$2 dir=$3
    [[ -f $dir/.generated && $(<"$dir/.generated") == "$LOCALES" ]] && return
    rm -rf "$dir"
    python3 "$GEN" --pages "$size" --locales "$LOCALES" --flavor "$flavor" --out "$dir"
    if [[ $flavor == folio ]] && ! grep -q '^[[:space:]]*base_url[[:space:]]*=' "$dir/folio.toml"; then
        printf 'base_url = "%s"\n' "$BASE_URL" >>"$dir/folio.toml"
    fi
    printf '%s\n' "$LOCALES" >"$dir/.generated"
}

# Output folders of timed runs: each run writes into a folder of its own that nothing
# has used yet.
#
# In RAM by default. On this kind of machine's disk (ext4 without a journal) the time of
# a build depends on what was deleted in the last minutes: the inode allocator skips
# every recently freed inode one by one, and the floor's system time went from 0.1 s to
# 0.9 s, Folio's from 0.4 s to 1.2 s, for a minute or more after a previous benchmark
# removed its outputs (2026-11-27, identical binaries). That measures the file system,
# not the tools. On disk (OUTPUTS=disk), old outputs are removed only once the whole
# benchmark is over, and a previous benchmark's are removed first, then waited for.
case $OUTPUTS in
ram)
    [[ -d /dev/shm && -w /dev/shm ]] || die "OUTPUTS=ram needs a writable /dev/shm (or set OUTPUTS=disk)"
    RUNS_DIR=/dev/shm/folio-bench-runs
    ;;
disk) RUNS_DIR=$WORK/runs ;;
*) die "OUTPUTS must be ram or disk, not '$OUTPUTS'" ;;
esac
fresh_runs_dir() {
    if [[ -d $RUNS_DIR ]]; then
        rm -rf "$RUNS_DIR"
        if [[ $OUTPUTS == disk ]]; then
            echo "bench: removed a previous benchmark's outputs; waiting 90 s for the file system" >&2
            sleep 90
        fi
    fi
    mkdir -p "$RUNS_DIR"
}
trap 'rm -rf "$RUNS_DIR"' EXIT

# measure SIZE LABEL OUT COMMAND...: one cold run into the fresh folder OUT, appended
# to $RESULTS. A run that takes the machine below MIN_FREE_MIB of available memory is
# stopped and recorded as such ("out-of-memory" with its time and the peak so far):
# Hugo holds every page in memory and needed more than 15 GiB at 20,000 x 3, so on a
# 24 GiB machine it would otherwise take the benchmark and the machine down with it.
# A tool stopped so is not run again at that size: each of Hugo's 20,000 x 3 rounds
# took 150 s to reach the limit, and the rounds of the others are what is left to time.
measure() {
    local size=$1 label=$2 out=$3
    shift 3
    if grep -q "^$label .*out-of-memory\$" "$RESULTS" 2>/dev/null; then
        echo "bench: $label not run again on $size pages per locale: out of memory in an earlier round" >&2
        return
    fi
    [[ ! -e $out ]] || die "$out exists: every run needs a fresh output folder"
    local timing=$WORK/$size/time.txt log=$WORK/$size/$label.log stopped=$WORK/$size/stopped
    rm -f "$stopped"
    /usr/bin/time -f '%e %U %S %M' -o "$timing" "$@" >"$log" 2>&1 &
    local pid=$! status=0
    while kill -0 "$pid" 2>/dev/null; do
        if (($(awk '/^MemAvailable:/ {print int($2 / 1024)}' /proc/meminfo) < MIN_FREE_MIB)); then
            : >"$stopped"
            pkill -TERM -P "$pid" 2>/dev/null || true
            break
        fi
        sleep 0.2
    done
    wait "$pid" || status=$?
    if [[ -e $stopped ]]; then
        echo "bench: $label stopped on $size pages per locale: the machine had less than $MIN_FREE_MIB MiB available" >&2
        printf '%s %s out-of-memory\n' "$label" "$(grep -E '^[0-9.]+ [0-9.]+ [0-9.]+ [0-9]+$' "$timing" | tail -n 1)" >>"$RESULTS"
    elif ((status)); then
        cat "$log" >&2
        die "$label failed on $size pages per locale: $*"
    else
        printf '%s %s\n' "$label" "$(tail -n 1 "$timing")" >>"$RESULTS"
    fi
    # In RAM, an output is dropped as soon as it is measured (a tmpfs frees it at once).
    [[ $OUTPUTS == disk ]] || rm -rf "$out"
}

# diagnostics LOG: folio's warnings and errors (with their hints), a count and the first
# 20 lines verbatim
diagnostics() {
    local pattern='(^|: )(warning|error)(\[|:)' n
    n=$(grep -cE "$pattern" "$1" || true)
    if ((n)); then
        echo "folio diagnostics: $n (first lines verbatim, full log: $1)"
        echo '```'
        grep -E "$pattern|^[[:space:]]+(hint|note):" "$1" | head -n 20
        echo '```'
    fi
}

# stages LOG: folio -v's timing lines (e.g. "  load and check   477.7 ms")
stages() {
    echo '```'
    grep -E '^[[:space:]]+[[:alpha:]][[:alpha:] ]*[[:space:]][0-9.]+[[:space:]]*(ms|s|µs)$' "$1" || echo "(no stage lines in $1)"
    echo '```'
}

# stage_seconds LOG NAME: one stage's time in seconds
stage_seconds() {
    awk -v name="$2" '
        { line = $0; sub(/^[ \t]+/, "", line) }
        index(line, name " ") == 1 && substr(line, length(name) + 1) ~ /^ +[0-9.]+ (ms|s|µs)$/ {
            v = $(NF - 1); u = $NF
            print (u == "ms" ? v / 1000 : (u == "s" ? v : v / 1e6)); exit
        }' "$1"
}

# sanity DIR OUT PDF: every page's <html lang> matches its locale folder; folio check passes
# (it typesets the PDFs too, so only for sizes built with PDFs: the build itself already
# failed on any broken internal link or anchor)
sanity() {
    local dir=$1 out=$2 with_pdf=$3
    if ! python3 - "$out" "$LOCALES" <<'PY'; then failures=$((failures + 1)); fi
import os, re, sys
public, locales = sys.argv[1], set(sys.argv[2].split(","))
lang = re.compile(rb'<html\b[^>]*?\slang="([^"]*)"')
checked, bad = 0, []
for top in sorted(locales):
    for folder, _, files in os.walk(os.path.join(public, top)):
        for name in files:
            if name.endswith(".html"):
                path = os.path.join(folder, name)
                with open(path, "rb") as f:
                    m = lang.search(f.read(4096))
                checked += 1
                found = m.group(1).decode() if m else None
                if found != top:
                    bad.append(f"{os.path.relpath(path, public)}: lang={found!r}, folder {top}")
print(f"- lang check: {checked} HTML pages under {', '.join(sorted(locales))}, {len(bad)} mismatched")
for line in bad[:5]:
    print(f"  - {line}")
sys.exit(1 if bad or not checked else 0)
PY
    local log=$WORK/check.log
    if ((!with_pdf)); then
        echo "- links and anchors: checked by the build (errors would have failed it)"
    elif "$FOLIO" check --quiet --root "$dir" >"$log" 2>&1; then
        echo "- folio check: exit 0"
    else
        echo "- folio check: exit $? (FAILED)"
        diagnostics "$log"
        failures=$((failures + 1))
    fi
}

# pdf_pages OUT PDF_SECONDS: pages of every PDF, per locale, and pages per second
pdf_pages() {
    local out=$1 seconds=$2 total=0 pdf pages
    echo "| PDF | pages |"
    echo "|---|---:|"
    while IFS= read -r pdf; do
        pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
        total=$((total + pages))
        echo "| ${pdf#"$out"/} | $pages |"
    done < <(find "$out" -name '*.pdf' | sort)
    echo
    if [[ -n $seconds ]]; then
        awk -v p="$total" -v s="$seconds" 'BEGIN {
            printf "PDF: %d typeset pages in %.2f s (PDF stage, all locales) = %.0f pages/s\n", p, s, (s > 0 ? p / s : 0) }'
    else
        echo "PDF: $total pages (no PDF stage time in folio -v output)"
    fi
}

fresh_runs_dir

# --- one corpus size at a time -----------------------------------------------------------
for size in $SIZES; do
    base=$WORK/$size
    mkdir -p "$base"
    generate "$size" folio "$base/folio"
    generate "$size" hugo "$base/hugo"
    fdir=$base/folio hdir=$base/hugo
    pdf=0
    [[ " $PDF_SIZES " == *" $size "* ]] && pdf=1

    say "$size pages per locale x $(tr ',' '\n' <<<"$LOCALES" | grep -c .)"

    # Once, verbose: stage timings and the output checks, before anything is timed.
    "$FOLIO" build -v --no-pdf --root "$fdir" --out "$RUNS_DIR/$size-verbose" >"$base/stages.log" 2>&1 ||
        { cat "$base/stages.log" >&2; die "folio build --no-pdf failed on $size"; }
    echo "folio build -v --no-pdf, stages:"
    stages "$base/stages.log"
    diagnostics "$base/stages.log"
    sanity "$fdir" "$RUNS_DIR/$size-verbose" "$pdf"
    if ((pdf)); then
        "$FOLIO" build -v --root "$fdir" --out "$RUNS_DIR/$size-verbose-pdf" >"$base/stages-pdf.log" 2>&1 ||
            { cat "$base/stages-pdf.log" >&2; die "folio build (with PDFs) failed on $size"; }
        echo
        echo "folio build -v, stages:"
        stages "$base/stages-pdf.log"
        pdf_pages "$RUNS_DIR/$size-verbose-pdf" "$(stage_seconds "$base/stages-pdf.log" PDF)"
    fi

    # Timed rounds, the tools alternating within each round.
    RESULTS=$base/results.txt
    : >"$RESULTS"
    # One round is enough at the next scale: a build there takes minutes.
    rounds=$RUNS
    ((size < 10000)) || rounds=$BIG_RUNS
    for ((run = 1; run <= rounds; run++)); do
        echo "round $run/$rounds" >&2
        out=$RUNS_DIR/$size-$run
        measure "$size" folio "$out-folio" "$FOLIO" build --no-pdf --quiet --root "$fdir" --out "$out-folio"
        rm -rf "$hdir/resources"
        measure "$size" hugo "$out-hugo" hugo --quiet -s "$hdir" -d "$out-hugo"
        measure "$size" floor "$out-floor" "$FLOOR" "$fdir" "$out-floor"
        if ((pdf)); then
            measure "$size" folio+pdf "$out-folio-pdf" "$FOLIO" build --quiet --root "$fdir" --out "$out-folio-pdf"
        fi
    done

    echo
    python3 - "$RESULTS" "$size" "$MEDIANS" <<'PY'
import statistics, sys
results, size, medians = sys.argv[1:]
runs, stopped = {}, {}
for line in open(results):
    fields = line.split()
    if fields[-1] == "out-of-memory":
        # A run stopped for memory: its time and peak so far, when time printed them.
        stopped.setdefault(fields[0], []).append(fields[1:-1])
        continue
    label, wall, user, system, kib = fields
    runs.setdefault(label, []).append((float(wall), float(user) + float(system), int(kib) / 1024))
med = {label: [statistics.median(col) for col in zip(*rows)] for label, rows in runs.items()}
print("| tool | runs | median wall s | median CPU s | median peak MiB |")
print("|---|---:|---:|---:|---:|")
for label, (wall, cpu, mib) in med.items():
    print(f"| {label} | {len(runs[label])} | {wall:.2f} | {cpu:.2f} | {mib:.0f} |")
for label, rows in stopped.items():
    for row in rows:
        so_far = (f"stopped after {float(row[0]):.2f} s at {int(row[3]) / 1024:.0f} MiB"
                  if len(row) == 4 else "stopped")
        print(f"| {label} | out of memory | {so_far} | | |")
print()
folio = med["folio"][0]
for other, note in (("hugo", "target at 1000: <= 0.20"), ("floor", "target at 1000: <= 2.5")):
    if other in med:
        print(f"- folio / {other}, median wall: {folio / med[other][0]:.3f}  ({note})")
    else:
        print(f"- folio / {other}: {other} did not finish")
if "folio+pdf" in med and "hugo" in med:
    print(f"- folio+pdf / hugo, median wall: {med['folio+pdf'][0] / med['hugo'][0]:.3f}  (goal at 1000: < 1)")
with open(medians, "a") as f:
    for label, (wall, cpu, mib) in med.items():
        f.write(f"{size}\t{label}\t{wall}\t{cpu}\t{mib}\n")
PY
done

say "Scaling"
python3 - "$MEDIANS" <<'PY'
import sys
med = {}
for line in open(sys.argv[1]):
    size, label, wall, cpu, mib = line.split("\t")
    med[(int(size), label)] = (float(wall), float(mib))
if (5000, "folio") in med and (1000, "folio") in med:
    (w5, m5), (w1, _) = med[(5000, "folio")], med[(1000, "folio")]
    print(f"- folio 5000 / 1000, median wall: {w5 / w1:.2f}  (target <= 5.5; peak at 5000: {m5:.0f} MiB, target < 1024)")
else:
    print("- folio 5000 / 1000: not measured (needs both sizes in SIZES)")
if (20000, "folio") in med and (5000, "folio") in med:
    (w20, m20), (w5, _) = med[(20000, "folio")], med[(5000, "folio")]
    print(f"- folio 20000 / 5000, median wall: {w20 / w5:.2f}  (target <= 4.4; peak at 20000: {m20:.0f} MiB, target < 2048)")
if (20000, "folio") in med and (20000, "hugo") in med:
    print(f"- folio / hugo at 20000, median wall: {med[(20000, 'folio')][0] / med[(20000, 'hugo')][0]:.3f}")
PY

if ((failures)); then
    die "$failures output check(s) failed (see above)"
fi
