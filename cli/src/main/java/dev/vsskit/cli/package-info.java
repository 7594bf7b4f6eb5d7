/**
 * The vsskit command line: one picocli class per verb, renderers, the exit-code table, the shell.
 *
 * <h2>JSON</h2>
 *
 * <ul>
 *   <li><b>Hand-written</b> (vss-core's {@link dev.vsskit.vss.io.Json}): every JSON the CLI writes, the
 *       {@code --output json} renderer ({@code render.JsonRenderer}) and JSON errors ({@link dev.vsskit.cli.CliContext}),
 *       because the plain list verbs with {@code -o json} must start fast (docs/benchmarks.md).
 *   <li><b>Jackson</b>: only {@code ontap.OntapConfig}, which reads the ONTAP connection file, once a command
 *       is about to talk to a cluster.
 * </ul>
 */
package dev.vsskit.cli;
