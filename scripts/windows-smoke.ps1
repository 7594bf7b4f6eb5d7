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
    With -HyperV -Vm NAME (opt-in) it also backs up that one Hyper-V VM (application-consistent, through the
    registered Data ONTAP VSS Hardware Provider; the ONTAP cluster must be configured, see docs/ontap.md),
    verifies the backup against an export of the Application log, restores the VM to a new folder (never over
    the VM) and checks the restore byte for byte, then does the same with a crash-consistent backup (on a CSV
    this restore goes through a LUN clone of the Snapshot copy mapped to this host and mounted in a temporary
    folder; the host's disks and SAN policy are recorded before and after, and `vsskit cleanup` must find nothing
    left), then deletes the smoke backups again. It records the Hyper-V
    writer's component layout as this host reports it (vsskit's diskshadow-style `list writers detailed` and
    Windows' own `diskshadow`): the component names, logical paths and captions are documented nowhere firmly,
    and vsskit needs to see them.
    On a failover-cluster node (the cluster service running) it also records what vsskit reads from the cluster's
    WMI (ROOT\MSCluster: the CSVs, their resources and owner nodes, the Virtual Machine resources) beside
    Get-ClusterSharedVolume and Get-ClusterSharedVolumeState, and runs `vsskit list vms` and `vsskit doctor`.
.PARAMETER Vsskit
    The vsskit launcher to run (default: vsskit.ps1 next to this script).
.PARAMETER HyperV
    Also back up, verify and restore one VM (-Vm); changes nothing on the VM, takes two backups (one
    crash-consistent) and deletes them.
.PARAMETER Vm
    The VM for -HyperV, by name as Hyper-V Manager shows it.
.PARAMETER RestoreTo
    The new (or empty) folder -HyperV restores the VM's files to (default: a new folder under %TEMP%); removed
    afterwards unless -KeepRestore.
.PARAMETER KeepRestore
    Keep the restored copy and the smoke backup (its ONTAP Snapshot copies) instead of removing them.
.PARAMETER ReportPath
    The report file (default: vsskit-windows-smoke-<computer>-<time>.txt in the current folder).
.EXAMPLE
    .\scripts\windows-smoke.ps1
.EXAMPLE
    .\scripts\windows-smoke.ps1 -HyperV -Vm web01
#>
[CmdletBinding()]
param(
    [string]$Vsskit = (Join-Path $PSScriptRoot 'vsskit.ps1'),
    [string]$ReportPath = '',
    [switch]$HyperV,
    [string]$Vm = '',
    [string]$RestoreTo = '',
    [switch]$KeepRestore
)

if ($HyperV -and -not $Vm) {
    Write-Error 'windows-smoke.ps1 -HyperV needs the VM to back up: -Vm NAME (as Hyper-V Manager shows it).'
    exit 2
}

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
    param([string]$Title, [string]$Program, [string[]]$Arguments, [switch]$RecordOnly)
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
    if ($code -ne 0 -and -not $RecordOnly) {
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

function Add-Objects([string]$Title, [scriptblock]$Query) {
    # what the host's own tools read, recorded as is (nothing is changed)
    Add-Line ''
    Add-Line ('=== {0}' -f $Title)
    try {
        foreach ($line in (& $Query | Format-List * | Out-String -Width 300) -split "`r?`n") {
            if ($line.Trim()) { Add-Line $line }
        }
    } catch {
        Add-Line ('(failed: {0})' -f $_)
    }
}

# On a failover-cluster node: what vsskit reads from WMI ROOT\MSCluster (CSV owners and I/O modes, VM owner nodes),
# beside the cluster's own cmdlets. The forms of the CSV names, object paths and VmID are documented nowhere firmly.
$clusSvc = Get-Service -Name 'ClusSvc' -ErrorAction SilentlyContinue
if ($clusSvc -and $clusSvc.Status -eq 'Running') {
    $wmiAvailable = [bool](Get-Command -Name 'Get-WmiObject' -ErrorAction SilentlyContinue)
    $csvQuery = {
        Get-CimInstance -Namespace 'root\MSCluster' -ClassName 'MSCluster_ClusterSharedVolume' |
            Select-Object -Property @('Name', 'VolumeName', 'FaultState', 'BackupState')
    }
    Add-Objects 'MSCluster_ClusterSharedVolume' $csvQuery
    $assocQuery = {
        if ($wmiAvailable) {
            Get-WmiObject -Namespace 'root\MSCluster' -Class 'MSCluster_ClusterSharedVolumeToResource' |
                Select-Object -Property @('GroupComponent', 'PartComponent')
        } else {
            Get-CimInstance -Namespace 'root\MSCluster' -ClassName 'MSCluster_ClusterSharedVolumeToResource'
        }
    }
    Add-Objects 'MSCluster_ClusterSharedVolumeToResource (object paths as WMI gives them)' $assocQuery
    $resourceQuery = {
        $vmId = @{ Name = 'VmID'; Expression = { $_.PrivateProperties.VmID } }
        Get-CimInstance -Namespace 'root\MSCluster' -ClassName 'MSCluster_Resource' |
            Where-Object { $_.IsClusterSharedVolume -or $_.Type -eq 'Virtual Machine' } |
            Select-Object -Property @('Name', 'Type', 'OwnerGroup', 'OwnerNode', 'State', $vmId)
    }
    Add-Objects 'MSCluster_Resource: the CSVs resources and the Virtual Machine resources' $resourceQuery
    $csvCmdlet = { Get-ClusterSharedVolume | Select-Object -Property @('Name', 'OwnerNode', 'State') }
    Add-Objects 'Get-ClusterSharedVolume (for comparison)' $csvCmdlet
    $stateCmdlet = { Get-ClusterSharedVolumeState }
    Add-Objects 'Get-ClusterSharedVolumeState (for comparison)' $stateCmdlet
    $null = Invoke-Step 'vsskit list vms (owner nodes from the cluster)' $Vsskit @('--host', 'windows', 'list', 'vms', '--output', 'json')
    $null = Invoke-Step 'vsskit doctor (its CSV check; other checks may need ONTAP)' $Vsskit @('--host', 'windows', 'doctor') -RecordOnly
}

function Test-RestoreResult($Step, [string]$What, [string]$Differs) {
    # a restore's JSON: its method recorded, and a failure counted when the files are not byte-identical
    if ($Step.ExitCode -ne 0) {
        return
    }
    try {
        $result = $Step.Output | ConvertFrom-Json
        Add-Line ('{0} method: {1}; verified byte for byte: {2}' -f $What, $result.method, $result.verified)
        if (-not $result.verified) {
            Add-Line ('FAILED: {0}' -f $Differs)
            $script:failures++
        }
    } catch {
        Add-Line ('cannot read the restore result from the JSON above: {0}' -f $_)
        $script:failures++
    }
}

function Get-WriterSection([string]$Text, [string]$Writer) {
    # the lines of one writer in diskshadow's "list writers detailed" layout, up to the next writer
    $out = New-Object System.Collections.Generic.List[string]
    $inside = $false
    foreach ($line in ($Text -split "`r?`n")) {
        if ($line -match '^\s*\* WRITER "(.*)"') {
            $inside = ($Matches[1] -eq $Writer)
        }
        if ($inside) {
            $out.Add($line)
        }
    }
    return $out
}

if ($HyperV) {
    Add-Line ''
    Add-Line ('=== Hyper-V run for VM {0}' -f $Vm)
    $hyperVWriter = 'Microsoft Hyper-V VSS Writer'
    $work = Join-Path ([IO.Path]::GetTempPath()) ('vsskit-smoke-' + [Guid]::NewGuid().ToString('N').Substring(0, 8))
    $null = New-Item -ItemType Directory -Path $work
    if (-not $RestoreTo) {
        $RestoreTo = Join-Path $work 'restored'
    }

    # the component layout, as vsskit's binding reads it and as Windows' own diskshadow prints it
    $shellScript = Join-Path $work 'writers.dsh'
    Set-Content -LiteralPath $shellScript -Value 'list writers detailed' -Encoding ASCII
    $ours = Invoke-Step 'vsskit shell: list writers detailed' $Vsskit @('--host', 'windows', 'shell', '--script', $shellScript)
    $theirs = Invoke-Step 'diskshadow: list writers detailed (for comparison)' 'diskshadow' @('/s', $shellScript)
    Add-Line ''
    Add-Line ('=== the {0} component layout this host reports (record, do not assume)' -f $hyperVWriter)
    Add-Line '--- as vsskit read it:'
    foreach ($line in (Get-WriterSection $ours.Output $hyperVWriter)) { Add-Line $line }
    Add-Line '--- as diskshadow printed it:'
    foreach ($line in (Get-WriterSection $theirs.Output $hyperVWriter)) { Add-Line $line }

    $null = Invoke-Step 'vsskit list providers' $Vsskit @('--host', 'windows', 'list', 'providers')
    $null = Invoke-Step ('vsskit backup --vm {0} --plan' -f $Vm) $Vsskit @('--host', 'windows', 'backup', '--vm', $Vm, '--plan')
    $name = 'smoke-{0}' -f (Get-Date).ToUniversalTime().ToString('yyyyMMdd-HHmmss')
    $backup = Invoke-Step ('vsskit backup --vm {0} --name {1}' -f $Vm, $name) $Vsskit @('--host', 'windows', 'backup', '--vm', $Vm, '--name', $name, '--output', 'json')
    if ($backup.ExitCode -eq 0) {
        $log = Join-Path $work 'Application.evtx'
        $null = Invoke-Step 'wevtutil epl Application (for verify)' 'wevtutil' @('epl', 'Application', $log)
        $null = Invoke-Step ('vsskit verify --backup {0}' -f $name) $Vsskit @('--host', 'windows', 'verify', '--backup', $name, '--events', $log)
        $restore = Invoke-Step ('vsskit restore --vm {0} --to {1}' -f $Vm, $RestoreTo) $Vsskit @('--host', 'windows', 'restore', '--vm', $Vm, '--backup', $name, '--to', $RestoreTo, '--output', 'json')
        Test-RestoreResult $restore 'restore' 'the restored files differ from the backup'
        if (-not $KeepRestore) {
            $null = Invoke-Step ('vsskit delete backup {0}' -f $name) $Vsskit @('--host', 'windows', 'delete', 'backup', $name)
        }
    }

    # crash-consistent: no shadow copy, so on a CSV the restore maps a LUN clone of the Snapshot copy to this host
    $null = Invoke-Step 'Get-Disk and the SAN policy, before (for the LUN clone route)' 'powershell' @('-NoProfile', '-Command', 'Get-StorageSetting | Format-List NewDiskPolicy; Get-Disk | Format-Table -AutoSize Number,SerialNumber,UniqueId,IsOffline,OfflineReason,IsReadOnly,PartitionStyle,Guid')
    $ccName = 'smoke-cc-{0}' -f (Get-Date).ToUniversalTime().ToString('yyyyMMdd-HHmmss')
    $ccRestoreTo = Join-Path $work 'restored-crash-consistent'
    $cc = Invoke-Step ('vsskit backup --vm {0} --crash-consistent --name {1}' -f $Vm, $ccName) $Vsskit @('--host', 'windows', 'backup', '--vm', $Vm, '--crash-consistent', '--name', $ccName, '--output', 'json')
    if ($cc.ExitCode -eq 0) {
        $ccRestore = Invoke-Step ('vsskit restore --vm {0} --backup {1} --to {2}' -f $Vm, $ccName, $ccRestoreTo) $Vsskit @('--host', 'windows', 'restore', '--vm', $Vm, '--backup', $ccName, '--to', $ccRestoreTo, '--output', 'json')
        Test-RestoreResult $ccRestore 'crash-consistent restore' 'the files restored from the crash-consistent backup differ from it'
        $null = Invoke-Step 'Get-Disk, after (no vsskit LUN clone may be left)' 'powershell' @('-NoProfile', '-Command', 'Get-Disk | Format-Table -AutoSize Number,SerialNumber,IsOffline,OfflineReason,IsReadOnly')
        $left = Invoke-Step 'vsskit cleanup (dry run: must list no restore LUN clone)' $Vsskit @('--host', 'windows', 'cleanup', '--output', 'json')
        if ($left.Output -match 'restore LUN clone') {
            Add-Line 'FAILED: a restore LUN clone was left behind (see the cleanup output above)'
            $script:failures++
        }
        if (-not $KeepRestore) {
            $null = Invoke-Step ('vsskit delete backup {0}' -f $ccName) $Vsskit @('--host', 'windows', 'delete', 'backup', $ccName)
        }
    }
    if (-not $KeepRestore) {
        Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
    } else {
        Add-Line ('kept: the restored copies in {0} and {1}, the backups {2} and {3}' -f $RestoreTo, $ccRestoreTo, $name, $ccName)
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
