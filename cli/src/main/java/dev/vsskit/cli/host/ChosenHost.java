package dev.vsskit.cli.host;

import dev.vsskit.lab.LabHost;
import dev.vsskit.vss.VssHost;
import dev.vsskit.vss.backup.BackupTarget;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The host {@code --host} chose ({@link Hosts#open}), with what the CLI needs of it that is not a question for
 * the host itself: the word the banner puts after its name, and its backup target, whose factory is chosen
 * here, once, with the host (the lab's, or a Windows host's once vsskit has one).
 *
 * @param host          the machine
 * @param kind          {@code lab} or {@code Windows}, as the banner shows it
 * @param backupTargets a new backup target on each call; empty where this vsskit cannot back up on the host
 * @param lab           the same host as the embedded lab, for the {@code vsskit lab} verbs; empty on Windows
 */
public record ChosenHost(VssHost host, String kind, Supplier<Optional<BackupTarget>> backupTargets,
        Optional<LabHost> lab) {
}
