package io.buildout4j.maven;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The little of a user's Maven {@code settings.xml} that recipe resolution honours: {@code
 * <localRepository>}, the {@code <repositories>} of active profiles ({@code <activeProfiles>} or
 * {@code <activeByDefault>}), and {@code <mirrors>}. Servers (credentials), proxies and the global
 * settings file are not read.
 *
 * @param localRepository the {@code <localRepository>}, with {@code ${user.home}}, {@code
 *     ${env.NAME}} and other system properties substituted, or null if not set
 * @param repositories the repositories of the active profiles, in order
 * @param mirrors the mirrors, in order
 */
record MavenSettings(
    @Nullable String localRepository, List<Repository> repositories, List<Mirror> mirrors) {

  /** Settings without anything in them (no settings file). */
  static final MavenSettings NONE = new MavenSettings(null, List.of(), List.of());

  private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

  /**
   * A remote repository.
   *
   * @param id the repository id (Maven's key for credentials, mirrors and download tracking)
   * @param url the base URL
   * @param releases whether release versions are taken from it
   * @param snapshots whether snapshot versions are taken from it
   */
  record Repository(String id, String url, boolean releases, boolean snapshots) {}

  /**
   * A mirror: a repository that replaces every repository {@code mirrorOf} matches.
   *
   * @param id the mirror's id
   * @param url the mirror's URL
   * @param mirrorOf Maven's pattern: {@code *}, {@code external:*}, {@code external:http:*}, ids,
   *     {@code !id}, separated by commas
   */
  record Mirror(String id, String url, String mirrorOf) {
    /** Whether this mirror stands in for {@code repository}. */
    boolean mirrors(Repository repository) {
      boolean matched = false;
      for (String raw : mirrorOf.split(",")) {
        String pattern = raw.trim();
        if (pattern.isEmpty()) {
          continue;
        }
        if (pattern.startsWith("!")) {
          if (pattern.substring(1).trim().equals(repository.id())) {
            return false;
          }
        } else if (pattern.equals("*") || pattern.equals(repository.id())) {
          matched = true;
        } else if (pattern.equals("external:*")) {
          matched |= isExternal(repository.url());
        } else if (pattern.equals("external:http:*")) {
          matched |= isExternal(repository.url()) && repository.url().startsWith("http:");
        }
      }
      return matched;
    }

    private static boolean isExternal(String url) {
      if (url.startsWith("file:")) {
        return false;
      }
      String rest = url.replaceFirst("^[A-Za-z][A-Za-z0-9+.\\-]*://", "");
      String host = rest.replaceFirst("[:/].*$", "");
      return !host.equals("localhost") && !host.equals("127.0.0.1") && !host.equals("[::1]");
    }
  }

  /**
   * Reads a settings file, or returns {@link #NONE} if there is none.
   *
   * @throws IOException if the file exists but cannot be read or is not well-formed XML
   */
  static MavenSettings read(Path file, Map<String, String> environment) throws IOException {
    if (!Files.isRegularFile(file)) {
      return NONE;
    }
    Element root;
    try (InputStream in = Files.newInputStream(file)) {
      root = parser().parse(in, file.toUri().toString()).getDocumentElement();
    } catch (SAXException | ParserConfigurationException e) {
      throw new IOException("Malformed Maven settings " + file + ": " + e.getMessage(), e);
    }
    String localRepository = text(root, "localRepository");
    if (localRepository != null) {
      localRepository = substitute(localRepository, environment);
    }

    Set<String> active = new LinkedHashSet<>();
    Element activeProfiles = child(root, "activeProfiles");
    if (activeProfiles != null) {
      for (Element id : children(activeProfiles, "activeProfile")) {
        active.add(id.getTextContent().trim());
      }
    }
    List<Repository> repositories = new ArrayList<>();
    Element profiles = child(root, "profiles");
    if (profiles != null) {
      for (Element profile : children(profiles, "profile")) {
        Element activation = child(profile, "activation");
        boolean byDefault =
            activation != null && "true".equals(text(activation, "activeByDefault"));
        if (!byDefault && !active.contains(text(profile, "id"))) {
          continue;
        }
        Element list = child(profile, "repositories");
        if (list == null) {
          continue;
        }
        for (Element repository : children(list, "repository")) {
          String id = text(repository, "id");
          String url = text(repository, "url");
          if (id == null || url == null) {
            continue;
          }
          repositories.add(
              new Repository(
                  id,
                  substitute(url, environment),
                  enabled(repository, "releases"),
                  enabled(repository, "snapshots")));
        }
      }
    }
    List<Mirror> mirrors = new ArrayList<>();
    Element mirrorList = child(root, "mirrors");
    if (mirrorList != null) {
      for (Element mirror : children(mirrorList, "mirror")) {
        String id = text(mirror, "id");
        String url = text(mirror, "url");
        String of = text(mirror, "mirrorOf");
        if (id != null && url != null && of != null) {
          mirrors.add(new Mirror(id, substitute(url, environment), of));
        }
      }
    }
    return new MavenSettings(localRepository, List.copyOf(repositories), List.copyOf(mirrors));
  }

  /**
   * The repositories to use by default: the active profiles' ones, then {@code central}, each
   * replaced by the first mirror of it (a mirror standing in for several is listed once).
   */
  List<Repository> effectiveRepositories(Repository central) {
    List<Repository> wanted = new ArrayList<>(repositories);
    if (wanted.stream().noneMatch(r -> r.id().equals(central.id()))) {
      wanted.add(central);
    }
    List<Repository> result = new ArrayList<>();
    Set<String> ids = new LinkedHashSet<>();
    for (Repository repository : wanted) {
      Repository effective = repository;
      for (Mirror mirror : mirrors) {
        if (mirror.mirrors(repository)) {
          effective = new Repository(mirror.id(), mirror.url(), true, true);
          break;
        }
      }
      if (ids.add(effective.id())) {
        result.add(effective);
      }
    }
    return List.copyOf(result);
  }

  private static DocumentBuilder parser() throws ParserConfigurationException {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(false);
    factory.setExpandEntityReferences(false);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    DocumentBuilder builder = factory.newDocumentBuilder();
    builder.setErrorHandler(null);
    return builder;
  }

  private static boolean enabled(Element repository, String policy) {
    Element element = child(repository, policy);
    if (element == null) {
      return true;
    }
    String enabled = text(element, "enabled");
    return enabled == null || Boolean.parseBoolean(enabled);
  }

  /**
   * Replaces {@code ${env.NAME}} by the environment variable and {@code ${name}} by the system
   * property.
   */
  static String substitute(String value, Map<String, String> environment) {
    Matcher matcher = PROPERTY.matcher(value);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1);
      String replacement =
          name.startsWith("env.") ? environment.get(name.substring(4)) : System.getProperty(name);
      matcher.appendReplacement(
          out, Matcher.quoteReplacement(replacement != null ? replacement : matcher.group()));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private static @Nullable Element child(Element parent, String name) {
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && name.equals(localName(element))) {
        return element;
      }
    }
    return null;
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> result = new ArrayList<>();
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && name.equals(localName(element))) {
        result.add(element);
      }
    }
    return result;
  }

  private static String localName(Element element) {
    String tag = element.getTagName();
    int colon = tag.indexOf(':');
    return colon < 0 ? tag : tag.substring(colon + 1);
  }

  private static @Nullable String text(Element parent, String name) {
    Element element = child(parent, name);
    if (element == null) {
      return null;
    }
    String text = element.getTextContent().trim();
    return text.isEmpty() ? null : text;
  }
}
