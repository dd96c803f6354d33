"""Static resolution: evaluating what templates compute, or saying why not."""
