package org.fundchain.fund;

/**
 * Filter for the project list; every field is optional (null or blank = any). {@code text} matches the project
 * id, name, department or description (case-insensitive substring).
 */
public record ProjectFilter(String text, String status, String county, String township) {
    public static final ProjectFilter ANY = new ProjectFilter(null, null, null, null);
}
