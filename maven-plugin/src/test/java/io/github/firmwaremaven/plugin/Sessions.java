package io.github.firmwaremaven.plugin;

import java.util.List;
import java.util.Properties;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.DefaultMavenExecutionResult;
import org.apache.maven.execution.MavenSession;

/** A Maven session with nothing in it but the command line's -D properties, for goals under test. */
final class Sessions {
    private Sessions() {}

    @SuppressWarnings("deprecation") // the only constructor that needs no container
    static MavenSession withUserProperties(Properties userProperties) {
        DefaultMavenExecutionRequest request = new DefaultMavenExecutionRequest();
        request.setUserProperties(userProperties);
        request.setSystemProperties(new Properties());
        return new MavenSession(null, request, new DefaultMavenExecutionResult(), List.of());
    }
}
