package app.podium;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/**
 * A context as Lambda passes one to a handler: with it, a handler runs inside Powertools' logging
 * (RouteFunctionTest, ShadedJarProbe). Only JDK and Lambda types, so that ShadedJarIT can load it
 * beside the shaded jar alone.
 */
final class LambdaContext implements Context {
  @Override
  public String getAwsRequestId() {
    return "c6af9ac6-7b61-11e6-9a41-93e812345678";
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/podium-GetInstance";
  }

  @Override
  public String getLogStreamName() {
    return "2026/12/08/[$LATEST]abc";
  }

  @Override
  public String getFunctionName() {
    return "podium-GetInstance";
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:us-east-1:123456789012:function:podium-GetInstance";
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getRemainingTimeInMillis() {
    return 10_000;
  }

  @Override
  public int getMemoryLimitInMB() {
    return 1024;
  }

  @Override
  public LambdaLogger getLogger() {
    return null;
  }
}
