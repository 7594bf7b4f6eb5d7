package dev.vsskit.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Base of every vsskit verb: gives it the {@link CliContext}; {@link #run()} returns an {@link ExitCode}. */
public abstract class VsskitCommand implements Callable<Integer> {

    @Spec
    protected CommandSpec spec;

    /** The context given by {@link QuickList}, which runs a few verbs without picocli; null under picocli. */
    private CliContext bound;

    protected CliContext ctx() {
        return bound != null ? bound : ((VssKitCli) spec.root().userObject()).context();
    }

    final VsskitCommand bind(CliContext context) {
        this.bound = context;
        return this;
    }

    @Override
    public final Integer call() throws Exception {
        return run();
    }

    protected abstract int run() throws Exception;
}
