package app.podium.local;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.Tables;
import app.podium.local.support.ApiClient;
import app.podium.local.support.Feeds;
import app.podium.local.support.Feeds.Member;
import app.podium.local.support.Podium;
import app.podium.local.support.PodiumIT;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Mentions and hashtags through the API (handler, service, the engine): Mention entities and links
 * for members, plain text for everything else, case-folded tags, the tag timeline and its paging,
 * and content that carries no markup but Podium's own.
 */
@PodiumIT
class MentionsAndTagsIT {
  static LocalStack stack;
  static Podium podium;
  static Feeds feeds;

  static JsonNode post(Member author, String text, String visibility) {
    var response =
        podium
            .postForm(author.token(), Map.of("status", text, "visibility", visibility), null)
            .expect(200);
    return response.json();
  }

  static String mentionLink(String username) {
    return "<span class=\"h-card\" translate=\"no\"><a href=\""
        + stack.backend().settings().baseUrl()
        + "/@"
        + username
        + "\" class=\"u-url mention\">@<span>"
        + username
        + "</span></a></span>";
  }

  static String tagLink(String encodedTag, String typed) {
    return "<a href=\""
        + stack.backend().settings().baseUrl()
        + "/tags/"
        + encodedTag
        + "\" class=\"mention hashtag\" rel=\"tag\">#<span>"
        + typed
        + "</span></a>";
  }

  static ApiClient.Response tagTimeline(String tag, String query, Member reader) {
    var call =
        podium.api.get(
            "/api/v1/timelines/tag/" + URLEncoder.encode(tag, StandardCharsets.UTF_8) + query);
    if (reader != null) {
      call.token(reader.token());
    }
    return call.send();
  }

  static List<String> tagIds(String tag) {
    return Feeds.ids(tagTimeline(tag, "?limit=40", null));
  }

  @Test
  void mentionsOfMembersBecomeMentionEntitiesAndLinksInOrderOfFirstAppearance() {
    Member writer = feeds.member("mt_writer");
    Member bob = feeds.member("mt_bob");
    Member carol = feeds.member("mt_carol");

    JsonNode status =
        post(
            writer,
            "hi @mt_carol and @MT_Bob, @mt_nobody too; again @mt_carol. mail x@mt_bob.example,"
                + " remote @mt_bob@other.example, path /@mt_bob",
            "public");

    JsonNode mentions = status.get("mentions");
    assertThat(mentions).hasSize(2);
    assertThat(mentions.get(0).get("id").asText()).isEqualTo(carol.id());
    assertThat(mentions.get(0).get("username").asText()).isEqualTo("mt_carol");
    assertThat(mentions.get(0).get("acct").asText()).isEqualTo("mt_carol");
    assertThat(mentions.get(0).get("url").asText())
        .isEqualTo(stack.backend().settings().baseUrl() + "/@mt_carol");
    assertThat(mentions.get(1).get("id").asText()).isEqualTo(bob.id());
    assertThat(status.get("content").asText())
        .isEqualTo(
            "<p>hi "
                + mentionLink("mt_carol")
                + " and "
                + mentionLink("mt_bob")
                + ", @mt_nobody too; again "
                + mentionLink("mt_carol")
                + ". mail x@mt_bob.example,"
                + " remote @mt_bob@other.example, path /@mt_bob</p>");

    // the status as stored answers the same on a later read
    var read = podium.api.get("/api/v1/statuses/" + status.get("id").asText()).send();
    assertThat(read.json().get("mentions")).isEqualTo(mentions);
    assertThat(read.json().get("content")).isEqualTo(status.get("content"));
  }

  @Test
  void unicodeNamesAndSuspendedMembersStayPlainText() {
    Member writer = feeds.member("mtu_writer");
    Member gone = feeds.member("mtu_gone");
    podium.suspend(gone.id());

    JsonNode status = post(writer, "@ünïcode @mtu_writé @mtu_gone", "public");

    assertThat(status.get("mentions")).isEmpty();
    assertThat(status.get("content").asText()).isEqualTo("<p>@ünïcode @mtu_writé @mtu_gone</p>");
  }

  @Test
  void tagsAreCaseFoldedDistinctAndLinkedAsTyped() {
    Member writer = feeds.member("tag_writer");

    JsonNode status =
        post(
            writer,
            "#Fold_Me and #FOLD_ME, #Café, not C#sharp nor https://x.example/#frag nor #1234",
            "public");

    JsonNode tags = status.get("tags");
    assertThat(tags).hasSize(2);
    assertThat(tags.get(0).get("name").asText()).isEqualTo("fold_me");
    assertThat(tags.get(0).get("url").asText())
        .isEqualTo(stack.backend().settings().baseUrl() + "/tags/fold_me");
    assertThat(tags.get(1).get("name").asText()).isEqualTo("café");
    assertThat(tags.get(1).get("url").asText())
        .isEqualTo(stack.backend().settings().baseUrl() + "/tags/caf%C3%A9");
    assertThat(status.get("content").asText())
        .isEqualTo(
            "<p>"
                + tagLink("fold_me", "Fold_Me")
                + " and "
                + tagLink("fold_me", "FOLD_ME")
                + ", "
                + tagLink("caf%C3%A9", "Café")
                + ", not C#sharp nor https://x.example/#frag nor #1234</p>");
    String id = status.get("id").asText();
    assertThat(tagIds("fold_me")).containsExactly(id);
    assertThat(tagIds("FOLD_me")).containsExactly(id);
    assertThat(tagIds("CAFÉ")).containsExactly(id);
    assertThat(tagIds("frag")).isEmpty();
    assertThat(tagIds("1234")).isEmpty();
  }

  @Test
  void theTagTimelineListsOnlyPublicStatusesHidesSuspendedAuthorsAndForgetsDeletedOnes() {
    Member writer = feeds.member("tagv_writer");
    Member other = feeds.member("tagv_other");
    String shown = post(writer, "#tagvis public", "public").get("id").asText();
    post(writer, "#tagvis unlisted", "unlisted");
    post(writer, "#tagvis private", "private");
    String deleted = post(writer, "#tagvis soon deleted", "public").get("id").asText();
    String suspendedOnes = post(other, "#tagvis by someone suspended", "public").get("id").asText();
    assertThat(tagIds("tagvis")).containsExactly(suspendedOnes, deleted, shown);
    int tagged = podium.count(Tables.TAGGED_STATUSES);

    var delete = podium.api.delete("/api/v1/statuses/" + deleted).token(writer.token()).send();
    assertThat(delete.status()).as(delete.toString()).isEqualTo(200);
    podium.suspend(other.id());

    assertThat(podium.count(Tables.TAGGED_STATUSES))
        .as("the delete took its tag entry")
        .isEqualTo(tagged - 1);
    assertThat(tagIds("tagvis")).containsExactly(shown);
    // a name that is no hashtag has no statuses
    assertThat(tagIds("12345")).isEmpty();
    assertThat(tagIds("two words")).isEmpty();
  }

  @Test
  void aStatusIsListedUnderItsFirstTenTagsOnly() {
    Member writer = feeds.member("tagcap_writer");
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      text.append("#capt").append((char) ('a' + i)).append(' ');
    }
    JsonNode status = post(writer, text.toString(), "public");

    assertThat(status.get("tags")).hasSize(12);
    assertThat(tagIds("capta")).containsExactly(status.get("id").asText());
    assertThat(tagIds("captj")).containsExactly(status.get("id").asText());
    assertThat(tagIds("captk")).isEmpty();
  }

  @Test
  void theTagTimelinePagesWithLinkHeadersWithoutGapsOrDuplicates() {
    Member writer = feeds.member("tagpage_writer");
    Member hidden = feeds.member("tagpage_hidden");
    List<String> posted = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      posted.add(post(writer, "page #TagPage " + i, "public").get("id").asText());
      if (i % 5 == 0) {
        post(writer, "not listed #tagpage " + i, "unlisted");
        post(hidden, "muted by the reader #tagpage " + i, "public");
      }
    }
    Collections.reverse(posted);
    Member reader = feeds.member("tagpage_reader");
    var mute =
        podium.api.post("/api/v1/accounts/" + hidden.id() + "/mute").token(reader.token()).send();
    assertThat(mute.status()).as(mute.toString()).isEqualTo(200);

    // down with next, from the newest
    List<String> down = new ArrayList<>();
    var response = tagTimeline("TAGPAGE", "?limit=5", reader);
    String prevOfFirst = Feeds.links(response).get("prev");
    List<String> pageSizes = new ArrayList<>();
    for (int page = 0; page < 20; page++) {
      List<String> ids = Feeds.ids(response);
      pageSizes.add(Integer.toString(ids.size()));
      down.addAll(ids);
      if (ids.isEmpty()) {
        assertThat(response.header("Link")).isNull();
        break;
      }
      response = feeds.getUrl(Feeds.links(response).get("next"), reader.token());
    }
    assertThat(down).containsExactlyElementsOf(posted);
    assertThat(pageSizes).containsExactly("5", "5", "5", "5", "3", "0");

    // up with prev, from the oldest
    List<String> up = new ArrayList<>();
    response = tagTimeline("tagpage", "?limit=5&min_id=0", reader);
    for (int page = 0; page < 20; page++) {
      List<String> ids = Feeds.ids(response);
      if (ids.isEmpty()) {
        break;
      }
      up.addAll(0, ids);
      response = feeds.getUrl(Feeds.links(response).get("prev"), reader.token());
    }
    assertThat(up).containsExactlyElementsOf(posted);
    assertThat(new HashSet<>(up)).hasSize(up.size());
    assertThat(Feeds.ids(feeds.getUrl(prevOfFirst, reader.token()))).isEmpty();

    // since_id: the newest page above it
    assertThat(Feeds.ids(tagTimeline("tagpage", "?limit=40&since_id=" + posted.get(3), reader)))
        .containsExactlyElementsOf(posted.subList(0, 3));
  }

  @Test
  void noMarkupFromTheClientSurvivesInContent() {
    Member writer = feeds.member("xss_writer");
    feeds.member("xss_target");

    JsonNode status =
        post(
            writer,
            "<script>alert(1)</script> @<b>xss_target</b> #\"onmouseover=alert(1) "
                + "<img src=x onerror=alert(1)> '@xss_target' \"#xss\" &amp; #xss<i>",
            "public");

    String content = status.get("content").asText();
    String ours =
        content
            .replace(mentionLink("xss_target"), "")
            .replace(tagLink("xss", "xss"), "")
            .replace("<p>", "")
            .replace("</p>", "");
    assertThat(ours).doesNotContain("<", ">", "\"");
    assertThat(content)
        .contains(
            "&lt;script&gt;alert(1)&lt;/script&gt;",
            "@&lt;b&gt;xss_target&lt;/b&gt;",
            "#&quot;onmouseover=alert(1)",
            "&lt;img src=x onerror=alert(1)&gt;",
            "&amp;amp;",
            "&#39;" + mentionLink("xss_target") + "&#39;",
            "&quot;" + tagLink("xss", "xss") + "&quot;",
            tagLink("xss", "xss") + "&lt;i&gt;");
    assertThat(status.get("mentions")).hasSize(1);
    assertThat(status.get("tags")).hasSize(1);
  }
}
