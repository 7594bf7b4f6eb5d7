package dev.vsskit.vss.spi;

import java.util.Objects;

/**
 * The part of VDS_LUN_INFORMATION a hardware provider needs to decide whether it owns a LUN:
 * SCSI vendor and product ids, the LUN serial number and the NAA device identifier (hex, as Windows
 * shows it, e.g. {@code 600a0980383030344b3f4a6c4a6f6c41}).
 */
public record LunInfo(String vendorId, String productId, String serialNumber, String naaId) {
    public LunInfo {
        Objects.requireNonNull(vendorId, "vendorId");
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(serialNumber, "serialNumber");
        Objects.requireNonNull(naaId, "naaId");
    }
}
