package dev.pdkit.model;

/**
 * How many alerts an incident groups.
 *
 * @param triggered alerts still triggered
 * @param resolved alerts resolved
 * @param all every alert
 */
public record AlertCounts(int triggered, int resolved, int all) {}
