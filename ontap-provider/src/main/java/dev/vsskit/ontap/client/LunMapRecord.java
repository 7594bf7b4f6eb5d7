package dev.vsskit.ontap.client;

/** A LUN map: which igroup sees which LUN under which LUN id. */
public record LunMapRecord(String lunName, String lunUuid, String igroupName, String igroupUuid, int logicalUnitNumber,
        String svmName) {
}
