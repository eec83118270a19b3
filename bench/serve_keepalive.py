#!/usr/bin/env python3
"""Times requests over one kept-alive connection to a running `folio serve`, as a
browser makes them: prints the median and worst latency per path.

usage: bench/serve_keepalive.py PORT [PATH...] [--count N]
"""
import http.client
import statistics
import sys
import time


def main():
    args = sys.argv[1:]
    count = 20
    if "--count" in args:
        i = args.index("--count")
        count = int(args[i + 1])
        del args[i : i + 2]
    port = int(args[0])
    paths = args[1:] or ["/"]
    connection = http.client.HTTPConnection("127.0.0.1", port)
    for path in paths:
        times = []
        size = 0
        for _ in range(count):
            started = time.perf_counter()
            connection.request("GET", path)
            response = connection.getresponse()
            size = len(response.read())
            times.append((time.perf_counter() - started) * 1000)
        print(
            f"{path}: {count} requests on one connection, {size} bytes each: "
            f"median {statistics.median(times):.2f} ms, worst {max(times):.2f} ms"
        )


if __name__ == "__main__":
    main()
