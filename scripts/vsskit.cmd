@echo off
rem vsskit launcher for cmd.exe: runs vsskit's jar with the arguments given and returns its exit code.
rem In a release (an unpacked vsskit-VERSION archive: lib\vsskit.jar beside this script) it runs that jar. In a
rem source checkout (this script in scripts\) it builds cli\target\vsskit.jar with Maven when it is missing.
rem The first run after a build (or after unpacking) records the classes it loads and makes a class-data
rem sharing archive that later runs start from: cli\target\vsskit.jsa in a checkout; in a release
rem %LOCALAPPDATA%\vsskit\cache\<release folder>.jsa, so the install folder may be read-only.
rem VSSKIT_JAVA_OPTS adds JVM options; JAVA_HOME picks the Java to use. After changing sources, run
rem "mvn -B -DskipTests package -pl cli -am" (or use vsskit.ps1, which rebuilds when sources are newer).
setlocal EnableExtensions
if exist "%~dp0lib\vsskit.jar" goto release
set "ROOT=%~dp0.."
set "JAR=%ROOT%\cli\target\vsskit.jar"
set "JSA=%ROOT%\cli\target\vsskit.jsa"
goto java

:release
set "ROOT=%~dp0."
set "JAR=%~dp0lib\vsskit.jar"
for %%I in ("%~dp0.") do set "RELEASE_NAME=%%~nxI"
set "CACHE=%LOCALAPPDATA%\vsskit\cache"
if not defined LOCALAPPDATA set "CACHE=%TEMP%\vsskit\cache"
if not exist "%CACHE%" mkdir "%CACHE%" >nul 2>&1
set "JSA=%CACHE%\%RELEASE_NAME%.jsa"

:java
if defined JAVA_HOME (set "JAVA=%JAVA_HOME%\bin\java.exe") else (set "JAVA=java")
set "OPTS=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xshare:auto"

if exist "%JAR%" goto run
echo vsskit: building %JAR% (first use) ... 1>&2
pushd "%ROOT%"
call mvn -B -q -Dstyle.color=never -DskipTests package -pl cli -am 1>&2
set "BUILD_RC=%ERRORLEVEL%"
popd
if not "%BUILD_RC%"=="0" (
    echo vsskit: the build failed; run "mvn -B -DskipTests package -pl cli -am" in %ROOT% to see why 1>&2
    exit /b 1
)
if exist "%JSA%" del /f /q "%JSA%" >nul 2>&1

:run
if exist "%JSA%" goto run_with_archive
"%JAVA%" %OPTS% -XX:DumpLoadedClassList="%JSA%.classlist" %VSSKIT_JAVA_OPTS% -jar "%JAR%" %*
set "RC=%ERRORLEVEL%"
"%JAVA%" %OPTS% -Xshare:dump -XX:SharedClassListFile="%JSA%.classlist" -XX:SharedArchiveFile="%JSA%" -cp "%JAR%" >nul 2>&1
if exist "%JSA%.classlist" del /f /q "%JSA%.classlist" >nul 2>&1
exit /b %RC%

:run_with_archive
"%JAVA%" %OPTS% -XX:SharedArchiveFile="%JSA%" %VSSKIT_JAVA_OPTS% -jar "%JAR%" %*
exit /b %ERRORLEVEL%
