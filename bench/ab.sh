#!/usr/bin/env bash
# A/B comparison of folio binaries on one corpus: the binaries take turns within each
# round (so a noisy minute hurts all of them alike), every build goes to a fresh folder
# in RAM (no file-system noise), and the medians are printed. For judging one change
# against the build before it; bench/run.sh is the benchmark of record.
#
#   bench/ab.sh ROUNDS SITE BINARY...
#   bench/ab.sh 9 /tmp/folio-bench/1000/folio /tmp/folio-before target/release/folio
#   FLAGS= bench/ab.sh 5 SITE BINARY...     with the PDFs (FLAGS defaults to --no-pdf)
#
# Needs /usr/bin/time and a tmpfs at /dev/shm.
set -euo pipefail

if (($# < 3)); then
    sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"
    exit 2
fi
rounds=$1 site=$2 flags=${FLAGS---no-pdf}
shift 2
results=$(mktemp)
trap 'rm -rf "$results" /dev/shm/folio-ab-*' EXIT
for ((round = 1; round <= rounds; round++)); do
    for ((i = 1; i <= $#; i++)); do
        out=/dev/shm/folio-ab-$round-$i
        /usr/bin/time -f "$i %e %U %S %M" -a -o "$results" \
            "${!i}" build -q $flags --root "$site" --out "$out" >/dev/null
        rm -rf "$out"
    done
done
python3 - "$results" "$@" <<'PY'
import statistics, sys
results, binaries = sys.argv[1], sys.argv[2:]
runs = {}
for line in open(results):
    i, wall, user, system, kib = line.split()
    runs.setdefault(int(i), []).append((float(wall), float(user) + float(system), int(kib) / 1024))
print("| binary | runs | median wall s | median CPU s | median peak MiB |")
print("|---|---:|---:|---:|---:|")
for i, binary in enumerate(binaries, 1):
    wall, cpu, mib = (statistics.median(column) for column in zip(*runs[i]))
    print(f"| {binary} | {len(runs[i])} | {wall:.3f} | {cpu:.3f} | {mib:.0f} |")
PY
