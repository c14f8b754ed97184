#!/usr/bin/env bash
# Benchmarks (not tests): prints throughput and CPU figures; see docs/performance.md.
# Usage: ./bench.sh [--messages N] [--warmup N] [--per-connection-messages N] [--skip-postgres] [--batch N [--only-batch]] [--phases]
#                   [--only-cartero] [--app DIR]   (only the Cartero scenarios; DIR: the bin folder of another build, for an A/B)
#        Each scenario prints its line when it ends; the table comes at the end. (a) defaults to 20 messages: at ~35 ms
#        each, the 2,000 it used to send kept a run silent for minutes.
#        (CARTERO_BENCH_APP_ENV="Name=value;..." passes extra settings to the app under test)
#        ./bench.sh --archive-cost [--messages N]   (what keeping each sent .eml costs: serialisation, hash, file)
#        ./bench.sh --log-queries [--rows N] [--skip-postgres]
#        ./bench.sh --sri [--invoices N] [--lines N] [--sri-schemas DIR]   (SRI factura: XML, XSD, XAdES-BES, RIDE)
set -euo pipefail
cd "$(dirname "$0")"
if [ -x scripts/install-test-deps.sh ]; then scripts/install-test-deps.sh; fi
dotnet build src/Cartero -c Release -v quiet -nologo
dotnet build bench/Cartero.Bench -c Release -v quiet -nologo
dotnet bench/Cartero.Bench/bin/Release/net10.0/linux-x64/Cartero.Bench.dll "$@"
