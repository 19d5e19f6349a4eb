#!/usr/bin/env bash
# The README's promise on a fresh clone: `npm install && npm start` gives a server whose banner, `/`, `/docs`
# and `/metrics` behave as the README says, and which a SIGTERM to npm's pid stops. Usage:
#   scripts/check-fresh-clone.sh [git-url-or-path (default: this repository)] [port (default: 18080)]
set -euo pipefail
source_repo="${1:-$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)}"
port="${2:-18080}"
work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "${server_pid}" ] && kill -0 "${server_pid}" 2>/dev/null; then kill -TERM "${server_pid}" || true; fi
  rm -rf "${work}"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

git clone --quiet "${source_repo}" "${work}/clone"
cd "${work}/clone"
start=$(date +%s)
npm install --no-audit --no-fund >"${work}/install.log" 2>&1 || { tail -20 "${work}/install.log"; fail "npm install"; }
echo "npm install (with the build): $(($(date +%s) - start)) s"
[ -f dist/main.js ] || fail "npm install did not build dist/main.js"

PORT="${port}" HOST=127.0.0.1 npm start >"${work}/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  grep -q 'Server listening at' "${work}/server.log" && break
  kill -0 "${server_pid}" 2>/dev/null || { cat "${work}/server.log"; fail "the server exited"; }
  sleep 0.5
done
base="http://127.0.0.1:${port}"
grep -q '"msg":"demo login: operator admin / demo-admin-password (admin)"' "${work}/server.log" ||
  fail "the banner has no admin demo login"
grep -q '"msg":"demo login: operator gateway / demo-gateway-password (consent-manager)"' "${work}/server.log" ||
  fail "the banner has no gateway demo login"
[ "$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "${base}/")" = "302 ${base}/docs" ] || fail "/ does not redirect to /docs"
curl -sfL "${base}/docs" | grep -qi swagger || fail "/docs is not the API docs"
curl -sf "${base}/openapi.json" | node -e "const d=JSON.parse(require('fs').readFileSync(0,'utf8')); if (d.paths['/metrics'].get.security.length !== 0) process.exit(1)" ||
  fail "/openapi.json"
curl -sf "${base}/metrics" | grep -q '^consenthub_consents{' || fail "/metrics has no consent counts"
[ "$(curl -s "${base}/health/ready")" = '{"status":"ok","database":"ok"}' ] || fail "/health/ready"
curl -s -u gateway:demo-gateway-password -H 'x-wso2-client-id: demo-aisp' -H 'Content-Type: application/json' \
  "${base}/api/fs/consent/manage/account-access-consents" \
  -d '{"Data":{"Permissions":["ReadAccountsBasic"],"ExpirationDateTime":"2030-01-01T00:00:00+00:00"},"Risk":{}}' |
  grep -q '"Status":"AwaitingAuthorisation"' || fail "creating a consent as the README shows"
kill -TERM "${server_pid}"
wait "${server_pid}" || fail "npm start did not exit 0 on SIGTERM"
grep -q '"msg":"bye"' "${work}/server.log" || fail "no graceful shutdown"
curl -s -o /dev/null "${base}/health/live" && fail "the server still answers after SIGTERM"
server_pid=""
echo "fresh clone OK: install, banner, /, /docs, /openapi.json, /metrics, /health/ready, a consent, SIGTERM"
