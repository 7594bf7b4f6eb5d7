/**
 * The lab: a simulated Hyper-V host (or cluster node) with VSS writers and providers, copy-on-write volumes and
 * an ONTAP REST simulator on loopback, behind the same {@link dev.vsskit.vss.VssHost} as Windows.
 *
 * <h2>JSON: two stacks, each where it pays</h2>
 *
 * <ul>
 *   <li><b>Hand-written</b> (vss-core's {@link dev.vsskit.vss.io.Json} and {@link dev.vsskit.vss.io.RecordJson},
 *       through {@link dev.vsskit.lab.internal.LabJson}): {@code lab.json} ({@link dev.vsskit.lab.LabHost})
 *       and the state files the list verbs read (shadows, writer status, cluster and CSV states, the fault plan,
 *       the set gate), kept off Jackson for start-up time.
 *   <li><b>Jackson</b>: what is read once the command is doing real work: the ONTAP simulator's REST bodies and
 *       state ({@code ontap}), a volume store's index and patches ({@code storage}), the VMs' run states and the
 *       remote VSS agent's state ({@code backup}), and {@code lab-time.json} ({@link dev.vsskit.lab.LabClock}).
 * </ul>
 */
package dev.vsskit.lab;
