// Public API of @otlp-kit/chart-gen.
export { chartValues } from './values/definition.js';
export { agentConfig } from './values/sections/agent-config.js';
export { defaultsOf, leavesOf, quantityPattern, durationPattern } from './values/dsl.js';
export type { ValueNode, ObjectNode, ScalarNode, FreeNode, JsonSchema } from './values/dsl.js';
export { schemaOf, documentSchema } from './generate/schema.js';
export {
  generateFiles,
  valuesSchema,
  configSchema,
  chartDir,
  valuesSchemaFile,
  configSchemaFile,
  agentConfigSchemaFile,
} from './generate/chart-files.js';
export { renderValuesYaml } from './generate/values-yaml.js';
export { renderValuesTable } from './generate/readme-table.js';
export { ciValues } from './generate/ci-values.js';
export { chartTemplates } from './templates/registry.js';
export type { ChartTemplate } from './templates/registry.js';
export { renderChartTemplate, TemplateError } from './templates/render.js';
export { templateContext, chartPorts, crdApis } from './templates/context.js';
export { chartMetadata, agentVersion, chartGenVersion } from './chart-metadata.js';
export { otlpAlerts } from './monitoring/alerts.js';
export type { AlertDefinition } from './monitoring/alerts.js';
export { renderDashboard, dashboardPanels } from './monitoring/dashboard.js';
export type { DashboardPanel } from './monitoring/dashboard.js';
export { requestsPerSecondRule } from './monitoring/adapter-rule.js';
export { generate, listFiles } from './commands/generate.js';
export { check } from './commands/check.js';
export { publishCommand, isPlainHttpRegistry } from './commands/publish.js';
export type { PublishCommandOptions, PublishReport } from './commands/publish.js';
export type { Drift } from './commands/check.js';
export { validateChart, defaultValuesCases } from './validate/validate-chart.js';
export { missingInputs, MissingInputError } from './commands/validate.js';
export type { ValidateOptions } from './validate/validate-chart.js';
export type { CheckResult, ValuesReport } from './validate/checks.js';
export { KubeSchemaValidator } from './validate/kube-schema.js';
export type { SchemaProblem } from './validate/kube-schema.js';
export { crdKinds } from './validate/crd-schema.js';
export { strictSchemas, renderStrictSchemas } from './kube/strict-schemas.js';
export type { StrictSchemas } from './kube/strict-schemas.js';
export { kubernetesReleases, swaggerOf } from './kube/kubernetes-releases.js';
export { loadStrictSchemas, kubeSchemaFile } from './kube/schema-files.js';
export { kubeSchemasCommand } from './commands/kube-schemas.js';
export { helm, helmPath, HelmNotInstalledError } from './helm/helm.js';
export type { Helm, HelmMajor, HelmResult } from './helm/helm.js';
export { workspaceRoot } from './workspace.js';
