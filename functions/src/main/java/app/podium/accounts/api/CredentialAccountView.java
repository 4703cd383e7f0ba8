package app.podium.accounts.api;

import app.podium.accounts.Account;
import app.podium.shared.Settings;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import java.util.Locale;

/**
 * Mastodon's CredentialAccount: the Account plus {@code source} and {@code role}, and, as a Podium
 * extension, who invited the member.
 */
public record CredentialAccountView(
    @JsonUnwrapped AccountView account, Source source, Role role, String invitedByAccountId) {

  /**
   * Mastodon's {@code source}: the plain-text profile and the posting defaults. {@code language} is
   * an ISO 639-1 code (or empty), so a signup locale such as {@code pt-BR} gives {@code pt}.
   */
  public record Source(
      String privacy,
      boolean sensitive,
      String language,
      String note,
      List<Object> fields,
      int followRequestsCount,
      Boolean hideCollections,
      Boolean discoverable,
      boolean indexable) {}

  public record Role(
      String id, String name, String permissions, String color, boolean highlighted) {}

  public static CredentialAccountView of(Account account, Settings settings) {
    Role role =
        account.isAdmin()
            ? new Role("3", "Owner", "1048575", "", true)
            : new Role("-99", "", "65536", "", false);
    return new CredentialAccountView(
        AccountView.of(account, settings),
        new Source(
            "public",
            false,
            language(account.locale()),
            account.note(),
            List.of(),
            0,
            false,
            true,
            false),
        role,
        account.invitedBy().orElse(null));
  }

  private static String language(String locale) {
    return locale == null ? "" : locale.split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
  }
}
