package dev.vsskit.lab.ontap;

import dev.vsskit.lab.LabConfig;
import dev.vsskit.lab.internal.LabInitStep;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The ONTAP part of {@code vsskit lab init}: the simulated cluster (from the lab's ONTAP settings and its
 * ONTAP-backed volumes), the credentials file and the self-signed certificate under {@code <lab>/ontap/}.
 */
public final class OntapLabInitStep implements LabInitStep {

    @Override
    public void initialize(Path labDir, LabConfig config) throws IOException {
        List<OntapLab.VolumeSeed> seeds = new ArrayList<>();
        for (LabConfig.LabVolume v : config.volumes()) {
            if (v.ontapVolume() == null || v.ontapVolume().isEmpty()) {
                continue;
            }
            boolean lun = v.kind() == LabConfig.VolumeKind.CSV && v.lunPath() != null;
            seeds.add(new OntapLab.VolumeSeed(v.ontapVolume(), v.key(), lun ? v.lunPath() : null,
                    lun ? v.lunSerial() : null, v.kind() == LabConfig.VolumeKind.SMB ? v.share() : null));
        }
        LabConfig.OntapSettings o = config.ontap();
        OntapLab.init(labDir, o.cluster(), o.svm(), o.version(), seeds, true);
    }
}
