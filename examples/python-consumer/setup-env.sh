#!/usr/bin/env bash
# Prepares the Python environment of the example consumer in examples/python-consumer/.venv, for its
# tests and for the system test that runs it against a real broker (PythonConsumerIT):
#  - confluent-kafka from Debian (python3-confluent-kafka, built with Debian's librdkafka), because the
#    Python package index this project's CI reaches has no confluent-kafka; elsewhere
#    `pip install -r requirements.txt` gives the wheel instead;
#  - fastavro from the Python package index, pinned as in requirements.txt;
#  - a venv on Debian's python3 that sees its system packages.
# Idempotent: does nothing when the venv already imports both.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="$here/.venv"
system_python=/usr/bin/python3

if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import confluent_kafka, fastavro' 2>/dev/null; then
  exit 0
fi
if ! "$system_python" -c 'import confluent_kafka, ensurepip' 2>/dev/null; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "Needs python3-confluent-kafka and python3-venv (Debian): install them as root, or use pip install -r requirements.txt" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q python3-confluent-kafka python3-venv >/dev/null \
    || { apt-get update -q >/dev/null && apt-get install -y -q python3-confluent-kafka python3-venv >/dev/null; }
fi
rm -rf "$venv"
"$system_python" -m venv --system-site-packages "$venv"
"$venv/bin/pip" install -q --disable-pip-version-check --retries 0 "$(grep '^fastavro==' "$here/requirements.txt")"
"$venv/bin/python" -c 'import confluent_kafka, fastavro; print("confluent-kafka", confluent_kafka.version()[0], "librdkafka", confluent_kafka.libversion()[0], "fastavro", fastavro.__version__)'
