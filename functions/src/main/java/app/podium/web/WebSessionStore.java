package app.podium.web;

import java.util.Optional;

/** Web sessions by the hash of their id. */
public interface WebSessionStore {
  /** Stores a new session; its id is 256 random bits, so its hash is taken by no other. */
  void create(WebSession session);

  Optional<WebSession> find(String idHash);

  /** Ends the session; ending one already gone is not an error. */
  void delete(String idHash);
}
