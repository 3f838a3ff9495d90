package io.buildout4j.profile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code section:option} values being substituted, innermost last: buildout's {@code seen}
 * list, used to detect circular references and to name the loop (and the referrer) in errors.
 */
final class ReferenceChain {
  private final List<String> keys = new ArrayList<>();
  private final Set<String> members = new HashSet<>();

  static String key(String section, String option) {
    return section + ":" + option;
  }

  boolean contains(String key) {
    return members.contains(key);
  }

  void push(String key) {
    keys.add(key);
    members.add(key);
  }

  void pop() {
    members.remove(keys.remove(keys.size() - 1));
  }

  /** The option whose value is being substituted now. */
  String innermost() {
    return keys.get(keys.size() - 1);
  }

  /** The loop closed by {@code key}: from its first occurrence to the end, then {@code key}. */
  List<String> loopTo(String key) {
    List<String> loop = new ArrayList<>(keys.subList(keys.indexOf(key), keys.size()));
    loop.add(key);
    return loop;
  }
}
