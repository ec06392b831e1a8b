"""Plain-Python units of hc_readiness: the readiness engine and the lens formulas. No ORM."""
