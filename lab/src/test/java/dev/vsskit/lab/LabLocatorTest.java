package dev.vsskit.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LabLocatorTest {

    static final Path HOME = Path.of("/home/ann");

    @Test
    void optionWinsThenEnvironmentThenDefault() {
        Map<String, String> env = Map.of("VSSKIT_LAB", "/srv/lab");
        assertThat(LabLocator.locate(Optional.of(Path.of("/x/lab")), env, "Linux", HOME))
                .isEqualTo(new LabLocator.Location(Path.of("/x/lab"), LabLocator.Source.OPTION));
        assertThat(LabLocator.locate(Optional.empty(), env, "Linux", HOME))
                .isEqualTo(new LabLocator.Location(Path.of("/srv/lab"), LabLocator.Source.ENVIRONMENT));
        assertThat(LabLocator.locate(Optional.empty(), Map.of(), "Linux", HOME).source())
                .isEqualTo(LabLocator.Source.DEFAULT);
    }

    @Test
    void defaultFolderPerSystem() {
        assertThat(LabLocator.defaultDir(Map.of(), "Linux", HOME)).isEqualTo(Path.of("/home/ann/.local/share/vsskit/lab"));
        assertThat(LabLocator.defaultDir(Map.of("XDG_DATA_HOME", "/data"), "Linux", HOME))
                .isEqualTo(Path.of("/data/vsskit/lab"));
        assertThat(LabLocator.defaultDir(Map.of("XDG_DATA_HOME", "relative"), "Linux", HOME))
                .isEqualTo(Path.of("/home/ann/.local/share/vsskit/lab"));
        assertThat(LabLocator.defaultDir(Map.of(), "Mac OS X", HOME))
                .isEqualTo(Path.of("/home/ann/Library/Application Support/vsskit/lab"));
        assertThat(LabLocator.defaultDir(Map.of("LOCALAPPDATA", "/appdata"), "Windows Server 2022", HOME))
                .isEqualTo(Path.of("/appdata/vsskit/lab"));
        assertThat(LabLocator.defaultDir(Map.of(), "Windows 11", HOME)).isEqualTo(Path.of("/home/ann/AppData/Local/vsskit/lab"));
    }
}
