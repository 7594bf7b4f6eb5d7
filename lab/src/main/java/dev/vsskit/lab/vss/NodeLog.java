package dev.vsskit.lab.vss;

import dev.vsskit.lab.LabCluster;
import dev.vsskit.vss.coordinator.VssClock;
import dev.vsskit.vss.coordinator.WriterEvent;

/** Where a node's writers record what they did in a set ({@link LabCluster#log}); nothing on a one-node lab. */
interface NodeLog {

    NodeLog NONE = (source, e, event, subject) -> {
    };

    void event(String source, WriterEvent e, String event, String subject);

    static NodeLog of(LabCluster cluster, String node, VssClock clock) {
        if (!cluster.isMultiNode()) {
            return NONE;
        }
        return (source, e, event, subject) -> cluster.log(new LabCluster.Event(clock.now(), node, source, event,
                subject, e.snapshotSetId()));
    }
}
