"""The evaluation engine: from a scheme, subjects, values and records to explained results."""
