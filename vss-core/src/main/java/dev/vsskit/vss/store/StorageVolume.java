package dev.vsskit.vss.store;

import java.util.Objects;

/** A storage volume (ONTAP FlexVol): name, uuid, owning SVM. */
public record StorageVolume(String name, String uuid, String svm) {
    public StorageVolume {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(svm, "svm");
    }
}
