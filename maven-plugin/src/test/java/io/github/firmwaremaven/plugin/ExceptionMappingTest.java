package io.github.firmwaremaven.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.firmwaremaven.errors.FirmwareException;
import io.github.firmwaremaven.processes.ProcessFailedException;
import java.io.IOException;
import java.util.List;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.junit.jupiter.api.Test;

/**
 * What a goal's failure becomes in Maven: a problem the user can fix (bad input, a failed tool) is a
 * build failure with our message and no stack trace; anything else is an error naming the goal.
 */
class ExceptionMappingTest {
    /** A goal whose work throws what the test gives it. */
    static final class Thrower extends AbstractFirmwareMojo {
        Exception toThrow;
        String nothing;
        boolean ran;

        Thrower(Exception toThrow) {
            this.toThrow = toThrow;
            MojoDescriptor d = new MojoDescriptor();
            d.setGoal("build-kernel");
            this.mojoExecution = new MojoExecution(d);
            this.session = Sessions.withUserProperties(new java.util.Properties());
        }

        @Override
        protected String nothingConfigured() {
            return nothing;
        }

        @Override
        protected void runGoal() throws Exception {
            ran = true;
            if (toThrow != null) {
                throw toThrow;
            }
        }
    }

    @Test
    void aFirmwareExceptionIsABuildFailureWithItsOwnMessage() {
        FirmwareException cause = new FirmwareException("Source 'linux': <url> has a space");
        MojoFailureException e = assertThrows(MojoFailureException.class, () -> new Thrower(cause).execute());
        assertEquals("Source 'linux': <url> has a space", e.getMessage());
        assertSame(cause, e.getCause());
    }

    @Test
    void aFailedToolIsABuildFailureToo() {
        ProcessFailedException cause = new ProcessFailedException("make -j2 failed (exit 2)", 2,
                java.nio.file.Path.of("kernel-build.log"), List.of("error: x"));
        MojoFailureException e = assertThrows(MojoFailureException.class, () -> new Thrower(cause).execute());
        assertEquals(cause.getMessage(), e.getMessage());
    }

    @Test
    void anUnexpectedExceptionIsAnErrorNamingTheGoal() {
        MojoExecutionException io = assertThrows(MojoExecutionException.class,
                () -> new Thrower(new IOException("disk gone")).execute());
        assertTrue(io.getMessage().startsWith("build-kernel failed: java.io.IOException: disk gone"), io.getMessage());
        MojoExecutionException npe = assertThrows(MojoExecutionException.class,
                () -> new Thrower(new IllegalStateException("bug")).execute());
        assertTrue(npe.getMessage().startsWith("build-kernel failed:"), npe.getMessage());
    }

    @Test
    void anInterruptKeepsTheInterruptFlag() {
        MojoExecutionException e = assertThrows(MojoExecutionException.class,
                () -> new Thrower(new InterruptedException()).execute());
        assertEquals("build-kernel was interrupted", e.getMessage());
        assertTrue(Thread.interrupted(), "the thread is still marked interrupted (and the mark is cleared here)");
    }

    @Test
    void aGoalWithNothingConfiguredDoesNotRun() throws Exception {
        Thrower t = new Thrower(new IOException("must not run"));
        t.nothing = "no kernel declared";
        t.execute();
        assertTrue(!t.ran);
    }
}
