package dev.vsskit.ontap.client;

/** A FlexVol: identity, SVM, state, size, and whether it is a FlexClone (and of what). */
public record VolumeInfo(String uuid, String name, String svmName, String svmUuid, String state, String type,
        long size, boolean flexClone, String cloneParentVolume, String cloneParentSnapshot) {
}
