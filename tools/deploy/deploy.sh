#!/usr/bin/env bash
# Deploys the otlp-client chart: checks the cluster connection, creates the namespace with the
# Pod Security labels, installs or upgrades with rollback on failure, waits for the rollout and
# runs `helm test` as the in-cluster health check. Works with Helm 4 (--rollback-on-failure) and
# Helm 3 (--atomic).
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: deploy.sh [options]

  -n, --namespace NS       namespace (default: observability)
  -r, --release NAME       release name (default: otlp)
  -c, --chart REF          chart directory or oci:// reference (default: the repository's charts/otlp-client)
      --version VERSION    chart version (for an oci:// or repository reference)
  -f, --values FILE        values file; repeatable, later files win
      --timeout DURATION   how long Helm and the rollout may take (default: 10m)
      --pod-security LEVEL Pod Security level the namespace enforces (default: restricted)
      --dry-run            print each command instead of running it
  -h, --help               this text

Environment: HELM and KUBECTL name the binaries (default: helm and kubectl on PATH);
KUBECONFIG selects the cluster as usual.
USAGE
}

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
namespace=observability
release=otlp
chart="$here/../../charts/otlp-client"
version=""
timeout=10m
pod_security=restricted
dry_run=false
values=()
helm_bin="${HELM:-helm}"
kubectl_bin="${KUBECTL:-kubectl}"

die() {
  echo "deploy.sh: $*" >&2
  exit 2
}

need_value() {
  [[ $# -ge 2 && -n "$2" ]] || die "$1 needs a value (see --help)"
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    -n | --namespace) need_value "$@"; namespace="$2"; shift 2 ;;
    -r | --release) need_value "$@"; release="$2"; shift 2 ;;
    -c | --chart) need_value "$@"; chart="$2"; shift 2 ;;
    --version) need_value "$@"; version="$2"; shift 2 ;;
    -f | --values) need_value "$@"; values+=("$2"); shift 2 ;;
    --timeout) need_value "$@"; timeout="$2"; shift 2 ;;
    --pod-security) need_value "$@"; pod_security="$2"; shift 2 ;;
    --dry-run) dry_run=true; shift ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown option: $1 (see --help)" ;;
  esac
done

case "$pod_security" in
  privileged | baseline | restricted) ;;
  *) die "--pod-security must be privileged, baseline or restricted, not: $pod_security" ;;
esac
for file in ${values[@]+"${values[@]}"}; do
  [[ -f "$file" ]] || die "--values $file: no such file"
done
if [[ "$chart" != oci://* && ! -f "$chart/Chart.yaml" ]]; then
  die "--chart $chart: not a chart directory (no Chart.yaml) and not an oci:// reference"
fi

# Prints the command; runs it unless --dry-run.
run() {
  if [[ "$dry_run" == true ]]; then
    printf '%q ' "$@" | sed 's/ $//'
    echo
    return 0
  fi
  "$@"
}

step() {
  echo "==> $*" >&2
}

step "cluster connection"
if ! run "$kubectl_bin" version --request-timeout=10s >/dev/null; then
  echo "deploy.sh: cannot reach the cluster (check KUBECONFIG and the current context)" >&2
  exit 1
fi

step "namespace $namespace (Pod Security: enforce $pod_security)"
if [[ "$dry_run" == true ]] || ! "$kubectl_bin" get namespace "$namespace" >/dev/null 2>&1; then
  run "$kubectl_bin" create namespace "$namespace"
fi
run "$kubectl_bin" label namespace "$namespace" --overwrite \
  "pod-security.kubernetes.io/enforce=$pod_security" \
  "pod-security.kubernetes.io/enforce-version=latest" \
  "pod-security.kubernetes.io/warn=restricted" \
  "pod-security.kubernetes.io/warn-version=latest" \
  "pod-security.kubernetes.io/audit=restricted" \
  "pod-security.kubernetes.io/audit-version=latest"

# Helm 4 renamed --atomic to --rollback-on-failure (and waits with the watcher strategy).
rollback_flag=--atomic
if [[ "$("$helm_bin" version --short 2>/dev/null)" == v4.* ]]; then
  rollback_flag=--rollback-on-failure
fi
helm_args=(upgrade --install "$release" "$chart" --namespace "$namespace" "$rollback_flag" --wait --timeout "$timeout")
[[ -n "$version" ]] && helm_args+=(--version "$version")
for file in ${values[@]+"${values[@]}"}; do
  helm_args+=(--values "$file")
done

step "helm upgrade --install $release"
run "$helm_bin" "${helm_args[@]}"

step "rollout"
selector="app.kubernetes.io/instance=$release,app.kubernetes.io/component=agent"
if [[ "$dry_run" == true ]]; then
  run "$kubectl_bin" rollout status deployment,daemonset --namespace "$namespace" --selector "$selector" --timeout "$timeout"
else
  workloads="$("$kubectl_bin" get deployment,daemonset --namespace "$namespace" --selector "$selector" -o name)"
  [[ -n "$workloads" ]] || { echo "deploy.sh: no Deployment or DaemonSet of release $release in $namespace" >&2; exit 1; }
  while read -r workload; do
    run "$kubectl_bin" rollout status "$workload" --namespace "$namespace" --timeout "$timeout"
  done <<<"$workloads"
fi

step "health check (helm test)"
run "$helm_bin" test "$release" --namespace "$namespace" --timeout 5m
step "deployed $release in $namespace"
