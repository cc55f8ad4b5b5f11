#!/bin/sh
# Regenerates the .wasm test modules from their .wat sources (Debian's wabt: apt-get install wabt).
set -e
cd "$(dirname "$0")"
for f in *.wat; do
  wat2wasm --debug-names "$f" -o "${f%.wat}.wasm"
done
