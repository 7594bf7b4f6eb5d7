package dev.vsskit.cli.shadow;

import dev.vsskit.cli.CliException;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.VsskitCommand;
import dev.vsskit.vss.HResult;
import dev.vsskit.vss.Provider;
import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.SnapshotContext;
import dev.vsskit.vss.VolumeSnapshotAttributes;
import dev.vsskit.vss.VssException;
import dev.vsskit.vss.VssHost;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.session.BackupSession;
import dev.vsskit.vss.session.BackupType;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vsskit create shadow --for=VOLUME}: one persistent shadow copy, as {@code vssadmin create shadow}
 * makes it (ClientAccessible by default), through a backup session on the host.
 */
@Command(name = "shadow", description = {"Create a new volume shadow copy (vssadmin Create Shadow).",
    "Options also accept Windows spellings: /for=C: /provider=... /context=... /autoretry=N."})
public final class CreateShadow extends VsskitCommand {

    /** How long to wait between tries while another shadow copy is being created. */
    static final Duration RETRY_PAUSE = Duration.ofSeconds(5);

    @Option(names = {"--for", "/for", "/For", "/FOR"}, required = true, paramLabel = "VOLUME",
            description = "The volume to shadow: C:, C:\\ClusterStorage\\Volume1, a volume GUID name or a share.")
    String forVolume;

    @Option(names = {"--provider", "/provider", "/Provider", "/PROVIDER"}, paramLabel = "ID|NAME",
            description = "The provider to use (id or name, see `vsskit list providers`); default: VSS chooses "
                    + "(hardware, else software, else system).")
    String provider;

    @Option(names = {"--context", "/context", "/Context", "/type", "/Type"}, paramLabel = "TYPE",
            description = "Shadow type: ClientAccessible (default), ClientAccessibleWriters, ApplicationRollback, "
                    + "NASRollback.")
    String context;

    @Option(names = {"--auto-retry", "/autoretry", "/AutoRetry", "/AUTORETRY"}, paramLabel = "MINUTES",
            description = "While another shadow copy is being created, keep retrying for up to MINUTES minutes.")
    Integer autoRetryMinutes;

    @Override
    protected int run() {
        VssHost host = ctx().host();
        SnapshotContext ctxType = parseContext();
        VssId providerId = provider == null ? VssId.NULL : providerId(host, provider);
        if (autoRetryMinutes != null && autoRetryMinutes < 0) {
            throw new CliException(ExitCode.USAGE, "--auto-retry must be 0 or more minutes, not " + autoRetryMinutes);
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(autoRetryMinutes == null ? 0 : autoRetryMinutes).toNanos();
        while (true) {
            try {
                Shadow shadow = create(host, ctxType, providerId);
                ctx().renderer().single(CreatedShadowView.INSTANCE, shadow);
                return ExitCode.OK;
            } catch (VssException e) {
                if (e.hresult() != HResult.VSS_E_SNAPSHOT_SET_IN_PROGRESS || System.nanoTime() >= deadline) {
                    throw e;
                }
                ctx().note("another shadow copy is being created; retrying in " + RETRY_PAUSE.toSeconds() + " s");
                pause();
            }
        }
    }

    private Shadow create(VssHost host, SnapshotContext type, VssId providerId) {
        boolean writers = !type.attributes().has(VolumeSnapshotAttributes.NO_WRITERS);
        try (BackupSession s = host.openBackupSession()) {
            s.initializeForBackup();
            s.setContext(type);
            if (writers) {
                s.setBackupState(false, false, BackupType.FULL, false);
                s.gatherWriterMetadata();
            }
            s.startSnapshotSet();
            s.addToSnapshotSet(forVolume, providerId);
            if (writers) {
                s.prepareForBackup();
            }
            Shadow shadow = s.doSnapshotSet().shadows().get(0);
            if (writers) {
                s.backupComplete();
            }
            return shadow;
        }
    }

    private SnapshotContext parseContext() {
        if (context == null) {
            return SnapshotContext.CLIENT_ACCESSIBLE;
        }
        String t = context.toLowerCase(Locale.ROOT);
        // vssadmin's internal /Type names for the same contexts
        if (t.equals("persistentclientaccessible")) {
            return SnapshotContext.CLIENT_ACCESSIBLE;
        }
        if (t.equals("datavolumerollback")) {
            return SnapshotContext.APP_ROLLBACK;
        }
        SnapshotContext c = SnapshotContext.parse(context).orElseThrow(() -> new CliException(ExitCode.USAGE,
                "unknown --context '" + context + "'; use one of " + Arrays.stream(SnapshotContext.values())
                        .filter(SnapshotContext::isPersistent).map(SnapshotContext::typeName)
                        .collect(Collectors.joining(", "))));
        if (!c.isPersistent()) {
            throw new CliException(ExitCode.USAGE, "--context " + c.typeName() + " makes a shadow copy that is "
                    + "released as soon as the command ends; use a persistent type such as ClientAccessible");
        }
        return c;
    }

    static VssId providerId(VssHost host, String text) {
        return host.provider(text).map(Provider::id).orElseThrow(() -> new CliException(ExitCode.USAGE,
                "Volume Shadow Copy Provider '" + text + "' not found; see `vsskit list providers` for names and ids"));
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.ERROR, "interrupted while waiting to retry");
        }
    }
}
