#!/usr/bin/env bash
# Runs EcoPlan on this machine: PostgreSQL, a Kafka broker and the four services.
# Needs only JDK 17+ and Maven. Data stays in .ecoplan/ at the repository root; Ctrl-C stops everything.
#
#   ./deploy/run-local.sh                        build what is needed, then start everything
#   ./deploy/run-local.sh --infrastructure-only  PostgreSQL and Kafka only
#   ./deploy/run-local.sh --cluster              3 Kafka nodes and 2 replicas of each service (data in .ecoplan/cluster)
#   ECOPLAN_SKIP_BUILD=true ./deploy/run-local.sh   start without building first
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [[ "${ECOPLAN_SKIP_BUILD:-false}" != "true" ]]; then
  echo "Building EcoPlan (mvn -B -q -DskipTests package) ..."
  if ! mvn -B -q -DskipTests package; then
    echo "The build failed (see the Maven errors above); nothing was started." >&2
    exit 1
  fi
fi

launcher="$root/deploy/launcher/target/ecoplan-launcher.jar"
if [[ ! -f "$launcher" ]]; then
  echo "Missing $launcher; build it with: mvn -B -q -DskipTests package" >&2
  exit 1
fi

mkdir -p "$root/.ecoplan/tmp"
# exec: the launcher itself receives Ctrl-C and stops the services, Kafka and PostgreSQL in order.
exec java -Xms16m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
  -Decoplan.root="$root" -Djava.io.tmpdir="$root/.ecoplan/tmp" \
  -cp "$launcher:$root/deploy/launcher/target/lib/*" org.ecoplan.launcher.LocalStack "$@"
