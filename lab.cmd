@echo off
rem The student's front door on Windows, the twin of ./lab: lab watch | check [NN|N.x] | status | hint N.x | reset NN | offline | online.
setlocal
cd /d "%~dp0"
if "%~1"=="offline" (
  > lab.properties echo offline=true
  echo [docker-lab] offline switch on: lab.properties ^(offline=true^)
  exit /b 0
)
if "%~1"=="online" (
  del /q lab.properties 2>nul
  echo [docker-lab] offline switch off: the official images
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
