package dev.vsskit.cli.completion;

import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.VsskitCommand;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code vsskit completion bash|zsh|powershell}: prints a tab-completion script for the shell. */
@Command(name = "completion", description = "Print a tab-completion script: "
        + "bash (source <(vsskit completion bash)), zsh (source <(vsskit completion zsh)) "
        + "or powershell (vsskit completion powershell | Out-String | Invoke-Expression).",
        subcommands = {CompletionCommand.Bash.class, CompletionCommand.Zsh.class, CompletionCommand.PowerShell.class})
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

    /**
     * zsh runs picocli's bash script through its bash-completion emulation (the script turns it on when it sees
     * {@code $ZSH_VERSION}); this says so at the top, for a file sourced from {@code ~/.zshrc}.
     */
    @Command(name = "zsh", description = "Print the zsh completion script (source it from ~/.zshrc; it loads bashcompinit).")
    public static final class Zsh extends VsskitCommand {
        @Override
        protected int run() {
            String bash = LauncherNames.register(AutoComplete.bash("vsskit", root(spec)));
            String body = bash.startsWith("#!") ? bash.substring(bash.indexOf('\n') + 1) : bash;
            ctx().out().print("#!/usr/bin/env zsh\n"
                    + "# vsskit completion for zsh: add `source /path/to/vsskit.zsh` (or `source <(vsskit completion zsh)`)\n"
                    + "# to ~/.zshrc. zsh runs it through bashcompinit, which the script loads.\n"
                    + body);
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
