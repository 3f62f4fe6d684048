#!/usr/bin/env bats
# monitor.sh with kubectl replaced by a recorder: what it asks the cluster, and that missing logs
# or a missing metrics API are reported, not fatal.

bats_require_minimum_version 1.5.0
load recorders.bash

setup() {
  setup_recorders
  MONITOR="$BATS_TEST_DIRNAME/../../deploy/monitor.sh"
  unset PROMETHEUS_URL
}

@test "--help prints the usage" {
  run "$MONITOR" --help
  [ "$status" -eq 0 ]
  [[ "$output" == *"Usage: monitor.sh"* ]]
  [[ "$output" == *"PROMETHEUS_URL"* ]]
}

@test "pods, logs, top and events of the release, with the exact selectors" {
  run "$MONITOR" -n telemetry -r agent --lines 5 --events 3
  [ "$status" -eq 0 ]
  grep -qx "kubectl get pods --namespace telemetry --selector app.kubernetes.io/instance=agent,app.kubernetes.io/component=agent -o wide" "$RECORD"
  grep -qx "kubectl logs pod/otlp-otlp-client-abc --namespace telemetry --all-containers --prefix --tail 5" "$RECORD"
  grep -qx "kubectl top pods --namespace telemetry --selector app.kubernetes.io/instance=agent,app.kubernetes.io/component=agent" "$RECORD"
  grep -qx "kubectl get events --namespace telemetry --sort-by=.lastTimestamp" "$RECORD"
  [[ "$output" == *"agent ready"* ]]
  [[ "$output" != *"agent metrics"* ]]
}

@test "no logs (nodes without a kubelet) and no metrics API are reported, exit 0" {
  FAKE_NO_LOGS=1 FAKE_NO_TOP=1 run "$MONITOR"
  [ "$status" -eq 0 ]
  [[ "$output" == *"otlp-otlp-client-abc: no logs available"* ]]
  [[ "$output" == *"no metrics API"* ]]
}

@test "no pods: said so" {
  FAKE_PODS= run "$MONITOR"
  [ "$status" -eq 0 ]
  [[ "$output" == *"no agent pods of release otlp in observability"* ]]
}

@test "an unreachable cluster exits 1; a bad number exits 2" {
  FAKE_CLUSTER_DOWN=1 run "$MONITOR"
  [ "$status" -eq 1 ]
  run "$MONITOR" --lines many
  [ "$status" -eq 2 ]
}

@test "an unreachable Prometheus exits 1 with its address" {
  PROMETHEUS_URL=http://127.0.0.1:9 run "$MONITOR"
  [ "$status" -eq 1 ]
  [[ "$output" == *"Prometheus at http://127.0.0.1:9 did not answer"* ]]
}
