package app.podium.engine.ops;

import app.podium.engine.limits.Throughput;
import app.podium.engine.store.Database;
import java.time.Clock;

/** What the operations work on: the data, the throughput limits and the clock. */
public record Context(Database database, Throughput throughput, Clock clock) {}
