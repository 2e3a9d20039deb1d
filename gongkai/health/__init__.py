"""网站健康 (see docs/)."""
