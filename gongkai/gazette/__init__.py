"""政府公报 (see docs/)."""
