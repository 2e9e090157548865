#!/usr/bin/env bash
# The cluster test (issue 13): EcoPlan in the shape of a city deployment on this machine, under faults.
# A Kafka cluster of three KRaft nodes (replication 3, min ISR 2) and two replicas of each packaged service;
# at least 1,000 reports filed and reviewed at a steady pace while the active Kafka controller is SIGKILLed and
# started again, one replica of each service is SIGKILLed and started again, and PostgreSQL is restarted; then
# every report and every downstream effect exactly once, backlogs 0. About 15 minutes on two cores; not part of
# `mvn -B verify`. Files (logs of every node and replica) stay in deploy/system-tests/target/cluster-test/.
#
#   ./deploy/cluster-test.sh                                        build what is needed, then run it
#   ./deploy/cluster-test.sh -Decoplan.cluster-test.reports=2000 -Decoplan.cluster-test.rate=3
#   ./deploy/cluster-test.sh -Decoplan.cluster-test.faults=broker,replica,postgres,rebuild
#
# Needs only JDK 17+ and Maven, like the rest of the build.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# -am packages the four services (the cluster runs their quarkus-run.jar, as a user does); -Dtest keeps the other
# modules' tests out but for KafkaClusterTest (the cluster alone: a node killed and taken back), and -Pcluster makes
# the system tests run ReportChainOnClusterIT only.
exec mvn -B -pl deploy/infrastructure,deploy/system-tests -am verify -Pcluster \
  -Dtest=KafkaClusterTest -Dsurefire.failIfNoSpecifiedTests=false -Decoplan.cluster-test=true "$@"
