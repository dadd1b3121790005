"""strikemap package."""
