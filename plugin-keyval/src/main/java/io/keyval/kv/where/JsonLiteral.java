package io.keyval.kv.where;

/** The JSON literals a field can be tested for directly. */
public enum JsonLiteral { NULL, TRUE, FALSE }
