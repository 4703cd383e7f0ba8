package app.podium.bench.model;

/**
 * AWS list prices, us-east-1, on-demand, no free tier and no volume discount, as read on 2026-11-25
 * through the stored web pages this project can search (no live access to aws.amazon.com). Each
 * constant names the page it came from; where that page is not AWS's own, the figure could not be
 * confirmed on AWS's pricing page and the comment says so.
 */
public final class Prices {
  private Prices() {}

  public static final String READ_ON = "2026-11-25";

  /**
   * DynamoDB on-demand, Standard table class: $0.625 per million write request units. Source:
   * https://airbyte.com/data-engineering-resources/dynamodb-pricing ("US East Region"). Not
   * confirmed on https://aws.amazon.com/dynamodb/pricing/on-demand/ (the stored copy of AWS's page
   * shows no figure).
   */
  public static final double DYNAMODB_PER_MILLION_WRU = 0.625;

  /** DynamoDB on-demand read request units: $0.125 per million. Same source and caveat as WRU. */
  public static final double DYNAMODB_PER_MILLION_RRU = 0.125;

  /**
   * DynamoDB Standard storage: $0.25 per GB-month beyond the first 25 GB. Source: AWS's own page,
   * https://aws.amazon.com/dynamodb/pricing/ ("prices start from $0.25 per GB-month").
   */
  public static final double DYNAMODB_PER_GB_MONTH = 0.25;

  /**
   * Lambda Arm duration, first 7.5 billion GB-seconds a month: $0.0000133334 per GB-second.
   * Sources: https://cloudchipr.com/blog/aws-lambda-pricing ("US East (N. Virginia)", tiered Arm
   * prices) and
   * https://git.mcrn.ar/mariano/lambda_local_runner/src/commit/957e45b8adae23ce50b966346229585b5df18b4d/docs/lambdas-md/lambda-13-cost.md
   * Not confirmed on https://aws.amazon.com/lambda/pricing/ (the stored copy shows no figure).
   * Volume tiers (cheaper beyond 7.5 billion GB-s) are ignored: the national figures overstate
   * Lambda a little.
   */
  public static final double LAMBDA_ARM_PER_GB_SECOND = 0.0000133334;

  /**
   * Lambda requests: $0.20 per million, both architectures. Same sources and caveat as duration.
   */
  public static final double LAMBDA_PER_MILLION_REQUESTS = 0.20;

  /**
   * SNS standard topic publishes: $0.50 per million (64 KB chunks; Podium's events are far
   * smaller); deliveries to SQS are not charged. Source:
   * https://www.factualminds.com/blog/amazon-sns-pricing-publishes-fanout-protocols/ (2026-06-13).
   * Not confirmed on https://aws.amazon.com/sns/pricing/.
   */
  public static final double SNS_PER_MILLION_PUBLISHES = 0.50;

  /**
   * SQS standard queue requests: $0.40 per million (first 100 billion a month; 64 KB chunks).
   * Sources: https://cloudburn.io/blog/amazon-sqs-pricing ("US East (N. Virginia) as of March
   * 2026") and https://www.factualminds.com/blog/amazon-sqs-pricing-64kb-rule-fifo-vs-standard/.
   * Not confirmed on https://aws.amazon.com/sqs/pricing/.
   */
  public static final double SQS_PER_MILLION_REQUESTS = 0.40;

  /** Hours in a month as AWS bills them (730). */
  public static final double SECONDS_PER_MONTH = 730 * 3600.0;
}
