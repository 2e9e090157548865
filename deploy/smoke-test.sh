#!/usr/bin/env bash
# Follows one progress report through all four running services of the local run (./deploy/run-local.sh):
# a reporter of 区生态环境局 (ENV) files a report on one of ENV's measures, a supervisor approves it, and
# the approval must show in progress-service's official status, in indicator-service's roll-up of ENV and
# (for a returned report) in the reporter's inbox at notification-service - through Kafka only.
# Needs curl and jq. Exits non-zero at the first expectation that is not met within 10 s.
set -euo pipefail
trap 'echo "Smoke test FAILED at line $LINENO (a request was refused or a service is not running)" >&2' ERR
cd "$(dirname "${BASH_SOURCE[0]}")/.."

progress="http://localhost:${ECOPLAN_PROGRESS_PORT:-8082}"
indicator="http://localhost:${ECOPLAN_INDICATOR_PORT:-8083}"
notification="http://localhost:${ECOPLAN_NOTIFICATION_PORT:-8084}"
reporter="Authorization: Bearer $(./deploy/token.sh reporter ENV smoke.reporter)"
supervisor="Authorization: Bearer $(./deploy/token.sh supervisor ENV smoke.supervisor)"
period="$(TZ=Asia/Shanghai date +%Y-%m)"
run="$(date +%s)"

# Polls "$1" (a command printing one value) until it prints "$2".
expect() {
  local what="$1" command="$2" wanted="$3" got=""
  for _ in $(seq 1 50); do
    got="$(eval "$command" 2>/dev/null || true)"
    if [[ "$got" == "$wanted" ]]; then
      echo "  ok  $what: $got"
      return 0
    fi
    sleep 0.2
  done
  echo "  FAILED  $what: expected $wanted, got '$got'" >&2
  exit 1
}

echo "Smoke test of the local run (period $period)"
todo="$(curl -sf -H "$reporter" "$progress/departments/ENV/todo")"
# Two of ENV's measures without any report this month (a returned one also counts as missing): one to approve,
# one to return.
mapfile -t measures < <(jq -r '[.measures[] | select(.periodReport == null and .status != "COMPLETED")][0:2][] | .measureId' <<<"$todo")
[[ ${#measures[@]} -eq 2 ]] || { echo "ENV has fewer than two measures without this month's report; start from a fresh .ecoplan" >&2; exit 1; }
approved_measure="${measures[0]}"
returned_measure="${measures[1]}"
rollup_before="$(curl -s "$indicator/rollups/DEPARTMENT/ENV" | jq -r ".sequence // 0")"

file_report() {
  curl -sf -D - -o /dev/null -H "$reporter" -H "Idempotency-Key: smoke-$run-$1" -H 'Content-Type: application/json' \
    -d "{\"measureId\":\"$1\",\"period\":\"$period\",\"status\":\"AT_RISK\",\"percentComplete\":30,\"narrative\":\"冒烟测试：进度滞后\",\"submit\":true}" \
    "$progress/reports" | tr -d '\r'
}

headers="$(file_report "$approved_measure")"
report="$(awk -F/ 'tolower($0) ~ /^location:/ {print $NF}' <<<"$headers")"
etag="$(awk 'tolower($1) == "etag:" {print $2}' <<<"$headers")"
echo "  filed report $report on measure $approved_measure (ETag $etag)"
curl -sf -o /dev/null -X POST -H "$supervisor" -H "If-Match: $etag" "$progress/reports/$report/approve"
expect "progress-service official status" \
  "curl -sf -H \"\$supervisor\" $progress/measures/$approved_measure/status | jq -r .status" "AT_RISK"
expect "indicator-service roll-up of ENV moved on" \
  "curl -sf $indicator/rollups/DEPARTMENT/ENV | jq -r '.sequence > $rollup_before'" "true"

headers="$(file_report "$returned_measure")"
report="$(awk -F/ 'tolower($0) ~ /^location:/ {print $NF}' <<<"$headers")"
etag="$(awk 'tolower($1) == "etag:" {print $2}' <<<"$headers")"
curl -sf -o /dev/null -X POST -H "$supervisor" -H "If-Match: $etag" -H 'Content-Type: application/json' \
  -d '{"reason":"请补充现场照片"}' "$progress/reports/$report/return"
expect "notification-service told the reporter" \
  "curl -sf -H \"\$reporter\" '$notification/inbox/messages?rule=REPORT_RETURNED&subject=$report' | jq -r '.totalItems > 0'" "true"
echo "Smoke test passed."
