@echo off
rem The student's front door on Windows, the twin of ./lab: lab watch | check [NN|N.x] | status | hint N.x | reset NN | offline | online.
setlocal
cd /d "%~dp0"
rem accents as they are written here (UTF-8)
chcp 65001 >nul
rem the lab's language, as the lab itself decides it: LAB_LANG, else the hand-out's lab.lang, else Windows' own language
set "LABLANG=%LAB_LANG%"
if not defined LABLANG if exist src\test\resources\junit-platform.properties for /f "usebackq tokens=1,* delims== " %%a in ("src\test\resources\junit-platform.properties") do if "%%a"=="lab.lang" set "LABLANG=%%b"
if not defined LABLANG for /f "delims=" %%l in ('powershell -NoProfile -Command "(Get-UICulture).TwoLetterISOLanguageName" 2^>nul') do set "LABLANG=%%l"
if /i not "%LABLANG%"=="fr" set "LABLANG=en"
for /f "usebackq eol=# tokens=1,* delims==" %%a in ("images\catalog.env") do set "%%a=%%b"
if "%~1"=="offline" (
  > lab.properties echo offline=true
  call :say "[docker-lab] offline switch on: lab.properties (offline=true)" "[docker-lab] mode hors ligne activé : lab.properties (offline=true)"
  call :alias alpine:latest %SHELL_OFFLINE%
  call :alias %SHELL_OFFICIAL% %SHELL_OFFLINE%
  call :alias %JAVA_RUNTIME_OFFICIAL% %JAVA_RUNTIME_OFFLINE%
  call :alias %POSTGRES_OFFICIAL% %POSTGRES_OFFLINE%
  exit /b 0
)
if "%~1"=="online" (
  del /q lab.properties 2>nul
  call :say "[docker-lab] offline switch off: the official images" "[docker-lab] mode hors ligne désactivé : les images officielles"
  call :unalias alpine:latest %SHELL_OFFLINE%
  call :unalias %SHELL_OFFICIAL% %SHELL_OFFLINE%
  call :unalias %JAVA_RUNTIME_OFFICIAL% %JAVA_RUNTIME_OFFLINE%
  call :unalias %POSTGRES_OFFICIAL% %POSTGRES_OFFLINE%
  exit /b 0
)
if "%~1"=="reset" (
  java scripts\Reset.java %2
  exit /b %errorlevel%
)
rem the lab's own classes and the API's libraries, built by Maven once (delete target\lab-classpath.txt to build again)
if not exist target\lab-classpath.txt goto build
if not exist images\simple-api\app\lib goto build
goto run
:build
call :say "[docker-lab] building the lab (Maven, once)..." "[docker-lab] construction du lab (Maven, une fois)..."
call mvnw.cmd -B -q test-compile process-classes dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="%CD%\target\lab-classpath.txt"
if errorlevel 1 exit /b 1
:run
set /p LABCP=<target\lab-classpath.txt
java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dbasedir="%CD%" -cp "target\test-classes;target\classes;%LABCP%" dockerlab.watch.Lab %*
exit /b %errorlevel%

rem an official name the machine lacks answers with its offline stand-in (a local tag only)
:alias
docker image inspect %1 >nul 2>&1 && exit /b 0
docker image inspect %2 >nul 2>&1 || (call :say "[docker-lab] %2 is not built: scripts\build-offline-images.sh" "[docker-lab] %2 n'est pas construite : scripts\build-offline-images.sh" & exit /b 0)
docker tag %2 %1 && call :say "[docker-lab] %1 -> %2 (a local name only)" "[docker-lab] %1 -> %2 (un nom local seulement)"
exit /b 0

rem only a name lab offline gave: a real official image stays
:unalias
set "ALIAS_ID=" & set "STANDIN_ID="
for /f "delims=" %%i in ('docker image inspect --format "{{.Id}}" %1 2^>nul') do set "ALIAS_ID=%%i"
for /f "delims=" %%i in ('docker image inspect --format "{{.Id}}" %2 2^>nul') do set "STANDIN_ID=%%i"
if defined ALIAS_ID if "%ALIAS_ID%"=="%STANDIN_ID%" docker rmi %1 >nul && call :say "[docker-lab] %1 no longer names %2" "[docker-lab] %1 ne désigne plus %2"
exit /b 0

rem ENGLISH FRENCH: the line in the lab's language (expanded late, so that its parentheses and arrows are only text)
:say
setlocal EnableDelayedExpansion
set "line=%~1"
if "%LABLANG%"=="fr" set "line=%~2"
echo(!line!
endlocal
exit /b 0
