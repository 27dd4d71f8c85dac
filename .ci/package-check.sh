# Sourced by .ci/run after the tests. Packs every library into a local folder feed, as the README's install section
# tells a user to, then, from folders outside the repository and against those packages (not the projects):
#   - every package and the CLI carry one version;
#   - the README's path works: a new console project adds BulkResume.Client from the folder and builds;
#   - a net8.0 app that pins Microsoft.Extensions.Http 8.0.1 builds with warnings as errors (no NU1605 downgrade);
#   - the quickstart builds and runs.
# Every CI build is a version of its own (VersionSuffix, set by .ci/run), as every pack the README shows is; it also
# uses its own NuGet cache, so nothing cached by another run can hide a problem.

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
  local feed="$PWD/artifacts/packages" work status=0
  rm -rf "$feed"
  dotnet pack BulkResume.sln -c Release --no-build -o "$feed"
  for id in BulkResume.Client BulkResume.Client.HealthChecks BulkResume.Aspire.Hosting BulkResume.Engine BulkResume.Engine.Sql BulkResume.Engine.Sqlite BulkResume.Engine.PostgreSql BulkResume.Engine.StoreConformance BulkResume.Emulator BulkResume.Emulator.Tool BulkResume.Cli; do
    ls "$feed/$id".[0-9]*.nupkg "$feed/$id".[0-9]*.snupkg >/dev/null || { echo "package-check: $id was not packed" >&2; return 1; }
  done
  local version
  version=$(packed_version "$feed")
  package_versions_agree "$feed" "$version" || return 1

  work="$(mktemp -d /tmp/bulkresume-package-check.XXXXXX)"
  write_feed_config "$work/nuget.config" "$feed"
  (package_install_as_readme "$work" "$feed" "$version" \
    && package_net8_consumer "$work" "$version" \
    && package_quickstart "$work" "$version") || status=$?
  rm -rf "$work"
  return "$status"
}

# The version the feed's packages were packed at (package_versions_agree checks that there is one), read from the client's.
packed_version() {
  ls "$1"/BulkResume.Client.[0-9]*.nupkg | sed -E 's/.*BulkResume\.Client\.(.*)\.nupkg/\1/'
}

# One version everywhere: each package's file name, and what the CLI prints for --version.
package_versions_agree() {
  local feed="$1" version="$2" file other cli
  for file in "$feed"/*.nupkg; do
    other=$(basename "$file" .nupkg | sed -E 's/^[A-Za-z.]+\.([0-9].*)$/\1/')
    [ "$other" = "$version" ] || { echo "package-check: $(basename "$file") is not version $version" >&2; return 1; }
  done
  cli=$(dotnet src/BulkResume.Cli/bin/Release/net10.0/bulkresume.dll --version | sed 's/+.*//')
  [ "$cli" = "$version" ] || { echo "package-check: bulkresume --version says $cli, the packages $version" >&2; return 1; }
  echo "package-check: every package and the CLI are version $version"
}

# The README's install section, as a new user runs it in a folder of its own: a console app, its own nuget.config
# with the folder as a source, dotnet add package; then the README's first example builds in it.
package_install_as_readme() {
  local work="$1" feed="$2" version="$3" readme="$PWD/README.md" app output
  app="$(mktemp -d /tmp/bulkresume-readme-app.XXXXXX)"
  output=$( (cd "$app" \
    && dotnet new console --framework net10.0 --name ReadmeApp --output . \
    && dotnet new nugetconfig \
    && dotnet nuget add source "$feed" --name bulkresume \
    && NUGET_PACKAGES="$work/.nuget" dotnet add package BulkResume.Client --prerelease \
    && awk '/^```csharp$/{inside=1; next} inside && /^```$/{exit} inside{print}' "$readme" > Program.cs \
    && NUGET_PACKAGES="$work/.nuget" dotnet build -c Release -warnaserror) 2>&1) || {
      echo "package-check: the README's install path failed:" >&2
      echo "$output" >&2
      rm -rf "$app"
      return 1
    }
  if ! grep -q "Include=\"BulkResume.Client\" Version=\"$version\"" "$app/ReadmeApp.csproj"; then
    echo "package-check: dotnet add package did not add BulkResume.Client $version" >&2
    rm -rf "$app"
    return 1
  fi
  rm -rf "$app"
  echo "package-check: the README's install path added BulkResume.Client $version from the folder and built its first example"
}

# A net8.0 app that keeps its 8.x packages: the client's net8.0 dependencies must not force a downgrade (NU1605).
package_net8_consumer() {
  local work="$1" version="$2" app="$1/net8-app" output
  mkdir -p "$app"
  cat > "$app/Net8App.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net8.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
    <MSBuildTreatWarningsAsErrors>true</MSBuildTreatWarningsAsErrors>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Microsoft.Extensions.Http" Version="8.0.1" />
    <PackageReference Include="Microsoft.Extensions.Hosting" Version="8.0.1" />
    <PackageReference Include="BulkResume.Client" Version="$version" />
    <PackageReference Include="BulkResume.Client.HealthChecks" Version="$version" />
  </ItemGroup>
</Project>
XML
  cat > "$app/Program.cs" <<'CS'
using BulkResume;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddWorkflowClient();
builder.Services.AddHealthChecks().AddWorkflowDlq(o => o.DegradedAbove = 100);
using var host = builder.Build();
Console.WriteLine(host.Services.GetRequiredService<DlqClient>().GetType().Name);
CS
  output=$(cd "$app" && NUGET_PACKAGES="$work/.nuget" dotnet build -c Release 2>&1) \
    || { echo "package-check: a net8.0 app on Microsoft.Extensions.Http 8.0.1 did not build:" >&2; echo "$output" >&2; return 1; }
  if grep -q "NU1605" <<<"$output"; then
    echo "package-check: a net8.0 app on Microsoft.Extensions.Http 8.0.1 meets a package downgrade:" >&2
    echo "$output" >&2
    return 1
  fi
  echo "package-check: a net8.0 app on Microsoft.Extensions.Http 8.0.1 built against $version with warnings as errors"
}

# The quickstart, built and run against the packages.
package_quickstart() {
  local work="$1" version="$2" app="$1/quickstart" output status=0
  mkdir -p "$app"
  cp samples/BulkResume.Quickstart/*.cs "$app/"
  cat > "$app/PackageCheck.csproj" <<XML
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
  output=$(cd "$app" && env -u QSTASH_TOKEN NUGET_PACKAGES="$work/.nuget" dotnet run -c Release 2>&1) || status=$?
  if [ "$status" -ne 0 ] || ! grep -q "^Resumed [1-9][0-9]* runs" <<<"$output"; then
    echo "package-check: the quickstart did not run against the packages $version:" >&2
    echo "$output" >&2
    return 1
  fi
  echo "package-check: the quickstart ran against the packed packages $version"
}
