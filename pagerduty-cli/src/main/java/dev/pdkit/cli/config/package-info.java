/** {@code pdkit config ...}: validate, render, diff, encrypt values and rotate the key of a config folder. */
@NullMarked
package dev.pdkit.cli.config;

import org.jspecify.annotations.NullMarked;
