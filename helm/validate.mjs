#!/usr/bin/env node
// Validates rendered Kubernetes manifests against the Kubernetes OpenAPI schemas, by way of the
// kubernetes-models packages (and @kubernetes-models/prometheus-operator for its CRDs).
//
//   node helm/validate.mjs [--modules DIR] [FILE|-]
//
// DIR is the node_modules folder those packages were installed into (default: the env var
// WARDEN_VALIDATE_MODULES); the manifests come from FILE, or stdin. Prints one line per document
// validated; exits 1 if any document is invalid or of a kind no model knows.
//
// The models' schemas do not set additionalProperties to false, so a misspelt field passes
// their validate(); helm/check asserts the fields that matter by name for that reason.

import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

function usage(message) {
  console.error(`validate.mjs: ${message}`);
  console.error("usage: node validate.mjs [--modules DIR] [FILE|-]");
  process.exit(2);
}

let modules = process.env.WARDEN_VALIDATE_MODULES || "";
let input = "-";
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--modules") {
    if (i + 1 >= args.length) usage("--modules needs a folder");
    modules = args[++i];
  } else if (args[i].startsWith("-") && args[i] !== "-") {
    usage(`unknown option ${args[i]}`);
  } else {
    input = args[i];
  }
}
if (!modules) usage("no --modules DIR and no WARDEN_VALIDATE_MODULES");
if (!existsSync(join(modules, "kubernetes-models"))) usage(`no kubernetes-models in ${modules}`);

// The manifests are not beside the packages, so bare imports would not find them.
const { parseAllDocuments } = await import(pathToFileURL(join(modules, "yaml", "dist", "index.js")).href);

// Each package lays a model out as <group>/<version>/<Kind>.js (the core group as v1/<Kind>.js),
// which is what its package.json exports map as "./<group>/<version>/*".
const PACKAGES = [
  { name: "@kubernetes-models/prometheus-operator", groups: ["monitoring.coreos.com"] },
  { name: "kubernetes-models", groups: null },
];

function modelFile(apiVersion, kind) {
  if (!/^[A-Za-z0-9.-]+(\/[A-Za-z0-9]+)?$/.test(apiVersion) || !/^[A-Z][A-Za-z0-9]*$/.test(kind)) return null;
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  for (const pkg of PACKAGES) {
    if (pkg.groups && !pkg.groups.includes(group)) continue;
    const file = join(modules, pkg.name, ...(group ? [group] : []), version, `${kind}.js`);
    if (existsSync(file)) return file;
  }
  return null;
}

const cache = new Map();
async function modelFor(apiVersion, kind) {
  const key = `${apiVersion} ${kind}`;
  if (cache.has(key)) return cache.get(key);
  const file = modelFile(apiVersion, kind);
  let model = null;
  if (file) {
    const mod = await import(pathToFileURL(file).href);
    const candidate = mod[kind];
    // Nested types (PodSpec, Container) have modules too, but only top-level kinds carry their
    // own apiVersion and kind; a document claiming to be a PodSpec is no object the API takes.
    if (candidate && candidate.apiVersion === apiVersion && candidate.kind === kind) model = candidate;
  }
  cache.set(key, model);
  return model;
}

const text = input === "-" ? readFileSync(0, "utf8") : readFileSync(input, "utf8");
const docs = parseAllDocuments(text);
let validated = 0;
let failed = 0;
let n = 0;

for (const doc of Array.isArray(docs) ? docs : [docs]) {
  n++;
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length) {
    failed++;
    for (const p of problems) console.log(`FAIL document ${n}: YAML: ${p.message}`);
    continue;
  }
  const obj = doc.toJS();
  // Helm leaves an empty document where a template rendered nothing.
  if (obj === null || obj === undefined) continue;
  const where = `document ${n}`;
  if (typeof obj !== "object" || Array.isArray(obj)) {
    failed++;
    console.log(`FAIL ${where}: not a mapping`);
    continue;
  }
  const { apiVersion, kind } = obj;
  const name = obj.metadata?.name ?? "(no name)";
  const label = `${apiVersion} ${kind} ${name}`;
  if (typeof apiVersion !== "string" || typeof kind !== "string") {
    failed++;
    console.log(`FAIL ${where}: no apiVersion or kind`);
    continue;
  }
  const Model = await modelFor(apiVersion, kind);
  if (!Model) {
    failed++;
    console.log(`FAIL ${label}: unknown kind (no model for ${apiVersion} ${kind})`);
    continue;
  }
  try {
    new Model(obj).validate();
    validated++;
    console.log(`ok   ${label}`);
  } catch (e) {
    failed++;
    const details = Array.isArray(e.errors) && e.errors.length
      ? e.errors.map((x) => `${x.instancePath || "/"} ${x.message}${x.params ? " " + JSON.stringify(x.params) : ""}`)
      : [e.message];
    for (const d of details) console.log(`FAIL ${label}: ${d}`);
  }
}

console.log(`validated ${validated} document(s), ${failed} failed`);
process.exit(failed ? 1 : 0);
