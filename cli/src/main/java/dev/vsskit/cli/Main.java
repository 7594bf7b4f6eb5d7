package dev.vsskit.cli;

/** The {@code vsskit} program. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(VssKitCli.run(args));
    }
}
