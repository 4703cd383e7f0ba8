package app.podium.engine.limits;

import app.podium.engine.value.Value;

/**
 * Units a request spends on one partition key of a table or of one of its indexes ({@code index}
 * null: the table itself).
 */
public record Charge(String table, String index, Value key, double readUnits, double writeUnits) {
  public static Charge read(String table, String index, Value key, double units) {
    return new Charge(table, index, key, units, 0);
  }

  public static Charge write(String table, String index, Value key, double units) {
    return new Charge(table, index, key, 0, units);
  }
}
