package dev.vsskit.cli;

/** The {@code vsskit} program. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Launch launch = Launch.current();
        int code = QuickList.run(args, launch);
        System.exit(code != QuickList.NOT_HANDLED ? code : VssKitCli.run(args, launch));
    }
}
