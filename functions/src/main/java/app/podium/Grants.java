package app.podium;

import static app.podium.Tables.ACCOUNTS;
import static app.podium.Tables.COUNTER_SHARDS;
import static app.podium.Tables.FOLLOWS;
import static app.podium.Tables.POSTS;
import static app.podium.Tables.REACTIONS;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a function may touch besides its own log group: the tables it reads and writes, the
 * post-events topic, the fan-out queue and the secrets. Declared beside each route (and beside the
 * authorizer, the fan-out, the admin bootstrap and the origin secret's rotation); the CDK stack
 * turns it into the function's IAM statements and the environment variables that go with them, and
 * nothing else grants a function anything. {@code GrantsProvenIT} holds each declaration against
 * the calls the function's code really makes.
 *
 * <p>Reads are GetItem, BatchGetItem, Query (on the table and its indexes) and ConditionCheckItem;
 * writes are PutItem, UpdateItem, DeleteItem and BatchWriteItem. Transactions need no action of
 * their own: DynamoDB authorizes each item of a TransactWriteItems call by its own action.
 * Conditional writes and {@code ReturnValues} need only the write action, so a counter (rate
 * limits) is write-only.
 *
 * @param declared the tables named in the declaration; {@link #tables()} adds the counter shards
 *     they imply
 * @param readsAdminSecret {@code secretsmanager:GetSecretValue} on the generated admin secret, no
 *     other
 * @param readsOriginSecret {@code secretsmanager:GetSecretValue} on the origin secret: every route
 *     function and the authorizer refuse requests that did not come through CloudFront ({@code
 *     OriginCheck})
 * @param rotatesOriginSecret Secrets Manager's rotation steps on the origin secret and the
 *     distribution's configuration, to put each new value into its origin header
 */
public record Grants(
    Map<Tables.Table, Access> declared,
    boolean publishesPostEvents,
    boolean sendsToFanoutQueue,
    boolean readsAdminSecret,
    boolean readsOriginSecret,
    boolean rotatesOriginSecret) {

  /** What a function does with one table. */
  public enum Access {
    READ,
    WRITE,
    READ_WRITE;

    public boolean reads() {
      return this != WRITE;
    }

    public boolean writes() {
      return this != READ;
    }
  }

  /** Nothing: only the function's own log group. */
  public static final Grants NONE = new Grants(Map.of(), false, false, false, false, false);

  /** Where a declaration starts: nothing yet, then each table, topic, queue or secret named. */
  public static Grants grants() {
    return NONE;
  }

  public Grants {
    declared = Collections.unmodifiableMap(new LinkedHashMap<>(declared));
  }

  public Grants read(Tables.Table table) {
    return with(table, Access.READ);
  }

  public Grants write(Tables.Table table) {
    return with(table, Access.WRITE);
  }

  public Grants readWrite(Tables.Table table) {
    return with(table, Access.READ_WRITE);
  }

  public Grants publishPostEvents() {
    return new Grants(
        declared,
        true,
        sendsToFanoutQueue,
        readsAdminSecret,
        readsOriginSecret,
        rotatesOriginSecret);
  }

  public Grants sendToFanoutQueue() {
    return new Grants(
        declared,
        publishesPostEvents,
        true,
        readsAdminSecret,
        readsOriginSecret,
        rotatesOriginSecret);
  }

  public Grants readAdminSecret() {
    return new Grants(
        declared,
        publishesPostEvents,
        sendsToFanoutQueue,
        true,
        readsOriginSecret,
        rotatesOriginSecret);
  }

  /**
   * Every route function and the authorizer check the origin before anything else ({@code
   * OriginCheck}).
   */
  public Grants readOriginSecret() {
    return new Grants(
        declared,
        publishesPostEvents,
        sendsToFanoutQueue,
        readsAdminSecret,
        true,
        rotatesOriginSecret);
  }

  public Grants rotateOriginSecret() {
    return new Grants(
        declared,
        publishesPostEvents,
        sendsToFanoutQueue,
        readsAdminSecret,
        readsOriginSecret,
        true);
  }

  private Grants with(Tables.Table table, Access access) {
    if (declared.containsKey(table)) {
      throw new IllegalStateException(table.name() + " listed twice for one function");
    }
    Map<Tables.Table, Access> tables = new LinkedHashMap<>(declared);
    tables.put(table, access);
    return new Grants(
        tables,
        publishesPostEvents,
        sendsToFanoutQueue,
        readsAdminSecret,
        readsOriginSecret,
        rotatesOriginSecret);
  }

  /**
   * The tables the function may touch: those declared, and the counter shards they imply. An
   * account's follower count and a large account's status's counts include their counter shards
   * ({@code counter_shards}): whoever reads accounts or statuses reads those, and whoever writes
   * follows, reactions or statuses (a reply counts on its parent) writes them.
   */
  public Map<Tables.Table, Access> tables() {
    boolean readsCounts = reads(ACCOUNTS) || reads(POSTS);
    boolean writesCounts = writes(FOLLOWS) || writes(REACTIONS) || writes(POSTS);
    if (declared.containsKey(COUNTER_SHARDS) || !readsCounts && !writesCounts) {
      return declared;
    }
    Map<Tables.Table, Access> tables = new LinkedHashMap<>(declared);
    tables.put(
        COUNTER_SHARDS,
        readsCounts && writesCounts ? Access.READ_WRITE : readsCounts ? Access.READ : Access.WRITE);
    return Collections.unmodifiableMap(tables);
  }

  /** What the function may do with one table (counter shards included), or null for nothing. */
  public Access access(Tables.Table table) {
    return tables().get(table);
  }

  private boolean reads(Tables.Table table) {
    return declared.containsKey(table) && declared.get(table).reads();
  }

  private boolean writes(Tables.Table table) {
    return declared.containsKey(table) && declared.get(table).writes();
  }
}
