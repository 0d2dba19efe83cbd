@echo off
rem Cai tdkt-desktop tu cac tep .whl trong thu muc nay, khong can mang (--no-index). Can Python 3.11 64 bit.
rem Installs into %LOCALAPPDATA%\Programs\tdkt-desktop; the data stays in %LOCALAPPDATA%\tdkt_desktop.
chcp 65001 >nul
setlocal
set "HERE=%~dp0"
set "APPDIR=%LOCALAPPDATA%\Programs\tdkt-desktop"
set "PY="

where py >nul 2>nul
if errorlevel 1 goto :try_python
py -3.11 -c "import sys; sys.exit(0 if sys.maxsize > 2**32 else 1)" >nul 2>nul
if errorlevel 1 goto :try_python
set "PY=py -3.11"
goto :install

:try_python
python -c "import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) and sys.maxsize > 2**32 else 1)" >nul 2>nul
if errorlevel 1 goto :no_python
set "PY=python"

:install
echo Đang cài Thi đua – Khen thưởng vào %APPDIR%
%PY% -m venv "%APPDIR%"
if errorlevel 1 goto :failed
"%APPDIR%\Scripts\python.exe" -m pip install --disable-pip-version-check --no-index --find-links "%HERE%." --upgrade tdkt-desktop
if errorlevel 1 goto :failed
powershell -NoProfile -ExecutionPolicy Bypass -Command "$s = (New-Object -ComObject WScript.Shell).CreateShortcut([Environment]::GetFolderPath('Desktop') + '\Thi dua - Khen thuong.lnk'); $s.TargetPath = $env:APPDIR + '\Scripts\tdkt-desktop-gui.exe'; $s.WorkingDirectory = $env:APPDIR; $s.Save()" >nul 2>nul
echo.
echo Đã cài xong.
echo   Mở chương trình: biểu tượng "Thi dua - Khen thuong" trên màn hình, hoặc
echo     "%APPDIR%\Scripts\tdkt-desktop-gui.exe"
echo   Các lệnh (sao lưu, kiểm tra, in...): "%APPDIR%\Scripts\tdkt-desktop.exe" --help
echo   Dữ liệu nằm ở %LOCALAPPDATA%\tdkt_desktop (không nằm trong thư mục cài đặt).
echo   Gỡ cài đặt: xóa thư mục %APPDIR% và biểu tượng trên màn hình.
pause
exit /b 0

:no_python
echo Không tìm thấy Python 3.11 bản 64 bit trên máy này.
echo Hãy cài Python 3.11 cho Windows bản 64 bit rồi chạy lại tệp này,
echo hoặc dùng bản đóng gói tdkt-desktop-...-windows-x64.zip, không cần Python.
pause
exit /b 1

:failed
echo.
echo Cài đặt không thành công, xem thông báo ở trên. Dữ liệu cũ không bị ảnh hưởng.
pause
exit /b 1
