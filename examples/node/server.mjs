// The app's side of chat-token-sidecar, in Node.js (18 or newer; the standard library only: node:http, fetch).
//
// POST /chat-token answers the page with a chat-widget token for the user logged in to the app: it asks the sidecar
// beside the app (same pod, loopback) for a token of one profile and returns the sidecar's answer (token, expires_at
// and the widget's fields) unchanged. The page hands it to the widget (examples/widgets/).
//
// THE RULE THAT MAKES THE SIDECAR SAFE: the identity sent to the sidecar comes from the app's own session, never from
// the browser. Whoever can choose the user_id gets a token for anyone. The browser's body is read for chat_id only
// (Kindly's widget names its conversation), and a user_id in it is ignored.
//
// Configuration (environment):
//   CHAT_TOKEN_SIDECAR_URL         the sidecar's token API (default http://127.0.0.1:8790)
//   CHAT_TOKEN_PROFILE             the sidecar profile of the app's widget (default dg)
//   CHAT_TOKEN_FIELDS              what the profile's vendor takes, comma-separated: user_id, email, name from the
//                                  session, chat_id from the page (default user_id; the README's vendor table)
//   CHAT_TOKEN_CALLER_TOKEN_FILE   the caller token file, when the sidecar has chat-token.caller-token-file
//   PORT                           this example's port (default 8080)
import http from "node:http";
import { readFileSync } from "node:fs";

const SIDECAR_URL = (process.env.CHAT_TOKEN_SIDECAR_URL || "http://127.0.0.1:8790").replace(/\/+$/, "");
const PROFILE = process.env.CHAT_TOKEN_PROFILE || "dg";
const FIELDS = (process.env.CHAT_TOKEN_FIELDS || "user_id").split(",").map((f) => f.trim()).filter(Boolean);
const CALLER_TOKEN_FILE = process.env.CHAT_TOKEN_CALLER_TOKEN_FILE || "";
const PORT = Number(process.env.PORT || 8080);

const SESSION_FIELDS = ["user_id", "email", "name"];
for (const field of FIELDS) {
  if (field !== "chat_id" && !SESSION_FIELDS.includes(field)) {
    throw new Error(`CHAT_TOKEN_FIELDS: ${field} is none of ${[...SESSION_FIELDS, "chat_id"].join(", ")}`);
  }
}

// Stand-in for the app's own session store: replace with your framework's logged-in user.
const SESSIONS = new Map([
  ["demo-session-ana", { user_id: "customer-42", email: "ana@example.com", name: "Ana Lima" }],
]);

function loggedInUser(request) {
  const cookies = (request.headers.cookie || "").split(";").map((c) => c.trim());
  const session = cookies.find((c) => c.startsWith("session="));
  return session ? SESSIONS.get(session.slice("session=".length)) : undefined;
}

// Read at every request: the Secret it comes from may be rotated. One trailing newline is not part of the token.
function callerToken() {
  return CALLER_TOKEN_FILE ? readFileSync(CALLER_TOKEN_FILE, "utf8").replace(/\r?\n$/, "") : "";
}

async function readBody(request) {
  const chunks = [];
  let size = 0;
  for await (const chunk of request) {
    size += chunk.length;
    if (size > 4096) throw new Error("body too large");
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? JSON.parse(text) : {};
}

function reply(response, status, body) {
  response.writeHead(status, { "Content-Type": "application/json", "Cache-Control": "no-store" });
  response.end(typeof body === "string" ? body : JSON.stringify(body));
}

async function chatToken(request, response) {
  const user = loggedInUser(request);
  if (!user) return reply(response, 401, { error: "not logged in" });
  let page;
  try {
    page = await readBody(request);
  } catch {
    return reply(response, 400, { error: "the body must be a small JSON object" });
  }
  const identity = {};
  for (const field of FIELDS) {
    // the session's fields, whatever the page sent; only chat_id is the page's to give
    identity[field] = field === "chat_id" ? page.chat_id : user[field];
  }
  const headers = { "Content-Type": "application/json", Accept: "application/json, application/problem+json" };
  const token = callerToken();
  if (token) headers["X-Chat-Token-Caller"] = token;

  let answer;
  try {
    answer = await fetch(`${SIDECAR_URL}/v1/tokens/${encodeURIComponent(PROFILE)}`, {
      method: "POST",
      headers,
      body: JSON.stringify(identity),
      signal: AbortSignal.timeout(5000),
    });
  } catch (error) {
    console.error(`chat token: the sidecar at ${SIDECAR_URL} did not answer: ${error.cause?.code || error.name}`);
    return reply(response, 503, { error: "chat token service unavailable" });
  }
  if (answer.ok) return reply(response, 200, await answer.text()); // token, expires_at and the widget's fields
  if ((answer.headers.get("content-type") || "").startsWith("application/problem+json")) {
    // The sidecar's problems name the cause and never hold a key, a secret or a token: safe to log.
    const problem = await answer.json();
    console.error(`chat token refused: ${problem.status} ${problem.type}${problem.field ? ` (${problem.field})` : ""}: ${problem.detail}`);
    if (problem.field === "chat_id") return reply(response, 400, { error: "invalid chat_id" });
  } else {
    console.error(`chat token: the sidecar answered ${answer.status} without a problem`);
  }
  return reply(response, 502, { error: "chat token unavailable" });
}

http
  .createServer((request, response) => {
    if (request.method === "POST" && request.url === "/chat-token") {
      chatToken(request, response).catch((error) => {
        console.error(`chat token: ${error.name}`);
        reply(response, 500, { error: "internal error" });
      });
    } else {
      reply(response, 404, { error: "not found" });
    }
  })
  .listen(PORT, "127.0.0.1", () => console.log(`chat-token example (node) on http://127.0.0.1:${PORT}/chat-token, profile ${PROFILE}`));
