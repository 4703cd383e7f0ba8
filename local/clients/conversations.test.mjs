// masto@8 against Podium: a conversation and its reactions, as issue 10's "done when" tells it. A member replies to
// a post, mentioning another, who is notified; a third favourites and reblogs it; the author sees the counts and the
// grouped notifications; the reblogger's follower sees the reblog on their home timeline once.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createOAuthAPIClient, createRestAPIClient } from "masto";
import {
  url, adminEmail, adminPassword, OOB, APP_SCOPES, PASSWORD, freshUsername, createInvite, eventually,
} from "./support.mjs";

/** Signs up members through masto and answers a client and the account of each. */
async function members(...prefixes) {
  const oauth = createOAuthAPIClient({ url });
  const anonymous = createRestAPIClient({ url });
  const { clientId, clientSecret } = await anonymous.v1.apps.create({
    clientName: "masto-conversations", redirectUris: OOB, scopes: APP_SCOPES,
  });
  const token = (grant) => oauth.token.create({ clientId, clientSecret, redirectUri: OOB, ...grant });
  const asApp = createRestAPIClient({
    url, accessToken: (await token({ grantType: "client_credentials", scope: "read write" })).accessToken,
  });
  const admin = await token({ grantType: "password", scope: APP_SCOPES, username: adminEmail, password: adminPassword });
  const result = [];
  for (const prefix of prefixes) {
    const username = freshUsername(prefix);
    const { accessToken } = await asApp.v1.accounts.create({
      username, email: `${username}@example.com`, password: PASSWORD, agreement: true, locale: "en",
      inviteCode: await createInvite(admin.accessToken),
    });
    const client = createRestAPIClient({ url, accessToken });
    result.push({ client, account: await client.v1.accounts.verifyCredentials() });
  }
  return result;
}

test("masto: reply with mentions, notifications, favourite and reblog counts, grouped notifications, reblog on home once",
  async () => {
    const [ann, ben, cat, dan] = await members("ca", "cb", "cc", "cd");
    await dan.client.v1.accounts.$select(cat.account.id).follow();

    const post = await ann.client.v1.statuses.create({ status: "What do you think of #Podium?" });
    assert.equal(post.tags[0].name, "podium");
    assert.match(post.content, /class="mention hashtag"/);

    const reply = await ben.client.v1.statuses.create({
      status: `@${ann.account.username} I like it; ask @${cat.account.username} <script>x</script>`,
      inReplyToId: post.id,
    });
    assert.equal(reply.inReplyToId, post.id);
    assert.equal(reply.inReplyToAccountId, ann.account.id);
    assert.deepEqual(reply.mentions.map((m) => m.id), [ann.account.id, cat.account.id]);
    assert.match(reply.content, /class="u-url mention"/);
    assert.doesNotMatch(reply.content, /<script>/);

    for (const mentioned of [ann, cat]) {
      const mentions = await eventually(`${mentioned.account.username} notified of the mention`,
        () => mentioned.client.v1.notifications.list({ types: ["mention"] }),
        (page) => page.some((n) => n.status?.id === reply.id));
      assert.equal(mentions.find((n) => n.status?.id === reply.id).account.id, ben.account.id);
    }

    const favourited = await cat.client.v1.statuses.$select(post.id).favourite();
    assert.equal(favourited.favourited, true);
    assert.equal(favourited.favouritesCount, 1);
    const reblog = await cat.client.v1.statuses.$select(post.id).reblog();
    assert.equal(reblog.reblog.id, post.id);
    assert.equal(reblog.reblog.reblogged, true);
    // again: nothing changes
    await cat.client.v1.statuses.$select(post.id).favourite();

    const seen = await ann.client.v1.statuses.$select(post.id).fetch();
    assert.equal(seen.favouritesCount, 1);
    assert.equal(seen.reblogsCount, 1);
    assert.equal(seen.repliesCount, 1);
    assert.equal(seen.favourited, false);

    const context = await ann.client.v1.statuses.$select(post.id).context.fetch();
    assert.deepEqual(context.descendants.map((s) => s.id), [reply.id]);
    assert.deepEqual(context.ancestors, []);

    const grouped = await eventually("ann's grouped notifications",
      () => ann.client.v2.notifications.list(),
      (page) => ["favourite", "reblog", "mention"].every((type) => page.notificationGroups.some((g) => g.type === type)));
    for (const type of ["favourite", "reblog"]) {
      const group = grouped.notificationGroups.find((g) => g.type === type);
      assert.equal(group.statusId, post.id);
      assert.equal(group.notificationsCount, 1);
      assert.deepEqual(group.sampleAccountIds, [cat.account.id]);
    }
    assert.ok(grouped.accounts.some((a) => a.id === cat.account.id));
    assert.ok(grouped.statuses.some((s) => s.id === post.id));

    const home = await eventually("the reblog on dan's home timeline",
      () => dan.client.v1.timelines.home.list({ limit: 40 }),
      (page) => page.some((s) => s.reblog?.id === post.id));
    assert.equal(home.filter((s) => s.id === post.id || s.reblog?.id === post.id).length, 1, "once");

    const tagged = await ann.client.v1.timelines.tag.$select("PODIUM").list();
    assert.ok(tagged.some((s) => s.id === post.id));

    await cat.client.v1.statuses.$select(post.id).unreblog();
    await eventually("the reblog gone from dan's home timeline",
      () => dan.client.v1.timelines.home.list({ limit: 40 }),
      (page) => !page.some((s) => s.reblog?.id === post.id));
  });
