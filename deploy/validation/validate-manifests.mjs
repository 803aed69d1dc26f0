// Validates every document of rendered Kubernetes manifests (kubectl kustomize output) against the schemas of its
// kind: core Kubernetes, Gateway API, Strimzi and CloudNativePG, offline. Unknown kinds fail.
//   node validate-manifests.mjs rendered.yaml
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const packages = {
  "gateway.networking.k8s.io": "@kubernetes-models/gateway-api",
  "kafka.strimzi.io": "@kubernetes-models/strimzi-kafka-operator",
  "postgresql.cnpg.io": "@kubernetes-models/cloudnative-pg",
};

function modulePath(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  if (group === "") return `kubernetes-models/${version}/${kind}`;
  if (packages[group]) return `${packages[group]}/${group}/${version}/${kind}`;
  return `kubernetes-models/${group}/${version}/${kind}`;
}

const file = process.argv[2];
const documents = parseAllDocuments(readFileSync(file, "utf8"));
let passed = 0;
let failed = 0;
for (const document of documents) {
  if (document.errors.length) {
    console.error(`YAML error: ${document.errors[0].message}`);
    failed++;
    continue;
  }
  const object = document.toJSON();
  if (!object) continue;
  const name = `${object.kind}/${object.metadata?.name}`;
  try {
    const module = await import(modulePath(object.apiVersion, object.kind));
    const Model = module[object.kind] ?? module.default;
    new Model(object).validate();
    passed++;
  } catch (error) {
    console.error(`${name} (${object.apiVersion}): ${error.message}`);
    failed++;
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
