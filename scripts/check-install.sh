#!/usr/bin/env bash
# Check your install: start Backline exactly as the README's run command does, but in a fresh temporary
# folder (empty data directory, empty temp folder, as on a new machine), wait until it is ready, send the
# README's referral, wait until it reaches its pathway, show `status`, stop it with SIGTERM, and make sure
# no process of it is left behind. Needs the packaged jars: `mvn -q -DskipTests package` first.
#
# Usage: bash scripts/check-install.sh        (exit code 0 when every step passed)
# Ports are the launcher's (BACKLINE_INTAKE_PORT and the others, see --help); CI runs this before the tests.
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
launcher_jar="$repo/services/local/target/backline-local.jar"
intake="http://127.0.0.1:${BACKLINE_INTAKE_PORT:-8081}"
ready_within=${CHECK_READY_WITHIN:-300}

if [ ! -f "$launcher_jar" ]; then
  echo "check-install: no $launcher_jar. Build it first: mvn -q -DskipTests package" >&2
  exit 1
fi

scratch=$(mktemp -d "${TMPDIR:-/tmp}/backline-check.XXXXXX")
mkdir -p "$scratch/tmp" "$scratch/run"
log="$scratch/launcher.out"
launcher_pid=""

fail() {
  echo "check-install: FAILED: $*" >&2
  echo "--- the launcher's output ($log) ---" >&2
  tail -n 60 "$log" >&2 2>/dev/null
  if [ -n "$launcher_pid" ] && kill -0 "$launcher_pid" 2>/dev/null; then
    kill -TERM "$launcher_pid" 2>/dev/null
    wait "$launcher_pid" 2>/dev/null
  fi
  echo "(logs of each part stay in $scratch/data/logs)" >&2
  exit 1
}

echo "check-install: starting Backline in $scratch (empty data directory, empty temp folder)"
started=$(date +%s%N)
# As a newcomer types it, from a new folder; only the temp folder moves, so nothing a test left behind helps.
(cd "$scratch/run" && JAVA_TOOL_OPTIONS="-Djava.io.tmpdir=$scratch/tmp" \
  exec java -jar "$launcher_jar" --data-dir "$scratch/data") > "$log" 2>&1 &
launcher_pid=$!

until grep -q "Backline is ready" "$log" 2>/dev/null; do
  kill -0 "$launcher_pid" 2>/dev/null || fail "the launcher ended before it was ready"
  [ $(( ($(date +%s%N) - started) / 1000000000 )) -ge "$ready_within" ] && fail "not ready within $ready_within s"
  sleep 0.5
done
ready_ms=$(( ($(date +%s%N) - started) / 1000000 ))
echo "check-install: ready in $((ready_ms / 1000)).$(( (ready_ms % 1000) / 100 )) s ($(grep -o 'Backline is ready ([^)]*)' "$log"))"

# The README's referral: minor trauma and osteoporosis at 65 are red flags for urgent imaging.
headers="$scratch/headers"
curl -s -o /dev/null -D "$headers" -u frontdesk:frontdesk -H 'Content-Type: application/json' "$intake/api/referrals" -d '{
  "patient": {"mrn": "MRN-0042", "givenName": "Ada", "familyName": "Lovelace", "birthDate": "1961-03-14"},
  "complaint": {"region": "LUMBAR", "symptomDurationDays": 10, "painScore": 7},
  "findings": ["MINOR_TRAUMA", "OSTEOPOROSIS"]}' || fail "POST /api/referrals did not answer"
grep -q "^HTTP/1.1 202" "$headers" || fail "POST /api/referrals did not answer 202: $(head -1 "$headers")"
location=$(grep -i '^Location:' "$headers" | tr -d '\r' | awk '{print $2}')
[ -n "$location" ] || fail "no Location header in the answer"
echo "check-install: referral accepted: $location"

referral=""
for _ in $(seq 1 120); do
  referral=$(curl -s -u frontdesk:frontdesk "$intake$location")
  case "$referral" in *'"status":"AWAITING_REVIEW"'*) break ;; esac
  sleep 0.5
done
case "$referral" in
  *'"status":"AWAITING_REVIEW"'*'"pathway":"URGENT_IMAGING"'* | *'"pathway":"URGENT_IMAGING"'*'"status":"AWAITING_REVIEW"'*)
    echo "check-install: the referral reached its pathway: URGENT_IMAGING, AWAITING_REVIEW" ;;
  *) fail "the referral did not reach URGENT_IMAGING / AWAITING_REVIEW within 60 s: $referral" ;;
esac

java -jar "$launcher_jar" status --data-dir "$scratch/data" || fail "status says not every part is up"

echo "check-install: stopping Backline (SIGTERM)"
kill -TERM "$launcher_pid"
wait "$launcher_pid"
code=$?
[ "$code" = 0 ] || [ "$code" = 143 ] || fail "the launcher exited with code $code on SIGTERM"
grep -q "Backline stopped." "$log" || fail "the launcher did not say it stopped"
# Every process of this run names the scratch folder (data directory, temp folder with PostgreSQL's
# binaries) or this checkout's service jars on its command line.
sleep 1
left=$(pgrep -af -- "$scratch|$repo/services/local/target/" | grep -v -e "pgrep" -e "check-install" || true)
[ -z "$left" ] || fail "processes left behind after the stop:
$left"
echo "check-install: stopped, nothing left running"
rm -rf "$scratch"
echo "check-install: OK"
