package app.podium.domain;

import java.util.Optional;

public interface AppStore {
  void create(RegisteredApp app);

  Optional<RegisteredApp> find(String clientId);
}
