#!/usr/bin/env python3
"""The two paths of a Kubernetes API server the injector reads, over HTTPS with a bearer token, for bench/injector.sh
(which has no cluster): /version, and ChatTokenProfiles by namespace and name from a JSON file
({"<namespace>/<name>": <spec>}). Threaded, HTTP/1.1 keep-alive, as the API server answers.

    fake-apiserver.py PORT CERT KEY TOKEN PROFILES.json [MINOR]"""
import http.server
import json
import re
import ssl
import sys

port, cert, key, token, profiles_file = sys.argv[1:6]
minor = sys.argv[6] if len(sys.argv) > 6 else "20"
profiles = json.load(open(profiles_file))
PROFILE = re.compile(r"^/apis/chattoken\.dev/v1alpha1/namespaces/([^/]+)/chattokenprofiles/([^/]+)$")


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # the headers and the body leave in one write, without Nagle's delay: an API server answers in one segment, and
    # two small writes met the client's delayed ACK (40 ms per read, measured as the injector's latency)
    disable_nagle_algorithm = True

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self._headers_buffer.append(b"\r\n")
        self.wfile.write(b"".join(self._headers_buffer) + data)
        self._headers_buffer = []

    def do_GET(self):
        if self.headers.get("Authorization") != "Bearer " + token:
            return self.answer(401, {"kind": "Status", "code": 401, "message": "Unauthorized"})
        if self.path == "/version":
            return self.answer(200, {"major": "1", "minor": minor, "gitVersion": "v1.%s.2" % minor})
        match = PROFILE.match(self.path)
        if match and "%s/%s" % match.groups() in profiles:
            ns, name = match.groups()
            return self.answer(200, {"apiVersion": "chattoken.dev/v1alpha1", "kind": "ChatTokenProfile",
                                     "metadata": {"name": name, "namespace": ns}, "spec": profiles["%s/%s" % (ns, name)]})
        return self.answer(404, {"kind": "Status", "code": 404, "message": "not found"})

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", int(port)), Handler)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(cert, key)
server.socket = context.wrap_socket(server.socket, server_side=True)
server.serve_forever()
