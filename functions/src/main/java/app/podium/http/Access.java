package app.podium.http;

import java.util.Optional;

/**
 * Who may call a route: anyone, anyone with the caller known when a token is sent (optional), any
 * live token (an app token too), or a member's token; with a scope.
 *
 * <p>Protected routes go through the Lambda authorizer ({@code AuthorizeRequestHandler}). It has no
 * identity source and no cache, so it runs for every protected request, turns the bearer token into
 * the caller (or none), and leaves the verdict to the route function ({@link RouteHandler}): API
 * Gateway cannot shape an authorizer's denial, and Mastodon clients need {@code 401 {"error": ...}}
 * and scope errors as Mastodon words them.
 *
 * <p>A page ({@link #PAGE}) is read by a browser: no bearer token, no authorizer; its visitor is
 * the web session its cookie names, which {@link RouteHandler} resolves, with the CSRF checks, for
 * every page alike ({@link PageGuard}).
 */
public record Access(Kind kind, Optional<String> scope) {
  public enum Kind {
    PUBLIC,
    OPTIONAL,
    APP,
    USER,
    PAGE
  }

  public static final Access PUBLIC = new Access(Kind.PUBLIC, Optional.empty());
  public static final Access OPTIONAL = new Access(Kind.OPTIONAL, Optional.empty());
  public static final Access PAGE = new Access(Kind.PAGE, Optional.empty());

  /** Any live token, an app's too; {@code scope} may be null: any scope. */
  public static Access app(String scope) {
    return new Access(Kind.APP, Optional.ofNullable(scope));
  }

  public static Access user(String scope) {
    return new Access(Kind.USER, Optional.of(scope));
  }

  /** Whether a browser reads it: HTML answers, errors as a page, the session from a cookie. */
  public boolean isPage() {
    return kind == Kind.PAGE;
  }

  public boolean needsAuthorizer() {
    return kind != Kind.PUBLIC && kind != Kind.PAGE;
  }
}
