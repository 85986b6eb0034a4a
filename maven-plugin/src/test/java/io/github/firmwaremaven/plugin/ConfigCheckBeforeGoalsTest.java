package io.github.firmwaremaven.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigCheckBeforeGoalsTest {
    @Test
    void checksWhenOurGoalRunsWithoutAPhaseThatRunsValidate() {
        assertTrue(ConfigCheckBeforeGoals.namesOurGoalWithoutValidate(List.of("firmware:build-kernel")));
        assertTrue(ConfigCheckBeforeGoals.namesOurGoalWithoutValidate(List.of("clean", "firmware:menuconfig")));
        assertTrue(ConfigCheckBeforeGoals.namesOurGoalWithoutValidate(
                List.of("io.github.firmwaremaven:firmware-maven-plugin:1.0:fetch-sources")));
    }

    @Test
    void leavesLifecycleBuildsToCheckHostAndOtherPluginsAlone() {
        // check-host runs in validate, with the host's tools as well.
        assertFalse(ConfigCheckBeforeGoals.namesOurGoalWithoutValidate(List.of("package")));
        assertFalse(ConfigCheckBeforeGoals.namesOurGoalWithoutValidate(List.of("verify", "firmware:run")));
        // A broken board can still be cleaned, and another plugin's goal is not ours to guard.
        assertFalse(ConfigCheckBeforeGoals.namesOurGoalWithoutValidate(List.of("clean")));
        assertFalse(ConfigCheckBeforeGoals.namesOurGoalWithoutValidate(List.of("help:describe")));
        assertFalse(ConfigCheckBeforeGoals.namesOurGoalWithoutValidate(List.of()));
    }

    @Test
    void readsItsOwnDescriptorAmongOthers() throws Exception {
        assertEquals("firmware-maven-plugin", ConfigCheckBeforeGoals.ownDescriptor().getArtifactId());
    }
}
