#!/usr/bin/env bash
# The one test command: installs what the tests need, builds once, runs every test project and
# ends with "Tests: N passed, N failed". Extra arguments go to each test run (e.g. -- --filter-class "*Worker*").
set -euo pipefail
cd "$(dirname "$0")"

scripts/install-test-deps.sh
# Many test hosts and browsers run at once; Debian's default of 128 inotify instances per user is too few.
if [ "$(cat /proc/sys/fs/inotify/max_user_instances 2>/dev/null || echo 1024)" -lt 1024 ] && [ "$(id -u)" -eq 0 ]; then
  sysctl -q -w fs.inotify.max_user_instances=1024 || true
fi

echo "Compilando..."
dotnet build Cartero.slnx -c Release -nologo -v quiet -clp:ErrorsOnly

results="$(mktemp -d)"
passed=0; failed=0; skipped=0; status=0
for project in tests/*/*.csproj; do
  name="$(basename "$project" .csproj)"
  echo "== $name"
  start=$(date +%s)
  set +e
  dotnet test --project "$project" -c Release --no-build "$@" \
    > "$results/$name.log" 2>&1
  code=$?
  set -e
  grep -E "^(failed|  [A-Za-z].*Exception|  Assert)" "$results/$name.log" | head -60 || true
  summary="$(grep -E "^\s+(total|failed|succeeded|skipped):" "$results/$name.log" | tr -s ' ' || true)"
  t=$(echo "$summary" | awk '/total:/{print $2}'); f=$(echo "$summary" | awk '/failed:/{print $2}')
  s=$(echo "$summary" | awk '/succeeded:/{print $2}'); k=$(echo "$summary" | awk '/skipped:/{print $2}')
  if [ -z "$t" ]; then
    echo "   $name no se ejecutó (código $code):"; tail -30 "$results/$name.log"; status=1; continue
  fi
  echo "   $name: ${s:-0} passed, ${f:-0} failed, ${k:-0} skipped in $(( $(date +%s) - start ))s"
  passed=$((passed + ${s:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${k:-0}))
  [ "$code" -eq 0 ] || status=1
done

if [ "$skipped" -gt 0 ]; then
  echo "Tests: $passed passed, $failed failed, $skipped skipped"
else
  echo "Tests: $passed passed, $failed failed"
fi
[ "$failed" -eq 0 ] || status=1
exit $status
