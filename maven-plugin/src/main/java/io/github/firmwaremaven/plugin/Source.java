package io.github.firmwaremaven.plugin;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code <source>} of the plugin configuration, as Maven injects it. Plain fields only; turned
 * into the core's {@code SourceSpec} by {@link FetchSourcesMojo}.
 */
public class Source {
    /** Referenced by later goals and by the overrides file. */
    String name;
    String version;
    /** archive (default), file or git. */
    String kind;
    /** A single URL; {@code <urls>} for several. */
    String url;
    List<String> urls = new ArrayList<>();
    String fileName;
    String sha256;
    String sha512;
    /** Must be said explicitly to go without a digest. */
    boolean unverified;
    String license;
    /** The settings.xml server whose credentials apply to this source's URLs. */
    String serverId;
    /** A member of the archive that is the real archive (or file). */
    String member;
    /** Another source whose tree this one goes into, at {@code intoPath}. */
    String into;
    String intoPath;
    /** For git sources: the full commit id. */
    String commit;
    /** A directory used instead of the declared source (like Buildroot's OVERRIDE_SRCDIR). */
    File localOverride;
}
