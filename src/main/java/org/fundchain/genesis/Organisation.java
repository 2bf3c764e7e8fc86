package org.fundchain.genesis;

/**
 * A consortium organisation. {@code node} is the member node whose portal its users work on (an
 * organisation need not run a node of its own).
 */
public record Organisation(String id, String name, Role role, String node) {
}
