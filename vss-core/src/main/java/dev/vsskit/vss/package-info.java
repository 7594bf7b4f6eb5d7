/**
 * vss-core: the VSS model ({@link dev.vsskit.vss.VssHost}, providers, writers, shadows), the requester
 * ({@code backup}), the VSS coordinator ({@code coordinator}), the catalog, verify and the Windows COM binding.
 *
 * <h2>JSON: two stacks, each where it pays</h2>
 *
 * <ul>
 *   <li><b>Hand-written</b>, {@link dev.vsskit.vss.io.Json} (parser and writer over plain maps and lists) and
 *       {@link dev.vsskit.vss.io.RecordJson} (records by their components, no reflection on annotations): for
 *       what runs on every start of the CLI, where loading Jackson would cost more than the work: the lab's
 *       {@code lab.json} and state files (the lab reads them through these) and the CLI's JSON output. Kept for
 *       start-up time (docs/benchmarks.md).
 *   <li><b>Jackson</b> (jackson-databind tree model): for files a backup or a catalog listing reads and writes,
 *       where Jackson's cost is small beside the work: the catalog's records and index
 *       ({@code catalog.BackupRecordJson}, {@code catalog.BackupCatalog}), datasets
 *       ({@code backup.DatasetStore}) and the in-flight journal ({@code backup.InflightJournal}).
 * </ul>
 */
package dev.vsskit.vss;
