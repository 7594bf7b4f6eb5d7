package dev.vsskit.cli.shadow;

import dev.vsskit.cli.CliException;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.VsskitCommand;
import dev.vsskit.cli.render.Field;
import dev.vsskit.cli.render.OutputFormat;
import dev.vsskit.cli.render.RecordView;
import dev.vsskit.vss.HResult;
import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.VssException;
import dev.vsskit.vss.VssHost;
import dev.vsskit.vss.VssId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vsskit delete shadows}: deletes shadow copies as {@code vssadmin delete shadows} does, asking
 * {@code Do you really want to delete N shadow copies (Y/N): [N]? } unless {@code --quiet}. The answer is
 * read from stdin; no answer (no stdin) means no.
 */
@Command(name = "shadows", description = {"Delete volume shadow copies (vssadmin Delete Shadows).",
    "Options also accept Windows spellings: /for=C: /oldest /shadow={id} /set={id} /all /quiet."})
public final class DeleteShadows extends VsskitCommand {

    static final class Which {
        @Option(names = {"--for", "/for", "/For", "/FOR"}, paramLabel = "VOLUME",
                description = "Delete the shadow copies of this volume.")
        String forVolume;

        @Option(names = {"--shadow", "/shadow", "/Shadow", "/SHADOW"}, paramLabel = "ID",
                description = "Delete this shadow copy.")
        String shadow;

        @Option(names = {"--set", "/set", "/Set", "/SET"}, paramLabel = "ID",
                description = "Delete every shadow copy of this shadow copy set.")
        String set;

        @Option(names = {"--all", "/all", "/All", "/ALL"}, description = "Delete every shadow copy.")
        boolean all;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    @Option(names = {"--oldest", "/oldest", "/Oldest", "/OLDEST"},
            description = "With --for: delete only the oldest shadow copy of the volume.")
    boolean oldest;

    /** vssadmin's /quiet; the global -q/--quiet means the same here (do not ask). */
    @Option(names = {"/quiet", "/Quiet", "/QUIET"}, description = "Do not ask before deleting (as -q/--quiet).")
    boolean windowsQuiet;

    private boolean quiet;

    @Override
    protected int run() {
        if (oldest && which.forVolume == null) {
            throw new CliException(ExitCode.USAGE, "--oldest works only with --for=VOLUME");
        }
        quiet = windowsQuiet || ctx().options().quiet();
        VssHost host = ctx().host();
        List<Shadow> targets = targets(host);
        if (targets.isEmpty()) {
            if (which.shadow != null) {
                // a name that names nothing is bad input, in every verb (exit-codes.md)
                throw new CliException(ExitCode.USAGE, "Shadow Copy ID: " + Ids.parse("--shadow", which.shadow)
                        + " not found; see `vsskit list shadows`");
            }
            ctx().renderer().list(DeletedShadows.VIEW, List.of());
            return ExitCode.OK;
        }
        boolean text = ctx().options().output() == OutputFormat.text;
        if (!quiet && !confirmed(targets.size(), text)) {
            ctx().note("nothing deleted (answer Y to delete, or add --quiet)");
            return ExitCode.OK;
        }
        List<VssId> deleted = new ArrayList<>();
        List<VssId> failed = new ArrayList<>();
        for (Shadow s : targets) {
            try {
                host.deleteShadow(s.shadowId());
                deleted.add(s.shadowId());
            } catch (VssException e) {
                if (e.hresult() == HResult.VSS_E_OBJECT_NOT_FOUND) {
                    continue; // deleted meanwhile by someone else: nothing left to do
                }
                failed.add(s.shadowId());
                ctx().note(String.format("Received error %08x trying to delete Shadow Copy ID: %s. (%s)",
                        e.hresult().value(), s.shadowId(), e.getMessage()));
            }
        }
        DeletedShadows result = new DeletedShadows(deleted, failed);
        if (text && !quiet) {
            // the banner came with the prompt
            DeletedShadows.VIEW.text(List.of(result), ctx().out());
            ctx().out().flush();
        } else {
            ctx().renderer().single(DeletedShadows.VIEW, result);
        }
        return failed.isEmpty() ? ExitCode.OK : ExitCode.ERROR;
    }

    private List<Shadow> targets(VssHost host) {
        ShadowFilter filter = new ShadowFilter(Optional.ofNullable(which.forVolume),
                Optional.ofNullable(which.shadow).map(s -> Ids.parse("--shadow", s)),
                Optional.ofNullable(which.set).map(s -> Ids.parse("--set", s)));
        List<Shadow> found = filter.apply(host);
        if (oldest && !found.isEmpty()) {
            return List.of(found.stream().min(Comparator.comparing(Shadow::created)).orElseThrow());
        }
        return found;
    }

    /** vssadmin's prompt, after the banner in text mode; on stderr in JSON/CSV mode so stdout stays data. */
    private boolean confirmed(int count, boolean text) {
        String prompt = "Do you really want to delete " + count + " shadow copies (Y/N): [N]? ";
        if (text) {
            ctx().renderer().single(new RecordView<String>() {
                @Override
                public List<Field<String>> fields() {
                    return List.of();
                }

                @Override
                public void text(List<String> rows, PrintWriter out) {
                    out.print(rows.get(0));
                }
            }, prompt);
        } else {
            ctx().err().print(prompt);
            ctx().err().flush();
        }
        String answer;
        try {
            answer = new BufferedReader(new InputStreamReader(ctx().in(), Charset.defaultCharset())).readLine();
        } catch (IOException e) {
            answer = null;
        }
        PrintWriter echo = text ? ctx().out() : ctx().err();
        echo.println();
        echo.flush();
        return answer != null && answer.trim().equalsIgnoreCase("y");
    }
}
