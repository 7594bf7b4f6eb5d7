package dev.vsskit.ontap.client;

/** A LUN: path name ({@code /vol/v/lun}), SVM, volume, 12-character serial number, OS type, size. */
public record LunRecord(String uuid, String name, String svmName, String volumeName, String volumeUuid,
        String serialNumber, String osType, long size, boolean mapped) {
}
