// Validates every document of packaging/cluster/k8s/*.yaml against the Kubernetes (kubernetes-models)
// and KEDA (@kubernetes-models/keda) JSON schemas, then checks that the validator rejects a broken
// copy of each document (so a pass means something). Exit 0: all valid; 1: a problem (printed).
//   usage: node validate.mjs DIR   (ctest packaging.k8s_schema; npm ci here via scripts/install-deps.sh)
import fs from "node:fs";
import path from "node:path";

// Exit 77 (ctest: skipped) when the npm packages are not installed (scripts/install-deps.sh).
let parseAllDocuments, Deployment, ScaledJob, ScaledObject, TriggerAuthentication;
try {
  ({ parseAllDocuments } = await import("yaml"));
  ({ Deployment } = await import("kubernetes-models/apps/v1/Deployment"));
  ({ ScaledJob } = await import("@kubernetes-models/keda/keda.sh/v1alpha1/ScaledJob"));
  ({ ScaledObject } = await import("@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject"));
  ({ TriggerAuthentication } = await import("@kubernetes-models/keda/keda.sh/v1alpha1/TriggerAuthentication"));
} catch (e) {
  console.log(`skipped: tests/k8s/node_modules is missing (${e.code ?? e.message}); run scripts/install-deps.sh`);
  process.exit(77);
}

const models = {
  "apps/v1 Deployment": Deployment,
  "keda.sh/v1alpha1 ScaledJob": ScaledJob,
  "keda.sh/v1alpha1 ScaledObject": ScaledObject,
  "keda.sh/v1alpha1 TriggerAuthentication": TriggerAuthentication,
};
const dir = process.argv[2];
if (!dir) { console.error("usage: node validate.mjs DIR"); process.exit(2); }
let failures = 0, checked = 0;
const kinds = new Set();
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort()) {
  const docs = parseAllDocuments(fs.readFileSync(path.join(dir, file), "utf8"));
  docs.forEach((doc, i) => {
    const where = `${file} document ${i + 1}`;
    if (doc.errors.length) { failures++; console.error(`${where}: YAML: ${doc.errors[0].message}`); return; }
    const obj = doc.toJS();
    const key = `${obj.apiVersion} ${obj.kind}`;
    const Model = models[key];
    if (!Model) { failures++; console.error(`${where}: no schema for ${key}`); return; }
    try { new Model(obj).validate(); } catch (e) { failures++; console.error(`${where} (${key}): ${e.message}`); return; }
    // The validator must reject a broken copy: an unknown field type deep in the spec.
    const broken = structuredClone(obj);
    broken.spec = Object.assign({}, broken.spec, key.endsWith("TriggerAuthentication") ? { podIdentity: "aws" } : { pollingInterval: "often", replicas: "many" });
    let rejected = false;
    try { new Model(broken).validate(); } catch { rejected = true; }
    if (!rejected) { failures++; console.error(`${where}: the validator accepted a broken copy; the check is not real`); return; }
    checked++;
    kinds.add(key);
    console.log(`ok ${where} (${key})`);
  });
}
console.log(`${checked} documents valid (${[...kinds].join(", ")}); ${failures} problems`);
process.exit(failures === 0 && checked > 0 ? 0 : 1);
