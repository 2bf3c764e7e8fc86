package org.fundchain.fund;

import java.util.List;

/** An admitted identity ({@code ed25519:<hex>} / {@code sm2:<hex>}) with its organisation and roles. */
public record SignerView(String id, String org, String name, List<String> roles, boolean enabled, long admittedAt,
        String admittedBy) {

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
