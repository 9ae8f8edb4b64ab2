// Validates custom resources against the CRD schemas published in the @kubernetes-models packages.
// Input: a multi-document YAML stream on stdin (a rendered overlay). Output: one line per checked object,
// "ok <apiVersion>/<kind> <name>" or "invalid <apiVersion>/<kind> <name>: <reason>"; exit 1 if any is invalid
// or if a custom kind has no schema here.
import { readFileSync } from "node:fs";
import yaml from "js-yaml";
import * as gatewayApi from "@kubernetes-models/gateway-api";
import * as certManager from "@kubernetes-models/cert-manager";
import * as keda from "@kubernetes-models/keda";
import * as autoscaler from "@kubernetes-models/autoscaler";
import * as envoyGateway from "@kubernetes-models/envoy-gateway";
import * as externalSecrets from "@kubernetes-models/external-secrets";

const groups = {
  "gateway.networking.k8s.io": gatewayApi.gatewayNetworkingK8sIo,
  "cert-manager.io": certManager.certManagerIo,
  "keda.sh": keda.kedaSh,
  "autoscaling.k8s.io": autoscaler.autoscalingK8sIo,
  "gateway.envoyproxy.io": envoyGateway.gatewayEnvoyproxyIo,
  "external-secrets.io": externalSecrets.externalSecretsIo,
};

const builtIn = new Set(["networking.k8s.io", "rbac.authorization.k8s.io", "storage.k8s.io", "admissionregistration.k8s.io"]);

function modelFor(apiVersion, kind) {
  const [group, version] = apiVersion.split("/");
  const versions = groups[group];
  return versions?.[version]?.[kind];
}

const documents = yaml.loadAll(readFileSync(0, "utf8")).filter(Boolean);
let failed = false;
for (const document of documents) {
  const { apiVersion, kind } = document;
  const group = apiVersion.includes("/") ? apiVersion.split("/")[0] : "";
  if (!(group in groups) && (!group.includes(".") || builtIn.has(group))) {
    continue; // Core and built-in API groups: the KubernetesClient models check those.
  }

  const name = `${apiVersion}/${kind} ${document.metadata?.name}`;
  const Model = modelFor(apiVersion, kind);
  if (!Model) {
    console.log(`invalid ${name}: no published schema for this kind`);
    failed = true;
    continue;
  }

  try {
    new Model(document).validate();
    console.log(`ok ${name}`);
  } catch (error) {
    console.log(`invalid ${name}: ${error.message.replace(/\s+/g, " ")}`);
    failed = true;
  }
}

process.exit(failed ? 1 : 0);
