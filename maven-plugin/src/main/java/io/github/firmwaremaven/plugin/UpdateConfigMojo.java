package io.github.firmwaremaven.plugin;

import io.github.firmwaremaven.kconfig.ConfigEdit;
import io.github.firmwaremaven.kconfig.FragmentUpdate;
import java.util.List;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/** Writes the difference between the build's current .config and its baseline into the board's fragment. */
@Mojo(name = "update-config", threadSafe = true)
@Execute(phase = LifecyclePhase.PROCESS_SOURCES)
public class UpdateConfigMojo extends AbstractConfigEditMojo {
    @Override
    protected void runGoal() throws Exception {
        ConfigEdit.Target t = target();
        ConfigEdit.Update update = ConfigEdit.update(t);
        for (FragmentUpdate.Change c : update.goalOwned()) {
            getLog().warn("Not written: " + c.line(t.prefix()) + " (the goal sets " + t.prefix() + c.symbol()
                    + " from " + t.goalOwned().get(c.symbol()) + "; change it there)");
        }
        List<FragmentUpdate.Change> changes = update.written();
        if (changes.isEmpty()) {
            getLog().info("No changes for " + t.fragment());
            return;
        }
        getLog().info(changes.size() + " change(s) written to " + t.fragment() + ":");
        for (FragmentUpdate.Change c : changes) {
            getLog().info("  " + c.line(t.prefix()));
        }
    }
}
