#!/usr/bin/env python3
"""Start to the first 200, RUNS times: starts COMMAND, asks URL every millisecond until it answers 200, prints the
milliseconds from the start of the process (one line per run), then stops it (SIGTERM) and waits for it to exit.

   bench/startup.py RUNS URL BODY -- COMMAND...     (BODY '-' for a GET, else a JSON body POSTed)

Each try is a plain socket in this process: a curl per try costs about 6 ms of its own start, which made the
resolution of the measurement coarser than the starts it measures (19 against 34 ms).
"""
import signal
import socket
import subprocess
import sys
import time
import urllib.parse


def request(url, body):
    u = urllib.parse.urlsplit(url)
    head = f"{'GET' if body is None else 'POST'} {u.path or '/'} HTTP/1.1\r\nHost: {u.hostname}\r\nConnection: close\r\n"
    if body is None:
        return u.hostname, u.port, (head + "\r\n").encode()
    data = body.encode()
    return u.hostname, u.port, (head + f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\n\r\n").encode() + data


def answers_200(host, port, message):
    try:
        with socket.create_connection((host, port), timeout=2) as s:
            s.sendall(message)
            return s.recv(16).startswith(b"HTTP/1.1 200")
    except OSError:
        return False


def main():
    runs, url, body = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    command = sys.argv[sys.argv.index("--") + 1:]
    host, port, message = request(url, None if body == "-" else body)
    for _ in range(runs):
        t0 = time.monotonic()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while not answers_200(host, port, message):
            if process.poll() is not None or time.monotonic() - t0 > 60:
                sys.exit(f"{command[0]} never answered 200 on {url}")
            time.sleep(0.001)
        print(round((time.monotonic() - t0) * 1000, 1), flush=True)
        process.send_signal(signal.SIGTERM)
        process.wait()


if __name__ == "__main__":
    main()
