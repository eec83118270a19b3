#!/usr/bin/env python3
"""Whether awkward clients of a running `folio serve` hold up the others: prints how
long a page takes alone, beside 50 half-sent requests, beside 20 slowloris clients
(a byte of header every 100 ms), after a request with 200 KB of headers, and beside
100 open live-reload (SSE) streams.

usage: bench/serve_clients.py PORT [PATH]
"""
import socket
import sys
import threading
import time
import urllib.request


def main():
    port = int(sys.argv[1])
    path = sys.argv[2] if len(sys.argv) > 2 else "/"

    def get():
        started = time.time()
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10).read()
            return f"{(time.time() - started) * 1000:.1f} ms"
        except Exception as error:  # noqa: BLE001 - the figure is the point
            return f"failed after {time.time() - started:.1f} s: {error}"

    print(f"{path} alone: {get()}")
    slow = []
    for _ in range(50):
        s = socket.create_connection(("127.0.0.1", port))
        s.send(b"GET / HTTP/1.1\r\nHost: x\r\n")
        slow.append(s)
    print(f"{path} beside 50 half-sent requests: {get()}")
    for s in slow:
        s.close()
    stop = threading.Event()

    def trickle():
        s = socket.create_connection(("127.0.0.1", port))
        head = b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 10_000
        for byte in head:
            if stop.is_set():
                break
            try:
                s.send(bytes([byte]))
            except OSError:
                break
            time.sleep(0.1)
        s.close()

    trickling = [threading.Thread(target=trickle) for _ in range(20)]
    for t in trickling:
        t.start()
    time.sleep(0.5)
    print(f"{path} beside 20 slowloris clients: {get()}")
    stop.set()
    for t in trickling:
        t.join()
    big = socket.create_connection(("127.0.0.1", port))
    big.settimeout(5)
    try:
        big.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * (200 * 1024) + b"\r\n\r\n")
        status = big.recv(12).decode(errors="replace")
    except OSError as error:
        status = f"error {error}"
    print(f"a request with 200 KB of headers: {status!r}; then {path}: {get()}")
    streams = []
    for _ in range(100):
        s = socket.create_connection(("127.0.0.1", port))
        s.send(b"GET /__folio/events HTTP/1.1\r\nHost: x\r\n\r\n")
        streams.append(s)
    time.sleep(0.5)
    print(f"{path} beside 100 live-reload streams: {get()}")


if __name__ == "__main__":
    main()
