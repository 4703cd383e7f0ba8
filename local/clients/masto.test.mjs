// masto@8 against Podium: every step through masto's own methods, asserting on what masto parsed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createOAuthAPIClient, createRestAPIClient } from "masto";
import {
  url, adminEmail, adminPassword, OOB, APP_SCOPES, PASSWORD,
  freshUsername, createInvite, eventually, assertId, newestFirst,
} from "./support.mjs";

test("masto: app, tokens, invite sign-up, post, follow, paging, delete, revoke", async () => {
  const anonymous = createRestAPIClient({ url });
  const oauth = createOAuthAPIClient({ url });

  const registered = await anonymous.v1.apps.create({ clientName: "masto-it", redirectUris: OOB, scopes: APP_SCOPES });
  assert.equal(registered.name, "masto-it");
  assert.equal(typeof registered.clientId, "string");
  assert.equal(typeof registered.clientSecret, "string");
  const { clientId, clientSecret } = registered;

  const appToken = await oauth.token.create({
    grantType: "client_credentials", clientId, clientSecret, redirectUri: OOB, scope: "read write",
  });
  assert.equal(typeof appToken.accessToken, "string");
  assert.equal(appToken.tokenType, "Bearer");
  const asApp = createRestAPIClient({ url, accessToken: appToken.accessToken });
  const verifiedApp = await asApp.v1.apps.verifyCredentials();
  assert.equal(verifiedApp.name, "masto-it");

  // Mastodon's password grant takes the email in `username`
  const adminToken = await oauth.token.create({
    grantType: "password", clientId, clientSecret, redirectUri: OOB, scope: APP_SCOPES,
    username: adminEmail, password: adminPassword,
  });
  assert.equal(typeof adminToken.accessToken, "string");

  // two members signed up through masto's account-create (masto sends it as multipart/form-data)
  const signUp = async (prefix) => {
    const username = freshUsername(prefix);
    const token = await asApp.v1.accounts.create({
      username, email: `${username}@example.com`, password: PASSWORD, agreement: true, locale: "en",
      inviteCode: await createInvite(adminToken.accessToken),
    });
    assert.equal(typeof token.accessToken, "string");
    return username;
  };
  const alice = await signUp("ma");
  const bob = await signUp("mb");

  const login = async (username) => (await oauth.token.create({
    grantType: "password", clientId, clientSecret, redirectUri: OOB, scope: "read write follow",
    username, password: PASSWORD,
  })).accessToken;
  const aliceToken = await login(alice);
  const asAlice = createRestAPIClient({ url, accessToken: aliceToken });
  const asBob = createRestAPIClient({ url, accessToken: await login(bob) });

  const me = await asAlice.v1.accounts.verifyCredentials();
  assert.equal(me.username, alice);
  assert.equal(me.acct, alice);
  assertId(me.id);
  assert.equal(typeof me.source?.privacy, "string");
  const bobAccount = await asBob.v1.accounts.verifyCredentials();

  // what a client fetches on first contact
  assert.deepEqual(await asAlice.v1.customEmojis.list(), []);
  const preferences = await asAlice.v1.preferences.fetch();
  assert.equal(preferences["posting:default:visibility"], "public");
  assert.equal(preferences["reading:expand:spoilers"], false);
  assert.deepEqual(await asAlice.v1.notifications.list({ limit: 5 }), []);
  assert.deepEqual(await asAlice.v1.markers.fetch({ timeline: ["home"] }), {});

  const relationship = await asAlice.v1.accounts.$select(bobAccount.id).follow();
  assert.equal(relationship.id, bobAccount.id);
  assert.equal(relationship.following, true);

  const posted = [];
  for (let i = 0; i < 3; i++) {
    const status = await asBob.v1.statuses.create({ status: `bob says ${i}` });
    assertId(status.id);
    assert.equal(status.account.id, bobAccount.id);
    posted.push(status.id);
  }
  for (let i = 0; i < 2; i++) {
    const status = await asAlice.v1.statuses.create({ status: `alice says ${i} <b>bold</b>` });
    assertId(status.id);
    assert.match(status.content, /alice says/);
    assert.doesNotMatch(status.content, /<b>/);
    assert.equal(status.visibility, "public");
    posted.push(status.id);
  }

  await eventually("all five statuses in alice's home",
    () => asAlice.v1.timelines.home.list({ limit: 40 }),
    (page) => posted.every((id) => page.some((s) => s.id === id)));

  // masto's paginator follows the absolute Link rel="next" URLs
  const pages = [];
  for await (const page of asAlice.v1.timelines.home.list({ limit: 2 })) {
    pages.push(page.map((s) => s.id));
    if (pages.length > 10) break;
  }
  const walked = pages.flat();
  assert.ok(pages.length >= 3, `pages: ${JSON.stringify(pages)}`);
  assert.ok(pages.every((p) => p.length <= 2), `pages: ${JSON.stringify(pages)}`);
  assert.deepEqual(walked, newestFirst(posted), "every status once, newest first");

  const marker = await asAlice.v1.markers.create({ home: { lastReadId: walked[0] } });
  assert.equal(marker.home.lastReadId, walked[0]);
  assert.equal(marker.home.version, 1);
  assert.equal((await asAlice.v1.markers.fetch({ timeline: ["home"] })).home.lastReadId, walked[0]);

  const doomed = posted.at(-1);
  const deleted = await asAlice.v1.statuses.$select(doomed).remove();
  assert.equal(deleted.id, doomed);
  await assert.rejects(asAlice.v1.statuses.$select(doomed).fetch(), (e) => e.statusCode === 404);

  await oauth.revoke({ clientId, clientSecret, token: aliceToken });
  await assert.rejects(asAlice.v1.accounts.verifyCredentials(), (e) => e.statusCode === 401);
});
