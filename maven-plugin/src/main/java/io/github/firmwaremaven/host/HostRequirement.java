package io.github.firmwaremaven.host;

/** A command or file a build needs on the host, and the Debian package that provides it. */
public record HostRequirement(String name, Kind kind, String debianPackage) {
    public enum Kind {
        COMMAND,
        FILE
    }

    public static HostRequirement command(String name, String debianPackage) {
        return new HostRequirement(name, Kind.COMMAND, debianPackage);
    }

    public static HostRequirement file(String path, String debianPackage) {
        return new HostRequirement(path, Kind.FILE, debianPackage);
    }
}
