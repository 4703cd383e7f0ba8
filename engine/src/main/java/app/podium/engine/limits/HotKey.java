package app.podium.engine.limits;

/**
 * One partition key in the hot-key report: the most units it took in any one second, and how many
 * requests it refused. {@code index} is null for the table itself; {@code key} is the key's type
 * and value ({@code S:alice}).
 */
public record HotKey(
    String table,
    String index,
    String key,
    double peakReadUnits,
    double peakWriteUnits,
    long throttled) {
  /**
   * The key's peak as a share of DynamoDB's per-partition limits: how close it came to being
   * throttled.
   */
  public double heat() {
    return Math.max(
        peakReadUnits / PartitionThroughput.READ_LIMIT,
        peakWriteUnits / PartitionThroughput.WRITE_LIMIT);
  }

  /** {@code table} or {@code table/index}. */
  public String where() {
    return index == null ? table : table + "/" + index;
  }
}
