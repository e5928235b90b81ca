#!/usr/bin/env python3
"""N concurrent token requests for one new identity (bench/upstream.sh): N connections opened first, then every
request written at once; prints {"requests", "ok", "statuses", "seconds"}.

    bench/flock.py URL BODY N
"""
import asyncio
import json
import sys
import time
from urllib.parse import urlparse

URL, BODY, N = sys.argv[1], sys.argv[2].encode(), int(sys.argv[3])
u = urlparse(URL)


async def main():
    conns = [await asyncio.open_connection(u.hostname, u.port) for _ in range(N)]
    request = (f"POST {u.path} HTTP/1.1\r\nHost: {u.hostname}:{u.port}\r\nContent-Type: application/json\r\n"
               f"Content-Length: {len(BODY)}\r\nConnection: close\r\n\r\n").encode() + BODY
    start = time.monotonic()
    for _, writer in conns:
        writer.write(request)
    await asyncio.gather(*(w.drain() for _, w in conns))

    async def status(reader):
        line = await reader.readline()
        await reader.read()
        return int(line.split()[1]) if line else 0

    statuses = await asyncio.gather(*(status(r) for r, _ in conns))
    for _, writer in conns:
        writer.close()
    counts = {}
    for s in statuses:
        counts[str(s)] = counts.get(str(s), 0) + 1
    print(json.dumps({"requests": N, "ok": counts.get("200", 0), "statuses": counts,
                      "seconds": round(time.monotonic() - start, 3)}))


asyncio.run(main())
