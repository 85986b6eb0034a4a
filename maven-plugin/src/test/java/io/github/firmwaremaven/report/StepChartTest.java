package io.github.firmwaremaven.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class StepChartTest {
    @Test
    void readsTheStepsOfARealBuild() throws Exception {
        // qemu-x86_64 e2e board: busybox came from the cache, the rest ran.
        List<StepTiming> steps = StepTiming.parse(ReportSamples.text("steps-qemu-x86_64.json"));
        assertEquals(7, steps.size());
        StepTiming kernel = steps.stream().filter(s -> s.id().equals("kernel-build")).findFirst().orElseThrow();
        assertEquals("RAN", kernel.outcome());
        assertEquals(594079, kernel.durationMillis());
        assertEquals(0, kernel.lastRunMillis(), "written before lastRunMillis existed");
        assertTrue(steps.get(0).upToDate());
    }

    @Test
    void barsAreSortedByDurationAndScaledToTheLongest() throws Exception {
        String svg = StepChart.svg(StepTiming.parse(ReportSamples.text("steps-qemu-x86_64.json")));
        Document doc = ReportSamples.xml(svg);
        List<String> order = new ArrayList<>();
        List<Double> widths = new ArrayList<>();
        NodeList groups = doc.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            order.add(g.getAttribute("data-step"));
            widths.add(Double.parseDouble(((Element) g.getElementsByTagName("rect").item(0)).getAttribute("width")));
        }
        assertEquals(List.of("kernel-build", "kernel-config", "kexec-tools-install", "pack-initramfs",
                "rootfs-staging", "busybox-config", "busybox-install"), order);
        assertEquals(StepChart.BAR_AREA, widths.get(0), 0.001, "the longest step fills the bar area");
        assertEquals(StepChart.BAR_AREA * 15184.0 / 594079, widths.get(1), 0.01);
        assertEquals(0.0, widths.get(6), 0.0, "an up-to-date step with no known run has no bar");
        assertTrue(svg.contains(">594.1 s</text>"), svg);
        assertTrue(svg.contains(">up to date</text>"), svg);
    }

    @Test
    void upToDateStepsAreDrawnWithTheirLastRun() throws Exception {
        String json = "{\"steps\": [\n"
                + "{\"id\": \"kernel-build\", \"outcome\": \"UP_TO_DATE\", \"durationMillis\": 0, \"fingerprint\": \"a\","
                + " \"lastRunMillis\": 594079},\n"
                + "{\"id\": \"coreboot-build\", \"outcome\": \"RAN\", \"durationMillis\": 200000, \"fingerprint\": \"b\","
                + " \"lastRunMillis\": 200000}]}";
        List<StepTiming> steps = StepTiming.parse(json);
        assertEquals(List.of("kernel-build", "coreboot-build"),
                StepTiming.byCost(steps).stream().map(StepTiming::id).collect(Collectors.toList()));
        String svg = StepChart.svg(steps);
        assertTrue(svg.contains("up to date (last run 594.1 s)"), svg);
        assertTrue(svg.contains("fill=\"" + StepChart.UP_TO_DATE + "\""), svg);
        assertTrue(svg.contains("fill=\"" + StepChart.RAN + "\""), svg);
        assertTrue(svg.contains("width=\"" + Svg.num(StepChart.BAR_AREA * 200000.0 / 594079) + "\""), svg);
    }

    @Test
    void stepNamesAreEscaped() throws Exception {
        String svg = StepChart.svg(List.of(new StepTiming("a<b>&\"c'", "RAN", 1000, 1000)));
        ReportSamples.xml(svg);
        assertTrue(svg.contains("a&lt;b&gt;&amp;&quot;c&#39;"), svg);
    }

    @Test
    void aBuildWithEveryStepUpToDateStillDraws() throws Exception {
        // The qemu-x86-coreboot board rebuilt with nothing changed, before lastRunMillis was recorded.
        List<StepTiming> steps = StepTiming.parse(ReportSamples.text("steps-qemu-x86-coreboot-rebuild.json"));
        assertEquals(9, steps.size());
        assertTrue(steps.stream().allMatch(StepTiming::upToDate));
        ReportSamples.xml(StepChart.svg(steps));
    }
}
