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
    void guardsOnlyGoalsThatMavenConfiguresWithTheBoard() throws Exception {
        var plugin = ConfigCheckBeforeGoals.ownDescriptor();
        assertTrue(ConfigCheckBeforeGoals.readsBoard(plugin, "firmware:build-kernel"));
        assertTrue(ConfigCheckBeforeGoals.readsBoard(plugin, "firmware:cache-list@mine"));
        assertTrue(ConfigCheckBeforeGoals.readsBoard(plugin,
                "io.github.firmwaremaven:firmware-maven-plugin:1.0:menuconfig"));
        // help and check-host read no board parameter: a broken board keeps them working.
        assertFalse(ConfigCheckBeforeGoals.readsBoard(plugin, "firmware:help"));
        assertFalse(ConfigCheckBeforeGoals.readsBoard(plugin, "firmware:check-host"));
        assertFalse(ConfigCheckBeforeGoals.readsBoard(plugin, "firmware:no-such-goal"));
        assertFalse(ConfigCheckBeforeGoals.readsBoard(plugin, "help:describe"));
    }

    @Test
    void readsItsOwnDescriptorAmongOthers() throws Exception {
        assertEquals("firmware-maven-plugin", ConfigCheckBeforeGoals.ownDescriptor().getArtifactId());
    }
}
