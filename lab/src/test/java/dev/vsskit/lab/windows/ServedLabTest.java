package dev.vsskit.lab.windows;

import dev.vsskit.lab.LabHost;
import dev.vsskit.lab.LabInit;
import dev.vsskit.vss.windows.WindowsVssHost;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh default lab served as native objects for each test, with the binding's {@link WindowsVssHost} over it.
 * Closing it after each test fails the test if the requester broke a rule (an object not released, a VARIANT not
 * cleared, VSS memory not freed, COM called off its thread).
 */
abstract class ServedLabTest {

    @TempDir
    Path tmp;
    ServedLab servedLab;
    LabHost lab;
    ServedVss served;
    WindowsVssHost windows;

    @BeforeEach
    void serve() {
        servedLab = ServedLab.open(LabInit.create(tmp.resolve("lab"), false).dir());
        lab = servedLab.lab();
        served = servedLab.vss();
        windows = servedLab.windows();
    }

    @AfterEach
    void closeServedLab() {
        servedLab.close();
    }
}
