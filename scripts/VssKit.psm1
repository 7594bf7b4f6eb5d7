# VssKit PowerShell module: thin cmdlets over vsskit's JSON output (`vsskit --output json ...`).
# All logic stays in vsskit; these functions only build arguments, parse JSON into objects and turn
# vsskit's JSON error object (stderr) into PowerShell errors carrying vsskit's exit code.

Set-StrictMode -Version Latest

# The vsskit command: $env:VSSKIT_EXE, else vsskit.cmd/vsskit beside this module (scripts\ of a checkout) or in
# the folder above it (a release: VssKit\ beside the launchers), else vsskit on PATH.
function Get-VssKitExecutable {
    [CmdletBinding()]
    param()
    if ($env:VSSKIT_EXE) { return $env:VSSKIT_EXE }
    foreach ($folder in @($PSScriptRoot, (Split-Path -Parent $PSScriptRoot))) {
        foreach ($name in @('vsskit.cmd', 'vsskit')) {
            $candidate = Join-Path $folder $name
            if (Test-Path -LiteralPath $candidate) { return $candidate }
        }
    }
    return 'vsskit'
}

# Runs vsskit with --output json and returns the parsed objects; on a non-zero exit code throws an
# ErrorRecord whose TargetObject holds ExitCode and Message from vsskit's JSON error object.
function Invoke-VssKitJson {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [string[]] $Arguments
    )
    $exe = Get-VssKitExecutable
    $errFile = [System.IO.Path]::GetTempFileName()
    try {
        $stdout = & $exe --output json @Arguments 2> $errFile
        $code = $LASTEXITCODE
        $stderr = Get-Content -LiteralPath $errFile -Raw
    } finally {
        Remove-Item -LiteralPath $errFile -ErrorAction SilentlyContinue
    }
    # What vsskit printed comes first, also on failure (a failed verification still reports its checks).
    $text = ($stdout | Out-String).Trim()
    if ($text.StartsWith('{') -or $text.StartsWith('[')) {
        $parsed = $text | ConvertFrom-Json
        foreach ($item in @($parsed)) { $item }
    }
    if ($code -ne 0) {
        $message = "vsskit exited with code $code"
        if ($stderr) {
            foreach ($line in ($stderr -split "`r?`n")) {
                if ($line.StartsWith('{"error"')) {
                    $message = ($line | ConvertFrom-Json).error.message
                }
            }
        }
        $exception = New-Object System.Exception ("vsskit: " + $message)
        $info = [pscustomobject]@{ ExitCode = $code; Message = $message; Arguments = $Arguments }
        $record = New-Object System.Management.Automation.ErrorRecord ($exception, "VssKit.Exit$code",
            [System.Management.Automation.ErrorCategory]::NotSpecified, $info)
        $PSCmdlet.ThrowTerminatingError($record)
    }
}

<#
.SYNOPSIS
Lists the Volume Shadow Copy providers (vsskit list providers).
.EXAMPLE
Get-VssKitProvider | Where-Object type -eq 'Hardware'
#>
function Get-VssKitProvider {
    [CmdletBinding()]
    param()
    Invoke-VssKitJson -Arguments @('list', 'providers')
}

<#
.SYNOPSIS
Lists the VSS writers with their state and last error (vsskit list writers).
.EXAMPLE
Get-VssKitWriter | Where-Object state -ne 'Stable'
#>
function Get-VssKitWriter {
    [CmdletBinding()]
    param()
    Invoke-VssKitJson -Arguments @('list', 'writers')
}

<#
.SYNOPSIS
Lists shadow copies (vsskit list shadows), optionally of one volume, set or shadow id.
.EXAMPLE
Get-VssKitShadow -For 'C:\ClusterStorage\Volume1\'
#>
function Get-VssKitShadow {
    [CmdletBinding()]
    param(
        [string] $For,
        [string] $Set,
        [string] $Id
    )
    $arguments = @('list', 'shadows')
    if ($For) { $arguments += @('--for', $For) }
    if ($Set) { $arguments += @('--set', $Set) }
    if ($Id) { $arguments += @('--shadow', $Id) }
    Invoke-VssKitJson -Arguments $arguments
}

<#
.SYNOPSIS
Lists the backups of the catalog (vsskit list backups); -Last returns only the most recent one.
.EXAMPLE
Get-VssKitBackup -Last | Test-VssKitBackup
#>
function Get-VssKitBackup {
    [CmdletBinding()]
    param(
        [string] $Dataset,
        [string] $VM,
        [switch] $Last
    )
    $arguments = @('list', 'backups')
    if ($Dataset) { $arguments += @('--dataset', $Dataset) }
    if ($VM) { $arguments += @('--vm', $VM) }
    $backups = @(Invoke-VssKitJson -Arguments $arguments)
    if ($Last) {
        if ($backups.Count -gt 0) { $backups[$backups.Count - 1] }
    } else {
        $backups
    }
}

<#
.SYNOPSIS
Backs up VMs through VSS and the ONTAP hardware provider (vsskit backup).
.EXAMPLE
New-VssKitBackup -Dataset nightly -Retain 7 -WhatIf
#>
function New-VssKitBackup {
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
    param(
        [string[]] $VM,
        [string] $Dataset,
        [switch] $All,
        [string] $Name,
        [int] $Retain,
        [int] $Retry,
        [string] $RetryWait,
        [switch] $CrashConsistent
    )
    $arguments = @('backup')
    foreach ($v in $VM) { $arguments += @('--vm', $v) }
    if ($Dataset) { $arguments += @('--dataset', $Dataset) }
    if ($All) { $arguments += '--all' }
    if ($Name) { $arguments += @('--name', $Name) }
    if ($PSBoundParameters.ContainsKey('Retain')) { $arguments += @('--retain', $Retain) }
    if ($PSBoundParameters.ContainsKey('Retry')) { $arguments += @('--retry', $Retry) }
    if ($RetryWait) { $arguments += @('--retry-wait', $RetryWait) }
    if ($CrashConsistent) { $arguments += '--crash-consistent' }
    $what = ($arguments | Select-Object -Skip 1) -join ' '
    if ($PSCmdlet.ShouldProcess($what, 'vsskit backup')) {
        Invoke-VssKitJson -Arguments $arguments
    }
}

<#
.SYNOPSIS
Restores a VM from a backup (vsskit restore), in place or to a folder with -To.
.EXAMPLE
Get-VssKitBackup -Last | Restore-VssKitBackup -VM sql01 -To D:\restore\sql01
#>
function Restore-VssKitBackup {
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
    param(
        [Parameter(Mandatory = $true)]
        [string] $VM,
        [Parameter(ValueFromPipelineByPropertyName = $true)]
        [string] $Name = 'latest',
        [string] $To,
        [switch] $Start,
        [switch] $Force
    )
    process {
        $arguments = @('restore', '--vm', $VM, '--backup', $Name)
        if ($To) { $arguments += @('--to', $To) }
        if ($Start) { $arguments += '--start' }
        if ($Force) { $arguments += '--force' }
        $target = if ($To) { "$VM from $Name to $To" } else { "$VM from $Name (in place)" }
        if ($PSCmdlet.ShouldProcess($target, 'vsskit restore')) {
            Invoke-VssKitJson -Arguments $arguments
        }
    }
}

<#
.SYNOPSIS
Verifies a backup (vsskit verify): record, snapshots, hardware provider, events 4089/4364, writers.
.EXAMPLE
Get-VssKitBackup -Last | Test-VssKitBackup -JUnit C:\reports\verify.xml
#>
function Test-VssKitBackup {
    [CmdletBinding()]
    param(
        [Parameter(ValueFromPipelineByPropertyName = $true)]
        [string] $Name,
        [string] $Events,
        [string] $Catalog,
        [string] $JUnit
    )
    process {
        $arguments = @('verify')
        if ($Name) { $arguments += @('--backup', $Name) } else { $arguments += '--last' }
        if ($Events) { $arguments += @('--events', $Events) }
        if ($Catalog) { $arguments += @('--catalog', $Catalog) }
        if ($JUnit) { $arguments += @('--junit', $JUnit) }
        Invoke-VssKitJson -Arguments $arguments
    }
}

# Tab completion for the vsskit command itself, from vsskit's own completion script.
$completionScript = & (Get-VssKitExecutable) completion powershell 2> $null
if ($LASTEXITCODE -eq 0 -and $completionScript) {
    Invoke-Expression (($completionScript | Out-String))
}

$exported = @('Get-VssKitProvider', 'Get-VssKitWriter', 'Get-VssKitShadow', 'New-VssKitBackup',
    'Get-VssKitBackup', 'Restore-VssKitBackup', 'Test-VssKitBackup')
Export-ModuleMember -Function $exported
