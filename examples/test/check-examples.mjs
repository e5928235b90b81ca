// Runs each example backend (examples/node, python, java, go) against a sidecar started here and checks what it
// answers: the token, verified independently with Node's crypto (HS256 and the HMAC digests with the secret, RS256
// with the public key) and by the sidecar's own /v1/verify; the user in it is the session's, not the one the browser
// sent; the errors (no session, a wrong caller token, an invalid chat_id, the sidecar down) are the example's clear
// answers, and no example logs a token or the caller token.
//
// Usage: node examples/test/check-examples.mjs <example>=<command...> ... -- <sidecar command...>
//   e.g. node examples/test/check-examples.mjs node="node examples/node/server.mjs" -- target/*-runner
// Keys, secrets and the caller token are made for the run, in a temporary directory removed at the end.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const separator = process.argv.indexOf("--");
if (separator < 0 || separator === process.argv.length - 1) {
  console.error("usage: check-examples.mjs <name>=<command> ... -- <sidecar command...>");
  process.exit(2);
}
const examples = process.argv.slice(2, separator).map((arg) => {
  const at = arg.indexOf("=");
  return { name: arg.slice(0, at), command: arg.slice(at + 1).split(" ").filter(Boolean) };
});
const sidecarCommand = process.argv.slice(separator + 1);

const API_PORT = 28890;
const MANAGEMENT_PORT = 28891;
const SIDECAR = `http://127.0.0.1:${API_PORT}`;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "chat-token-examples-"));
const processes = [];
const failures = [];
let checks = 0;

// The session user of the examples, and what a malicious page sends instead.
const USER = { user_id: "customer-42", email: "ana@example.com", name: "Ana Lima" };
const FORGED = { user_id: "someone-else", email: "mallory@example.com", name: "Mallory", chat_id: "chat-7" };

function secretFile(name) {
  const secret = crypto.randomBytes(32).toString("hex");
  fs.writeFileSync(path.join(work, name), secret + "\n", { mode: 0o600 }); // the newline is not part of it
  return secret;
}
const secrets = { dg: secretFile("dg.secret"), huggy: secretFile("huggy.secret"), crisp: secretFile("crisp.secret"),
  intercom: secretFile("intercom.secret") };
const rsa = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
fs.writeFileSync(path.join(work, "kindly.pem"), rsa.privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
const callerToken = secretFile("caller-token");
const wrongCallerToken = secretFile("wrong-caller-token");

// Each profile: its vendor's options, what the examples send it (CHAT_TOKEN_FIELDS), and how its token is checked.
const PROFILES = {
  dg: { options: { "key-id": "dg-api-key-1" }, fields: "user_id", kind: "HS256", secret: secrets.dg },
  kindly: { options: { issuer: "https://shop.example" }, fields: "user_id,email,name,chat_id", kind: "RS256" },
  huggy: { options: {}, fields: "user_id", kind: "HS256", secret: secrets.huggy },
  crisp: { options: {}, fields: "email", kind: "digest", secret: secrets.crisp, signed: USER.email },
  intercom: { options: {}, fields: "user_id,email", kind: "HS256", secret: secrets.intercom },
};

function sidecarEnvironment() {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith("CHAT_TOKEN_") || name.startsWith("QUARKUS_")) delete env[name];
  Object.assign(env, {
    QUARKUS_HTTP_PORT: String(API_PORT),
    QUARKUS_MANAGEMENT_PORT: String(MANAGEMENT_PORT),
    CHAT_TOKEN_ACTIVE: Object.keys(PROFILES).join(","),
    CHAT_TOKEN_CALLER_TOKEN_FILE: path.join(work, "caller-token"),
  });
  for (const [name, profile] of Object.entries(PROFILES)) {
    const prefix = `CHAT_TOKEN_PROFILES_${name.toUpperCase()}_`;
    env[prefix + "VENDOR"] = name;
    env[prefix + "KEY_FILE"] = path.join(work, name === "kindly" ? "kindly.pem" : `${name}.secret`);
    for (const [option, value] of Object.entries(profile.options)) env[prefix + option.toUpperCase().replace(/-/g, "_")] = value;
  }
  return env;
}

function start(name, command, env) {
  const log = path.join(work, `${name}.log`);
  const out = fs.openSync(log, "w");
  const child = spawn(command[0], command.slice(1), { env, stdio: ["ignore", out, out] });
  processes.push(child);
  return { child, log, output: () => fs.readFileSync(log, "utf8") };
}

async function stop(started) {
  if (started.child.exitCode !== null) return;
  const exited = new Promise((resolve) => started.child.once("exit", resolve));
  started.child.kill("SIGTERM");
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
  if (started.child.exitCode === null) started.child.kill("SIGKILL");
}

async function until(what, started, ready, seconds = 30) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (started.child.exitCode !== null) throw new Error(`${what} exited (${started.child.exitCode}):\n${started.output()}`);
    if (await ready().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${what} not ready within ${seconds} s:\n${started.output()}`);
}

function listening(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1", () => { socket.end(); resolve(true); });
    socket.on("error", () => resolve(false));
  });
}

function check(ok, what) {
  checks++;
  if (!ok) failures.push(what);
  return ok;
}

const b64url = (buffer) => Buffer.from(buffer).toString("base64url");

/** The JWT's payload when its signature verifies with the profile's key by Node's crypto; null otherwise. */
function verifiedPayload(token, profile) {
  const [header, payload, signature] = token.split(".");
  if (!signature) return null;
  const input = Buffer.from(`${header}.${payload}`);
  const alg = JSON.parse(Buffer.from(header, "base64url")).alg;
  if (alg !== profile.kind) return null;
  const valid = profile.kind === "HS256"
    ? crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(b64url(crypto.createHmac("sha256", profile.secret).update(input).digest())))
    : crypto.verify("sha256", input, rsa.publicKey, Buffer.from(signature, "base64url"));
  return valid ? JSON.parse(Buffer.from(payload, "base64url")) : null;
}

async function chatToken(port, { cookie = "session=demo-session-ana", body = FORGED } = {}) {
  const answer = await fetch(`http://127.0.0.1:${port}/chat-token`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(cookie && { Cookie: cookie }) },
    body: JSON.stringify(body),
  });
  const text = await answer.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* checked by the caller */ }
  return { status: answer.status, cacheControl: answer.headers.get("cache-control"), json };
}

async function sidecarVerifies(profile, token) {
  const answer = await fetch(`${SIDECAR}/v1/verify/${profile}`, {
    method: "POST", headers: { Authorization: `Bearer ${token}`, "X-Chat-Token-Caller": callerToken },
  });
  return answer.status === 200 && (await answer.json()).valid === true;
}

/** One example on one profile: the token it returns is the session user's, and genuine. Returns the tokens seen. */
async function checkProfile(example, port, name) {
  const profile = PROFILES[name];
  const what = `${example} ${name}`;
  const { status, cacheControl, json } = await chatToken(port);
  if (!check(status === 200 && json && typeof json.token === "string", `${what}: 200 with a token (got ${status})`)) return [];
  check(cacheControl === "no-store", `${what}: the token answer is not cached (Cache-Control: no-store)`);
  check(json.profile === name && json.vendor === name, `${what}: the sidecar's answer, unchanged`);
  const tokens = [json.token];
  if (profile.kind === "digest") {
    const expected = crypto.createHmac("sha256", profile.secret).update(profile.signed).digest("hex");
    check(json.token === expected, `${what}: the digest is the HMAC of the session user's ${profile.fields}`);
    check(json.signature === json.token, `${what}: the widget field signature`);
    check(json.expires_at === null, `${what}: expires_at null for a digest`);
    return tokens;
  }
  const claims = verifiedPayload(json.token, profile);
  if (!check(claims !== null, `${what}: the ${profile.kind} signature verifies with Node's crypto`)) return tokens;
  const text = JSON.stringify(claims);
  check(text.includes(USER.user_id), `${what}: the token names the session's user`);
  check(!text.includes(FORGED.user_id) && !text.includes(FORGED.email) && !text.includes(FORGED.name),
    `${what}: nothing the browser sent as the user is in the token`);
  check(json.expires_at === (claims.exp ?? null), `${what}: expires_at is the token's exp`);
  if (claims.exp !== undefined) check(claims.exp > Date.now() / 1000, `${what}: not expired`);
  check(await sidecarVerifies(name, json.token), `${what}: /v1/verify accepts the token`);
  if (name === "kindly") {
    check(claims.chat?.id === FORGED.chat_id, `${what}: the chat_id the page named (the one field that is the page's)`);
    check(claims.email === USER.email && claims.name === USER.name, `${what}: e-mail and name from the session`);
  }
  if (name === "huggy") {
    tokens.push(json.user_hash);
    check(json.user_identifier === USER.user_id, `${what}: user_identifier is the session's user`);
    check(verifiedPayload(json.user_hash, profile)?.jti === USER.user_id, `${what}: user_hash verifies and names the user`);
  }
  if (name === "intercom") check(json.intercom_user_jwt === json.token, `${what}: intercom_user_jwt`);
  return tokens;
}

async function runExample(example) {
  const began = Date.now();
  const seen = [];
  let port = 28900 + examples.indexOf(example) * 10;
  async function withExample(env, body) {
    port++;
    const started = start(`${example.name}-${port}`, example.command, {
      ...process.env, PORT: String(port), CHAT_TOKEN_SIDECAR_URL: SIDECAR,
      CHAT_TOKEN_CALLER_TOKEN_FILE: path.join(work, "caller-token"), ...env,
    });
    try {
      await until(`the ${example.name} example`, started, () => listening(port));
      await body(started);
    } finally {
      await stop(started);
      seen.push(started.output());
    }
  }
  const tokens = [];
  for (const [name, profile] of Object.entries(PROFILES)) {
    await withExample({ CHAT_TOKEN_PROFILE: name, CHAT_TOKEN_FIELDS: profile.fields }, async () => {
      tokens.push(...await checkProfile(example.name, port, name));
    });
  }
  await withExample({ CHAT_TOKEN_PROFILE: "kindly", CHAT_TOKEN_FIELDS: PROFILES.kindly.fields }, async (started) => {
    const anonymous = await chatToken(port, { cookie: "" });
    check(anonymous.status === 401, `${example.name}: no session, 401 (got ${anonymous.status})`);
    const unknown = await chatToken(port, { cookie: "session=guessed" });
    check(unknown.status === 401, `${example.name}: an unknown session, 401 (got ${unknown.status})`);
    const badChat = await chatToken(port, { body: { chat_id: "chat\u0007" } });
    check(badChat.status === 400 && badChat.json?.error === "invalid chat_id",
      `${example.name}: the sidecar's invalid-field on chat_id becomes the example's 400 (got ${badChat.status})`);
    check(/invalid-field/.test(started.output()), `${example.name}: the refusal is logged with its problem type`);
  });
  await withExample({ CHAT_TOKEN_PROFILE: "dg", CHAT_TOKEN_CALLER_TOKEN_FILE: path.join(work, "wrong-caller-token") }, async (started) => {
    const refused = await chatToken(port);
    check(refused.status === 502 && refused.json?.error === "chat token unavailable",
      `${example.name}: a wrong caller token, the example's 502 (got ${refused.status})`);
    check(/caller-unauthenticated/.test(started.output()), `${example.name}: the sidecar's caller-unauthenticated is logged`);
  });
  await withExample({ CHAT_TOKEN_PROFILE: "no-such-profile" }, async (started) => {
    const refused = await chatToken(port);
    check(refused.status === 502, `${example.name}: an unknown profile, the example's 502 (got ${refused.status})`);
    check(/unknown-profile/.test(started.output()), `${example.name}: the sidecar's unknown-profile is logged`);
  });
  await withExample({ CHAT_TOKEN_SIDECAR_URL: "http://127.0.0.1:1" }, async () => {
    const down = await chatToken(port);
    check(down.status === 503, `${example.name}: the sidecar unreachable, the example's 503 (got ${down.status})`);
  });
  const logs = seen.join("\n");
  for (const secret of [callerToken, wrongCallerToken, ...tokens.filter(Boolean)]) {
    check(!logs.includes(secret) && !logs.includes(secret.slice(-16)), `${example.name}: its log holds no token and no caller token`);
  }
  console.log(`${example.name}: ${Object.keys(PROFILES).length} profiles and the error cases checked in ${((Date.now() - began) / 1000).toFixed(1)} s`);
}

let sidecar;
try {
  sidecar = start("sidecar", sidecarCommand, sidecarEnvironment());
  await until("the sidecar", sidecar, async () => (await fetch(`http://127.0.0.1:${MANAGEMENT_PORT}/q/health/ready`)).status === 200);
  const refused = await fetch(`${SIDECAR}/v1/profiles`);
  check(refused.status === 401, "the sidecar asks for the caller token");
  for (const example of examples) {
    const before = failures.length;
    try {
      await runExample(example);
    } catch (error) {
      failures.push(`${example.name}: ${error.message}`);
    }
    if (failures.length > before) console.log(`${example.name}: FAILED`);
  }
} catch (error) {
  failures.push(error.message);
} finally {
  for (const child of processes) if (child.exitCode === null) child.kill("SIGKILL");
  fs.rmSync(work, { recursive: true, force: true });
}
if (failures.length) {
  console.error(`${failures.length} of ${checks} checks failed:\n- ${failures.join("\n- ")}`);
  process.exit(1);
}
console.log(`all ${checks} checks passed (${examples.map((e) => e.name).join(", ")})`);
