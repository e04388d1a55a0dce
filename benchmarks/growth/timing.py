#!/usr/bin/env python3
"""Times GET requests one after another on one kept-alive connection and prints `name p50 p95` in milliseconds.

    timing.py <base url> <bearer token> <repetitions> name=path [name=path ...]

A path may contain {cursor:<ticks>:<guid>}: the service's opaque cursor for that sort key (see Keyset.Encode).
"""
import base64
import http.client
import re
import struct
import sys
import time
import urllib.parse
import uuid


def cursor(ticks, guid):
    raw = bytes([1]) + struct.pack(">q", int(ticks)) + uuid.UUID(guid).bytes_le
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def main():
    base, token, repetitions, requests = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
    url = urllib.parse.urlparse(base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
    for request in requests:
        name, path = request.split("=", 1)
        path = re.sub(r"\{cursor:(\d+):([0-9a-fA-F-]+)\}", lambda m: cursor(m.group(1), m.group(2)), path)
        times = []
        for _ in range(repetitions + 2):
            began = time.perf_counter()
            connection.request("GET", path, headers={"Authorization": f"Bearer {token}"})
            response = connection.getresponse()
            body = response.read()
            if response.status != 200:
                sys.exit(f"{name}: {response.status} {body[:300]!r}")
            times.append((time.perf_counter() - began) * 1000)
        times = sorted(times[2:])  # the first two warm the query's plan and cache
        p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
        print(f"{name} {times[len(times) // 2]:.1f} {p95:.1f}")


if __name__ == "__main__":
    main()
