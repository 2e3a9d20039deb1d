"""政民互动 (see docs/)."""
