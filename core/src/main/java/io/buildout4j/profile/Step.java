package io.buildout4j.profile;

/**
 * One step of a value's history: the operation, the operand it applied (the value set, or the lines
 * added or removed) and where that operand came from.
 */
public record Step(Operation operation, String value, Origin origin) {}
