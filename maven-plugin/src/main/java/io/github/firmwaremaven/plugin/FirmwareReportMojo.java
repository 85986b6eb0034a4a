package io.github.firmwaremaven.plugin;

import io.github.firmwaremaven.report.FirmwareReport;
import io.github.firmwaremaven.report.HtmlReportPage;
import io.github.firmwaremaven.report.ReportPage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.maven.doxia.sink.Sink;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.reporting.MavenReport;
import org.apache.maven.reporting.MavenReportException;

/**
 * The board's firmware report for {@code mvn site}: build-step durations from
 * {@code target/firmware/steps.json} as a bar chart, and each flash image (coreboot ROM with its FMAP
 * areas and CBFS entries, OVMF or pflash images with their firmware volumes) drawn to scale with a
 * table of offsets and sizes. It reads what the last build left in {@code target/firmware}; it builds
 * nothing, so run {@code mvn verify} (or {@code package}) first. Run on its own
 * ({@code mvn firmware:firmware-report}) it writes a self-contained page to the reporting directory.
 */
// It implements the reporting API itself rather than extending maven-reporting-impl: that library's
// Doxia renderer tree (28 jars) was loaded into every build through the plugin's extension realm and
// cost a third of a second per mvn package.
@Mojo(name = "firmware-report", defaultPhase = LifecyclePhase.SITE, threadSafe = true)
public class FirmwareReportMojo extends AbstractMojo implements MavenReport {
    /** The build area the firmware goals wrote (the other goals' {@code buildArea}). */
    @Parameter(property = "firmware.buildArea", defaultValue = "${project.build.directory}/firmware")
    private File buildArea;

    /** Where the page goes when the goal runs on its own; {@code mvn site} sets its own directory. */
    @Parameter(defaultValue = "${project.reporting.outputDirectory}", readonly = true, required = true)
    private File outputDirectory;

    /** The board project; set by Maven. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Override
    public void execute() throws MojoExecutionException {
        FirmwareReport report;
        try {
            report = read();
        } catch (IOException e) {
            throw new MojoExecutionException(unreadable(e), e);
        }
        HtmlReportPage page = new HtmlReportPage();
        report.render(page, title(Locale.ROOT));
        Path out = outputDirectory.toPath().resolve(getOutputName() + ".html");
        try {
            Files.createDirectories(out.getParent());
            Files.writeString(out, page.html(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write the firmware report " + out + ": " + e.getMessage()
                    + ". Check that " + out.getParent() + " is writable and the disk has room, then run the goal "
                    + "again; the build in " + buildArea + " is only read, never changed.", e);
        }
        getLog().info("Firmware report written to " + out);
    }

    @Override
    public void generate(Sink sink, Locale locale) throws MavenReportException {
        try {
            read().render(new SinkPage(sink), title(locale));
        } catch (IOException e) {
            throw new MavenReportException(unreadable(e), e);
        }
    }

    private String unreadable(IOException e) {
        return "Cannot read the last build's records in " + buildArea + " (" + e.getMessage() + "). Run mvn "
                + "package (or verify) again to rewrite them, then the report.";
    }

    private FirmwareReport read() throws IOException {
        return FirmwareReport.read(buildArea.toPath());
    }

    private String title(Locale locale) {
        return getName(locale) + ": " + project.getName();
    }

    @Override
    public String getOutputName() {
        return "firmware-report";
    }

    @Override
    public String getCategoryName() {
        return CATEGORY_PROJECT_REPORTS;
    }

    @Override
    public String getName(Locale locale) {
        return "Firmware report";
    }

    @Override
    public String getDescription(Locale locale) {
        return "Build-step durations and the flash layout of the board's firmware.";
    }

    @Override
    public void setReportOutputDirectory(File directory) {
        outputDirectory = directory;
    }

    @Override
    public File getReportOutputDirectory() {
        return outputDirectory;
    }

    @Override
    public boolean isExternalReport() {
        return false;
    }

    @Override
    public boolean canGenerateReport() {
        return true;
    }

    /** The report's content as Doxia sink events, for the site skin to frame. */
    private static final class SinkPage implements ReportPage {
        private final Sink sink;

        SinkPage(Sink sink) {
            this.sink = sink;
        }

        @Override
        public void begin(String title) {
            sink.head();
            sink.title();
            sink.text(title);
            sink.title_();
            sink.head_();
            sink.body();
        }

        @Override
        public void section(int level, String heading) {
            if (level == 1) {
                sink.section1();
                sink.sectionTitle1();
                sink.text(heading);
                sink.sectionTitle1_();
            } else {
                sink.section2();
                sink.sectionTitle2();
                sink.text(heading);
                sink.sectionTitle2_();
            }
        }

        @Override
        public void endSection(int level) {
            if (level == 1) {
                sink.section1_();
            } else {
                sink.section2_();
            }
        }

        @Override
        public void paragraph(String text) {
            sink.paragraph();
            sink.text(text);
            sink.paragraph_();
        }

        @Override
        public void markup(String html) {
            sink.rawText(html);
        }

        @Override
        public void end() {
            sink.body_();
            sink.flush();
            sink.close();
        }
    }
}
