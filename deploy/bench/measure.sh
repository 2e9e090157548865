#!/usr/bin/env bash
# Issue 16: EcoPlan's roll-up hop and rebuild against the limits of the same PostgreSQL and Kafka broker on the
# same machine, in interleaved rounds, printing ratios (absolute figures move with the machine's load; read the
# ratios). Per round:
#   1. pgbench: single-row INSERT of a 360-byte row with three indexes, 4 clients, 15 s (tps, p99);
#   2. Kafka's own EndToEndLatency (org.apache.kafka.tools.EndToEndLatency, acks=all, 1 KB, 1,000 messages);
#   3. indicator-service's RollupHopBenchmark against the same servers: state event -> roll-up event one at a time
#      (p50/p99), a burst (events/s applied), a rebuild over the topic against a plain consumer reading it;
#   4. progress-service's ReportWriteBenchmark against the same PostgreSQL: POST /reports at 1/4/16 connections beside
#      the service's own statements for a report replayed as plain SQL and pgbench's insert of the same row, then an
#      open loop at 70 % and 2x the maximum. It reads the service's statements from PostgreSQL's log: ECOPLAN_POSTGRES_LOG
#      (default .ecoplan/logs/postgres.log of this checkout, where run-local.sh writes it); without it that column is
#      skipped.
#
# Needs a running PostgreSQL and broker, e.g. in another terminal (free ports, data in .ecoplan/ of this checkout):
#   ECOPLAN_POSTGRES_PORT=25432 ECOPLAN_KAFKA_PORT=29092 ./deploy/run-local.sh --infrastructure-only
# then:
#   ECOPLAN_POSTGRES_URL=jdbc:postgresql://127.0.0.1:25432/postgres ECOPLAN_POSTGRES_USER=postgres \
#   ECOPLAN_KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:29092 ./deploy/bench/measure.sh [rounds]
# The benchmarks' JVM (service, load driver and replay in one) runs with ECOPLAN_BENCH_JVM_OPTIONS, by default the
# packaged services' compiler and collector (-XX:TieredStopAtLevel=1 -XX:+UseSerialGC, service.jvm-options in the
# parent POM): on 2 cores they wrote 1.6x faster than the test JVM's C2 and G1, whose compiler and GC threads compete
# with the request threads. Set it empty for the JVM's defaults.
# pgbench comes from a PostgreSQL client installation (PGBENCH=/path/to/pgbench, else the PATH or
# /usr/lib/postgresql/*/bin); without it that step is skipped. Results: deploy/bench/target/<time>/.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rounds="${1:-3}"
: "${ECOPLAN_POSTGRES_URL:?set ECOPLAN_POSTGRES_URL to the admin JDBC URL of the PostgreSQL to measure}"
: "${ECOPLAN_KAFKA_BOOTSTRAP_SERVERS:?set ECOPLAN_KAFKA_BOOTSTRAP_SERVERS to the broker to measure}"
export ECOPLAN_POSTGRES_URL ECOPLAN_KAFKA_BOOTSTRAP_SERVERS
jvm_options="${ECOPLAN_BENCH_JVM_OPTIONS--XX:TieredStopAtLevel=1 -XX:+UseSerialGC}"
export ECOPLAN_POSTGRES_USER="${ECOPLAN_POSTGRES_USER:-postgres}" ECOPLAN_POSTGRES_PASSWORD="${ECOPLAN_POSTGRES_PASSWORD:-}"
if [[ -z "${ECOPLAN_POSTGRES_LOG:-}" && -r "$root/.ecoplan/logs/postgres.log" ]]; then
  export ECOPLAN_POSTGRES_LOG="$root/.ecoplan/logs/postgres.log"
fi
out="$root/deploy/bench/target/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"

# host and port out of jdbc:postgresql://host:port/database
hostport="${ECOPLAN_POSTGRES_URL#jdbc:postgresql://}"
hostport="${hostport%%/*}"
pghost="${hostport%%:*}"
pgport="${hostport##*:}"
[[ "$pgport" == "$hostport" ]] && pgport=5432

pgbench="${PGBENCH:-$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | tail -1 || true)}"
# ReportWriteBenchmark runs the same pgbench (it skips that column when there is none).
[[ -n "$pgbench" ]] && export PGBENCH="$pgbench"
kafka_libs="$root/deploy/kafka-broker/target/libs"
kafka_tools="$(ls "$HOME"/.m2/repository/org/apache/kafka/kafka-tools/*/kafka-tools-*.jar 2>/dev/null | grep -v sources | tail -1 || true)"
if [[ ! -d "$kafka_libs" ]]; then
  echo "Missing $kafka_libs: mvn -B -q -pl deploy/kafka-broker -DskipTests package" >&2
  exit 1
fi
if [[ -z "$kafka_tools" ]]; then
  version="$(ls "$kafka_libs" | sed -n 's/^kafka-clients-\(.*\)\.jar$/\1/p')"
  mvn -B -q dependency:get -Dartifact="org.apache.kafka:kafka-tools:$version" >/dev/null
  kafka_tools="$HOME/.m2/repository/org/apache/kafka/kafka-tools/$version/kafka-tools-$version.jar"
fi

p99() { sort -n | awk '{v[NR]=$1} END {i=int(NR*0.99+0.999); if (i<1) i=1; print v[i]}'; }

pgbench_round() {
  local dir="$out/round-$1/pgbench"
  mkdir -p "$dir"
  export PGPASSWORD="$ECOPLAN_POSTGRES_PASSWORD"
  local psql=(psql -X -q -h "$pghost" -p "$pgport" -U "$ECOPLAN_POSTGRES_USER")
  local psql_bin
  psql_bin="$(dirname "$pgbench")/psql"
  psql[0]="$psql_bin"
  "${psql[@]}" -d postgres -c "drop database if exists ecoplan_bench" -c "create database ecoplan_bench" >/dev/null
  "${psql[@]}" -d ecoplan_bench >/dev/null <<'SQL'
create table report (
    id uuid primary key, measure_id varchar(64) not null, period varchar(7) not null, state varchar(20) not null,
    narrative text not null, submitted_at timestamptz not null);
create index report_measure on report (measure_id, period);
create index report_state on report (state, submitted_at);
SQL
  cat > "$dir/insert.sql" <<'SQL'
\set m random(1, 10000)
insert into report values (gen_random_uuid(), 'measure-' || :m, '2026-06', 'SUBMITTED', repeat('进展顺利', 25) || repeat('x', 160), now());
SQL
  (cd "$dir" && "$pgbench" -n -h "$pghost" -p "$pgport" -U "$ECOPLAN_POSTGRES_USER" -c 4 -j 2 -T 15 -l -f insert.sql ecoplan_bench > pgbench.txt 2>&1)
  local tps p99_ms
  tps="$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$dir/pgbench.txt" | head -1)"
  p99_ms="$(cat "$dir"/pgbench_log.* | awk '{print $3/1000}' | p99)"
  "${psql[@]}" -d postgres -c "drop database if exists ecoplan_bench" >/dev/null
  echo "$tps $p99_ms"
}

kafka_round() {
  local dir="$out/round-$1"
  java -cp "$kafka_libs/*:$kafka_tools" org.apache.kafka.tools.EndToEndLatency "$ECOPLAN_KAFKA_BOOTSTRAP_SERVERS" \
    "bench.end-to-end" 1000 all 1024 > "$dir/end-to-end.txt" 2>&1
  # "Percentiles: 50th = 2, 99th = 5, 99.9th = 8"
  sed -n 's/.*50th = \([0-9.]*\), 99th = \([0-9.]*\).*/\1 \2/p' "$dir/end-to-end.txt" | tail -1
}

ecoplan_round() {
  local dir="$out/round-$1"
  (cd "$root" && mvn -B -pl indicator-service -am verify -Pbenchmark -Dtest=RollupHopBenchmark "-DargLine=$jvm_options" \
    -Dsurefire.failIfNoSpecifiedTests=false -DskipITs > "$dir/rollup-hop-build.log" 2>&1) || {
    echo "RollupHopBenchmark failed: $dir/rollup-hop-build.log" >&2
    exit 1
  }
  cp "$root/indicator-service/target/benchmarks/rollup-hop.md" "$dir/rollup-hop.md"
  local file="$dir/rollup-hop.md"
  local hop_p50 hop_p99 burst rebuild read
  read -r hop_p50 hop_p99 < <(grep '^| state event' "$file" | awk -F'|' '{gsub(/ /,"",$3); gsub(/ /,"",$4); print $3, $4}')
  burst="$(sed -n 's/.*\*\*\([0-9,]*\) events\/s\*\*.*/\1/p' "$file" | tr -d ,)"
  read -r rebuild read < <(sed -n 's/.* in \([0-9.]*\) s; a plain consumer reads the same .* in \([0-9.]*\) s:.*/\1 \2/p' "$file")
  echo "$hop_p50 $hop_p99 $burst $rebuild $read"
}

# Per round: best reports/s | own SQL tps | pgbench row tps | ÷ own SQL | ÷ pgbench | p50/p99 at 70 % | others at 70 % | others at 2x
writes_round() {
  local dir="$out/round-$1"
  (cd "$root" && mvn -B -pl progress-service -am verify -Pbenchmark -Dtest=ReportWriteBenchmark "-DargLine=$jvm_options" \
    -Dsurefire.failIfNoSpecifiedTests=false -DskipITs > "$dir/report-writes-build.log" 2>&1) || {
    echo "ReportWriteBenchmark failed: $dir/report-writes-build.log" >&2
    exit 1
  }
  cp "$root/progress-service/target/benchmarks/report-writes.md" "$dir/report-writes.md"
  local file="$dir/report-writes.md"
  # "| **best of 1/4/16** | **66** | **214** | **6470** | **0.308** (goal ≥ 0.9) | **0.010** (goal ≥ 0.5) | |"
  grep '^| \*\*best of' "$file" | awk -F'|' '{for (i = 3; i <= 7; i++) {v = $i; gsub(/\*|\(.*\)| /, "", v); printf "%s ", v}}'
  # "| 70 % of max: 46/s | 46 | 131.8 | 402.1 | none | 158 → 160 | 20.32 |"
  grep '^| 70 % of max' "$file" | awk -F'|' '{gsub(/ /, "", $4); gsub(/ /, "", $5); v = $6; gsub(/ /, "", v); printf "%s/%s %s ", $4, $5, v}'
  grep '^| 2× max' "$file" | awk -F'|' '{v = $6; gsub(/ /, "", v); print v}'
}

summary="$out/summary.md"
writes="$out/writes.md"
{
  echo "| round | POST /reports best/s | own SQL tps | pgbench row tps | ÷ own SQL (≥ 0.9) | ÷ pgbench (≥ 0.5) | p50 / p99 ms at 70 % (p99 < 50) | other answers at 70 % | other answers at 2× (only 503) |"
  echo "|---|---:|---:|---:|---:|---:|---:|---|---|"
} > "$writes"
{
  echo "# Issue 16 measurement, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "Benchmark JVM options: ${jvm_options:-none (JVM defaults)}"
  echo
  echo "| round | pgbench tps | pgbench p99 ms | Kafka e2e p50 / p99 ms | hop p50 / p99 ms | hop p99 ÷ Kafka p99 | burst events/s | rebuild s | plain read s | rebuild ÷ read |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
} > "$summary"
for round in $(seq 1 "$rounds"); do
  mkdir -p "$out/round-$round"
  if [[ -n "$pgbench" && -x "$pgbench" ]]; then
    read -r tps pg_p99 < <(pgbench_round "$round")
  else
    tps="-"; pg_p99="-"
  fi
  read -r k50 k99 < <(kafka_round "$round")
  read -r h50 h99 burst rebuild plain < <(ecoplan_round "$round")
  hop_ratio="$(awk -v h="$h99" -v k="$k99" 'BEGIN {printf "%.1f", h / (k > 0 ? k : 1)}')"
  rebuild_ratio="$(awk -v r="$rebuild" -v p="$plain" 'BEGIN {printf "%.1f", r / p}')"
  echo "| $round | $tps | $pg_p99 | $k50 / $k99 | $h50 / $h99 | $hop_ratio | $burst | $rebuild | $plain | $rebuild_ratio |" >> "$summary"
  read -r w_http w_sql w_row w_own w_pg w_lat w_70 w_2x < <(writes_round "$round")
  echo "| $round | $w_http | $w_sql | $w_row | $w_own | $w_pg | ${w_lat/\// / } | $w_70 | $w_2x |" >> "$writes"
  echo "round $round done (load $(cut -d' ' -f1 /proc/loadavg))"
done
{
  echo
  echo "Write path (ReportWriteBenchmark; each round's report-writes.md has the 1/4/16-connection rows and the statements):"
  echo
  cat "$writes"
} >> "$summary"
echo
cat "$summary"
