#!/usr/bin/env bash
# Starts Tributary's embedded default: a Kafka broker (KRaft, data in .local/kafka), the upstream
# simulator and the ingest, processor and gateway services. Builds the project first when a jar is
# missing or a source is newer than it. Options: ./run-local.sh --help. Stop with Ctrl-C or SIGTERM.
# TRIBUTARY_LOCAL_JAVA_OPTS: JVM options of the runner itself (which also hosts the simulator).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

# The modules the stack runs, and those they are built from.
SERVICES=(ingest-service stream-processor gateway)
SOURCES=(pom.xml schemas service-support upstream-simulator ingest-service stream-processor gateway local-runner)

die() {
  echo "run-local.sh: $*" >&2
  exit 1
}

command -v java >/dev/null 2>&1 || die "java is not on the PATH; install a JDK 17 or newer"
java_major=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
[[ "${java_major:-0}" =~ ^[0-9]+$ && "$java_major" -ge 17 ]] || die "Java 17 or newer is needed (found ${java_major:-none})"

# The newest file of a glob (never a -tests or -sources jar), or nothing.
newest() {
  ls -t $1 2>/dev/null | grep -v -e '-tests\.jar$' -e '-sources\.jar$' | head -n 1 || true
}

runner_jar() {
  newest "local-runner/target/local-runner-*.jar"
}

needs_build() {
  local jars=() jar
  for module in "${SERVICES[@]}"; do
    jar=$(newest "$module/target/$module-*-exec.jar")
    [[ -n "$jar" ]] || return 0
    jars+=("$jar")
  done
  jar=$(runner_jar)
  [[ -n "$jar" && -d local-runner/target/lib ]] || return 0
  jars+=("$jar")
  local sources=()
  for source in "${SOURCES[@]}"; do
    if [[ -d "$source" ]]; then
      sources+=("$source/pom.xml" "$source/src")
    else
      sources+=("$source")
    fi
  done
  for jar in "${jars[@]}"; do
    if [[ -n "$(find "${sources[@]}" -type f -newer "$jar" -print -quit 2>/dev/null)" ]]; then
      return 0
    fi
  done
  return 1
}

if needs_build; then
  command -v mvn >/dev/null 2>&1 || die "the project needs building and mvn is not on the PATH; install Maven 3.8+"
  echo "Building Tributary (mvn -B -q -DskipTests install)..."
  mvn -B -q -DskipTests install || die "the build failed"
  # Maven leaves a jar whose own module did not change as it was, older than the sources that did; mark
  # them all as built now, or the next start would build again (and start over the services' CDS archives).
  for module in "${SERVICES[@]}"; do
    touch "$(newest "$module/target/$module-*-exec.jar")"
  done
  touch "$(runner_jar)"
fi

jar=$(runner_jar)
[[ -n "$jar" ]] || die "local-runner/target has no jar after the build"
exec java ${TRIBUTARY_LOCAL_JAVA_OPTS:-} -jar "$jar" "$@"
