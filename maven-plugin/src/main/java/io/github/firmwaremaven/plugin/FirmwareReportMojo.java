package io.github.firmwaremaven.plugin;

import io.github.firmwaremaven.report.FirmwareReport;
import io.github.firmwaremaven.report.FlashImage;
import io.github.firmwaremaven.report.FlashLayoutDrawing;
import io.github.firmwaremaven.report.StepChart;
import io.github.firmwaremaven.report.StepTiming;
import java.io.File;
import java.io.IOException;
import java.util.Locale;
import org.apache.maven.doxia.sink.Sink;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.reporting.AbstractMavenReport;
import org.apache.maven.reporting.MavenReportException;

/**
 * The board's firmware report for {@code mvn site}: build-step durations from
 * {@code target/firmware/steps.json} as a bar chart, and each flash image (coreboot ROM with its FMAP
 * areas and CBFS entries, OVMF or pflash images with their firmware volumes) drawn to scale with a
 * table of offsets and sizes. It reads what the last build left in {@code target/firmware}; it builds
 * nothing, so run {@code mvn verify} (or {@code package}) first.
 */
@Mojo(name = "firmware-report", defaultPhase = LifecyclePhase.SITE, threadSafe = true)
public class FirmwareReportMojo extends AbstractMavenReport {
    /** The build area the firmware goals wrote. */
    @Parameter(property = "firmware.report.directory", defaultValue = "${project.build.directory}/firmware")
    private File firmwareDirectory;

    @Override
    public String getOutputName() {
        return "firmware-report";
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
    protected void executeReport(Locale locale) throws MavenReportException {
        FirmwareReport report;
        try {
            report = FirmwareReport.read(firmwareDirectory.toPath());
        } catch (IOException e) {
            throw new MavenReportException("cannot read " + firmwareDirectory + ": " + e.getMessage(), e);
        }
        Sink sink = getSink();
        sink.head();
        sink.title();
        sink.text(getName(locale) + ": " + project.getName());
        sink.title_();
        sink.head_();
        sink.body();
        sink.section1();
        sink.sectionTitle1();
        sink.text(getName(locale));
        sink.sectionTitle1_();
        paragraph(sink, report.isEmpty()
                ? "Nothing in " + firmwareDirectory + " yet: run mvn verify (or package), then mvn site."
                : "From the last build in " + firmwareDirectory + ".");
        if (!report.steps().isEmpty()) {
            sink.section2();
            sink.sectionTitle2();
            sink.text("Build steps");
            sink.sectionTitle2_();
            long upToDate = report.steps().stream().filter(StepTiming::upToDate).count();
            paragraph(sink, report.steps().size() + " steps, " + upToDate + " up to date; the latest build spent "
                    + String.format(Locale.ROOT, "%.1f", report.builtMillis() / 1000.0) + " s in steps.");
            sink.rawText(StepChart.svg(report.steps()));
            sink.section2_();
        }
        if (!report.isEmpty() && report.images().isEmpty()) {
            paragraph(sink, "No flash image recorded: the board builds Linux only, or coreboot/OVMF have not run yet.");
        }
        for (FlashImage image : report.images()) {
            sink.section2();
            sink.sectionTitle2();
            sink.text("Flash layout: " + image.title());
            sink.sectionTitle2_();
            paragraph(sink, image.fileName() + ", " + image.size() + " bytes. " + String.join(" ", image.notes()));
            sink.rawText(FlashLayoutDrawing.svg(image));
            sink.rawText(FlashLayoutDrawing.table(image));
            sink.section2_();
        }
        sink.section1_();
        sink.body_();
        sink.flush();
        sink.close();
    }

    private static void paragraph(Sink sink, String text) {
        sink.paragraph();
        sink.text(text);
        sink.paragraph_();
    }
}
