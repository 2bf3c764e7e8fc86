package org.fundchain.contract.api;

import java.util.SortedMap;

/**
 * Key/value state of one contract. Keys are non-empty strings; values are canonical JSON values (map, list,
 * string, BigDecimal/Long, Boolean). Values are copied in and out, so changing a returned map changes nothing
 * until it is {@link #put} again. Numbers come back as {@code BigDecimal}; store money as strings
 * ({@link Money#format}) to keep its two decimals.
 */
public interface State {

    /** The value, or {@code null} when the key is absent. */
    Object get(String key);

    /** The value as a JSON object, or {@code null} when absent; fails if it is not an object. */
    SortedMap<String, Object> getObject(String key);

    boolean has(String key);

    /** Writes a value; {@code null} is refused (use {@link #delete}). */
    void put(String key, Object value);

    void delete(String key);

    /** Every key starting with {@code prefix} with its value, in sorted key order. */
    SortedMap<String, Object> scan(String prefix);
}
