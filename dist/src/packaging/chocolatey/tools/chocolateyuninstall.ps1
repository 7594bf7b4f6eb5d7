# Chocolatey uninstall script for vsskit @VERSION@ (made by the build): removes the `vsskit` command from
# PATH; Chocolatey deletes the package folder. vsskit's state (catalog, config, logs) stays: see docs/install.md.
$ErrorActionPreference = 'Stop'
Uninstall-BinFile -Name 'vsskit'
