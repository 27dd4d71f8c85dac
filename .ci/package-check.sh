# Sourced by .ci/run after the tests: packs every library into a local folder feed, then builds and runs the
# quickstart from a folder outside the repository against those packages (not the projects), so a package that
# misses a dependency or a file fails CI. Uses its own NuGet cache, so a stale cached 0.1.0 can't hide a problem.

# A nuget.config that reads the packed packages first, then nuget.org for their dependencies.
write_feed_config() { # path, feed
  cat > "$1" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$2" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
XML
}

package_check() {
  local feed="$PWD/artifacts/packages" work
  rm -rf "$feed"
  dotnet pack BulkResume.sln -c Release --no-build -o "$feed"
  for id in BulkResume.Client BulkResume.Engine BulkResume.Engine.Sqlite BulkResume.Engine.PostgreSql BulkResume.Emulator; do
    ls "$feed/$id".*.nupkg "$feed/$id".*.snupkg >/dev/null || { echo "package-check: $id was not packed" >&2; return 1; }
  done
  local version
  version=$(ls "$feed"/BulkResume.Client.*.nupkg | sed -E 's/.*BulkResume\.Client\.(.*)\.nupkg/\1/')

  work="$(mktemp -d /tmp/bulkresume-package-check.XXXXXX)"
  cp samples/BulkResume.Quickstart/*.cs "$work/"
  write_feed_config "$work/nuget.config" "$feed"
  cat > "$work/PackageCheck.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
    <RootNamespace>BulkResume.Quickstart</RootNamespace>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="BulkResume.Client" Version="$version" />
    <PackageReference Include="BulkResume.Engine" Version="$version" />
  </ItemGroup>
</Project>
XML
  local output status=0
  output=$(cd "$work" && env -u QSTASH_TOKEN NUGET_PACKAGES="$work/.nuget" dotnet run -c Release 2>&1) || status=$?
  rm -rf "$work"
  if [ "$status" -ne 0 ] || ! grep -q "^Resumed [1-9][0-9]* runs" <<<"$output"; then
    echo "package-check: the quickstart did not run against the packages $version:" >&2
    echo "$output" >&2
    return 1
  fi
  echo "package-check: the quickstart ran against the packed packages $version"
}
