package app.podium.api.views;

import app.podium.domain.AuthoredStatus;
import app.podium.domain.Settings;
import app.podium.domain.Status;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Mastodon's Status entity. The text is escaped into paragraphs: no markup from a client survives. */
public record StatusView(
    String id,
    String uri,
    String url,
    String createdAt,
    AccountView account,
    String content,
    String visibility,
    boolean sensitive,
    String spoilerText,
    List<Object> mediaAttachments,
    // Mastodon leaves it out when the posting app is not shown; Podium does not record it
    @JsonInclude(JsonInclude.Include.NON_NULL) Object application,
    List<Object> mentions,
    List<Object> tags,
    List<Object> emojis,
    long reblogsCount,
    long favouritesCount,
    long repliesCount,
    String inReplyToId,
    String inReplyToAccountId,
    Object reblog,
    Object poll,
    Object card,
    String language,
    String text,
    String editedAt,
    boolean favourited,
    boolean reblogged,
    boolean muted,
    boolean bookmarked,
    List<Object> filtered) {

  public static StatusView of(AuthoredStatus authored, Settings settings) {
    Status status = authored.status();
    String username = authored.author().username();
    return new StatusView(status.id(), settings.baseUrl() + "/users/" + username + "/statuses/" + status.id(),
        settings.baseUrl() + "/@" + username + "/" + status.id(), Times.iso(status.createdAt()),
        AccountView.of(authored.author(), settings), Html.paragraphs(status.text()), status.visibility().text(),
        status.sensitive(), status.spoilerText(), List.of(), null, List.of(), List.of(), List.of(), 0, 0, 0,
        status.inReplyToId().orElse(null), status.inReplyToAccountId().orElse(null), null, null, null,
        status.language(), null, null, false, false, false, false, List.of());
  }

  /** The answer to a delete: the status with its source text, so clients can redraft it. */
  public static StatusView deleted(AuthoredStatus authored, Settings settings) {
    StatusView view = of(authored, settings);
    return new StatusView(view.id, view.uri, view.url, view.createdAt, view.account, view.content, view.visibility,
        view.sensitive, view.spoilerText, view.mediaAttachments, view.application, view.mentions, view.tags,
        view.emojis, view.reblogsCount, view.favouritesCount, view.repliesCount, view.inReplyToId,
        view.inReplyToAccountId, view.reblog, view.poll, view.card, view.language, authored.status().text(),
        view.editedAt, view.favourited, view.reblogged, view.muted, view.bookmarked, view.filtered);
  }
}
