/**
 * Evaluation of buildout's conditional section headers, {@code [section:EXPR]}.
 *
 * <p>The profile parser calls {@link io.buildout4j.profile.condition.ConditionEvaluator} for every
 * header that carries a condition. Like zc.buildout 4.x, the condition is first tried as a PEP 508
 * environment marker and, when it is not one, evaluated as an expression in a safe subset of Python
 * against a {@link io.buildout4j.profile.condition.TargetEnvironment}. Nothing is ever executed:
 * anything outside the supported subset is rejected with a {@link
 * io.buildout4j.profile.condition.ConditionException}.
 */
@NullMarked
package io.buildout4j.profile.condition;

import org.jspecify.annotations.NullMarked;
