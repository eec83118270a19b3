#!/usr/bin/env python3
"""Time from starting `folio serve` to its first page (issue 21, item 4).

Usage: bench/serve_first_page.py BINARY SITE URL

Starts `BINARY serve` on SITE at a free port, asks for URL every 20 ms from the start,
and prints the seconds to the first 200 answer holding an `<h1>` (the page, not a
placeholder), then the seconds to the server's `rebuilt ...` log line (the whole site
rendered). Wall times: run the binaries to compare one after the other, alternating,
and note the load average, since a busy machine moves them by seconds.

Example: bench/serve_first_page.py target/release/folio /tmp/scale/c5000 /en/s01/p00001/
"""
import socket
import subprocess
import sys
import threading
import time
import urllib.request

binary, root, url = sys.argv[1:4]
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
start = time.perf_counter()
p = subprocess.Popen(
    [binary, "serve", "--port", str(port), "--root", root],
    stdout=subprocess.DEVNULL,
    stderr=subprocess.PIPE,
    text=True,
)
rebuilt = {}


def read():
    for line in p.stderr:
        if line.startswith("rebuilt") and "t" not in rebuilt:
            rebuilt["t"] = time.perf_counter() - start


threading.Thread(target=read, daemon=True).start()
first = None
while first is None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{url}", timeout=60) as r:
            if r.status == 200 and b"<h1" in r.read():
                first = time.perf_counter() - start
    except Exception:
        time.sleep(0.02)
while "t" not in rebuilt and time.perf_counter() - start < 120:
    time.sleep(0.05)
p.terminate()
p.wait()
whole = rebuilt.get("t", float("nan"))
print(f"{binary.split('/')[-1]}: first page {first:.2f} s, whole site {whole:.2f} s")
