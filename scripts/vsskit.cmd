@echo off
rem vsskit launcher for cmd.exe: builds cli\target\vsskit.jar with Maven when it is missing, runs it with the
rem arguments given and returns its exit code. The first run after a build records the classes it loads and
rem makes a class-data sharing archive (cli\target\vsskit.jsa) that later runs start from.
rem VSSKIT_JAVA_OPTS adds JVM options; JAVA_HOME picks the Java to use. After changing sources, run
rem "mvn -B -DskipTests package -pl cli -am" (or use vsskit.ps1, which rebuilds when sources are newer).
setlocal EnableExtensions
set "ROOT=%~dp0.."
set "JAR=%ROOT%\cli\target\vsskit.jar"
set "JSA=%ROOT%\cli\target\vsskit.jsa"
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
