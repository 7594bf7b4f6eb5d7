package dev.vsskit.cli.render;

import java.io.PrintWriter;

/** The two lines vsskit prints before text output, as vssadmin prints its own, then a blank line. */
public record Banner(String version, String hostDescription) {

    public void print(PrintWriter out) {
        out.println("vsskit " + version + " - Volume Shadow Copy toolkit for Hyper-V on ONTAP");
        out.println("Host: " + hostDescription);
        out.println();
    }
}
