package io.github.firmwaremaven.plugin;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a goal's parameter of type {@code File} (or a list of them): it names files the board provides,
 * so check-host reports one that does not exist before anything is built. Files inside the board
 * classes ({@code <kernel><fragments>}, ...) are always checked.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
@interface BoardFile {}
