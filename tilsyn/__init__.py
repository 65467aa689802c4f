"""Tilsyn: case management and statistics for Statens helsetilsyn and the county governors."""
