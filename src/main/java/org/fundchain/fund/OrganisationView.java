package org.fundchain.fund;

/** An organisation of the registry; {@code type} is one of the nine roles; county may be null. */
public record OrganisationView(String id, String name, String type, String account, String county, boolean enabled) {
}
