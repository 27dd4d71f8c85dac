# Sourced by .ci/run after package_check (whose feed, packed_version and write_feed_config it uses): a third party's store test, from the packed feed only. A new xunit project
# references BulkResume.Engine.StoreConformance, inherits the suite for a store (the in-memory one stands in for
# theirs) and runs it, so the package carries everything the suite needs and its tests are discovered when inherited.

conformance_check() {
  local feed="$PWD/artifacts/packages" work version output status=0
  version=$(packed_version "$feed")
  package_version() { sed -n "s/.*PackageVersion Include=\"$1\" Version=\"\([^\"]*\)\".*/\1/p" Directory.Packages.props; }
  work="$(mktemp -d /tmp/bulkresume-conformance-check.XXXXXX)"
  write_feed_config "$work/nuget.config" "$feed"
  cat > "$work/MyStore.Tests.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
    <WarningsNotAsErrors>NU1603</WarningsNotAsErrors>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="BulkResume.Engine.StoreConformance" Version="$version" />
    <PackageReference Include="Microsoft.NET.Test.Sdk" Version="$(package_version Microsoft.NET.Test.Sdk)" />
    <PackageReference Include="xunit" Version="$(package_version xunit)" />
    <PackageReference Include="xunit.runner.visualstudio" Version="$(package_version xunit.runner.visualstudio)" />
  </ItemGroup>
</Project>
XML
  cat > "$work/MyStoreTests.cs" <<'CS'
using BulkResume.Engine.Storage;
using BulkResume.Engine.StoreConformance;

public sealed class MyStoreTests : DlqStoreConformanceTests
{
    protected override IDlqStore CreateStore() => new InMemoryDlqStore();
}
CS
  output=$(cd "$work" && NUGET_PACKAGES="$work/.nuget" dotnet test 2>&1) || status=$?
  rm -rf "$work"
  # As many tests as the in-memory store ran in the engine's own tests (the same suite, inherited the same way), or,
  # run on its own without those results, at least a hundred.
  local expected
  expected=$(grep -o 'testName="BulkResume.Engine.Tests.Storage.InMemoryDlqStoreTests[^"]*"' "$PWD"/artifacts/test-results/*.trx 2>/dev/null | wc -l || true)
  [ "$expected" -gt 0 ] && expected="$expected," || expected="[0-9]{3,},"
  if [ "$status" -ne 0 ] || ! grep -qE "Passed!.*Passed: +$expected" <<<"$output"; then
    echo "conformance-check: the suite did not run from the package $version:" >&2
    echo "$output" >&2
    return 1
  fi
  echo "conformance-check: $(grep -oE 'Passed: +[0-9]+' <<<"$output" | head -1) conformance tests ran from the package $version"
}
