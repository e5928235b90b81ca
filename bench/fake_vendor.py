#!/usr/bin/env python3
"""A fake HubSpot Visitor Identification API for bench/upstream.sh (stdlib only).

POST /hubspot/visitor-identification/v3/tokens/create with "Authorization: Bearer <secret>" (the secret is the
content of the file given as argument) and a JSON body {email, firstName?, lastName?} answers {"token": <random,
shaped like a JWT>}; an e-mail starting with "flock" is answered after FLOCK_DELAY seconds (the single-flight
scenario: every request arrives while the one call is under way). GET /count answers the number of token requests.
Anything else is 404; a wrong credential 401.

    bench/fake_vendor.py PORT SECRET_FILE
"""
import base64
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = int(sys.argv[1])
with open(sys.argv[2], encoding="utf-8") as f:
    SECRET = f.read().rstrip("\n")
FLOCK_DELAY = float(os.environ.get("FLOCK_DELAY", "1.0"))
PATH = "/hubspot/visitor-identification/v3/tokens/create"
calls = 0
lock = threading.Lock()


def part(n):
    return base64.urlsafe_b64encode(os.urandom(n)).rstrip(b"=").decode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/count":
            self.answer(200, {"calls": calls})
        else:
            self.answer(404, {})

    def do_POST(self):
        global calls
        length = int(self.headers.get("Content-Length", "0"))
        body = json.loads(self.rfile.read(length) or b"{}")
        if self.path != PATH or self.headers.get("Content-Type") != "application/json" or "email" not in body:
            self.answer(404, {})
            return
        if self.headers.get("Authorization") != "Bearer " + SECRET:
            self.answer(401, {"category": "INVALID_AUTHENTICATION"})
            return
        with lock:
            calls += 1
        if body["email"].startswith("flock"):
            time.sleep(FLOCK_DELAY)
        self.answer(200, {"token": "eyJ" + part(24) + ".eyJ" + part(72) + "." + part(32)})


ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer.request_queue_size = 1024
ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
