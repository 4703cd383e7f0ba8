package app.podium;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The shape of {@code functions} as rules: each feature {@code app.podium.<feature>} holds its
 * domain (records, services, store interfaces), {@code <feature>.api} its routes and views, {@code
 * <feature>.store} its DynamoDB repositories; {@code shared}, {@code http} and {@code store} are
 * the mechanism they share.
 */
class ArchitectureTest {
  static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("app.podium");

  /**
   * A feature's domain package, and the shared one: not its api, not its store, not operations'
   * handlers.
   */
  static final String[] DOMAIN = {
    "app.podium.accounts",
    "app.podium.apps",
    "app.podium.conversations",
    "app.podium.fanout",
    "app.podium.graph",
    "app.podium.instance",
    "app.podium.invites",
    "app.podium.markers",
    "app.podium.moderation",
    "app.podium.notifications",
    "app.podium.reactions",
    "app.podium.shared",
    "app.podium.signup",
    "app.podium.statuses",
    "app.podium.timelines",
    "app.podium.web"
  };

  @Test
  void theDomainImportsNoAwsJacksonOrLambdaType() {
    noClasses()
        .that()
        .resideInAnyPackage(DOMAIN)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("software.amazon..", "com.amazonaws..", "com.fasterxml.jackson..")
        .because(
            "the domain is the rules of Podium, testable without AWS and movable to another store or runtime; "
                + "SDK, Lambda and JSON types belong in a feature's store, its api, or the http mechanism")
        .check(CLASSES);
  }

  @Test
  void theDomainKnowsNeitherRoutesNorStores() {
    noClasses()
        .that()
        .resideInAnyPackage(DOMAIN)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("..api..", "..store..", "app.podium.http..")
        .because(
            "dependencies run from api to services to stores to domain: services declare the store "
                + "interfaces they need and the composition root (Backend) plugs the repositories in")
        .check(CLASSES);
  }

  @Test
  void storesKnowNoRoute() {
    noClasses()
        .that()
        .resideInAnyPackage("..store..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("..api..", "app.podium.http..")
        .because(
            "a repository stores domain records; what a request looks like is the api's business")
        .check(CLASSES);
  }

  @Test
  void routesNeverReachAStore() {
    noClasses()
        .that()
        .resideInAPackage("..api..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("..store..")
        .orShould()
        .dependOnClassesThat()
        .haveSimpleNameEndingWith("Store")
        .because(
            "a route's code parses, calls one service and maps the result: every read and write goes through "
                + "a service, where the rules (visibility, blocks, rate limits) are applied once")
        .check(CLASSES);
  }

  @Test
  void featuresDoNotDependOnEachOtherInACircle() {
    slices()
        .matching("app.podium.(*)..")
        .should()
        .beFreeOfCycles()
        .because(
            "a feature is understood, changed and tested from the features below it alone; where a lower "
                + "feature needs a higher one's work it declares a port that the composition root fills")
        .check(CLASSES);
  }
}
