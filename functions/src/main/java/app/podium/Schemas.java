package app.podium;

import app.podium.accounts.store.AccountItem;
import app.podium.accounts.store.UniqueKeyItem;
import app.podium.apps.store.DynamoDbAppRepository;
import app.podium.apps.store.DynamoDbAuthorizationCodeRepository;
import app.podium.apps.store.DynamoDbTokenRepository;
import app.podium.graph.store.DynamoDbBlockMuteRepository;
import app.podium.graph.store.DynamoDbFollowRepository;
import app.podium.invites.store.InviteItem;
import app.podium.moderation.store.DynamoDbReportRepository;
import app.podium.reactions.store.DynamoDbReactionRepository;
import app.podium.signup.store.DynamoDbWaitlistRepository;
import app.podium.statuses.store.StatusItem;
import app.podium.store.TimelineItem;
import app.podium.web.store.DynamoDbWebSessionRepository;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.KeyAttributeMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Every static table schema of the store, for warming them up before a SnapStart checkpoint. */
public final class Schemas {
  static final List<TableSchema<?>> ALL =
      List.of(
          AccountItem.SCHEMA,
          UniqueKeyItem.SCHEMA,
          StatusItem.SCHEMA,
          InviteItem.SCHEMA,
          TimelineItem.SCHEMA,
          DynamoDbTokenRepository.TokenItem.SCHEMA,
          DynamoDbFollowRepository.FollowItem.SCHEMA,
          DynamoDbAppRepository.AppItem.SCHEMA,
          DynamoDbWaitlistRepository.WaitlistItem.SCHEMA,
          DynamoDbBlockMuteRepository.BlockMuteItem.SCHEMA,
          DynamoDbReactionRepository.ReactionItem.SCHEMA,
          DynamoDbReportRepository.ReportItem.SCHEMA,
          DynamoDbWebSessionRepository.WebSessionItem.SCHEMA,
          DynamoDbAuthorizationCodeRepository.AuthorizationCodeItem.SCHEMA);

  private Schemas() {}

  /**
   * Maps an item of each schema both ways (attribute map to item to attribute map), so their
   * builders, getters, setters and converters are loaded and linked. Returns how many schemas it
   * mapped.
   */
  public static int prime() {
    for (TableSchema<?> schema : ALL) {
      roundTrip(schema);
    }
    return ALL.size();
  }

  private static <T> Map<String, AttributeValue> roundTrip(TableSchema<T> schema) {
    Map<String, AttributeValue> key = new LinkedHashMap<>();
    for (KeyAttributeMetadata attribute : schema.tableMetadata().keyAttributes()) {
      key.put(
          attribute.name(),
          attribute.attributeValueType() == AttributeValueType.N
              ? AttributeValue.fromN("0")
              : AttributeValue.fromS("priming"));
    }
    T item = schema.mapToItem(key);
    if (item == null) {
      throw new IllegalStateException(
          "no item from the keys of " + schema.itemType().rawClass().getSimpleName());
    }
    return schema.itemToMap(item, true);
  }
}
