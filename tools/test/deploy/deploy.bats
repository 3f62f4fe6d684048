#!/usr/bin/env bats
# deploy.sh with kubectl and helm replaced by recorders: the exact commands and flags it runs.

bats_require_minimum_version 1.5.0
load recorders.bash

setup() {
  setup_recorders
  DEPLOY="$BATS_TEST_DIRNAME/../../deploy/deploy.sh"
  CHART="$BATS_TEST_DIRNAME/../../../charts/otlp-client"
}

@test "--help prints the usage and exits 0" {
  run "$DEPLOY" --help
  [ "$status" -eq 0 ]
  [[ "$output" == *"Usage: deploy.sh"* ]]
  [[ "$output" == *"--dry-run"* ]]
  [ ! -s "$RECORD" ]
}

@test "the defaults: connection check, namespace with Pod Security labels, Helm 4 upgrade with rollback, rollout, helm test" {
  run "$DEPLOY"
  [ "$status" -eq 0 ]
  mapfile -t kubectl_calls < <(calls_of kubectl)
  [ "${kubectl_calls[0]}" = "kubectl version --request-timeout=10s" ]
  [ "${kubectl_calls[1]}" = "kubectl get namespace observability" ]
  [ "${kubectl_calls[2]}" = "kubectl create namespace observability" ]
  [ "${kubectl_calls[3]}" = "kubectl label namespace observability --overwrite pod-security.kubernetes.io/enforce=restricted pod-security.kubernetes.io/enforce-version=latest pod-security.kubernetes.io/warn=restricted pod-security.kubernetes.io/warn-version=latest pod-security.kubernetes.io/audit=restricted pod-security.kubernetes.io/audit-version=latest" ]
  [ "${kubectl_calls[4]}" = "kubectl get deployment,daemonset --namespace observability --selector app.kubernetes.io/instance=otlp,app.kubernetes.io/component=agent -o name" ]
  [ "${kubectl_calls[5]}" = "kubectl rollout status deployment.apps/otlp-otlp-client --namespace observability --timeout 10m" ]
  mapfile -t helm_calls < <(calls_of helm)
  [ "${helm_calls[0]}" = "helm version --short" ]
  [[ "${helm_calls[1]}" == "helm upgrade --install otlp "*"/charts/otlp-client --namespace observability --rollback-on-failure --wait --timeout 10m" ]]
  [ "${helm_calls[2]}" = "helm test otlp --namespace observability --timeout 5m" ]
  [ "${#helm_calls[@]}" -eq 3 ]
}

@test "Helm 3 gets --atomic; an existing namespace is labelled, not created" {
  FAKE_HELM_VERSION=v3.17.3+ge4da497 FAKE_NAMESPACE_EXISTS=1 run "$DEPLOY" -n telemetry -r agent
  [ "$status" -eq 0 ]
  run ! grep -q "kubectl create namespace" "$RECORD"
  grep -q "^kubectl label namespace telemetry --overwrite" "$RECORD"
  grep -q "^helm upgrade --install agent .* --namespace telemetry --atomic --wait --timeout 10m$" "$RECORD"
  grep -q "^helm test agent --namespace telemetry --timeout 5m$" "$RECORD"
}

@test "an OCI chart with --version, values files in order, a timeout and a Pod Security level" {
  a="$BATS_TEST_TMPDIR/a.yaml"; b="$BATS_TEST_TMPDIR/b.yaml"; touch "$a" "$b"
  run "$DEPLOY" --chart oci://registry.example.com/charts/otlp-client --version 0.2.0 -f "$a" --values "$b" --timeout 3m --pod-security baseline
  [ "$status" -eq 0 ]
  grep -qx "helm upgrade --install otlp oci://registry.example.com/charts/otlp-client --namespace observability --rollback-on-failure --wait --timeout 3m --version 0.2.0 --values $a --values $b" "$RECORD"
  grep -q "pod-security.kubernetes.io/enforce=baseline " "$RECORD"
  grep -q "rollout status deployment.apps/otlp-otlp-client --namespace observability --timeout 3m" "$RECORD"
}

@test "a DaemonSet release: its rollout is watched" {
  FAKE_WORKLOADS=daemonset.apps/otlp-otlp-client run "$DEPLOY"
  [ "$status" -eq 0 ]
  grep -qx "kubectl rollout status daemonset.apps/otlp-otlp-client --namespace observability --timeout 10m" "$RECORD"
}

@test "--dry-run prints every command and changes nothing" {
  run "$DEPLOY" --dry-run -n telemetry --chart "$CHART"
  [ "$status" -eq 0 ]
  [[ "$output" == *"kubectl create namespace telemetry"* ]]
  [[ "$output" == *"helm upgrade --install otlp $CHART --namespace telemetry --rollback-on-failure --wait --timeout 10m"* ]]
  [[ "$output" == *"helm test otlp --namespace telemetry --timeout 5m"* ]]
  # Only the read-only Helm version probe runs.
  [ "$(cat "$RECORD")" = "helm version --short" ]
}

@test "an unreachable cluster stops before anything is changed" {
  FAKE_CLUSTER_DOWN=1 run "$DEPLOY"
  [ "$status" -eq 1 ]
  [[ "$output" == *"cannot reach the cluster"* ]]
  [ "$(cat "$RECORD")" = "kubectl version --request-timeout=10s" ]
}

@test "a failed upgrade fails the deployment; no rollout wait or test follows" {
  FAKE_UPGRADE_FAILS=1 run "$DEPLOY"
  [ "$status" -eq 1 ]
  [[ "$output" == *"UPGRADE FAILED"* ]]
  run ! grep -q "rollout status" "$RECORD"
  run ! grep -q "^helm test" "$RECORD"
}

@test "bad arguments: a missing values file, an unknown option, a bad level, a missing value" {
  run "$DEPLOY" -f /nonexistent.yaml
  [ "$status" -eq 2 ]; [[ "$output" == *"--values /nonexistent.yaml: no such file"* ]]
  run "$DEPLOY" --replicas 3
  [ "$status" -eq 2 ]; [[ "$output" == *"unknown option: --replicas"* ]]
  run "$DEPLOY" --pod-security strict
  [ "$status" -eq 2 ]; [[ "$output" == *"--pod-security must be privileged, baseline or restricted"* ]]
  run "$DEPLOY" --namespace
  [ "$status" -eq 2 ]; [[ "$output" == *"--namespace needs a value"* ]]
  run "$DEPLOY" --chart /tmp
  [ "$status" -eq 2 ]; [[ "$output" == *"not a chart directory"* ]]
  [ ! -s "$RECORD" ]
}
