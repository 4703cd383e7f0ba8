// megalodon@10 against Podium: megalodon's own methods where it has them; where it has none (the
// client_credentials and password grants, a sign-up with an invite code) megalodon's own HTTP client
// (`client.client`, axios with megalodon's converters) posts the request.
import { test } from "node:test";
import assert from "node:assert/strict";
import generator from "megalodon";
import {
  url, adminUsername, adminPassword, OOB, APP_SCOPES, PASSWORD,
  freshUsername, createInvite, eventually, assertId, newestFirst,
} from "./support.mjs";

test("megalodon: app, tokens, invite sign-up, post, follow, paging, delete, revoke", async () => {
  const anonymous = generator("mastodon", url);
  const app = await anonymous.createApp("megalodon-it", { scopes: APP_SCOPES.split(" "), redirect_uris: OOB });
  assert.equal(typeof app.client_id, "string");
  assert.equal(typeof app.client_secret, "string");
  const { client_id, client_secret } = app;

  const grant = async (fields) => {
    const response = await anonymous.client.post("/oauth/token", { client_id, client_secret, redirect_uri: OOB, ...fields });
    assert.equal(response.status, 200);
    assert.equal(typeof response.data.access_token, "string");
    return response.data.access_token;
  };
  const appToken = await grant({ grant_type: "client_credentials", scope: "read write" });
  const asApp = generator("mastodon", url, appToken);
  const verifiedApp = await asApp.verifyAppCredentials();
  assert.equal(verifiedApp.data.name, "megalodon-it");

  // the password grant with the username (the masto scenario logs the admin in with the email)
  const adminToken = await grant({ grant_type: "password", scope: APP_SCOPES, username: adminUsername, password: adminPassword });

  // megalodon's registerAccount has no invite_code parameter, so its HTTP client posts the same body with it
  const signUp = async (prefix) => {
    const username = freshUsername(prefix);
    const response = await asApp.client.post("/api/v1/accounts", {
      username, email: `${username}@example.com`, password: PASSWORD, agreement: true, locale: "en",
      invite_code: await createInvite(adminToken),
    });
    assert.equal(response.status, 200);
    assert.equal(typeof response.data.access_token, "string");
    return username;
  };
  const alice = await signUp("ga");
  const bob = await signUp("gb");
  // and its own registerAccount reaches Podium, which answers as Mastodon does when an invite is required
  await assert.rejects(asApp.registerAccount(freshUsername("gc"), "gc@example.com", PASSWORD, true, "en"),
    (e) => e.response?.status === 422 && typeof e.response.data.error === "string");

  const aliceToken = await grant({ grant_type: "password", scope: "read write follow", username: alice, password: PASSWORD });
  const asAlice = generator("mastodon", url, aliceToken);
  const asBob = generator("mastodon", url,
    await grant({ grant_type: "password", scope: "read write follow", username: bob, password: PASSWORD }));

  const me = (await asAlice.verifyAccountCredentials()).data;
  assert.equal(me.username, alice);
  assertId(me.id);
  const bobAccount = (await asBob.verifyAccountCredentials()).data;

  // what a client fetches on first contact
  assert.deepEqual((await asAlice.getInstanceCustomEmojis()).data, []);
  assert.equal((await asAlice.getPreferences()).data["posting:default:visibility"], "public");
  assert.deepEqual((await asAlice.getNotifications({ limit: 5 })).data, []);
  assert.deepEqual((await asAlice.getMarkers(["home"])).data, {});

  const relationship = (await asAlice.followAccount(bobAccount.id)).data;
  assert.equal(relationship.id, bobAccount.id);
  assert.equal(relationship.following, true);

  const posted = [];
  for (let i = 0; i < 3; i++) {
    const status = (await asBob.postStatus(`bob says ${i}`)).data;
    assertId(status.id);
    assert.equal(status.account.id, bobAccount.id);
    posted.push(status.id);
  }
  for (let i = 0; i < 2; i++) {
    const status = (await asAlice.postStatus(`alice says ${i}`, { visibility: "public" })).data;
    assertId(status.id);
    assert.match(status.content, /alice says/);
    posted.push(status.id);
  }

  await eventually("all five statuses in alice's home",
    async () => (await asAlice.getHomeTimeline({ limit: 40 })).data,
    (page) => posted.every((id) => page.some((s) => s.id === id)));

  // megalodon pages with max_id
  const pages = [];
  let maxId;
  for (;;) {
    const page = (await asAlice.getHomeTimeline(maxId ? { limit: 2, max_id: maxId } : { limit: 2 })).data;
    if (page.length === 0 || pages.length > 10) break;
    pages.push(page.map((s) => s.id));
    maxId = page.at(-1).id;
  }
  assert.ok(pages.length >= 3, `pages: ${JSON.stringify(pages)}`);
  assert.deepEqual(pages.flat(), newestFirst(posted), "every status once, newest first");

  const newest = pages[0][0];
  const marker = (await asAlice.saveMarkers({ home: { last_read_id: newest } })).data;
  assert.equal(marker.home.last_read_id, newest);
  assert.equal(marker.home.version, 1);
  assert.equal((await asAlice.getMarkers(["home"])).data.home.last_read_id, newest);

  const doomed = posted.at(-1);
  const deleted = await asAlice.deleteStatus(doomed);
  assert.equal(deleted.status, 200);
  await assert.rejects(asAlice.getStatus(doomed), (e) => e.response?.status === 404);

  const revoked = await anonymous.revokeToken(client_id, client_secret, aliceToken);
  assert.equal(revoked.status, 200);
  await assert.rejects(asAlice.verifyAccountCredentials(), (e) => e.response?.status === 401);
});
