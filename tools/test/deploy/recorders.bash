# Recorders for kubectl and helm: put on PATH by the bats tests, they append each call (one line,
# arguments joined by spaces) to $RECORD and answer what deploy.sh and monitor.sh ask with the
# canned replies a real cluster would give. FAKE_* variables change the replies per test.

setup_recorders() {
  RECORD="$BATS_TEST_TMPDIR/calls"
  export RECORD
  : >"$RECORD"
  mkdir -p "$BATS_TEST_TMPDIR/bin"
  cat >"$BATS_TEST_TMPDIR/bin/kubectl" <<'SH'
#!/usr/bin/env bash
echo "kubectl $*" >>"$RECORD"
case "$*" in
  "version --request-timeout=10s") [[ "${FAKE_CLUSTER_DOWN:-}" == 1 ]] && exit 1; echo "Server Version: v1.34.4" ;;
  "get namespace "*) [[ "${FAKE_NAMESPACE_EXISTS:-}" == 1 ]] || { echo 'Error from server (NotFound)' >&2; exit 1; } ;;
  "get deployment,daemonset "*) echo "${FAKE_WORKLOADS-deployment.apps/otlp-otlp-client}" ;;
  "get pods "*"-o name") echo "${FAKE_PODS-pod/otlp-otlp-client-abc}" ;;
  "get pods "*"-o wide") echo "NAME READY STATUS"; echo "otlp-otlp-client-abc 1/1 Running" ;;
  "logs "*) [[ "${FAKE_NO_LOGS:-}" == 1 ]] && { echo 'Error from server: no kubelet' >&2; exit 1; }; echo "[pod/otlp-otlp-client-abc/otlp-client] agent ready" ;;
  "top "*) [[ "${FAKE_NO_TOP:-}" == 1 ]] && { echo 'error: Metrics API not available' >&2; exit 1; }; echo "NAME CPU MEMORY" ;;
  "get events "*) echo "LAST SEEN TYPE REASON"; echo "1m Normal Scheduled" ;;
esac
exit 0
SH
  cat >"$BATS_TEST_TMPDIR/bin/helm" <<'SH'
#!/usr/bin/env bash
echo "helm $*" >>"$RECORD"
case "$*" in
  "version --short") echo "${FAKE_HELM_VERSION:-v4.1.4+g05fa379}" ;;
  "upgrade "*) [[ "${FAKE_UPGRADE_FAILS:-}" == 1 ]] && { echo 'Error: UPGRADE FAILED: context deadline exceeded' >&2; exit 1; } ;;
esac
exit 0
SH
  chmod +x "$BATS_TEST_TMPDIR/bin/kubectl" "$BATS_TEST_TMPDIR/bin/helm"
  PATH="$BATS_TEST_TMPDIR/bin:$PATH"
  export PATH
}

# The recorded calls of one binary, in order.
calls_of() {
  grep "^$1 " "$RECORD" || true
}
