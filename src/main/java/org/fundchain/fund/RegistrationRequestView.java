package org.fundchain.fund;

import java.util.List;

/** A registration request: PENDING (waiting for an administrator) or REJECTED (with reason). */
public record RegistrationRequestView(String id, String org, String name, List<String> roles, String status,
        long requestedAt, String reason) {
}
