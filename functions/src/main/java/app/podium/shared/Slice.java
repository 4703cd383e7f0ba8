package app.podium.shared;

import java.util.List;
import java.util.Optional;

/** Part of a longer list and where the next part starts, if there is one. */
public record Slice<T>(List<T> items, Optional<String> next) {}
