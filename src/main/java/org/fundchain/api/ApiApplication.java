package org.fundchain.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** All REST resources live under /api; versioned paths (/api/v1/...) are in the resources. */
@ApplicationPath("/api")
public class ApiApplication extends Application {
}
