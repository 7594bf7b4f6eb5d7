<#
.SYNOPSIS
Nightly Hyper-V backup with vsskit: backup, then verify; a dated log and an Application-log event.

.DESCRIPTION
What an administrator schedules in Task Scheduler. Runs `vsskit backup --dataset DATASET` (with retention
and retries), then `vsskit verify --last`, writes everything vsskit prints to a dated log file in -LogFolder,
writes one event to the Application log under -EventSource (Information on success, Error with the reason on
failure; the source is registered on first use when the account may), and exits with vsskit's exit code
(0 success, 1 error, 2 bad input, 3 verification failed, 4 transient failure after the retries, 5 partial).

The ONTAP password stays where Windows keeps secrets, never in this script, its arguments or its log: store it
once, logged on as the account the task runs as, in that account's Credential Manager
(`vsskit ontap credential set --cluster https://CLUSTER --user USER`: target vsskit:ontap/CLUSTER), which vsskit
reads by itself; or give -CredentialFile with a DPAPI-protected file that account wrote with
`Get-Credential | Export-Clixml`. Either can be decrypted only by that account on this computer, so the task must
run as that account (not SYSTEM). See docs/ontap.md.

.PARAMETER Dataset
The vsskit dataset to back up (see `vsskit dataset list`).

.PARAMETER Retain
How many backups of the dataset to keep; older ones are deleted after a successful backup.

.PARAMETER RetryCount
How many times vsskit tries the backup when VSS reports a transient failure.

.PARAMETER RetryWait
How long vsskit waits between tries (vsskit duration: 30s, 5m, PT2M).

.PARAMETER LogFolder
Where the dated log (vsskit-nightly-yyyyMMdd-HHmmss.log) is written.

.PARAMETER EventSource
The Application-log source of the event this script writes.

.PARAMETER CredentialFile
An Export-Clixml PSCredential file (DPAPI-protected, written by the task's account on this computer) holding the
ONTAP user and password; passed to vsskit as VSSKIT_ONTAP_CREDENTIALS (the path only). Without it vsskit uses the
Credential Manager entry vsskit:ontap/CLUSTER of the task's account.

.PARAMETER Vsskit
The vsskit command (default: vsskit.cmd beside this script, else vsskit on PATH).

.EXAMPLE
runas /user:CORP\svc-vsskit "vsskit.cmd ontap credential set --cluster https://cluster1.example.com --user vsskit"

Once, before scheduling: stores the ONTAP password (asked for twice) in the Credential Manager of the account the
task will run as.

.EXAMPLE
.\Invoke-VssKitNightlyBackup.ps1 -Dataset nightly

Backs up the VMs of the dataset "nightly", keeps 7 backups, verifies the new one.

.EXAMPLE
.\Invoke-VssKitNightlyBackup.ps1 -Dataset sql -Retain 14 -RetryCount 5 -RetryWait 2m -LogFolder D:\Logs\vsskit

Keeps two weeks of SQL backups and tries harder when VSS is busy.

.EXAMPLE
.\Invoke-VssKitNightlyBackup.ps1 -Dataset nightly -CredentialFile "$env:APPDATA\vsskit\ontap.xml"

Takes the ONTAP user and password from a file written as this account by
Get-Credential | Export-Clixml -Path "$env:APPDATA\vsskit\ontap.xml".

.EXAMPLE
schtasks /Create /TN "vsskit nightly" /SC DAILY /ST 01:30 /RU CORP\svc-vsskit /RP /RL HIGHEST /TR "powershell.exe -NoProfile -ExecutionPolicy Bypass -File C:\vsskit\scripts\Invoke-VssKitNightlyBackup.ps1 -Dataset nightly"

Schedules the script every night at 01:30 as the service account that stored the ONTAP password (/RP asks for
the account's Windows password; /RL HIGHEST runs it elevated, as VSS requires).
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)]
    [string] $Dataset,
    [int] $Retain = 7,
    [int] $RetryCount = 3,
    [string] $RetryWait = '1m',
    [string] $LogFolder = (Join-Path $env:ProgramData 'vsskit\logs'),
    [string] $EventSource = 'vsskit',
    [string] $CredentialFile,
    [string] $Vsskit
)

if ($CredentialFile) {
    # the path only: vsskit decrypts the file itself, as this account
    $env:VSSKIT_ONTAP_CREDENTIALS = (Resolve-Path -LiteralPath $CredentialFile).Path
}

if (-not $Vsskit) {
    $beside = Join-Path $PSScriptRoot 'vsskit.cmd'
    $Vsskit = if (Test-Path -LiteralPath $beside) { $beside } else { 'vsskit' }
}

New-Item -ItemType Directory -Force -Path $LogFolder | Out-Null
$log = Join-Path $LogFolder ('vsskit-nightly-{0}.log' -f (Get-Date -Format 'yyyyMMdd-HHmmss'))

function Write-NightlyLog {
    param(
        [string] $Text
    )
    Add-Content -LiteralPath $log -Value ('{0:u} {1}' -f (Get-Date), $Text)
}

function Invoke-Vsskit {
    param(
        [string[]] $Arguments
    )
    Write-NightlyLog ("vsskit " + ($Arguments -join ' '))
    $output = & $Vsskit @Arguments 2>&1
    $code = $LASTEXITCODE
    foreach ($line in $output) { Write-NightlyLog ([string]$line) }
    Write-NightlyLog ("exit code $code")
    return [pscustomobject]@{ ExitCode = $code; Output = ($output | Out-String) }
}

function Write-NightlyEvent {
    param(
        [int] $EventId,
        [string] $EntryType,
        [string] $Message
    )
    try {
        if (-not [System.Diagnostics.EventLog]::SourceExists($EventSource)) {
            New-EventLog -LogName Application -Source $EventSource -ErrorAction Stop
        }
        Write-EventLog -LogName Application -Source $EventSource -EventId $EventId -EntryType $EntryType -Message $Message -ErrorAction Stop
    } catch {
        # no right to register the source, or no event log here: the dated log still has it all
        Write-NightlyLog ("cannot write the Application event: " + $_.Exception.Message)
    }
}

$backup = Invoke-Vsskit -Arguments @('backup', '--dataset', $Dataset, '--retain', $Retain, '--retry', $RetryCount, '--retry-wait', $RetryWait)
$code = $backup.ExitCode
$reason = ''
if ($code -eq 0) {
    $verify = Invoke-Vsskit -Arguments @('verify', '--last')
    $code = $verify.ExitCode
    if ($code -ne 0) { $reason = "verification failed (exit code $code): " + $verify.Output }
} else {
    $reason = "backup failed (exit code $code): " + $backup.Output
}

if ($code -eq 0) {
    Write-NightlyEvent -EventId 1000 -EntryType Information -Message "vsskit nightly backup of dataset $Dataset succeeded and verified. Log: $log"
} else {
    Write-NightlyEvent -EventId 1001 -EntryType Error -Message "vsskit nightly backup of dataset $Dataset failed: $reason Log: $log"
}
exit $code
