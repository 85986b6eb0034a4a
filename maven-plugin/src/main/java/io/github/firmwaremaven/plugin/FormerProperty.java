package io.github.firmwaremaven.plugin;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The names a parameter's user property had before it was called {@code firmware.<goal>.<parameter>}:
 * still honoured, with a warning that names the new one (see {@link AbstractFirmwareMojo}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
@interface FormerProperty {
    String[] value();
}
