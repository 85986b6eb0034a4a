package io.github.firmwaremaven.plugin;

import io.github.firmwaremaven.initramfs.Compression;
import io.github.firmwaremaven.initramfs.PackInitramfs;
import io.github.firmwaremaven.errors.FirmwareException;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Packs the initramfs as a newc cpio archive, reproducibly and without root: the staging tree, then
 * the overlays, then the gen_init_cpio list, later ones overriding earlier ones.
 */
@Mojo(name = "pack-initramfs", defaultPhase = LifecyclePhase.PROCESS_CLASSES, threadSafe = true)
public class PackInitramfsMojo extends AbstractFirmwareMojo {
    /** build-rootfs' output tree. */
    @Parameter(property = "firmware.stagingDirectory", defaultValue = "${project.build.directory}/firmware/rootfs/staging")
    @FormerProperty("initramfs.staging")
    private File stagingDirectory;

    /** Overlay trees, in order. Default: src/main/rootfs when it exists. */
    @Parameter
    @BoardFile
    private List<File> overlays;

    /** A list in the format of Linux's usr/gen_init_cpio: device nodes, owners, extra files. */
    @Parameter(property = "firmware.pack-initramfs.listFile")
    @FormerProperty("initramfs.list")
    @BoardFile
    private File listFile;

    /** none, gzip, xz, zstd or lz4. */
    @Parameter(property = "firmware.pack-initramfs.compression", defaultValue = "gzip")
    @FormerProperty("initramfs.compression")
    private String compression;

    /** Directory for initramfs.cpio.* and initramfs.list. */
    @FormerProperty("initramfs.outputDirectory")
    @Parameter(property = "firmware.pack-initramfs.outputDirectory", defaultValue = "${project.build.directory}/firmware/initramfs")
    private File outputDirectory;

    @Override
    protected String nothingConfigured() {
        try {
            return PackInitramfs.nothingToPack(request());
        } catch (FirmwareException e) {
            return null; // runGoal reports the bad parameter
        }
    }

    @Override
    protected void runGoal() throws Exception {
        PackInitramfs.Request main = request();
        PackInitramfs.run(board().initramfsImageRequests(main.outputDir(), main.env()), main, steps(), timestamp(),
                outputs());
    }

    private PackInitramfs.Request request() throws FirmwareException {
        List<Path> trees = new ArrayList<>();
        if (overlays == null) {
            trees.add(project.getBasedir().toPath().resolve("src/main/rootfs"));
        } else {
            overlays.forEach(f -> trees.add(f.toPath()));
        }
        Compression c;
        try {
            c = Compression.parse(compression);
        } catch (IllegalArgumentException e) {
            throw new FirmwareException("<compression>: " + e.getMessage());
        }
        return new PackInitramfs.Request(stagingDirectory.toPath(), trees,
                listFile == null ? null : listFile.toPath(), c, outputDirectory.toPath(), System.getenv());
    }
}
