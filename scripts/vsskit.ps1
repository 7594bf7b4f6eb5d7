<#
.SYNOPSIS
    vsskit launcher for PowerShell.
.DESCRIPTION
    Builds cli\target\vsskit.jar with Maven when it is missing or older than a pom.xml or a main source file,
    runs it with the arguments given and returns its exit code ($LASTEXITCODE). The first run after a build
    records the classes it loads and makes a class-data sharing archive (cli\target\vsskit.jsa) that later
    runs start from. $env:VSSKIT_JAVA_OPTS adds JVM options; $env:JAVA_HOME picks the Java to use.
.EXAMPLE
    .\scripts\vsskit.ps1 list providers --output json | ConvertFrom-Json
#>
$root = Split-Path -Parent $PSScriptRoot
$jar = Join-Path $root 'cli\target\vsskit.jar'
$jsa = Join-Path $root 'cli\target\vsskit.jsa'
$java = 'java'
if ($env:JAVA_HOME) {
    $java = Join-Path $env:JAVA_HOME 'bin\java.exe'
}

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
