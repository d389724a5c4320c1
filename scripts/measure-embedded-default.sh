#!/usr/bin/env bash
# Figures of the embedded default on this machine (the note of issue 8 quotes them): for each of N starts
# from an empty data directory, the time to "Backline is ready" and the memory (RSS and PSS, from
# `status`) at ready and after 500 referrals; on the last start, a kill -9 of each service in turn and its
# time back to healthy. Needs the packaged jars (mvn -q -DskipTests package) and the default ports free.
#
# Usage: bash scripts/measure-embedded-default.sh [starts, default 3]
set -uo pipefail
cd "$(dirname "$0")/.."
starts=${1:-3}
jar="$PWD/services/local/target/backline-local.jar"
intake="http://127.0.0.1:${BACKLINE_INTAKE_PORT:-8081}"
scratch=$(mktemp -d "${TMPDIR:-/tmp}/backline-measure.XXXXXX")
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
totals() { java -jar "$jar" status --data-dir "$1" | awk '/^  total/ {print $2" "$3" RSS, "$4" "$5" PSS"}'; }

referral() { # $1: a number; the four pathways in turn (clinical cases meningitis-signs, fragility-fracture, recurrent, simple-spasm)
  case $(( $1 % 4 )) in
    0) findings='"FEVER", "NECK_STIFFNESS"'; region=CERVICAL ;;
    1) findings='"MINOR_TRAUMA", "OSTEOPOROSIS"'; region=LUMBAR ;;
    2) findings='"RECURRENT_EPISODES"'; region=LUMBAR ;;
    3) findings='"PROLONGED_SITTING_OR_POOR_POSTURE"'; region=LUMBAR ;;
  esac
  printf '{"patient": {"mrn": "MRN-M%s", "givenName": "Edith", "familyName": "Moore", "birthDate": "1946-07-08"},
    "complaint": {"region": "%s", "symptomDurationDays": 10, "painScore": 5}, "findings": [%s]}' "$1" "$region" "$findings"
}

for run in $(seq 1 "$starts"); do
  data="$scratch/data-$run"
  begin=$(now_ms)
  java -jar "$jar" --data-dir "$data" > "$scratch/launcher-$run.out" 2>&1 &
  pid=$!
  until grep -q "Backline is ready" "$scratch/launcher-$run.out"; do
    kill -0 $pid 2>/dev/null || { echo "start $run failed:"; tail -20 "$scratch/launcher-$run.out"; exit 1; }
    sleep 0.2
  done
  ready=$(( $(now_ms) - begin ))
  sleep 2
  at_ready=$(totals "$data")
  last=""
  for i in $(seq 1 500); do
    referral "$i" > "$scratch/body"
    last=$(curl -s -D - -o /dev/null -u frontdesk:frontdesk -H 'Content-Type: application/json' \
      "$intake/api/referrals" --data-binary @"$scratch/body" | tr -d '\r' | awk 'tolower($1)=="location:" {print $2}')
  done
  until curl -s -u frontdesk:frontdesk "$intake$last" | grep -q '"status":"\(SCHEDULED\|AWAITING_REVIEW\|BOOKING_FAILED\)"'; do sleep 0.5; done
  after=$(totals "$data")
  echo "start $run: ready in $(( ready / 1000 )).$(( ready % 1000 / 100 )) s; at ready $at_ready; after 500 referrals $after"
  if [ "$run" = "$starts" ]; then
    java -jar "$jar" status --data-dir "$data"
    for service in intake triage workflow scheduling; do
      victim=$(grep -o "\"name\":\"$service\",\"state\":\"[A-Z_]*\",\"pid\":[0-9]*" "$data/backline.status.json" | grep -o '[0-9]*$')
      killed=$(now_ms)
      kill -9 "$victim"
      until grep -q "$service is up again" "$scratch/launcher-$run.out"; do sleep 0.1; done
      back=$(( $(now_ms) - killed ))
      echo "kill -9 $service (pid $victim): healthy again in $(( back / 1000 )).$(( back % 1000 / 100 )) s"
    done
    java -jar "$jar" status --data-dir "$data"
  fi
  kill -TERM $pid; wait $pid
done
rm -rf "$scratch"
