package app.podium.statuses.api;

import app.podium.http.Html;
import app.podium.statuses.Mention;
import app.podium.statuses.StatusText;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A status's text as the HTML Mastodon clients render: {@link Html#paragraphs}, with the status's
 * resolved mentions and hashtags linked as Mastodon links them.
 */
public final class StatusHtml {
  private StatusHtml() {}

  /**
   * As {@link Html#paragraphs}, with each mention of a member in {@code mentions} linked to their
   * profile and each hashtag in {@code tags} (case-folded names) linked to its timeline under
   * {@code baseUrl}. Names that resolved to nobody stay plain text.
   */
  public static String content(
      String text, List<Mention> mentions, List<String> tags, String baseUrl) {
    if (text == null || text.isBlank()) {
      return "";
    }
    String plain = text.strip().replace("\r\n", "\n");
    Map<String, Mention> byName = new HashMap<>();
    mentions.forEach(m -> byName.putIfAbsent(m.username().toLowerCase(Locale.ROOT), m));
    Set<String> linkedTags = Set.copyOf(tags);
    StringBuilder html = new StringBuilder("<p>");
    int at = 0;
    for (StatusText.Entity entity : StatusText.entities(plain)) {
      String link =
          switch (entity.kind()) {
            case MENTION -> {
              Mention mention = byName.get(entity.name().toLowerCase(Locale.ROOT));
              yield mention == null ? null : mention(mention, baseUrl);
            }
            case TAG ->
                linkedTags.contains(StatusText.fold(entity.name()))
                    ? tag(entity.name(), baseUrl)
                    : null;
          };
      if (link != null) {
        html.append(Html.lines(plain.substring(at, entity.start()))).append(link);
        at = entity.end();
      }
    }
    return html.append(Html.lines(plain.substring(at))).append("</p>").toString();
  }

  /** The URL of a hashtag's timeline: the case-folded name, percent-encoded. */
  public static String tagUrl(String baseUrl, String foldedTag) {
    return baseUrl + "/tags/" + URLEncoder.encode(foldedTag, StandardCharsets.UTF_8);
  }

  private static String mention(Mention mention, String baseUrl) {
    return "<span class=\"h-card\" translate=\"no\"><a href=\""
        + Html.escape(baseUrl + "/@" + mention.username())
        + "\" class=\"u-url mention\">@<span>"
        + Html.escape(mention.username())
        + "</span></a></span>";
  }

  private static String tag(String typed, String baseUrl) {
    return "<a href=\""
        + Html.escape(tagUrl(baseUrl, StatusText.fold(typed)))
        + "\" class=\"mention hashtag\" rel=\"tag\">#<span>"
        + Html.escape(typed)
        + "</span></a>";
  }
}
