#!/usr/bin/env python3
"""Time from saving a page to `folio serve` serving the edited page.

Usage: bench/serve_latency.py FOLIO_BINARY SITE_ROOT PAGE_PATH URL_PATH [EDITS] [title]

PAGE_PATH is a Markdown file below SITE_ROOT (e.g. content/en/s01/p00001.md) and
URL_PATH the page it renders (e.g. /en/s01/p00001/). Each edit appends a unique marker
to the page's last paragraph, then polls the URL every 2 ms until the marker is
served. With `title`, each edit puts the marker in the page's title instead (its
`title = "..."` line), and URL_PATH may be another page whose sidebar or pager shows
it (e.g. /en/s01/p00002/). Prints each latency, then the median and the worst. The page is restored at
the end. A benchmark, not a test: nothing here asserts a time.
"""
import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    binary, root, page, url = sys.argv[1:5]
    edits = int(sys.argv[5]) if len(sys.argv) > 5 else 10
    title = len(sys.argv) > 6 and sys.argv[6] == "title"
    port = free_port()
    server = subprocess.Popen(
        [binary, "serve", "--port", str(port), "--root", root],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    early = []
    try:
        server.stdout.readline()  # "serving ... at http://..."
        # The address is announced before the first build ends: edits wait for it.
        for line in server.stderr:
            early.append(line)
            if line.startswith(("rebuilt", "build failed")):
                break
        address = f"http://127.0.0.1:{port}{url}"
        path = os.path.join(root, page)
        original = open(path, encoding="utf-8").read()
        # Let the first background pass (search index, PDFs) start, as it would
        # while a writer works.
        time.sleep(2)
        latencies = []
        for n in range(edits):
            marker = f"edit-marker-{n}-{time.time_ns()}"
            started = time.perf_counter()
            with open(path, "w", encoding="utf-8") as f:
                if title:
                    f.write(re.sub(r'^title = ".*"$', f'title = "{marker}"', original,
                                   count=1, flags=re.M))
                else:
                    f.write(original.rstrip("\n") + f" {marker}\n")
            while True:
                with urllib.request.urlopen(address) as response:
                    if marker in response.read().decode("utf-8", "replace"):
                        break
                time.sleep(0.002)
            latencies.append((time.perf_counter() - started) * 1000)
            print(f"edit {n + 1}: {latencies[-1]:.0f} ms", flush=True)
            time.sleep(0.3)
        with open(path, "w", encoding="utf-8") as f:
            f.write(original)
        print(f"median {statistics.median(latencies):.0f} ms, worst {max(latencies):.0f} ms "
              f"over {edits} edits")
    finally:
        server.terminate()
        log = "".join(early) + server.communicate(timeout=10)[1]
        updates = [l for l in log.splitlines() if l.startswith(("updated", "rebuilt"))]
        print("server said:", "; ".join(updates[-3:]))


if __name__ == "__main__":
    main()
