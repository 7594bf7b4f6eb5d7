/**
 * The release build (runs at {@code package}, never in the product): staging, archives, checksums, SBOM, the
 * generated CLI reference and man pages.
 *
 * <h2>JSON</h2>
 *
 * Jackson only: {@link dev.vsskit.dist.Sbom} writes the CycloneDX document and {@link dev.vsskit.dist.Release}
 * reads it back for the notices. Build-time code, where start-up time does not matter.
 */
package dev.vsskit.dist;
