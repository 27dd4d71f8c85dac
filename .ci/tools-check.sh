# Sourced by .ci/run after package_check (whose feed and packed_version it uses): installs the two .NET tools with the
# README's own install lines, run from the clone in a home of their own whose ~/bulkresume-packages is the packed
# feed, then drives them: the emulator starts and serves, the CLI lists and resumes against it, and the CLI without a
# token refuses and changes nothing.

tools_check() {
  local feed="$PWD/artifacts/packages" work version url emulator_pid status=0 line
  version=$(packed_version "$feed")
  work="$(mktemp -d /tmp/bulkresume-tools-check.XXXXXX)"
  ln -s "$feed" "$work/bulkresume-packages"
  while IFS= read -r line; do
    (HOME="$work" NUGET_PACKAGES="$work/.nuget" eval "$line") \
      || { echo "tools-check: the README's '$line' failed" >&2; rm -rf "$work"; return 1; }
  done < <(sed -n '/^```bash$/,/^```$/p' README.md | grep '^dotnet tool install ')
  for tool in bulkresume bulkresume-emulator; do
    [ -x "$work/.bulkresume/tools/$tool" ] || { echo "tools-check: the README's install lines did not install $tool" >&2; rm -rf "$work"; return 1; }
  done
  local installed
  installed=$("$work/.bulkresume/tools/bulkresume" --version | sed 's/+.*//')
  [ "$installed" = "$version" ] || { echo "tools-check: the README's install lines installed bulkresume $installed, not the packed $version" >&2; rm -rf "$work"; return 1; }

  BULKRESUME_EMULATOR_TOKEN=ci-token "$work/.bulkresume/tools/bulkresume-emulator" --port 0 --seed demo --quiet > "$work/emulator.log" 2>&1 &
  emulator_pid=$!
  for _ in $(seq 1 300); do
    url=$(sed -n 's/^BulkResume emulator listening on \(http:.*\)$/\1/p' "$work/emulator.log")
    [ -n "$url" ] && grep -q "Seeded the demo DLQ" "$work/emulator.log" && break
    sleep 0.1
  done
  if [ -z "$url" ]; then
    echo "tools-check: bulkresume-emulator did not start:" >&2; cat "$work/emulator.log" >&2; status=1
  fi

  check() { # description, expected exit code, expected text, command...
    local what="$1" expected_code="$2" expected="$3" output code=0
    shift 3
    output=$("$@" 2>&1) || code=$?
    if [ "$code" -ne "$expected_code" ] || ! grep -q -- "$expected" <<<"$output"; then
      echo "tools-check: $what: expected exit $expected_code and '$expected', got exit $code:" >&2; echo "$output" >&2; status=1
    fi
  }
  local cli="$work/.bulkresume/tools/bulkresume" checkout="https://shop.example.com/api/workflows/checkout"
  if [ "$status" -eq 0 ]; then
    check "health" 0 '"status":"healthy"' curl -sf "$url/health"
    check "no token" 2 "No token for $url, so nothing was sent" env -u QSTASH_TOKEN QSTASH_URL="$url" "$cli" resume --all --yes --json
    check "list" 0 '"count": 125' env QSTASH_TOKEN=ci-token "$cli" list --url "$url" --workflow-url "$checkout" --limit 0 --json
    check "resume" 0 '"processed": 125' env QSTASH_TOKEN=ci-token "$cli" resume --url "$url" --workflow-url "$checkout" --yes --json
    check "what is left" 0 '"count": 18' env QSTASH_TOKEN=ci-token "$cli" list --url "$url" --limit 0 --json
  fi

  # A graceful stop, then no more than 30 s before it is killed: a hung emulator must not hang CI.
  kill -TERM "$emulator_pid" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$emulator_pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$emulator_pid" 2>/dev/null || true
  wait "$emulator_pid" 2>/dev/null || true
  rm -rf "$work"
  [ "$status" -eq 0 ] && echo "tools-check: bulkresume-emulator and bulkresume $version installed with the README's dotnet tool install lines and served"
  return "$status"
}
