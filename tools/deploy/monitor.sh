#!/usr/bin/env bash
# Shows how a release of the otlp-client chart is doing: pod status, recent logs, resource usage
# (kubectl top), recent events and, with PROMETHEUS_URL set, the agent's request rate, error
# ratio, p95 latency, breaker state and queue fill from Prometheus' HTTP API. Reports; it exits
# non-zero only when the cluster (or Prometheus, when asked for) cannot be reached.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: monitor.sh [options]

  -n, --namespace NS   namespace (default: observability)
  -r, --release NAME   release name (default: otlp)
      --lines N        log lines per pod (default: 20)
      --events N       most recent events shown (default: 20)
  -h, --help           this text

Environment: KUBECTL names the kubectl binary (default: kubectl on PATH); PROMETHEUS_URL (e.g.
http://prometheus.monitoring:9090) adds the agent's metrics.
USAGE
}

namespace=observability
release=otlp
lines=20
events=20
kubectl_bin="${KUBECTL:-kubectl}"

die() {
  echo "monitor.sh: $*" >&2
  exit 2
}

need_number() {
  [[ $# -ge 2 && "$2" =~ ^[0-9]+$ ]] || die "$1 needs a number (see --help)"
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    -n | --namespace) [[ $# -ge 2 && -n "$2" ]] || die "$1 needs a value"; namespace="$2"; shift 2 ;;
    -r | --release) [[ $# -ge 2 && -n "$2" ]] || die "$1 needs a value"; release="$2"; shift 2 ;;
    --lines) need_number "$@"; lines="$2"; shift 2 ;;
    --events) need_number "$@"; events="$2"; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown option: $1 (see --help)" ;;
  esac
done

selector="app.kubernetes.io/instance=$release,app.kubernetes.io/component=agent"
section() {
  printf '\n== %s\n' "$*"
}

if ! "$kubectl_bin" version --request-timeout=10s >/dev/null 2>&1; then
  echo "monitor.sh: cannot reach the cluster (check KUBECONFIG and the current context)" >&2
  exit 1
fi

section "pods ($namespace, release $release)"
pods="$("$kubectl_bin" get pods --namespace "$namespace" --selector "$selector" -o name)"
if [[ -z "$pods" ]]; then
  echo "no agent pods of release $release in $namespace"
else
  "$kubectl_bin" get pods --namespace "$namespace" --selector "$selector" -o wide
fi

section "logs (last $lines lines per pod)"
while read -r pod; do
  [[ -n "$pod" ]] || continue
  if ! output="$("$kubectl_bin" logs "$pod" --namespace "$namespace" --all-containers --prefix --tail "$lines" 2>&1)"; then
    # Nodes without a kubelet (KWOK's fake nodes, say) serve no logs: say so rather than fail.
    echo "${pod#pod/}: no logs available (${output//$'\n'/ })"
  elif [[ -z "$output" ]]; then
    echo "${pod#pod/}: no log lines yet"
  else
    echo "$output"
  fi
done <<<"$pods"

section "resource usage (kubectl top)"
if ! "$kubectl_bin" top pods --namespace "$namespace" --selector "$selector" 2>&1; then
  echo "kubectl top: no metrics API (metrics-server) answers in this cluster"
fi

section "recent events ($namespace)"
"$kubectl_bin" get events --namespace "$namespace" --sort-by=.lastTimestamp | tail -n "$((events + 1))"

if [[ -n "${PROMETHEUS_URL:-}" ]]; then
  section "agent metrics (Prometheus at $PROMETHEUS_URL)"
  scope="namespace=\"$namespace\",pod=~\"${release}-.*\""
  queries=(
    "request rate (/s)|sum(rate(otlp_requests_total{$scope}[5m]))"
    "error ratio|sum(rate(otlp_requests_failed_total{$scope}[5m])) / sum(rate(otlp_requests_total{$scope}[5m]))"
    "p95 latency (s)|histogram_quantile(0.95, sum by (le) (rate(otlp_request_duration_seconds_bucket{$scope}[5m])))"
    "breaker state (0 closed, 1 open, 2 half-open; worst pod)|max(otlp_circuit_breaker_state{$scope})"
    "queue fill (items, all pods)|sum(otlp_queue_items{$scope})"
  )
  for entry in "${queries[@]}"; do
    label="${entry%%|*}"
    query="${entry#*|}"
    if ! answer="$(curl -fsS --max-time 10 "$PROMETHEUS_URL/api/v1/query" --data-urlencode "query=$query")"; then
      echo "monitor.sh: Prometheus at $PROMETHEUS_URL did not answer" >&2
      exit 1
    fi
    value="$(jq -r 'if .data.result | length == 0 then "no data" else .data.result[0].value[1] end' <<<"$answer")"
    printf '%-58s %s\n' "$label:" "$value"
  done
fi
