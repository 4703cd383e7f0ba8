package app.podium.accounts.api;

import app.podium.accounts.Account;
import app.podium.http.Html;
import app.podium.http.Times;
import app.podium.shared.Settings;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Mastodon's Account entity. A suspended account is rendered as Mastodon renders one: {@code
 * suspended: true} (the field is absent otherwise), no display name, note, emojis or fields,
 * default images.
 */
public record AccountView(
    String id,
    String username,
    String acct,
    String displayName,
    boolean locked,
    boolean bot,
    boolean discoverable,
    boolean indexable,
    boolean group,
    String createdAt,
    String note,
    String url,
    String uri,
    String avatar,
    String avatarStatic,
    String header,
    String headerStatic,
    long followersCount,
    long followingCount,
    long statusesCount,
    String lastStatusAt,
    boolean hideCollections,
    boolean noindex,
    List<Object> emojis,
    List<Object> roles,
    List<Object> fields,
    @JsonInclude(JsonInclude.Include.NON_NULL) Boolean suspended) {

  public static AccountView of(Account account, Settings settings) {
    String profile = settings.baseUrl() + "/@" + account.username();
    boolean suspended = account.suspended();
    return new AccountView(
        account.id(),
        account.username(),
        account.username(),
        suspended ? "" : account.displayName(),
        false,
        false,
        !suspended,
        false,
        false,
        Times.day(account.createdAt()),
        suspended ? "" : Html.paragraphs(account.note()),
        profile,
        settings.baseUrl() + "/users/" + account.username(),
        settings.baseUrl() + "/avatars/original/missing.png",
        settings.baseUrl() + "/avatars/original/missing.png",
        settings.baseUrl() + "/headers/original/missing.png",
        settings.baseUrl() + "/headers/original/missing.png",
        account.followersCount(),
        account.followingCount(),
        account.statusesCount(),
        account.lastStatusAt().map(Times::date).orElse(null),
        false,
        false,
        List.of(),
        List.of(),
        List.of(),
        suspended ? Boolean.TRUE : null);
  }
}
