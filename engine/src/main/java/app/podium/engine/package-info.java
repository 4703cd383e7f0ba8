/**
 * Podium's DynamoDB engine: DynamoDB's JSON 1.0 wire protocol ({@code X-Amz-Target:
 * DynamoDB_20120810.*}) served on loopback in the process that starts it. It imports nothing of
 * Podium, so that other projects can use it.
 */
package app.podium.engine;
