/**
 * The buildout profile language: parsing, {@code extends}, layering, {@code +=}/{@code -=}, {@code
 * ${section:option}} substitution, {@code <=} macros and conditional sections, with the semantics
 * of zc.buildout 4.x and the SlapOS extensions.
 *
 * <p>Embedders and tests start at {@link io.buildout4j.profile.Profiles#loader()}; the command line
 * tool and the part engine use the same entry point. Every value carries its {@link
 * io.buildout4j.profile.Origin} so that {@code annotate} and error messages can say where it came
 * from.
 */
@NullMarked
package io.buildout4j.profile;

import org.jspecify.annotations.NullMarked;
