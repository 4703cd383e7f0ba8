package app.podium.http;

import app.podium.shared.Scopes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, as the Lambda authorizer resolved the bearer token into the request context. An
 * anonymous caller sent no token or one that is not live.
 */
public record Caller(Optional<String> accountId, Optional<String> clientId, Scopes scopes) {
  static final String ACCOUNT_ID = "accountId";
  static final String CLIENT_ID = "clientId";
  static final String SCOPES = "scopes";

  public static final Caller ANONYMOUS =
      new Caller(Optional.empty(), Optional.empty(), new Scopes(Set.of()));

  public boolean isAuthenticated() {
    return clientId.isPresent();
  }

  /** The authorizer's context values (strings only, as API Gateway passes them on). */
  public Map<String, String> toContext() {
    Map<String, String> context = new HashMap<>();
    accountId.ifPresent(id -> context.put(ACCOUNT_ID, id));
    clientId.ifPresent(id -> context.put(CLIENT_ID, id));
    context.put(SCOPES, scopes.text());
    return context;
  }

  private static Scopes scopes(String text) {
    return text.isBlank() ? new Scopes(Set.of()) : Scopes.parse(text);
  }

  public static Caller fromContext(Map<String, Object> context) {
    if (context == null || context.get(CLIENT_ID) == null) {
      return ANONYMOUS;
    }
    Object account = context.get(ACCOUNT_ID);
    return new Caller(
        Optional.ofNullable(account).map(Object::toString).filter(s -> !s.isEmpty()),
        Optional.of(context.get(CLIENT_ID).toString()),
        scopes(String.valueOf(context.getOrDefault(SCOPES, ""))));
  }
}
