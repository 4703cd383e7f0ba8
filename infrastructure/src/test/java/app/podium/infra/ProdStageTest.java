package app.podium.infra;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.Tables;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.CfnDeletionPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.dynamodb.CfnGlobalTable;

/**
 * The prod stage, read from the construct tree: what differs from dev needs no second synthesis.
 */
class ProdStageTest {
  private static PodiumStack prod;

  @BeforeAll
  static void build() {
    prod = Synthesized.build("prod", Set.of());
  }

  @Test
  void prodTablesAreProtectedFromDeletionAndRetainedWhenTheStackGoes() {
    for (Tables.Table table : Tables.ALL) {
      CfnGlobalTable cfn = (CfnGlobalTable) prod.tables().get(table).getNode().getDefaultChild();
      assertThat(cfn.getCfnOptions().getDeletionPolicy())
          .as(table.name())
          .isEqualTo(CfnDeletionPolicy.RETAIN);
      assertThat(cfn.getCfnOptions().getUpdateReplacePolicy())
          .as(table.name())
          .isEqualTo(CfnDeletionPolicy.RETAIN);
      Object replicas = Stack.of(cfn).resolve(cfn.getReplicas());
      assertThat(((Map<?, ?>) ((List<?>) replicas).getFirst()).get("deletionProtectionEnabled"))
          .as(table.name())
          .isEqualTo(true);
    }
  }

  @Test
  void prodNamesCarryTheStage() {
    assertThat(prod.config().prefix()).isEqualTo("podium-prod-");
    CfnGlobalTable accounts =
        (CfnGlobalTable) prod.tables().get(Tables.ACCOUNTS).getNode().getDefaultChild();
    assertThat(accounts.getTableName()).isEqualTo("podium-prod-accounts");
  }
}
