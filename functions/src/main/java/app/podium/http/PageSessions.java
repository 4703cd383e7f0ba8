package app.podium.http;

import java.util.Optional;

/**
 * Finds the live web session a session cookie names (the web feature's sessions, plugged in by the
 * composition root): empty for an unknown, expired or ended session, or one whose member may no
 * longer sign in.
 */
@FunctionalInterface
public interface PageSessions {
  Optional<PageSession> find(String sessionId);
}
