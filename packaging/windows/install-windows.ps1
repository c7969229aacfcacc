<#
.SYNOPSIS
  Installs powermon as a Windows service (through the WinSW service wrapper).

.DESCRIPTION
  Copies powermon.jar, the example powermon.yml and the service definition powermon.xml
  into -InstallDir, copies WinSW next to them as powermon.exe, registers and starts the
  service "powermon" (LocalService account, automatic start), and prints how to undo it.

  On desktops where nothing measures power (no Energy Meter counters, on AC power), the
  host collector estimates it from CPU load: P = idle + (TDP - idle) x load. -TdpWatts
  gives the CPU's TDP for that estimate, as the seed's script did.

  Run from an elevated PowerShell. -WhatIf shows what would be done without doing it.

.PARAMETER TdpWatts
  The CPU's thermal design power in watts, for the labelled estimate (source="estimate").
.PARAMETER WinSW
  Path to WinSW-x64.exe 2.x (https://github.com/winsw/winsw/releases).
.PARAMETER Jar
  The powermon JAR; default exporter\target\powermon.jar of this checkout.
.PARAMETER InstallDir
  Default "$env:ProgramFiles\powermon".
.PARAMETER OpenFirewall
  Also allow inbound TCP 9100 so Prometheus on another machine can scrape.

.EXAMPLE
  .\install-windows.ps1 -WinSW C:\Downloads\WinSW-x64.exe -TdpWatts 65
#>
[CmdletBinding(SupportsShouldProcess = $true)]
param(
  [Parameter(Mandatory = $true)] [string] $WinSW,
  [ValidateRange(1, 1000)] [int] $TdpWatts,
  [string] $Jar = (Join-Path $PSScriptRoot '..\..\exporter\target\powermon.jar'),
  [string] $InstallDir = (Join-Path $env:ProgramFiles 'powermon'),
  [switch] $OpenFirewall
)
$ErrorActionPreference = 'Stop'

foreach ($file in @($Jar, $WinSW)) {
  if (-not (Test-Path -LiteralPath $file -PathType Leaf)) {
    throw "$file not found. Build the JAR with: mvn -B -q package -DskipTests; download WinSW 2.x from https://github.com/winsw/winsw/releases"
  }
}
if (-not (Get-Command java -ErrorAction SilentlyContinue)) {
  Write-Warning 'java.exe is not on the PATH: install a Java 17+ runtime (e.g. winget install EclipseAdoptium.Temurin.17.JRE).'
}

$tdpArgs = ''
if ($PSBoundParameters.ContainsKey('TdpWatts')) { $tdpArgs = "--collector.host.tdp-watts=$TdpWatts" }

if ($PSCmdlet.ShouldProcess($InstallDir, 'Create folder and copy powermon.jar, powermon.exe (WinSW), powermon.xml, powermon.yml')) {
  New-Item -ItemType Directory -Force -Path $InstallDir | Out-Null
  Copy-Item -LiteralPath $Jar -Destination (Join-Path $InstallDir 'powermon.jar') -Force
  Copy-Item -LiteralPath $WinSW -Destination (Join-Path $InstallDir 'powermon.exe') -Force
  $xml = Get-Content -Raw -LiteralPath (Join-Path $PSScriptRoot 'powermon.xml')
  Set-Content -LiteralPath (Join-Path $InstallDir 'powermon.xml') -Value $xml.Replace('@TDP_ARGS@', $tdpArgs) -Encoding UTF8
  $config = Join-Path $InstallDir 'powermon.yml'
  if (Test-Path -LiteralPath $config) {
    Write-Host "= $config exists, left as it is"
  } else {
    Copy-Item -LiteralPath (Join-Path $PSScriptRoot '..\powermon.yml') -Destination $config
  }
  Write-Host "+ copied powermon.jar, powermon.exe, powermon.xml, powermon.yml to $InstallDir"
}
if ($PSCmdlet.ShouldProcess($InstallDir, 'Grant LocalService modify access (metric table write-back, logs)')) {
  & icacls.exe $InstallDir /grant '*S-1-5-19:(OI)(CI)M' | Out-Null
  Write-Host "+ icacls $InstallDir /grant LocalService:(OI)(CI)M"
}
$exe = Join-Path $InstallDir 'powermon.exe'
if ($PSCmdlet.ShouldProcess('powermon', 'Register and start the service')) {
  if (Get-Service -Name powermon -ErrorAction SilentlyContinue) {
    & $exe stop | Out-Null
    & $exe uninstall | Out-Null
    Write-Host '+ removed the previous powermon service'
  }
  & $exe install
  if ($LASTEXITCODE -ne 0) { throw "powermon.exe install failed with exit code $LASTEXITCODE" }
  & $exe start
  if ($LASTEXITCODE -ne 0) { throw "powermon.exe start failed with exit code $LASTEXITCODE; see $InstallDir\logs" }
  Write-Host "+ service powermon installed and started $tdpArgs"
}
if ($OpenFirewall -and $PSCmdlet.ShouldProcess('TCP 9100', 'Allow inbound in Windows Firewall')) {
  New-NetFirewallRule -DisplayName 'powermon (TCP 9100)' -Direction Inbound -Protocol TCP -LocalPort 9100 -Action Allow | Out-Null
  Write-Host '+ firewall rule "powermon (TCP 9100)" added'
}

Write-Host @"

powermon installed in $InstallDir.
  Status:  Get-Service powermon; Invoke-WebRequest http://localhost:9100/metrics -UseBasicParsing
  Config:  $InstallDir\powermon.yml, logs in $InstallDir\logs (then: Restart-Service powermon)

To undo:
  & '$exe' stop; & '$exe' uninstall
  Remove-NetFirewallRule -DisplayName 'powermon (TCP 9100)' -ErrorAction SilentlyContinue
  Remove-Item -Recurse -Force '$InstallDir'
"@
