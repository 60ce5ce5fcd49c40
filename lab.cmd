@echo off
rem The student's front door on Windows, the twin of ./lab: lab watch | check [NN|N.x] | status | hint N.x | reset NN | offline | online.
setlocal
cd /d "%~dp0"
for /f "usebackq eol=# tokens=1,* delims==" %%a in ("images\catalog.env") do set "%%a=%%b"
if "%~1"=="offline" (
  > lab.properties echo offline=true
  echo [docker-lab] offline switch on: lab.properties ^(offline=true^)
  call :alias alpine:latest %SHELL_OFFLINE%
  call :alias %SHELL_OFFICIAL% %SHELL_OFFLINE%
  call :alias %JAVA_RUNTIME_OFFICIAL% %JAVA_RUNTIME_OFFLINE%
  call :alias %POSTGRES_OFFICIAL% %POSTGRES_OFFLINE%
  exit /b 0
)
if "%~1"=="online" (
  del /q lab.properties 2>nul
  echo [docker-lab] offline switch off: the official images
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
echo [docker-lab] building the lab (Maven, once)...
call mvnw.cmd -B -q test-compile process-classes dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="%CD%\target\lab-classpath.txt"
if errorlevel 1 exit /b 1
:run
set /p LABCP=<target\lab-classpath.txt
java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dbasedir="%CD%" -cp "target\test-classes;target\classes;%LABCP%" dockerlab.watch.Lab %*
exit /b %errorlevel%

rem an official name the machine lacks answers with its offline stand-in (a local tag only)
:alias
docker image inspect %1 >nul 2>&1 && exit /b 0
docker image inspect %2 >nul 2>&1 || (echo [docker-lab] %2 is not built: scripts\build-offline-images.sh & exit /b 0)
docker tag %2 %1 && echo [docker-lab] %1 -^> %2 ^(a local name only^)
exit /b 0

rem only a name lab offline gave: a real official image stays
:unalias
set "ALIAS_ID=" & set "STANDIN_ID="
for /f "delims=" %%i in ('docker image inspect --format "{{.Id}}" %1 2^>nul') do set "ALIAS_ID=%%i"
for /f "delims=" %%i in ('docker image inspect --format "{{.Id}}" %2 2^>nul') do set "STANDIN_ID=%%i"
if defined ALIAS_ID if "%ALIAS_ID%"=="%STANDIN_ID%" docker rmi %1 >nul && echo [docker-lab] %1 no longer names %2
exit /b 0
