package dev.vsskit.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Base of every vsskit verb: gives it the {@link CliContext}; {@link #run()} returns an {@link ExitCode}. */
public abstract class VsskitCommand implements Callable<Integer> {

    @Spec
    protected CommandSpec spec;

    protected CliContext ctx() {
        return ((VssKitCli) spec.root().userObject()).context();
    }

    @Override
    public final Integer call() throws Exception {
        return run();
    }

    protected abstract int run() throws Exception;
}
