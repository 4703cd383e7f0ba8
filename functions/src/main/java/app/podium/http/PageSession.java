package app.podium.http;

/**
 * A page's signed-in visitor, as the route's code sees it: the member, and the session's CSRF token
 * that each of its forms carries.
 */
public record PageSession(String accountId, String csrfToken) {}
