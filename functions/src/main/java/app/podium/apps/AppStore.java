package app.podium.apps;

import java.util.Optional;

public interface AppStore {
  void create(RegisteredApp app);

  Optional<RegisteredApp> find(String clientId);
}
