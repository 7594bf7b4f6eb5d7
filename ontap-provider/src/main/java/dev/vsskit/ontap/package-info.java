/**
 * ontap-provider: the ONTAP REST client ({@code client.OntapClient}), the ONTAP snapshot store, the Data ONTAP
 * VSS Hardware Provider's contract and the Windows backup target.
 *
 * <h2>JSON</h2>
 *
 * Jackson only (jackson-databind tree model): ONTAP's REST request and response bodies, inside the client's
 * internal transport ({@code client.internal.RestTransport}) and {@code client.OntapClient}, which turns them
 * into this module's records; no Jackson type appears in OntapClient's public signatures
 * ({@code OntapClientApiTest}). Every ONTAP call happens after start-up, so the hand-written
 * {@link dev.vsskit.vss.io.Json} (vss-core's start-up stack) is not used here.
 */
package dev.vsskit.ontap;
