package app.podium.infra;

import app.podium.Grants;
import app.podium.Routes;
import app.podium.Tables;
import app.podium.http.PageGuard;
import app.podium.http.Route;
import app.podium.operations.RotateOriginSecretHandler;
import app.podium.shared.Variables;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnRule;
import software.amazon.awscdk.CfnRuleAssertion;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.NestedStack;
import software.amazon.awscdk.NestedStackProps;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpLambdaAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpLambdaAuthorizerProps;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpLambdaResponseType;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigatewayv2.ApiMapping;
import software.amazon.awscdk.services.apigatewayv2.CfnAuthorizer;
import software.amazon.awscdk.services.apigatewayv2.CorsHttpMethod;
import software.amazon.awscdk.services.apigatewayv2.CorsPreflightOptions;
import software.amazon.awscdk.services.apigatewayv2.DomainName;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpRoute;
import software.amazon.awscdk.services.apigatewayv2.HttpRouteKey;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogDestination;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogSettings;
import software.amazon.awscdk.services.apigatewayv2.LogGroupLogDestination;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.cloudfront.AllowedMethods;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.CacheCookieBehavior;
import software.amazon.awscdk.services.cloudfront.CacheHeaderBehavior;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.CacheQueryStringBehavior;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.FunctionAssociation;
import software.amazon.awscdk.services.cloudfront.FunctionCode;
import software.amazon.awscdk.services.cloudfront.FunctionEventType;
import software.amazon.awscdk.services.cloudfront.FunctionRuntime;
import software.amazon.awscdk.services.cloudfront.GeoRestriction;
import software.amazon.awscdk.services.cloudfront.HttpVersion;
import software.amazon.awscdk.services.cloudfront.OriginProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.OriginRequestCookieBehavior;
import software.amazon.awscdk.services.cloudfront.OriginRequestHeaderBehavior;
import software.amazon.awscdk.services.cloudfront.OriginRequestPolicy;
import software.amazon.awscdk.services.cloudfront.OriginRequestQueryStringBehavior;
import software.amazon.awscdk.services.cloudfront.OriginSslPolicy;
import software.amazon.awscdk.services.cloudfront.PriceClass;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.HttpOrigin;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.Billing;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexPropsV2;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.TablePropsV2;
import software.amazon.awscdk.services.dynamodb.TableV2;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Permission;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.secretsmanager.CfnRotationSchedule;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sns.subscriptions.SqsSubscription;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.amazon.awscdk.services.wafv2.CfnWebACL;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * Podium on AWS: the tables of {@link Tables}, one function per route of {@link Routes} behind an
 * HTTP API with the bearer-token authorizer, CloudFront and its WAF web ACL ({@link Firewall}) in
 * front, the SNS to SQS fan-out and its function, and the alarms. What each function may touch
 * comes from its declaration's {@link Grants} alone ({@link Routes#FUNCTIONS}).
 *
 * <p>A route's function and what is its own (role and policy, log group, version and alias, route,
 * integration, permission, alarms) live in a nested stack per area of the API ({@link RouteAreas}):
 * about 11 resources a route would take one stack past CloudFormation's 500 at some 40 routes.
 * Tables, topics, queues, secrets, the API, its authorizer and CloudFront stay in this stack; CDK
 * passes their references to the nested stacks as parameters.
 */
public final class PodiumStack extends Stack {
  /**
   * The alias every caller (API Gateway, the queue) invokes, so SnapStart's published versions
   * serve.
   */
  public static final String ALIAS = "live";

  public static final String ORIGIN_HEADER = "X-Origin-Verify";

  /**
   * The request headers the functions read (ApiRequest, the posting route's Idempotency-Key)
   * besides Authorization, which only a cache policy can forward (see distribution()).
   */
  static final List<String> FORWARDED_HEADERS =
      List.of(
          "CloudFront-Viewer-Country",
          "CloudFront-Viewer-Address",
          "Content-Type",
          "Idempotency-Key",
          "Origin",
          // the pages refuse a POST a browser marks cross-site (PageGuard)
          "Sec-Fetch-Site",
          "Access-Control-Request-Method",
          "Access-Control-Request-Headers");

  static final Duration FANOUT_TIMEOUT = Duration.minutes(1);
  static final int FANOUT_BATCH_SIZE = 100;
  static final Duration FANOUT_BATCHING_WINDOW = Duration.seconds(1);
  static final int FANOUT_MAX_RECEIVES = 5;
  static final Duration QUEUE_AGE_ALARM = Duration.minutes(5);

  /** Memory (MB) and timeout of a function. */
  record Size(int memoryMb, Duration timeout) {}

  static final Size DEFAULT_SIZE = new Size(1024, Duration.seconds(10));

  /**
   * Argon2id hashing wants memory and the CPU that comes with it; the fan-out writes a page of up
   * to FANOUT_PAGE_SIZE timelines in parallel batches.
   */
  static final Map<String, Size> SIZES =
      Map.of(
          "IssueToken",
          new Size(2048, Duration.seconds(15)),
          "CreateAccount",
          new Size(2048, Duration.seconds(15)),
          Routes.BOOTSTRAP_ADMIN.name(),
          new Size(2048, Duration.seconds(30)),
          // a step reads the secret and may update the distribution's configuration
          Routes.ROTATE_ORIGIN_SECRET.name(),
          new Size(1024, Duration.seconds(30)),
          Routes.AUTHORIZER.name(),
          new Size(1024, Duration.seconds(5)),
          Routes.FANOUT.name(),
          new Size(2048, FANOUT_TIMEOUT));

  private final Config config;
  private final LambdaJars jars;
  private final Acknowledgements acknowledgements;
  private final Map<Tables.Table, TableV2> tables = new LinkedHashMap<>();

  /** The CloudFront function's source, on the classpath; the local server does the same. */
  static final String TRAILING_SLASH_FUNCTION = "/cloudfront/strip-trailing-slash.js";

  private final Map<String, Function> functions = new LinkedHashMap<>();
  private final Map<String, software.amazon.awscdk.services.lambda.Alias> aliases =
      new LinkedHashMap<>();

  /** One asset per stack and jar: CDK binds an asset to the first stack that uses it. */
  private final Map<String, Code> codes = new LinkedHashMap<>();

  /** Area ({@link RouteAreas}) to the nested stack that holds its route functions. */
  private final Map<String, NestedStack> areas = new LinkedHashMap<>();

  private final Topic postEvents;
  private final Queue fanoutQueue;
  private final Queue fanoutDeadLetters;
  private final Secret originSecret;
  private final CfnWebACL webAcl;
  private final Secret adminSecret;
  private final HttpApi api;
  private final Distribution distribution;
  private final Topic alarmTopic;

  public PodiumStack(Construct scope, String id, StackProps props, Config config) {
    this(scope, id, props, config, Set.of());
  }

  /**
   * @param without keys ({@link Acknowledgements.Acknowledgement#key()}) of acknowledgements to
   *     leave out, so a test can show that the cdk-nag check fails without them
   */
  public PodiumStack(
      Construct scope, String id, StackProps props, Config config, Set<String> without) {
    super(scope, id, props);
    this.config = config;
    this.jars = LambdaJars.of(getNode(), config);
    this.acknowledgements = new Acknowledgements(without);
    requireWebAclRegion();

    for (Tables.Table table : Tables.ALL) {
      tables.put(table, table(table));
    }

    postEvents =
        Topic.Builder.create(this, "PostEvents")
            .topicName(config.prefix() + "post-events")
            .enforceSsl(true)
            // the AWS managed key: its key policy lets every principal of the account publish
            // through SNS
            .masterKey(Alias.fromAliasName(this, "SnsManagedKey", "alias/aws/sns"))
            .build();
    fanoutDeadLetters =
        Queue.Builder.create(this, "FanoutDeadLetters")
            .queueName(config.prefix() + "fanout-dlq")
            .encryption(QueueEncryption.SQS_MANAGED)
            .enforceSsl(true)
            .retentionPeriod(Duration.days(14))
            .build();
    fanoutQueue =
        Queue.Builder.create(this, "FanoutQueue")
            .queueName(config.prefix() + "fanout")
            .encryption(QueueEncryption.SQS_MANAGED)
            .enforceSsl(true)
            // Lambda's advice for SQS sources: at least six times the function's timeout
            .visibilityTimeout(Duration.seconds(FANOUT_TIMEOUT.toSeconds().intValue() * 6))
            .retentionPeriod(Duration.days(4))
            .deadLetterQueue(
                DeadLetterQueue.builder()
                    .queue(fanoutDeadLetters)
                    .maxReceiveCount(FANOUT_MAX_RECEIVES)
                    .build())
            .build();
    postEvents.addSubscription(
        SqsSubscription.Builder.create(fanoutQueue).rawMessageDelivery(true).build());

    originSecret =
        Secret.Builder.create(this, "OriginSecret")
            .secretName("podium/" + config.stage() + "/origin-verify")
            .description(
                "Value of the X-Origin-Verify header that CloudFront adds and the API functions require; "
                    + "rotated by "
                    + config.prefix()
                    + Routes.ROTATE_ORIGIN_SECRET.name())
            .generateSecretString(
                SecretStringGenerator.builder().excludePunctuation(true).passwordLength(48).build())
            .build();

    // The first admin's credentials, generated at the first deploy and read once by BootstrapAdmin
    adminSecret =
        Secret.Builder.create(this, "AdminSecret")
            .secretName(config.prefix() + "admin")
            .description(
                "Username, email and password of Podium's first admin, created by invoking "
                    + config.prefix()
                    + Routes.BOOTSTRAP_ADMIN.name())
            .generateSecretString(
                SecretStringGenerator.builder()
                    .secretStringTemplate(
                        "{\"username\":\"admin\",\"email\":\"" + config.adminEmail() + "\"}")
                    .generateStringKey("password")
                    .passwordLength(32)
                    // printable without quoting in a shell or a JSON string
                    .excludeCharacters("\"'\\`$")
                    .build())
            .removalPolicy(removalPolicy())
            .build();

    api =
        HttpApi.Builder.create(this, "Api")
            .apiName(config.prefix() + "api")
            .description("Podium's Mastodon-compatible API; callers come through CloudFront")
            .createDefaultStage(false)
            // with a custom domain for CloudFront to call, nothing else needs the execute-api
            // endpoint
            .disableExecuteApiEndpoint(config.edge().originDomain().isPresent())
            // browser clients: API Gateway answers the preflight and adds these headers (the
            // handlers' own
            // CORS headers serve the local stack)
            .corsPreflight(
                CorsPreflightOptions.builder()
                    .allowOrigins(List.of("*"))
                    .allowMethods(List.of(CorsHttpMethod.ANY))
                    .allowHeaders(List.of("*"))
                    .exposeHeaders(
                        List.of(
                            "Link",
                            "X-RateLimit-Limit",
                            "X-RateLimit-Remaining",
                            "X-RateLimit-Reset"))
                    .maxAge(software.amazon.awscdk.Duration.days(1))
                    .build())
            .build();
    LogGroup accessLogs =
        LogGroup.Builder.create(this, "ApiAccessLogs")
            .retention(logRetention())
            .removalPolicy(removalPolicy())
            .build();
    HttpStage stage =
        HttpStage.Builder.create(this, "ApiStage")
            .httpApi(api)
            .stageName("$default")
            .autoDeploy(true)
            .throttle(
                ThrottleSettings.builder()
                    .rateLimit(config.apiRateLimit())
                    .burstLimit(config.apiBurstLimit())
                    .build())
            .accessLogSettings(
                new IAccessLogSettings() {
                  @Override
                  public IAccessLogDestination getDestination() {
                    return new LogGroupLogDestination(accessLogs);
                  }

                  @Override
                  public AccessLogFormat getFormat() {
                    return AccessLogFormat.custom(ACCESS_LOG_FORMAT);
                  }
                })
            .build();

    config.edge().originDomain().ifPresent(domain -> originDomain(domain, stage));
    webAcl = Firewall.webAcl(this, "WebAcl", config);
    distribution = distribution();
    String publicUrl =
        config.publicUrl().orElse("https://" + distribution.getDistributionDomainName());

    for (Routes.Function function : Routes.FUNCTIONS) {
      function(function, publicUrl);
    }

    HttpLambdaAuthorizer authorizer =
        new HttpLambdaAuthorizer(
            "BearerToken",
            aliases.get(Routes.AUTHORIZER.name()),
            HttpLambdaAuthorizerProps.builder()
                .authorizerName("podium-bearer-token")
                .responseTypes(List.of(HttpLambdaResponseType.SIMPLE))
                // No cache, so no identity source is needed: the authorizer runs for every
                // protected request,
                // with or without an Authorization header, and the route function words any refusal
                // (see Access).
                .resultsCacheTtl(Duration.seconds(0))
                .identitySource(List.of())
                .build());
    for (Route<?> route : Routes.ALL) {
      route(route, authorizer);
    }
    notFoundRoute();
    withoutIdentitySource();

    // batches of up to 100 (waiting at most a second to fill one): a burst of favourites of one
    // status then
    // writes its notification group once per 100 events, not once per 10 (FanoutHandler gathers
    // each batch's
    // events per group); each message still succeeds or fails on its own
    fanoutAlias()
        .addEventSource(
            SqsEventSource.Builder.create(fanoutQueue)
                .batchSize(FANOUT_BATCH_SIZE)
                .maxBatchingWindow(FANOUT_BATCHING_WINDOW)
                .reportBatchItemFailures(true)
                .maxConcurrency(config.fanoutMaxConcurrency())
                .build());

    rotateOriginSecret();

    alarmTopic =
        Topic.Builder.create(this, "Alarms")
            .topicName(config.prefix() + "alarms")
            .enforceSsl(true)
            .build();
    config
        .alarmEmail()
        .ifPresent(email -> alarmTopic.addSubscription(new EmailSubscription(email)));
    alarms();

    acknowledge();

    CfnOutput.Builder.create(this, "PublicUrl")
        .value(publicUrl)
        .description("Where clients reach the API (CloudFront)")
        .build();
    CfnOutput.Builder.create(this, "FanoutDeadLetterQueueArn")
        .value(fanoutDeadLetters.getQueueArn())
        .description(
            "Fan-out messages that failed "
                + FANOUT_MAX_RECEIVES
                + " times; once the cause is fixed, move "
                + "them back to the fan-out queue: aws sqs start-message-move-task --source-arn ...")
        .build();
    CfnOutput.Builder.create(this, "AlarmTopicArn").value(alarmTopic.getTopicArn()).build();
    CfnOutput.Builder.create(this, "OriginSecretName")
        .value(originSecret.getSecretName())
        .description(
            "Rotated every "
                + config.edge().originSecretRotationDays()
                + " days; now: aws secretsmanager "
                + "rotate-secret --secret-id ...")
        .build();
    CfnOutput.Builder.create(this, "AdminSecretName")
        .value(config.prefix() + "admin")
        .description(
            "The first admin's credentials (aws secretsmanager get-secret-value --secret-id ...)")
        .build();
    CfnOutput.Builder.create(this, "BootstrapAdminFunction")
        .value(functions.get(Routes.BOOTSTRAP_ADMIN.name()).getFunctionName())
        .description(
            "Invoke once after the first deploy: aws lambda invoke --function-name ... out.json")
        .build();
  }

  private static final String ACCESS_LOG_FORMAT =
      "{\"requestId\":\"$context.requestId\","
          + "\"time\":\"$context.requestTime\",\"routeKey\":\"$context.routeKey\",\"status\":\"$context.status\","
          + "\"sourceIp\":\"$context.identity.sourceIp\",\"latencyMs\":\"$context.responseLatency\","
          + "\"integrationStatus\":\"$context.integrationStatus\","
          + "\"integrationError\":\"$context.integrationErrorMessage\","
          + "\"authorizerError\":\"$context.authorizer.error\",\"length\":\"$context.responseLength\"}";

  // ----------------------------------------------------------------------------------------------
  // tables

  private TableV2 table(Tables.Table definition) {
    List<GlobalSecondaryIndexPropsV2> indexes =
        definition.indexes().stream()
            .map(
                index ->
                    GlobalSecondaryIndexPropsV2.builder()
                        .indexName(index.name())
                        .partitionKey(attribute(index.partitionKey()))
                        .sortKey(attribute(index.sortKey()))
                        .projectionType(ProjectionType.valueOf(index.projection().name()))
                        .build())
            .toList();
    return new TableV2(
        this,
        constructName(definition.name()) + "Table",
        TablePropsV2.builder()
            .tableName(definition.physicalName(config.prefix()))
            .partitionKey(attribute(definition.partitionKey()))
            .sortKey(definition.sortKey().map(PodiumStack::attribute).orElse(null))
            .globalSecondaryIndexes(indexes)
            .timeToLiveAttribute(definition.ttlAttribute().orElse(null))
            .billing(Billing.onDemand())
            .pointInTimeRecoverySpecification(
                PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build())
            .deletionProtection(config.isProd())
            .removalPolicy(removalPolicy())
            .build());
  }

  private static Attribute attribute(Tables.Key key) {
    return Attribute.builder()
        .name(key.name())
        .type(
            switch (key.type()) {
              case STRING -> AttributeType.STRING;
              case NUMBER -> AttributeType.NUMBER;
            })
        .build();
  }

  // -------------------------------------------------------------------------------------------
  // functions

  private void function(Routes.Function declared, String publicUrl) {
    String name = declared.name();
    Size size = SIZES.getOrDefault(name, DEFAULT_SIZE);
    // a route's function and all that is its own live in its area's nested stack; the authorizer,
    // the
    // fan-out and the admin bootstrap stay here with the API, the queue and the secret they serve
    Stack scope = declared.route().<Stack>map(this::area).orElse(this);
    LogGroup logs =
        LogGroup.Builder.create(scope, name + "Logs")
            .retention(logRetention())
            .removalPolicy(removalPolicy())
            .build();
    // A role of its own with only its log group: not the managed basic-execution policy, which may
    // write
    // to every log group of the account.
    Role role =
        Role.Builder.create(scope, name + "Role")
            .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
            .description("Podium " + name + ": its log group and what Grants gives it")
            .build();
    logs.grantWrite(role);

    Map<String, String> environment = new LinkedHashMap<>();
    environment.put(Variables.POWERTOOLS_SERVICE_NAME.name(), "podium");
    environment.put(
        Variables.POWERTOOLS_LOG_LEVEL.name(), Variables.LOG_LEVEL.read(config.settings()));
    environment.put(Variables.SIGNUP_MODE.name(), config.signupMode());
    environment.put(
        Variables.ALLOWED_COUNTRIES.name(), String.join(",", config.allowedCountries()));
    environment.put(Variables.PUBLIC_URL.name(), publicUrl);
    environment.putAll(config.settings());

    Function function =
        Function.Builder.create(scope, name)
            .functionName(config.prefix() + name)
            .description(describe(declared))
            .runtime(Runtime.JAVA_21)
            .architecture(Architecture.ARM_64)
            .handler(declared.handler() + "::handleRequest")
            .code(code(scope, declared.jar()))
            .memorySize(size.memoryMb())
            .timeout(size.timeout())
            .role(role)
            .logGroup(logs)
            .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
            .environment(environment)
            .build();
    Annotations.of(function)
        .acknowledgeWarning(
            "@aws-cdk/aws-lambda:snapStartRequirePublish",
            "API Gateway and the queue invoke the live alias, which points at the published current version");
    functions.put(name, function);

    // which route a route's function serves: RouteFunction, the handler of every route's function,
    // reads it
    declared
        .route()
        .ifPresent(route -> function.addEnvironment(Variables.PODIUM_ROUTE.name(), route.key()));
    grant(function, declared.grants());
    // after every environment variable: the version's hash covers the configuration
    aliases.put(
        name,
        software.amazon.awscdk.services.lambda.Alias.Builder.create(scope, name + "Live")
            .aliasName(ALIAS)
            .version(function.getCurrentVersion())
            .build());
  }

  /**
   * Turns a function's {@link Grants} into IAM statements, each with the variable that locates it.
   */
  private void grant(Function function, Grants needs) {
    if (!needs.tables().isEmpty()) {
      function.addEnvironment(Variables.TABLE_PREFIX.name(), config.prefix());
    }
    needs
        .tables()
        .forEach(
            (definition, access) -> {
              TableV2 table = tables.get(definition);
              List<String> actions = new ArrayList<>();
              List<String> resources = new ArrayList<>(List.of(table.getTableArn()));
              if (access.reads()) {
                actions.addAll(READ_ACTIONS);
                // the indexes it may query, by name: no index/* wildcard
                definition
                    .indexes()
                    .forEach(
                        index -> resources.add(table.getTableArn() + "/index/" + index.name()));
              }
              if (access.writes()) {
                actions.addAll(WRITE_ACTIONS);
              }
              Grant.addToPrincipal(
                  GrantOnPrincipalOptions.builder()
                      .grantee(function)
                      .actions(actions)
                      .resourceArns(resources)
                      .build());
            });
    if (needs.publishesPostEvents()) {
      postEvents.grantPublish(function);
      function.addEnvironment(Variables.POST_EVENTS_TOPIC_ARN.name(), postEvents.getTopicArn());
    }
    if (needs.sendsToFanoutQueue()) {
      fanoutQueue.grantSendMessages(function);
      function.addEnvironment(Variables.FANOUT_QUEUE_URL.name(), fanoutQueue.getQueueUrl());
    }
    if (needs.readsAdminSecret()) {
      // GetSecretValue (and DescribeSecret) on this secret's ARN; it uses the account's managed key
      adminSecret.grantRead(function);
      function.addEnvironment(Variables.ADMIN_SECRET_ARN.name(), adminSecret.getSecretArn());
    }
    if (needs.readsOriginSecret()) {
      // the values by staging label (OriginCheck); the ARN, never the value, is in the environment
      allow(function, List.of("secretsmanager:GetSecretValue"), originSecret.getSecretArn());
      function.addEnvironment(Variables.ORIGIN_SECRET_ARN.name(), originSecret.getSecretArn());
    }
    if (needs.rotatesOriginSecret()) {
      allow(function, ROTATION_SECRET_ACTIONS, originSecret.getSecretArn());
      allow(function, ROTATION_DISTRIBUTION_ACTIONS, distribution.getDistributionArn());
      // CloudFront checks that whoever updates a distribution may read the web ACL it names
      allow(function, List.of("wafv2:GetWebACL"), webAcl.getAttrArn());
      function.addEnvironment(
          RotateOriginSecretHandler.DISTRIBUTION_ID_ENV, distribution.getDistributionId());
    }
  }

  /** Secrets Manager's rotation steps: describe, read, put the pending version, move the labels. */
  static final List<String> ROTATION_SECRET_ACTIONS =
      List.of(
          "secretsmanager:DescribeSecret",
          "secretsmanager:GetSecretValue",
          "secretsmanager:PutSecretValue",
          "secretsmanager:UpdateSecretVersionStage");

  /**
   * setSecret and testSecret: the distribution's configuration, and an update of it with its ETag.
   */
  static final List<String> ROTATION_DISTRIBUTION_ACTIONS =
      List.of("cloudfront:GetDistributionConfig", "cloudfront:UpdateDistribution");

  private static void allow(Function function, List<String> actions, String resource) {
    Grant.addToPrincipal(
        GrantOnPrincipalOptions.builder()
            .grantee(function)
            .actions(actions)
            .resourceArns(List.of(resource))
            .build());
  }

  // ConditionCheckItem: a transaction's condition check on an item (a follow checks that no block
  // exists)
  static final List<String> READ_ACTIONS =
      List.of(
          "dynamodb:GetItem",
          "dynamodb:BatchGetItem",
          "dynamodb:Query",
          "dynamodb:ConditionCheckItem");
  static final List<String> WRITE_ACTIONS =
      List.of(
          "dynamodb:PutItem",
          "dynamodb:UpdateItem",
          "dynamodb:DeleteItem",
          "dynamodb:BatchWriteItem");

  private static String describe(Routes.Function function) {
    if (function.route().isPresent()) {
      return "Podium: " + function.route().get().key();
    }
    if (function.equals(Routes.AUTHORIZER)) {
      return "Podium: HTTP API Lambda authorizer (bearer token to caller)";
    }
    if (function.equals(Routes.FANOUT)) {
      return "Podium: fan-out of post events to follower timelines (SQS)";
    }
    if (function.equals(Routes.BOOTSTRAP_ADMIN)) {
      return "Podium: creates the first admin from the admin secret; invoke once by hand";
    }
    return "Podium: rotates the origin secret and CloudFront's origin header (Secrets Manager invokes it)";
  }

  // ------------------------------------------------------------------------------------------------- API

  /**
   * The route, its integration and the permission to invoke the alias go into the area's nested
   * stack with the function; the API and the authorizer stay in this stack and reach it as
   * parameters.
   */
  private void route(Route<?> route, HttpLambdaAuthorizer authorizer) {
    String name = route.name();
    HttpRoute httpRoute =
        HttpRoute.Builder.create(area(route), name + "Route")
            .httpApi(api)
            .routeKey(HttpRouteKey.with(route.path(), HttpMethod.valueOf(route.method().name())))
            .integration(new HttpLambdaIntegration(name + "Integration", aliases.get(route.name())))
            .authorizer(route.access().needsAuthorizer() ? authorizer : null)
            .build();
    if (!route.access().needsAuthorizer()) {
      acknowledgements.add(
          httpRoute,
          "AwsSolutions-APIG4",
          route.access().isPage()
              ? route.key()
                  + " is a web page (PAGE in Routes): a browser opens it without a token, and its"
                  + " function checks the session cookie and the form's CSRF token itself"
              : route.key()
                  + " is public in Mastodon's API ("
                  + route.access().kind()
                  + " in Routes): anyone may call it without a token");
    }
  }

  /**
   * API Gateway's {@code $default} route: a request that matches no route key (an unknown path, or
   * a method its path does not serve) goes to the NotFound function, which answers Mastodon's
   * {@code 404 {"error":"Record not found"}} instead of API Gateway's {@code {"message":"Not
   * Found"}}. It stays in this stack with its function, like the authorizer.
   */
  private void notFoundRoute() {
    String name = Routes.NOT_FOUND.name();
    HttpRoute httpRoute =
        HttpRoute.Builder.create(this, name + "Route")
            .httpApi(api)
            .routeKey(HttpRouteKey.DEFAULT)
            .integration(new HttpLambdaIntegration(name + "Integration", aliases.get(name)))
            .build();
    acknowledgements.add(
        httpRoute,
        "AwsSolutions-APIG4",
        "the $default route answers 404 to whatever no route serves: it reads nothing and"
            + " returns the same body to everyone");
  }

  /** The nested stack of the route's area, made by the first route of that area. */
  private NestedStack area(Route<?> route) {
    String area = RouteAreas.of(route.path());
    return areas.computeIfAbsent(
        area,
        a ->
            new NestedStack(
                this,
                RouteAreas.stackId(a),
                NestedStackProps.builder()
                    .description("Podium " + config.stage() + ": the " + a + " routes")
                    .build()));
  }

  private Code code(Stack scope, Routes.Jar jar) {
    return codes.computeIfAbsent(
        scope.getNode().getPath() + " " + jar, p -> Code.fromAsset(jars.of(jar).toString()));
  }

  /**
   * The L2 authorizer falls back to {@code $request.header.Authorization} when given no identity
   * source, and API Gateway then answers 401 itself to a request without that header. An empty list
   * is passed to the L2 and the property is dropped from the template: API Gateway requires no
   * identity source when results are not cached ({@code AuthorizerResultTtlInSeconds: 0}).
   */
  private void withoutIdentitySource() {
    for (IConstruct child : api.getNode().findAll()) {
      if (child instanceof CfnAuthorizer cfn) {
        cfn.addPropertyDeletionOverride("IdentitySource");
      }
    }
  }

  // ----------------------------------------------------------------------------------------------
  // CloudFront

  /** Where AWS WAF keeps web ACLs of scope CLOUDFRONT, and so where this stack goes. */
  static final String WEB_ACL_REGION = "us-east-1";

  /**
   * AWS WAF keeps a web ACL for CloudFront in us-east-1 only, and CloudFormation creates it in the
   * stack's region, so the stack goes to us-east-1 (the whole network is in the United States). A
   * region known at synth is checked here; an environment-agnostic stack carries a CloudFormation
   * rule that refuses the deploy elsewhere before anything is created.
   */
  private void requireWebAclRegion() {
    String region = getRegion();
    if (!Token.isUnresolved(region)) {
      if (!region.equals(WEB_ACL_REGION)) {
        throw new IllegalArgumentException(
            "Podium deploys to "
                + WEB_ACL_REGION
                + ", not "
                + region
                + ": AWS WAF "
                + "keeps the web ACL that protects CloudFront there, and it is in this stack. Set CDK_DEFAULT_REGION "
                + "(or the profile's region) to "
                + WEB_ACL_REGION);
      }
      return;
    }
    CfnRule.Builder.create(this, "WebAclRegion")
        .assertions(
            List.of(
                CfnRuleAssertion.builder()
                    .assertValue(Fn.conditionEquals(Aws.REGION, WEB_ACL_REGION))
                    .assertDescription(
                        "Podium deploys to "
                            + WEB_ACL_REGION
                            + ": AWS WAF keeps the web ACL that protects "
                            + "CloudFront there, and it is in this stack")
                    .build()))
        .build();
  }

  /**
   * The HTTP API's custom domain, which CloudFront calls instead of the execute-api endpoint
   * (turned off): a direct call then cannot reach the stage or spend its throttle. The certificate
   * and the DNS record are the operator's (the record points at the output's target).
   */
  private void originDomain(String domain, HttpStage stage) {
    DomainName name =
        DomainName.Builder.create(this, "OriginDomain")
            .domainName(domain)
            .certificate(
                Certificate.fromCertificateArn(
                    this, "OriginCertificate", config.edge().originCertificateArn().orElseThrow()))
            .build();
    ApiMapping.Builder.create(this, "OriginMapping").api(api).domainName(name).stage(stage).build();
    CfnOutput.Builder.create(this, "OriginDomainTarget")
        .value(name.getRegionalDomainName())
        .description(
            "Point the DNS record of "
                + domain
                + " here (CNAME, or a Route 53 alias): CloudFront reaches "
                + "the API through it")
        .build();
  }

  private Distribution distribution() {
    String apiDomain =
        config
            .edge()
            .originDomain()
            .orElse(api.getApiId() + ".execute-api." + getRegion() + "." + getUrlSuffix());
    HttpOrigin origin =
        HttpOrigin.Builder.create(apiDomain)
            .protocolPolicy(OriginProtocolPolicy.HTTPS_ONLY)
            .originSslProtocols(List.of(OriginSslPolicy.TLS_V1_2))
            // resolved by CloudFormation from Secrets Manager (AWSCURRENT) when it creates or
            // updates the distribution:
            // not in the template or in cdk.json. Rotation sets it between deploys
            // (RotateOriginSecretHandler).
            .customHeaders(Map.of(ORIGIN_HEADER, originSecret.getSecretValue().unsafeUnwrap()))
            .build();
    // Authorization cannot be named in an origin request policy (CloudFront refuses it), and a
    // cache policy
    // that names headers may not have every TTL at 0. So Authorization and the query strings form
    // the key
    // of a policy whose default TTL is 0 and maximum 1 s; every API response says Cache-Control:
    // no-store,
    // so nothing is ever cached, and no answer could be shared across tokens or queries if it were.
    CachePolicy cachePolicy =
        CachePolicy.Builder.create(this, "ApiCachePolicy")
            .cachePolicyName(config.prefix() + "api-no-cache")
            .comment(
                "Podium API: forwards Authorization and every query string; responses are no-store")
            .defaultTtl(Duration.seconds(0))
            .minTtl(Duration.seconds(0))
            .maxTtl(Duration.seconds(1))
            .headerBehavior(CacheHeaderBehavior.allowList("Authorization"))
            .queryStringBehavior(CacheQueryStringBehavior.all())
            .cookieBehavior(CacheCookieBehavior.none())
            // lets CloudFront compress the JSON for viewers that accept it
            .enableAcceptEncodingGzip(true)
            .enableAcceptEncodingBrotli(true)
            .build();
    // Named headers, not all viewer headers: API Gateway refuses a Host that is not its own, and
    // the managed
    // AllViewerExceptHostHeader policy does not add the CloudFront-Viewer-* headers the API relies
    // on.
    OriginRequestPolicy originRequestPolicy =
        OriginRequestPolicy.Builder.create(this, "ApiOriginRequestPolicy")
            .originRequestPolicyName(config.prefix() + "api-origin-request")
            .comment(
                "Podium API: the viewer's country and address, and the request headers the API reads")
            .headerBehavior(
                OriginRequestHeaderBehavior.allowList(FORWARDED_HEADERS.toArray(String[]::new)))
            .queryStringBehavior(OriginRequestQueryStringBehavior.all())
            // the pages' two cookies (web session, anonymous CSRF token) and no other: the API
            // reads none, and a cookie of another site's script never reaches a function
            .cookieBehavior(
                OriginRequestCookieBehavior.allowList(
                    PageGuard.SESSION_COOKIE, PageGuard.CSRF_COOKIE))
            .build();
    // geoScope signup: every country reaches the API, and signup and the waitlist check
    // ALLOWED_COUNTRIES
    GeoRestriction geo =
        config.edge().geoScope() == Config.GeoScope.ALL
            ? GeoRestriction.allowlist(config.allowedCountries().toArray(String[]::new))
            : null;
    return Distribution.Builder.create(this, "Cdn")
        .comment("Podium " + config.stage() + " API")
        .defaultBehavior(
            BehaviorOptions.builder()
                .origin(origin)
                .functionAssociations(
                    List.of(
                        FunctionAssociation.builder()
                            .function(stripTrailingSlash())
                            .eventType(FunctionEventType.VIEWER_REQUEST)
                            .build()))
                .allowedMethods(AllowedMethods.ALLOW_ALL)
                .viewerProtocolPolicy(ViewerProtocolPolicy.HTTPS_ONLY)
                .cachePolicy(cachePolicy)
                .originRequestPolicy(originRequestPolicy)
                .compress(true)
                .build())
        .geoRestriction(geo)
        .webAclId(webAcl.getAttrArn())
        .httpVersion(HttpVersion.HTTP2_AND_3)
        .priceClass(PriceClass.PRICE_CLASS_ALL)
        .build();
  }

  /**
   * One CloudFront function on every request, not a second route key per route: a route key with a
   * trailing slash would add a route, an integration and a permission to an area's stack for each
   * of the routes (StackSizeTest's budget is 11 a route), and every new route would have to
   * remember its twin. The function is one resource in this stack and costs no Lambda invocation.
   */
  private software.amazon.awscdk.services.cloudfront.Function stripTrailingSlash() {
    String code;
    try (var in = PodiumStack.class.getResourceAsStream(TRAILING_SLASH_FUNCTION)) {
      code = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException | NullPointerException e) {
      throw new IllegalStateException("cannot read " + TRAILING_SLASH_FUNCTION, e);
    }
    return software.amazon.awscdk.services.cloudfront.Function.Builder.create(
            this, "StripTrailingSlash")
        .functionName(config.prefix() + "strip-trailing-slash")
        .comment("Drops one trailing slash, so /api/v1/instance/ reaches GET /api/v1/instance")
        .runtime(FunctionRuntime.JS_2_0)
        .code(FunctionCode.fromInline(code))
        .build();
  }

  /**
   * Secrets Manager invokes the rotation function's live alias every {@code
   * originSecretRotationDays}, not at once when the schedule is created: the first value is freshly
   * generated. An L1 schedule, because the L2 also grants {@code secretsmanager:GetRandomPassword}
   * on {@code *}, which this function, drawing its own values, never calls.
   */
  private void rotateOriginSecret() {
    software.amazon.awscdk.services.lambda.Alias rotation =
        aliases.get(Routes.ROTATE_ORIGIN_SECRET.name());
    rotation.addPermission(
        "SecretsManagerInvokes",
        Permission.builder()
            .principal(new ServicePrincipal("secretsmanager.amazonaws.com"))
            .sourceAccount(getAccount())
            .build());
    CfnRotationSchedule schedule =
        CfnRotationSchedule.Builder.create(this, "OriginSecretRotation")
            .secretId(originSecret.getSecretArn())
            .rotationLambdaArn(rotation.getFunctionArn())
            .rotationRules(
                CfnRotationSchedule.RotationRulesProperty.builder()
                    .automaticallyAfterDays(config.edge().originSecretRotationDays())
                    .build())
            .rotateImmediatelyOnUpdate(false)
            .build();
    // Secrets Manager checks that it may invoke the function when the schedule is created
    schedule.getNode().addDependency(rotation.getNode().findChild("SecretsManagerInvokes"));
  }

  // ----------------------------------------------------------------------------------------------
  // alarms

  private void alarms() {
    SnsAction notify = new SnsAction(alarmTopic);
    alarm(
        this,
        "FanoutDeadLettersAlarm",
        "Fan-out messages gave up after " + FANOUT_MAX_RECEIVES + " receives",
        fanoutDeadLetters.metricApproximateNumberOfMessagesVisible(
            per(Duration.minutes(1), "Maximum")),
        0,
        1,
        notify);
    alarm(
        this,
        "FanoutQueueAgeAlarm",
        "The oldest fan-out message waits more than "
            + QUEUE_AGE_ALARM.toMinutes()
            + " minutes: timelines lag behind",
        fanoutQueue.metricApproximateAgeOfOldestMessage(per(Duration.minutes(1), "Maximum")),
        QUEUE_AGE_ALARM.toSeconds().doubleValue(),
        5,
        notify);
    functions.forEach(
        (name, function) -> {
          // beside the function, in its nested stack: the parent's size does not grow with the
          // routes
          Stack scope = Stack.of(function);
          alarm(
              scope,
              name + "ErrorsAlarm",
              name + " failed (uncaught error or timeout)",
              function.metricErrors(per(Duration.minutes(5), "Sum")),
              0,
              1,
              notify);
          alarm(
              scope,
              name + "ThrottlesAlarm",
              name + " was throttled",
              function.metricThrottles(per(Duration.minutes(5), "Sum")),
              0,
              1,
              notify);
        });
  }

  private static MetricOptions per(Duration period, String statistic) {
    return MetricOptions.builder().period(period).statistic(statistic).build();
  }

  private void alarm(
      Construct scope,
      String id,
      String description,
      IMetric metric,
      double above,
      int periods,
      SnsAction notify) {
    Alarm alarm =
        Alarm.Builder.create(scope, id)
            .alarmName(config.prefix() + id)
            .alarmDescription(description)
            .metric(metric)
            .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
            .threshold(above)
            .evaluationPeriods(periods)
            .treatMissingData(TreatMissingData.NOT_BREACHING)
            .build();
    alarm.addAlarmAction(notify);
    alarm.addOkAction(notify);
  }

  // -------------------------------------------------------------------------------------------
  // cdk-nag

  /** Every AwsSolutions finding this stack accepts, with its reason. */
  private void acknowledge() {
    for (Function function : functions.values()) {
      acknowledgements.add(
          function,
          "AwsSolutions-L1",
          "The functions are built for Java 21 (maven.compiler.release 21 in the root pom); the runtime "
              + "moves with the build, not ahead of it");
    }
    acknowledgements.add(
        adminSecret,
        "AwsSolutions-SMG4",
        "Read by BootstrapAdmin alone, to create the first admin once; ensureAdmin does nothing when the "
            + "admin exists, so a rotated value would reach neither Podium nor the admin's account");
    if (config.edge().geoScope() == Config.GeoScope.SIGNUP) {
      acknowledgements.add(
          distribution,
          "AwsSolutions-CFR1",
          "geoScope signup: members travelling abroad read and post; signup and the waitlist are refused outside "
              + "allowedCountries by the functions, from the CloudFront-Viewer-Country header CloudFront sets");
    }
    acknowledgements.add(
        distribution,
        "AwsSolutions-CFR3",
        "API Gateway's access log records every request that reaches the origin; CloudFront standard logs "
            + "would need an S3 bucket for little more");
    acknowledgements.add(
        distribution,
        "AwsSolutions-CFR4",
        "The default *.cloudfront.net certificate allows TLSv1 viewers; a custom domain with its ACM "
            + "certificate (TLSv1.2_2021) lifts this");
  }

  // -------------------------------------------------------------------------------------------
  // helpers

  private RetentionDays logRetention() {
    return config.isProd() ? RetentionDays.THREE_MONTHS : RetentionDays.TWO_WEEKS;
  }

  private RemovalPolicy removalPolicy() {
    return config.isProd() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
  }

  /** {@code unique_keys} -> {@code UniqueKeys}. */
  static String constructName(String tableName) {
    StringBuilder name = new StringBuilder();
    for (String part : tableName.split("_")) {
      name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return name.toString();
  }

  private software.amazon.awscdk.services.lambda.Alias fanoutAlias() {
    return aliases.get(Routes.FANOUT.name());
  }

  public Config config() {
    return config;
  }

  public List<Acknowledgements.Acknowledgement> acknowledgements() {
    return acknowledgements.all();
  }

  public Map<Tables.Table, TableV2> tables() {
    return tables;
  }

  /**
   * The function of that name ({@code PostStatus}, {@code Fanout}): {@link Routes.Function#name()}.
   */
  public Function function(String name) {
    return functions.get(name);
  }

  /** Area to the nested stack of its route functions. */
  public Map<String, NestedStack> areas() {
    return java.util.Collections.unmodifiableMap(areas);
  }

  public HttpApi api() {
    return api;
  }

  public Secret adminSecret() {
    return adminSecret;
  }

  public Secret originSecret() {
    return originSecret;
  }

  public CfnWebACL webAcl() {
    return webAcl;
  }

  /** The CloudFront distribution in front of the API. */
  public Distribution cdn() {
    return distribution;
  }
}
