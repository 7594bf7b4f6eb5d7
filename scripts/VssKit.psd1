@{
    RootModule        = 'VssKit.psm1'
    ModuleVersion     = '0.1.0'
    GUID              = '3f6c1d2e-8a47-4b9e-9c1a-5e2d7b4f0a61'
    Author            = 'vsskit'
    Description       = 'PowerShell cmdlets over vsskit: VSS providers, writers, shadow copies, and Hyper-V backups on NetApp ONTAP.'
    PowerShellVersion = '5.1'
    FunctionsToExport = @('Get-VssKitProvider', 'Get-VssKitWriter', 'Get-VssKitShadow', 'New-VssKitBackup',
        'Get-VssKitBackup', 'Restore-VssKitBackup', 'Test-VssKitBackup')
    CmdletsToExport   = @()
    VariablesToExport = @()
    AliasesToExport   = @()
}
