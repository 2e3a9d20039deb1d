"""建议提案 (see docs/)."""
