package app.podium.statuses.api;

import app.podium.accounts.api.AccountView;
import app.podium.http.Times;
import app.podium.shared.Settings;
import app.podium.statuses.AuthoredStatus;
import app.podium.statuses.Interactions;
import app.podium.statuses.Status;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Mastodon's Status entity. The text is escaped into paragraphs: no markup from a client survives.
 */
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
    List<MentionView> mentions,
    List<TagView> tags,
    List<Object> emojis,
    long reblogsCount,
    long favouritesCount,
    long repliesCount,
    String inReplyToId,
    String inReplyToAccountId,
    StatusView reblog,
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

  /** Mastodon's Mention entity. */
  public record MentionView(String id, String username, String url, String acct) {}

  /** Mastodon's Tag entity as a status carries it. */
  public record TagView(String name, String url) {}

  /**
   * The status as a reader with no state of their own sees it (nobody, or where Mastodon shows
   * none).
   */
  public static StatusView of(AuthoredStatus authored, Settings settings) {
    return of(authored, settings, Interactions.NONE);
  }

  /**
   * The status as {@code reader} sees it: {@code favourited} and {@code reblogged} say what they
   * did to it. A reblog is rendered as Mastodon does: the reblogger's status, empty, with the
   * original in {@code reblog}, and the reader's state on both.
   */
  public static StatusView of(AuthoredStatus authored, Settings settings, Interactions reader) {
    Status status = authored.status();
    String username = authored.author().username();
    StatusView reblog =
        authored.reblog().map(original -> of(original, settings, reader)).orElse(null);
    String shownId = authored.reblog().map(original -> original.status().id()).orElse(status.id());
    return new StatusView(
        status.id(),
        settings.baseUrl() + "/users/" + username + "/statuses/" + status.id(),
        settings.baseUrl() + "/@" + username + "/" + status.id(),
        Times.iso(status.createdAt()),
        AccountView.of(authored.author(), settings),
        StatusHtml.content(status.text(), status.mentions(), status.tags(), settings.baseUrl()),
        status.visibility().text(),
        status.sensitive(),
        status.spoilerText(),
        List.of(),
        null,
        status.mentions().stream()
            .map(
                m ->
                    new MentionView(
                        m.accountId(),
                        m.username(),
                        settings.baseUrl() + "/@" + m.username(),
                        m.username()))
            .toList(),
        status.tags().stream()
            .map(t -> new TagView(t, StatusHtml.tagUrl(settings.baseUrl(), t)))
            .toList(),
        List.of(),
        status.counts().reblogs(),
        status.counts().favourites(),
        status.counts().replies(),
        status.inReplyToId().orElse(null),
        status.inReplyToAccountId().orElse(null),
        reblog,
        null,
        null,
        status.language(),
        null,
        null,
        reader.favourited().contains(shownId),
        reader.reblogged().contains(shownId),
        false,
        false,
        List.of());
  }

  /** The answer to a delete: the status with its source text, so clients can redraft it. */
  public static StatusView deleted(AuthoredStatus authored, Settings settings) {
    StatusView view = of(authored, settings);
    return new StatusView(
        view.id,
        view.uri,
        view.url,
        view.createdAt,
        view.account,
        view.content,
        view.visibility,
        view.sensitive,
        view.spoilerText,
        view.mediaAttachments,
        view.application,
        view.mentions,
        view.tags,
        view.emojis,
        view.reblogsCount,
        view.favouritesCount,
        view.repliesCount,
        view.inReplyToId,
        view.inReplyToAccountId,
        view.reblog,
        view.poll,
        view.card,
        view.language,
        authored.status().text(),
        view.editedAt,
        view.favourited,
        view.reblogged,
        view.muted,
        view.bookmarked,
        view.filtered);
  }
}
