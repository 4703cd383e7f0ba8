// What both client scenarios share: the stack's address and admin, names that do not collide, and the
// two steps no Mastodon client has a method for (Podium's invite extension; waiting for fan-out).
import assert from "node:assert/strict";

export const url = process.env.PODIUM_URL ?? "http://127.0.0.1:8080";
export const adminUsername = process.env.PODIUM_ADMIN_USERNAME ?? "admin";
export const adminEmail = process.env.PODIUM_ADMIN_EMAIL ?? `${adminUsername}@podium.localhost`;
export const adminPassword = process.env.PODIUM_ADMIN_PASSWORD;
assert.ok(adminPassword, "PODIUM_ADMIN_PASSWORD must be set");

export const OOB = "urn:ietf:wg:oauth:2.0:oob";
export const APP_SCOPES = "read write follow admin:read admin:write";
export const PASSWORD = "correct horse battery staple";

/** A username no other run of the scenario has taken (letters, digits and _ only, as Mastodon wants). */
export function freshUsername(prefix) {
  return `${prefix}_${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`.slice(0, 30);
}

/** POST /api/v1/invites (a Podium extension, so no client knows it): answers the invite code. */
export async function createInvite(adminToken) {
  const response = await fetch(`${url}/api/v1/invites`, {
    method: "POST",
    headers: { Authorization: `Bearer ${adminToken}`, "Content-Type": "application/json" },
    body: "{}",
  });
  const body = await response.text();
  assert.equal(response.status, 200, body);
  const code = JSON.parse(body).code;
  assert.equal(typeof code, "string");
  return code;
}

/** Polls until the condition holds (fan-out to home timelines runs through a queue). */
export async function eventually(what, probe, condition, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await probe();
    if (condition(last)) {
      return last;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  assert.fail(`${what} did not happen within ${timeoutMs} ms; last seen: ${JSON.stringify(last)}`);
}

/** Snowflake-ish ids compare as numbers but travel as strings; no precision may be lost. */
export function assertId(id) {
  assert.equal(typeof id, "string");
  assert.match(id, /^[0-9]+$/);
}

export function newestFirst(ids) {
  return [...ids].sort((a, b) => (BigInt(b) > BigInt(a) ? 1 : BigInt(b) < BigInt(a) ? -1 : 0));
}
