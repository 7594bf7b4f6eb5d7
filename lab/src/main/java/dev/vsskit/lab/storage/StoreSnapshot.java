package dev.vsskit.lab.storage;

/** A shadow copy's bytes in the lab: the copy-on-write store of its volume and the snapshot id in it. */
public record StoreSnapshot(CowVolumeStore store, String snapshotId) {
}
