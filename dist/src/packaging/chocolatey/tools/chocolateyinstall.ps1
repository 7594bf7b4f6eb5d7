# Chocolatey install script for vsskit @VERSION@ (made by the build): unpacks the release zip, checked
# against its SHA-256, into the package folder and puts `vsskit` on PATH.
$ErrorActionPreference = 'Stop'
$toolsDir = Split-Path -Parent $MyInvocation.MyCommand.Definition

$packageArgs = @{
    packageName    = $env:ChocolateyPackageName
    unzipLocation  = $toolsDir
    url64bit       = '@ZIP_URL@'
    checksum64     = '@ZIP_SHA256@'
    checksumType64 = 'sha256'
}
Install-ChocolateyZipPackage @packageArgs

$appDir = Join-Path $toolsDir '@TOP@'
Install-BinFile -Name 'vsskit' -Path (Join-Path $appDir 'vsskit.cmd')
