<#
.SYNOPSIS
    Smoke test of vsskit on a real Windows host: lists, one shadow of C: made and deleted, one report file.
.DESCRIPTION
    Run from an elevated PowerShell prompt (Run as administrator) on a 64-bit Windows with a 64-bit Java 17 or
    later. It runs vsskit's list verbs (providers, writers, volumes, shadows, shadow storage) in text and JSON,
    the same vssadmin commands for comparison, then creates a ClientAccessible shadow copy of C: with
    `vsskit create shadow`, checks that `vsskit list shadows` shows it, and deletes it with
    `vsskit delete shadows`. Every command, its exit code and its output go into one report file; send that
    file back to the vsskit developers. Nothing else on the host is changed: the one shadow copy is deleted
    again (if the delete fails, the report says so and names the shadow copy id to delete by hand).
.PARAMETER Vsskit
    The vsskit launcher to run (default: vsskit.ps1 next to this script).
.PARAMETER ReportPath
    The report file (default: vsskit-windows-smoke-<computer>-<time>.txt in the current folder).
.EXAMPLE
    .\scripts\windows-smoke.ps1
#>
[CmdletBinding()]
param(
    [string]$Vsskit = (Join-Path $PSScriptRoot 'vsskit.ps1'),
    [string]$ReportPath = ''
)

$ErrorActionPreference = 'Continue'
if (-not $ReportPath) {
    $stamp = (Get-Date).ToUniversalTime().ToString('yyyyMMdd-HHmmss')
    $ReportPath = Join-Path (Get-Location) ("vsskit-windows-smoke-{0}-{1}.txt" -f $env:COMPUTERNAME, $stamp)
}

$identity = [Security.Principal.WindowsIdentity]::GetCurrent()
$principal = New-Object Security.Principal.WindowsPrincipal($identity)
if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
    Write-Error 'windows-smoke.ps1 needs an elevated prompt: right-click PowerShell, Run as administrator, and run it again.'
    exit 1
}

$script:failures = 0
$report = New-Object System.Collections.Generic.List[string]

function Add-Line([string]$text) {
    $report.Add($text)
}

function Invoke-Step {
    param([string]$Title, [string]$Program, [string[]]$Arguments)
    Add-Line ''
    Add-Line ('=== {0}' -f $Title)
    Add-Line ('> {0} {1}' -f $Program, ($Arguments -join ' '))
    $started = Get-Date
    $output = & $Program @Arguments 2>&1 | ForEach-Object { "$_" }
    $code = $LASTEXITCODE
    $ms = [int]((Get-Date) - $started).TotalMilliseconds
    foreach ($line in $output) {
        Add-Line $line
    }
    Add-Line ('--- exit code {0}, {1} ms' -f $code, $ms)
    if ($code -ne 0) {
        $script:failures++
    }
    Write-Host ('{0,-55} exit {1}' -f $Title, $code)
    return [pscustomobject]@{ ExitCode = $code; Output = ($output -join "`n") }
}

Add-Line 'vsskit Windows smoke test'
Add-Line ('computer: {0}' -f $env:COMPUTERNAME)
Add-Line ('time (UTC): {0:u}' -f (Get-Date).ToUniversalTime())
Add-Line ('windows: {0}' -f [Environment]::OSVersion.VersionString)
Add-Line ('64-bit OS: {0}, 64-bit PowerShell: {1}' -f [Environment]::Is64BitOperatingSystem, [Environment]::Is64BitProcess)
Add-Line ('elevated: yes (user {0})' -f $identity.Name)

$null = Invoke-Step 'java version' 'java' @('-version')
$null = Invoke-Step 'vsskit version' $Vsskit @('--version')

foreach ($verb in @('providers', 'writers', 'volumes', 'shadows', 'shadowstorage')) {
    $null = Invoke-Step ('vsskit list {0}' -f $verb) $Vsskit @('--host', 'windows', 'list', $verb)
    $null = Invoke-Step ('vsskit list {0} --output json' -f $verb) $Vsskit @('--host', 'windows', 'list', $verb, '--output', 'json')
    $null = Invoke-Step ('vssadmin list {0} (for comparison)' -f $verb) 'vssadmin' @('list', $verb)
}

$created = Invoke-Step 'vsskit create shadow --for=C:' $Vsskit @('--host', 'windows', 'create', 'shadow', '--for=C:', '--output', 'json')
$shadowId = $null
if ($created.ExitCode -eq 0) {
    try {
        $shadowId = ($created.Output | ConvertFrom-Json).shadowId
    } catch {
        Add-Line ('cannot read the created shadow copy id from the JSON above: {0}' -f $_)
        $script:failures++
    }
}
if ($shadowId) {
    $listed = Invoke-Step 'vsskit list shadows (the new one is there)' $Vsskit @('--host', 'windows', 'list', 'shadows', '--output', 'json')
    if ($listed.Output -notmatch [regex]::Escape($shadowId)) {
        Add-Line ('FAILED: the new shadow copy {0} is not in the list' -f $shadowId)
        $script:failures++
    }
    $deleted = Invoke-Step ('vsskit delete shadows --shadow={0}' -f $shadowId) $Vsskit @('--host', 'windows', 'delete', 'shadows', ('--shadow={0}' -f $shadowId), '/quiet')
    if ($deleted.ExitCode -ne 0) {
        Add-Line ('The shadow copy {0} may still exist: vssadmin delete shadows /shadow={0}' -f $shadowId)
    }
    $after = Invoke-Step 'vsskit list shadows (the new one is gone)' $Vsskit @('--host', 'windows', 'list', 'shadows', '--output', 'json')
    if ($after.Output -match [regex]::Escape($shadowId)) {
        Add-Line ('FAILED: the shadow copy {0} is still listed after the delete' -f $shadowId)
        $script:failures++
    }
}

Add-Line ''
Add-Line ('=== {0} step(s) failed' -f $script:failures)
$report | Set-Content -LiteralPath $ReportPath -Encoding UTF8
Write-Host ''
Write-Host ('Report: {0} ({1} failed step(s)). Please send this file back.' -f $ReportPath, $script:failures)
if ($script:failures -gt 0) {
    exit 1
}
exit 0
