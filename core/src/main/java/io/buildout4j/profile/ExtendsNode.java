package io.buildout4j.profile;

import java.util.List;

/**
 * A profile file in the extends tree: the layer it contributes, the files its {@code extends} and
 * {@code optional-extends} name, and whether it is a leaf (extends nothing). A file reached by
 * several paths is one node, shared.
 */
record ExtendsNode(
    String location,
    Layer layer,
    List<ExtendsNode> extended,
    List<ExtendsNode> optional,
    boolean leaf) {}
