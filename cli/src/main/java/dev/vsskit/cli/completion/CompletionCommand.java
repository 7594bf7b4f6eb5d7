package dev.vsskit.cli.completion;

import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.VsskitCommand;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code vsskit completion bash|powershell}: prints a tab-completion script for the shell. */
@Command(name = "completion", description = "Print a tab-completion script: "
        + "bash (source <(vsskit completion bash)) or powershell (vsskit completion powershell | Out-String | Invoke-Expression).",
        subcommands = {CompletionCommand.Bash.class, CompletionCommand.PowerShell.class})
public final class CompletionCommand {

    static CommandLine root(CommandLine.Model.CommandSpec spec) {
        return spec.root().commandLine();
    }

    @Command(name = "bash", description = "Print the bash (and zsh) completion script.")
    public static final class Bash extends VsskitCommand {
        @Override
        protected int run() {
            ctx().out().print(LauncherNames.register(AutoComplete.bash("vsskit", root(spec))));
            ctx().out().flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "powershell", description = "Print the PowerShell completion script (Register-ArgumentCompleter -Native).")
    public static final class PowerShell extends VsskitCommand {
        @Override
        protected int run() {
            ctx().out().print(PowerShellCompletion.script(root(spec).getCommandSpec()));
            ctx().out().flush();
            return ExitCode.OK;
        }
    }
}
