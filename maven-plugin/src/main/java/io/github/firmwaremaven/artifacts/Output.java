package io.github.firmwaremaven.artifacts;

import java.nio.file.Path;

/** A produced file and how it is published. Type and extension are the same string here. */
public record Output(ArtifactKind kind, String classifier, String extension, Path file) {
    public static Output of(ArtifactKind kind, Path file) {
        return new Output(kind, kind.classifier(), kind.extension(), file);
    }
}
