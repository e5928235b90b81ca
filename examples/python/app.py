"""The app's side of chat-token-sidecar, in Python (3.8 or newer; the standard library only).

POST /chat-token answers the page with a chat-widget token for the user logged in to the app: it asks the sidecar
beside the app (same pod, loopback) for a token of one profile and returns the sidecar's answer (token, expires_at and
the widget's fields) unchanged. The page hands it to the widget (examples/widgets/).

THE RULE THAT MAKES THE SIDECAR SAFE: the identity sent to the sidecar comes from the app's own session, never from
the browser. Whoever can choose the user_id gets a token for anyone. The browser's body is read for chat_id only
(Kindly's widget names its conversation), and a user_id in it is ignored.

Configuration (environment):
  CHAT_TOKEN_SIDECAR_URL         the sidecar's token API (default http://127.0.0.1:8790)
  CHAT_TOKEN_PROFILE             the sidecar profile of the app's widget (default dg)
  CHAT_TOKEN_FIELDS              what the profile's vendor takes, comma-separated: user_id, email, name from the
                                 session, chat_id from the page (default user_id; the README's vendor table)
  CHAT_TOKEN_CALLER_TOKEN_FILE   the caller token file, when the sidecar has chat-token.caller-token-file
  PORT                           this example's port (default 8080)
"""
import json
import logging
import os
import urllib.error
import urllib.parse
import urllib.request
from http.cookies import CookieError, SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SIDECAR_URL = (os.environ.get("CHAT_TOKEN_SIDECAR_URL") or "http://127.0.0.1:8790").rstrip("/")
PROFILE = os.environ.get("CHAT_TOKEN_PROFILE") or "dg"
FIELDS = [f.strip() for f in (os.environ.get("CHAT_TOKEN_FIELDS") or "user_id").split(",") if f.strip()]
CALLER_TOKEN_FILE = os.environ.get("CHAT_TOKEN_CALLER_TOKEN_FILE") or ""
PORT = int(os.environ.get("PORT") or 8080)

SESSION_FIELDS = ("user_id", "email", "name")
for _field in FIELDS:
    if _field != "chat_id" and _field not in SESSION_FIELDS:
        raise SystemExit(f"CHAT_TOKEN_FIELDS: {_field} is none of {', '.join(SESSION_FIELDS + ('chat_id',))}")

# Stand-in for the app's own session store: replace with your framework's logged-in user.
SESSIONS = {"demo-session-ana": {"user_id": "customer-42", "email": "ana@example.com", "name": "Ana Lima"}}

log = logging.getLogger("chat-token")


def logged_in_user(headers):
    try:
        cookie = SimpleCookie(headers.get("Cookie") or "")
    except CookieError:
        return None
    session = cookie.get("session")
    return SESSIONS.get(session.value) if session else None


def caller_token():
    """Read at every request: the Secret it comes from may be rotated. One trailing newline is not part of it."""
    if not CALLER_TOKEN_FILE:
        return ""
    with open(CALLER_TOKEN_FILE, encoding="utf-8", newline="") as f:
        token = f.read()
    return token[:-2] if token.endswith("\r\n") else token[:-1] if token.endswith("\n") else token


class ChatTokenHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        if self.path != "/chat-token":
            return self.reply(404, {"error": "not found"})
        user = logged_in_user(self.headers)
        if user is None:
            return self.reply(401, {"error": "not logged in"})
        try:
            length = int(self.headers.get("Content-Length") or 0)
            if length > 4096:
                raise ValueError("body too large")
            page = json.loads(self.rfile.read(length) or b"{}")
            if not isinstance(page, dict):
                raise ValueError("not an object")
        except ValueError:
            return self.reply(400, {"error": "the body must be a small JSON object"})
        # the session's fields, whatever the page sent; only chat_id is the page's to give
        identity = {f: (page.get("chat_id") if f == "chat_id" else user.get(f)) for f in FIELDS}
        identity = {f: v for f, v in identity.items() if v is not None}

        headers = {"Content-Type": "application/json", "Accept": "application/json, application/problem+json"}
        token = caller_token()
        if token:
            headers["X-Chat-Token-Caller"] = token
        request = urllib.request.Request(
            f"{SIDECAR_URL}/v1/tokens/{urllib.parse.quote(PROFILE, safe='')}",
            data=json.dumps(identity).encode("utf-8"), headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=5) as answer:
                return self.reply(200, answer.read())  # token, expires_at and the widget's fields
        except urllib.error.HTTPError as refused:
            if (refused.headers.get("Content-Type") or "").startswith("application/problem+json"):
                # The sidecar's problems name the cause and never hold a key, a secret or a token: safe to log.
                problem = json.loads(refused.read())
                field = f" ({problem['field']})" if problem.get("field") else ""
                log.error("chat token refused: %s %s%s: %s", problem["status"], problem["type"], field, problem["detail"])
                if problem.get("field") == "chat_id":
                    return self.reply(400, {"error": "invalid chat_id"})
            else:
                log.error("chat token: the sidecar answered %s without a problem", refused.code)
            return self.reply(502, {"error": "chat token unavailable"})
        except (urllib.error.URLError, OSError) as unreachable:
            reason = getattr(unreachable, "reason", unreachable)
            log.error("chat token: the sidecar at %s did not answer: %s", SIDECAR_URL, type(reason).__name__)
            return self.reply(503, {"error": "chat token service unavailable"})

    def reply(self, status, body):
        content = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        self.wfile.write(content)

    def log_message(self, format, *args):  # the access log: method, path and status, never a body
        log.info("%s %s", self.address_string(), format % args)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    server = ThreadingHTTPServer(("127.0.0.1", PORT), ChatTokenHandler)
    log.info("chat-token example (python) on http://127.0.0.1:%d/chat-token, profile %s", PORT, PROFILE)
    server.serve_forever()
