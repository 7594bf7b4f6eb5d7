package dev.vsskit.ontap.client;

/** A CIFS (SMB) share: name, junction path, SVM and the volume holding the path. */
public record CifsShareRecord(String svmName, String svmUuid, String name, String path, String volumeName,
        String volumeUuid, boolean continuouslyAvailable) {
}
