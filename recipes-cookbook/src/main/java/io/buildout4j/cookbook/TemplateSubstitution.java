package io.buildout4j.cookbook;

import io.buildout4j.recipe.Options;
import io.buildout4j.recipe.Part;
import io.buildout4j.recipe.RecipeException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Buildout's substitution applied to a template's text, as {@code slapos.recipe.template} and
 * {@code collective.recipe.template} render: every {@code ${section:option}} is replaced by that
 * option's value, read through {@link Part#section(String)} (so the section, and any part behind
 * it, is ordered before the part rendering the template); {@code ${:option}} is the part's own
 * option.
 *
 * <p>Escapes follow the SlapOS fork of buildout: the text is cut at each {@code $$}, each piece is
 * substituted on its own, and the pieces are joined again, {@code $${} giving a literal {@code ${}
 * while any other {@code $$} stays as written. Substituted values are never substituted again.
 */
final class TemplateSubstitution {
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{[^}]*\\}");
  private static final Pattern VALID =
      Pattern.compile("\\$\\{[-a-zA-Z0-9 ._]*:[-a-zA-Z0-9 ._]+\\}");
  private static final Pattern SIMPLE = Pattern.compile("[-a-zA-Z0-9 ._]+");

  private TemplateSubstitution() {}

  /**
   * The text with every reference substituted.
   *
   * @param part the part rendering the template: {@code ${:option}} reads its options
   * @param text the template's text
   * @param where what the text is, for error messages ({@code template:url (/path/to/file)})
   * @param ownOptionShorthand whether {@code ${option}}, without a colon, means {@code ${:option}}
   *     (collective.recipe.template's shorthand); otherwise it is an error, as in buildout
   * @throws RecipeException naming {@code where} and the reference for a malformed reference or a
   *     missing option
   */
  static String substitute(Part part, String text, String where, boolean ownOptionShorthand) {
    if (!text.contains("${")) {
      return text.replace("$${", "${");
    }
    List<String> pieces = split(text);
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < pieces.size(); i++) {
      String piece = pieces.get(i);
      if (i > 0) {
        out.append(piece.startsWith("{") ? "$" : "$$");
      }
      out.append(substitutePiece(part, piece, where, ownOptionShorthand));
    }
    return out.toString();
  }

  /** Python's {@code text.split("$$")}. */
  private static List<String> split(String text) {
    List<String> pieces = new ArrayList<>();
    int start = 0;
    int found;
    while ((found = text.indexOf("$$", start)) >= 0) {
      pieces.add(text.substring(start, found));
      start = found + 2;
    }
    pieces.add(text.substring(start));
    return pieces;
  }

  private static String substitutePiece(
      Part part, String piece, String where, boolean ownOptionShorthand) {
    Matcher matcher = REFERENCE.matcher(piece);
    if (!matcher.find()) {
      return piece;
    }
    StringBuilder out = new StringBuilder(piece.length() + 64);
    int last = 0;
    do {
      out.append(piece, last, matcher.start());
      out.append(resolve(part, matcher.group(), where, ownOptionShorthand));
      last = matcher.end();
    } while (matcher.find());
    out.append(piece, last, piece.length());
    return out.toString();
  }

  private static String resolve(
      Part part, String reference, String where, boolean ownOptionShorthand) {
    String inner = reference.substring(2, reference.length() - 1);
    if (ownOptionShorthand && !inner.contains(":")) {
      inner = ":" + inner;
      reference = "${" + inner + "}";
    }
    String[] names = inner.split(":", -1);
    if (!VALID.matcher(reference).matches()) {
      String problem;
      if (names.length < 2) {
        problem = "doesn't contain a colon";
      } else if (names.length > 2) {
        problem = "has too many colons";
      } else if (!SIMPLE.matcher(names[0]).matches()) {
        problem = "has invalid characters in its section name";
      } else {
        problem = "has invalid characters in its option name";
      }
      throw new RecipeException("The substitution " + reference + " in " + where + " " + problem);
    }
    String section = names[0].isEmpty() ? part.name() : names[0];
    String option = names[1];
    Options options = names[0].isEmpty() ? part.options() : part.section(section);
    String value = options.get(option);
    if (value == null) {
      if (option.equals("_buildout_section_name_")) {
        return part.name(); // buildout: the name of the section doing the substitution
      }
      throw new RecipeException(
          "Referenced option does not exist: "
              + section
              + " "
              + option
              + " (in "
              + reference
              + ", "
              + where
              + ")");
    }
    return value;
  }
}
