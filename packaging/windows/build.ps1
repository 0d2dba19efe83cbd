# Build the frozen one-folder app on a Windows PC: the same spec as `make dist` on Linux.
#
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1          # build + zip
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1 -Test    # also run tests\packaging
#
# Needs Python 3.11 (64 bit, python.org installer with the "py" launcher) and, for the first run only,
# network access to PyPI. Creates .venv, installs the app with the `dist` extra (PyInstaller), runs
# PyInstaller on packaging\tdkt-desktop.spec, smoke-tests the result and writes
# dist\tdkt-desktop-<version>-windows-x64.zip. Output: dist\tdkt-desktop\tdkt-desktop.exe (window) and
# tdkt-desktop-cli.exe (commands, with a console).
[CmdletBinding()]
param(
    [string]$PythonVersion = "3.11",
    [switch]$Test
)

$ErrorActionPreference = "Stop"
$Root = Resolve-Path (Join-Path $PSScriptRoot "..\..")
Set-Location $Root

# Native programs report failure through the exit code, which $ErrorActionPreference does not see.
# A plain function (no param block), so arguments such as -m or -e reach the program untouched.
function Invoke-Checked {
    $Program, $Arguments = $args
    & $Program @Arguments
    if ($LASTEXITCODE -ne 0) {
        throw "'$Program $($Arguments -join ' ')' failed with exit code $LASTEXITCODE"
    }
}

$Python = Join-Path $Root ".venv\Scripts\python.exe"
if (-not (Test-Path $Python)) {
    Write-Host "Creating .venv with Python $PythonVersion"
    Invoke-Checked py "-$PythonVersion" -m venv .venv
}
$Version = & $Python -c "import sys; print('%d.%d' % sys.version_info[:2])"
if ($Version -ne $PythonVersion) {
    throw ".venv runs Python $Version, expected $PythonVersion: delete .venv and run again"
}

Invoke-Checked $Python -m pip install --quiet --upgrade pip
$Extras = if ($Test) { ".[dist,test]" } else { ".[dist]" }
Invoke-Checked $Python -m pip install --quiet -e $Extras

Invoke-Checked $Python -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build\pyinstaller `
    packaging\tdkt-desktop.spec

$Cli = Join-Path $Root "dist\tdkt-desktop\tdkt-desktop-cli.exe"
Invoke-Checked $Cli --version

if ($Test) {
    Invoke-Checked $Python -m pytest -q tests\packaging
}

Invoke-Checked $Python packaging\make_zip.py dist\tdkt-desktop dist
$Size = (Get-ChildItem -Recurse -File dist\tdkt-desktop | Measure-Object -Property Length -Sum).Sum / 1MB
Write-Host ("dist\tdkt-desktop: {0:N1} MB" -f $Size)
