<#
.SYNOPSIS
    vsskit launcher for PowerShell.
.DESCRIPTION
    Runs vsskit's jar with the arguments given and returns its exit code ($LASTEXITCODE). In a release (an
    unpacked vsskit-VERSION archive: lib\vsskit.jar beside this script) it runs that jar. In a source checkout
    (this script in scripts\) it builds cli\target\vsskit.jar with Maven when it is missing or older than a
    pom.xml or a main source file. The first run after a build (or after unpacking) records the classes it
    loads and makes a class-data sharing archive that later runs start from: cli\target\vsskit.jsa in a
    checkout; in a release $env:LOCALAPPDATA\vsskit\cache\<release folder>.jsa (the install folder may be
    read-only). $env:VSSKIT_JAVA_OPTS adds JVM options; $env:JAVA_HOME picks the Java to use.
.EXAMPLE
    .\vsskit.ps1 list providers --output json | ConvertFrom-Json
#>
$java = 'java'
if ($env:JAVA_HOME) {
    $java = Join-Path $env:JAVA_HOME 'bin\java.exe'
}

$releaseJar = Join-Path $PSScriptRoot 'lib\vsskit.jar'
if (Test-Path -LiteralPath $releaseJar) {
    $jar = $releaseJar
    $cache = if ($env:LOCALAPPDATA) { Join-Path $env:LOCALAPPDATA 'vsskit\cache' } else { Join-Path $PSScriptRoot 'lib' }
    New-Item -ItemType Directory -Force -Path $cache -ErrorAction SilentlyContinue | Out-Null
    $jsa = Join-Path $cache ((Split-Path -Leaf $PSScriptRoot) + '.jsa')
} else {
    $root = Split-Path -Parent $PSScriptRoot
    $jar = Join-Path $root 'cli\target\vsskit.jar'
    $jsa = Join-Path $root 'cli\target\vsskit.jsa'

    $stale = -not (Test-Path -LiteralPath $jar)
    if (-not $stale) {
        $built = (Get-Item -LiteralPath $jar).LastWriteTimeUtc
        $sources = @(Join-Path $root 'pom.xml') + @(Get-ChildItem -Path $root -Directory | ForEach-Object {
            Join-Path $_.FullName 'pom.xml'
            Join-Path $_.FullName 'src\main'
        })
        $newer = Get-ChildItem -Path $sources -Recurse -File -ErrorAction SilentlyContinue |
            Where-Object { $_.LastWriteTimeUtc -gt $built } | Select-Object -First 1
        $stale = $null -ne $newer
    }
    if ($stale) {
        [Console]::Error.WriteLine("vsskit: building $jar (first use or sources changed) ...")
        Push-Location $root
        try {
            & mvn -B -q '-Dstyle.color=never' -DskipTests package -pl cli -am 2>&1 | ForEach-Object {
                [Console]::Error.WriteLine($_)
            }
            $buildExit = $LASTEXITCODE
        } finally {
            Pop-Location
        }
        if ($buildExit -ne 0) {
            [Console]::Error.WriteLine("vsskit: the build failed; run 'mvn -B -DskipTests package -pl cli -am' in $root to see why")
            exit 1
        }
        Remove-Item -LiteralPath $jsa -ErrorAction SilentlyContinue
    }
}

$opts = @('-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-XX:-UsePerfData', '-Xshare:auto')
$extra = @()
if ($env:VSSKIT_JAVA_OPTS) {
    $extra = @($env:VSSKIT_JAVA_OPTS -split '\s+' | Where-Object { $_ })
}

if ((Test-Path -LiteralPath $jsa) -and
        ((Get-Item -LiteralPath $jsa).LastWriteTimeUtc -ge (Get-Item -LiteralPath $jar).LastWriteTimeUtc)) {
    & $java @opts "-XX:SharedArchiveFile=$jsa" @extra -jar $jar @args
    exit $LASTEXITCODE
}

# First run after a build: run while recording the loaded classes, then dump them into the archive.
$classList = "$jsa.$PID.classlist"
$tmp = "$jsa.$PID.tmp"
& $java @opts "-XX:DumpLoadedClassList=$classList" @extra -jar $jar @args
$exitCode = $LASTEXITCODE
if (Test-Path -LiteralPath $classList) {
    & $java @opts -Xshare:dump "-XX:SharedClassListFile=$classList" "-XX:SharedArchiveFile=$tmp" -cp $jar *> $null
    if (Test-Path -LiteralPath $tmp) {
        Move-Item -LiteralPath $tmp -Destination $jsa -Force -ErrorAction SilentlyContinue
    }
}
Remove-Item -LiteralPath $classList, $tmp -ErrorAction SilentlyContinue
exit $exitCode
