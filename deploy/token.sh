#!/usr/bin/env bash
# Prints a JWT for the local run, signed with the key in .ecoplan/keys (created on first use).
#
#   ./deploy/token.sh <admin|supervisor|reporter|integrator> [department-code] [subject]
#   curl -H "Authorization: Bearer $(./deploy/token.sh admin)" http://localhost:8081/...
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
launcher="$root/deploy/launcher/target/ecoplan-launcher.jar"
if [[ ! -f "$launcher" ]]; then
  (cd "$root" && mvn -B -q -DskipTests package -pl deploy/launcher -am) >&2
fi
exec java -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Decoplan.root="$root" \
  -cp "$launcher:$root/deploy/launcher/target/lib/*" org.ecoplan.launcher.MintToken "$@"
